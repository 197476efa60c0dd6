/**
 * The trash. Deleting a brief moves it here, as in Google Docs or Notion: its
 * document, history, members and approvals stay; nobody can open it or edit
 * it; its owner (or an admin) can restore it whole. It is deleted for good
 * when they ask, or TRASH_RETENTION_DAYS after it was trashed.
 */
import { TRASH_RETENTION_DAYS } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import type { AccountStore, UserRecord } from '../auth/store.ts';
import type { Logger } from '../logger.ts';
import type { BriefRecord, Storage } from '../storage/index.ts';

export const TRASH_RETENTION_MS = TRASH_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/** How often expired briefs are looked for; a purge an hour late harms nobody. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface TrashDeps {
  storage: Storage;
  accounts: AccountStore;
  now: () => number;
  /** Disconnects the brief's live collaborators, on this instance. */
  onTrashed: (id: BriefId) => Promise<void>;
  /** Drops the brief's room and history before its rows go (CollabService.closeBrief). */
  onPurging: (id: BriefId) => Promise<void>;
  /** Wakes the access watcher, so this instance's sockets are re-checked at once. */
  onAccessChanged: () => void;
}

/** Who did it, for the audit log; null for the retention sweep. */
type Actor = Pick<UserRecord, 'id' | 'displayName'> | null;

export async function moveToTrash(
  deps: TrashDeps,
  brief: BriefRecord,
  actor: NonNullable<Actor>,
): Promise<void> {
  const at = deps.now();
  await deps.storage.setTrashed(brief.id, { at, by: actor.displayName });
  await deps.onTrashed(brief.id);
  // Other instances close their sockets on it through the access feed.
  await announce(deps, brief.id, at);
  await audit(deps, 'brief.trashed', brief, actor, at);
}

export async function restoreFromTrash(
  deps: TrashDeps,
  brief: BriefRecord,
  actor: NonNullable<Actor>,
): Promise<BriefRecord | null> {
  const restored = await deps.storage.setTrashed(brief.id, null);
  if (restored) await audit(deps, 'brief.restored', brief, actor, deps.now());
  return restored;
}

/** Deletes the brief, its document, history and memberships for good. */
export async function purgeBrief(deps: TrashDeps, brief: BriefRecord, actor: Actor): Promise<void> {
  await deps.onPurging(brief.id);
  // Another instance's sweep (or another owner) got there first: it did the rest.
  if (!(await deps.storage.deleteBrief(brief.id))) return;
  await deps.accounts.removeBrief(brief.id);
  const at = deps.now();
  await announce(deps, brief.id, at);
  await audit(deps, 'brief.deleted', brief, actor, at);
}

async function announce(deps: TrashDeps, briefId: BriefId, at: number): Promise<void> {
  await deps.accounts.recordAccessChange({ briefId }, at);
  deps.onAccessChanged();
}

async function audit(
  deps: TrashDeps,
  action: string,
  brief: BriefRecord,
  actor: Actor,
  at: number,
): Promise<void> {
  await deps.accounts.audit({
    at,
    actorId: actor?.id ?? null,
    actorName: actor?.displayName ?? 'Briefdesk',
    action,
    briefId: brief.id,
    detail: actor ? { title: brief.title } : { title: brief.title, reason: 'retention' },
  });
}

/**
 * Deletes briefs that have been in the trash longer than the retention
 * period: at start, then hourly. Every instance may run it; a brief another
 * instance purged first is simply gone from the list.
 */
export class TrashSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: TrashDeps,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
    void this.sweep();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Purges what has expired; resolves when done. Failures are logged, and retried next time. */
  sweep(): Promise<void> {
    this.running ??= this.purgeExpired()
      .catch((error: unknown) => this.logger.error('emptying the trash failed', { error }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async purgeExpired(): Promise<void> {
    const cutoff = this.deps.now() - TRASH_RETENTION_MS;
    for (const brief of await this.deps.storage.listTrash()) {
      if (brief.trashedAt === null || brief.trashedAt > cutoff) continue;
      await purgeBrief(this.deps, brief, null);
      this.logger.info('brief deleted for good after its time in the trash', { brief: brief.id });
    }
  }
}
