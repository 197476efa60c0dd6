/**
 * The trash: deleting a brief moves it there with everything it holds; its
 * owner restores it whole or deletes it for good; after the retention period
 * it is deleted for good by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TRASH_RETENTION_DAYS,
  type AuditResponse,
  type EmptyTrashResponse,
  type ListBriefsResponse,
  type ListTrashResponse,
} from '../../shared/api.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { AccountStore } from '../../server/auth/store.ts';
import { purgeBrief } from '../../server/briefs/trash.ts';
import { connectClient, openRaw, waitFor, waitSynced } from '../helpers/clients.ts';
import { addParagraph, plainText } from '../helpers/prosemirror.ts';
import {
  ADMIN_PASSWORD,
  login,
  startServer,
  storedDoc,
  type TestServer,
} from '../helpers/server.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('the trash', () => {
  let server: TestServer;
  /** The server's clock: real time plus whatever a test skips ahead. */
  let skipped = 0;
  let owner: { cookie: string; password: string; user: { id: string } };
  let editor: { cookie: string; user: { id: string } };
  /** Skips the server's clock ahead; sessions expire meanwhile, so olga signs in again. */
  const skip = async (ms: number) => {
    skipped += ms;
    owner.cookie = await login(server.url, 'olga', owner.password);
  };

  beforeAll(async () => {
    server = await startServer({ now: () => Date.now() + skipped });
    owner = await server.createUser('olga');
    editor = await server.createUser('eddie');
  });
  afterAll(async () => server.close());

  async function json<T>(res: Promise<Response>): Promise<T> {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  }
  const listIds = async (cookie: string, q = '') =>
    (await json<ListBriefsResponse>(server.api(`/api/briefs?q=${q}`, { cookie }))).briefs.map(
      (b) => b.id,
    );
  const trash = (cookie: string) => json<ListTrashResponse>(server.api('/api/trash', { cookie }));

  /** A brief owned by olga, shared with eddie as an editor, holding one paragraph. */
  async function briefWithText(title: string, text: string) {
    const brief = await server.createBrief(title, owner.cookie);
    const shared = await server.api(`/api/briefs/${brief.id}/members/${editor.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'editor' }),
      cookie: owner.cookie,
    });
    expect(shared.status).toBe(200);
    const client = connectClient(server.wsUrl, brief.id, { cookie: editor.cookie });
    await waitSynced(client);
    addParagraph(client.doc, text);
    await waitFor(async () => plainText(await storedDoc(server.storage, brief.id)).includes(text), {
      message: 'the paragraph stored',
    });
    return { brief, client };
  }

  it('keeps a trashed brief whole, out of everyone’s way, until its owner restores it', async () => {
    const { brief, client } = await briefWithText('Lima talks', 'Ministers meet on Friday.');
    const closed = new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );

    const trashed = await server.api(`/api/briefs/${brief.id}`, {
      method: 'DELETE',
      cookie: owner.cookie,
    });
    expect(trashed.status).toBe(204);
    // The editor typing in it is disconnected with a code that says why.
    expect(await closed).toBe(CloseCode.BriefTrashed.code);
    client.destroy();

    // Gone from the list and from search, for the owner and the editor alike.
    for (const who of [owner, editor]) {
      expect(await listIds(who.cookie)).not.toContain(brief.id);
      expect(await listIds(who.cookie, 'Lima')).not.toContain(brief.id);
    }
    // Nothing about it can be opened, read or changed while it is in the trash.
    for (const [path, method] of [
      [`/api/briefs/${brief.id}`, 'GET'],
      [`/api/briefs/${brief.id}`, 'PATCH'],
      [`/api/briefs/${brief.id}`, 'DELETE'],
      [`/api/briefs/${brief.id}/revisions`, 'GET'],
      [`/api/briefs/${brief.id}/members`, 'GET'],
    ] as const) {
      const res = await server.api(path, {
        method,
        cookie: owner.cookie,
        body: method === 'PATCH' ? '{"title":"x"}' : undefined,
      });
      expect([path, method, res.status]).toEqual([path, method, 410]);
    }
    const raw = await openRaw(`${server.wsUrl}/${brief.id}`, { cookie: editor.cookie });
    expect((await raw.closed).code).toBe(CloseCode.BriefTrashed.code);

    // The owner's trash lists it, with who trashed it and when it goes for good.
    const [entry] = (await trash(owner.cookie)).briefs.filter((b) => b.id === brief.id);
    expect(entry).toMatchObject({ title: 'Lima talks', trashedBy: 'Olga', role: 'owner' });
    expect(Date.parse(entry.purgeAt) - Date.parse(entry.trashedAt)).toBe(
      TRASH_RETENTION_DAYS * DAY,
    );
    // The editor cannot restore it, so it is not in theirs.
    expect((await trash(editor.cookie)).briefs.map((b) => b.id)).not.toContain(brief.id);

    const restored = await server.api(`/api/briefs/${brief.id}/restore`, {
      method: 'POST',
      cookie: owner.cookie,
    });
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as { brief: { title: string } }).brief.title).toBe(
      'Lima talks',
    );
    expect((await trash(owner.cookie)).briefs.map((b) => b.id)).not.toContain(brief.id);
    // Back for everyone, with its members and its text.
    expect(await listIds(editor.cookie)).toContain(brief.id);
    const again = connectClient(server.wsUrl, brief.id, { cookie: editor.cookie });
    await waitSynced(again);
    expect(plainText(again.doc)).toEqual(['Ministers meet on Friday.']);
    again.destroy();
  });

  it('refuses what the trash does not allow, and changes nothing', async () => {
    const live = await server.createBrief('Still in use', owner.cookie);
    // Only a brief in the trash can be restored or deleted for good.
    for (const [path, method] of [
      [`/api/briefs/${live.id}/restore`, 'POST'],
      [`/api/trash/${live.id}`, 'DELETE'],
    ] as const) {
      const res = await server.api(path, { method, cookie: owner.cookie });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: { code: 'conflict', message: 'This brief is not in the trash.' },
      });
    }
    expect(await listIds(owner.cookie)).toContain(live.id);

    const { brief, client } = await briefWithText('Owner only', 'Kept.');
    client.destroy();
    expect(
      (await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie: editor.cookie }))
        .status,
    ).toBe(403);
    expect(
      (await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie: owner.cookie }))
        .status,
    ).toBe(204);
    // An editor may neither restore it nor delete it for good.
    for (const [path, method] of [
      [`/api/briefs/${brief.id}/restore`, 'POST'],
      [`/api/trash/${brief.id}`, 'DELETE'],
    ] as const) {
      expect((await server.api(path, { method, cookie: editor.cookie })).status).toBe(403);
    }
    expect((await trash(owner.cookie)).briefs.map((b) => b.id)).toContain(brief.id);
    // Ids that are not briefs.
    for (const id of ['AAAAAAAAAAAAAAAA', '..%2Fetc', 'x']) {
      expect((await server.api(`/api/trash/${id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await server.api(`/api/briefs/${id}/restore`, { method: 'POST' })).status).toBe(404);
    }
    expect(plainText(await storedDoc(server.storage, brief.id))).toEqual(['Kept.']);
  });

  it('empties the trash of what the caller was shown, and only that', async () => {
    const { brief: first, client: c1 } = await briefWithText('Old draft one', 'One.');
    const { brief: second, client: c2 } = await briefWithText('Old draft two', 'Two.');
    c1.destroy();
    c2.destroy();
    const kept = await server.createBrief('Someone else’s', editor.cookie);
    const unseen = await server.createBrief('Trashed after the page loaded', owner.cookie);
    const live = await server.createBrief('Not in the trash', owner.cookie);
    for (const [brief, cookie] of [
      [first, owner.cookie],
      [second, owner.cookie],
      [kept, editor.cookie],
    ] as const) {
      expect(
        (await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie })).status,
      ).toBe(204);
    }
    const shown = (await trash(owner.cookie)).briefs.map((b) => b.id);
    expect(shown).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(shown).not.toContain(kept.id);
    expect(
      (await server.api(`/api/briefs/${unseen.id}`, { method: 'DELETE', cookie: owner.cookie }))
        .status,
    ).toBe(204);

    const empty = (ids: unknown, cookie = owner.cookie) =>
      server.api('/api/trash/empty', { method: 'POST', body: JSON.stringify({ ids }), cookie });
    // Malformed requests are refused whole: nothing is deleted.
    for (const ids of [
      undefined,
      [],
      'x',
      [first.id, 42],
      [first.id, '../x'],
      new Array(1001).fill(first.id),
    ]) {
      const res = await empty(ids);
      expect(res.status, JSON.stringify(ids)?.slice(0, 40)).toBe(400);
    }
    expect((await trash(owner.cookie)).briefs.map((b) => b.id)).toContain(first.id);

    // Someone else's brief and one not in the trash are skipped, not deleted.
    const res = await empty([...shown, kept.id, live.id]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as EmptyTrashResponse;
    expect(body.deleted).toEqual(shown);
    expect(body.skipped).toEqual([kept.id, live.id]);
    const after = (await trash(owner.cookie)).briefs.map((b) => b.id);
    expect(after).toEqual([unseen.id]);
    expect((await trash(editor.cookie)).briefs.map((b) => b.id)).toContain(kept.id);
    expect(await listIds(owner.cookie)).toContain(live.id);
    expect(await server.storage.getBrief(first.id)).toBeNull();
    const audit = await json<AuditResponse>(server.api('/api/audit'));
    expect(
      audit.entries.filter(
        (e) => e.action === 'brief.deleted' && (e.briefId === first.id || e.briefId === second.id),
      ),
    ).toHaveLength(2);
  });

  it('deletes for good once when two instances’ sweeps race', async () => {
    const { brief, client } = await briefWithText('Raced', 'Twice deleted.');
    client.destroy();
    expect(
      (await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie: owner.cookie }))
        .status,
    ).toBe(204);
    const trashed = (await server.storage.getBrief(brief.id))!;
    // Two instances' sweeps over one database, both finding the brief expired.
    const deps = {
      storage: server.storage,
      accounts: new AccountStore(server.storage.sql),
      now: Date.now,
      onTrashed: async () => undefined,
      onPurging: async () => undefined,
      onAccessChanged: () => undefined,
    };
    await Promise.all([purgeBrief(deps, trashed, null), purgeBrief(deps, trashed, null)]);
    expect(await server.storage.getBrief(brief.id)).toBeNull();
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const audit = await json<AuditResponse>(server.api('/api/audit?limit=200', { cookie: admin }));
    const deletions = audit.entries.filter(
      (e) => e.briefId === brief.id && e.action === 'brief.deleted',
    );
    expect(deletions).toHaveLength(1);
  });

  it('deletes for good when asked, and by itself after the retention period', async () => {
    const asked = await briefWithText('Delete me now', 'Short-lived.');
    asked.client.destroy();
    const expiring = await briefWithText('Forgotten', 'Nobody came back for this.');
    expiring.client.destroy();
    const recent = await briefWithText('Trashed later', 'Still wanted, perhaps.');
    recent.client.destroy();
    const trashBrief = async (id: string) =>
      expect(
        (await server.api(`/api/briefs/${id}`, { method: 'DELETE', cookie: owner.cookie })).status,
      ).toBe(204);

    await trashBrief(asked.brief.id);
    const purged = await server.api(`/api/trash/${asked.brief.id}`, {
      method: 'DELETE',
      cookie: owner.cookie,
    });
    expect(purged.status).toBe(204);
    expect((await server.api(`/api/briefs/${asked.brief.id}`)).status).toBe(404);
    expect(await server.storage.loadDocument(asked.brief.id)).toMatchObject({
      snapshot: null,
      updates: [],
    });
    const raw = await openRaw(`${server.wsUrl}/${asked.brief.id}`, { cookie: owner.cookie });
    expect((await raw.closed).code).toBe(CloseCode.BriefNotFound.code);

    await trashBrief(expiring.brief.id);
    await skip((TRASH_RETENTION_DAYS - 2) * DAY);
    await trashBrief(recent.brief.id);
    // A day short of the period: both stay.
    await skip(1 * DAY);
    await server.server.trash.sweep();
    const stillThere = (await trash(owner.cookie)).briefs.map((b) => b.id);
    expect(stillThere).toEqual(expect.arrayContaining([expiring.brief.id, recent.brief.id]));
    // Past it for the first, not for the second.
    await skip(2 * DAY);
    await server.server.trash.sweep();
    const left = (await trash(owner.cookie)).briefs.map((b) => b.id);
    expect(left).toContain(recent.brief.id);
    expect(left).not.toContain(expiring.brief.id);
    expect(await server.storage.getBrief(expiring.brief.id)).toBeNull();
    expect(plainText(await storedDoc(server.storage, recent.brief.id))).toEqual([
      'Still wanted, perhaps.',
    ]);

    // The audit log tells each step, and who took it.
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const audit = await json<AuditResponse>(server.api('/api/audit?limit=200', { cookie: admin }));
    const steps = (id: string) =>
      audit.entries
        .filter((e) => e.briefId === id)
        .map((e) => [e.action, e.actor])
        .reverse();
    expect(steps(asked.brief.id)).toEqual(
      expect.arrayContaining([
        ['brief.trashed', 'Olga'],
        ['brief.deleted', 'Olga'],
      ]),
    );
    expect(steps(expiring.brief.id)).toEqual(
      expect.arrayContaining([
        ['brief.trashed', 'Olga'],
        ['brief.deleted', 'Briefdesk'],
      ]),
    );
  });
});
