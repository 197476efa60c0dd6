/**
 * `--profile`: Briefdesk under `node --cpu-prof` in the situations where the
 * goals are measured — relaying at a high rate (workload 3), many rooms at
 * a steady pace (workload 2), and a cold load of the trace (workload 4) —
 * then a summary of where its CPU time goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { BENCH_TMP } from '../lib/paths.ts';
import { LeanClient } from '../lib/protocol.ts';
import { RelayHarness } from '../lib/relay.ts';
import type { Results } from '../lib/report.ts';
import { freshDataDir, prefillRooms } from '../lib/servers.ts';
import { sleep } from '../lib/stats.ts';
import { traceState } from '../lib/trace.ts';
import { analyzeProfile, formatProfile, type ProfileSummary } from '../profile.ts';

/**
 * The main thread's profile. `--cpu-prof` writes one file per thread
 * (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): thread 0 is the main
 * thread; the others are tsx's module loader and Briefdesk's merge worker.
 */
function profiles(dir: string): { main: string; others: string[] } {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const main = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!main) throw new Error(`no main-thread profile written in ${dir}`);
  return { main, others: files.filter((f) => f !== main) };
}

export async function runProfiles(
  ctx: BenchContext,
  results: Results,
): Promise<Array<{ name: string; summary: ProfileSummary }>> {
  const root = path.join(BENCH_TMP, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  const out: Array<{ name: string; summary: ProfileSummary }> = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const record = (name: string, dir: string, window: { fromUs: number; toUs: number }) => {
    const { main, others } = profiles(dir);
    const summary = analyzeProfile(main, 30, window);
    out.push({ name, summary });
    ctx.log(`  ${name}: ${path.relative(process.cwd(), main)}\n${formatProfile(summary)}`);
    for (const other of others) {
      const s = analyzeProfile(other, 5, window);
      const busy = s.totalMs - s.idleMs;
      if (busy < 50) continue;
      ctx.log(
        `  (another thread: ${busy} ms busy; top: ${s.top
          .slice(0, 3)
          .map((e) => `${e.name} ${e.where}`)
          .join(', ')})`,
      );
    }
  };

  // Relay at a rate Briefdesk could not sustain (or 4000/s when unknown).
  const fan1 = results.workloads.maxRate?.fanout1?.briefdesk;
  const failed = fan1?.steps.filter((s) => !s.pass).map((s) => s.target) ?? [];
  const relayRate = failed.length ? Math.min(...failed) : 4000;
  {
    const dir = path.join(root, 'relay');
    const server = await ctx.start('briefdesk', 'profile-relay', { cpuProfileDir: dir });
    const h = await RelayHarness.create(server, 10, 1);
    h.setRate(relayRate / 10);
    const fromUs = nowUs();
    const w = await h.measure(ctx.quick ? 2000 : 6000, 500, 2000);
    const toUs = nowUs();
    ctx.log(
      `  relay at ${relayRate}/s, fan-out 1: p99 ${w.latency.p99.toFixed(1)} ms, dropped ${w.dropped}`,
    );
    h.close();
    await server.stop();
    record(`relay ${relayRate}/s, fan-out 1`, dir, { fromUs, toUs });
  }
  {
    const dir = path.join(root, 'many-rooms');
    const server = await ctx.start('briefdesk', 'profile-rooms', { cpuProfileDir: dir });
    const h = await RelayHarness.create(server, 500, 2);
    h.setRate(1, 'random');
    const fromUs = nowUs();
    const w = await h.measure(ctx.quick ? 3000 : 8000, 1000, 2000);
    const toUs = nowUs();
    ctx.log(`  500 rooms × 3 at 1/s: p99 ${w.latency.p99.toFixed(1)} ms`);
    h.close();
    await server.stop();
    record('500 briefs × 3 clients, 1 edit/s each', dir, { fromUs, toUs });
  }
  {
    const dir = path.join(root, 'cold-load');
    const dataDir = freshDataDir('profile-cold');
    const [room] = await prefillRooms('briefdesk', dataDir, [traceState(ctx.log)]);
    const server = await ctx.start('briefdesk', 'profile-cold', { cpuProfileDir: dir, dataDir });
    const fromUs = nowUs();
    const c = new LeanClient({ endpoint: server.endpoint, room, keepSyncState: true });
    await c.synced;
    const toUs = nowUs();
    ctx.log(`  cold load of the trace: ${(c.syncedAt - c.connectStartedAt).toFixed(1)} ms`);
    c.terminate();
    await sleep(200);
    await server.stop();
    record('cold load of the trace', dir, { fromUs, toUs });
  }
  await ctx.cleanup();
  return out;
}
