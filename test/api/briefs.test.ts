import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefSummary } from '../../shared/api.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { connectClient, openRaw, waitSynced } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('briefs API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  const api = (path: string, init: Parameters<TestServer['api']>[1] = {}) => server.api(path, init);

  it('answers health', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('creates, lists, searches, renames and moves to the trash', async () => {
    const created = await api('/api/briefs', {
      method: 'POST',
      body: JSON.stringify({ title: '  Secretary’s trip: Panamá  ' }),
    });
    expect(created.status).toBe(201);
    const { brief } = (await created.json()) as { brief: { id: string; title: string } };
    expect(brief.title).toBe('Secretary’s trip: Panamá');
    const untitled = await api('/api/briefs', { method: 'POST', body: '{}' });
    expect(((await untitled.json()) as { brief: { title: string } }).brief.title).toBe(
      'Untitled brief',
    );

    const list = (await (await api('/api/briefs')).json()) as { briefs: { id: string }[] };
    expect(list.briefs.map((b) => b.id)).toContain(brief.id);
    const search = (await (await api('/api/briefs?q=PANAM')).json()) as {
      briefs: { id: string }[];
    };
    expect(search.briefs.map((b) => b.id)).toEqual([brief.id]);

    const renamed = await api(`/api/briefs/${brief.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'Renamed' }),
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { brief: { title: string } }).brief.title).toBe('Renamed');

    const deleted = await api(`/api/briefs/${brief.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const gone = await api(`/api/briefs/${brief.id}`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({
      error: { code: 'trashed', message: 'This brief is in the trash.' },
    });
  });

  it('names each brief’s owner, to its members and to admins', async () => {
    const dana = await server.createUser('dana');
    const sam = await server.createUser('sam');
    const own = await server.createBrief('Dana’s brief', dana.cookie);
    expect(own.owner).toEqual({ id: dana.user.id, username: 'dana', displayName: 'Dana' });
    const share = await api(`/api/briefs/${own.id}/members/${sam.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'editor' }),
      cookie: dana.cookie,
    });
    expect(share.status).toBe(200);
    const ownerIn = async (path: string, cookie?: string) => {
      const body = (await (await api(path, { cookie })).json()) as {
        briefs?: BriefSummary[];
        brief?: BriefSummary;
      };
      const brief = body.brief ?? body.briefs?.find((b) => b.id === own.id);
      return { role: brief?.role, owner: brief?.owner?.username };
    };
    // The member sees whose brief it is; the admin acts as owner but is not named one.
    expect(await ownerIn('/api/briefs', sam.cookie)).toEqual({ role: 'editor', owner: 'dana' });
    expect(await ownerIn(`/api/briefs/${own.id}`, sam.cookie)).toEqual({
      role: 'editor',
      owner: 'dana',
    });
    expect(await ownerIn('/api/briefs')).toEqual({ role: 'owner', owner: 'dana' });
    const renamed = await api(`/api/briefs/${own.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'Renamed by Sam' }),
      cookie: sam.cookie,
    });
    expect(((await renamed.json()) as { brief: BriefSummary }).brief.owner?.username).toBe('dana');
    // In the trash too: an admin's trash holds everyone's briefs.
    expect(
      (await api(`/api/briefs/${own.id}`, { method: 'DELETE', cookie: dana.cookie })).status,
    ).toBe(204);
    expect(await ownerIn('/api/trash')).toEqual({ role: 'owner', owner: 'dana' });
  });

  it('refuses bad bodies with JSON errors and changes nothing', async () => {
    const before = ((await (await api('/api/briefs')).json()) as { briefs: unknown[] }).briefs;
    const cases: Array<[RequestInit, number, string]> = [
      [{ method: 'POST', body: '{"title":' }, 400, 'invalid_json'],
      [{ method: 'POST', body: '[1,2]' }, 400, 'bad_request'],
      [{ method: 'POST', body: '{"title": 5}' }, 400, 'bad_request'],
      [{ method: 'POST', body: '{"title": "x", "admin": true}' }, 400, 'bad_request'],
      [{ method: 'POST', body: JSON.stringify({ title: 'x'.repeat(201) }) }, 400, 'bad_request'],
      // Names every object has, and a prototype, are still unknown fields.
      [{ method: 'POST', body: '{"constructor": "x"}' }, 400, 'bad_request'],
      [{ method: 'POST', body: '{"toString": 1}' }, 400, 'bad_request'],
      [{ method: 'POST', body: '{"__proto__": {}}' }, 400, 'bad_request'],
      // Not UTF-8: refused, not stored with U+FFFD in place of the bytes.
      [
        {
          method: 'POST',
          body: Buffer.from([...Buffer.from('{"title":"a'), 0xff, 0xfe, 0x22, 0x7d]),
        },
        400,
        'invalid_json',
      ],
      [
        { method: 'POST', body: 'title=x', headers: { 'content-type': 'text/plain' } },
        415,
        'unsupported_media_type',
      ],
      [
        { method: 'POST', body: JSON.stringify({ title: 'x'.repeat(2_000_000) }) },
        413,
        'payload_too_large',
      ],
      [{ method: 'PUT', body: '{}' }, 405, 'method_not_allowed'],
    ];
    for (const [init, status, code] of cases) {
      const res = await api('/api/briefs', init);
      expect(res.status, JSON.stringify(init).slice(0, 80)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const after = ((await (await api('/api/briefs')).json()) as { briefs: unknown[] }).briefs;
    expect(after).toEqual(before);

    const created = await server.createBrief('Keep');
    const emptyTitle = await api(`/api/briefs/${created.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: '   ' }),
    });
    expect(emptyTitle.status).toBe(400);
    expect((await server.storage.getBrief(created.id))?.title).toBe('Keep');
    expect((await api('/api/briefs/..%2F..%2Fetc')).status).toBe(404);
    expect((await api('/api/nothing-here')).status).toBe(404);
  });

  it('trashing a brief disconnects its collaborators with a named code', async () => {
    const brief = await server.createBrief('Doomed');
    const client = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    await waitSynced(client);
    const closed = new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    await api(`/api/briefs/${brief.id}`, { method: 'DELETE' });
    expect(await closed).toBe(CloseCode.BriefTrashed.code);
    client.destroy();
    const trashed = await openRaw(`${server.wsUrl}/${brief.id}`, { cookie: server.cookie });
    expect((await trashed.closed).code).toBe(CloseCode.BriefTrashed.code);
    // Deleted for good, it is not found at all.
    expect((await api(`/api/trash/${brief.id}`, { method: 'DELETE' })).status).toBe(204);
    const raw = await openRaw(`${server.wsUrl}/${brief.id}`, { cookie: server.cookie });
    expect((await raw.closed).code).toBe(CloseCode.BriefNotFound.code);
  });

  it('serves the client for app routes and refuses traversal', async () => {
    const res = await fetch(`${server.url}/b/anything`);
    expect([200, 503]).toContain(res.status);
    const traversal = await fetch(`${server.url}/..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
  });
});
