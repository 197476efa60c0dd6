/** Session (sign in/out), user administration and the audit log. */
import {
  DISPLAY_NAME_MAX_LENGTH,
  type AccountSummary,
  type AuditEntry,
  type UserSummary,
} from '../../shared/api.ts';
import { isOrgRole, type OrgRole } from '../../shared/roles.ts';
import type { AuthConfig } from '../config.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { optional, parseObject, readJsonBody, text, type FieldParser } from '../http/body.ts';
import { wholeNumber } from '../http/params.ts';
import type { Router } from '../http/router.ts';
import { clearedSessionCookie, clientAddress, isHttps, sessionCookie } from './cookies.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';
import type { AuthService } from './service.ts';
import type { AuditLogRecord, UserRecord } from './store.ts';

export interface AuthRoutesDeps {
  auth: AuthService;
  config: AuthConfig;
  maxBodyBytes: number;
  /** Called after an access change so live sockets are re-checked at once. */
  onAccessChanged: () => void;
}

const orgRole: FieldParser<OrgRole> = (value, field) => {
  if (!isOrgRole(value)) throw badRequest(`"${field}" must be admin, manager or staff.`);
  return value;
};
const bool: FieldParser<boolean> = (value, field) => {
  if (typeof value !== 'boolean') throw badRequest(`"${field}" must be true or false.`);
  return value;
};
// Passwords are taken as typed: no trimming, no control-character folding.
const password: FieldParser<string> = (value, field) => {
  if (typeof value !== 'string' || value.length === 0) {
    throw badRequest(`"${field}" must be a non-empty string.`);
  }
  if (value.length > MAX_PASSWORD_LENGTH) throw badRequest(`"${field}" is too long.`);
  return value;
};

export function registerAuthRoutes(router: Router, deps: AuthRoutesDeps): void {
  const { auth } = deps;

  router.addPublic('POST', '/api/session', async ({ req }) => {
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      username: text({ max: 64, min: 1 }),
      password,
    });
    const address = clientAddress(req, deps.config.trustProxy);
    const { user, token } = await auth.login(
      body.username,
      body.password,
      address,
      String(req.headers['user-agent'] ?? ''),
    );
    const cookie = sessionCookie(token, {
      secure: isHttps(req, deps.config.trustProxy),
      maxAgeSeconds: Math.floor(deps.config.sessionTtlMs / 1000),
    });
    return { body: { user: toAccount(user) }, headers: { 'set-cookie': cookie } };
  });

  router.addPublic('GET', '/api/session', ({ auth: current }) => {
    if (!current) throw new HttpError(401, 'unauthorized', 'Not signed in.');
    return { body: { user: toAccount(current.user) } };
  });

  router.addPublic('DELETE', '/api/session', async ({ req, auth: current }) => {
    if (current) {
      await auth.logout(current);
      deps.onAccessChanged();
    }
    return {
      status: 204,
      headers: { 'set-cookie': clearedSessionCookie(isHttps(req, deps.config.trustProxy)) },
    };
  });

  router.add('POST', '/api/session/password', async ({ req, auth: current }) => {
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      current: password,
      next: password,
    });
    await auth.changeOwnPassword(
      current,
      body.current,
      body.next,
      clientAddress(req, deps.config.trustProxy),
    );
    // Their other sessions' sockets close, on every instance.
    deps.onAccessChanged();
    return { status: 204 };
  });

  router.add('GET', '/api/users', async ({ auth: current }) => {
    const users = await auth.store.listUsers();
    if (current.user.role === 'admin') return { body: { users: users.map(toAccount) } };
    return { body: { users: users.filter((u) => !u.disabled).map(toUserSummary) } };
  });

  router.add(
    'POST',
    '/api/users',
    async ({ req, auth: current }) => {
      const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
        username: text({ max: 32, min: 2 }),
        displayName: text({ max: DISPLAY_NAME_MAX_LENGTH, min: 1 }),
        role: orgRole,
        password: optional(password),
      });
      const { user, generatedPassword } = await auth.createUser(body, current.user);
      return { status: 201, body: { user: toAccount(user), generatedPassword } };
    },
    'admin',
  );

  router.add(
    'PATCH',
    '/api/users/:id',
    async ({ req, params, auth: current }) => {
      const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
        displayName: optional(text({ max: DISPLAY_NAME_MAX_LENGTH, min: 1 })),
        role: optional(orgRole),
        disabled: optional(bool),
        password: optional(password),
      });
      if (Object.values(body).every((value) => value === undefined)) {
        // Nothing to change: no write, no audit entry, no access re-check.
        throw badRequest('Send "displayName", "role", "disabled" or "password".');
      }
      const user = await auth.updateUser(params.id, body, current.user);
      deps.onAccessChanged();
      return { body: { user: toAccount(user) } };
    },
    'admin',
  );

  router.add(
    'GET',
    '/api/audit',
    async ({ query }) => {
      const limitRaw = query.get('limit');
      const limit = limitRaw === null ? 100 : wholeNumber(limitRaw);
      if (limit === null || limit < 1 || limit > AUDIT_PAGE_MAX) {
        throw badRequest(`"limit" must be a whole number from 1 to ${AUDIT_PAGE_MAX}.`);
      }
      const beforeRaw = query.get('before');
      const before = beforeRaw === null ? undefined : wholeNumber(beforeRaw);
      if (before === null) throw badRequest('"before" must be an entry id.');
      const entries = await auth.store.auditLog({
        limit,
        beforeId: before,
        briefId: query.get('brief') ?? undefined,
      });
      return {
        body: {
          entries: entries.map((e): AuditEntry => ({
            id: e.id,
            at: new Date(e.at).toISOString(),
            actor: e.actorName,
            action: e.action,
            briefId: e.briefId,
            ...auditBrief(e),
            detail: e.detail,
          })),
        },
      };
    },
    'admin',
  );
}

export function toUserSummary(user: UserRecord): UserSummary {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

/** Never includes the password hash; sessions never leave the server either. */
export function toAccount(user: UserRecord): AccountSummary {
  return {
    ...toUserSummary(user),
    role: user.role,
    disabled: user.disabled,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** The title and state of the brief an entry names, as the audit log shows them. */
function auditBrief(entry: AuditLogRecord): Pick<AuditEntry, 'briefTitle' | 'briefState'> {
  if (entry.briefId === null) return { briefTitle: null, briefState: null };
  if (entry.brief) {
    return { briefTitle: entry.brief.title, briefState: entry.brief.trashed ? 'trashed' : 'live' };
  }
  // Deleted for good: brief.deleted (and brief.trashed before it) recorded the title.
  const recorded = entry.detail?.title;
  return {
    briefTitle: typeof recorded === 'string' && recorded ? recorded : null,
    briefState: 'deleted',
  };
}

/** The most audit entries one request returns. */
const AUDIT_PAGE_MAX = 500;
