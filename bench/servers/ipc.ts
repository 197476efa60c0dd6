/**
 * The opt-in IPC every benchmark server entry script installs: the load
 * generator asks for memory figures (after a full garbage collection, so they
 * measure what is live rather than when V8 last collected) and for a clean
 * exit (so that `--cpu-prof` can write its profile).
 */
import fs from 'node:fs';

export interface MemReply {
  type: 'mem';
  id: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** VmRSS from /proc/self/status, in bytes (equal to rss; read the way the brief asks). */
  vmRss: number;
}

type Request = { type: 'mem'; id: number } | { type: 'exit' };

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  // Twice: the first pass can leave finalizer-held objects for the second.
  gc();
  gc();
}

function vmRss(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function installBenchIpc(): void {
  if (!process.send) return;
  process.on('message', (raw: unknown) => {
    const request = raw as Request;
    if (request.type === 'mem') {
      collect();
      const m = process.memoryUsage();
      const reply: MemReply = {
        type: 'mem',
        id: request.id,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        vmRss: vmRss(),
      };
      process.send?.(reply);
    } else if (request.type === 'exit') {
      process.exit(0);
    }
  });
  // The load generator going away must not leave servers behind.
  process.on('disconnect', () => process.exit(0));
}
