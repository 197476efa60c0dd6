import { afterAll, describe, expect, it } from 'vitest';
import { briefSchema } from '../../shared/schema/extensions.ts';
import {
  ExportError,
  ExportPool,
  renderBriefPdf,
  renderBriefPdfStream,
  shutdownExportWorker,
  warmUpExportWorker,
} from '../../server/export/index.ts';
import { doc, fixtureMeta, fullBrief, longBrief, p } from '../fixtures/export/briefs.ts';
import { allText, readPdf } from './pdfText.ts';
import { ticksDuring, warningsDuring } from '../helpers/workers.ts';

const pools: ExportPool[] = [];
function pool(options?: ConstructorParameters<typeof ExportPool>[0]): ExportPool {
  const created = new ExportPool(options);
  pools.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await shutdownExportWorker();
});

function isPdf(buf: Buffer): boolean {
  return buf.subarray(0, 5).toString() === '%PDF-' && buf.subarray(-6).toString().includes('%%EOF');
}

describe('export worker', () => {
  it('renders in a worker thread and reuses it', async () => {
    const exports = pool();
    const first = await exports.render(fullBrief(), fixtureMeta(), undefined);
    expect(exports.usingWorker).toBe(true);
    expect(isPdf(first)).toBe(true);
    const second = await exports.render(doc(p('Second export')), fixtureMeta(), undefined);
    expect(allText(await readPdf(second))).toContain('Second export');
  });

  it('can start the worker before the first export', async () => {
    const exports = pool();
    await exports.warmUp();
    expect(exports.usingWorker).toBe(true);
  });

  it('keeps the main thread responsive while rendering', async () => {
    const exports = pool();
    await exports.render(doc(p('warm')), fixtureMeta(), undefined);
    const { ticks, elapsedMs } = await ticksDuring(() =>
      exports.render(longBrief(32), fixtureMeta(), undefined),
    );
    // A render on this thread would allow no ticks at all until it finished.
    expect(ticks).toBeGreaterThan(Math.min(5, elapsedMs / 50));
  });

  it('serves concurrent exports', async () => {
    await warmUpExportWorker();
    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((word) =>
        renderBriefPdf(doc(p(`Export ${word}`)), fixtureMeta()),
      ),
    );
    for (const [i, word] of ['One', 'Two', 'Three'].entries()) {
      expect(allText(await readPdf(results[i]))).toContain(`Export ${word}`);
    }
  });

  it('accepts a ProseMirror node as well as JSON', async () => {
    const json = fullBrief();
    // The schema rejects unknown nodes, which JSON input tolerates.
    json.content = json.content?.filter((n) => n.type !== 'mysteryWidget');
    const node = briefSchema().nodeFromJSON(json);
    const pdf = await renderBriefPdf(node, fixtureMeta());
    expect(allText(await readPdf(pdf))).toContain('Minister Ana Peña');
  });

  it('falls back to rendering in-process when the worker cannot start', async () => {
    const warnings = await warningsDuring(async () => {
      const exports = pool({
        workerUrl: new URL('./does-not-exist.ts', import.meta.url),
        retryAfterMs: 60_000,
      });
      const pdf = await exports.render(doc(p('Fallback works')), fixtureMeta(), undefined);
      expect(exports.usingWorker).toBe(false);
      expect(allText(await readPdf(pdf))).toContain('Fallback works');
    });
    expect(warnings.some((w) => w.includes('PDF export worker unavailable'))).toBe(true);
  });

  it('abandons an export that takes too long with an ExportError', async () => {
    const exports = pool({ timeoutMs: 1 });
    await expect(exports.render(longBrief(40), fixtureMeta(), undefined)).rejects.toBeInstanceOf(
      ExportError,
    );
    await expect(exports.render(longBrief(40), fixtureMeta(), undefined)).rejects.toMatchObject({
      name: 'ExportError',
    });
  });

  it('streams the PDF for HTTP routes', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of renderBriefPdfStream(longBrief(6), fixtureMeta()))
      chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(isPdf(pdf)).toBe(true);
    expect((await readPdf(pdf)).length).toBeGreaterThan(5);
  });
});
