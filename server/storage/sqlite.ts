/**
 * SQLite storage (better-sqlite3, WAL). better-sqlite3 is synchronous, which
 * suits the group commit: a batch is one short transaction on the event loop,
 * and "committed" means the WAL frame is written before the promise resolves.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BriefId } from '../../shared/briefId.ts';
import { migrateSqlite } from './migrate.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { filterByTitle } from './titleSearch.ts';
import {
  toBrief,
  toBytes,
  UniqueViolationError,
  type BriefRow,
  type SqlClient,
  type SqlValue,
} from './sql.ts';
import {
  StorageError,
  type BriefPatch,
  type NewBrief,
  type Storage,
  type StoredDocument,
  type UpdateToAppend,
} from './types.ts';

export interface SqliteOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  synchronous?: 'NORMAL' | 'FULL';
}

/** How stale a brief's `updated_at` may be while one person keeps typing. */
const TOUCH_EVERY_MS = 10_000;

export type SqliteStorage = Storage & { readonly sql: SqlClient };

export function openSqliteStorage(options: SqliteOptions): SqliteStorage {
  let db: Database.Database;
  try {
    if (options.filename !== ':memory:') makeDirectory(path.dirname(options.filename));
    db = new Database(options.filename);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`Cannot open the SQLite database ${options.filename}: ${reason}`, {
      cause: error,
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  const checkpointer: Checkpointer | null =
    options.filename === ':memory:' ? null : startCheckpointer(db, options.filename);
  migrateSqlite(db);

  const stmt = {
    list: db.prepare<[], BriefRow>(
      'SELECT * FROM briefs WHERE trashed_at IS NULL ORDER BY updated_at DESC, id',
    ),
    trash: db.prepare<[], BriefRow>(
      'SELECT * FROM briefs WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, id',
    ),
    setTrashed: db.prepare('UPDATE briefs SET trashed_at = ?, trashed_by = ? WHERE id = ?'),
    get: db.prepare<[string], BriefRow>('SELECT * FROM briefs WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO briefs (id, title, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, NULL)',
    ),
    rename: db.prepare('UPDATE briefs SET title = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
    touch: db.prepare('UPDATE briefs SET updated_at = ?, updated_by = ? WHERE id = ?'),
    deleteBrief: db.prepare('DELETE FROM briefs WHERE id = ?'),
    deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE brief_id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM doc_snapshots WHERE brief_id = ?'),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM briefs WHERE id = ?'),
    append: db.prepare(
      'INSERT INTO doc_updates (brief_id, data, author, received_at) VALUES (?, ?, ?, ?)',
    ),
    snapshot: db.prepare<[string], { data: Buffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshots WHERE brief_id = ?',
    ),
    snapshotSeq: db.prepare<[string], { upto_seq: number }>(
      'SELECT upto_seq FROM doc_snapshots WHERE brief_id = ?',
    ),
    updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE brief_id = ? AND seq > ? ORDER BY seq',
    ),
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (brief_id, data, upto_seq, written_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (brief_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq,
       written_at = excluded.written_at WHERE excluded.upto_seq > doc_snapshots.upto_seq`,
    ),
    trimLog: db.prepare('DELETE FROM doc_updates WHERE brief_id = ? AND seq <= ?'),
  };

  // Rewriting a brief's row and its updated_at index entry in every commit
  // would double the pages a one-update commit writes (most of its cost).
  // The list needs the last editor and roughly when, so a brief is touched
  // when its editor changes or TOUCH_EVERY_MS after its last touch.
  const lastTouch = new Map<string, { at: number; author: string }>();
  const appendBatch = db.transaction((batch: readonly UpdateToAppend[]) => {
    const seqs: number[] = [];
    const touched = new Map<string, UpdateToAppend>();
    const known = new Map<string, boolean>();
    for (const u of batch) {
      let exists = known.get(u.briefId);
      if (exists === undefined) {
        exists = stmt.exists.get(u.briefId) !== undefined;
        known.set(u.briefId, exists);
      }
      if (!exists) {
        seqs.push(0);
        continue;
      }
      const info = stmt.append.run(u.briefId, u.data, u.author, u.receivedAt);
      seqs.push(Number(info.lastInsertRowid));
      touched.set(u.briefId, u);
    }
    for (const [id, last] of touched) {
      const before = lastTouch.get(id);
      if (
        before &&
        before.author === (last.author ?? '') &&
        last.receivedAt - before.at < TOUCH_EVERY_MS
      ) {
        continue;
      }
      stmt.touch.run(last.receivedAt, last.author, id);
      lastTouch.set(id, { at: last.receivedAt, author: last.author ?? '' });
    }
    return seqs;
  });

  const removeBrief = db.transaction((id: string) => {
    lastTouch.delete(id);
    stmt.deleteUpdates.run(id);
    stmt.deleteSnapshot.run(id);
    return stmt.deleteBrief.run(id).changes > 0;
  });

  const snapshotTx = db.transaction((id: string, data: Uint8Array, uptoSeq: number) => {
    stmt.upsertSnapshot.run(id, data, uptoSeq, Date.now());
    stmt.trimLog.run(id, uptoSeq);
  });

  // One process serves a SQLite file, so a lock in memory excludes every other holder.
  const lockedBriefs = new Set<BriefId>();
  let closed = false;
  return {
    kind: 'sqlite',
    sql: sqliteClient(db),
    async listBriefs(query) {
      return filterByTitle(stmt.list.all().map(toBrief), query);
    },
    async getBrief(id) {
      const row = stmt.get.get(id);
      return row ? toBrief(row) : null;
    },
    async createBrief(brief: NewBrief) {
      stmt.insert.run(brief.id, brief.title, brief.createdAt, brief.createdAt);
      return toBrief(stmt.get.get(brief.id)!);
    },
    async updateBrief(id: BriefId, patch: BriefPatch) {
      const current = stmt.get.get(id);
      if (!current) return null;
      stmt.rename.run(
        patch.title ?? current.title,
        patch.updatedAt,
        patch.updatedBy === undefined ? current.updated_by : patch.updatedBy,
        id,
      );
      // better-sqlite3 is synchronous: nothing runs between the read and the write.
      return { ...toBrief(stmt.get.get(id)!), previousTitle: current.title };
    },
    async listTrash() {
      return stmt.trash.all().map(toBrief);
    },
    async setTrashed(id, mark) {
      if (stmt.setTrashed.run(mark?.at ?? null, mark?.by ?? null, id).changes === 0) return null;
      return toBrief(stmt.get.get(id)!);
    },
    async deleteBrief(id) {
      return removeBrief(id);
    },
    async loadDocument(id): Promise<StoredDocument> {
      // One read transaction so the snapshot and the log agree.
      return db.transaction(() => {
        const snap = stmt.snapshot.get(id);
        const snapshotSeq = snap?.upto_seq ?? 0;
        const updates = stmt.updatesAfter
          .all(id, snapshotSeq)
          .map((r) => ({ seq: r.seq, data: toBytes(r.data) }));
        return { snapshot: snap ? toBytes(snap.data) : null, snapshotSeq, updates };
      })();
    },
    async loadUpdatesAfter(id, afterSeq): Promise<StoredDocument> {
      return db.transaction(() => {
        const snapshotSeq = stmt.snapshotSeq.get(id)?.upto_seq ?? 0;
        // The snapshot is read only when it holds something past `afterSeq`.
        const snap = snapshotSeq > afterSeq ? stmt.snapshot.get(id) : undefined;
        const updates = stmt.updatesAfter
          .all(id, Math.max(afterSeq, snapshotSeq))
          .map((r) => ({ seq: r.seq, data: toBytes(r.data) }));
        return { snapshot: snap ? toBytes(snap.data) : null, snapshotSeq, updates };
      })();
    },
    async appendUpdates(batch) {
      return appendBatch(batch);
    },
    async writeSnapshot(id, snapshot, uptoSeq) {
      snapshotTx(id, snapshot, uptoSeq);
    },
    async withBriefLock<T>(id: BriefId, fn: () => Promise<T>): Promise<T | null> {
      if (lockedBriefs.has(id)) return null;
      lockedBriefs.add(id);
      try {
        return await fn();
      } finally {
        lockedBriefs.delete(id);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await checkpointer?.stop();
      db.close();
    },
  };
}

/**
 * better-sqlite3 is synchronous; the async shape only matches PostgreSQL's.
 * A transaction body must not await anything but this client's own calls,
 * which resolve without yielding to other work.
 */
function sqliteClient(db: Database.Database): SqlClient {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const wrap = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (error) {
      if (
        error instanceof Error &&
        'code' in error &&
        String(error.code).startsWith('SQLITE_CONSTRAINT_UNIQUE')
      ) {
        return Promise.reject(new UniqueViolationError(error.message));
      }
      if (
        error instanceof Error &&
        'code' in error &&
        error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
      ) {
        return Promise.reject(new UniqueViolationError(error.message));
      }
      return Promise.reject(error);
    }
  };
  const client: SqlClient = {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly SqlValue[] = []) =>
      wrap(() => prepare(sql).all(...params) as T[]),
    one: <T>(sql: string, params: readonly SqlValue[] = []) =>
      wrap(() => prepare(sql).get(...params) as T | undefined),
    run: (sql, params = []) => wrap(() => ({ changes: prepare(sql).run(...params).changes })),
    transaction(fn) {
      // One at a time: two callers that start in the same tick would otherwise
      // both BEGIN, and the second would fail with "cannot start a transaction
      // within a transaction" (two ownership transfers at once, for one).
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inner);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  };
  let queue: Promise<void> = Promise.resolve();
  // A nested call would wait on the queue behind its own transaction for ever: refuse it, as PostgreSQL's client does.
  const inner: SqlClient = {
    ...client,
    transaction: () => Promise.reject(new StorageError('Transactions do not nest.')),
  };
  return client;
}

/**
 * Creates `dir` and whichever of its parents are missing, one level at a
 * time. Not `mkdirSync(dir, { recursive: true })`: under /proc that retries
 * forever on Node 20, and a mistyped DATA_DIR must stop the start with a
 * message, not hang it.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(at);
    } catch (error) {
      const parent = path.dirname(at);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) throw error;
      missing.push(at);
      at = parent;
      continue;
    }
    if (!stat.isDirectory()) throw new Error(`${at} is not a directory`);
    break;
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      // Another process made it meanwhile: just as good.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
