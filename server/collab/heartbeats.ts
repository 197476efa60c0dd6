/**
 * Heartbeats: each connection is pinged once per interval, on its own phase,
 * and dropped when it has not answered the previous ping by the next one.
 *
 * Connections wait in buckets by the tick in which their ping falls due, so a
 * tick touches only those. Checking every connection once a second instead
 * pinged 1/30 of them together: at 1,500 connections (bench workload 2) a
 * stall of about a millisecond every second that the relays in flight waited
 * out, and a walk over all of them each tick.
 */
import type { WebSocket } from 'ws';

/** What a heartbeat needs of a connection. */
export interface Beating {
  readonly ws: Pick<WebSocket, 'ping' | 'terminate'>;
  /** Set by the caller when a pong arrives. */
  alive: boolean;
}

export class Heartbeats<T extends Beating> {
  private readonly due = new Map<number, Set<T>>();
  private readonly slotOf = new Map<T, number>();
  private readonly timer: NodeJS.Timeout;
  private lastSlot: number;

  constructor(
    private readonly intervalMs: number,
    private readonly tickMs: number,
    private readonly now: () => number,
  ) {
    this.lastSlot = Math.floor(now() / tickMs);
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /**
   * Starts beating for a connection. Its first ping comes at a random point
   * of the second half of the interval, so that connections made together (a
   * server restart, a benchmark) are not pinged together ever after.
   */
  add(connection: T): void {
    this.schedule(connection, this.now() + this.intervalMs * (0.5 + Math.random() / 2));
  }

  remove(connection: T): void {
    const slot = this.slotOf.get(connection);
    if (slot === undefined) return;
    this.slotOf.delete(connection);
    const bucket = this.due.get(slot);
    bucket?.delete(connection);
    if (bucket?.size === 0) this.due.delete(slot);
  }

  stop(): void {
    clearInterval(this.timer);
    this.due.clear();
    this.slotOf.clear();
  }

  private schedule(connection: T, at: number): void {
    const slot = Math.max(Math.ceil(at / this.tickMs), this.lastSlot + 1);
    this.slotOf.set(connection, slot);
    let bucket = this.due.get(slot);
    if (!bucket) this.due.set(slot, (bucket = new Set()));
    bucket.add(connection);
  }

  private tick(): void {
    const now = this.now();
    const slot = Math.floor(now / this.tickMs);
    for (let s = this.lastSlot + 1; s <= slot; s++) {
      // Moved on first, so that what is scheduled below lands in a later tick.
      this.lastSlot = s;
      const bucket = this.due.get(s);
      if (!bucket) continue;
      this.due.delete(s);
      for (const connection of bucket) {
        this.slotOf.delete(connection);
        if (!connection.alive) {
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        connection.ws.ping();
        this.schedule(connection, now + this.intervalMs);
      }
    }
  }
}
