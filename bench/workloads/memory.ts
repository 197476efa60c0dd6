/**
 * Workload 5: memory. Every figure is the server process's own: RSS from
 * /proc/<pid>/status (VmRSS) and V8 heap from process.memoryUsage() asked over
 * IPC, both after a full GC in the server.
 *
 * - Per loaded brief: N briefs pre-loaded in storage, one idle client each;
 *   (memory with N loaded − memory with one warm-up brief loaded) / N. The
 *   figure includes the brief's one connection; the per-connection figure is
 *   given separately.
 * - Per idle connection: M clients on one small brief.
 * - Lifecycle: connect/sync/presence/disconnect cycles over many briefs, then
 *   memory after the briefs have unloaded, against the baseline before.
 */
import type { BenchContext } from '../lib/context.ts';
import { LeanClient, type ServerKind } from '../lib/protocol.ts';
import { freshDataDir, prefillRooms, type MemSample, type ServerProcess } from '../lib/servers.ts';
import { pool, round, sleep } from '../lib/stats.ts';
import { largeState, smallState, traceState } from '../lib/trace.ts';

export interface PerUnit {
  count: number;
  rssPer: number;
  heapPer: number;
  before: MemSample;
  after: MemSample;
}

export interface LifecycleResult {
  cycles: number;
  briefs: number;
  before: MemSample;
  after: MemSample;
  rssRatio: number;
  heapRatio: number;
  /** Wall time of the cycles, ms. */
  ms: number;
}

export interface MemoryResult {
  perBrief: Record<string, Partial<Record<ServerKind, PerUnit>>>;
  perConnection: Partial<Record<ServerKind, PerUnit>>;
  cycles: Partial<Record<ServerKind, LifecycleResult>>;
  lifecycle: Partial<Record<ServerKind, LifecycleResult>>;
}

async function connectSynced(server: ServerProcess, room: string): Promise<LeanClient> {
  const c = new LeanClient({ endpoint: server.endpoint, room });
  await c.synced;
  return c;
}

async function settleMem(server: ServerProcess): Promise<MemSample> {
  await sleep(300);
  return server.mem();
}

function per(count: number, before: MemSample, after: MemSample): PerUnit {
  return {
    count,
    rssPer: Math.round((after.rss - before.rss) / count),
    heapPer: Math.round((after.heapUsed - before.heapUsed) / count),
    before,
    after,
  };
}

async function perBrief(
  ctx: BenchContext,
  kind: ServerKind,
  label: string,
  state: Uint8Array,
  n: number,
): Promise<PerUnit> {
  const dir = freshDataDir(`w5-${label}-${kind}`);
  const [warmRoom, ...rooms] = await prefillRooms(
    kind,
    dir,
    Array.from({ length: n + 1 }, () => state),
  );
  const server = await ctx.start(kind, `w5-${label}-${kind}`, { dataDir: dir, docs: true });
  const clients = [await connectSynced(server, warmRoom)];
  const before = await settleMem(server);
  clients.push(...(await pool(rooms, 16, (room) => connectSynced(server, room))));
  const after = await settleMem(server);
  for (const c of clients) c.terminate();
  await ctx.cleanup();
  return per(n, before, after);
}

async function perConnection(ctx: BenchContext, kind: ServerKind, m: number): Promise<PerUnit> {
  const dir = freshDataDir(`w5-conn-${kind}`);
  const [room] = await prefillRooms(kind, dir, [smallState()]);
  const server = await ctx.start(kind, `w5-conn-${kind}`, { dataDir: dir, docs: true });
  const clients = [await connectSynced(server, room)];
  const before = await settleMem(server);
  clients.push(
    ...(await pool(
      Array.from({ length: m - 1 }, () => room),
      16,
      (r) => connectSynced(server, r),
    )),
  );
  const after = await settleMem(server);
  for (const c of clients) c.terminate();
  await ctx.cleanup();
  return per(m - 1, before, after);
}

let presenceClient = 1;

/** One cycle: connect, sync, announce presence, disconnect cleanly. */
async function cycle(server: ServerProcess, room: string): Promise<void> {
  const c = new LeanClient({ endpoint: server.endpoint, room });
  await c.synced;
  c.sendAwareness(presenceClient++, 1, { user: { name: 'Bench', color: '#336699' } });
  await c.close();
}

/**
 * Cycles over briefs created empty, as each server ships (the reference
 * server then has no persistence, and never unloads a document). Briefdesk
 * runs with UNLOAD_DELAY_MS=1000 so that its briefs unload within the wait.
 */
async function cycles(
  ctx: BenchContext,
  kind: ServerKind,
  label: string,
  briefs: number,
  count: number,
): Promise<LifecycleResult> {
  const unloadDelayMs = 1000;
  const settleMs = unloadDelayMs + (ctx.quick ? 1000 : 2000);
  // --quick reuses the shared servers (started with the same unload delay).
  const server = ctx.quick
    ? await ctx.shared(kind)
    : await ctx.start(kind, `w5-${label}-${kind}`, {
        env: { UNLOAD_DELAY_MS: String(unloadDelayMs) },
      });
  const warmRooms = await server.createRooms(20, 'warm-up');
  const rooms = await server.createRooms(briefs, 'cycle');
  // Warm-up: every code path once (JIT, pools), then wait for the unload.
  const warmUp = ctx.quick ? 20 : 100;
  await pool(
    Array.from({ length: warmUp }, (_, i) => warmRooms[i % warmRooms.length]),
    8,
    (r) => cycle(server, r),
  );
  await sleep(settleMs);
  const before = await server.mem();
  const t0 = performance.now();
  await pool(
    Array.from({ length: count }, (_, i) => rooms[i % rooms.length]),
    16,
    (r) => cycle(server, r),
  );
  const elapsed = performance.now() - t0;
  await sleep(settleMs);
  const after = await server.mem();
  await ctx.cleanup();
  return {
    cycles: count,
    briefs,
    before,
    after,
    rssRatio: round(after.rss / before.rss, 3),
    heapRatio: round(after.heapUsed / before.heapUsed, 3),
    ms: Math.round(elapsed),
  };
}

export async function memory(ctx: BenchContext): Promise<MemoryResult> {
  const q = ctx.quick;
  const sizes: Array<{ label: string; state: Uint8Array; n: number }> = [
    { label: 'small', state: smallState(), n: q ? 50 : 500 },
  ];
  if (!q) {
    sizes.push({ label: 'trace', state: traceState(ctx.log), n: 10 });
    sizes.push({ label: 'x100', state: largeState(ctx.log), n: 1 });
  }
  const result: MemoryResult = { perBrief: {}, perConnection: {}, cycles: {}, lifecycle: {} };
  for (const { label, state, n } of sizes) {
    result.perBrief[label] = {};
    for (const kind of ctx.servers) {
      const r = await perBrief(ctx, kind, label, state, n);
      result.perBrief[label][kind] = r;
      ctx.log(
        `  ${kind}: ${label} brief ×${n}: ${fmt(r.rssPer)} RSS, ${fmt(r.heapPer)} heap per brief`,
      );
    }
  }
  for (const kind of q ? [] : ctx.servers) {
    const r = await perConnection(ctx, kind, 1000);
    result.perConnection[kind] = r;
    ctx.log(
      `  ${kind}: 1000 idle connections: ${fmt(r.rssPer)} RSS, ${fmt(r.heapPer)} heap per connection`,
    );
  }
  const runs: Array<{ key: 'cycles' | 'lifecycle'; briefs: number; count: number }> = q
    ? [{ key: 'lifecycle', briefs: 30, count: 300 }]
    : [
        { key: 'cycles', briefs: 1000, count: 10_000 },
        { key: 'lifecycle', briefs: 200, count: 2000 },
      ];
  for (const { key, briefs, count } of runs) {
    const report = (kind: ServerKind, r: LifecycleResult) => {
      result[key][kind] = r;
      ctx.log(
        `  ${kind}: ${count} connect/disconnect cycles over ${briefs} briefs in ${(r.ms / 1000).toFixed(1)} s: ` +
          `RSS ${fmt(r.before.rss)} → ${fmt(r.after.rss)} (×${r.rssRatio}), heap ${fmt(r.before.heapUsed)} → ` +
          `${fmt(r.after.heapUsed)} (×${r.heapRatio})`,
      );
    };
    if (q) {
      // Smoke test: the three servers at once (their memory is their own).
      const all = await Promise.all(
        ctx.servers.map((kind) => cycles(ctx, kind, key, briefs, count)),
      );
      ctx.servers.forEach((kind, i) => report(kind, all[i]));
    } else {
      for (const kind of ctx.servers) report(kind, await cycles(ctx, kind, key, briefs, count));
    }
  }
  return result;
}

function fmt(b: number): string {
  const a = Math.abs(b);
  if (a >= 1024 * 1024) return `${(b / 1024 / 1024).toFixed(1)} MiB`;
  return `${(b / 1024).toFixed(1)} KiB`;
}
