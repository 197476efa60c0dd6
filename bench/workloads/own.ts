/**
 * Workload 7: Briefdesk's own features. PDF export and card extraction have
 * their own benchmark modules, owned by the engineers of those features
 * (bench/export.ts exporting benchExport(), bench/cards.ts exporting
 * benchCards()), as has revision history (bench/history.ts exporting
 * benchHistory(), which replays the automerge-paper trace into a brief with
 * a revision every 1,000 edits, then opens revisions). When present, each
 * runs in a fresh process pinned like the servers (bench/servers/own.ts) and
 * its result is recorded as returned.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { BENCH_DIR, REPO_ROOT } from '../lib/paths.ts';
import { NODE_FLAGS, serverCommand } from '../lib/servers.ts';

export interface OwnFeature {
  name: string;
  available: boolean;
  /** A one-line summary of the result for the table. */
  summary?: string;
  note?: string;
  wallMs?: number;
  result?: unknown;
  error?: string;
}

function runModule(
  file: string,
  exportName: string,
  arg: unknown,
  options: { pinned: boolean; log: (line: string) => void },
) {
  const nodeArgs = [...NODE_FLAGS, path.join(BENCH_DIR, 'servers', 'own.ts'), file, exportName];
  if (arg !== undefined) nodeArgs.push(JSON.stringify(arg));
  const [cmd, args] = options.pinned ? serverCommand(nodeArgs) : [process.execPath, nodeArgs];
  return new Promise<{ wallMs?: number; result?: unknown; error?: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      for (const l of out.split('\n'))
        if (l.trim() && !l.startsWith('BENCH_RESULT ')) options.log(`    ${l}`);
      if (!line) {
        resolve({ error: `exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}` });
        return;
      }
      resolve(
        JSON.parse(line.slice('BENCH_RESULT '.length)) as {
          wallMs?: number;
          result?: unknown;
          error?: string;
        },
      );
    });
  });
}

function num(v: unknown, digits = 0): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '?';
}

function summarise(name: string, result: unknown): string {
  const r = (result ?? {}) as Record<string, unknown>;
  if ('pages' in r && 'ms' in r) {
    return `${num(r.pages)} pages in ${num(r.ms)} ms (warm median), peak RSS ${num(r.peakRssMb)} MB`;
  }
  if ('openMs' in r) {
    const open = r.openMs as Record<string, unknown>;
    const list = r.listMs as Record<string, unknown>;
    const compare = r.compareMs as Record<string, unknown>;
    const cold = r.coldOpenMs as Record<string, unknown> | undefined;
    const storage = r.storage as Record<string, number> | undefined;
    const edit = r.editLatency as
      Record<'idle' | 'browsing', { latency: Record<string, number> }> | undefined;
    const p = (phase: 'idle' | 'browsing') =>
      `p50 ${num(edit?.[phase].latency.p50, 1)} / p99 ${num(edit?.[phase].latency.p99, 1)} ms`;
    return (
      `open a revision ${num(open.median, 1)} ms median, p95 ${num(open.p95, 1)} ms ` +
      `(${num(r.revisions)} revisions over ${num(r.edits)} edits, ${num(r.paragraphs)} paragraphs); ` +
      (cold
        ? `first open after a restart ${num(cold.median, 1)} ms median, max ${num(cold.max, 1)}; `
        : '') +
      `compare two ${num(compare.median, 1)} ms median, p95 ${num(compare.p95, 1)} ms; ` +
      `list ${num(list.median, 1)} ms` +
      (storage
        ? `; revisions stored in ${num(storage.revisionBytes / 1024)} KiB vs ` +
          `${num(storage.finalUpdateBytes / 1024)} KiB for the final document`
        : '') +
      (edit ? `; relay latency idle ${p('idle')}, while browsing history ${p('browsing')}` : '')
    );
  }
  if ('docsPerSecond' in r) {
    return (
      `${num(r.docsPerSecond)} docs/s, ${num(Number(r.charsPerSecond) / 1e3)}k chars/s; ` +
      `rank a brief ${num(r.rankColdMs, 1)} ms cold, ${num(r.rankEditMs, 1)} ms after an edit`
    );
  }
  return `${name}: ${JSON.stringify(result).slice(0, 80)}`;
}

async function feature(
  ctx: BenchContext,
  name: string,
  file: string,
  exportName: string,
  arg?: unknown,
  missing = `not available: bench/${file} not present`,
): Promise<OwnFeature> {
  if (!fs.existsSync(path.join(BENCH_DIR, file))) return { name, available: false, note: missing };
  const r = await runModule(file, exportName, arg, { pinned: !ctx.quick, log: ctx.log });
  if (r.error) return { name, available: false, error: r.error };
  return {
    name,
    available: true,
    wallMs: r.wallMs,
    result: r.result,
    summary: summarise(name, r.result),
  };
}

export async function ownFeatures(ctx: BenchContext): Promise<OwnFeature[]> {
  const runs: Array<() => Promise<OwnFeature>> = [
    () => feature(ctx, 'PDF export of a 50-page brief', 'export.ts', 'benchExport'),
    () =>
      feature(
        ctx,
        'card extraction throughput',
        'cards.ts',
        'benchCards',
        ctx.quick ? { rounds: 1 } : undefined,
      ),
    () =>
      feature(
        ctx,
        'opening a revision of the trace brief',
        'history.ts',
        'benchHistory',
        { quick: ctx.quick },
        'not yet available (revision history does not exist yet)',
      ),
  ];
  // --quick is a smoke test: the three run at once, on either core. A full
  // run measures each alone, pinned like the servers.
  const out: OwnFeature[] = [];
  if (ctx.quick) out.push(...(await Promise.all(runs.map((run) => run()))));
  else for (const run of runs) out.push(await run());
  for (const f of out) ctx.log(`  ${f.name}: ${f.available ? f.summary : (f.note ?? f.error)}`);
  return out;
}
