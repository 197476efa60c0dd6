/**
 * The main thread's side of history rendering. A worker thread keeps copies
 * of briefs' documents (HistoryEngine); each job first brings the brief's
 * copy up to date with what storage holds beyond the position the copy is
 * at — usually a handful of updates, the snapshot only after a compaction —
 * and transfers those bytes, so that the main thread does no more than read
 * them. Storage is always at least as current as a live room's document
 * (updates are committed before they are applied), so nothing is missed.
 *
 * If the worker cannot start, jobs run on this thread with the same engine
 * (slower for other users, but history keeps working) and the worker is
 * retried after a pause, as the export pool does.
 */
import type { Worker } from 'node:worker_threads';
import type { BriefId } from '../../shared/briefId.ts';
import type { Logger } from '../logger.ts';
import type { Storage, StoredDocument } from '../storage/index.ts';
import { HistoryEngine, respond, type EngineOptions } from './engine.ts';
import type { Feed, Job, JobResults, RenderReply, RenderRequest } from './protocol.ts';
import { Lease, type WireBytes } from './slab.ts';
import { siblingModule, spawnModuleWorker } from '../spawnWorker.ts';

/** Rendering failed, timed out, or the renderer was closed. */
export class HistoryRenderError extends Error {
  override readonly name = 'HistoryRenderError';
}

export interface HistoryRendererOptions {
  storage: Storage;
  logger: Logger;
  /** The XmlFragment holding the editor's document. */
  field: string;
  /** Worker entry; defaults to worker.ts/.js next to this file. */
  workerUrl?: URL;
  /** A job taking longer than this fails and the worker is restarted. */
  timeoutMs?: number;
  startTimeoutMs?: number;
  /** After a failed start, jobs run in-process for this long before retrying. */
  retryAfterMs?: number;
  /** Bounds of the worker's document copies: how many, and how many stored bytes. */
  maxDocs?: number;
  maxDocBytes?: number;
  /** Size of the memory rendered documents are passed in (slab.ts); larger ones are copied. */
  slabBytes?: number;
}

/** What run() resolves to: rendered documents as leases on their bytes, to be released. */
export interface RenderResults {
  warm: null;
  content: Lease;
  hash: string;
  compare: { doc: Lease; authors: string[] };
  summary: JobResults['summary'];
}

/** A running worker and the slab it writes results into. */
interface Target {
  worker: Worker;
  slab: SharedArrayBuffer;
}

type JobReply = Exclude<RenderReply, { type: 'ready' }>;

interface Pending {
  resolve: (reply: JobReply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A pathological brief should kill the worker with an out-of-memory error,
 * not the server. The copies' own bound (maxDocBytes of stored updates, a few
 * times that in memory) stays far below it.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 1536 };

export class HistoryRenderer {
  private target: Target | null = null;
  private starting: Promise<Target> | null = null;
  private inProcess: HistoryEngine | null = null;
  private unavailableUntil = 0;
  private closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Where the current target's copy of each brief is, as last reported. */
  private readonly positions = new Map<string, number>();
  /** Jobs on one brief run one at a time, so that each feed builds on the last. */
  private readonly chains = new Map<BriefId, Promise<unknown>>();
  private readonly engineOptions: EngineOptions;
  private readonly workerUrl: URL;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly retryAfterMs: number;
  private readonly slabBytes: number;

  constructor(private readonly options: HistoryRendererOptions) {
    this.engineOptions = {
      field: options.field,
      maxDocs: options.maxDocs ?? 8,
      maxDocBytes: options.maxDocBytes ?? 64 * 1024 * 1024,
    };
    this.workerUrl = options.workerUrl ?? siblingModule('worker', import.meta.url);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 20_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.slabBytes = options.slabBytes ?? 64 * 1024 * 1024;
  }

  /** True once a worker thread is running (false while falling back in-process). */
  get usingWorker(): boolean {
    return this.target !== null;
  }

  /**
   * Runs a job on the brief's up-to-date copy. `prepare` reads what the job
   * needs (revision rows) and runs first: the stored updates read after it
   * then hold everything those rows refer to.
   */
  run<J extends Job>(
    briefId: BriefId,
    prepare: () => Promise<J>,
  ): Promise<RenderResults[J['kind']]> {
    const previous = this.chains.get(briefId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const job = await prepare();
        return this.execute(briefId, job);
      });
    this.chains.set(briefId, run);
    void run
      .finally(() => {
        if (this.chains.get(briefId) === run) this.chains.delete(briefId);
      })
      .catch(() => undefined);
    return run as Promise<RenderResults[J['kind']]>;
  }

  /**
   * Starts bringing the brief's copy up to date without waiting for it, when
   * the worker has none (or no job for the brief is under way): the first
   * copy of a large brief means applying its whole stored log, hundreds of
   * milliseconds better spent while the person is still choosing a revision.
   */
  warm(briefId: BriefId): void {
    if (this.closed || this.positions.has(briefId) || this.chains.has(briefId)) return;
    this.run(briefId, async () => ({ kind: 'warm' as const })).catch((error: unknown) =>
      this.options.logger.debug('warming history failed', { brief: briefId, error }),
    );
  }

  /**
   * Starts the worker now rather than on the first request; it compiles its
   * code on a made-up brief before it reports ready (warmUp.ts). Resolves
   * once it runs, or once rendering has fallen back to this thread.
   */
  async warmUp(): Promise<void> {
    if (this.closed) return;
    try {
      await this.targetOrNull();
    } catch (error) {
      // Closed while the worker was starting (a quick shutdown): nothing to warm.
      if (!this.closed) throw error;
    }
  }

  /** Drops the brief's copy (the brief was deleted). */
  forget(briefId: BriefId): void {
    this.positions.delete(briefId);
    const request: RenderRequest = { type: 'forget', briefId };
    this.target?.worker.postMessage(request);
    this.inProcess?.forget(briefId);
  }

  /** Stops the worker; jobs still pending fail with HistoryRenderError. */
  async close(): Promise<void> {
    this.closed = true;
    const target = this.target ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.target = null;
    this.failAll(new HistoryRenderError('history renderer closed'));
    this.inProcess?.close();
    this.inProcess = null;
    if (target) await target.worker.terminate();
  }

  private async execute(briefId: BriefId, job: Job): Promise<unknown> {
    // Twice at most: a stale copy is rebuilt from scratch, which cannot be stale.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.closed) throw new HistoryRenderError('history renderer closed');
      const base = this.positions.get(briefId) ?? null;
      // A first feed reads the whole document: a snapshot written with seq 0
      // (a storage copy) is not "after" seq 0.
      const stored =
        base === null
          ? await this.options.storage.loadDocument(briefId)
          : await this.options.storage.loadUpdatesAfter(briefId, base);
      const feed = feedOf(base, stored);
      const { reply, from } = await this.send({
        type: 'run',
        id: this.nextId++,
        briefId,
        feed,
        job,
      });
      switch (reply.type) {
        case 'done':
          for (const evicted of reply.evicted) this.positions.delete(evicted);
          this.positions.set(briefId, reply.seq);
          return this.leased(job, reply.result, from);
        case 'stale':
          this.positions.delete(briefId);
          continue;
        case 'failed':
          // Where the copy stands after a failure is not known here: rebuild it next time.
          this.positions.delete(briefId);
          throw new HistoryRenderError(`history rendering failed: ${reply.name}: ${reply.message}`);
      }
    }
    throw new HistoryRenderError(`the history worker kept refusing ${briefId}'s document`);
  }

  /** Rendered documents in the reply, as leases that hand their slab regions back when released. */
  private leased(job: Job, result: unknown, from: Target | null): unknown {
    const lease = (wire: WireBytes): Lease => {
      if ('bytes' in wire) return new Lease(wire.bytes);
      if (!from) throw new HistoryRenderError('a slab result without a worker');
      const { worker, slab } = from;
      return new Lease(new Uint8Array(slab, wire.slab, wire.length), () => {
        // A replaced worker's slab is gone with it; there is nothing to hand back.
        if (this.target?.worker !== worker) return;
        const release: RenderRequest = { type: 'release', offset: wire.slab };
        worker.postMessage(release);
      });
    };
    switch (job.kind) {
      case 'content':
        return lease(result as JobResults['content']);
      case 'compare': {
        const { doc, authors } = result as JobResults['compare'];
        return { doc: lease(doc), authors };
      }
      default:
        return result;
    }
  }

  private async send(
    request: Extract<RenderRequest, { type: 'run' }>,
  ): Promise<{ reply: JobReply; from: Target | null }> {
    const target = await this.targetOrNull();
    if (!target) {
      this.inProcess ??= new HistoryEngine(this.engineOptions);
      return { reply: respond(this.inProcess, request) as JobReply, from: null };
    }
    const { worker } = target;
    const reply = await new Promise<JobReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.restart(
          new HistoryRenderError(`history rendering timed out after ${this.timeoutMs} ms`),
        );
      }, this.timeoutMs);
      this.pending.set(request.id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage(request, transferable(request.feed));
    });
    return { reply, from: target };
  }

  /** The worker, started if need be; null to run in-process. */
  private async targetOrNull(): Promise<Target | null> {
    if (this.target) return this.target;
    if (Date.now() < this.unavailableUntil) return null;
    try {
      return await this.start();
    } catch (error) {
      // A start cut short by close() is not a worker that cannot run.
      if (this.closed) throw error;
      this.unavailableUntil = Date.now() + this.retryAfterMs;
      this.options.logger.warn('history worker unavailable; rendering on the main thread', {
        error,
      });
      return null;
    }
  }

  private start(): Promise<Target> {
    this.starting ??= new Promise<Target>((resolve, reject) => {
      let worker: Worker;
      const slab = new SharedArrayBuffer(this.slabBytes);
      try {
        worker = spawnModuleWorker(this.workerUrl, {
          data: { ...this.engineOptions, slab },
          resourceLimits: RESOURCE_LIMITS,
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`history worker did not start within ${this.startTimeoutMs} ms`));
      }, this.startTimeoutMs);
      let ready = false;
      worker.on('message', (reply: RenderReply) => {
        if (reply.type === 'ready') {
          if (ready) return;
          ready = true;
          clearTimeout(timer);
          if (this.closed) {
            void worker.terminate();
            reject(new HistoryRenderError('history renderer closed'));
            return;
          }
          // A new worker holds no copies.
          this.positions.clear();
          this.target = { worker, slab };
          this.settleIdle();
          resolve(this.target);
          return;
        }
        const job = this.pending.get(reply.id);
        if (!job) return;
        clearTimeout(job.timer);
        this.pending.delete(reply.id);
        this.settleIdle();
        job.resolve(reply);
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        if (!ready) reject(error);
        else if (this.target?.worker === worker) {
          this.restart(new HistoryRenderError('history worker crashed', { cause: error }));
        }
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        if (!ready)
          reject(new Error(`history worker exited with code ${code} before it was ready`));
        else if (this.target?.worker === worker) {
          this.restart(new HistoryRenderError(`history worker exited with code ${code}`));
        }
      });
    }).finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /**
   * Fails every pending job and drops the worker: a stuck render cannot be
   * interrupted, and a crashed worker's copies are gone. The next job starts
   * a new one.
   */
  private restart(error: HistoryRenderError): void {
    const target = this.target;
    this.target = null;
    this.positions.clear();
    this.failAll(error);
    if (target) void target.worker.terminate();
    this.options.logger.warn('history worker restarted', { error });
  }

  private failAll(error: Error): void {
    for (const [id, job] of this.pending) {
      clearTimeout(job.timer);
      this.pending.delete(id);
      job.reject(error);
    }
  }

  /** An idle worker must not keep the process alive. */
  private settleIdle(): void {
    if (this.target && this.pending.size === 0) this.target.worker.unref();
  }
}

function feedOf(base: number | null, stored: StoredDocument): Feed {
  let seq = base ?? 0;
  if (stored.snapshot) seq = Math.max(seq, Number(stored.snapshotSeq));
  for (const u of stored.updates) seq = Math.max(seq, Number(u.seq));
  return { base, snapshot: stored.snapshot, updates: stored.updates.map((u) => u.data), seq };
}

/**
 * The feed's buffers, to be moved rather than copied. Storage hands out
 * fresh arrays it keeps no reference to; only arrays spanning their whole
 * buffer are moved, so a view into a shared pool is never detached.
 */
function transferable(feed: Feed): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const bytes of feed.snapshot ? [feed.snapshot, ...feed.updates] : feed.updates) {
    const buffer = bytes.buffer;
    if (
      buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === buffer.byteLength
    ) {
      out.add(buffer);
    }
  }
  return [...out];
}
