/**
 * Chooses the storage from the configuration: PostgreSQL when DATABASE_URL is
 * set (several instances can share it), otherwise the SQLite file in DATA_DIR
 * (one instance). Both migrate their schema before resolving.
 */
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { openPostgresStorage, redactUrl, type PostgresStorage } from './postgres.ts';
import { openSqliteStorage, type SqliteStorage } from './sqlite.ts';

export type StorageConfig = Pick<
  Config,
  'dataDir' | 'sqliteSynchronous' | 'databaseUrl' | 'databasePoolSize'
>;

/** The SQLite file a deployment without DATABASE_URL uses. */
export function sqliteFilename(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'briefdesk.sqlite');
}

export async function openStorage(
  config: StorageConfig,
  logger: Logger,
): Promise<SqliteStorage | PostgresStorage> {
  if (config.databaseUrl) {
    const storage = await openPostgresStorage({
      connectionString: config.databaseUrl,
      poolSize: config.databasePoolSize,
      logger,
    });
    logger.info('storage: PostgreSQL', {
      url: redactUrl(config.databaseUrl),
      poolSize: config.databasePoolSize,
    });
    return storage;
  }
  const filename = sqliteFilename(config);
  const storage = openSqliteStorage({ filename, synchronous: config.sqliteSynchronous });
  logger.info('storage: SQLite', { filename });
  return storage;
}
