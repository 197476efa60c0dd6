/**
 * Group commit. Updates that arrive during one turn of the event loop are
 * written in one storage transaction (each run of one sender's updates to a
 * brief merged into one); only once it has committed are they
 * applied to their rooms' documents and relayed. So the promise holds —
 * nothing is relayed that is not durable — and throughput does not pay a
 * transaction per update.
 */
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import { Connection, type ConnectionUser } from './connection.ts';
import { mergeInGroups } from './mergeUpdates.ts';
import type { Room } from './room.ts';

/**
 * Where an update came from: a client's connection, or the server acting for
 * a person (a restore). Rooms relay to everyone but the origin, and history
 * attributes the change to the origin's user.
 */
export type UpdateOrigin = Connection | ServerOrigin;

export class ServerOrigin {
  constructor(readonly user: ConnectionUser) {}
}

/**
 * An update another instance has already committed, applied here from the
 * cross-instance relay or read back from storage by gap repair. Rooms relay it
 * to their sockets and history attributes it like a server change, but it
 * never goes through the commit queue, so it is neither stored nor published again.
 */
export class RemoteOrigin extends ServerOrigin {}

/** One update of a committed batch, with the log seq storage gave it. */
export interface CommittedUpdate {
  update: Uint8Array;
  seq: number;
  origin: UpdateOrigin;
}

interface Pending {
  room: Room;
  update: Uint8Array;
  origin: UpdateOrigin;
  receivedAt: number;
  /** Settles when the update is committed and applied, or given up on. */
  done?: (error?: Error) => void;
}

export interface CommitQueueOptions {
  storage: Storage;
  logger: Logger;
  /** Called after a batch is applied, with each room's newly committed updates in log order. */
  onCommitted?: (room: Room, committed: readonly CommittedUpdate[]) => void;
  /** How often a failing batch is retried before its senders are disconnected. */
  maxAttempts?: number;
  /** Benchmark-only: apply and relay at once, commit later (see CollabLimits). */
  relayBeforeCommit?: boolean;
  now?: () => number;
}

export class CommitQueue {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;
  private idleWaiters: Array<() => void> = [];
  private readonly maxAttempts: number;
  private readonly now: () => number;

  constructor(private readonly options: CommitQueueOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.now = options.now ?? Date.now;
  }

  enqueue(
    room: Room,
    update: Uint8Array,
    origin: UpdateOrigin,
    done?: (error?: Error) => void,
  ): void {
    if (this.options.relayBeforeCommit) room.applyCommitted(update, origin);
    this.queue.push({ room, update, origin, receivedAt: this.now(), done });
    room.pendingWrites++;
    this.schedule();
  }

  /** Resolves once everything queued so far is committed (or given up on). */
  idle(): Promise<void> {
    if (!this.inFlight && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.inFlight = this.flush().finally(() => {
        this.inFlight = null;
        if (this.queue.length > 0) this.schedule();
        else this.notifyIdle();
      });
    });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const runs = toRuns(batch);
    const rows = runs.map((run) => ({
      briefId: run.room.briefId,
      data: run.update,
      author: run.origin.user.name,
      receivedAt: run.receivedAt,
    }));

    let seqs: number[];
    for (let attempt = 1; ; attempt++) {
      try {
        seqs = await this.options.storage.appendUpdates(rows);
        break;
      } catch (error) {
        if (attempt >= this.maxAttempts) {
          this.giveUp(batch, error);
          return;
        }
        const delay = Math.min(2000, 25 * 2 ** attempt);
        this.options.logger.warn('storage write failed; retrying', {
          attempt,
          delayMs: delay,
          updates: batch.length,
          error,
        });
        await new Promise((r) => setTimeout(r, delay));
      }
    }

    for (const p of batch) p.room.pendingWrites--;
    const live = runs.filter((run) => run.room.status === 'ready');
    // Every connection of a room the batch touches is corked while the batch
    // is applied, so each recipient gets one socket write for the batch.
    const corked: Connection[] = [];
    for (const room of new Set(live.map((run) => run.room))) {
      for (const connection of room.connections) if (connection.cork()) corked.push(connection);
    }
    const acks = new Map<Room, Set<Connection>>();
    const committed = new Map<Room, CommittedUpdate[]>();
    try {
      for (const [i, run] of runs.entries()) {
        if (run.room.status !== 'ready') {
          for (const p of run.pending) p.done?.(new Error('the brief was closed'));
          continue;
        }
        if (!this.options.relayBeforeCommit) run.room.applyCommitted(run.update, run.origin);
        for (const p of run.pending) p.done?.();
        if (run.origin instanceof Connection) run.origin.storedUpdates += run.pending.length;
        // Seq 0: the brief was deleted meanwhile and storage dropped the update.
        if (seqs[i] === 0) continue;
        let list = committed.get(run.room);
        if (!list) committed.set(run.room, (list = []));
        list.push({ update: run.update, seq: seqs[i], origin: run.origin });
        if (run.origin instanceof Connection && run.origin.wantsAcks) {
          let set = acks.get(run.room);
          if (!set) acks.set(run.room, (set = new Set()));
          set.add(run.origin);
        }
      }
      for (const [room, connections] of acks) room.acknowledge(connections);
    } finally {
      for (const connection of corked) connection.uncork();
    }
    for (const [room, list] of committed) this.options.onCommitted?.(room, list);
  }

  /**
   * Storage is down for good. Nothing of the batch was applied or relayed, and
   * each sender still holds its updates, so closing the senders makes them
   * reconnect and offer the same updates again: no edit is lost.
   */
  private giveUp(batch: Pending[], error: unknown): void {
    this.options.logger.error('storage write failed; disconnecting senders so they resend', {
      updates: batch.length,
      error,
    });
    const senders = new Set<Connection>();
    for (const p of batch) {
      p.room.pendingWrites--;
      if (p.origin instanceof Connection) senders.add(p.origin);
      p.done?.(new Error('storage unavailable'));
    }
    for (const connection of senders) connection.close('InternalError', 'storage unavailable');
  }
}

/** Consecutive updates of one origin to one room, stored and applied as one. */
interface Run {
  room: Room;
  origin: UpdateOrigin;
  pending: Pending[];
  update: Uint8Array;
  receivedAt: number;
}

/**
 * Splits a batch into runs, keeping each room's order. A run of several
 * updates is merged into one Yjs update: one log row, one transaction, one
 * relay frame and one history event instead of one each per keystroke.
 * Merging is cheap beside any of those (a few microseconds per update, see
 * mergeInGroups), and the merged update means exactly what its parts did,
 * from one author.
 *
 * Each run is built as one object literal of a fixed shape, never by
 * spreading another: in a profile of 500 briefs at one edit a second, runs
 * made with `{ ...group, update }` stayed reachable to the young-generation
 * collector until their brief's next edit, so every scavenge copied and
 * promoted ~3 KB per brief (1.5 MB, a 9 ms pause instead of 3).
 */
function toRuns(batch: readonly Pending[]): Run[] {
  if (batch.length === 1) {
    const p = batch[0];
    return [
      { room: p.room, origin: p.origin, pending: [p], update: p.update, receivedAt: p.receivedAt },
    ];
  }
  const runs: Run[] = [];
  const lastOfRoom = new Map<Room, Run>();
  for (const p of batch) {
    const last = lastOfRoom.get(p.room);
    if (last && last.origin === p.origin) {
      last.pending.push(p);
      last.receivedAt = p.receivedAt;
      continue;
    }
    const run: Run = {
      room: p.room,
      origin: p.origin,
      pending: [p],
      update: p.update,
      receivedAt: p.receivedAt,
    };
    runs.push(run);
    lastOfRoom.set(p.room, run);
  }
  for (const run of runs) {
    if (run.pending.length > 1) run.update = merge(run.pending);
  }
  return runs;
}

function merge(pending: readonly Pending[]): Uint8Array {
  return mergeInGroups(pending.map((p) => p.update));
}
