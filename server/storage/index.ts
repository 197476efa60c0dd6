export type {
  Storage,
  BriefRecord,
  NewBrief,
  BriefPatch,
  StoredDocument,
  StoredUpdate,
  UpdateToAppend,
  TrashMark,
} from './types.ts';
export { StorageError } from './types.ts';
export { openSqliteStorage, type SqliteOptions, type SqliteStorage } from './sqlite.ts';
export { UniqueViolationError, type SqlClient, type SqlValue } from './sql.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export {
  openPostgresStorage,
  redactUrl,
  type PostgresOptions,
  type PostgresStorage,
} from './postgres.ts';
export { openStorage, sqliteFilename, type StorageConfig } from './open.ts';
export {
  migratePostgres,
  migrateSqlite,
  pendingMigrations,
  type MigrationResult,
} from './migrate.ts';
