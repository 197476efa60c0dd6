/**
 * External services for tests: PostgreSQL and Redis. When one is unreachable
 * its tests skip, with a message, on a developer machine, but fail the run in
 * CI (CI=true): a suite that silently skips there would hide a broken feature.
 *
 *   const postgresMissing = await requireService('PostgreSQL', checkPostgres);
 *   const url = postgresMissing ? '' : await postgresUrl();
 *   describe.skipIf(postgresMissing)('…', () => { … });
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

/** A database the test user may connect to and create databases from. */
export const POSTGRES_ADMIN_URL =
  process.env.BRIEFDESK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BRIEFDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const CHECK_TIMEOUT_MS = 3000;

/**
 * Resolves to null when `check` passes, otherwise to the reason to skip (for
 * `describe.skipIf`). In CI it throws instead: a skip fails the run.
 */
export async function requireService(
  name: string,
  check: () => Promise<void>,
): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${name} is unreachable (${reason}); these tests need it.`;
    if (process.env.CI === 'true') {
      throw new Error(`${message} In CI a skipped test fails the run.`, { cause: error });
    }
    console.warn(`Skipping ${name} tests: ${message}`);
    return message;
  }
}

export async function checkPostgres(url: string = POSTGRES_ADMIN_URL): Promise<void> {
  await withAdmin(url, (client) => client.query('SELECT 1'));
}

export async function checkRedis(url: string = REDIS_URL): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() rejects with "Connection is closed"; the 'error' event says why.
  let cause: Error | null = null;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    redis.disconnect();
  }
}

let fileDatabase: Promise<string> | null = null;

/**
 * A URL to a fresh, empty database for the calling test file, dropped after
 * its tests. Call it at the top level of the file (vitest isolates modules per
 * file, so each file gets its own). Every call in one file returns the same URL.
 */
export function postgresUrl(): Promise<string> {
  if (!fileDatabase) {
    const name = `briefdesk_test_${randomBytes(6).toString('hex')}`;
    let created = false;
    // Registered now, while the file is being collected, not after the await below.
    afterAll(async () => {
      if (created) await dropDatabase(name);
    });
    fileDatabase = (async () => {
      await withAdmin(POSTGRES_ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
      created = true;
      return databaseUrl(name);
    })();
  }
  return fileDatabase;
}

/** The admin URL with another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  // FORCE ends sessions a failed test left open.
  await withAdmin(POSTGRES_ADMIN_URL, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

/** Runs `fn` on a short-lived connection, for set-up and for tests that poke the server. */
export async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
