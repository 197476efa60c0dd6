/**
 * A person changes their own password (POST /api/session/password): only
 * with the current one, to one the rules allow; their other sessions end and
 * this one stays; wrong guesses count like failed sign-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServer, type TestServer } from '../helpers/server.ts';

describe('changing your own password', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  const change = (cookie: string, body: unknown) =>
    server.api('/api/session/password', { method: 'POST', body: JSON.stringify(body), cookie });
  const signedIn = async (cookie: string) =>
    (await server.api('/api/session', { cookie })).status === 200;
  const message = async (res: Response) =>
    ((await res.json()) as { error: { message: string } }).error.message;

  it('needs the current password, keeps this session and ends the others', async () => {
    const { user, cookie, password } = await server.createUser('pat');
    const laptop = await login(server.url, 'pat', password);

    const wrong = await change(cookie, {
      current: 'not-the-password',
      next: 'a-new-long-password',
    });
    expect(wrong.status).toBe(400);
    expect(await message(wrong)).toMatch(/current password is not right/);
    const short = await change(cookie, { current: password, next: 'short' });
    expect(short.status).toBe(400);
    expect(await message(short)).toMatch(/at least 10 characters/);
    const same = await change(cookie, { current: password, next: password });
    expect(same.status).toBe(400);
    expect(await signedIn(laptop)).toBe(true);
    expect((await change(cookie, { current: password })).status).toBe(400);

    const ok = await change(cookie, { current: password, next: 'a-new-long-password' });
    expect(ok.status).toBe(204);
    expect(await signedIn(cookie)).toBe(true);
    expect(await signedIn(laptop)).toBe(false);
    await expect(login(server.url, 'pat', password)).rejects.toThrow(/401/);
    expect(await signedIn(await login(server.url, 'pat', 'a-new-long-password'))).toBe(true);

    const audit = (await (await server.api('/api/audit?limit=20')).json()) as {
      entries: Array<{ action: string; detail: { userId?: string } }>;
    };
    const mine = audit.entries.filter((e) => e.detail.userId === user.id).map((e) => e.action);
    expect(mine).toContain('user.password_changed');
    expect(mine).toContain('user.password_change_failed');
  });

  it('counts wrong current passwords towards the sign-in limit', async () => {
    const { cookie } = await server.createUser('quin');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await change(cookie, { current: `guess-${i}`, next: 'a-new-long-password' })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    expect(
      (await server.api('/api/session/password', { method: 'POST', body: '{}', cookie: null }))
        .status,
    ).toBe(401);
  });

  it('tells a disabled account only that sign-in failed, and the audit log why', async () => {
    const { user, password } = await server.createUser('rue');
    // Failed sign-ins are logged under the name typed (there may be no such account).
    expect(
      (
        await server.api(`/api/users/${user.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ disabled: true }),
        })
      ).status,
    ).toBe(200);
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rue', password }),
    });
    expect(res.status).toBe(401);
    expect(await message(res)).toBe('That username and password do not match.');
    await login(server.url, 'rue', 'wrong-password').catch(() => undefined);
    const audit = (await (await server.api('/api/audit?limit=50')).json()) as {
      entries: Array<{ action: string; actor: string | null; detail: { reason?: string } }>;
    };
    const reasons = audit.entries
      .filter((e) => e.action === 'login.failed' && e.actor === 'rue')
      .map((e) => e.detail.reason);
    expect(reasons.sort()).toEqual(['account disabled', 'wrong password']);
  });
});
