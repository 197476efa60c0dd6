/**
 * Runs the real server entry point (`server/main.ts`) as a child process, for
 * tests that kill it: SIGKILL mid-write, SIGTERM for graceful shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { CSRF_HEADER } from '../../shared/api.ts';
import { mainEntryArgs } from '../../server/heapTuning.ts';
import { repoRoot, tempDataDir, TEST_ENV } from './server.ts';

export interface ChildServer {
  proc: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function spawnServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<ChildServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const port = options.port ?? (await freePort());
  const proc = spawn(process.execPath, mainEntryArgs(repoRoot), {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...TEST_ENV,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave an orphan server behind a failed start.
      proc.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 90_000);
    const check = () => {
      if (out.includes('Briefdesk listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited during start:\n${out}`));
    });
  });
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    output: () => out,
    exited,
  };
}

/** Creates a brief over HTTP as the holder of `cookie`; returns its id. */
export async function createBriefOver(url: string, cookie: string, title: string): Promise<string> {
  const res = await fetch(`${url}/api/briefs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: '1' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create brief failed: ${res.status}`);
  return ((await res.json()) as { brief: { id: string } }).brief.id;
}
