import { siblingModule } from '../spawnWorker.ts';
import { TaskWorker } from '../taskWorker.ts';
import { ExportError } from './errors.ts';
import type { RenderRequest, ExportedPdf } from './protocol.ts';
import type { ExportSources } from './types.ts';

/**
 * A pool of one export worker, started on first use and reused (see
 * TaskWorker). Exports are CPU-bound for tens to hundreds of milliseconds;
 * running them on the main thread would stall every collaborative session on
 * the server for that long. If the worker cannot start, exports fall back to
 * the calling thread rather than failing, and the worker is retried after a pause.
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

/**
 * A pathological brief should kill the export worker with an out-of-memory
 * error, not the whole server; 50 pages need well under 200 MB.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 768 };

/**
 * An idle worker holds ~110 MiB of RSS (pdfkit, fonts, the editor schema).
 * Ten minutes covers a session of exports; the next one after that waits
 * for a new worker (about half a second on a 2-core test machine).
 */
const IDLE_EXIT_MS = 10 * 60_000;

export class ExportPool {
  private readonly tasks: TaskWorker<RenderRequest, ExportedPdf>;

  constructor(options: ExportPoolOptions = {}) {
    this.tasks = new TaskWorker<RenderRequest, ExportedPdf>({
      label: 'PDF export',
      worker: options.workerUrl ?? siblingModule('worker', import.meta.url),
      inProcess: async (request) => {
        // Loaded here, not at the top: pdfkit and the fonts are ~7 MiB of
        // heap that the main thread carries only if the worker cannot start.
        const { renderPdf } = await import('./render.ts');
        const { pdf, pages } = await renderPdf(request.doc, request.meta, request.sources ?? {});
        return { pdf, pages };
      },
      error: (message, errorOptions) => new ExportError(message, errorOptions),
      warningName: 'ExportWorkerWarning',
      timeoutMs: options.timeoutMs,
      startTimeoutMs: options.startTimeoutMs,
      retryAfterMs: options.retryAfterMs,
      resourceLimits: RESOURCE_LIMITS,
      idleExitMs: IDLE_EXIT_MS,
    });
  }

  /** True once a worker thread is running (false while falling back in-process). */
  get usingWorker(): boolean {
    return this.tasks.usingWorker;
  }

  async render(doc: unknown, meta: unknown, sources: ExportSources | undefined): Promise<Buffer> {
    const { pdf } = await this.tasks.run({ doc, meta, sources });
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  /** Starts the worker ahead of the first export; failures are left for render() to handle. */
  warmUp(): Promise<void> {
    return this.tasks.warmUp();
  }

  /** Stops the worker; pending exports fail with ExportError. */
  close(): Promise<void> {
    return this.tasks.close();
  }
}
