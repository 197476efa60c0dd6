import path from 'node:path';
import { openSqliteStorage } from '../../server/storage/index.ts';
import { tempDataDir } from '../helpers/server.ts';
import { storageContract } from './contract.ts';

storageContract('SQLite', async () => {
  const filename = path.join(tempDataDir(), 'briefdesk.sqlite');
  return {
    storage: openSqliteStorage({ filename }),
    reopen: async () => openSqliteStorage({ filename }),
  };
});
