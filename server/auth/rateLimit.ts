/**
 * Failed-sign-in limiting, per account and per address: a fixed number of
 * failures within a window, after which attempts are refused until the oldest
 * of them leaves the window. Success clears the account's count.
 *
 * Failures are kept in the database, not in memory: instances behind a load
 * balancer share one database, and a count per instance would give an account
 * the limit once per instance (five guesses on each of three instances was
 * fifteen). A throttle needs no more durability than that.
 */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/** Where failures are kept (AccountStore). */
export interface FailureLog {
  recentFailures(key: string, after: number, limit: number): Promise<number[]>;
  addFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void>;
  clearFailures(key: string): Promise<void>;
}

export class LoginRateLimiter {
  constructor(
    private readonly log: FailureLog,
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0. */
  async retryAfter(account: string, address: string): Promise<number> {
    const [byAccount, byAddress] = await Promise.all([
      this.wait(`u:${account}`, this.limits.perAccount),
      this.wait(`a:${address}`, this.limits.perAddress),
    ]);
    return Math.max(byAccount, byAddress);
  }

  async recordFailure(account: string, address: string): Promise<void> {
    const at = this.now();
    await this.log.addFailure([`u:${account}`, `a:${address}`], at, at - this.limits.windowMs);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.log.clearFailures(`u:${account}`);
  }

  /** Until the oldest of the last `max` failures leaves the window, when there are `max`. */
  private async wait(key: string, max: number): Promise<number> {
    const now = this.now();
    const recent = await this.log.recentFailures(key, now - this.limits.windowMs, max);
    if (recent.length < max) return 0;
    return Math.max(0, recent[max - 1] + this.limits.windowMs - now);
  }
}
