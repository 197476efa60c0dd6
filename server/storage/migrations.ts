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
  {
    id: 2,
    name: 'accounts, sessions, brief members, audit log, access changes',
    sqlite: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        revoked_at INTEGER,
        address TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE brief_members (
        brief_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        added_by TEXT,
        PRIMARY KEY (brief_id, user_id)
      );
      CREATE INDEX brief_members_user ON brief_members (user_id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        action TEXT NOT NULL,
        brief_id TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
      CREATE TABLE access_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id TEXT,
        brief_id TEXT
      );`,
    postgres: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        revoked_at BIGINT,
        address TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE brief_members (
        brief_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        added_by TEXT,
        PRIMARY KEY (brief_id, user_id)
      );
      CREATE INDEX brief_members_user ON brief_members (user_id);
      CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        action TEXT NOT NULL,
        brief_id TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
      CREATE TABLE access_changes (
        seq BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        user_id TEXT,
        brief_id TEXT
      );`,
  },
  {
    id: 3,
    name: 'revisions, client authors, approvals',
    sqlite: `
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        created_by TEXT,
        state_vector BLOB NOT NULL,
        deletions BLOB NOT NULL,
        checkpoint BLOB,
        authors TEXT NOT NULL,
        attribution TEXT NOT NULL,
        words_added INTEGER NOT NULL,
        words_removed INTEGER NOT NULL,
        content_hash TEXT NOT NULL
      );
      CREATE INDEX revisions_brief ON revisions (brief_id, id);
      CREATE TABLE client_authors (
        brief_id TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (brief_id, client_id)
      );
      CREATE TABLE approvals (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id TEXT NOT NULL,
        revision_id INTEGER NOT NULL,
        approver_id TEXT NOT NULL,
        approved_at INTEGER NOT NULL,
        content_hash TEXT NOT NULL
      );
      CREATE INDEX approvals_brief ON approvals (brief_id, id);`,
    postgres: `
      CREATE TABLE revisions (
        id BIGSERIAL PRIMARY KEY,
        brief_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        created_by TEXT,
        state_vector BYTEA NOT NULL,
        deletions BYTEA NOT NULL,
        checkpoint BYTEA,
        authors TEXT NOT NULL,
        attribution TEXT NOT NULL,
        words_added INTEGER NOT NULL,
        words_removed INTEGER NOT NULL,
        content_hash TEXT NOT NULL
      );
      CREATE INDEX revisions_brief ON revisions (brief_id, id);
      CREATE TABLE client_authors (
        brief_id TEXT NOT NULL,
        client_id BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (brief_id, client_id)
      );
      CREATE TABLE approvals (
        id BIGSERIAL PRIMARY KEY,
        brief_id TEXT NOT NULL,
        revision_id BIGINT NOT NULL,
        approver_id TEXT NOT NULL,
        approved_at BIGINT NOT NULL,
        content_hash TEXT NOT NULL
      );
      CREATE INDEX approvals_brief ON approvals (brief_id, id);`,
  },
  {
    id: 4,
    name: 'sources, settings, brief marking',
    sqlite: `
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        filename TEXT,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        chars INTEGER NOT NULL,
        extracted TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE briefs ADD COLUMN marking TEXT;`,
    postgres: `
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        filename TEXT,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        chars INTEGER NOT NULL,
        extracted TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        created_by TEXT
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE briefs ADD COLUMN marking TEXT;`,
  },
  {
    id: 5,
    name: 'sign-in failures, shared by every instance',
    sqlite: `
      CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX login_failures_key_at ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);`,
    postgres: `
      CREATE TABLE login_failures (key TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX login_failures_key_at ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);`,
  },
  {
    id: 6,
    name: 'what a restore brought back, so that its reader names it',
    sqlite: `ALTER TABLE revisions ADD COLUMN restored_from TEXT;`,
    postgres: `ALTER TABLE revisions ADD COLUMN restored_from TEXT;`,
  },
  {
    id: 7,
    name: 'whether a revision changed formatting',
    sqlite: `ALTER TABLE revisions ADD COLUMN formatting_changed INTEGER NOT NULL DEFAULT 0;`,
    postgres: `ALTER TABLE revisions ADD COLUMN formatting_changed INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    id: 8,
    name: 'trash: briefs moved to the trash keep everything until purged',
    sqlite: `
      ALTER TABLE briefs ADD COLUMN trashed_at INTEGER;
      ALTER TABLE briefs ADD COLUMN trashed_by TEXT;`,
    postgres: `
      ALTER TABLE briefs ADD COLUMN trashed_at BIGINT;
      ALTER TABLE briefs ADD COLUMN trashed_by TEXT;`,
  },
];
