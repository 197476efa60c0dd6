import { Readable } from 'node:stream';
import { toPlainDoc } from './normalize.ts';
import { ExportPool } from './pool.ts';
import type { ExportMeta, ExportSources } from './types.ts';

/**
 * Server-side PDF export of a brief: pdfkit in a worker thread, no browser.
 *
 * HTTP use:
 *   res.setHeader('Content-Type', 'application/pdf');
 *   res.setHeader('Content-Disposition', pdfContentDisposition(meta.title));
 *   renderBriefPdfStream(doc, meta, sources).pipe(res);
 * The stream starts only when the whole PDF is ready, because the footer's
 * "Page X of Y" and the contents page numbers need the full layout; on
 * failure it errors before any byte is sent, so the route can still answer 500.
 */

export type { ExportMeta, ExportSources, ExportStatus } from './types.ts';
export { ExportError } from './errors.ts';
export { ExportPool, type ExportPoolOptions } from './pool.ts';
export { pdfContentDisposition, pdfFilename } from './filename.ts';

let pool: ExportPool | null = null;

function defaultPool(): ExportPool {
  pool ??= new ExportPool();
  return pool;
}

/**
 * Renders a brief (ProseMirror JSON) to PDF. Odd or unknown content becomes a
 * placeholder rather than an error; only a failure to produce any PDF rejects,
 * with ExportError.
 */
export function renderBriefPdf(
  doc: unknown,
  meta: ExportMeta,
  sources?: ExportSources,
): Promise<Buffer> {
  // A ProseMirror Node is a class instance; send its JSON to the worker.
  return defaultPool().render(toPlainDoc(doc), meta, sources);
}

const CHUNK = 64 * 1024;

/** Streaming variant for HTTP routes; see the module comment. */
export function renderBriefPdfStream(
  doc: unknown,
  meta: ExportMeta,
  sources?: ExportSources,
): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const pdf = await renderBriefPdf(doc, meta, sources);
    for (let offset = 0; offset < pdf.length; offset += CHUNK)
      yield pdf.subarray(offset, offset + CHUNK);
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Starts the export worker now (e.g. at server start) so the first export
 * does not pay for starting it and loading fonts. Optional.
 */
export function warmUpExportWorker(): Promise<void> {
  return defaultPool().warmUp();
}

/** Stops the export worker (server shutdown, tests). The next export starts a new one. */
export async function shutdownExportWorker(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.close();
}
