/**
 * TaskWorker's lifecycle. Where two workers overlap: a task that timed out
 * leaves its worker to be terminated, and a worker stuck in a native call
 * only exits once that call returns — by which time the next task is running
 * on its replacement. The old worker's exit must not fail that task. And an
 * idle worker stops after idleExitMs, never during a task.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** Answers with its thread id, after blocking for `ms` (real time). */
const ECHO = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, request }) => {
  if (request.ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, request.ms);
  parentPort.postMessage({ type: 'done', id, result: threadId });
});
parentPort.postMessage({ type: 'ready' });
`;

describe('TaskWorker with idleExitMs', () => {
  const IDLE_MS = 60_000;
  const started: Worker[] = [];
  let tasks: TaskWorker<{ ms: number }, number>;

  beforeEach(() => {
    // Only the idle clock is faked: the worker thread and its messages are real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    tasks = new TaskWorker<{ ms: number }, number>({
      label: 'echo',
      worker: () => {
        const worker = new Worker(ECHO, { eval: true });
        started.push(worker);
        return worker;
      },
      inProcess: () => Promise.reject(new Error('the worker should have started')),
      error: (message, options) => new TaskError(message, options),
      warningName: 'EchoWorkerWarning',
      timeoutMs: 24 * 3_600_000,
      idleExitMs: IDLE_MS,
    });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await tasks.close();
    started.length = 0;
  });

  it('stops a worker left idle for idleExitMs and starts a new one for the next task', async () => {
    const first = await tasks.run({ ms: 0 });
    // Each task restarts the idle clock: two gaps just short of the limit keep one worker.
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(await tasks.run({ ms: 0 })).toBe(first);
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(await tasks.run({ ms: 0 })).toBe(first);
    expect(started).toHaveLength(1);

    const exited = once(started[0], 'exit');
    vi.advanceTimersByTime(IDLE_MS);
    await exited;
    expect(tasks.usingWorker).toBe(false);

    const second = await tasks.run({ ms: 0 });
    expect(second).not.toBe(first);
    expect(started).toHaveLength(2);
    expect(tasks.usingWorker).toBe(true);
  });

  it('never stops a worker while a task is running on it', async () => {
    const first = await tasks.run({ ms: 0 });
    const slow = tasks.run({ ms: 300 });
    vi.advanceTimersByTime(10 * IDLE_MS);
    await expect(slow).resolves.toBe(first);
    expect(started).toHaveLength(1);
    expect(tasks.usingWorker).toBe(true);
  });
});
