/**
 * TaskWorker's lifecycle where two workers overlap: a task that timed out
 * leaves its worker to be terminated, and a worker stuck in a native call
 * only exits once that call returns — by which time the next task is running
 * on its replacement. The old worker's exit must not fail that task.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { TaskWorker } from '../../server/taskWorker.ts';

/** Sleeps `seconds` in a child process, blocking the worker thread (terminate waits for it). */
const SLEEPER = `
const { parentPort } = require('node:worker_threads');
const { execFileSync } = require('node:child_process');
parentPort.on('message', ({ id, request }) => {
  execFileSync('sleep', [String(request.seconds)]);
  parentPort.postMessage({ type: 'done', id, result: request.seconds });
});
parentPort.postMessage({ type: 'ready' });
`;

class TaskError extends Error {
  override readonly name = 'TaskError';
}

describe('TaskWorker', () => {
  const tasks = new TaskWorker<{ seconds: number }, number>({
    label: 'sleeping',
    worker: () => new Worker(SLEEPER, { eval: true }),
    inProcess: () => Promise.reject(new Error('the worker should have started')),
    error: (message, options) => new TaskError(message, options),
    warningName: 'SleepingWorkerWarning',
    timeoutMs: 2000,
  });
  afterAll(() => tasks.close());

  it('does not fail a task on the new worker when the timed-out one finally exits', async () => {
    // Times out at 2 s; its worker is terminated but exits only at 3 s.
    await expect(tasks.run({ seconds: 3 })).rejects.toThrow('sleeping timed out after 2000 ms');
    // Runs on a new worker from ~2 s to ~3.5 s, across the old one's exit.
    await expect(tasks.run({ seconds: 1.5 })).resolves.toBe(1.5);
    expect(tasks.usingWorker).toBe(true);
  });
});
