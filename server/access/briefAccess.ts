/**
 * The one place that answers "what may this person do with this brief".
 * Routes and the WebSocket upgrade both ask here.
 */
import type { BriefId } from '../../shared/briefId.ts';
import { can, effectiveBriefRole, type BriefAction, type BriefRole } from '../../shared/roles.ts';
import type { AccountStore, UserRecord } from '../auth/store.ts';
import { HttpError } from '../http/errors.ts';
import type { BriefRecord, Storage } from '../storage/index.ts';

export class BriefAccess {
  constructor(
    private readonly storage: Storage,
    private readonly accounts: AccountStore,
  ) {}

  async roleFor(user: UserRecord, briefId: BriefId): Promise<BriefRole | null> {
    if (user.disabled) return null;
    const stored = await this.accounts.memberRole(briefId, user.id);
    return effectiveBriefRole({
      orgRole: user.role,
      isOwner: stored === 'owner',
      memberRole: stored === 'owner' ? null : stored,
    });
  }

  /**
   * The brief and the user's role on it, when the user may do `action`.
   * Unknown briefs are 404; known briefs without the right are 403; a brief
   * in the trash is 410 for everything until it is restored.
   */
  async require(
    user: UserRecord,
    briefId: BriefId,
    action: BriefAction,
  ): Promise<{ brief: BriefRecord; role: BriefRole }> {
    const found = await this.permitted(user, briefId, action);
    if (found.brief.trashedAt !== null) {
      throw new HttpError(410, 'trashed', 'This brief is in the trash.');
    }
    return found;
  }

  /**
   * A brief in the trash, for whoever may delete it (its owner, an admin):
   * they alone restore it or delete it for good. 409 when it is not in the trash.
   */
  async requireTrashed(
    user: UserRecord,
    briefId: BriefId,
  ): Promise<{ brief: BriefRecord; role: BriefRole }> {
    const found = await this.permitted(user, briefId, 'delete');
    if (found.brief.trashedAt === null) {
      throw new HttpError(409, 'conflict', 'This brief is not in the trash.');
    }
    return found;
  }

  private async permitted(
    user: UserRecord,
    briefId: BriefId,
    action: BriefAction,
  ): Promise<{ brief: BriefRecord; role: BriefRole }> {
    const brief = await this.storage.getBrief(briefId);
    if (!brief) throw new HttpError(404, 'not_found', 'No such brief.');
    const role = await this.roleFor(user, briefId);
    if (!can(role, action)) {
      throw new HttpError(
        403,
        'forbidden',
        role ? `Your role (${role}) does not allow this.` : 'You do not have access to this brief.',
      );
    }
    return { brief, role: role! };
  }

  /** Every brief the user can open, with their role on each. */
  async visibleBriefs(
    user: UserRecord,
    query?: string,
  ): Promise<Array<{ brief: BriefRecord; role: BriefRole }>> {
    const briefs = await this.storage.listBriefs(query);
    if (user.role === 'admin') return briefs.map((brief) => ({ brief, role: 'owner' as const }));
    const roles = await this.accounts.rolesOf(user.id);
    const out: Array<{ brief: BriefRecord; role: BriefRole }> = [];
    for (const brief of briefs) {
      const stored = roles.get(brief.id);
      if (stored) out.push({ brief, role: stored });
    }
    return out;
  }

  /** The briefs in the trash that the user may restore or delete for good. */
  async visibleTrash(user: UserRecord): Promise<Array<{ brief: BriefRecord; role: BriefRole }>> {
    const trashed = await this.storage.listTrash();
    if (user.role === 'admin') return trashed.map((brief) => ({ brief, role: 'owner' as const }));
    const roles = await this.accounts.rolesOf(user.id);
    return trashed
      .map((brief) => ({ brief, role: roles.get(brief.id) ?? null }))
      .filter((x): x is { brief: BriefRecord; role: BriefRole } => can(x.role, 'delete'));
  }
}
