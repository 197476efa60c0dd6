/**
 * The storage contract on PostgreSQL, plus what only a shared database has:
 * several instances at once, locks across them, and connections that die.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import {
  openPostgresStorage,
  StorageError,
  UniqueViolationError,
  type PostgresStorage,
} from '../../server/storage/index.ts';
import { numberPlaceholders } from '../../server/storage/postgres.ts';
import { checkPostgres, postgresUrl, requireService, withAdmin } from '../helpers/services.ts';
import { storageContract } from './contract.ts';

const postgresMissing = await requireService('PostgreSQL', checkPostgres);
const url = postgresMissing ? '' : await postgresUrl();

function open(logger = createMemoryLogger()): Promise<PostgresStorage> {
  return openPostgresStorage({ connectionString: url, poolSize: 4, logger });
}

describe.skipIf(postgresMissing)('PostgreSQL', () => {
  storageContract('PostgreSQL', async () => {
    const storage = await open();
    // One database per file: each contract case starts from empty tables.
    await storage.sql.run('TRUNCATE briefs, doc_updates, doc_snapshots');
    return { storage, reopen: () => open() };
  });

  describe('PostgreSQL storage across instances', () => {
    const opened: PostgresStorage[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    async function instance(logger = createMemoryLogger()): Promise<PostgresStorage> {
      const storage = await open(logger);
      opened.push(storage);
      return storage;
    }
    async function brief(storage: PostgresStorage): Promise<BriefId> {
      const id = newBriefId();
      await storage.createBrief({ id, title: 'Shared', createdAt: Date.now() });
      return id;
    }

    it('lets one instance at a time hold a brief lock', async () => {
      const [one, two] = [await instance(), await instance()];
      const id = await brief(one);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = one.withBriefLock(id, async () => {
        entered();
        await held;
        return 1;
      });
      await inside;
      expect(await two.withBriefLock(id, async () => 2)).toBeNull();
      release();
      expect(await first).toBe(1);
      expect(await two.withBriefLock(id, async () => 2)).toBe(2);
    });

    it('releases a lock whose connection is killed, without crashing its holder', async () => {
      const logger = createMemoryLogger();
      const [one, two] = [await instance(logger), await instance()];
      const id = await brief(one);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = one.withBriefLock(id, async () => {
        entered();
        await held;
        return 'finished anyway';
      });
      await inside;
      expect(await two.withBriefLock(id, async () => 'stolen')).toBeNull();

      const killed = await withAdmin(url, async (client) => {
        const { rows } = await client.query<{ pid: number }>(
          `SELECT l.pid FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext($1)::bigint`,
          [`briefdesk:${id}`],
        );
        expect(rows).toHaveLength(1);
        await client.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        return rows[0].pid;
      });
      expect(killed).toBeGreaterThan(0);

      // The session ended, so the lock is free although its holder has not finished.
      await expect.poll(() => two.withBriefLock(id, async () => 'taken over')).toBe('taken over');
      release();
      expect(await first).toBe('finished anyway');
      // The holder's instance carries on, with a fresh connection.
      expect(await one.withBriefLock(id, async () => 'again')).toBe('again');
      expect(logger.lines.some((l) => l.message.includes('connection lost'))).toBe(true);
    });

    it('survives its idle connections being killed, logging and replacing them', async () => {
      const logger = createMemoryLogger();
      const storage = await instance(logger);
      const id = await brief(storage);
      const kill = () =>
        withAdmin(url, async (client) => {
          const { rows } = await client.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'briefdesk' AND state = 'idle'`,
          );
          return rows.length;
        });
      await Promise.all([1, 2, 3].map(() => storage.getBrief(id)));
      const killed = await kill();
      expect(killed).toBeGreaterThan(0);
      // Idle connections report their end on the pool; unhandled, that would end the process.
      const lost = () => logger.lines.filter((l) => l.message === 'PostgreSQL connection lost');
      await expect.poll(() => lost().length).toBe(killed);
      expect((await storage.getBrief(id))?.title).toBe('Shared');
    });

    it('retries a read whose connection is killed mid-query', async () => {
      const logger = createMemoryLogger();
      const storage = await instance(logger);
      const id = await brief(storage);
      await withAdmin(url, async (admin) => {
        const blocked = async () =>
          (
            await admin.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
               AND application_name = 'briefdesk' AND wait_event_type = 'Lock'`,
            )
          ).rows;
        // The read waits behind this lock, so its connection can be killed while it runs.
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE doc_snapshots IN ACCESS EXCLUSIVE MODE');
        const read = storage.loadDocument(id);
        await expect.poll(async () => (await blocked()).length).toBe(1);
        await admin.query('SELECT pg_terminate_backend($1)', [(await blocked())[0].pid]);
        await expect
          .poll(() => logger.lines.some((l) => l.message.includes('lost; retrying')))
          .toBe(true);
        await admin.query('COMMIT');
        expect(await read).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
      });
    });

    it('keeps every update while two instances append and compact one brief', async () => {
      const [one, two] = [await instance(), await instance()];
      const id = await brief(one);
      const writers = [one, two].map(async (storage, w) => {
        const doc = new Y.Doc();
        for (let i = 0; i < 40; i++) {
          const before = Y.encodeStateVector(doc);
          doc.getArray<string>('items').push([`w${w}-${i}`]);
          const data = Y.encodeStateAsUpdate(doc, before);
          await storage.appendUpdates([{ briefId: id, data, author: `w${w}`, receivedAt: i }]);
        }
      });
      let compacting = true;
      const compactor = (async () => {
        while (compacting) {
          for (const storage of [one, two]) {
            await storage.withBriefLock(id, async () => {
              const stored = await storage.loadDocument(id);
              if (stored.updates.length === 0) return;
              const parts = stored.snapshot ? [stored.snapshot] : [];
              for (const u of stored.updates) parts.push(u.data);
              const upto = stored.updates[stored.updates.length - 1].seq;
              await storage.writeSnapshot(id, Y.mergeUpdates(parts), upto);
            });
          }
        }
      })();
      await Promise.all(writers);
      compacting = false;
      await compactor;
      const stored = await two.loadDocument(id);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.data);
      expect(doc.getArray('items').length).toBe(80);
    });

    it('drops appends racing a delete and leaves no rows behind', async () => {
      const [one, two] = [await instance(), await instance()];
      const id = await brief(one);
      const appends = Array.from({ length: 20 }, (_, i) =>
        one.appendUpdates([
          { briefId: id, data: new Uint8Array([i]), author: null, receivedAt: i },
        ]),
      );
      const deleted = two.deleteBrief(id);
      await Promise.all([...appends, deleted]);
      expect(await deleted).toBe(true);
      const left = await one.sql.one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM doc_updates WHERE brief_id = ?',
        [id],
      );
      expect(left?.n).toBe(0);
    });
  });

  describe('PostgreSQL SqlClient', () => {
    it('numbers placeholders outside literals, identifiers and comments', () => {
      expect(numberPlaceholders(`SELECT ? AS "a?", '?''?' -- ?\n, ? /* ? */ , ?`)).toBe(
        `SELECT $1 AS "a?", '?''?' -- ?\n, $2 /* ? */ , $3`,
      );
    });

    it('runs queries with ? placeholders, maps unique violations and rolls back', async () => {
      const storage = await open();
      try {
        const { sql } = storage;
        await sql.run('CREATE TABLE IF NOT EXISTS sql_probe (k TEXT PRIMARY KEY, n BIGINT)');
        await sql.run('INSERT INTO sql_probe (k, n) VALUES (?, ?)', ['a', 1_700_000_000_000]);
        expect(await sql.one('SELECT n FROM sql_probe WHERE k = ?', ['a'])).toEqual({
          n: 1_700_000_000_000,
        });
        await expect(
          sql.run('INSERT INTO sql_probe (k, n) VALUES (?, ?)', ['a', 2]),
        ).rejects.toBeInstanceOf(UniqueViolationError);
        const abort = new Error('abort');
        await expect(
          sql.transaction(async (tx) => {
            await tx.run('INSERT INTO sql_probe (k, n) VALUES (?, ?)', ['b', 2]);
            throw abort;
          }),
        ).rejects.toBe(abort);
        await expect(
          sql.transaction((tx) => tx.run('INSERT INTO sql_probe (k, n) VALUES (?, ?)', ['a', 3])),
        ).rejects.toBeInstanceOf(UniqueViolationError);
        expect(await sql.all('SELECT k FROM sql_probe ORDER BY k')).toEqual([{ k: 'a' }]);
        await expect(sql.run('SELECT * FROM no_such_table')).rejects.toBeInstanceOf(StorageError);
      } finally {
        await storage.close();
      }
    });
  });
});
