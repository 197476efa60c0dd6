/**
 * SQLite's automatic WAL checkpoint runs inside COMMIT, on the event loop,
 * with fsyncs: the benchmark profile showed it as the relay latency tail
 * (p99.9 of 14–30 ms, worst 80 ms; 1 ms without it). So the main connection
 * turns it off and a worker thread with its own connection checkpoints
 * passively every second, which never blocks writers. If the worker cannot
 * run or dies, automatic checkpoints are turned back on.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { LOWER_THREAD_PRIORITY_SOURCE } from '../threadPriority.ts';

const INTERVAL_MS = 1000;
const AUTO_CHECKPOINT_PAGES = 1000;

// Plain CommonJS as a string: a worker inherits neither tsx nor vitest's loader.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${LOWER_THREAD_PRIORITY_SOURCE}
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.postMessage('stopped');
});
parentPort.postMessage('ready');
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Database.Database, filename: string): Checkpointer {
  const fallback = () => db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, {
      eval: true,
      workerData: {
        filename,
        intervalMs: INTERVAL_MS,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
  } catch {
    return { stop: async () => undefined };
  }
  worker.unref();
  let stopped = false;
  worker.once('message', (message) => {
    if (message === 'ready' && !stopped) db.pragma('wal_autocheckpoint = 0');
  });
  worker.on('error', () => {
    if (!stopped && db.open) fallback();
  });
  worker.on('exit', () => {
    if (!stopped && db.open) fallback();
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (db.open) fallback();
      const done = new Promise<void>((resolve) => {
        worker.on('message', (m) => m === 'stopped' && resolve());
        worker.on('exit', () => resolve());
      });
      worker.postMessage('stop');
      await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
