import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../spawnWorker.ts';
import { ExportError } from './errors.ts';
import type { RenderRequest, WorkerMessage } from './protocol.ts';
import { renderPdf } from './render.ts';
import type { ExportSources } from './types.ts';

/**
 * A pool of one export worker, started on first use and reused. Exports are
 * CPU-bound for tens to hundreds of milliseconds; running them on the main
 * thread would stall every collaborative session on the server for that long.
 * If the worker cannot start, exports fall back to the calling thread rather
 * than failing, and the worker is retried after a pause.
 */

export interface ExportPoolOptions {
  /** Worker entry; defaults to worker.ts/.js next to this file. */
  workerUrl?: URL;
  /** A single export taking longer than this is abandoned and the worker restarted. */
  timeoutMs?: number;
  /** How long to wait for a new worker to report ready. */
  startTimeoutMs?: number;
  /** After a failed start, exports run in-process for this long before retrying. */
  retryAfterMs?: number;
}

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A pathological brief should kill the export worker with an out-of-memory
 * error, not the whole server; 50 pages need well under 200 MB.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 768 };

export class ExportPool {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private unavailableUntil = 0;
  private readonly workerUrl: URL;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly retryAfterMs: number;

  constructor(options: ExportPoolOptions = {}) {
    this.workerUrl = options.workerUrl ?? siblingModule('worker', import.meta.url);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 20_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
  }

  /** True once a worker thread is running (false while falling back in-process). */
  get usingWorker(): boolean {
    return this.worker !== null;
  }

  async render(doc: unknown, meta: unknown, sources: ExportSources | undefined): Promise<Buffer> {
    let worker: Worker | null = null;
    if (Date.now() >= this.unavailableUntil) {
      try {
        worker = await this.start();
      } catch (error) {
        this.unavailableUntil = Date.now() + this.retryAfterMs;
        process.emitWarning(
          `PDF export worker unavailable, rendering in-process: ${error instanceof Error ? error.message : String(error)}`,
          'ExportWorkerWarning',
        );
      }
    }
    if (!worker) return this.inProcess(doc, meta, sources);
    const id = this.nextId++;
    const request: RenderRequest = { id, doc, meta, sources };
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new ExportError(`PDF export timed out after ${this.timeoutMs} ms`), id);
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      try {
        worker.postMessage(request);
      } catch {
        // The document holds something structured clone cannot copy (e.g. a
        // function): render it here instead.
        clearTimeout(timer);
        this.pending.delete(id);
        this.settleIdle();
        this.inProcess(doc, meta, sources).then(resolve, reject);
      }
    });
  }

  /** Starts the worker ahead of the first export; failures are left for render() to handle. */
  async warmUp(): Promise<void> {
    if (Date.now() < this.unavailableUntil) return;
    await this.start().then(
      () => undefined,
      () => undefined,
    );
  }

  /** Stops the worker; pending exports fail with ExportError. */
  async close(): Promise<void> {
    const worker = this.worker ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.fail(new ExportError('PDF export pool closed'));
    if (worker) await worker.terminate();
  }

  private async inProcess(
    doc: unknown,
    meta: unknown,
    sources: ExportSources | undefined,
  ): Promise<Buffer> {
    try {
      return (await renderPdf(doc, meta, sources ?? {})).pdf;
    } catch (error) {
      throw new ExportError('PDF export failed', { cause: error });
    }
  }

  private start(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawnModuleWorker(this.workerUrl, {
          data: null,
          resourceLimits: RESOURCE_LIMITS,
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`worker did not start within ${this.startTimeoutMs} ms`));
      }, this.startTimeoutMs);
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready' && !ready) {
          ready = true;
          clearTimeout(timer);
          this.worker = worker;
          this.settleIdle();
          resolve(worker);
          return;
        }
        this.onMessage(message);
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        if (!ready) reject(error);
        else this.fail(new ExportError('PDF export worker crashed', { cause: error }));
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        if (this.worker === worker) this.worker = null;
        if (!ready) reject(new Error(`worker exited with code ${code} before it was ready`));
        else this.fail(new ExportError(`PDF export worker exited with code ${code}`));
      });
    }).finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') return;
    const job = this.pending.get(message.id);
    if (!job) return;
    clearTimeout(job.timer);
    this.pending.delete(message.id);
    this.settleIdle();
    if (message.type === 'done') job.resolve(Buffer.from(message.pdf));
    else job.reject(new ExportError(`PDF export failed: ${message.message}`));
  }

  /** Fails one job (and restarts the worker) or, without an id, every job. */
  private fail(error: ExportError, id?: number): void {
    const ids = id === undefined ? [...this.pending.keys()] : [id];
    for (const key of ids) {
      const job = this.pending.get(key);
      if (!job) continue;
      clearTimeout(job.timer);
      this.pending.delete(key);
      job.reject(error);
    }
    if (id !== undefined && this.worker) {
      // A stuck render cannot be interrupted; replace the worker.
      const stuck = this.worker;
      this.worker = null;
      void stuck.terminate();
      this.fail(new ExportError('PDF export worker restarted after a timeout'));
    }
    this.settleIdle();
  }

  /** An idle worker must not keep the process alive. */
  private settleIdle(): void {
    if (this.worker && this.pending.size === 0) this.worker.unref();
  }
}
