/**
 * Failed-login limiting, per account and per address: a fixed number of
 * failures within a window, after which attempts are refused until the oldest
 * failure leaves the window. Success clears the account's count. Kept in
 * memory: a restart forgives, which is acceptable for a throttle.
 */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfter(account: string, address: string): number {
    return Math.max(
      this.wait(`u:${account}`, this.limits.perAccount),
      this.wait(`a:${address}`, this.limits.perAddress),
    );
  }

  recordFailure(account: string, address: string): void {
    for (const key of [`u:${account}`, `a:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  recordSuccess(account: string): void {
    this.failures.delete(`u:${account}`);
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    return list[list.length - max] + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
