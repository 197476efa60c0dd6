/**
 * The two databases a storage-level test runs on, for `describe.each`: the
 * name, why it is skipped (null: it runs; in CI PostgreSQL must be there),
 * and how to open a fresh storage on it.
 */
import path from 'node:path';
import { createMemoryLogger } from '../../server/logger.ts';
import {
  openPostgresStorage,
  openSqliteStorage,
  type Storage,
} from '../../server/storage/index.ts';
import { tempDataDir } from './server.ts';
import { checkPostgres, postgresUrl, requireService } from './services.ts';

export type Dialect = [name: string, missing: string | null, open: () => Promise<Storage>];

export async function storageDialects(
  /** The SQLite file's name in a fresh data directory. */
  sqliteFile: string,
  poolSize = 2,
): Promise<Dialect[]> {
  const postgresMissing = await requireService('PostgreSQL', checkPostgres);
  const url = postgresMissing ? '' : await postgresUrl();
  return [
    [
      'SQLite',
      null,
      async () => openSqliteStorage({ filename: path.join(tempDataDir(), sqliteFile) }),
    ],
    [
      'PostgreSQL',
      postgresMissing,
      () => openPostgresStorage({ connectionString: url, poolSize, logger: createMemoryLogger() }),
    ],
  ];
}
