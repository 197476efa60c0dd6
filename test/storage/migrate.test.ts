/**
 * The migration runner on both dialects: idempotent across restarts, atomic
 * per migration, and safe when several instances start at once.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../server/logger.ts';
import {
  MIGRATIONS,
  StorageError,
  migratePostgres,
  migrateSqlite,
  openPostgresStorage,
  openSqliteStorage,
  pendingMigrations,
  type Migration,
} from '../../server/storage/index.ts';
import { tempDataDir } from '../helpers/server.ts';
import { checkPostgres, postgresUrl, requireService } from '../helpers/services.ts';

const postgresMissing = await requireService('PostgreSQL', checkPostgres);
const url = postgresMissing ? '' : await postgresUrl();

/**
 * A pool on the file's database. pg-pool's end() resolves once it has asked its
 * clients to end, not once they have; the file's database is dropped WITH
 * (FORCE) right after the last test, and a client still closing then receives
 * "terminating connection due to administrator command" as a pool 'error'.
 * Unhandled, that fails the run although every test passed.
 */
function testPool(max?: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

const probe = (id: number, table: string): Migration => ({
  id,
  name: `probe ${table}`,
  // No IF NOT EXISTS: running it twice fails, which is what these tests watch for.
  sqlite: `CREATE TABLE ${table} (k TEXT PRIMARY KEY)`,
  postgres: `CREATE TABLE ${table} (k TEXT PRIMARY KEY)`,
});
const broken = (id: number, table: string): Migration => ({
  id,
  name: `broken ${table}`,
  sqlite: `CREATE TABLE ${table} (k TEXT); SELECT * FROM no_such_table`,
  postgres: `CREATE TABLE ${table} (k TEXT); SELECT * FROM no_such_table`,
});

describe('migration list', () => {
  it('has SQL for both dialects and increasing ids', () => {
    for (const m of MIGRATIONS) {
      expect(m.sqlite.trim()).not.toBe('');
      expect(m.postgres.trim()).not.toBe('');
    }
    expect(pendingMigrations(MIGRATIONS, new Set()).map((m) => m.id)).toEqual(
      MIGRATIONS.map((m) => m.id),
    );
  });

  it('refuses duplicated or reordered ids', () => {
    expect(() => pendingMigrations([probe(2, 'a'), probe(1, 'b')], new Set())).toThrow(
      StorageError,
    );
    expect(() => pendingMigrations([probe(1, 'a'), probe(1, 'b')], new Set())).toThrow(
      /increasing order/,
    );
  });
});

describe('SQLite migrations', () => {
  function file(): string {
    return path.join(tempDataDir(), 'briefdesk.sqlite');
  }

  it('apply once and are idempotent across restarts', async () => {
    const filename = file();
    const db = new Database(filename);
    expect(migrateSqlite(db).applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrateSqlite(db)).toEqual({ applied: [], unknown: [] });
    db.close();
    // The storage runs the same runner on open; restarting changes nothing.
    for (let i = 0; i < 2; i++) await openSqliteStorage({ filename }).close();
    const again = new Database(filename);
    const rows = again.prepare('SELECT id FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    again.close();
  });

  it('roll back a failing migration and keep the ones before it', () => {
    const db = new Database(file());
    expect(() => migrateSqlite(db, [probe(1, 'first'), broken(2, 'second')])).toThrow(
      /Migration 2 \("broken second"\) failed/,
    );
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
    expect(tables).toContain('first');
    expect(tables).not.toContain('second');
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual([{ id: 1 }]);
    // Fixed and run again, it applies.
    expect(migrateSqlite(db, [probe(1, 'first'), probe(2, 'second')]).applied).toEqual([2]);
    db.close();
  });

  it('apply each migration once when two connections migrate one file', () => {
    const filename = file();
    const [a, b] = [new Database(filename), new Database(filename)];
    const list = [probe(1, 'one'), probe(2, 'two')];
    expect(migrateSqlite(a, list.slice(0, 1)).applied).toEqual([1]);
    expect(migrateSqlite(b, list).applied).toEqual([2]);
    expect(migrateSqlite(a, list).applied).toEqual([]);
    a.close();
    b.close();
  });

  it('report migrations a newer release applied', () => {
    const db = new Database(file());
    migrateSqlite(db, [probe(1, 'one'), probe(2, 'two')]);
    expect(migrateSqlite(db, [probe(1, 'one')])).toEqual({ applied: [], unknown: [2] });
    db.close();
  });
});

describe.skipIf(postgresMissing)('PostgreSQL migrations', () => {
  // The first test needs the file's database still empty.
  it('let several instances start at once on an empty database', async () => {
    const logger = createMemoryLogger();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => openPostgresStorage({ connectionString: url, logger })),
    );
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(logger.lines.filter((l) => l.message === 'database migrated')).toHaveLength(1);
    const pool = testPool();
    try {
      const { rows } = await pool.query('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    } finally {
      await pool.end();
    }
  });

  it('are idempotent across restarts', async () => {
    const logger = createMemoryLogger();
    for (let i = 0; i < 3; i++) {
      await (await openPostgresStorage({ connectionString: url, logger })).close();
    }
    expect(logger.lines.filter((l) => l.message === 'database migrated')).toEqual([]);
    const pool = testPool();
    try {
      expect(await migratePostgres(pool)).toEqual({ applied: [], unknown: [] });
    } finally {
      await pool.end();
    }
  });

  it('serialise concurrent runners so each migration runs once', async () => {
    const pool = testPool(10);
    try {
      const list = [...MIGRATIONS, probe(1001, 'probe_a'), probe(1002, 'probe_b')];
      const results = await Promise.all(
        Array.from({ length: 6 }, () => migratePostgres(pool, list)),
      );
      expect(results.flatMap((r) => r.applied).sort()).toEqual([1001, 1002]);
    } finally {
      await pool.end();
    }
  });

  it('roll back a failing migration, record nothing of it, and report unknown ones', async () => {
    const pool = testPool();
    try {
      const list = [...MIGRATIONS, probe(2001, 'probe_c'), broken(2002, 'probe_d')];
      await expect(migratePostgres(pool, list)).rejects.toThrow(
        /Migration 2002 \("broken probe_d"\) failed: relation "no_such_table" does not exist/,
      );
      const { rows } = await pool.query<{ t: string | null }>(
        "SELECT to_regclass('probe_d')::text AS t",
      );
      expect(rows[0].t).toBeNull();
      const fixed = [...MIGRATIONS, probe(2001, 'probe_c'), probe(2002, 'probe_d')];
      expect((await migratePostgres(pool, fixed)).applied).toEqual([2002]);
      // Everything the earlier tests added is unknown to the real list.
      expect((await migratePostgres(pool)).unknown).toEqual([1001, 1002, 2001, 2002]);
    } finally {
      await pool.end();
    }
  });
});
