/**
 * Transferring ownership: the owner (or an admin) hands a brief to someone
 * else, who gets everything an owner may do; the owner before them stays on
 * as an editor, live connection included. Anyone else is refused, and a
 * refused or malformed request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, ListMembersResponse, MemberSummary } from '../../shared/api.ts';
import { connectClient, sameState, waitFor, waitSynced } from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

/** An access-feed poll slower than the test: only the route's own poke can reach the socket. */
const SLOW_POLL_MS = 60_000;

describe('transferring ownership', () => {
  let server: TestServer;
  type Person = Awaited<ReturnType<TestServer['createUser']>>;
  let olga: Person;
  let eddie: Person;
  let vera: Person;

  beforeAll(async () => {
    server = await startServer({ env: { ACCESS_POLL_MS: String(SLOW_POLL_MS) } });
    olga = await server.createUser('olga');
    eddie = await server.createUser('eddie');
    vera = await server.createUser('vera');
  });
  afterAll(async () => server.close());

  const share = async (briefId: string, who: Person, role: string, cookie = olga.cookie) => {
    const res = await server.api(`/api/briefs/${briefId}/members/${who.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role }),
      cookie,
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  /** A brief owned by olga, with eddie as an editor and vera as a viewer. */
  const sharedBrief = async (title: string) => {
    const brief = await server.createBrief(title, olga.cookie);
    await share(brief.id, eddie, 'editor');
    await share(brief.id, vera, 'viewer');
    return brief;
  };
  const transfer = (briefId: string, body: string, cookie: string) =>
    server.api(`/api/briefs/${briefId}/owner`, { method: 'POST', body, cookie });
  /** username → stored role, as the members list reports it. */
  const roles = (members: MemberSummary[]) =>
    Object.fromEntries(members.map((m) => [m.user.username, m.role]));
  const membersOf = async (briefId: string) => {
    const res = await server.api(`/api/briefs/${briefId}/members`);
    expect(res.status).toBe(200);
    return roles(((await res.json()) as ListMembersResponse).members);
  };

  it('makes the new owner the owner and keeps the old owner on as an editor', async () => {
    const brief = await sharedBrief('Quito visit');
    const res = await transfer(brief.id, JSON.stringify({ userId: eddie.user.id }), olga.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    const after = { olga: 'editor', eddie: 'owner', vera: 'viewer' };
    expect(roles(((await res.json()) as ListMembersResponse).members)).toEqual(after);
    expect(await membersOf(brief.id)).toEqual(after);

    // olga can no longer share, but still edits.
    const reshare = await server.api(`/api/briefs/${brief.id}/members/${vera.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'editor' }),
      cookie: olga.cookie,
    });
    expect(reshare.status).toBe(403);
    const rename = await server.api(`/api/briefs/${brief.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'Quito visit, renamed by olga' }),
      cookie: olga.cookie,
    });
    expect(rename.status).toBe(200);
    expect(((await rename.json()) as { brief: { role: string } }).brief.role).toBe('editor');
    // Nor can she take it back.
    const back = await transfer(brief.id, JSON.stringify({ userId: olga.user.id }), olga.cookie);
    expect(back.status).toBe(403);

    // The audit log names both people.
    const audit = (await (await server.api(`/api/audit?limit=50`)).json()) as AuditResponse;
    const entry = audit.entries.find(
      (e) => e.action === 'brief.ownership_transferred' && e.briefId === brief.id,
    );
    expect(entry).toMatchObject({
      actor: 'Olga',
      detail: {
        from: { userId: olga.user.id, username: 'olga' },
        to: { userId: eddie.user.id, username: 'eddie' },
      },
    });

    // The new owner has everything an owner has, down to moving it to the trash.
    const trashed = await server.api(`/api/briefs/${brief.id}`, {
      method: 'DELETE',
      cookie: eddie.cookie,
    });
    expect(trashed.status).toBe(204);
  });

  it("keeps the old owner's live connection open and writable, as an editor's", async () => {
    const brief = await sharedBrief('Bogotá notes');
    const owner = connectClient(server.wsUrl, brief.id, { cookie: olga.cookie });
    try {
      await waitSynced(owner);
      const res = await transfer(brief.id, JSON.stringify({ userId: eddie.user.id }), olga.cookie);
      expect(res.status).toBe(200);
      await waitFor(
        () =>
          server.logs.some(
            (l) =>
              l.message === 'connection role changed' &&
              l.fields.brief === brief.id &&
              l.fields.from === 'owner' &&
              l.fields.to === 'editor',
          ),
        { message: 'the transfer to reach the socket' },
      );
      owner.text.insert(0, 'Still writing after the handover.');
      await waitFor(async () => sameState(await storedDoc(server.storage, brief.id), owner.doc), {
        message: "the old owner's text stored",
      });
      expect(owner.provider.wsconnected).toBe(true);
    } finally {
      owner.destroy();
    }
  });

  it('refuses anyone who is not the owner or an admin, and changes nothing', async () => {
    const brief = await sharedBrief('Lima memo');
    const before = await membersOf(brief.id);
    for (const who of [eddie, vera]) {
      const res = await transfer(brief.id, JSON.stringify({ userId: who.user.id }), who.cookie);
      expect([who.user.username, res.status]).toEqual([who.user.username, 403]);
    }
    expect(await membersOf(brief.id)).toEqual(before);
  });

  it("lets an admin transfer someone else's brief", async () => {
    const brief = await sharedBrief('Caracas brief');
    // server.api signs in as the admin by default.
    const res = await transfer(brief.id, JSON.stringify({ userId: vera.user.id }), server.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await membersOf(brief.id)).toEqual({ olga: 'editor', eddie: 'editor', vera: 'owner' });
  });

  it('refuses unknown, disabled and current owners, and malformed bodies, changing nothing', async () => {
    const brief = await sharedBrief('Santiago draft');
    const before = await membersOf(brief.id);
    const gone = await server.createUser('gone');
    const disabled = await server.api(`/api/users/${gone.user.id}`, {
      method: 'PATCH',
      body: '{"disabled":true}',
    });
    expect(disabled.status).toBe(200);

    const cases: Array<[string, string, number]> = [
      ['unknown user', JSON.stringify({ userId: 'no-such-user' }), 404],
      ['disabled user', JSON.stringify({ userId: gone.user.id }), 404],
      ['the current owner', JSON.stringify({ userId: olga.user.id }), 400],
      ['no body', '', 400],
      ['no userId', '{}', 400],
      ['a number', '{"userId":42}', 400],
      ['null', '{"userId":null}', 400],
      ['an empty id', '{"userId":""}', 400],
      ['an array', JSON.stringify([eddie.user.id]), 400],
      ['an extra field', JSON.stringify({ userId: eddie.user.id, role: 'viewer' }), 400],
      ['broken JSON', '{"userId":', 400],
    ];
    for (const [what, body, status] of cases) {
      const res = await transfer(brief.id, body, olga.cookie);
      expect([what, res.status]).toEqual([what, status]);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
    }
    const same = await transfer(brief.id, JSON.stringify({ userId: olga.user.id }), olga.cookie);
    expect(((await same.json()) as { error: { message: string } }).error.message).toBe(
      'Olga already owns this brief.',
    );
    expect(await membersOf(brief.id)).toEqual(before);
  });

  it('answers 410 for a brief in the trash, as every other route does', async () => {
    const brief = await sharedBrief('Trashed one');
    expect(
      (await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie: olga.cookie }))
        .status,
    ).toBe(204);
    const res = await transfer(brief.id, JSON.stringify({ userId: eddie.user.id }), olga.cookie);
    expect(res.status).toBe(410);
  });
});
