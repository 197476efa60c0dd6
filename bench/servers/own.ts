/**
 * Runs one of Briefdesk's own feature benchmarks (bench/export.ts,
 * bench/cards.ts) in a fresh process, pinned like the servers, so that its
 * figures (peak RSS included) are its own and not the load generator's.
 *
 * Usage: own.ts <file in bench/> <export name> [JSON argument]; the last line
 * of output is `BENCH_RESULT <json>`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from '../lib/paths.ts';

const [file, name, arg] = process.argv.slice(2);
const mod = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as Record<
  string,
  unknown
>;
const fn = mod[name];
if (typeof fn !== 'function') {
  process.stdout.write(
    `\nBENCH_RESULT ${JSON.stringify({ error: `${file} does not export ${name}()` })}\n`,
  );
} else {
  const t0 = performance.now();
  const result: unknown = await (fn as (a?: unknown) => unknown)(arg ? JSON.parse(arg) : undefined);
  const wallMs = Math.round(performance.now() - t0);
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ wallMs, result: result ?? null })}\n`);
}
process.exit(0);
