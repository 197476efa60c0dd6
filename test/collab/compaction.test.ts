import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';
import { warningsDuring } from '../helpers/workers.ts';

describe('compaction', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
  });

  /** A server with compaction thresholds from `env`, a new brief, and one synced writer on it. */
  async function briefWithWriter(env: Record<string, string>) {
    const server = await startServer({
      env: { COMPACT_MIN_INTERVAL_MS: '0', LOG_LEVEL: 'debug', ...env },
    });
    servers.push(server);
    const briefId = (await server.createBrief()).id;
    const writer = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(writer);
    await waitSynced(writer);
    return { server, briefId, writer };
  }

  it('folds the log into a snapshot in a worker, losing nothing, including deleted text', async () => {
    const { server, briefId, writer } = await briefWithWriter({ COMPACT_AFTER_UPDATES: '50' });
    const warnings = await warningsDuring(async () => {
      // Spaced out, since the server merges a burst from one sender into one log row.
      for (let i = 0; i < 240; i++) {
        writer.text.insert(writer.text.length, `${i} `);
        if (i % 10 === 0) writer.text.delete(0, 1);
        await new Promise((r) => setTimeout(r, 2));
      }
      await waitFor(async () => sameState(await storedDoc(server.storage, briefId), writer.doc), {
        message: 'storage to hold everything',
      });
      await waitFor(
        async () => {
          const stored = await server.storage.loadDocument(briefId);
          return stored.snapshot !== null && stored.updates.length < 50;
        },
        { message: 'the log folded into a snapshot' },
      );
    });
    expect(server.logs.some((l) => l.message === 'brief compacted')).toBe(true);
    // The merges ran in the worker, not on the thread that relays edits.
    expect(warnings.filter((w) => w.includes('compaction merge'))).toEqual([]);

    // Deleted content survives compaction (history needs it): the snapshot
    // holds the deleted items, not just the visible text.
    const merged = await storedDoc(server.storage, briefId);
    expect(sameState(merged, writer.doc)).toBe(true);

    await server.close();
    const again = await startServer({ dataDir: server.dataDir });
    servers.push(again);
    const reader = connectClient(again.wsUrl, briefId, { cookie: again.cookie });
    clients.push(reader);
    await waitSynced(reader);
    expect(reader.text.toString()).toBe(writer.text.toString());
  });

  it('compacts a brief whose lock was held when it came due, once the lock is free, with no further edit', async () => {
    const { server, briefId, writer } = await briefWithWriter({ COMPACT_AFTER_UPDATES: '20' });
    const stored = () => server.storage.loadDocument(briefId);

    // Someone else holds the brief's lock (another instance, a revision being created).
    let release!: () => void;
    const held = server.storage.withBriefLock!(
      briefId,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    for (let i = 0; i < 40; i++) {
      writer.text.insert(writer.text.length, `${i} `);
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), writer.doc), {
      message: 'storage to hold everything',
    });
    await waitFor(
      () =>
        server.logs.some((l) => l.message === 'compaction skipped: the brief is locked elsewhere'),
      { message: 'a compaction skipped for the lock' },
    );
    expect((await stored()).snapshot).toBeNull();

    release();
    await held;
    // Nobody types from here on: the compactor tries again by itself.
    await waitFor(async () => (await stored()).snapshot !== null, {
      message: 'the log folded into a snapshot after the lock was freed',
    });
    expect((await stored()).updates).toHaveLength(0);
    expect(sameState(await storedDoc(server.storage, briefId), writer.doc)).toBe(true);
  });

  it('compacts by bytes once the log reaches half the snapshot, not before', async () => {
    const { server, briefId, writer } = await briefWithWriter({
      COMPACT_AFTER_UPDATES: '100000',
      COMPACT_AFTER_BYTES: '4096',
    });
    const compactions = () => server.logs.filter((l) => l.message === 'brief compacted').length;
    const stored = () => server.storage.loadDocument(briefId);

    // A paste far above COMPACT_AFTER_BYTES: compacted into a snapshot of about its size.
    writer.text.insert(0, 'pasted paragraph of a policy brief. '.repeat(2000));
    await waitFor(async () => (await stored()).snapshot !== null, { message: 'a snapshot' });
    const snapshotBytes = (await stored()).snapshot!.byteLength;
    expect(snapshotBytes).toBeGreaterThan(60_000);
    expect(compactions()).toBe(1);

    // Typing well past COMPACT_AFTER_BYTES but short of half the snapshot: no compaction.
    const chunk = 'typed words '.repeat(50);
    let typed = 0;
    while (typed < snapshotBytes / 4) {
      writer.text.insert(writer.text.length, chunk);
      typed += chunk.length;
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), writer.doc), {
      message: 'storage to hold everything',
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(compactions()).toBe(1);
    expect((await stored()).updates.length).toBeGreaterThan(0);

    // Past half the snapshot: compacted again.
    while (typed < snapshotBytes * 0.6) {
      writer.text.insert(writer.text.length, chunk);
      typed += chunk.length;
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => compactions() === 2, { message: 'a second compaction' });
    expect(sameState(await storedDoc(server.storage, briefId), writer.doc)).toBe(true);
  });
});
