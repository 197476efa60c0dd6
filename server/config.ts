/**
 * Configuration is read once, here, from the environment, and validated with
 * errors that name the variable. Nothing else in the server reads
 * `process.env`: parts receive the parsed `Config`.
 */
import path from 'node:path';
import { DEFAULT_MAX_FRAME_BYTES } from '../shared/protocol.ts';

export interface Config {
  host: string;
  port: number;
  /** SQLite file and other local state live here. */
  dataDir: string;
  /** Built client bundle; served with SPA fallback when it exists. */
  staticDir: string;
  logLevel: LogLevel;
  collab: CollabLimits;
  http: { maxBodyBytes: number };
  /** `FULL` also survives power loss; `NORMAL` (WAL) survives process crashes, which is the promise. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** How long SIGTERM waits for writes to finish before exiting anyway. */
  shutdownTimeoutMs: number;
}

export interface CollabLimits {
  /** Frames above this are refused with CloseCode.FrameTooLarge. */
  maxFrameBytes: number;
  /** A document is unloaded this long after its last client leaves. */
  unloadDelayMs: number;
  /** Compact the update log once it holds this many updates… */
  compactAfterUpdates: number;
  /** …or this many bytes, whichever comes first. */
  compactAfterBytes: number;
  /** Awareness messages a connection may send: a bucket of `burst`, refilled at `perSecond`. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** A socket whose unsent data exceeds this is too slow to keep; it is closed. */
  maxBufferedBytes: number;
  /** Silence after which a ping goes unanswered and the socket is dropped. */
  heartbeatMs: number;
  /**
   * Benchmark-only: relay updates before they are committed, as servers
   * with a save debounce do, to measure what the promise protects against.
   */
  unsafeRelayBeforeCommit: boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export function parseConfig(env: Env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, nonEmpty(env, 'DATA_DIR') ?? 'data');
  return {
    host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    dataDir,
    staticDir: path.resolve(cwd, nonEmpty(env, 'STATIC_DIR') ?? 'dist/client'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    collab: {
      maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', DEFAULT_MAX_FRAME_BYTES, 1024, 1024 ** 3),
      unloadDelayMs: integer(env, 'UNLOAD_DELAY_MS', 30_000, 0, 24 * 3600_000),
      compactAfterUpdates: integer(env, 'COMPACT_AFTER_UPDATES', 500, 2, 10_000_000),
      compactAfterBytes: integer(env, 'COMPACT_AFTER_BYTES', 4 * 1024 * 1024, 1024, 1024 ** 3),
      awarenessPerSecond: integer(env, 'AWARENESS_PER_SECOND', 30, 1, 100_000),
      awarenessBurst: integer(env, 'AWARENESS_BURST', 120, 1, 1_000_000),
      maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 64 * 1024 * 1024, 1024, 1024 ** 3),
      heartbeatMs: integer(env, 'HEARTBEAT_MS', 30_000, 1000, 3600_000),
      unsafeRelayBeforeCommit: oneOf(env, 'UNSAFE_RELAY_BEFORE_COMMIT', ['0', '1'], '0') === '1',
    },
    http: { maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 ** 3) },
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const match = allowed.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}".`);
  return match;
}
