/**
 * The schema migration runner for both dialects. The list lives in
 * migrations.ts; this applies the pending entries in id order, each in its
 * own transaction together with its `schema_migrations` row, so a migration
 * is either fully applied and recorded or not at all.
 *
 * Several processes may start against one database at once. On PostgreSQL
 * they serialise on an advisory lock held for the whole run; on SQLite each
 * migration runs in a `BEGIN IMMEDIATE` transaction that re-checks whether it
 * is still pending once it holds the write lock.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { StorageError } from './types.ts';

export interface MigrationResult {
  /** Ids this run applied, in order. */
  applied: number[];
  /**
   * Ids recorded in the database that this code does not know: a newer release
   * migrated it. Not an error, because migrations are additive and a rolled-back
   * release must still start, but worth a log line.
   */
  unknown: number[];
}

/**
 * The key of the migration advisory lock. Brief locks use
 * `hashtext('briefdesk:' || id)`; a brief id cannot contain '/', so this text
 * never equals one of theirs.
 */
export const MIGRATION_LOCK_KEY = 'briefdesk/schema-migrations';

const CREATE_TABLE = {
  sqlite:
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  postgres:
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
} as const;

/** Checks the list itself: a duplicated or reordered id is a programming error, caught at start. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.id) || m.id <= previous) {
      throw new StorageError(
        `Migration ids must be positive integers in increasing order; ${m.id} ("${m.name}") follows ${previous}.`,
      );
    }
    previous = m.id;
  }
}

/** The migrations not yet applied, in the order they must run. */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: ReadonlySet<number>,
): Migration[] {
  checkMigrationList(migrations);
  return migrations.filter((m) => !applied.has(m.id));
}

function unknownIds(migrations: readonly Migration[], applied: Iterable<number>): number[] {
  const known = new Set(migrations.map((m) => m.id));
  return [...applied].filter((id) => !known.has(id)).sort((a, b) => a - b);
}

function failure(m: Migration, error: unknown): StorageError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageError(`Migration ${m.id} ("${m.name}") failed: ${reason}`, { cause: error });
}

/** Synchronous, because better-sqlite3 is and the SQLite storage opens synchronously. */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  db.exec(CREATE_TABLE.sqlite);
  const readApplied = () =>
    new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM schema_migrations')
        .all()
        .map((r) => r.id),
    );
  const insert = db.prepare(
    'INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)',
  );
  const result: MigrationResult = { applied: [], unknown: [] };
  for (const m of pendingMigrations(migrations, readApplied())) {
    const apply = db.transaction(() => {
      // Another process may have applied it since we looked; we now hold the write lock.
      if (readApplied().has(m.id)) return false;
      db.exec(m.sqlite);
      insert.run(m.id, m.name, Date.now());
      return true;
    });
    try {
      if (apply.immediate()) result.applied.push(m.id);
    } catch (error) {
      throw failure(m, error);
    }
  }
  result.unknown = unknownIds(migrations, readApplied());
  return result;
}

/**
 * Runs on one dedicated connection that holds the advisory lock throughout,
 * then is discarded: ending the session releases the lock even if unlocking
 * failed, and drops the session settings changed here.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  checkMigrationList(migrations);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`Cannot connect to PostgreSQL to migrate: ${reason}`, { cause: error });
  }
  // A checked-out client with no 'error' listener would crash the process if the server drops it.
  const errors: Error[] = [];
  const onError = (error: Error) => void errors.push(error);
  client.on('error', onError);
  try {
    // A long migration must not be cut off by the pool's statement timeout.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_TABLE.postgres);
    const readApplied = async () =>
      new Set(
        (await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) =>
          Number(r.id),
        ),
      );
    const result: MigrationResult = { applied: [], unknown: [] };
    for (const m of pendingMigrations(migrations, await readApplied())) {
      try {
        await client.query('BEGIN');
        await client.query(m.postgres);
        await client.query(
          'INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)',
          [m.id, m.name, Date.now()],
        );
        await client.query('COMMIT');
        result.applied.push(m.id);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw failure(m, error);
      }
    }
    result.unknown = unknownIds(migrations, await readApplied());
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    return result;
  } catch (error) {
    if (error instanceof StorageError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`Migrating PostgreSQL failed: ${reason}`, { cause: error });
  } finally {
    client.off('error', onError);
    client.release(true);
  }
}
