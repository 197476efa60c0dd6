/**
 * Compaction merges on a worker thread (see server/collab/compaction.ts). A
 * merge worker that dies — killed for running out of memory on a huge brief,
 * say — costs that one compaction, never the log, and the next compaction
 * gets a new worker: merges must not move onto the thread that relays every
 * edit.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { newBriefId } from '../../shared/briefId.ts';
import { Compactor } from '../../server/collab/compaction.ts';
import { Room } from '../../server/collab/room.ts';
import { parseConfig } from '../../server/config.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import { openSqliteStorage, type SqliteStorage } from '../../server/storage/index.ts';
import { repoRoot, tempDataDir } from '../helpers/server.ts';
import { warningsDuring } from '../helpers/workers.ts';

describe('compaction merge worker', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    delete process.env.MERGE_CRASH_MARKER;
  });

  async function briefWithLog(storage: SqliteStorage): Promise<{ room: Room; doc: Y.Doc }> {
    const briefId = newBriefId();
    await storage.createBrief({ id: briefId, title: 'Log', createdAt: Date.now() });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    for (let i = 0; i < 40; i++) {
      text.insert(text.length, `${i} `);
      if (i % 8 === 0) text.delete(0, 1);
    }
    await storage.appendUpdates(
      updates.map((data) => ({ briefId, data, author: 'Ada', receivedAt: Date.now() })),
    );
    const room = new Room(briefId, createMemoryLogger(), async () => undefined);
    await room.loaded;
    return { room, doc };
  }

  it('fails only the compaction whose worker died, and merges the next in a new worker', async () => {
    process.env.MERGE_CRASH_MARKER = path.join(tempDataDir(), 'crashed');
    const storage = openSqliteStorage({ filename: ':memory:' });
    const logger = createMemoryLogger();
    const compactor = new Compactor({
      storage,
      logger,
      limits: parseConfig({}, repoRoot).collab,
      mergeWorkerUrl: new URL('../fixtures/collab/crashOnceMergeWorker.ts', import.meta.url),
    });
    cleanups.push(async () => {
      await compactor.idle();
      await storage.close();
    });
    const { room, doc } = await briefWithLog(storage);
    const logged = (await storage.loadDocument(room.briefId)).updates.length;
    expect(logged).toBe(45);

    const warnings = await warningsDuring(async () => {
      await compactor.compact(room);
      const afterCrash = await storage.loadDocument(room.briefId);
      expect(afterCrash.snapshot).toBeNull();
      expect(afterCrash.updates).toHaveLength(logged);
      const failed = logger.lines.find((l) => l.message === 'compaction failed');
      expect(String(failed?.fields.error)).toMatch(/CompactionError.*exited with code 70/);

      await compactor.compact(room);
      expect(compactor.usingWorker).toBe(true);
    });
    // Neither merge ran on this thread.
    expect(warnings.filter((w) => w.includes('running in-process'))).toEqual([]);

    const compacted = await storage.loadDocument(room.briefId);
    expect(compacted.updates).toHaveLength(0);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, compacted.snapshot!);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
  });

  it('reports a merge that fails in the server’s own worker, which stays up for the next', async () => {
    const storage = openSqliteStorage({ filename: ':memory:' });
    const logger = createMemoryLogger();
    const compactor = new Compactor({ storage, logger, limits: parseConfig({}, repoRoot).collab });
    cleanups.push(async () => {
      await compactor.idle();
      await storage.close();
    });
    const broken = await briefWithLog(storage);
    // A row no client could have sent (the server parses every update first):
    // a damaged file, say. Its brief's merge fails; nothing is written.
    await storage.appendUpdates([
      {
        briefId: broken.room.briefId,
        data: new Uint8Array([200, 1, 2, 3]),
        author: 'Ada',
        receivedAt: Date.now(),
      },
    ]);
    const warnings = await warningsDuring(async () => {
      await compactor.compact(broken.room);
      expect(compactor.usingWorker).toBe(true);
      const failed = logger.lines.find((l) => l.message === 'compaction failed');
      expect(String(failed?.fields.error)).toMatch(/CompactionError: compaction merge failed/);
      const stored = await storage.loadDocument(broken.room.briefId);
      expect(stored.snapshot).toBeNull();
      expect(stored.updates).toHaveLength(46);

      const fine = await briefWithLog(storage);
      await compactor.compact(fine.room);
      const compacted = await storage.loadDocument(fine.room.briefId);
      expect(compacted.updates).toHaveLength(0);
      const loaded = new Y.Doc();
      Y.applyUpdate(loaded, compacted.snapshot!);
      expect(loaded.getText('t').toString()).toBe(fine.doc.getText('t').toString());
    });
    expect(warnings).toEqual([]);
  });
});
