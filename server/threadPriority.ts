/**
 * Background threads (history rendering, compaction merges, WAL
 * checkpoints, PDF exports, card extraction) can wait; relaying edits cannot. On a busy machine they
 * compete for the same cores, and the benchmarks showed relay latency
 * outliers while a worker ran even though the event loop was never blocked.
 * Linux sets scheduling priorities per thread, so each background worker
 * lowers its own; elsewhere, or when not permitted, nothing changes.
 */
import { readlinkSync } from 'node:fs';
import os from 'node:os';

const NICENESS = os.constants.priority.PRIORITY_BELOW_NORMAL;

/** Call from a worker thread: lowers that thread's priority only. */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid !== process.pid) os.setPriority(tid, NICENESS);
  } catch {
    // Not Linux, or not permitted: the worker runs at normal priority.
  }
}

/** The same, for workers given as CommonJS source (see compaction.ts). */
export const LOWER_THREAD_PRIORITY_SOURCE = `
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid !== process.pid) require('node:os').setPriority(tid, ${NICENESS});
} catch {}
`;
