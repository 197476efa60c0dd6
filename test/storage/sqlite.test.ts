import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newBriefId } from '../../shared/briefId.ts';
import { openSqliteStorage, StorageError } from '../../server/storage/index.ts';
import { tempDataDir } from '../helpers/server.ts';
import { storageContract } from './contract.ts';

storageContract('SQLite', async () => {
  const filename = path.join(tempDataDir(), 'briefdesk.sqlite');
  return {
    storage: openSqliteStorage({ filename }),
    reopen: async () => openSqliteStorage({ filename }),
  };
});

describe('SQLite brief touches', () => {
  it('records a new editor at once, and the same editor at most every ten seconds', async () => {
    const storage = openSqliteStorage({ filename: path.join(tempDataDir(), 'briefdesk.sqlite') });
    try {
      const id = newBriefId();
      await storage.createBrief({ id, title: 'Touch', createdAt: 1000 });
      const append = (author: string, receivedAt: number) =>
        storage.appendUpdates([{ briefId: id, data: new Uint8Array([0, 0]), author, receivedAt }]);
      const updated = async () => {
        const b = await storage.getBrief(id);
        return [b?.updatedBy, b?.updatedAt];
      };
      await append('Ana', 2000);
      expect(await updated()).toEqual(['Ana', 2000]);
      await append('Ana', 9000);
      expect(await updated()).toEqual(['Ana', 2000]);
      await append('Ben', 9500);
      expect(await updated()).toEqual(['Ben', 9500]);
      await append('Ben', 19_500);
      expect(await updated()).toEqual(['Ben', 19_500]);
    } finally {
      await storage.close();
    }
  });
});

describe('SQLite data directory', () => {
  it('creates missing parent directories', async () => {
    const filename = path.join(tempDataDir(), 'a', 'b', 'briefdesk.sqlite');
    const storage = openSqliteStorage({ filename });
    try {
      expect(fs.statSync(path.dirname(filename)).isDirectory()).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('refuses a file in the way with a StorageError naming the database', () => {
    const file = path.join(tempDataDir(), 'taken');
    fs.writeFileSync(file, 'x');
    const filename = path.join(file, 'data', 'briefdesk.sqlite');
    let caught: unknown;
    try {
      openSqliteStorage({ filename });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as Error).message).toContain(`Cannot open the SQLite database ${filename}`);
    expect((caught as Error).message).toMatch(/not a directory/);
  });
});
