/**
 * Handing a brief to someone else ("Transfer ownership"). Kept apart from
 * routes.ts: it is the one change to membership that touches two people at once.
 */
import type { TransferOwnershipResponse } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { can } from '../../shared/roles.ts';
import type { UserRecord } from '../auth/store.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { parseObject, readJsonBody, text } from '../http/body.ts';
import type { Router } from '../http/router.ts';
import { memberSummaries, requireId, type BriefRoutesDeps } from './routes.ts';

export type OwnershipRoutesDeps = Pick<
  BriefRoutesDeps,
  'accounts' | 'access' | 'now' | 'onAccessChanged' | 'maxBodyBytes'
>;

/** Longer than any id this server makes; a longer one is a mistake, not a person. */
const USER_ID_MAX_LENGTH = 200;

export function registerOwnershipRoutes(router: Router, deps: OwnershipRoutesDeps): void {
  const { accounts, access } = deps;

  /**
   * POST /api/briefs/:id/owner { userId }: the person becomes the owner and
   * the owner before them stays on as an editor.
   */
  router.add('POST', '/api/briefs/:id/owner', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    const { role } = await access.require(auth.user, id, 'share');
    const stored = await accounts.memberRole(id, auth.user.id);
    // Sharing is the owner's today, so this repeats the check above; it is
    // spelled out so that giving 'share' to another role later does not also
    // let that role give the brief away.
    if (!(can(role, 'share') && (stored === 'owner' || auth.user.role === 'admin'))) {
      throw new HttpError(403, 'forbidden', 'Only the owner or an admin can transfer ownership.');
    }
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      userId: text({ max: USER_ID_MAX_LENGTH, min: 1 }),
    });
    const target = await accounts.userById(body.userId);
    if (!target || target.disabled) throw notFound('No such user.');
    if ((await accounts.memberRole(id, target.id)) === 'owner') {
      throw badRequest(`${target.displayName} already owns this brief.`);
    }

    const at = deps.now();
    const { previousOwnerId } = await accounts.transferOwnership(id, target.id, at, auth.user.id);
    const previous = previousOwnerId ? await accounts.userById(previousOwnerId) : null;
    await recordTransfer(deps, auth.user, id, previous, target, at);
    const response: TransferOwnershipResponse = { members: await memberSummaries(accounts, id) };
    return { body: response };
  });
}

async function recordTransfer(
  deps: OwnershipRoutesDeps,
  actor: UserRecord,
  briefId: BriefId,
  from: UserRecord | null,
  to: UserRecord,
  at: number,
): Promise<void> {
  // Both people's access changed: live sockets of each are re-checked, and the
  // old owner's stays open and writable, now as an editor's.
  for (const user of from ? [from, to] : [to]) {
    await deps.accounts.recordAccessChange({ userId: user.id, briefId }, at);
  }
  await deps.accounts.audit({
    at,
    actorId: actor.id,
    actorName: actor.displayName,
    action: 'brief.ownership_transferred',
    briefId,
    detail: {
      from: from ? { userId: from.id, username: from.username } : null,
      to: { userId: to.id, username: to.username },
    },
  });
  deps.onAccessChanged();
}
