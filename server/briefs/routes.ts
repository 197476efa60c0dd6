/** The briefs API: list/search, create, read, rename, trash, and membership. */
import {
  BRIEF_TITLE_MAX_LENGTH,
  EMPTY_TRASH_MAX_BRIEFS,
  type BriefSummary,
  type EmptyTrashResponse,
  type MemberSummary,
  type TrashedBriefSummary,
  type UserSummary,
} from '../../shared/api.ts';
import { isBriefId, newBriefId, type BriefId } from '../../shared/briefId.ts';
import { isMemberRole, type BriefRole, type MemberRole } from '../../shared/roles.ts';
import type { BriefAccess } from '../access/briefAccess.ts';
import { toUserSummary } from '../auth/routes.ts';
import type { AccountStore, UserRecord } from '../auth/store.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import { optional, parseObject, readJsonBody, text, type FieldParser } from '../http/body.ts';
import type { Router } from '../http/router.ts';
import type { BriefRecord, Storage } from '../storage/index.ts';
import { getMarking, MARKING_MAX_LENGTH, setMarking, shownMarking } from './marking.ts';
import {
  moveToTrash,
  purgeBrief,
  restoreFromTrash,
  TRASH_RETENTION_MS,
  type TrashDeps,
} from './trash.ts';

export const DEFAULT_BRIEF_TITLE = 'Untitled brief';
const SEARCH_MAX_LENGTH = 200;

export interface BriefRoutesDeps extends TrashDeps {
  storage: Storage;
  accounts: AccountStore;
  access: BriefAccess;
  maxBodyBytes: number;
}

const memberRole: FieldParser<MemberRole> = (value, field) => {
  if (!isMemberRole(value)) throw badRequest(`"${field}" must be editor, reviewer or viewer.`);
  return value;
};

/** The ids of one emptying of the trash: what a page of it can show, at most. */
const briefIds: FieldParser<BriefId[]> = (value, field) => {
  if (!Array.isArray(value)) throw badRequest(`"${field}" must be an array of brief ids.`);
  if (value.length === 0) throw badRequest(`"${field}" must name at least one brief.`);
  if (value.length > EMPTY_TRASH_MAX_BRIEFS) {
    throw badRequest(`"${field}" may name at most ${EMPTY_TRASH_MAX_BRIEFS} briefs.`);
  }
  for (const id of value) {
    if (!isBriefId(id)) throw badRequest(`"${field}" must hold only brief ids.`);
  }
  return [...new Set(value as BriefId[])];
};

export function registerBriefRoutes(router: Router, deps: BriefRoutesDeps): void {
  const { storage, accounts, access } = deps;

  router.add('GET', '/api/briefs', async ({ query, auth }) => {
    const q = (query.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH);
    const visible = await access.visibleBriefs(auth.user, q);
    return { body: { briefs: await summaries(accounts, visible, toSummary) } };
  });

  router.add('POST', '/api/briefs', async ({ req, auth }) => {
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      title: optional(text({ max: BRIEF_TITLE_MAX_LENGTH })),
    });
    const at = deps.now();
    const brief = await storage.createBrief({
      id: newBriefId(),
      title: body.title || DEFAULT_BRIEF_TITLE,
      createdAt: at,
    });
    await accounts.setMember({
      briefId: brief.id,
      userId: auth.user.id,
      role: 'owner',
      addedAt: at,
      addedBy: auth.user.id,
    });
    return { status: 201, body: { brief: toSummary(brief, 'owner', toUserSummary(auth.user)) } };
  });

  router.add('GET', '/api/briefs/:id', async ({ params, auth }) => {
    const { brief, role } = await access.require(auth.user, requireId(params.id), 'read');
    return {
      body: {
        brief: {
          ...(await summary(accounts, brief, role)),
          marking: await getMarking(storage.sql, brief.id),
        },
      },
    };
  });

  router.add('PATCH', '/api/briefs/:id', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    const { role } = await access.require(auth.user, id, 'edit');
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      title: optional(text({ max: BRIEF_TITLE_MAX_LENGTH, min: 1 })),
      marking: optional(text({ max: MARKING_MAX_LENGTH })),
    });
    if (body.title === undefined && body.marking === undefined) {
      throw badRequest('Send "title", "marking" or both.');
    }
    // The marking storage replaced, as it showed (so setting the default is no
    // change), read with the write: another change may have come between.
    const markingBefore =
      body.marking === undefined ? undefined : await setMarking(storage.sql, id, body.marking);
    const brief = await storage.updateBrief(id, {
      title: body.title,
      updatedAt: deps.now(),
      updatedBy: auth.user.displayName,
    });
    if (!brief) throw notFound('No such brief.');
    const marking = await getMarking(storage.sql, id);
    // The title storage replaced, not the one read before: another rename may have come between.
    const titleBefore = body.title === undefined ? undefined : brief.previousTitle;
    await recordChange(deps, auth.user, id, 'brief.renamed', titleBefore, brief.title);
    await recordChange(
      deps,
      auth.user,
      id,
      'brief.marking_changed',
      markingBefore ?? undefined,
      // What this request set, not what a later change may have made it.
      shownMarking(body.marking),
    );
    return {
      body: { brief: { ...(await summary(accounts, brief, role)), marking } },
    };
  });

  // Deleting moves the brief to the trash; see trash.ts.
  router.add('DELETE', '/api/briefs/:id', async ({ params, auth }) => {
    const { brief } = await access.require(auth.user, requireId(params.id), 'delete');
    await moveToTrash(deps, brief, auth.user);
    return { status: 204 };
  });

  router.add('GET', '/api/trash', async ({ auth }) => {
    const trashed = await access.visibleTrash(auth.user);
    return { body: { briefs: await summaries(accounts, trashed, toTrashedSummary) } };
  });

  router.add('POST', '/api/briefs/:id/restore', async ({ params, auth }) => {
    const { brief, role } = await access.requireTrashed(auth.user, requireId(params.id));
    const restored = await restoreFromTrash(deps, brief, auth.user);
    if (!restored) throw notFound('No such brief.');
    return { body: { brief: await summary(accounts, restored, role) } };
  });

  // Empty the trash: deletes for good exactly the briefs the caller was shown
  // (their ids), so a brief trashed a moment later is not deleted unseen. One
  // restored or purged meanwhile, or not the caller's to delete, is skipped.
  router.add('POST', '/api/trash/empty', async ({ req, auth }) => {
    const { ids } = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      ids: briefIds,
    });
    const deleted: BriefId[] = [];
    const skipped: BriefId[] = [];
    for (const id of ids) {
      try {
        const { brief } = await access.requireTrashed(auth.user, id);
        await purgeBrief(deps, brief, auth.user);
        deleted.push(id);
      } catch (error) {
        if (!(error instanceof HttpError) || error.status >= 500) throw error;
        skipped.push(id);
      }
    }
    const body: EmptyTrashResponse = { deleted, skipped };
    return { body };
  });

  router.add('DELETE', '/api/trash/:id', async ({ params, auth }) => {
    const { brief } = await access.requireTrashed(auth.user, requireId(params.id));
    await purgeBrief(deps, brief, auth.user);
    return { status: 204 };
  });

  router.add('GET', '/api/briefs/:id/members', async ({ params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'read');
    return { body: { members: await memberSummaries(accounts, id) } };
  });

  router.add('PUT', '/api/briefs/:id/members/:userId', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'share');
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), { role: memberRole });
    const target = await accounts.userById(params.userId);
    if (!target || target.disabled) throw notFound('No such user.');
    const current = await accounts.memberRole(id, target.id);
    if (current === 'owner') {
      throw new HttpError(
        400,
        'bad_request',
        'The owner keeps full access; change another member.',
      );
    }
    await accounts.setMember({
      briefId: id,
      userId: target.id,
      role: body.role,
      addedAt: deps.now(),
      addedBy: auth.user.id,
    });
    await recordMembership(
      deps,
      auth.user,
      id,
      current ? 'member.changed' : 'member.added',
      target,
      {
        from: current,
        to: body.role,
      },
    );
    return { body: { member: { user: toUserSummary(target), role: body.role } } };
  });

  router.add('DELETE', '/api/briefs/:id/members/:userId', async ({ params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'share');
    const target = await accounts.userById(params.userId);
    const current = target ? await accounts.memberRole(id, target.id) : null;
    if (!target || !current) throw notFound('That person is not a member of this brief.');
    if (current === 'owner')
      throw new HttpError(400, 'bad_request', 'The owner cannot be removed.');
    await accounts.removeMember(id, target.id);
    await recordMembership(deps, auth.user, id, 'member.removed', target, { from: current });
    return { status: 204 };
  });
}

async function recordMembership(
  deps: BriefRoutesDeps,
  actor: UserRecord,
  briefId: BriefId,
  action: string,
  target: UserRecord,
  detail: Record<string, unknown>,
): Promise<void> {
  const at = deps.now();
  await deps.accounts.recordAccessChange({ userId: target.id, briefId }, at);
  await deps.accounts.audit({
    at,
    actorId: actor.id,
    actorName: actor.displayName,
    action,
    briefId,
    detail: { userId: target.id, username: target.username, ...detail },
  });
  deps.onAccessChanged();
}

/** Audits a change to one of a brief's settings; nothing when it was not sent or is the same. */
async function recordChange(
  deps: BriefRoutesDeps,
  actor: UserRecord,
  briefId: BriefId,
  action: 'brief.renamed' | 'brief.marking_changed',
  from: string | undefined,
  to: string,
): Promise<void> {
  if (from === undefined || from === to) return;
  await deps.accounts.audit({
    at: deps.now(),
    actorId: actor.id,
    actorName: actor.displayName,
    action,
    briefId,
    detail: { from, to },
  });
}

/** A brief's members as the share dialog lists them (GET members, and after a transfer). */
export async function memberSummaries(
  accounts: AccountStore,
  briefId: BriefId,
): Promise<MemberSummary[]> {
  const members = await accounts.members(briefId);
  const users = await accounts.usersByIds(members.map((m) => m.userId));
  return members.flatMap((m) => {
    const user = users.get(m.userId);
    return user ? [{ user: toUserSummary(user), role: m.role }] : [];
  });
}

/** An id that cannot exist is a 404, like any other unknown brief. */
export function requireId(raw: string): BriefId {
  if (!isBriefId(raw)) throw notFound('No such brief.');
  return raw;
}

/** One brief's summary, with its owner looked up. */
async function summary(
  accounts: AccountStore,
  brief: BriefRecord,
  role: BriefRole,
): Promise<BriefSummary> {
  const [out] = await summaries(accounts, [{ brief, role }], toSummary);
  return out;
}

/** Summaries of many briefs, their owners looked up in one pass. */
async function summaries<T>(
  accounts: AccountStore,
  items: ReadonlyArray<{ brief: BriefRecord; role: BriefRole }>,
  make: (brief: BriefRecord, role: BriefRole, owner: UserSummary | null) => T,
): Promise<T[]> {
  const owners = await accounts.ownersOf(items.map(({ brief }) => brief.id));
  const users = await accounts.usersByIds([...owners.values()]);
  return items.map(({ brief, role }) => {
    const owner = users.get(owners.get(brief.id) ?? '');
    return make(brief, role, owner ? toUserSummary(owner) : null);
  });
}

function toTrashedSummary(
  brief: BriefRecord,
  role: BriefRole,
  owner: UserSummary | null,
): TrashedBriefSummary {
  const trashedAt = brief.trashedAt ?? 0;
  return {
    ...toSummary(brief, role, owner),
    trashedAt: new Date(trashedAt).toISOString(),
    purgeAt: new Date(trashedAt + TRASH_RETENTION_MS).toISOString(),
    trashedBy: brief.trashedBy,
  };
}

export function toSummary(
  brief: BriefRecord,
  role: BriefRole,
  owner: UserSummary | null,
): BriefSummary {
  return {
    id: brief.id,
    title: brief.title,
    createdAt: new Date(brief.createdAt).toISOString(),
    updatedAt: new Date(brief.updatedAt).toISOString(),
    updatedBy: brief.updatedBy,
    role,
    owner,
  };
}
