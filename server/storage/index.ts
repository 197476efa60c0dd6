export type {
  Storage,
  BriefRecord,
  NewBrief,
  BriefPatch,
  StoredDocument,
  StoredUpdate,
  UpdateToAppend,
} from './types.ts';
export { StorageError } from './types.ts';
export { openSqliteStorage, type SqliteOptions } from './sqlite.ts';
export { MIGRATIONS } from './migrations.ts';
