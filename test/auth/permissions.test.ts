/**
 * The permission matrix: every route and the WebSocket, called as each kind
 * of caller, gets the expected status or close code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { AuthService } from '../../server/auth/service.ts';
import { openRaw } from '../helpers/clients.ts';
import { login, startServer, type TestServer } from '../helpers/server.ts';

type Caller =
  'none' | 'expired' | 'outsider' | 'viewer' | 'reviewer' | 'editor' | 'owner' | 'admin';
const CALLERS: Caller[] = [
  'none',
  'expired',
  'outsider',
  'viewer',
  'reviewer',
  'editor',
  'owner',
  'admin',
];

describe('permission matrix', () => {
  let server: TestServer;
  let briefId: string;
  /** A named version of the matrix brief, for the routes that take a revision. */
  let revisionId: number;
  const cookies = {} as Record<Caller, string | null>;
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const owner = await server.createUser('olivia');
    const editor = await server.createUser('ed');
    const reviewer = await server.createUser('rita', 'manager');
    const viewer = await server.createUser('vic');
    const outsider = await server.createUser('otto');
    const expired = await server.createUser('exa');
    Object.assign(ids, {
      owner: owner.user.id,
      editor: editor.user.id,
      reviewer: reviewer.user.id,
      viewer: viewer.user.id,
      outsider: outsider.user.id,
      expired: expired.user.id,
    });
    briefId = (await server.createBrief('Matrix', owner.cookie)).id;
    for (const [who, role] of [
      [editor, 'editor'],
      [reviewer, 'reviewer'],
      [viewer, 'viewer'],
      [expired, 'editor'],
    ] as const) {
      const res = await server.api(`/api/briefs/${briefId}/members/${who.user.id}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
        cookie: owner.cookie,
      });
      expect(res.status).toBe(200);
    }
    // The outsider is a member of another brief only.
    await server.createBrief('Elsewhere', outsider.cookie);
    // Expire one session directly in storage.
    const token = decodeURIComponent(expired.cookie.split('=')[1]);
    await server.storage.sql.run('UPDATE sessions SET expires_at = 0 WHERE id = ?', [
      AuthService.tokenId(token),
    ]);
    const saved = await server.api(`/api/briefs/${briefId}/revisions`, {
      method: 'POST',
      body: '{"name":"Matrix draft"}',
      cookie: owner.cookie,
    });
    expect(saved.status).toBe(201);
    revisionId = ((await saved.json()) as { revision: { id: number } }).revision.id;
    Object.assign(cookies, {
      none: null,
      expired: expired.cookie,
      outsider: outsider.cookie,
      viewer: viewer.cookie,
      reviewer: reviewer.cookie,
      editor: editor.cookie,
      owner: owner.cookie,
      admin: server.cookie,
    });
  });
  afterAll(async () => server.close());

  /** Expected status per caller; `fresh` routes get a new brief (and member) per call. */
  interface RouteCase {
    name: string;
    call: (cookie: string | null) => Promise<Response>;
    expect: Record<Caller, number>;
  }
  const anyone = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: ok,
      viewer: ok,
      reviewer: ok,
      editor: ok,
      owner: ok,
      admin: ok,
    }) as const;
  const members = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: ok,
      reviewer: ok,
      editor: ok,
      owner: ok,
      admin: ok,
    }) as const;
  const writers = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: 403,
      reviewer: 403,
      editor: ok,
      owner: ok,
      admin: ok,
    }) as const;
  /** Who may see revisions and compare them: members above viewer. */
  const historians = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: 403,
      reviewer: ok,
      editor: ok,
      owner: ok,
      admin: ok,
    }) as const;
  const approvers = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: 403,
      reviewer: ok,
      editor: 403,
      owner: ok,
      admin: ok,
    }) as const;
  const owners = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: 403,
      reviewer: 403,
      editor: 403,
      owner: ok,
      admin: ok,
    }) as const;
  const admins = (ok: number) =>
    ({
      none: 401,
      expired: 401,
      outsider: 403,
      viewer: 403,
      reviewer: 403,
      editor: 403,
      owner: 403,
      admin: ok,
    }) as const;

  /** A brief owned by olivia with everyone's roles, for routes that destroy things. */
  async function freshBrief(): Promise<string> {
    const id = (await server.createBrief('Fresh', cookies.owner!)).id;
    for (const [who, role] of [
      ['editor', 'editor'],
      ['reviewer', 'reviewer'],
      ['viewer', 'viewer'],
      ['expired', 'editor'],
    ] as const) {
      await server.api(`/api/briefs/${id}/members/${ids[who]}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
        cookie: cookies.owner,
      });
    }
    return id;
  }

  /** A fresh brief (see freshBrief) that its owner has moved to the trash. */
  async function trashedBrief(): Promise<string> {
    const id = await freshBrief();
    const res = await server.api(`/api/briefs/${id}`, { method: 'DELETE', cookie: cookies.owner });
    expect(res.status).toBe(204);
    return id;
  }

  const cases: RouteCase[] = [
    {
      name: 'GET /api/session',
      call: (c) => server.api('/api/session', { cookie: c }),
      expect: anyone(200),
    },
    {
      name: 'GET /api/briefs',
      call: (c) => server.api('/api/briefs', { cookie: c }),
      expect: anyone(200),
    },
    {
      name: 'POST /api/briefs',
      call: (c) => server.api('/api/briefs', { method: 'POST', body: '{}', cookie: c }),
      expect: anyone(201),
    },
    {
      name: 'GET /api/briefs/:id',
      call: (c) => server.api(`/api/briefs/${briefId}`, { cookie: c }),
      expect: members(200),
    },
    {
      name: 'PATCH /api/briefs/:id',
      call: (c) =>
        server.api(`/api/briefs/${briefId}`, {
          method: 'PATCH',
          body: '{"title":"Renamed"}',
          cookie: c,
        }),
      expect: writers(200),
    },
    {
      name: 'GET /api/briefs/:id/members',
      call: (c) => server.api(`/api/briefs/${briefId}/members`, { cookie: c }),
      expect: members(200),
    },
    {
      name: 'PUT /api/briefs/:id/members/:user',
      call: (c) =>
        server.api(`/api/briefs/${briefId}/members/${ids.viewer}`, {
          method: 'PUT',
          body: '{"role":"viewer"}',
          cookie: c,
        }),
      expect: owners(200),
    },
    {
      name: 'DELETE /api/briefs/:id/members/:user',
      call: async (c) =>
        server.api(`/api/briefs/${await freshBrief()}/members/${ids.viewer}`, {
          method: 'DELETE',
          cookie: c,
        }),
      expect: owners(204),
    },
    {
      name: 'DELETE /api/briefs/:id',
      call: async (c) =>
        server.api(`/api/briefs/${await freshBrief()}`, { method: 'DELETE', cookie: c }),
      expect: owners(204),
    },
    {
      name: 'GET /api/trash',
      call: (c) => server.api('/api/trash', { cookie: c }),
      expect: anyone(200),
    },
    {
      name: 'GET /api/briefs/:id of a brief in the trash',
      call: async (c) => server.api(`/api/briefs/${await trashedBrief()}`, { cookie: c }),
      expect: { ...owners(410), viewer: 410, reviewer: 410, editor: 410 },
    },
    {
      name: 'POST /api/briefs/:id/restore',
      call: async (c) =>
        server.api(`/api/briefs/${await trashedBrief()}/restore`, { method: 'POST', cookie: c }),
      expect: owners(200),
    },
    {
      name: 'DELETE /api/trash/:id',
      call: async (c) =>
        server.api(`/api/trash/${await trashedBrief()}`, { method: 'DELETE', cookie: c }),
      expect: owners(204),
    },
    {
      name: 'GET /api/briefs/:id/revisions',
      call: (c) => server.api(`/api/briefs/${briefId}/revisions`, { cookie: c }),
      expect: historians(200),
    },
    {
      name: 'GET /api/briefs/:id/revisions/:rev',
      call: (c) => server.api(`/api/briefs/${briefId}/revisions/${revisionId}`, { cookie: c }),
      expect: historians(200),
    },
    {
      name: 'GET /api/briefs/:id/compare',
      call: (c) =>
        server.api(`/api/briefs/${briefId}/compare?from=${revisionId}&to=current`, {
          cookie: c,
        }),
      expect: historians(200),
    },
    {
      name: 'GET /api/briefs/:id/approval',
      call: (c) => server.api(`/api/briefs/${briefId}/approval`, { cookie: c }),
      expect: members(200),
    },
    {
      name: 'POST /api/briefs/:id/revisions',
      call: (c) =>
        server.api(`/api/briefs/${briefId}/revisions`, {
          method: 'POST',
          body: '{"name":"Checkpoint"}',
          cookie: c,
        }),
      expect: writers(201),
    },
    {
      name: 'POST /api/briefs/:id/revisions/:rev/restore',
      call: (c) =>
        server.api(`/api/briefs/${briefId}/revisions/${revisionId}/restore`, {
          method: 'POST',
          cookie: c,
        }),
      expect: writers(200),
    },
    {
      name: 'POST /api/briefs/:id/revisions/:rev/approve',
      call: (c) =>
        server.api(`/api/briefs/${briefId}/revisions/${revisionId}/approve`, {
          method: 'POST',
          cookie: c,
        }),
      expect: approvers(200),
    },
    {
      name: 'GET /api/users',
      call: (c) => server.api('/api/users', { cookie: c }),
      expect: anyone(200),
    },
    {
      name: 'POST /api/users',
      call: (c) =>
        server.api('/api/users', {
          method: 'POST',
          body: JSON.stringify({
            username: `u${Math.random().toString(36).slice(2, 10)}`,
            displayName: 'New person',
            role: 'staff',
          }),
          cookie: c,
        }),
      expect: admins(201),
    },
    {
      name: 'PATCH /api/users/:id',
      call: (c) =>
        server.api(`/api/users/${ids.outsider}`, {
          method: 'PATCH',
          body: '{"displayName":"Otto"}',
          cookie: c,
        }),
      expect: admins(200),
    },
    {
      name: 'GET /api/audit',
      call: (c) => server.api('/api/audit', { cookie: c }),
      expect: admins(200),
    },
  ];

  for (const route of cases) {
    it(route.name, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) got[caller] = (await route.call(cookies[caller])).status;
      expect(got).toEqual(route.expect);
    });
  }

  it('the WebSocket admits members and closes the rest with named codes', async () => {
    const expected: Record<Caller, number | 'open'> = {
      none: CloseCode.Unauthorized.code,
      expired: CloseCode.Unauthorized.code,
      outsider: CloseCode.Forbidden.code,
      viewer: 'open',
      reviewer: 'open',
      editor: 'open',
      owner: 'open',
      admin: 'open',
    };
    const got: Record<string, number | 'open'> = {};
    for (const caller of CALLERS) {
      const raw = await openRaw(`${server.wsUrl}/${briefId}`, {
        cookie: cookies[caller] ?? undefined,
      });
      // An admitted socket is greeted with sync step 1; a refused one is closed.
      got[caller] = await Promise.race([
        raw.closed.then((c) => c.code),
        new Promise<'open'>((resolve) => {
          const check = () => (raw.messages.length > 0 ? resolve('open') : setTimeout(check, 5));
          check();
        }),
      ]);
      raw.ws.close();
    }
    expect(got).toEqual(expected);
  });

  it('a brief that does not exist is 404 for the API and 4404 for the socket', async () => {
    expect(
      (await server.api('/api/briefs/AAAAAAAAAAAAAAAA', { cookie: cookies.admin })).status,
    ).toBe(404);
    const raw = await openRaw(`${server.wsUrl}/AAAAAAAAAAAAAAAA`, { cookie: cookies.admin! });
    expect((await raw.closed).code).toBe(CloseCode.BriefNotFound.code);
  });

  it('never returns password hashes or session tokens', async () => {
    const bodies = await Promise.all([
      server.api('/api/users').then((r) => r.text()),
      server.api('/api/session').then((r) => r.text()),
      server.api('/api/audit').then((r) => r.text()),
      server.api(`/api/briefs/${briefId}/members`).then((r) => r.text()),
    ]);
    const token = decodeURIComponent(server.cookie.split('=')[1]);
    for (const body of bodies) {
      expect(body).not.toContain('scrypt$');
      expect(body).not.toContain('passwordHash');
      expect(body).not.toContain(token);
      expect(body).not.toContain(AuthService.tokenId(token));
    }
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }),
    });
    const text = await login.text();
    const fresh = decodeURIComponent(
      (login.headers.get('set-cookie') ?? '').split(';')[0].split('=')[1],
    );
    expect(text).not.toContain(fresh);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
  });

  it('refuses cross-site requests (CSRF) and cross-site sockets', async () => {
    const crossSite = await server.api('/api/briefs', {
      method: 'POST',
      body: '{}',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const sameSite = await server.api('/api/briefs', {
      method: 'POST',
      body: '{}',
      headers: { origin: server.url },
    });
    expect(sameSite.status).toBe(201);
    // A cookie-bearing request with neither Origin nor the API header is refused too.
    const bare = await fetch(`${server.url}/api/briefs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: server.cookie },
      body: '{}',
    });
    expect(bare.status).toBe(403);
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, {
      cookie: server.cookie,
      origin: 'https://evil.example',
    });
    expect((await raw.closed).code).toBe(CloseCode.OriginRejected.code);
  });

  it('records logins and membership changes in the audit log', async () => {
    await login(server.url, 'vic', 'vic-password-123');
    const res = await server.api('/api/audit?limit=500');
    const { entries } = (await res.json()) as {
      entries: Array<{ action: string; briefId: string | null }>;
    };
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'login',
      'member.added',
      'member.changed',
      'member.removed',
      'user.created',
      'brief.deleted',
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it('refuses an account change that changes nothing, and records none', async () => {
    const audit = async () =>
      ((await (await server.api('/api/audit?limit=500')).json()) as { entries: unknown[] }).entries
        .length;
    const before = await audit();
    const res = await server.api(`/api/users/${ids.outsider}`, { method: 'PATCH', body: '{}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /displayName/,
    );
    expect(await audit()).toBe(before);
  });

  it('refuses audit paging that is not a whole number in range', async () => {
    for (const query of [
      'limit=1.5',
      'limit=0',
      'limit=501',
      'limit=abc',
      'before=1.5',
      'before=-3',
    ]) {
      const res = await server.api(`/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    const page = await server.api('/api/audit?limit=2');
    expect(((await page.json()) as { entries: unknown[] }).entries).toHaveLength(2);
  });
});
