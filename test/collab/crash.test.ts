/**
 * The durability promise under fire: the server process is SIGKILLed at
 * random moments while five clients write ~200 updates/s in total. Clients
 * reconnect on their own; in the end every client, and what the server has
 * stored, equals the merge of every update any client made. Replay with
 * CRASH_SEED=<printed seed>.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createBriefOver, spawnServer, type ChildServer } from '../helpers/process.ts';
import { createRng, seedFrom } from '../helpers/random.ts';
import { ADMIN_PASSWORD, login } from '../helpers/server.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const CLIENTS = 5;
const UPDATES_PER_SECOND = 200;

describe('SIGKILL during bursts of concurrent edits', () => {
  let child: ChildServer | null = null;
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
    child?.proc.kill('SIGKILL');
  });

  it(`loses nothing over ${ROUNDS} kills`, async () => {
    const rng = createRng(seedFrom('CRASH_SEED', 'crash'));
    child = await spawnServer();
    const { port, dataDir } = child;
    const cookie = await login(child.url, 'admin', ADMIN_PASSWORD);
    const briefId = await createBriefOver(child.url, cookie, 'Under fire');

    // Every update any client makes, kept aside: the expected end state is their merge.
    const made: Uint8Array[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = connectClient(child.wsUrl, briefId, { cookie });
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) made.push(update);
      });
      clients.push(client);
    }
    await Promise.all(clients.map((c) => waitSynced(c)));

    let writes = 0;
    const writer = setInterval(() => {
      const client = clients[writes % CLIENTS];
      const text = client.text;
      if (text.length > 40 && rng.chance(0.2))
        text.delete(rng.int(text.length - 5), 1 + rng.int(4));
      else text.insert(rng.int(text.length + 1), `${writes % CLIENTS}:${writes} `);
      writes++;
    }, 1000 / UPDATES_PER_SECOND);

    try {
      for (let round = 0; round < ROUNDS; round++) {
        await new Promise((r) => setTimeout(r, 150 + rng.int(500)));
        child.proc.kill('SIGKILL');
        await child.exited;
        child = await spawnServer({ port, dataDir });
      }
    } finally {
      clearInterval(writer);
    }

    const expected = new Y.Doc();
    for (const u of made) Y.applyUpdate(expected, u);
    await waitFor(() => clients.every((c) => c.provider.wsconnected && c.provider.synced), {
      timeout: 30_000,
      message: 'all clients to reconnect',
    });
    await waitFor(() => clients.every((c) => sameState(c.doc, expected)), {
      timeout: 30_000,
      message: 'every client to hold every update',
    });

    // What the server stored must be all of it too: kill it once more, then read it back.
    const probe = connectClient(child.wsUrl, briefId, { cookie });
    await waitSynced(probe);
    await waitFor(() => sameState(probe.doc, expected), { message: 'server to hold every update' });
    probe.destroy();
    child.proc.kill('SIGKILL');
    await child.exited;
    child = await spawnServer({ port, dataDir });
    for (const c of clients) c.provider.disconnect();
    const reader = connectClient(child.wsUrl, briefId, { cookie });
    clients.push(reader);
    await waitSynced(reader);
    console.log(
      `crash: ${ROUNDS} kills, ${writes} edits, ${made.length} updates made, ` +
        `${expected.getText('t').length} characters; stored state equals the merge: ${sameState(reader.doc, expected)}`,
    );
    expect(sameState(reader.doc, expected)).toBe(true);
    expect(writes).toBeGreaterThan(ROUNDS * 20);
  }, 240_000);
});
