/**
 * PostgreSQL storage (node-postgres with a connection pool), so that several
 * server instances can share one database. It keeps the contract the SQLite
 * storage keeps (test/storage/contract.ts), with concurrency SQLite never has:
 *
 * - A brief's log must grow in commit order. Otherwise a compaction could see
 *   seqs 4..6 while seq 3 is still uncommitted in another instance, write a
 *   snapshot up to 6, and hide 3 for ever. So `appendUpdates` locks the rows of
 *   the briefs it writes (in id order, so two batches cannot deadlock) before
 *   it draws sequence numbers: two writers of one brief draw and commit in the
 *   same order.
 * - `deleteBrief` deletes the brief row first. That waits for appends holding
 *   the row, so the log rows they commit are seen and deleted too, and an
 *   append that waited for the delete finds no brief and drops its updates.
 */
import pg from 'pg';
import type { BriefId } from '../../shared/briefId.ts';
import type { Logger } from '../logger.ts';
import { migratePostgres } from './migrate.ts';
import { filterByTitle } from './titleSearch.ts';
import {
  toBrief,
  toBytes,
  UniqueViolationError,
  type BriefRow,
  type SqlClient,
  type SqlValue,
} from './sql.ts';
import { StorageError, type Storage, type StoredDocument, type UpdateToAppend } from './types.ts';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  connectionString: string;
  /** Connections for queries (DATABASE_POOL_SIZE); brief locks have their own. */
  poolSize?: number;
  logger: Logger;
}

export type PostgresStorage = Storage & {
  readonly sql: SqlClient;
  withBriefLock<T>(briefId: BriefId, fn: () => Promise<T>): Promise<T | null>;
};

/**
 * Lock holders wait for `fn` on connections of their own, so holders can never
 * take every query connection and leave their own `fn` (or the commit queue)
 * waiting for one. More holders than this queue for a lock connection.
 */
const LOCK_CONNECTIONS = 4;
const INT8_OID = 20;
const BRIEF_COLUMNS = 'id, title, created_at, updated_at, updated_by, trashed_at, trashed_by';

/**
 * BIGINT arrives as a number, as `SqlClient` promises: epoch milliseconds and
 * sequence numbers stay far below 2^53. Set per pool, not on pg's global
 * parsers, so nothing else in the process is affected.
 */
const getTypeParser: pg.CustomTypesConfig['getTypeParser'] = (oid, format) =>
  oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format);

export async function openPostgresStorage(options: PostgresOptions): Promise<PostgresStorage> {
  const { logger } = options;
  const common: pg.PoolConfig = {
    connectionString: options.connectionString,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // A hung statement would stall the commit queue; failing lets the queue retry.
    statement_timeout: 60_000,
    application_name: 'briefdesk',
    types: { getTypeParser },
  };
  const pool = new pg.Pool({ ...common, max: options.poolSize ?? 10 });
  const lockPool = new pg.Pool({ ...common, max: LOCK_CONNECTIONS });
  // An idle connection the server drops emits 'error' on its pool; unhandled, that would end the process.
  pool.on('error', (error) => logger.error('PostgreSQL connection lost', { pool: 'query', error }));
  lockPool.on('error', (error) =>
    logger.error('PostgreSQL connection lost', { pool: 'lock', error }),
  );
  try {
    const migrated = await migratePostgres(pool);
    if (migrated.applied.length) logger.info('database migrated', { applied: migrated.applied });
    if (migrated.unknown.length) {
      logger.warn('database has migrations this release does not know', {
        unknown: migrated.unknown,
      });
    }
    const { rows } = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    if (rows[0]?.synchronous_commit === 'off') {
      logger.warn(
        'synchronous_commit is off: a PostgreSQL crash can lose committed updates, which breaks the durability promise',
      );
    }
  } catch (error) {
    await Promise.allSettled([pool.end(), lockPool.end()]);
    throw wrap('open', error);
  }
  return createStorage(pool, lockPool, logger);
}

function createStorage(pool: pg.Pool, lockPool: pg.Pool, logger: Logger): PostgresStorage {
  async function query<R extends pg.QueryResultRow>(
    op: string,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw wrap(op, error);
    }
  }

  /**
   * For statements that are safe to repeat. After a database restart or
   * failover every idle pooled connection is dead, and the pool learns so
   * only by using it; a read retries on the next connection rather than fail.
   */
  async function idempotent<R extends pg.QueryResultRow>(
    op: string,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pool.query<R>(text, values);
      } catch (error) {
        if (attempt > pool.options.max || !isConnectionLost(error)) throw wrap(op, error);
        logger.debug('PostgreSQL connection was lost; retrying', { op, attempt, error });
      }
    }
  }

  /**
   * Runs `fn` on a checked-out client. A checked-out client has no 'error'
   * listener of the pool's, so we add one; a client that failed is destroyed
   * rather than returned to the pool.
   */
  async function withClient<T>(
    from: pg.Pool,
    op: string,
    fn: (client: pg.PoolClient, discard: () => void) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await from.connect();
    } catch (error) {
      throw wrap(op, error);
    }
    let broken = false;
    const onError = (error: Error) => {
      broken = true;
      logger.warn('PostgreSQL connection lost while in use', { op, error });
    };
    client.on('error', onError);
    try {
      return await fn(client, () => (broken = true));
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * One transaction. A COMMIT whose answer is lost may still have committed;
   * the caller then sees an error and retries, storing Yjs updates twice,
   * which Yjs ignores. Nothing is lost either way.
   */
  function transaction<T>(
    op: string,
    fn: (client: pg.PoolClient) => Promise<T>,
    /** A caller's own errors from `fn` reach it unchanged (SqlClient: its queries wrap theirs). */
    passBodyErrors = false,
  ): Promise<T> {
    return withClient(pool, op, async (client, discard) => {
      let inBody = false;
      try {
        await client.query('BEGIN');
        inBody = true;
        const result = await fn(client);
        inBody = false;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(discard);
        throw inBody && passBodyErrors ? error : wrap(op, error);
      }
    });
  }

  const sqlOnPool = sqlClient(
    (text, values) => pool.query(text, values),
    (fn) =>
      transaction(
        'transaction',
        (client) =>
          fn(
            sqlClient(
              (text, values) => client.query(text, values),
              () => Promise.reject(new StorageError('Transactions do not nest.')),
            ),
          ),
        true,
      ),
  );

  let closed = false;
  return {
    kind: 'postgres',
    sql: sqlOnPool,

    async listBriefs(query) {
      // COLLATE "C" orders ids bytewise, as SQLite does, whatever the database's locale.
      const { rows } = await idempotent<BriefRow>(
        'listBriefs',
        `SELECT ${BRIEF_COLUMNS} FROM briefs WHERE trashed_at IS NULL
         ORDER BY updated_at DESC, id COLLATE "C"`,
      );
      return filterByTitle(rows.map(toBrief), query);
    },

    async listTrash() {
      const { rows } = await idempotent<BriefRow>(
        'listTrash',
        `SELECT ${BRIEF_COLUMNS} FROM briefs WHERE trashed_at IS NOT NULL
         ORDER BY trashed_at DESC, id COLLATE "C"`,
      );
      return rows.map(toBrief);
    },

    async setTrashed(id, mark) {
      const { rows } = await idempotent<BriefRow>(
        'setTrashed',
        `UPDATE briefs SET trashed_at = $2, trashed_by = $3 WHERE id = $1 RETURNING ${BRIEF_COLUMNS}`,
        [id, mark?.at ?? null, mark?.by ?? null],
      );
      return rows[0] ? toBrief(rows[0]) : null;
    },

    async getBrief(id) {
      const { rows } = await idempotent<BriefRow>(
        'getBrief',
        `SELECT ${BRIEF_COLUMNS} FROM briefs WHERE id = $1`,
        [id],
      );
      return rows[0] ? toBrief(rows[0]) : null;
    },

    async createBrief(brief) {
      const { rows } = await query<BriefRow>(
        'createBrief',
        `INSERT INTO briefs (id, title, created_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $3, NULL) RETURNING ${BRIEF_COLUMNS}`,
        [brief.id, brief.title, brief.createdAt],
      );
      return toBrief(rows[0]);
    },

    async updateBrief(id, patch) {
      // The row is locked before its title is read: a rename that waited for
      // another reads the title that one left.
      return transaction('updateBrief', async (client) => {
        const before = await client.query<{ title: string }>(
          'SELECT title FROM briefs WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (before.rows.length === 0) return null;
        const { rows } = await client.query<BriefRow>(
          `UPDATE briefs SET title = COALESCE($2, title), updated_at = $3,
             updated_by = CASE WHEN $4::boolean THEN $5 ELSE updated_by END
           WHERE id = $1 RETURNING ${BRIEF_COLUMNS}`,
          [
            id,
            patch.title ?? null,
            patch.updatedAt,
            patch.updatedBy !== undefined,
            patch.updatedBy,
          ],
        );
        return { ...toBrief(rows[0]), previousTitle: before.rows[0].title };
      });
    },

    async deleteBrief(id) {
      return transaction('deleteBrief', async (client) => {
        const deleted = await client.query('DELETE FROM briefs WHERE id = $1', [id]);
        await client.query('DELETE FROM doc_updates WHERE brief_id = $1', [id]);
        await client.query('DELETE FROM doc_snapshots WHERE brief_id = $1', [id]);
        return (deleted.rowCount ?? 0) > 0;
      });
    },

    async loadDocument(id): Promise<StoredDocument> {
      // One statement sees one snapshot of the database, so the snapshot and the log agree.
      const { rows } = await idempotent<{ part: number; seq: number; data: Buffer }>(
        'loadDocument',
        `WITH snap AS (SELECT data, upto_seq FROM doc_snapshots WHERE brief_id = $1)
         SELECT 0 AS part, upto_seq AS seq, data FROM snap
         UNION ALL
         SELECT 1, seq, data FROM doc_updates
         WHERE brief_id = $1 AND seq > COALESCE((SELECT upto_seq FROM snap), 0)
         ORDER BY part, seq`,
        [id],
      );
      const snap = rows[0]?.part === 0 ? rows[0] : null;
      return {
        snapshot: snap ? toBytes(snap.data) : null,
        snapshotSeq: snap?.seq ?? 0,
        updates: rows
          .filter((r) => r.part === 1)
          .map((r) => ({ seq: r.seq, data: toBytes(r.data) })),
      };
    },

    async loadUpdatesAfter(id, afterSeq): Promise<StoredDocument> {
      // One statement, as in loadDocument; the snapshot's bytes only travel when needed.
      const { rows } = await idempotent<{ part: number; seq: number; data: Buffer | null }>(
        'loadUpdatesAfter',
        `WITH snap AS (SELECT data, upto_seq FROM doc_snapshots WHERE brief_id = $1)
         SELECT 0 AS part, upto_seq AS seq, CASE WHEN upto_seq > $2 THEN data END AS data FROM snap
         UNION ALL
         SELECT 1, seq, data FROM doc_updates
         WHERE brief_id = $1 AND seq > GREATEST($2, COALESCE((SELECT upto_seq FROM snap), 0))
         ORDER BY part, seq`,
        [id, afterSeq],
      );
      const snap = rows[0]?.part === 0 ? rows[0] : null;
      return {
        snapshot: snap?.data ? toBytes(snap.data) : null,
        snapshotSeq: snap?.seq ?? 0,
        updates: rows.flatMap((r) =>
          r.part === 1 && r.data ? [{ seq: r.seq, data: toBytes(r.data) }] : [],
        ),
      };
    },

    async appendUpdates(batch) {
      if (batch.length === 0) return [];
      return transaction('appendUpdates', async (client) => {
        const ids = [...new Set(batch.map((u) => u.briefId))];
        const found = await client.query<{ id: string }>(
          `SELECT id FROM briefs WHERE id = ANY($1::text[])
           ORDER BY id COLLATE "C" FOR NO KEY UPDATE`,
          [ids],
        );
        const existing = new Set(found.rows.map((r) => r.id));
        const kept = batch.filter((u) => existing.has(u.briefId));
        if (kept.length === 0) return batch.map(() => 0);
        // Drawn, then sorted: the batch's order is the log's order, whatever order nextval ran in.
        const drawn = await client.query<{ seq: number }>(
          `SELECT nextval(pg_get_serial_sequence('doc_updates', 'seq')) AS seq
           FROM generate_series(1, $1::int)`,
          [kept.length],
        );
        const seqs = drawn.rows.map((r) => r.seq).sort((a, b) => a - b);
        const last = new Map<string, UpdateToAppend>();
        for (const u of kept) last.set(u.briefId, u);
        await client.query(
          `WITH appended AS (
             INSERT INTO doc_updates (seq, brief_id, data, author, received_at)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::text[], $5::bigint[])
           )
           UPDATE briefs SET updated_at = t.updated_at, updated_by = t.updated_by
           FROM unnest($6::text[], $7::bigint[], $8::text[]) AS t(id, updated_at, updated_by)
           WHERE briefs.id = t.id`,
          [
            seqs,
            kept.map((u) => u.briefId),
            kept.map((u) => u.data),
            kept.map((u) => u.author),
            kept.map((u) => u.receivedAt),
            [...last.keys()],
            [...last.values()].map((u) => u.receivedAt),
            [...last.values()].map((u) => u.author),
          ],
        );
        let next = 0;
        return batch.map((u) => (existing.has(u.briefId) ? seqs[next++] : 0));
      });
    },

    async writeSnapshot(id, snapshot, uptoSeq) {
      await transaction('writeSnapshot', async (client) => {
        // KEY SHARE lets appends go on but makes a concurrent delete wait, so no
        // snapshot outlives its brief.
        const brief = await client.query('SELECT 1 FROM briefs WHERE id = $1 FOR KEY SHARE', [id]);
        if (brief.rowCount === 0) return;
        await client.query(
          `INSERT INTO doc_snapshots (brief_id, data, upto_seq, written_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (brief_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq,
             written_at = excluded.written_at
           WHERE doc_snapshots.upto_seq < excluded.upto_seq`,
          [id, snapshot, uptoSeq, Date.now()],
        );
        await client.query('DELETE FROM doc_updates WHERE brief_id = $1 AND seq <= $2', [
          id,
          uptoSeq,
        ]);
      });
    },

    /**
     * A session-level advisory lock on a connection of its own: it outlives
     * the transactions `fn` runs, and ends with the session, so a crashed
     * instance cannot keep it.
     */
    async withBriefLock<T>(id: BriefId, fn: () => Promise<T>): Promise<T | null> {
      const key = `briefdesk:${id}`;
      return withClient(lockPool, 'withBriefLock', async (client, discard) => {
        let locked: boolean;
        try {
          const { rows } = await client.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
            [key],
          );
          locked = rows[0].locked;
        } catch (error) {
          discard();
          throw wrap('withBriefLock', error);
        }
        if (!locked) return null;
        try {
          return await fn();
        } finally {
          // A session that may still hold the lock must not go back to the pool: destroy it.
          try {
            const { rows } = await client.query<{ unlocked: boolean }>(
              'SELECT pg_advisory_unlock(hashtext($1)) AS unlocked',
              [key],
            );
            if (!rows[0].unlocked) discard();
          } catch {
            discard();
          }
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

type Exec = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

/** The dialect-neutral client of sql.ts: `?` placeholders, integers as numbers. */
function sqlClient(
  exec: Exec,
  transaction: <T>(fn: (tx: SqlClient) => Promise<T>) => Promise<T>,
): SqlClient {
  const run = async (text: string, params: readonly SqlValue[]) => {
    try {
      return await exec(numberPlaceholders(text), [...params]);
    } catch (error) {
      throw wrap('query', error);
    }
  };
  return {
    dialect: 'postgres',
    // The caller names the row type, as with better-sqlite3; nothing checks it at run time.
    all: async <T>(text: string, params: readonly SqlValue[] = []) =>
      (await run(text, params)).rows as T[],
    one: async <T>(text: string, params: readonly SqlValue[] = []) =>
      (await run(text, params)).rows[0] as T | undefined,
    run: async (text, params = []) => ({ changes: (await run(text, params)).rowCount ?? 0 }),
    transaction,
  };
}

const numbered = new Map<string, string>();

/** `?` → `$1, $2, …`, leaving quoted strings, quoted identifiers and comments alone. */
export function numberPlaceholders(text: string): string {
  const cached = numbered.get(text);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let end = i + 1;
    if (c === "'" || c === '"') {
      end = text.indexOf(c, i + 1);
      // A doubled quote is an escaped quote inside the same literal.
      while (end !== -1 && text[end + 1] === c) end = text.indexOf(c, end + 2);
      end = end === -1 ? text.length : end + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      end = text.indexOf('\n', i);
      if (end === -1) end = text.length;
    } else if (c === '/' && text[i + 1] === '*') {
      end = text.indexOf('*/', i + 2);
      end = end === -1 ? text.length : end + 2;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
      continue;
    }
    out += text.slice(i, end);
    i = end;
  }
  // Queries are literals in the code, so this stays small; the bound guards against one that is not.
  if (numbered.size > 1000) numbered.clear();
  numbered.set(text, out);
  return out;
}

interface PgError extends Error {
  code?: string;
}

/** admin_shutdown, crash_shutdown, and the ways node-postgres reports a dead socket. */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as PgError).code;
  if (code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE')
    return true;
  return /Connection terminated|not queryable/i.test(error.message);
}

function wrap(op: string, error: unknown): Error {
  if (error instanceof StorageError || error instanceof UniqueViolationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as PgError | null)?.code === '23505') return new UniqueViolationError(message);
  return new StorageError(`PostgreSQL ${op} failed: ${message}`, { cause: error });
}

/** For log lines and CLI output: the URL without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
