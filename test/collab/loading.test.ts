import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import type { Storage } from '../../server/storage/index.ts';

describe('clients that connect while a brief is loading', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it('all get the persisted content, and the brief is loaded once', async () => {
    server = await startServer();
    const brief = await server.createBrief();
    // Persist content directly, as a previous run of the server would have.
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'Stored before anyone connected.');
    await server.storage.appendUpdates([
      {
        briefId: brief.id,
        data: Y.encodeStateAsUpdate(seed),
        author: null,
        receivedAt: Date.now(),
      },
    ]);

    // Slow the load down so all ten connect while it is still in progress.
    const storage = server.storage as Storage;
    const original = storage.loadDocument.bind(storage);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    storage.loadDocument = async (id) => {
      loads++;
      await gate;
      return original(id);
    };

    for (let i = 0; i < 10; i++)
      clients.push(connectClient(server.wsUrl, brief.id, { cookie: server.cookie }));
    await waitFor(() => server.server.collab.stats().connections === 10, {
      message: 'ten sockets waiting on the load',
    });
    expect(clients.some((c) => c.provider.synced)).toBe(false);
    release();
    await Promise.all(clients.map((c) => waitSynced(c)));
    for (const c of clients) expect(c.text.toString()).toBe('Stored before anyone connected.');
    expect(loads).toBe(1);
  });
});
