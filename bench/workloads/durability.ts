/**
 * Workload 6: durability under SIGKILL. A writer replays the automerge-paper
 * trace (one Yjs update per trace transaction, paced) while a reader records
 * every update the server relays to it. The server is SIGKILLed mid-replay
 * and restarted on the same storage; a fresh client syncs (the writer does
 * NOT reconnect, so nothing can be re-sent). An update is *lost* when the
 * reader had received it before the kill but the restarted server's state
 * does not contain it (Y.snapshotContainsUpdate: its structs and deletions).
 */
import * as Y from 'yjs';
import type { BenchContext } from '../lib/context.ts';
import { LeanClient, type ServerKind } from '../lib/protocol.ts';
import { freshDataDir } from '../lib/servers.ts';
import { sleep } from '../lib/stats.ts';
import { loadTrace, replay } from '../lib/trace.ts';

export interface DurabilityRun {
  label: string;
  kind: ServerKind;
  persistence: string;
  killAfterMs: number;
  sent: number;
  /** Updates the reader had received when the server died. */
  received: number;
  /** Of those, missing from the state after restart. */
  lost: number;
  /** Trace transactions whose updates the restarted server holds. */
  persisted: number;
  /**
   * The same in edits (trace transactions) rather than messages: a server
   * that merges a burst into one relayed update sends fewer, larger messages.
   */
  receivedEdits: number;
  lostEdits: number;
}

interface Config {
  label: string;
  kind: ServerKind;
  persistence: string;
  env?: Record<string, string>;
  docs?: boolean;
}

const CONFIGS: Config[] = [
  {
    label: 'Briefdesk (commit before relay)',
    kind: 'briefdesk',
    persistence: 'SQLite, group commit before relay',
  },
  {
    label: 'Briefdesk without it (UNSAFE_RELAY_BEFORE_COMMIT=1)',
    kind: 'briefdesk',
    persistence: 'SQLite, relay before commit',
    env: { UNSAFE_RELAY_BEFORE_COMMIT: '1' },
  },
  {
    label: 'Hocuspocus + Database extension (file)',
    kind: 'hocuspocus',
    persistence: 'Database-style extension storing to a file (debounce 2 s, max 10 s)',
    docs: true,
  },
  {
    label: 'y-websocket ref',
    kind: 'ywsref',
    persistence: 'none (needs YPERSISTENCE + y-leveldb, not installed)',
  },
];

export async function durability(ctx: BenchContext): Promise<DurabilityRun[]> {
  const ratePerSecond = 5000;
  const killAfterMs = ctx.quick ? 1500 : 12_000;
  const needed = Math.ceil((ratePerSecond * (killAfterMs + 3000)) / 1000);
  const updates: Uint8Array[] = [];
  replay(loadTrace(), { count: needed, onUpdate: (u) => updates.push(u) });
  ctx.log(
    `  ${updates.length} trace updates ready; ${ratePerSecond}/s, SIGKILL after ${killAfterMs / 1000} s`,
  );
  const run = async (config: Config): Promise<DurabilityRun> => {
    const dataDir = freshDataDir(`w6-${config.kind}`);
    const options = { dataDir, docs: config.docs, env: config.env };
    const server = await ctx.start(config.kind, `w6-${config.kind}`, options);
    const [room] = await server.createRooms(1, 'durability');
    const received: Uint8Array[] = [];
    let dead = false;
    const reader = new LeanClient({
      endpoint: server.endpoint,
      room,
      onUpdate: (buf, start, end) => {
        if (!dead) received.push(new Uint8Array(buf.subarray(start, end)));
      },
    });
    const writer = new LeanClient({ endpoint: server.endpoint, room });
    await Promise.all([reader.synced, writer.synced]);

    let sent = 0;
    const t0 = performance.now();
    const pace = setInterval(() => {
      const due = Math.min(
        updates.length,
        Math.floor(((performance.now() - t0) / 1000) * ratePerSecond),
      );
      const frames: Buffer[] = [];
      for (; sent < due; sent++) frames.push(writer.updateFrame(updates[sent]));
      if (frames.length) writer.ws.writeFrames(Buffer.concat(frames));
    }, 1);
    await sleep(killAfterMs);
    clearInterval(pace);
    await server.kill();
    // What the server wrote before dying is already in this process's socket buffers.
    await Promise.race([reader.ws.closedPromise, sleep(2000)]);
    dead = true;
    writer.terminate();
    reader.terminate();

    const restarted = await ctx.start(config.kind, `w6-${config.kind}-restart`, options);
    const fresh = new LeanClient({ endpoint: restarted.endpoint, room, keepSyncState: true });
    const state = await fresh.synced;
    fresh.terminate();
    await restarted.stop();
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, state);
    const snap = Y.snapshot(doc);
    let lost = 0;
    for (const u of received) if (!Y.snapshotContainsUpdate(snap, u)) lost++;
    const seen = new Y.Doc({ gc: false });
    for (const u of received) Y.applyUpdate(seen, u);
    const seenSnap = Y.snapshot(seen);
    let persisted = 0;
    let receivedEdits = 0;
    let lostEdits = 0;
    for (let i = 0; i < sent; i++) {
      const kept = Y.snapshotContainsUpdate(snap, updates[i]);
      if (kept) persisted++;
      if (Y.snapshotContainsUpdate(seenSnap, updates[i])) {
        receivedEdits++;
        if (!kept) lostEdits++;
      }
    }
    seen.destroy();
    doc.destroy();
    ctx.log(
      `  ${config.label}: sent ${sent}, reader received ${received.length}, after restart ${persisted} ` +
        `persisted → ${lost} received-then-lost (edits: ${lostEdits} of ${receivedEdits})`,
    );
    return {
      label: config.label,
      kind: config.kind,
      persistence: config.persistence,
      killAfterMs,
      sent,
      received: received.length,
      lost,
      persisted,
      receivedEdits,
      lostEdits,
    };
  };
  const configs = CONFIGS.filter((c) => ctx.servers.includes(c.kind));
  // --quick runs the four at once (a smoke test); the full run one after another.
  const runs: DurabilityRun[] = [];
  if (ctx.quick) runs.push(...(await Promise.all(configs.map(run))));
  else for (const config of configs) runs.push(await run(config));
  await ctx.cleanup();
  return runs;
}
