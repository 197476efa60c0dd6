/** Helpers for tests of work that runs on a worker thread (PDF export, card extraction). */

/**
 * Runs `work` while a 5 ms timer ticks on this thread. Work done on this
 * thread would let no tick through until it finished; work on a worker lets
 * them run.
 */
export async function ticksDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ticks: number; elapsedMs: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ticks, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` and returns the messages of the process warnings emitted meanwhile. */
export async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(w.message);
  };
  process.on('warning', onWarning);
  try {
    await work();
    // process.emitWarning delivers on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    return warnings;
  } finally {
    process.off('warning', onWarning);
  }
}
