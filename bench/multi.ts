/**
 * Relay throughput and latency with one instance, then with two instances
 * sharing PostgreSQL and Redis, behind the same load: the same rooms, the
 * same clients, the same offered rate — split across the instances so that
 * about half of all deliveries cross from one instance to the other through
 * Redis. Both runs use PostgreSQL and Redis (the single instance publishes to
 * a channel no one else reads), so the difference is what a second instance
 * and the cross-instance hop cost, not the choice of storage.
 *
 * Clients are lean: `ws` sockets speaking the y-websocket sync protocol, no
 * Y.Doc on the readers. Each room has one writer appending single characters
 * (a Y.Doc of its own builds the updates) and several readers, which identify
 * each character by its Yjs id (client, clock), from the clock ranges of the
 * update (`Y.parseUpdateMeta`, no document).
 * Latency runs from the writer's send to a reader's receipt, both in this
 * process, on one clock. Sign-in is `POST /api/session` as the admin, briefs
 * are created with `POST /api/briefs`, and every socket sends the session cookie.
 *
 *   npx tsx bench/multi.ts [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { mainEntryArgs } from '../server/heapTuning.ts';
import { adminCookie } from './lib/session.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POSTGRES_ADMIN_URL =
  process.env.BRIEFDESK_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BRIEFDESK_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_PASSWORD = 'bench-admin-password';
const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

export interface Latency {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PhaseFigures {
  /** Updates per second the writers sent. */
  offeredPerSecond: number;
  /** Updates per second the readers received, all readers together. */
  deliveredPerSecond: number;
  /** Deliveries expected in the window (updates sent × readers of the room) and seen. */
  expected: number;
  received: number;
  latencyMs: Latency;
  /** Two instances only: readers on the writer's instance, and readers on the other one. */
  sameInstance?: Latency;
  crossInstance?: Latency;
  /** CPU use of each server process over the window, in % of one core. */
  serverCpuPercent: number[];
  /** This process's CPU use over the window: near 100 means the clients, not the servers, were the limit. */
  loadGeneratorCpuPercent: number;
  /**
   * CPU used over the window by everything else on the machine (PostgreSQL
   * and Redis included), in % of one core, from /proc/stat. Large values mean
   * a shared machine, and figures to be taken with care.
   */
  otherCpuPercent: number;
}

export interface RunFigures {
  instances: number;
  rooms: number;
  writers: number;
  readers: number;
  /** A steady load well within capacity: latency. */
  steady: PhaseFigures;
  /** Five times the steady rate: how much gets through, and at what latency. */
  heavy: PhaseFigures;
}

export interface MultiBenchResult {
  oneInstance: RunFigures;
  twoInstances: RunFigures;
  settings: {
    rooms: number;
    readersPerRoom: number;
    updatesPerSecondPerRoom: number;
    windowMs: number;
    node: string;
    cpus: number;
  };
}

interface Settings {
  rooms: number;
  readersPerRoom: number;
  updatesPerSecondPerRoom: number;
  windowMs: number;
  warmupMs: number;
}

export async function benchMulti(opts: { quick: boolean }): Promise<MultiBenchResult> {
  const settings: Settings = opts.quick
    ? { rooms: 4, readersPerRoom: 4, updatesPerSecondPerRoom: 20, windowMs: 3000, warmupMs: 1000 }
    : {
        rooms: 16,
        readersPerRoom: 5,
        updatesPerSecondPerRoom: 25,
        windowMs: 10_000,
        warmupMs: 2000,
      };
  const oneInstance = await run(1, settings);
  const twoInstances = await run(2, settings);
  return {
    oneInstance,
    twoInstances,
    settings: {
      rooms: settings.rooms,
      readersPerRoom: settings.readersPerRoom,
      updatesPerSecondPerRoom: settings.updatesPerSecondPerRoom,
      windowMs: settings.windowMs,
      node: process.version,
      cpus: os.cpus().length,
    },
  };
}

// ---- one configuration ----

async function run(instanceCount: number, s: Settings): Promise<RunFigures> {
  const database = await createDatabase();
  const servers: Server[] = [];
  const sockets: WebSocket[] = [];
  try {
    // Started one after the other: the first creates the schema and the admin.
    for (let i = 0; i < instanceCount; i++) servers.push(await startServer(database.url));
    const cookie = await adminCookie(servers[0].url, ADMIN_PASSWORD);
    const rooms: Room[] = [];
    for (let r = 0; r < s.rooms; r++) {
      const briefId = await createBrief(servers[0].url, cookie, `bench ${r}`);
      // The writer's instance alternates; its readers alternate between instances.
      const home = r % instanceCount;
      const writer = new Writer(await connect(servers[home], briefId, cookie, sockets));
      const room: Room = { writer, readers: [] };
      for (let k = 0; k < s.readersPerRoom; k++) {
        const at = (home + k) % instanceCount;
        const ws = await connect(servers[at], briefId, cookie, sockets);
        room.readers.push(new Reader(ws, writer, at !== home));
      }
      rooms.push(room);
    }
    // Every instance must have the brief loaded and subscribed before the clock starts.
    await sleep(500);
    const steady = await phase(rooms, servers, s.updatesPerSecondPerRoom, s);
    const heavy = await phase(rooms, servers, s.updatesPerSecondPerRoom * 5, s);
    return {
      instances: instanceCount,
      rooms: s.rooms,
      writers: rooms.length,
      readers: rooms.length * s.readersPerRoom,
      steady,
      heavy,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    for (const server of servers) server.proc.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    for (const server of servers) fs.rmSync(server.dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

interface Room {
  writer: Writer;
  readers: Reader[];
}

/** Warm-up, then a measured window at `perRoom` updates per second per room. */
async function phase(
  rooms: Room[],
  servers: Server[],
  perRoom: number,
  s: Settings,
): Promise<PhaseFigures> {
  const tickMs = 10;
  let windowStart = Infinity;
  let windowEnd = Infinity;
  for (const room of rooms) {
    room.writer.window = () => [windowStart, windowEnd];
    for (const reader of room.readers) reader.reset();
  }
  let sent = 0;
  let owed = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    // Catch up whole updates owed since the start, so timer jitter does not lower the rate.
    owed = ((now - started) / 1000) * perRoom - sent / rooms.length;
    const n = Math.floor(owed);
    if (n <= 0) return;
    for (const room of rooms) room.writer.send(n, now);
    sent += n * rooms.length;
  }, tickMs);
  await sleep(s.warmupMs);
  const cpuBefore = servers.map(cpuTime);
  const machineBefore = machineBusy();
  const ownBefore = process.cpuUsage();
  windowStart = performance.now();
  await sleep(s.windowMs);
  windowEnd = performance.now();
  const cpuAfter = servers.map(cpuTime);
  const machineAfter = machineBusy();
  const own = process.cpuUsage(ownBefore);
  clearInterval(timer);
  // Let what is in flight arrive, but only updates sent inside the window count.
  await sleep(Math.min(5000, 500 + s.windowMs / 2));

  const seconds = (windowEnd - windowStart) / 1000;
  let offered = 0;
  let expected = 0;
  let received = 0;
  const all: number[] = [];
  const same: number[] = [];
  const cross: number[] = [];
  for (const room of rooms) {
    const inWindow = room.writer.sentInWindow();
    offered += inWindow;
    for (const reader of room.readers) {
      expected += inWindow;
      received += reader.latencies.length;
      all.push(...reader.latencies);
      (reader.cross ? cross : same).push(...reader.latencies);
    }
  }
  const figures: PhaseFigures = {
    offeredPerSecond: round(offered / seconds),
    deliveredPerSecond: round(received / seconds),
    expected,
    received,
    latencyMs: summarize(all),
    serverCpuPercent: servers.map((_, i) =>
      round(((cpuAfter[i] - cpuBefore[i]) / (windowEnd - windowStart)) * 100),
    ),
    loadGeneratorCpuPercent: round(
      ((own.user + own.system) / 1000 / (windowEnd - windowStart)) * 100,
    ),
    otherCpuPercent: 0,
  };
  const ours =
    cpuAfter.reduce((n, t, i) => n + t - cpuBefore[i], 0) + (own.user + own.system) / 1000;
  figures.otherCpuPercent = round(
    Math.max(0, ((machineAfter - machineBefore - ours) / (windowEnd - windowStart)) * 100),
  );
  if (servers.length > 1) {
    figures.sameInstance = summarize(same);
    figures.crossInstance = summarize(cross);
  }
  return figures;
}

// ---- clients ----

class Writer {
  private readonly doc = new Y.Doc();
  private readonly text = this.doc.getText('t');
  readonly clientId = this.doc.clientID;
  /** Send time of each clock, by clock. */
  sendTimes: number[] = [];
  window: () => [number, number] = () => [Infinity, Infinity];
  private frames: Buffer[] = [];

  constructor(private readonly ws: WebSocket) {
    this.doc.on('update', (update: Uint8Array) => this.frames.push(updateFrame(update)));
  }

  send(n: number, now: number): void {
    for (let i = 0; i < n; i++) {
      this.sendTimes[this.text.length] = now;
      this.text.insert(this.text.length, String.fromCharCode(97 + (this.text.length % 26)));
    }
    const frames = this.frames;
    this.frames = [];
    for (const frame of frames) this.ws.send(frame);
  }

  sentInWindow(): number {
    const [start, end] = this.window();
    let n = 0;
    for (const t of this.sendTimes) if (t >= start && t < end) n++;
    return n;
  }
}

class Reader {
  latencies: number[] = [];
  /** Clocks already received, so that nothing counts twice. */
  private readonly seen = new Set<number>();

  constructor(
    ws: WebSocket,
    private readonly writer: Writer,
    readonly cross: boolean,
  ) {
    ws.on('message', (data: Buffer) => this.onMessage(data));
  }

  reset(): void {
    this.latencies = [];
  }

  private onMessage(data: Buffer): void {
    const now = performance.now();
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (decoding.readVarUint(d) !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_UPDATE) return;
    // The clock range per client. An update usually carries one character, but
    // one that a gap repair or a late dependency integrated in one transaction
    // carries several, possibly merged into one struct: ranges count them all.
    const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(d));
    const first = from.get(this.writer.clientId);
    const last = to.get(this.writer.clientId);
    if (first === undefined || last === undefined) return;
    const [start, end] = this.writer.window();
    for (let c = first; c < last; c++) {
      if (this.seen.has(c)) continue;
      this.seen.add(c);
      const sentAt = this.writer.sendTimes[c];
      if (sentAt !== undefined && sentAt >= start && sentAt < end) {
        this.latencies.push(now - sentAt);
      }
    }
  }
}

function updateFrame(update: Uint8Array): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return Buffer.from(encoding.toUint8Array(e));
}

async function connect(
  server: Server,
  briefId: string,
  cookie: string,
  sockets: WebSocket[],
): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${briefId}`, {
    headers: { cookie },
    perMessageDeflate: false,
  });
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

// ---- servers, accounts, database ----

interface Server {
  proc: ChildProcess;
  port: number;
  url: string;
  dataDir: string;
  exited: Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  // Unused with DATABASE_URL, but the server wants a directory for local state.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefdesk-bench-multi-'));
  const proc = spawn(process.execPath, mainEntryArgs(REPO), {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      LOG_LEVEL: 'warn',
      BRIEFDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SCRYPT_COST: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running: a late start would hold its port and database.
      proc.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 120_000);
    proc.stdout?.on('data', () => {
      if (out.includes('Briefdesk listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited during start:\n${out}`));
    });
  });
  return { proc, port, url: `http://127.0.0.1:${port}`, dataDir, exited };
}

async function createBrief(url: string, cookie: string, title: string): Promise<string> {
  const res = await fetch(`${url}/api/briefs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-briefdesk-request': '1' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create brief failed: ${res.status}`);
  return ((await res.json()) as { brief: { id: string } }).brief.id;
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `briefdesk_bench_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---- measuring ----

/** User + system CPU time of a process, in milliseconds (Linux /proc, at 100 ticks/s; 0 elsewhere). */
function cpuTime(server: Server): number {
  try {
    const fields = fs
      .readFileSync(`/proc/${server.proc.pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** CPU time all processes of the machine have used, in milliseconds (Linux /proc/stat, 100 ticks/s). */
function machineBusy(): number {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = cpu.map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
  } catch {
    return 0;
  }
}

function summarize(values: number[]): Latency {
  if (values.length === 0) return { samples: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return {
    samples: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1]),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchMulti({ quick: process.argv.includes('--quick') });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
