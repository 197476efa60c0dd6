/**
 * Workload 4: cold load. A freshly started server process (nothing in
 * memory) holds the brief only in its storage; the time measured runs from
 * the client opening its TCP connection to the last byte of the server's
 * sync step 2 — the first complete sync. Beside it, Yjs's floor for the same
 * state: Y.applyUpdate + Y.encodeStateAsUpdate in a fresh process pinned like
 * the servers (the cold figure is that process's first run; warm is the
 * median of later runs).
 */
import { spawn } from 'node:child_process';
import * as Y from 'yjs';
import type { BenchContext } from '../lib/context.ts';
import { LeanClient, type ServerKind } from '../lib/protocol.ts';
import {
  freshDataDir,
  NODE_FLAGS,
  prefillRooms,
  removeDataDir,
  serverCommand,
} from '../lib/servers.ts';
import { BENCH_DIR, REPO_ROOT } from '../lib/paths.ts';
import { round } from '../lib/stats.ts';
import { LARGE_COPIES, largeState, stateFile, traceState, verifyTraceDoc } from '../lib/trace.ts';
import path from 'node:path';

export interface FloorResult {
  /** First run in a fresh process (median over processes), ms. */
  coldMs: number;
  coldApplyMs: number;
  coldEncodeMs: number;
  /** Median of later runs in one process, ms. */
  warmMs: number;
}

export interface ColdLoadSize {
  size: 'trace' | 'x100';
  stateBytes: number;
  copies: number;
  /** Median cold load per server, ms, and every run. */
  servers: Partial<
    Record<ServerKind, { medianMs: number; runs: number[]; verified: boolean; syncBytes: number }>
  >;
  floor: { gcOff: FloorResult; gcOn: FloorResult };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface FloorRun {
  applyMs: number;
  encodeMs: number;
  totalMs: number;
}

function runFloor(file: string, gc: boolean, iterations: number): Promise<FloorRun[]> {
  const nodeArgs = [
    ...NODE_FLAGS,
    path.join(BENCH_DIR, 'servers', 'floor.ts'),
    file,
    gc ? '1' : '0',
    String(iterations),
  ];
  const [cmd, args] = serverCommand(nodeArgs);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`floor process exited with ${code}`));
      resolve((JSON.parse(out) as { runs: FloorRun[] }).runs);
    });
  });
}

function summariseFloor(cold: FloorRun[], warm: FloorRun[]): FloorResult {
  return {
    coldMs: round(median(cold.map((r) => r.totalMs)), 1),
    coldApplyMs: round(median(cold.map((r) => r.applyMs)), 1),
    coldEncodeMs: round(median(cold.map((r) => r.encodeMs)), 1),
    warmMs: round(median(warm.map((r) => r.totalMs)), 1),
  };
}

export async function coldLoad(ctx: BenchContext): Promise<ColdLoadSize[]> {
  const sizes: Array<{
    size: 'trace' | 'x100';
    state: Uint8Array;
    file: string;
    copies: number;
    reps: number;
  }> = [
    {
      size: 'trace',
      state: traceState(ctx.log),
      file: stateFile('trace'),
      copies: 1,
      reps: ctx.quick ? 1 : 5,
    },
  ];
  if (!ctx.quick) {
    sizes.push({
      size: 'x100',
      state: largeState(ctx.log),
      file: stateFile('large'),
      copies: LARGE_COPIES,
      reps: 1,
    });
  }
  const out: ColdLoadSize[] = [];
  for (const { size, state, file, copies, reps } of sizes) {
    ctx.log(
      `  ${size}: ${(state.byteLength / 1024).toFixed(0)} KiB of state, ${reps} cold start(s) per server`,
    );
    const dirs = new Map<ServerKind, { dir: string; room: string }>();
    for (const kind of ctx.servers) {
      const dir = freshDataDir(`w4-${size}-${kind}`);
      const [room] = await prefillRooms(kind, dir, [state]);
      dirs.set(kind, { dir, room });
    }
    const servers: ColdLoadSize['servers'] = {};
    const floorRuns = { gcOff: [] as FloorRun[], gcOn: [] as FloorRun[] };
    // The floor takes its turn among the servers, so that each rep of every
    // participant meets the machine in the same state.
    const participants: Array<ServerKind | 'gcOff' | 'gcOn'> = ['gcOff', 'gcOn', ...ctx.servers];
    for (let rep = 0; rep < reps; rep++) {
      for (let k = 0; k < participants.length; k++) {
        const kind = participants[(k + rep) % participants.length];
        if (kind === 'gcOff' || kind === 'gcOn') {
          const run = (await runFloor(file, kind === 'gcOn', 1))[0];
          floorRuns[kind].push(run);
          ctx.log(
            `    Yjs floor, gc ${kind === 'gcOn' ? 'on' : 'off'}: ${run.totalMs.toFixed(1)} ms (apply ${run.applyMs.toFixed(1)}, encode ${run.encodeMs.toFixed(1)})`,
          );
          continue;
        }
        const { dir, room } = dirs.get(kind)!;
        const server = await ctx.start(kind, `w4-${size}-${kind}`, { dataDir: dir, docs: true });
        const client = new LeanClient({ endpoint: server.endpoint, room, keepSyncState: true });
        const synced = await client.synced;
        const elapsed = client.syncedAt - client.connectStartedAt;
        const entry = (servers[kind] ??= { medianMs: 0, runs: [], verified: false, syncBytes: 0 });
        entry.runs.push(round(elapsed, 1));
        entry.syncBytes = synced.byteLength;
        if (rep === 0) {
          if (copies === 1) {
            const doc = new Y.Doc({ gc: false });
            Y.applyUpdate(doc, synced);
            entry.verified = verifyTraceDoc(doc, copies);
            doc.destroy();
          } else {
            // Applying 37 MiB takes ~10 s; the state vectors must hold the same clocks.
            const got = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(synced));
            const want = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
            entry.verified =
              got.size === want.size && [...want].every(([c, clock]) => got.get(c) === clock);
          }
        }
        ctx.log(
          `    ${kind}: ${elapsed.toFixed(1)} ms${rep === 0 ? (entry.verified ? ' (content verified)' : ' (CONTENT MISMATCH)') : ''}`,
        );
        client.terminate();
        await server.stop();
      }
    }
    for (const entry of Object.values(servers))
      if (entry) entry.medianMs = round(median(entry.runs), 1);
    // Warm floor: later iterations in one process (skipped by --quick).
    const warmIterations = ctx.quick ? 0 : size === 'trace' ? 6 : 2;
    const warm = async (gc: boolean) =>
      warmIterations > 1 ? (await runFloor(file, gc, warmIterations)).slice(1) : [];
    const floor = {
      gcOff: summariseFloor(floorRuns.gcOff, await warm(false)),
      gcOn: summariseFloor(floorRuns.gcOn, await warm(true)),
    };
    out.push({ size, stateBytes: state.byteLength, copies, servers, floor });
    await ctx.cleanup();
    for (const { dir } of dirs.values()) removeDataDir(dir);
  }
  return out;
}
