/**
 * Configuration is read once, here, from the environment, and validated with
 * errors that name the variable. Nothing else in the server reads
 * `process.env`: parts receive the parsed `Config`.
 */
import path from 'node:path';
import { DEFAULT_MAX_FRAME_BYTES } from '../shared/protocol.ts';
import { passwordProblem } from './auth/password.ts';

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
  /** `postgres://…`: store in PostgreSQL (several instances can share it) instead of SQLite. */
  databaseUrl: string | null;
  /** Connections per instance in the PostgreSQL pool. */
  databasePoolSize: number;
  /** `redis://…`: relay updates and presence between instances sharing the database. */
  redisUrl: string | null;
  /** How long SIGTERM waits for writes to finish before exiting anyway. */
  shutdownTimeoutMs: number;
  auth: AuthConfig;
  history: { pauseMs: number; maxIntervalMs: number };
}

export interface AuthConfig {
  /** Sessions expire after this long without use. */
  sessionTtlMs: number;
  /** log2 of scrypt's N; 15 is 32 MiB of memory per hash. */
  scryptCost: number;
  /** Believe X-Forwarded-For/-Proto/-Host from a reverse proxy. */
  trustProxy: boolean;
  /** Origins the app is served from besides its own Host (e.g. behind a proxy). */
  publicOrigins: string[];
  /** The first admin's password; generated and printed once when unset. */
  adminPassword: string | null;
  loginFailuresPerAccount: number;
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  /** How often live sockets are re-checked against the access-change feed. */
  accessPollMs: number;
}

export interface CollabLimits {
  /** Frames above this are refused with CloseCode.FrameTooLarge. */
  maxFrameBytes: number;
  /** A document is unloaded this long after its last client leaves. */
  unloadDelayMs: number;
  /** Compact the update log once it holds this many updates… */
  compactAfterUpdates: number;
  /** …or this many bytes (or half the snapshot's size, if more), whichever comes first. */
  compactAfterBytes: number;
  /**
   * A brief compacted less than this long ago waits for the next, unless its
   * log has reached `compactAfterBytes`: under a burst of edits, compaction
   * then costs a merge per interval instead of one per few hundred updates.
   */
  compactMinIntervalMs: number;
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
      compactAfterBytes: integer(env, 'COMPACT_AFTER_BYTES', 256 * 1024, 1024, 1024 ** 3),
      compactMinIntervalMs: integer(env, 'COMPACT_MIN_INTERVAL_MS', 10_000, 0, 24 * 3600_000),
      awarenessPerSecond: integer(env, 'AWARENESS_PER_SECOND', 30, 1, 100_000),
      awarenessBurst: integer(env, 'AWARENESS_BURST', 120, 1, 1_000_000),
      maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 64 * 1024 * 1024, 1024, 1024 ** 3),
      heartbeatMs: integer(env, 'HEARTBEAT_MS', 30_000, 1000, 3600_000),
      unsafeRelayBeforeCommit: oneOf(env, 'UNSAFE_RELAY_BEFORE_COMMIT', ['0', '1'], '0') === '1',
    },
    http: { maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 ** 3) },
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    redisUrl: redisUrl(env, 'REDIS_URL'),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    history: {
      pauseMs: integer(env, 'REVISION_PAUSE_MS', 30_000, 10, 24 * 3600_000),
      maxIntervalMs: integer(env, 'REVISION_MAX_INTERVAL_MS', 5 * 60_000, 10, 24 * 3600_000),
    },
    auth: {
      sessionTtlMs: integer(env, 'SESSION_TTL_HOURS', 14 * 24, 1, 24 * 365) * 3600_000,
      scryptCost: integer(env, 'SCRYPT_COST', 15, 10, 20),
      trustProxy: oneOf(env, 'TRUST_PROXY', ['0', '1'], '0') === '1',
      publicOrigins: origins(env, 'PUBLIC_ORIGIN'),
      adminPassword: adminPassword(env, 'BRIEFDESK_ADMIN_PASSWORD'),
      loginFailuresPerAccount: integer(env, 'LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      loginFailuresPerAddress: integer(env, 'LOGIN_FAILURES_PER_ADDRESS', 20, 1, 100_000),
      loginWindowMs: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
      accessPollMs: integer(env, 'ACCESS_POLL_MS', 500, 50, 60_000),
    },
  };
}

/**
 * The first admin's password, held to the rules every password is: one
 * outside them would make an admin who could sign in with a password nobody
 * may set, or — over the maximum — one who could never sign in.
 */
function adminPassword(env: Env, name: string): string | null {
  const value = nonEmpty(env, name);
  if (value === undefined) return null;
  const problem = passwordProblem(value);
  if (problem) throw new ConfigError(`${name}: ${problem}`);
  return value;
}

function origins(env: Env, name: string): string[] {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((value) => {
    const trimmed = value.trim();
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new ConfigError(`${name} must be a comma-separated list of origins, got "${trimmed}".`);
    }
    if (url.origin !== trimmed.replace(/\/$/, '')) {
      throw new ConfigError(
        `${name} entries must be bare origins like https://briefs.example.org.`,
      );
    }
    return url.origin;
  });
}

function postgresUrl(env: Env, name: string): string | null {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return null;
  if (!/^postgres(ql)?:\/\/./.test(raw)) {
    throw new ConfigError(`${name} must be a postgres:// or postgresql:// URL.`);
  }
  return raw;
}

function redisUrl(env: Env, name: string): string | null {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return null;
  if (!/^rediss?:\/\/./.test(raw)) {
    throw new ConfigError(`${name} must be a redis:// or rediss:// URL.`);
  }
  return raw;
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
