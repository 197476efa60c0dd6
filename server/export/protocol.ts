import type { ExportSources } from './types.ts';

/** Messages between the export pool and its worker thread. */

export interface RenderRequest {
  id: number;
  doc: unknown;
  meta: unknown;
  sources: ExportSources | undefined;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; pdf: ArrayBuffer; pages: number }
  | { type: 'failed'; id: number; message: string };
