import type { ExportSources } from './types.ts';

/** What the export pool asks its worker thread (see TaskWorker), and the answer. */

export interface RenderRequest {
  doc: unknown;
  meta: unknown;
  sources: ExportSources | undefined;
}

export interface ExportedPdf {
  pdf: Uint8Array;
  pages: number;
}
