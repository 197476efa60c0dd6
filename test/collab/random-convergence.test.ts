/**
 * N clients make random edits, drop and regain their connections at random,
 * and the server restarts mid-way. In the end every client and the stored
 * state are byte-for-byte identical. Replay with CONVERGE_SEED=<printed seed>.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createRng, seedFrom, type Rng } from '../helpers/random.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

const CLIENTS = 6;
const STEPS = 1500;

function randomEdit(rng: Rng, doc: Y.Doc, step: number): void {
  const text = doc.getText('t');
  const map = doc.getMap('meta');
  const list = doc.getArray<number>('list');
  const roll = rng.next();
  if (roll < 0.55)
    text.insert(rng.int(text.length + 1), rng.pick(['a', 'bc', 'Peña ', '\n', `#${step}`]));
  else if (roll < 0.75 && text.length > 0) {
    const at = rng.int(text.length);
    text.delete(at, Math.min(1 + rng.int(5), text.length - at));
  } else if (roll < 0.85) map.set(rng.pick(['status', 'owner', 'marking']), `v${step}`);
  else if (roll < 0.95) list.insert(rng.int(list.length + 1), [step]);
  else if (list.length > 0) list.delete(rng.int(list.length), 1);
}

describe('random edits, disconnects and a restart', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
  });

  it('converge byte-for-byte, clients and storage alike', async () => {
    const rng = createRng(seedFrom('CONVERGE_SEED', 'convergence'));
    let server = await startServer();
    servers.push(server);
    const { port, dataDir } = server;
    const briefId = (await server.createBrief()).id;
    for (let i = 0; i < CLIENTS; i++)
      clients.push(connectClient(server.wsUrl, briefId, { cookie: server.cookie }));
    await Promise.all(clients.map((c) => waitSynced(c)));

    for (let step = 0; step < STEPS; step++) {
      const client = rng.pick(clients);
      randomEdit(rng, client.doc, step);
      if (rng.chance(0.02)) {
        if (client.provider.shouldConnect) client.provider.disconnect();
        else client.provider.connect();
      }
      if (step === Math.floor(STEPS / 2)) {
        await server.close();
        server = await startServer({ port, dataDir });
        servers.push(server);
      }
      if (step % 25 === 0) await new Promise((r) => setTimeout(r, rng.int(5)));
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    await waitFor(() => clients.every((c) => c.provider.synced && c.provider.wsconnected), {
      timeout: 30_000,
      message: 'all clients online',
    });
    await waitFor(() => clients.every((c) => sameState(c.doc, clients[0].doc)), {
      timeout: 30_000,
      message: 'clients to converge',
    });
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), clients[0].doc), {
      message: 'storage to converge',
    });
    for (const c of clients) expect(sameState(c.doc, clients[0].doc)).toBe(true);
    expect(clients[0].doc.getText('t').length).toBeGreaterThan(0);
  });
});
