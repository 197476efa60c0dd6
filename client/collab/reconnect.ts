import type { WebsocketProvider } from 'y-websocket';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { isTerminalClose, type CloseInfo } from './closeReasons.ts';

export interface ReconnectOptions {
  policy?: BackoffPolicy;
  random?: () => number;
  /** The server closed with a code that says "do not come back". */
  onTerminalClose: (info: CloseInfo) => void;
}

/**
 * Owns when the provider (re)connects. y-websocket's own reconnect uses a fixed
 * exponential schedule without jitter, so the provider must be created with
 * `shouldReconnect: () => false`: after every close it then stops and emits
 * `closed`, and this controller decides whether and when to call `connect()`.
 *
 * It also follows the browser's online/offline events: going offline closes the
 * socket at once (an open socket can outlive the network, which would leave the
 * status claiming a connection that no longer carries anything), and coming
 * back online reconnects quickly instead of waiting out a long backoff.
 */
export class ReconnectController {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly options: ReconnectOptions,
  ) {
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    provider.on('closed', this.onClosed);
    provider.on('sync', this.onSync);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  start(): void {
    if (navigator.onLine) this.provider.connect();
  }

  /** Skip the wait (e.g. a "retry now" button). */
  retryNow(): void {
    if (this.stopped) return;
    this.clearTimer();
    this.provider.connect();
  }

  destroy(): void {
    this.stopped = true;
    this.clearTimer();
    this.provider.off('closed', this.onClosed);
    this.provider.off('sync', this.onSync);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  private readonly onClosed = (info: CloseInfo) => {
    if (this.stopped) return;
    if (isTerminalClose(info.code)) {
      this.stopped = true;
      this.clearTimer();
      this.options.onTerminalClose(info);
      return;
    }
    this.schedule();
  };

  private readonly onSync = (synced: boolean) => {
    // A connection that completed a sync did useful work: start the next outage from scratch.
    if (synced) this.attempt = 0;
  };

  private readonly onOnline = () => {
    if (this.stopped) return;
    this.attempt = 0;
    this.schedule();
  };

  private readonly onOffline = () => {
    if (this.stopped) return;
    this.clearTimer();
    // disconnect() closes locally, which emits no `closed`, so nothing gets scheduled
    // until the `online` event.
    this.provider.disconnect();
  };

  private schedule(): void {
    this.clearTimer();
    if (!navigator.onLine) return; // `online` will call us again
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.provider.connect();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
