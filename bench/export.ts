import { pathToFileURL } from 'node:url';
import { renderBriefPdf, shutdownExportWorker } from '../server/export/index.ts';
import { fixtureMeta, longBrief } from '../test/fixtures/export/briefs.ts';
import { readPdf } from '../test/export/pdfText.ts';

/**
 * PDF export benchmark: a ~50-page brief (headings, paragraphs with marks and
 * citations, lists, tables, contents, sources) through the public API, so the
 * figure includes the worker round trip. The first export starts the worker
 * and is reported separately; `ms` is the median of the warm runs.
 */
export async function benchExport(): Promise<{ pages: number; ms: number; peakRssMb: number }> {
  const brief = longBrief(33);
  const meta = fixtureMeta({ toc: true });
  const coldStart = performance.now();
  const first = await renderBriefPdf(brief, meta);
  const coldMs = performance.now() - coldStart;
  const pages = (await readPdf(first)).length;

  const runs: number[] = [];
  // CPU time (all threads) alongside wall time: on a busy machine wall time
  // mostly measures the wait for a core.
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await renderBriefPdf(brief, meta);
    runs.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs.length;
  runs.sort((a, b) => a - b);
  await shutdownExportWorker();
  const result = {
    pages,
    ms: Math.round(runs[Math.floor(runs.length / 2)]),
    // maxRSS covers the whole process, worker thread included (kilobytes on Linux).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(
    `export: ${result.pages} pages, ${result.ms} ms warm (median of ${runs.length}, ` +
      `${Math.round(cpuMs)} ms CPU each), ${Math.round(coldMs)} ms first export incl. worker start, ` +
      `peak RSS ${result.peakRssMb} MB`,
  );
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchExport();
}
