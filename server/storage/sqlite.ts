/**
 * SQLite storage (better-sqlite3, WAL). better-sqlite3 is synchronous, which
 * suits the group commit: a batch is one short transaction on the event loop,
 * and "committed" means the WAL frame is written before the promise resolves.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BriefId } from '../../shared/briefId.ts';
import { MIGRATIONS } from './migrations.ts';
import type {
  BriefPatch,
  BriefRecord,
  NewBrief,
  Storage,
  StoredDocument,
  UpdateToAppend,
} from './types.ts';

interface BriefRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

export interface SqliteOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  synchronous?: 'NORMAL' | 'FULL';
}

export function openSqliteStorage(options: SqliteOptions): Storage {
  if (options.filename !== ':memory:') {
    fs.mkdirSync(path.dirname(options.filename), { recursive: true });
  }
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const stmt = {
    list: db.prepare<[], BriefRow>('SELECT * FROM briefs ORDER BY updated_at DESC, id'),
    search: db.prepare<[string], BriefRow>(
      "SELECT * FROM briefs WHERE title LIKE ? ESCAPE '\\' COLLATE NOCASE ORDER BY updated_at DESC, id",
    ),
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
    for (const [id, last] of touched) stmt.touch.run(last.receivedAt, last.author, id);
    return seqs;
  });

  const removeBrief = db.transaction((id: string) => {
    stmt.deleteUpdates.run(id);
    stmt.deleteSnapshot.run(id);
    return stmt.deleteBrief.run(id).changes > 0;
  });

  const snapshotTx = db.transaction((id: string, data: Uint8Array, uptoSeq: number) => {
    stmt.upsertSnapshot.run(id, data, uptoSeq, Date.now());
    stmt.trimLog.run(id, uptoSeq);
  });

  let closed = false;
  return {
    kind: 'sqlite',
    async listBriefs(query) {
      const rows = query?.trim()
        ? stmt.search.all(`%${escapeLike(query.trim())}%`)
        : stmt.list.all();
      return rows.map(toBrief);
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
          .map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }));
        return { snapshot: snap ? new Uint8Array(snap.data) : null, snapshotSeq, updates };
      })();
    },
    async appendUpdates(batch) {
      return appendBatch(batch);
    },
    async writeSnapshot(id, snapshot, uptoSeq) {
      snapshotTx(id, snapshot, uptoSeq);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { id: number }>('SELECT id FROM schema_migrations')
      .all()
      .map((r) => r.id),
  );
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
        m.id,
        m.name,
        Date.now(),
      );
    })();
  }
}

function toBrief(row: BriefRow): BriefRecord {
  return {
    id: row.id as BriefId,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
