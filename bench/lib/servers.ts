/**
 * Starting the servers under test, each in its own child process pinned to
 * core 0 (the load generator runs on core 1), creating rooms on them,
 * pre-loading rooms with state, and reading their memory and CPU use.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { newBriefId } from '../../shared/briefId.ts';
import { CSRF_HEADER } from '../../shared/api.ts';
import { openSqliteStorage } from '../../server/storage/index.ts';
import { RELAY_NODE_FLAGS } from '../../server/heapTuning.ts';
import type { MemReply } from '../servers/ipc.ts';
import { BENCH_DIR, BENCH_TMP, REPO_ROOT } from './paths.ts';
import type { Endpoint, ServerKind } from './protocol.ts';
import { signInAsAdmin } from './session.ts';

export const HAS_TASKSET = spawnSync('taskset', ['-V']).status === 0;
export const SERVER_CORE = 0;
export const LOADGEN_CORE = 1;

/** Pins the calling process (every thread) to the load generator's core. */
export function pinLoadGenerator(): boolean {
  if (!HAS_TASKSET) return false;
  return (
    spawnSync('taskset', ['-a', '-pc', String(LOADGEN_CORE), String(process.pid)]).status === 0
  );
}

/**
 * Scheduling priority of the benchmark's own processes (load generator and
 * every server alike). On a shared machine, other jobs on the same cores
 * disturb the figures less at a higher priority; null when not raised.
 */
let priority: number | null = null;
export const RAISED_PRIORITY = -15;

/**
 * Raises this process (every thread) and all servers started later to
 * RAISED_PRIORITY, if allowed. With scheduler autogroups (one group per
 * session, shared fairly between sessions whatever the processes' nice
 * values), the nice value of this session's group is raised as well.
 */
export function raisePriority(): number | null {
  try {
    fs.writeFileSync('/proc/self/autogroup', String(RAISED_PRIORITY));
  } catch {
    // no autogroups, or not allowed
  }
  try {
    for (const tid of fs.readdirSync('/proc/self/task'))
      os.setPriority(Number(tid), RAISED_PRIORITY);
    priority = RAISED_PRIORITY;
  } catch {
    try {
      os.setPriority(0, RAISED_PRIORITY);
      priority = RAISED_PRIORITY;
    } catch {
      priority = null;
    }
  }
  return priority;
}

/** The command that starts a server (or the floor process): pinned, and niced like this process. */
export function serverCommand(nodeArgs: string[]): [string, string[]] {
  let cmd: string[] = [process.execPath, ...nodeArgs];
  if (HAS_TASKSET) cmd = ['taskset', '-c', String(SERVER_CORE), ...cmd];
  if (priority !== null) cmd = ['nice', '-n', String(priority), ...cmd];
  return [cmd[0], cmd.slice(1)];
}

const ENTRY: Record<ServerKind, string> = {
  briefdesk: path.join(BENCH_DIR, 'servers', 'briefdesk.ts'),
  hocuspocus: path.join(BENCH_DIR, 'servers', 'hocuspocus.ts'),
  ywsref: path.join(BENCH_DIR, 'servers', 'ywsref.ts'),
};

/**
 * The relay floor beside workloads 1 and 2: a zero-work WebSocket relay,
 * started like the servers but not one of them (see spawnRelayFloor).
 */
const RELAY_FLOOR_ENTRY = path.join(BENCH_DIR, 'servers', 'relayFloor.ts');

/** Flags every server (and the Yjs and relay floor processes) runs with, identically. */
export const NODE_FLAGS = ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx'];

/**
 * Flags a server ships with, added before NODE_FLAGS: Briefdesk's `npm start`
 * passes the relay's (server/heapTuning.ts). The peers ship with none.
 */
const SHIPPED_FLAGS: Record<ServerKind, readonly string[]> = {
  briefdesk: RELAY_NODE_FLAGS,
  hocuspocus: [],
  ywsref: [],
};

export interface MemSample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface SpawnOptions {
  /** Data directory (Briefdesk's SQLite file, the peers' document files). Created if missing. */
  dataDir: string;
  /** Peers: pre-load (and, for Hocuspocus, persist) documents from files in dataDir/docs. */
  docs?: boolean;
  env?: Record<string, string>;
  /** Write a V8 CPU profile into this directory when the server stops. */
  cpuProfileDir?: string;
  label: string;
}

/** The password of Briefdesk's first admin, which the load generator signs in as. */
const ADMIN_PASSWORD = `bench-${crypto.randomBytes(12).toString('hex')}`;

export class ServerProcess {
  endpoint: Endpoint;
  private nextId = 1;
  private readonly waiting = new Map<number, (m: MemReply) => void>();
  readonly exited: Promise<number | null>;

  constructor(
    /**
     * The server; for the relay floor, the protocol its clients speak (the
     * reference server's: plain y-websocket messages, fresh room names).
     */
    readonly kind: ServerKind,
    readonly proc: ChildProcess,
    port: number,
    /** Null for the relay floor, which stores nothing. */
    readonly dataDir: string | null,
    /** For messages: the kind, or "relay floor". */
    readonly name: string = kind,
  ) {
    this.endpoint = { kind, host: '127.0.0.1', port };
    proc.on('message', (raw: unknown) => {
      const m = raw as MemReply;
      if (m.type === 'mem') {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      }
    });
    this.exited = new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
      else proc.once('exit', (code) => resolve(code));
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** Memory after a full GC in the server (IPC), with RSS read from /proc/<pid>/status. */
  async mem(): Promise<MemSample> {
    const id = this.nextId++;
    const reply = await new Promise<MemReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no memory reply`)), 60_000);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      this.proc.send({ type: 'mem', id });
    });
    const rss = procRss(this.pid) || reply.vmRss || reply.rss;
    return {
      rss,
      heapUsed: reply.heapUsed,
      heapTotal: reply.heapTotal,
      external: reply.external,
      arrayBuffers: reply.arrayBuffers,
    };
  }

  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): number {
    return procCpuSeconds(this.pid);
  }

  /** Graceful stop through IPC (lets --cpu-prof write its file); SIGKILL after a timeout. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      this.proc.send({ type: 'exit' });
    } catch {
      // channel already closed
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  /**
   * Briefdesk: signs in as its admin (who may open every brief) and keeps the
   * session cookie for API calls and WebSocket upgrades. A Briefdesk without
   * accounts (no /api/session) needs nothing.
   */
  async signIn(): Promise<void> {
    if (this.kind !== 'briefdesk') return;
    const cookie = await signInAsAdmin(`http://127.0.0.1:${this.endpoint.port}`, ADMIN_PASSWORD);
    if (cookie === null) return;
    this.endpoint = { ...this.endpoint, headers: { cookie } };
  }

  /** Rooms that exist on this server: briefs for Briefdesk, fresh names for the peers. */
  async createRooms(count: number, title = 'bench'): Promise<string[]> {
    if (this.kind !== 'briefdesk') return Array.from({ length: count }, () => newBriefId());
    const auth = { ...this.endpoint.headers, [CSRF_HEADER]: '1' };
    const ids: string[] = new Array<string>(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const res = await fetch(`http://127.0.0.1:${this.endpoint.port}/api/briefs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify({ title: `${title} ${i}` }),
        });
        if (res.status !== 201) throw new Error(`POST /api/briefs: ${res.status}`);
        ids[i] = ((await res.json()) as { brief: { id: string } }).brief.id;
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, count) }, worker));
    return ids;
  }
}

export function procRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

export function procCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

export function spawnServer(kind: ServerKind, options: SpawnOptions): Promise<ServerProcess> {
  return spawnEntry(ENTRY[kind], kind, kind, { ...options, shippedFlags: SHIPPED_FLAGS[kind] });
}

/**
 * The relay floor (`bench/servers/relayFloor.ts`), pinned and flagged like
 * the servers. It is no ServerKind, so that it never joins the server list of
 * other workloads, `--servers=` or the peer ratios; its ServerProcess has the
 * kind of the protocol its clients speak, the reference server's.
 */
export function spawnRelayFloor(label: string): Promise<ServerProcess> {
  return spawnEntry(RELAY_FLOOR_ENTRY, 'ywsref', 'relay floor', { label });
}

async function spawnEntry(
  entry: string,
  kind: ServerKind,
  name: string,
  options: Omit<SpawnOptions, 'dataDir'> & { dataDir?: string; shippedFlags?: readonly string[] },
): Promise<ServerProcess> {
  if (options.dataDir !== undefined) fs.mkdirSync(options.dataDir, { recursive: true });
  const logDir = path.join(BENCH_TMP, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.createWriteStream(path.join(logDir, `${options.label}.log`), { flags: 'a' });
  const nodeArgs = [...(options.shippedFlags ?? []), ...NODE_FLAGS];
  if (options.cpuProfileDir) {
    fs.mkdirSync(options.cpuProfileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  nodeArgs.push(entry);
  const [cmd, args] = serverCommand(nodeArgs);
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_OPTIONS: undefined,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    BRIEFDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BENCH_DOCS_DIR:
      options.docs && options.dataDir !== undefined
        ? path.join(options.dataDir, 'docs')
        : undefined,
    ...options.env,
  };
  const proc = spawn(cmd, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  proc.stderr?.pipe(log);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s`)), 60_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      out += chunk.toString();
      const match = /listening on http:\/\/[^\s]*:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening (${code ?? signal}); see ${log.path}`));
    });
  });
  const server = new ServerProcess(kind, proc, port, options.dataDir ?? null, name);
  await server.signIn();
  return server;
}

/**
 * Rooms holding `state`, written to storage before the server starts:
 * Briefdesk's SQLite (a brief plus its snapshot, as compaction leaves it), or
 * the peers' document files. Returns the room names.
 */
export async function prefillRooms(
  kind: ServerKind,
  dataDir: string,
  states: readonly Uint8Array[],
): Promise<string[]> {
  fs.mkdirSync(dataDir, { recursive: true });
  const ids = states.map(() => newBriefId());
  if (kind === 'briefdesk') {
    const storage = openSqliteStorage({ filename: path.join(dataDir, 'briefdesk.sqlite') });
    const now = Date.now();
    for (let i = 0; i < ids.length; i++) {
      await storage.createBrief({ id: ids[i], title: `prefilled ${i}`, createdAt: now });
      await storage.writeSnapshot(ids[i], states[i], 0);
    }
    await storage.close();
  } else {
    const docs = path.join(dataDir, 'docs');
    fs.mkdirSync(docs, { recursive: true });
    for (let i = 0; i < ids.length; i++) {
      fs.writeFileSync(path.join(docs, `${encodeURIComponent(ids[i])}.bin`), states[i]);
    }
  }
  return ids;
}

/** A fresh, empty data directory for one server run. */
export function freshDataDir(label: string): string {
  const dir = path.join(BENCH_TMP, 'data', `${label}-${process.pid}-${Date.now()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
