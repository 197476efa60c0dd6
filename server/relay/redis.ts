/**
 * The relay over Redis pub/sub: one channel per brief
 * (`briefdesk:brief:<id>`), subscribed while the brief is loaded here, and
 * two connections, one subscribed and one publishing.
 *
 * Redis is an accelerator, never a dependency of correctness: every relayed
 * update is already durable in the database. So nothing here blocks or
 * throws on Redis trouble. Commands are not queued while Redis is away
 * (enableOfflineQueue: false) — a publish that fails is dropped, and the
 * brief is remembered so that a repair request is published once Redis is
 * back; a subscriber that reconnects resubscribes every brief and asks the
 * rooms to resync from storage.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { isBriefId, type BriefId } from '../../shared/briefId.ts';
import type { Logger } from '../logger.ts';
import { decodeEnvelope, encodeEnvelope, RelayDecodeError } from './codec.ts';
import type { Relay, RelayListener, RelayMessage } from './types.ts';

export const CHANNEL_PREFIX = 'briefdesk:brief:';
/** How long start() and a subscription wait for Redis before going on without it. */
const WAIT_MS = 2000;
/** Reconnect backoff: quick at first, then every two seconds. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** A connection that does not answer a ping this often is dropped and reconnected. */
const HEALTH_CHECK_MS = 5000;
/** After a publish fails on a connection that stays up, repair requests go out this much later. */
const RETRY_UNPUBLISHED_MS = 1000;

export interface RedisRelayOptions {
  /** `redis://[user:password@]host:port[/db]` */
  url: string;
  logger: Logger;
  instanceId?: string;
}

type Role = 'publisher' | 'subscriber';

export class RedisRelay implements Relay {
  readonly instanceId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private listener: RelayListener | null = null;
  /** Briefs this instance wants to hear about, by channel. */
  private readonly channels = new Map<string, BriefId>();
  /** Briefs whose publish failed: a repair request goes out when Redis is back. */
  private readonly unpublished = new Set<BriefId>();
  /** Per connection: whether it is down, so an outage is logged once, not per retry. */
  private readonly down: Record<Role, boolean> = { publisher: false, subscriber: false };
  private health: NodeJS.Timeout | null = null;
  private retryUnpublished: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly logger: Logger;

  constructor(options: RedisRelayOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.logger = options.logger;
    const common: RedisOptions = {
      lazyConnect: true,
      // Fail at once rather than pile commands up in memory while Redis is away.
      enableOfflineQueue: false,
      // Commands in flight when the connection drops fail, and are made up for by repair.
      maxRetriesPerRequest: 0,
      // Channels are resubscribed by hand, together with the resync they need.
      autoResubscribe: false,
      connectTimeout: WAIT_MS,
      commandTimeout: WAIT_MS,
      retryStrategy: (times) =>
        Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(times, 10)) +
        Math.floor(Math.random() * 100),
    };
    this.pub = new Redis(options.url, { ...common, connectionName: 'briefdesk-pub' });
    this.sub = new Redis(options.url, { ...common, connectionName: 'briefdesk-sub' });
    this.watch(this.pub, 'publisher');
    this.watch(this.sub, 'subscriber');
    this.pub.on('ready', () => this.publisherReady());
    this.sub.on('ready', () => void this.subscriberReady());
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
  }

  setListener(listener: RelayListener): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    // connect() rejects when Redis is unreachable, but the client keeps
    // retrying (retryStrategy); the outage is logged by the 'error' handler.
    const connect = (redis: Redis) => redis.connect().catch(() => undefined);
    await withTimeout(Promise.all([connect(this.pub), connect(this.sub)]), WAIT_MS);
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready') {
      this.logger.warn('Redis is unreachable; relaying within this instance until it returns');
    }
    this.health = setInterval(() => this.checkHealth(), HEALTH_CHECK_MS);
    this.health.unref();
  }

  async subscribe(briefId: BriefId): Promise<boolean> {
    const channel = CHANNEL_PREFIX + briefId;
    this.channels.set(channel, briefId);
    // When Redis is away, the 'ready' that ends the outage subscribes it.
    if (this.sub.status !== 'ready') return false;
    try {
      return (await withTimeout(this.sub.subscribe(channel), WAIT_MS)) !== undefined;
    } catch (error) {
      this.logger.debug('Redis subscribe failed', { brief: briefId, error });
      return false;
    }
  }

  unsubscribe(briefId: BriefId): void {
    const channel = CHANNEL_PREFIX + briefId;
    if (!this.channels.delete(channel)) return;
    if (this.sub.status !== 'ready') return;
    this.sub.unsubscribe(channel).catch((error: unknown) => {
      this.logger.debug('Redis unsubscribe failed', { brief: briefId, error });
    });
  }

  publish(briefId: BriefId, message: RelayMessage): void {
    if (this.closed) return;
    if (this.pub.status !== 'ready') {
      this.unpublished.add(briefId);
      return;
    }
    const payload = Buffer.from(encodeEnvelope({ from: this.instanceId, message }));
    this.pub.publish(CHANNEL_PREFIX + briefId, payload).catch((error: unknown) => {
      this.unpublished.add(briefId);
      this.logger.debug('Redis publish failed', { brief: briefId, error });
      // A timeout on a live connection gets no 'ready' to trigger the repair request: schedule it.
      this.retryUnpublished ??= setTimeout(() => {
        this.retryUnpublished = null;
        if (this.pub.status === 'ready') this.requestRepairs();
      }, RETRY_UNPUBLISHED_MS);
      this.retryUnpublished.unref();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.health) clearInterval(this.health);
    if (this.retryUnpublished) clearTimeout(this.retryUnpublished);
    // quit waits for replies to what was sent (the last presence removals); disconnect if Redis is away.
    const quit = async (redis: Redis) => {
      try {
        if (redis.status === 'ready') await withTimeout(redis.quit(), WAIT_MS);
      } catch {
        // Closing anyway.
      }
      redis.disconnect();
    };
    await Promise.all([quit(this.pub), quit(this.sub)]);
  }

  private receive(channel: string, payload: Buffer): void {
    const briefId = channel.startsWith(CHANNEL_PREFIX) ? channel.slice(CHANNEL_PREFIX.length) : '';
    if (!isBriefId(briefId) || !this.channels.has(channel)) return;
    let envelope;
    try {
      envelope = decodeEnvelope(new Uint8Array(payload.buffer, payload.byteOffset, payload.length));
    } catch (error) {
      if (!(error instanceof RelayDecodeError)) throw error;
      // From a newer release during a rolling upgrade, say: what it said is in storage.
      this.logger.warn('dropping an unreadable relay message; repairing from storage', {
        brief: briefId,
        error,
      });
      this.listener?.message(briefId, { kind: 'repair' });
      return;
    }
    if (envelope.from === this.instanceId) return;
    try {
      this.listener?.message(briefId, envelope.message);
    } catch (error) {
      this.logger.error('relay message handling failed', { brief: briefId, error });
    }
  }

  private publisherReady(): void {
    this.recovered('publisher');
    this.requestRepairs();
  }

  /** Someone may have missed what this instance failed to publish: ask them to repair. */
  private requestRepairs(): void {
    const briefs = [...this.unpublished];
    this.unpublished.clear();
    for (const briefId of briefs) this.publish(briefId, { kind: 'repair' });
  }

  private async subscriberReady(): Promise<void> {
    this.recovered('subscriber');
    const channels = [...this.channels.keys()];
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (error) {
      // The connection dropped again; its next 'ready' tries again.
      this.logger.debug('Redis resubscribe failed', { channels: channels.length, error });
      return;
    }
    // Whatever was published while this connection was away was lost to it.
    this.listener?.resync();
  }

  private watch(redis: Redis, role: Role): void {
    // Without an 'error' listener, ioredis errors would crash the process.
    redis.on('error', (error: Error) => {
      if (this.down[role]) {
        this.logger.debug('Redis still unreachable', { connection: role, error });
        return;
      }
      this.down[role] = true;
      this.logger.warn('Redis connection lost; relaying within this instance until it returns', {
        connection: role,
        error,
      });
    });
    redis.on('close', () => {
      if (this.closed || this.down[role]) return;
      this.down[role] = true;
      this.logger.warn('Redis connection closed; relaying within this instance until it returns', {
        connection: role,
      });
    });
  }

  private recovered(role: Role): void {
    if (!this.down[role]) return;
    this.down[role] = false;
    this.logger.info('Redis connection restored', { connection: role });
  }

  /**
   * A connection whose peer vanished without closing it (a network
   * partition) would look connected for as long as TCP keepalive takes; a
   * ping that goes unanswered drops it, so the reconnect (and resync) starts.
   */
  private checkHealth(): void {
    for (const redis of [this.pub, this.sub]) {
      if (redis.status !== 'ready') continue;
      redis.ping().catch(() => {
        if (!this.closed && redis.status === 'ready') redis.disconnect(true);
      });
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
