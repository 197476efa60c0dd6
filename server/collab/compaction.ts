/**
 * Compaction of the update log into a snapshot.
 *
 * Policy: a brief is compacted when its log since the last snapshot holds
 * `compactAfterUpdates` updates (at most once per `compactMinIntervalMs`) or
 * as many bytes as `compactAfterBytes` or half its snapshot, whichever is
 * more, and when it is unloaded with more than UNLOAD_COMPACT_MIN updates in
 * its log. Loading a brief (a room, a history copy) costs about the same per
 * stored byte whether the bytes are snapshot or log, so a log kept below half
 * the snapshot keeps loads within 1.5× of the snapshot alone, while large
 * briefs are not re-merged for every few hundred kilobytes typed.
 *
 * Everything up to the newest stored update is merged into one Yjs update,
 * which replaces the snapshot and those log rows in one transaction; updates
 * stored meanwhile stay in the log. The merge keeps deleted content (the
 * server's documents never garbage-collect), so every past state stays
 * reconstructible. Merging runs in a worker thread so relaying is never held
 * up by it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { BriefId } from '../../shared/briefId.ts';
import type { CollabLimits } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import { mergeIntoSnapshot } from '../storage/snapshot.ts';
import { TaskWorker } from '../taskWorker.ts';
import { LOWER_THREAD_PRIORITY_SOURCE } from '../threadPriority.ts';
import { CompactionError } from './errors.ts';
import type { Room } from './room.ts';

const UNLOAD_COMPACT_MIN = 20;
/**
 * After finding the brief's lock held by another instance (or by revision
 * creation), triggers are ignored this long, so that a busy brief does not
 * ask for the lock on every commit while someone else compacts it; then the
 * compaction is tried again if it is still due.
 */
const LOCKED_BACKOFF_MS = 2000;
/**
 * A merge running longer than this is abandoned and its worker replaced. The
 * 100× trace brief (37 MiB) merges in a few seconds; this is for a merge that
 * will never finish, which would otherwise hold up every later compaction.
 */
const MERGE_TIMEOUT_MS = 120_000;
/** Compactions come minutes apart on a busy brief; a worker idle longer than this stops. */
const MERGE_IDLE_EXIT_MS = 10 * 60_000;

/** What the merge worker is given: a brief's snapshot and log, oldest first. */
export interface MergeRequest {
  parts: Uint8Array[];
}

/**
 * The merge worker's source. It is plain CommonJS given as a string, needing
 * nothing but Yjs's own CommonJS build and mergeIntoSnapshot: a worker thread
 * inherits neither tsx's nor vitest's loader, and one started through a
 * TypeScript loader (spawnModuleWorker) took 3–4 times as long to start and
 * ~20 MiB more memory. It speaks TaskWorker's messages (TaskRequest in,
 * TaskReply out) and, like every background worker, runs below normal priority.
 */
const MERGE_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${LOWER_THREAD_PRIORITY_SOURCE}
const Y = require(${JSON.stringify(createRequire(import.meta.url).resolve('yjs'))});
const mergeIntoSnapshot = ${mergeIntoSnapshot.toString()};
parentPort.on('message', ({ id, request }) => {
  try {
    const merged = mergeIntoSnapshot(Y, request.parts);
    parentPort.postMessage({ type: 'done', id, result: merged }, [merged.buffer]);
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id, message: String((error && error.message) || error) });
  }
});
parentPort.postMessage({ type: 'ready' });
`;

export interface CompactorDeps {
  storage: Storage;
  logger: Logger;
  limits: CollabLimits;
  /** A module to run merges in instead (its entry calls serveTasks); for tests. */
  mergeWorkerUrl?: URL;
}

export class Compactor {
  private readonly running = new Map<BriefId, Promise<void>>();
  /**
   * Briefs whose lock was held elsewhere: triggers wait for the timer, which
   * then tries again by itself, since no further edit may come to trigger it.
   */
  private readonly lockedBackoff = new Map<BriefId, NodeJS.Timeout>();
  /**
   * Merges run on a worker thread (started on first use, see TaskWorker): a
   * crashed or stuck merge fails that compaction alone, and the next one gets
   * a new worker. Only while no worker can start do merges run on this thread.
   */
  private readonly merger: TaskWorker<MergeRequest, Uint8Array>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CompactorDeps) {
    this.merger = new TaskWorker<MergeRequest, Uint8Array>({
      label: 'compaction merge',
      worker: deps.mergeWorkerUrl ?? (() => new Worker(MERGE_WORKER_SOURCE, { eval: true })),
      inProcess: async (request) => mergeIntoSnapshot(Y, request.parts),
      error: (message, options) => new CompactionError(message, options),
      warningName: 'CompactionWorkerWarning',
      timeoutMs: MERGE_TIMEOUT_MS,
      idleExitMs: MERGE_IDLE_EXIT_MS,
    });
  }

  /** True once the merge worker is running (false before the first merge, or while merging in-process). */
  get usingWorker(): boolean {
    return this.merger.usingWorker;
  }

  maybeCompact(room: Room): void {
    const { compactAfterUpdates, compactAfterBytes, compactMinIntervalMs } = this.deps.limits;
    const due =
      room.logBytes >= Math.max(compactAfterBytes, room.snapshotBytes / 2) ||
      (room.logCount >= compactAfterUpdates &&
        performance.now() - room.compactedAt >= compactMinIntervalMs);
    if (!due || this.lockedBackoff.has(room.briefId)) return;
    void this.compact(room);
  }

  async compactOnUnload(room: Room): Promise<void> {
    this.endBackoff(room.briefId);
    if (room.logCount > UNLOAD_COMPACT_MIN) await this.compact(room);
    else await this.running.get(room.briefId);
  }

  /** One compaction per brief at a time; a second request joins the first. */
  compact(room: Room): Promise<void> {
    const current = this.running.get(room.briefId);
    if (current) return current;
    const run = this.serially(() => this.locked(room)).finally(() => {
      this.running.delete(room.briefId);
      room.compactedAt = performance.now();
      // Updates that arrived during the run may already warrant the next one.
      if (room.status === 'ready') this.maybeCompact(room);
    });
    this.running.set(room.briefId, run);
    return run;
  }

  /**
   * One compaction at a time on this instance. Briefs edited together reach
   * their thresholds together (a meeting, a server restart); run at once,
   * their reads, merges and writes would land on the event loop and the
   * merge worker's core as one burst that every relay in flight waits out.
   */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
    for (const briefId of [...this.lockedBackoff.keys()]) this.endBackoff(briefId);
    await this.merger.close();
  }

  /**
   * Exactly one instance compacts a brief at a time: the run holds the
   * brief's lock in storage. When another holder has it (another instance
   * compacting, or a revision being created), this run is skipped and tried
   * again after LOCKED_BACKOFF_MS if the brief is still due.
   */
  private async locked(room: Room): Promise<void> {
    const lock = this.deps.storage.withBriefLock?.bind(this.deps.storage);
    if (!lock) return this.run(room);
    try {
      const ran = await lock(room.briefId, async () => {
        await this.run(room);
        return true;
      });
      if (ran) return;
      this.deps.logger.debug('compaction skipped: the brief is locked elsewhere', {
        brief: room.briefId,
      });
    } catch (error) {
      // Taking the lock failed (the database is unreachable); the log is intact.
      this.deps.logger.warn('compaction lock failed', { brief: room.briefId, error });
    }
    this.endBackoff(room.briefId);
    const retry = setTimeout(() => {
      this.lockedBackoff.delete(room.briefId);
      if (room.status === 'ready') this.maybeCompact(room);
    }, LOCKED_BACKOFF_MS);
    retry.unref();
    this.lockedBackoff.set(room.briefId, retry);
  }

  private endBackoff(briefId: BriefId): void {
    clearTimeout(this.lockedBackoff.get(briefId));
    this.lockedBackoff.delete(briefId);
  }

  private async run(room: Room): Promise<void> {
    const started = performance.now();
    try {
      const stored = await this.deps.storage.loadDocument(room.briefId);
      // What storage holds is the truth: another instance may have compacted
      // the brief meanwhile, and counters left high would make it due forever.
      room.snapshotBytes = stored.snapshot?.byteLength ?? 0;
      room.logCount = stored.updates.length;
      room.logBytes = stored.updates.reduce((n, u) => n + u.data.byteLength, 0);
      if (stored.updates.length === 0) return;
      const uptoSeq = stored.updates[stored.updates.length - 1].seq;
      const parts = stored.snapshot ? [stored.snapshot] : [];
      for (const u of stored.updates) parts.push(u.data);
      // Copied to the worker, not transferred: a part may be a view into a
      // buffer that the storage driver still holds.
      const merged = await this.merger.run({ parts });
      await this.deps.storage.writeSnapshot(room.briefId, merged, uptoSeq);
      room.snapshotBytes = merged.byteLength;
      room.logCount = Math.max(0, room.logCount - stored.updates.length);
      room.logBytes = Math.max(
        0,
        room.logBytes - stored.updates.reduce((n, u) => n + u.data.byteLength, 0),
      );
      this.deps.logger.debug('brief compacted', {
        brief: room.briefId,
        updates: stored.updates.length,
        snapshotBytes: merged.byteLength,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      // The log is intact; the next trigger tries again.
      this.deps.logger.warn('compaction failed', { brief: room.briefId, error });
    }
  }
}
