/**
 * Admission to the collaboration WebSocket: the session cookie, the Origin,
 * and the person's role on the brief, checked before a socket joins a room.
 */
import type { IncomingMessage } from 'node:http';
import type { BriefId } from '../../shared/briefId.ts';
import { can } from '../../shared/roles.ts';
import { originAllowed, readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import type { AuthService } from '../auth/service.ts';
import type { AuthConfig } from '../config.ts';
import type { Admission, CollabAccess } from '../collab/index.ts';
import type { Storage } from '../storage/index.ts';
import type { BriefAccess } from './briefAccess.ts';

export function collabAccess(deps: {
  auth: AuthService;
  access: BriefAccess;
  storage: Storage;
  config: AuthConfig;
}): CollabAccess {
  const decide = async (
    userId: string,
    sessionId: string,
    briefId: BriefId,
  ): Promise<Admission> => {
    if (!(await deps.auth.sessionStands(sessionId))) {
      return { ok: false, reason: 'Unauthorized', detail: 'session ended' };
    }
    const user = await deps.auth.store.userById(userId);
    if (!user || user.disabled)
      return { ok: false, reason: 'Unauthorized', detail: 'account disabled' };
    const brief = await deps.storage.getBrief(briefId);
    if (!brief) return { ok: false, reason: 'BriefNotFound', detail: briefId };
    if (brief.trashedAt !== null) return { ok: false, reason: 'BriefTrashed', detail: briefId };
    const role = await deps.access.roleFor(user, briefId);
    if (!can(role, 'read')) return { ok: false, reason: 'Forbidden', detail: 'not a member' };
    return {
      ok: true,
      user: { id: user.id, sessionId, name: user.displayName },
      role: role!,
    };
  };

  return {
    async admit(request: IncomingMessage, briefId: BriefId): Promise<Admission> {
      if (!originAllowed(request, deps.config)) {
        return { ok: false, reason: 'OriginRejected', detail: String(request.headers.origin) };
      }
      const authenticated = await deps.auth.authenticate(readCookie(request, SESSION_COOKIE));
      if (!authenticated) return { ok: false, reason: 'Unauthorized', detail: 'no valid session' };
      return decide(authenticated.user.id, authenticated.session.id, briefId);
    },
    async recheck(user, briefId): Promise<Admission> {
      if (!user.id || !user.sessionId)
        return { ok: false, reason: 'Unauthorized', detail: 'anonymous' };
      return decide(user.id, user.sessionId, briefId);
    },
  };
}
