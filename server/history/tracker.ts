/**
 * Follows a loaded room's committed transactions for history: who deleted
 * what since the last revision (a Yjs delete carries no author, so it is
 * attributed to the person whose update carried it), which Yjs client ids
 * each person writes with, and when the next automatic revision is due.
 */
import type * as Y from 'yjs';
import { Connection, ServerOrigin, type Room } from '../collab/index.ts';
import { fromDeleteSet, mergeRanges, type Ranges } from './deleteSets.ts';

export interface RevisionPolicy {
  /** A revision follows this long a pause in editing… */
  pauseMs: number;
  /** …and at least this often during continuous editing. */
  maxIntervalMs: number;
}

export class RoomTracker {
  /** user id → deletions they made since the last revision. */
  deletions = new Map<string, Ranges>();
  /** Client ids seen in this room and whom they belong to. */
  readonly clientAuthors: Map<number, string>;
  /** New claims not yet written to storage. */
  readonly pendingClaims = new Map<number, string>();
  /** Whether anything changed since the last revision. */
  dirty = false;
  firstChangeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Whether `timer` is the pause after an edit, rather than a retry. */
  private timerIsPause = false;

  constructor(
    readonly room: Room,
    clientAuthors: Map<number, string>,
    private readonly policy: RevisionPolicy,
    private readonly now: () => number,
    private readonly due: (tracker: RoomTracker) => void,
  ) {
    this.clientAuthors = clientAuthors;
    room.observeTransactions(this.onTransaction);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    const origin = tr.origin;
    if (!(origin instanceof Connection) && !(origin instanceof ServerOrigin)) return;
    const userId = origin.user.id ?? '';
    let changed = false;
    for (const [client, after] of tr.afterState) {
      if ((tr.beforeState.get(client) ?? 0) >= after) continue;
      changed = true;
      // First claim wins: a person cannot take over another's client id.
      if (!this.clientAuthors.has(client) && userId) {
        this.clientAuthors.set(client, userId);
        this.pendingClaims.set(client, userId);
      }
    }
    if (tr.deleteSet.clients.size > 0) {
      changed = true;
      const mine = this.deletions.get(userId);
      const added = fromDeleteSet(tr.deleteSet);
      this.deletions.set(userId, mine ? mergeRanges(mine, added) : added);
    }
    if (changed) this.noteChange();
  };

  private noteChange(): void {
    const at = this.now();
    if (!this.dirty) {
      this.dirty = true;
      this.firstChangeAt = at;
    }
    if (at - this.firstChangeAt >= this.policy.maxIntervalMs) {
      this.cancelTimer();
      this.due(this);
      return;
    }
    // The pause timer is re-armed, not replaced: at an edit a second, a new
    // timer per edit is garbage that lives just long enough to be promoted
    // out of V8's young generation, which lengthens every scavenge.
    if (this.timer && this.timerIsPause) {
      this.timer.refresh();
      return;
    }
    this.cancelTimer();
    this.timer = setTimeout(this.onPause, this.policy.pauseMs);
    this.timer.unref();
    this.timerIsPause = true;
  }

  private readonly onPause = (): void => {
    this.timer = null;
    this.due(this);
  };

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Makes the revision due again after `ms`, unless an edit has already set its pause. */
  retryAfter(ms: number): void {
    if (this.timer || !this.dirty) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.due(this);
    }, ms);
    this.timer.unref();
    this.timerIsPause = false;
  }

  /** Takes what a new revision records and starts the next period. */
  takePeriod(): Map<string, Ranges> {
    const deletions = this.deletions;
    this.deletions = new Map();
    this.dirty = false;
    this.cancelTimer();
    return deletions;
  }

  stop(): void {
    this.cancelTimer();
    this.room.unobserveTransactions(this.onTransaction);
  }
}
