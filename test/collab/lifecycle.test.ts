import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/index.ts';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

/** Holds storage writes until released, to open the race windows on purpose. */
function gateWrites(storage: Storage) {
  const original = storage.appendUpdates.bind(storage);
  let gate: Promise<void> | null = null;
  let release = () => {};
  storage.appendUpdates = async (batch) => {
    if (gate) await gate;
    return original(batch);
  };
  return {
    close() {
      gate = new Promise((r) => (release = r));
    },
    open() {
      release();
      gate = null;
    },
  };
}

describe('document lifecycle', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it('unloads after the delay, and only once the last write has completed', async () => {
    server = await startServer({ env: { UNLOAD_DELAY_MS: '100' } });
    const briefId = (await server.createBrief()).id;
    const gate = gateWrites(server.storage);
    const client = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(client);
    await waitSynced(client);
    gate.close();
    client.text.insert(0, 'written while storage is slow');
    await waitFor(() => server.server.collab.stats().connections === 1);
    // Let the update reach the server before the client leaves.
    await new Promise((r) => setTimeout(r, 50));
    client.destroy();
    await waitFor(() => server.server.collab.stats().connections === 0);
    // Well past the unload delay, the room waits for its pending write.
    await new Promise((r) => setTimeout(r, 400));
    expect(server.server.collab.stats().rooms).toBe(1);
    gate.open();
    await waitFor(() => server.server.collab.stats().rooms === 0, { message: 'unload' });
    expect((await storedDoc(server.storage, briefId)).getText('t').toString()).toBe(
      'written while storage is slow',
    );
  });

  it('a client that joins while the brief is unloading gets the full document', async () => {
    server = await startServer({ env: { UNLOAD_DELAY_MS: '50' } });
    const briefId = (await server.createBrief()).id;
    const gate = gateWrites(server.storage);
    const writer = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'first part. ');
    await waitFor(async () => (await storedDoc(server.storage, briefId)).getText('t').length > 0);
    gate.close();
    writer.text.insert(writer.text.length, 'second part.');
    await new Promise((r) => setTimeout(r, 50));
    writer.destroy();
    await waitFor(() => server.server.collab.stats().connections === 0);
    await new Promise((r) => setTimeout(r, 150)); // the unload is now waiting on the write

    const joiner = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(joiner);
    gate.open();
    await waitSynced(joiner);
    await waitFor(() => joiner.text.toString() === 'first part. second part.', {
      message: 'the full document',
    });
    expect(server.server.collab.stats().rooms).toBe(1);
  });

  it('heap returns to its baseline after many connect/disconnect cycles', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    server = await startServer({ env: { UNLOAD_DELAY_MS: '0' } });
    const briefs: string[] = [];
    for (let i = 0; i < 30; i++) briefs.push((await server.createBrief(`b${i}`)).id);

    const cycle = async (count: number) => {
      for (let i = 0; i < count; i += 10) {
        const batch = Array.from({ length: 10 }, (_, j) =>
          connectClient(server.wsUrl, briefs[(i + j) % briefs.length], { cookie: server.cookie }),
        );
        await Promise.all(batch.map((c) => waitSynced(c)));
        for (const c of batch) c.text.insert(0, 'x');
        for (const c of batch) c.destroy();
      }
      await waitFor(() => server.server.collab.stats().rooms === 0, { timeout: 20_000 });
    };
    const heap = async () => {
      // The memory logger keeps every line; they are the test's, not the server's.
      server.logs.length = 0;
      // Destroyed y-websocket providers stay referenced by their pending
      // reconnect timer (maxBackoffTime, 200 ms in tests) until it fires.
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 20));
      }
      return process.memoryUsage().heapUsed;
    };

    // Warm-up: compiled code keeps growing for the first few hundred cycles, and
    // heap snapshots show that growth is code, not retained documents.
    await cycle(300);
    const baseline = await heap();
    await cycle(Number(process.env.CYCLES ?? 400));
    const after = await heap();
    console.log(
      `lifecycle: heap ${(baseline / 1e6).toFixed(1)} MB → ${(after / 1e6).toFixed(1)} MB after 400 cycles over 30 briefs`,
    );
    expect(after).toBeLessThan(baseline * 1.1);
  });
});
