/**
 * Follows the access-change feed in storage and re-checks matching live
 * sockets. Changes made by this instance poke it at once; changes made by
 * another instance or the user CLI are picked up at the next poll.
 */
import type { AccountStore } from '../auth/store.ts';
import type { Logger } from '../logger.ts';

export class AccessWatcher {
  private lastSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly accounts: AccountStore,
    private readonly recheck: (filter: {
      userId: string | null;
      briefId: string | null;
    }) => Promise<void>,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  async start(): Promise<void> {
    this.lastSeq = await this.accounts.latestAccessChange();
    this.timer = setInterval(() => this.poke(), this.pollMs);
    this.timer.unref();
  }

  /** Check the feed now (coalesced with a check already running). */
  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.poll()
      .catch((error: unknown) => this.logger.warn('access feed poll failed', { error }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async poll(): Promise<void> {
    const changes = await this.accounts.accessChangesSince(this.lastSeq);
    if (changes.length === 0) return;
    this.lastSeq = changes[changes.length - 1].seq;
    const seen = new Set<string>();
    for (const change of changes) {
      const key = `${change.userId}|${change.briefId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await this.recheck({ userId: change.userId, briefId: change.briefId });
    }
  }
}
