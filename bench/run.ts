/**
 * `npm run bench`: every workload against Briefdesk, Hocuspocus 3 and the
 * reference y-websocket server, each in its own process pinned to core 0,
 * driven by the same lean clients from this process pinned to core 1.
 *
 *   npm run bench                       the full suite (~15 min)
 *   npm run bench -- --quick            a smoke version (about 70 s)
 *   npm run bench -- --only=1,3         some workloads (1–7)
 *   npm run bench -- --servers=briefdesk,ywsref
 *   npm run bench -- --profile          also CPU-profile Briefdesk (relay, many rooms, cold load)
 *   npm run bench -- --profile-only     only the profiles
 *   npm run bench -- --no-nice          keep the default scheduling priority (see below)
 *
 * On a shared machine other jobs running on the same two cores disturb the
 * figures; when allowed, the load generator and every server run at nice
 * -15 alike, so they lose less time to other work (none of it ends).
 *
 * Writes bench/results/<YYYY-MM-DD>.json (--quick: <date>-quick.json; a run
 * of some workloads or servers: …-partial.json) and, after a complete full
 * run, the tables in bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchUsageError, parseBenchArgs, type BenchArgs } from './lib/args.ts';
import { createContext, type BenchContext } from './lib/context.ts';
import { BENCH_TMP, REPO_ROOT, RESULTS_DIR } from './lib/paths.ts';
import { checkAppendUpdates, SERVER_KINDS } from './lib/protocol.ts';
import {
  computeGoals,
  computeRatios,
  goalsTable,
  textTable,
  updateReadme,
  type Results,
} from './lib/report.ts';
import { HAS_TASKSET, NODE_FLAGS, pinLoadGenerator, raisePriority } from './lib/servers.ts';
import { RELAY_NODE_FLAGS } from '../server/heapTuning.ts';
import { coldLoad } from './workloads/coldLoad.ts';
import { durability } from './workloads/durability.ts';
import { memory } from './workloads/memory.ts';
import { ownFeatures } from './workloads/own.ts';
import { maxRate, relayLight, relayManyRooms } from './workloads/relay.ts';
import { runProfiles } from './workloads/profiles.ts';

function version(pkg: string): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', pkg, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`npm run bench: ${error.message}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const log = (line: string) => process.stdout.write(line + '\n');
  const pinned = pinLoadGenerator();
  const niceness = args.nice ? raisePriority() : null;
  checkAppendUpdates();
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const cpus = os.cpus();
  const loadStart = os.loadavg();
  log(
    `Briefdesk benchmarks (${args.quick ? 'quick' : 'full'}): ${args.servers.join(', ')}; ` +
      `${cpus.length} × ${cpus[0]?.model}; ` +
      (pinned ? 'servers on core 0, load generator on core 1' : 'no taskset: not pinned') +
      (niceness !== null ? `, all at nice ${niceness}` : '') +
      `; load average ${loadStart.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const ctx: BenchContext = createContext(args.quick, args.servers, log);
  const want = (n: number) => !args.only || args.only.has(n);

  const results: Results = {
    date: new Date(started).toISOString(),
    mode: args.quick ? 'quick' : 'full',
    durationSeconds: 0,
    machine: {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      totalMemBytes: os.totalmem(),
      node: process.version,
      pinning: pinned
        ? 'servers: taskset -c 0; load generator: taskset -a -pc 1'
        : 'none (taskset missing)',
      taskset: HAS_TASKSET,
      niceness: niceness ?? 'unchanged',
      loadAverageStart: loadStart,
      nodeFlags: NODE_FLAGS.join(' '),
    },
    packages: Object.fromEntries(
      [
        'yjs',
        'y-protocols',
        'lib0',
        'ws',
        '@hocuspocus/server',
        '@hocuspocus/common',
        'y-websocket',
        'y-websocket-ref',
        'better-sqlite3',
        'tsx',
      ].map((p) => [p, version(p)]),
    ),
    servers: {
      briefdesk:
        'bench/servers/briefdesk.ts: started as npm start starts it (server/start.ts startServer, SQLite storage ' +
        `with WAL and synchronous=NORMAL, defaults), with npm start's node flags (${RELAY_NODE_FLAGS.join(' ')}); ` +
        'the load generator signs in as admin (session cookie on every upgrade)',
      hocuspocus:
        'bench/servers/hocuspocus.ts: @hocuspocus/server Server defaults (gc on, debounce 2 s/10 s), no extensions; ' +
        'workloads 4–6 add a Database-style extension on files (fetch/store) to pre-load and persist',
      ywsref:
        'bench/servers/ywsref.ts: y-websocket 1.5.4 bin/utils setupWSConnection over ws 8, gc on, no persistence; ' +
        'workloads 4–5 pre-load via setPersistence({ bindState })',
    },
    workloads: {},
    ratios: {},
    goals: [],
    loadGenerator: { peakCpu: null, note: '' },
    contention: { peakOtherCores: null, note: '' },
    errors: {},
    notes: [
      'Latency is measured from the writer’s socket write to the reader’s receipt of the frame, both in the load generator process (same clock).',
      'Hocuspocus has no persistence by default and @hocuspocus/extension-database is not installed; its Database extension (fetch → Y.applyUpdate, store ← Y.encodeStateAsUpdate, debounced by the server) is reproduced on files in bench/servers/hocuspocus.ts.',
      'The reference y-websocket server persists only with YPERSISTENCE and y-leveldb, which is not installed: it has no persistence, and without one it never unloads a document.',
      'Beside workloads 1 and 2, the relay floor: bench/servers/relayFloor.ts, a zero-work relay on ws 8 (no Y.Doc, no persistence) that forwards each sync step 2 and update unchanged to the other clients of its room, pinned and flagged like the servers and measured in turn with them.',
      'The 100× brief is 100 Y.Texts, each the whole trace by its own client, made by rewriting the trace’s binary update (client ids, root names) and verified text by text.',
    ],
  };

  const step = async <T>(
    n: number,
    title: string,
    fn: () => Promise<T>,
  ): Promise<T | undefined> => {
    if (!want(n) && n !== 8) return undefined;
    const t0 = Date.now();
    log(`\n[${n}] ${title}`);
    try {
      const value = await fn();
      log(`    (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      return value;
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.errors[`workload${n}`] = message;
      log(`    FAILED: ${message}`);
      await ctx.cleanup().catch(() => undefined);
      return undefined;
    }
  };

  const w = results.workloads;
  const light = await step(1, 'Relay latency, light: 1 brief × 2 clients, 10 inserts/s', () =>
    relayLight(ctx),
  );
  w.relayLight = light?.servers;
  w.relayLightFloor = light?.floor;
  const manyRooms = await step(2, 'Relay latency, 500 briefs × 3 clients, 1 edit/s each', () =>
    relayManyRooms(ctx),
  );
  w.relayManyRooms = manyRooms?.servers;
  w.relayManyRoomsFloor = manyRooms?.floor;
  w.maxRate = await step(3, 'Maximum sustainable rate (p99 < 50 ms, nothing dropped)', () =>
    maxRate(ctx),
  );
  w.coldLoad = await step(4, 'Cold load of the automerge-paper brief', () => coldLoad(ctx));
  w.memory = await step(5, 'Memory', () => memory(ctx));
  w.durability = await step(6, 'Durability: SIGKILL during the trace replay', () =>
    durability(ctx),
  );
  w.own = await step(7, 'Briefdesk’s own: export, cards, revisions', () => ownFeatures(ctx));
  if (args.profile) {
    results.profiles = await step(8, 'CPU profiles of Briefdesk', () => runProfiles(ctx, results));
  }
  await ctx.cleanup();
  await ctx.closeShared();

  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.ratios = computeRatios(w);
  results.goals = computeGoals(w, results.ratios);
  const lg: number[] = [];
  const other: number[] = [];
  // The relay floor's windows are measurement windows of workloads 1 and 2 too.
  for (const r of [
    ...Object.values(w.relayLight ?? {}),
    ...Object.values(w.relayManyRooms ?? {}),
    w.relayLightFloor,
    w.relayManyRoomsFloor,
  ]) {
    if (r) {
      lg.push(r.loadgenCpu);
      other.push(r.otherCpu);
    }
  }
  for (const byKind of Object.values(w.maxRate ?? {})) {
    for (const r of Object.values(byKind)) {
      for (const s of r?.steps ?? []) {
        lg.push(s.loadgenCpu);
        other.push(s.otherCpu);
      }
    }
  }
  const peak = lg.length ? Math.max(...lg) : null;
  results.loadGenerator = {
    peakCpu: peak,
    note:
      peak === null
        ? 'not measured'
        : `peak ${(peak * 100).toFixed(0)}% of its core in any measurement window of workloads 1–3 (process.cpuUsage)`,
  };
  const peakOther = other.length ? Math.max(...other) : null;
  (results.machine as Record<string, unknown>).loadAverageEnd = os.loadavg();
  results.contention = {
    peakOtherCores: peakOther,
    note:
      peakOther === null
        ? ''
        : peakOther > 0.25
          ? `Other processes used up to ${peakOther.toFixed(2)} cores during measurement windows: the machine was shared, figures are noisier than on an idle machine.`
          : `Other processes used at most ${peakOther.toFixed(2)} cores during measurement windows.`,
  };

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const subset = args.only !== null || args.servers.length !== SERVER_KINDS.length;
  const complete = !args.quick && !subset;
  const suffix = `${args.quick ? '-quick' : ''}${subset ? '-partial' : ''}`;
  const jsonName = `${localDate(new Date(started))}${suffix}.json`;
  fs.writeFileSync(path.join(RESULTS_DIR, jsonName), JSON.stringify(results, null, 2) + '\n');

  log('\n' + textTable(results));
  log('\nGoals:\n' + goalsTable(results.goals));
  log(`\n${results.loadGenerator.note}. ${results.contention.note}`);
  log(`Results: bench/results/${jsonName} (${results.durationSeconds} s)`);
  if (complete && Object.keys(results.errors).length === 0) {
    await updateReadme(results, jsonName);
    log('Updated the tables in bench/README.md');
  }
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
