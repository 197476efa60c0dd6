/**
 * One worker thread that runs one kind of CPU-bound task (a PDF export, a
 * source's card extraction) so that the main thread, which relays every
 * keystroke of every open brief, never stalls for it — and never carries the
 * task's code and data in its heap, which lengthens each of its major garbage
 * collections.
 *
 * The worker starts on first use and is reused. A task that runs past its
 * timeout is abandoned and the worker replaced (a stuck task cannot be
 * interrupted). If the worker cannot start, tasks run on the calling thread
 * rather than failing, and starting is retried after a pause. An idle worker
 * does not keep the process alive, and with `idleExitMs` it stops: a worker
 * holds its own heap and code (the export worker ~110 MiB of RSS, the cards
 * worker ~75 MiB), which a server that exports once a day should not carry
 * all day. The next task starts a new one.
 *
 * The worker entry calls `serveTasks` with the function that does the work;
 * its thread runs below normal priority, as the other background workers do
 * (see threadPriority.ts), so on a busy core the relay goes first.
 */
import { parentPort, type Transferable, type Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import { spawnModuleWorker } from './spawnWorker.ts';
import { lowerThreadPriority } from './threadPriority.ts';

/** Messages between a TaskWorker and its thread. */
export interface TaskRequest<Request> {
  id: number;
  request: Request;
}

export type TaskReply<Result> =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: Result }
  | { type: 'failed'; id: number; message: string };

export interface TaskWorkerOptions<Request, Result> {
  /** What the tasks are, in messages and warnings: "PDF export". */
  label: string;
  /**
   * The worker: a module of this source tree, started with spawnModuleWorker
   * (its entry calls serveTasks), or a function that starts one speaking the
   * same messages — for a worker small enough to be given as source, which
   * starts without a TypeScript loader.
   */
  worker: URL | (() => Worker);
  /** Runs a task on the calling thread, while the worker cannot start. */
  inProcess: (request: Request) => Promise<Result>;
  /** The error a task that failed, timed out or was cut off rejects with. */
  error: (message: string, options?: { cause?: unknown }) => Error;
  /** The name of the warning emitted when tasks fall back to the calling thread. */
  warningName: string;
  /** A single task taking longer than this is abandoned and the worker restarted. */
  timeoutMs?: number;
  /** How long to wait for a new worker to report ready. */
  startTimeoutMs?: number;
  /** After a failed start, tasks run in-process for this long before retrying. */
  retryAfterMs?: number;
  /** Heap limits of a module worker (one started from a function sets its own). */
  resourceLimits?: ResourceLimits;
  /** A worker with no task for this long is stopped; unset, it stays until close(). */
  idleExitMs?: number;
}

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class TaskWorker<Request, Result> {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending<Result>>();
  private nextId = 1;
  private unavailableUntil = 0;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly retryAfterMs: number;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Tasks between run() and their post to the worker. */
  private arriving = 0;

  constructor(private readonly options: TaskWorkerOptions<Request, Result>) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 20_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
  }

  /** True once the worker thread is running (false while falling back in-process). */
  get usingWorker(): boolean {
    return this.worker !== null;
  }

  async run(request: Request, transfer: readonly Transferable[] = []): Promise<Result> {
    let worker: Worker | null = null;
    if (Date.now() >= this.unavailableUntil) {
      // Counted from here, not from the post: the idle stop must not take the
      // worker this task is about to be given.
      this.arriving++;
      this.clearIdleTimer();
      try {
        worker = await this.start();
      } catch (error) {
        this.unavailableUntil = Date.now() + this.retryAfterMs;
        process.emitWarning(
          `${this.options.label} worker unavailable, running in-process: ${error instanceof Error ? error.message : String(error)}`,
          this.options.warningName,
        );
      } finally {
        this.arriving--;
      }
    }
    if (!worker) return this.inProcess(request);
    const id = this.nextId++;
    const message: TaskRequest<Request> = { id, request };
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          this.options.error(`${this.options.label} timed out after ${this.timeoutMs} ms`),
          id,
        );
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      try {
        worker.postMessage(message, transfer);
      } catch {
        // The request holds something structured clone cannot copy (e.g. a
        // function): run it here instead.
        clearTimeout(timer);
        this.pending.delete(id);
        this.settleIdle();
        this.inProcess(request).then(resolve, reject);
      }
    });
  }

  /** Starts the worker ahead of the first task; failures are left for run() to handle. */
  async warmUp(): Promise<void> {
    if (Date.now() < this.unavailableUntil) return;
    await this.start().then(
      () => undefined,
      () => undefined,
    );
  }

  /** Stops the worker; pending tasks fail. A later task starts a new one. */
  async close(): Promise<void> {
    this.clearIdleTimer();
    const worker = this.worker ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.fail(this.options.error(`${this.options.label} worker closed`));
    if (worker) await worker.terminate();
  }

  private async inProcess(request: Request): Promise<Result> {
    try {
      return await this.options.inProcess(request);
    } catch (error) {
      throw this.options.error(`${this.options.label} failed`, { cause: error });
    }
  }

  private start(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        const entry = this.options.worker;
        worker =
          entry instanceof URL
            ? spawnModuleWorker(entry, { data: null, resourceLimits: this.options.resourceLimits })
            : entry();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`worker did not start within ${this.startTimeoutMs} ms`));
      }, this.startTimeoutMs);
      let ready = false;
      worker.on('message', (message: TaskReply<Result>) => {
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
      // A worker replaced after a timeout may exit much later (terminate waits
      // for a native call to return); its tasks were failed then, and what is
      // pending now belongs to its successor. So only the current worker's
      // end fails the pending tasks.
      worker.on('error', (error) => {
        clearTimeout(timer);
        if (!ready) reject(error);
        else if (this.worker === worker)
          this.fail(this.options.error(`${this.options.label} worker crashed`, { cause: error }));
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        if (!ready) {
          reject(new Error(`worker exited with code ${code} before it was ready`));
          return;
        }
        if (this.worker !== worker) return;
        this.worker = null;
        this.fail(this.options.error(`${this.options.label} worker exited with code ${code}`));
      });
    }).finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private onMessage(message: TaskReply<Result>): void {
    if (message.type === 'ready') return;
    const job = this.pending.get(message.id);
    if (!job) return;
    clearTimeout(job.timer);
    this.pending.delete(message.id);
    this.settleIdle();
    if (message.type === 'done') job.resolve(message.result);
    else job.reject(this.options.error(`${this.options.label} failed: ${message.message}`));
  }

  /** Fails one task (and restarts the worker) or, without an id, every task. */
  private fail(error: Error, id?: number): void {
    const ids = id === undefined ? [...this.pending.keys()] : [id];
    for (const key of ids) {
      const job = this.pending.get(key);
      if (!job) continue;
      clearTimeout(job.timer);
      this.pending.delete(key);
      job.reject(error);
    }
    if (id !== undefined && this.worker) {
      // A stuck task cannot be interrupted; replace the worker.
      const stuck = this.worker;
      this.worker = null;
      void stuck.terminate();
      this.fail(this.options.error(`${this.options.label} worker restarted after a timeout`));
    }
    this.settleIdle();
  }

  /** An idle worker must not keep the process alive, nor, with idleExitMs, stay up. */
  private settleIdle(): void {
    if (!this.worker || this.pending.size > 0) return;
    this.worker.unref();
    const idleExitMs = this.options.idleExitMs;
    if (idleExitMs === undefined || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const idle = this.worker;
      if (!idle || this.pending.size > 0 || this.arriving > 0) return;
      // Forgotten before it ends, so its exit fails nothing (see start()).
      this.worker = null;
      void idle.terminate();
    }, idleExitMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (!this.idleTimer) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/**
 * The worker side: runs `handle` for each request, one reply per request,
 * in the order they finish. A failure is reported for its request alone and
 * the worker stays up. `transferOf` names the buffers of a result to move
 * rather than copy.
 */
export function serveTasks<Request, Result>(
  handle: (request: Request) => Result | Promise<Result>,
  transferOf: (result: Result) => Transferable[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  lowerThreadPriority();
  const post = (reply: TaskReply<Result>, transfer: Transferable[] = []): void =>
    port.postMessage(reply, transfer);
  port.on('message', ({ id, request }: TaskRequest<Request>) => {
    new Promise<Result>((resolve) => resolve(handle(request))).then(
      (result) => post({ type: 'done', id, result }, transferOf(result)),
      (error: unknown) =>
        post({
          type: 'failed',
          id,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  post({ type: 'ready' });
}
