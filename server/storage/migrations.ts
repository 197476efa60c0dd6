/**
 * Schema migrations, one list for every dialect, applied in order on start
 * and recorded in `schema_migrations`. A migration is never edited once it has
 * shipped; a change is a new entry.
 */
export interface Migration {
  id: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'briefs and document log',
    sqlite: `
      CREATE TABLE briefs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
      CREATE INDEX briefs_updated_at ON briefs (updated_at DESC);
      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id TEXT NOT NULL,
        data BLOB NOT NULL,
        author TEXT,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX doc_updates_brief ON doc_updates (brief_id, seq);
      CREATE TABLE doc_snapshots (
        brief_id TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        upto_seq INTEGER NOT NULL,
        written_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE briefs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT
      );
      CREATE INDEX briefs_updated_at ON briefs (updated_at DESC);
      CREATE TABLE doc_updates (
        seq BIGSERIAL PRIMARY KEY,
        brief_id TEXT NOT NULL,
        data BYTEA NOT NULL,
        author TEXT,
        received_at BIGINT NOT NULL
      );
      CREATE INDEX doc_updates_brief ON doc_updates (brief_id, seq);
      CREATE TABLE doc_snapshots (
        brief_id TEXT PRIMARY KEY,
        data BYTEA NOT NULL,
        upto_seq BIGINT NOT NULL,
        written_at BIGINT NOT NULL
      );`,
  },
];
