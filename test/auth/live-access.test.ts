/**
 * Access is enforced on live sockets: read-only roles cannot write even by
 * hand, and demotions, removals, sign-outs and disabled accounts take effect
 * on open connections. A change made through this instance reaches its
 * sockets at once; the tests show that by making the access feed's poll far
 * too slow to deliver it, rather than by timing it (see ACCESS_POLL_MS).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../shared/closeCodes.ts';
import { MessageType } from '../../shared/protocol.ts';
import {
  connectClient,
  openRaw,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { repoRoot, startServer, storedDoc, TEST_ENV, type TestServer } from '../helpers/server.ts';

function updateFrame(type: 1 | 2, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An access-feed poll slower than any test: only the instance's own poke can deliver a change. */
const SLOW_POLL_MS = 60_000;

describe('access on live connections', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  /** `pollMs`: how often the access feed is polled, which is how CLI changes arrive. */
  async function setup(role: 'editor' | 'viewer' | 'reviewer', pollMs = 200) {
    server = await startServer({ env: { ACCESS_POLL_MS: String(pollMs) } });
    const member = await server.createUser('mia');
    const briefId = (await server.createBrief('Live')).id;
    const res = await server.api(`/api/briefs/${briefId}/members/${member.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role }),
    });
    expect(res.status).toBe(200);
    const owner = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(owner);
    await waitSynced(owner);
    owner.text.insert(0, 'Owner text.');
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), owner.doc));
    return { briefId, member, owner };
  }

  it("a viewer's hand-crafted update frames leave the stored document byte-for-byte unchanged", async () => {
    const { briefId, member, owner } = await setup('viewer');
    const before = Y.encodeStateAsUpdate(await storedDoc(server.storage, briefId));
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: member.cookie });
    const forged = new Y.Doc();
    forged.getText('t').insert(0, 'FORGED BY A VIEWER');
    raw.send(updateFrame(2, Y.encodeStateAsUpdate(forged)));
    raw.send(updateFrame(1, Y.encodeStateAsUpdate(forged)));
    // A query round trip proves the frames were processed before we look.
    raw.send(new Uint8Array([MessageType.QueryAwareness]));
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.Awareness));
    const after = Y.encodeStateAsUpdate(await storedDoc(server.storage, briefId));
    expect(Buffer.compare(before, after)).toBe(0);
    expect(owner.text.toString()).toBe('Owner text.');
    // The viewer stays connected (presence is allowed), just read-only.
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
  });

  it('a demoted editor becomes read-only at once, not at the next poll', async () => {
    const { briefId, member, owner } = await setup('editor', SLOW_POLL_MS);
    const mia = connectClient(server.wsUrl, briefId, { cookie: member.cookie });
    clients.push(mia);
    await waitSynced(mia);
    mia.text.insert(mia.text.length, ' Mia can write.');
    await waitFor(() => owner.text.toString().includes('Mia can write.'));

    await server.api(`/api/briefs/${briefId}/members/${member.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'viewer' }),
    });
    await waitFor(
      () =>
        server.logs.some(
          (l) => l.message === 'connection role changed' && l.fields.to === 'viewer',
        ),
      { message: 'the demotion to reach the socket' },
    );
    mia.text.insert(mia.text.length, ' Not any more.');
    owner.text.insert(0, '>');
    await waitFor(() => mia.text.toString().startsWith('>'));
    expect(owner.text.toString()).not.toContain('Not any more.');
    expect((await storedDoc(server.storage, briefId)).getText('t').toString()).not.toContain(
      'Not any more.',
    );
  });

  it('a removed member is disconnected at once, not at the next poll', async () => {
    const { briefId, member } = await setup('reviewer', SLOW_POLL_MS);
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: member.cookie });
    await server.api(`/api/briefs/${briefId}/members/${member.user.id}`, { method: 'DELETE' });
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.Forbidden.code);
  });

  it('signing out ends the session and its sockets', async () => {
    const { briefId, member } = await setup('editor');
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: member.cookie });
    const out = await server.api('/api/session', { method: 'DELETE', cookie: member.cookie });
    expect(out.status).toBe(204);
    expect((await raw.closed).code).toBe(CloseCode.Unauthorized.code);
    expect((await server.api('/api/session', { cookie: member.cookie })).status).toBe(401);
  });

  it("a disabled user's sessions and sockets end at once, also when disabled from the CLI", async () => {
    const { briefId, member } = await setup('editor');
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: member.cookie });
    await server.api(`/api/users/${member.user.id}`, {
      method: 'PATCH',
      body: '{"disabled":true}',
    });
    expect((await raw.closed).code).toBe(CloseCode.Unauthorized.code);
    expect((await server.api('/api/briefs', { cookie: member.cookie })).status).toBe(401);
    const relogin = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mia', password: member.password }),
    });
    expect(relogin.status).toBe(401);

    // Another process (the CLI) changes access: the feed brings it to live sockets.
    const other = await server.createUser('nora');
    await server.api(`/api/briefs/${briefId}/members/${other.user.id}`, {
      method: 'PUT',
      body: '{"role":"viewer"}',
    });
    const noraSocket = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: other.cookie });
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/auth/cli.ts', 'disable', 'nora'],
      {
        cwd: repoRoot,
        env: { ...process.env, ...TEST_ENV, DATA_DIR: server.dataDir },
      },
    );
    // No deadline of its own: how soon depends on the machine, what it is closed with does not.
    const closed = await noraSocket.closed;
    expect(closed.code).toBe(CloseCode.Unauthorized.code);
  });
});

describe('sign-in', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const attempt = (username: string, password: string, address?: string) =>
    fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(address ? { 'x-forwarded-for': address } : {}),
      },
      body: JSON.stringify({ username, password }),
    });

  it('rate-limits failed sign-ins per account, and success clears the count', async () => {
    server = await startServer({
      env: { LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_WINDOW_SECONDS: '60' },
    });
    await server.createUser('lena');
    for (let i = 0; i < 3; i++) expect((await attempt('lena', 'wrong password')).status).toBe(401);
    const limited = await attempt('lena', 'lena-password-123');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not affected by lena's limit.
    expect((await attempt('admin', 'test-admin-password')).status).toBe(200);
  });

  it('rate-limits failed sign-ins per address', async () => {
    server = await startServer({
      env: { LOGIN_FAILURES_PER_ADDRESS: '4', LOGIN_FAILURES_PER_ACCOUNT: '100', TRUST_PROXY: '1' },
    });
    for (let i = 0; i < 4; i++)
      expect((await attempt(`nobody${i}`, 'x', '10.0.0.7')).status).toBe(401);
    expect((await attempt('admin', 'test-admin-password', '10.0.0.7')).status).toBe(429);
    expect((await attempt('admin', 'test-admin-password', '10.0.0.8')).status).toBe(200);
  });

  it('expires sessions after their lifetime', async () => {
    let now = Date.now();
    server = await startServer({ env: { SESSION_TTL_HOURS: '1' }, now: () => now });
    expect((await server.api('/api/session')).status).toBe(200);
    now += 2 * 3600_000;
    expect((await server.api('/api/session')).status).toBe(401);
  });
});
