/**
 * The cards engine as the server uses it: normalising and extracting a
 * source, building the cards index and ranking cards for a brief's text, all
 * on a worker thread.
 *
 * Extraction runs for tens of milliseconds per article and for seconds on a
 * large one; on the main thread every open brief's edits would wait for it.
 * And the engine's code and place data are about 12 MiB of heap, which on
 * the main thread would lengthen each major garbage collection that pauses
 * collaboration traffic. This module imports none of it.
 */
import type {
  CardsIndex,
  ExtractedDocument,
  NormalisedSource,
  RankedCards,
  SourceInput,
} from '../../shared/cards.ts';
import { siblingModule } from '../spawnWorker.ts';
import { TaskWorker } from '../taskWorker.ts';
import { SourceRejectedError } from './errors.ts';
import type { CardsTask, CardsTaskResult } from './tasks.ts';

/** The cards engine failed or could not answer (not a rejected source: see SourceRejectedError). */
export class CardsEngineError extends Error {
  override readonly name = 'CardsEngineError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface CardsEngineOptions {
  /** Worker entry; defaults to worker.ts/.js next to this file. */
  workerUrl?: URL;
  /** One task taking longer than this is abandoned and the worker restarted. */
  timeoutMs?: number;
  retryAfterMs?: number;
}

/** Extraction of the largest accepted source (2 million characters) takes a few seconds. */
const TIMEOUT_MS = 60_000;

/**
 * An idle worker holds ~75 MiB of RSS (place names, taxonomy, the built
 * index). A brief being written asks for cards every few seconds, so this
 * only stops the worker of a server nobody is using; the next ranking
 * rebuilds the index (see `rank`).
 */
const IDLE_EXIT_MS = 10 * 60_000;

export class CardsEngine {
  private readonly tasks: TaskWorker<CardsTask, CardsTaskResult>;

  constructor(options: CardsEngineOptions = {}) {
    let inProcess: ((task: CardsTask) => CardsTaskResult) | null = null;
    this.tasks = new TaskWorker<CardsTask, CardsTaskResult>({
      label: 'card extraction',
      worker: options.workerUrl ?? siblingModule('worker', import.meta.url),
      inProcess: async (task) => {
        inProcess ??= (await import('./tasks.ts')).createCardsTasks();
        return inProcess(task);
      },
      error: (message, errorOptions) => new CardsEngineError(message, errorOptions),
      warningName: 'CardsWorkerWarning',
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
      retryAfterMs: options.retryAfterMs,
      idleExitMs: IDLE_EXIT_MS,
    });
  }

  /** True once the worker thread is running (false while falling back in-process). */
  get usingWorker(): boolean {
    return this.tasks.usingWorker;
  }

  /** Throws SourceRejectedError for input that cannot be turned into text. */
  async normalise(input: SourceInput): Promise<NormalisedSource> {
    const result = await this.tasks.run({ kind: 'normalise', input });
    if (result.kind === 'rejected') throw new SourceRejectedError(result.reason, result.message);
    return expect(result, 'normalised').source;
  }

  async extract(source: NormalisedSource): Promise<ExtractedDocument> {
    return expect(await this.tasks.run({ kind: 'extract', source }), 'extracted').document;
  }

  /** Builds the index of `version`, which the engine then ranks against. */
  async build(version: string, extractions: ExtractedDocument[]): Promise<CardsIndex> {
    const result = await this.tasks.run({ kind: 'build', version, extractions });
    return expect(result, 'built').index;
  }

  /** Ranks the index of `version`; null when the engine no longer holds it (build it again). */
  async rank(version: string, text: string): Promise<RankedCards | null> {
    const result = await this.tasks.run({ kind: 'rank', version, text });
    return result.kind === 'stale' ? null : expect(result, 'ranked').cards;
  }

  warmUp(): Promise<void> {
    return this.tasks.warmUp();
  }

  close(): Promise<void> {
    return this.tasks.close();
  }
}

function expect<K extends CardsTaskResult['kind']>(
  result: CardsTaskResult,
  kind: K,
): Extract<CardsTaskResult, { kind: K }> {
  if (result.kind !== kind) {
    throw new CardsEngineError(`card extraction answered ${result.kind}, expected ${kind}`);
  }
  return result as Extract<CardsTaskResult, { kind: K }>;
}
