/**
 * Group commit. Updates that arrive during one turn of the event loop are
 * written in one storage transaction; only once it has committed are they
 * applied to their rooms' documents and relayed. So the promise holds —
 * nothing is relayed that is not durable — and throughput does not pay a
 * transaction per update.
 */
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import { Connection, type ConnectionUser } from './connection.ts';
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
    const rows = batch.map((p) => ({
      briefId: p.room.briefId,
      data: p.update,
      author: p.origin.user.name,
      receivedAt: p.receivedAt,
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

    const acks = new Map<Room, Set<Connection>>();
    const committed = new Map<Room, CommittedUpdate[]>();
    for (const [i, p] of batch.entries()) {
      p.room.pendingWrites--;
      if (p.room.status !== 'ready') {
        p.done?.(new Error('the brief was closed'));
        continue;
      }
      if (!this.options.relayBeforeCommit) p.room.applyCommitted(p.update, p.origin);
      p.done?.();
      // Seq 0: the brief was deleted meanwhile and storage dropped the update.
      if (seqs[i] === 0) continue;
      let list = committed.get(p.room);
      if (!list) committed.set(p.room, (list = []));
      list.push({ update: p.update, seq: seqs[i], origin: p.origin });
      if (p.origin instanceof Connection && p.origin.wantsAcks) {
        let set = acks.get(p.room);
        if (!set) acks.set(p.room, (set = new Set()));
        set.add(p.origin);
      }
    }
    for (const [room, connections] of acks) room.acknowledge(connections);
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
