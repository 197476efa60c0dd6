/**
 * Reconnect delays: exponential backoff with "full jitter" (a uniformly random
 * delay between 0 and the exponential ceiling). Without jitter, every client of
 * a restarted server would come back on the same schedule and arrive together;
 * spreading each attempt over the whole window flattens that spike.
 * Pure, so it can be tested without timers or sockets.
 */
export interface BackoffPolicy {
  /** Ceiling of the first attempt's window, in ms. */
  baseMs: number;
  /** The window never grows past this, in ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 20_000 };

/** The upper bound of the delay before attempt number `attempt` (0-based). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Number.isNaN(attempt) || attempt <= 0 ? 0 : Math.floor(attempt);
  // 2 ** n overflows to Infinity for large n, which Math.min turns back into the cap.
  return Math.max(0, Math.min(policy.capMs, policy.baseMs * 2 ** n));
}

/** A delay in [0, ceiling), from `random` in [0, 1); injectable for tests. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}
