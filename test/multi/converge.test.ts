/**
 * Several instances behind one database and one Redis: clients on different
 * instances co-edit a brief as if on one server. Under ~100 updates/s from
 * several clients per instance, one instance is SIGKILLed mid-burst; its
 * clients reconnect (through a front proxy standing in for the load
 * balancer) to the survivor. The killed instance is restarted mid-burst and
 * a client loads the brief there: a late joiner, which catches up from the
 * database, then follows live through Redis. In the end every client, and the
 * database, equals the merge of every update made.
 * Replay with MULTI_SEED=<printed seed>.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createBriefOver } from '../helpers/process.ts';
import { createRng, seedFrom, type Rng } from '../helpers/random.ts';
import { storedDoc } from '../helpers/server.ts';
import { openPostgresStorage } from '../../server/storage/index.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import { postgresUrl } from '../helpers/services.ts';
import {
  adminCookie,
  kill,
  mergeOf,
  restart,
  servicesMissing,
  startInstances,
  subscribers,
  TcpProxy,
  type Instance,
} from './cluster.ts';

const missing = await servicesMissing();
// Every y-websocket provider in Node adds a process 'exit' listener; this test has a dozen.
process.setMaxListeners(32);
const UPDATES_PER_SECOND = 100;
const CLIENTS_PER_INSTANCE = 3;

describe.skipIf(missing)('two instances sharing PostgreSQL and Redis', () => {
  const instances: Instance[] = [];
  const proxies: TcpProxy[] = [];
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const p of proxies) await p.close();
    for (const i of instances) i.proc.kill('SIGKILL');
  });

  /** A client whose every own update is recorded in `made`. */
  function recordedClient(wsUrl: string, briefId: string, cookie: string, made: Uint8Array[]) {
    const client = connectClient(wsUrl, briefId, { cookie });
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== client.provider) made.push(update);
    });
    clients.push(client);
    return client;
  }

  /** Round-robin edits at UPDATES_PER_SECOND until stopped; returns the stop function. */
  function writeContinuously(writers: TestClient[], rng: Rng): { stop: () => number } {
    let writes = 0;
    const timer = setInterval(() => {
      const client = writers[writes % writers.length];
      const text = client.text;
      if (text.length > 40 && rng.chance(0.2))
        text.delete(rng.int(text.length - 5), 1 + rng.int(4));
      else text.insert(rng.int(text.length + 1), `${writes % writers.length}:${writes} `);
      writes++;
    }, 1000 / UPDATES_PER_SECOND);
    return {
      stop: () => {
        clearInterval(timer);
        return writes;
      },
    };
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // 180 s: three server starts (two, then the restart) on top of the bursts; a busy machine needs it.
  it('converges byte for byte across instances, loses nothing to a SIGKILL mid-burst, and a late joiner catches up', async () => {
    const rng = createRng(seedFrom('MULTI_SEED', 'multi'));
    const started = await startInstances(['A', 'B']);
    instances.push(...started);
    const b = started[1];
    let a = started[0];
    const cookie = await adminCookie(a);
    const briefId = await createBriefOver(a.url, cookie, 'Shared under fire');
    // Front doors: each prefers its own instance and falls over to the other.
    const frontA = await TcpProxy.open(() => [a.port, b.port]);
    const frontB = await TcpProxy.open(() => [b.port, a.port]);
    proxies.push(frontA, frontB);

    const made: Uint8Array[] = [];
    const onA: TestClient[] = [];
    const onB: TestClient[] = [];
    for (let i = 0; i < CLIENTS_PER_INSTANCE; i++) {
      onA.push(recordedClient(frontA.wsUrl, briefId, cookie, made));
      onB.push(recordedClient(frontB.wsUrl, briefId, cookie, made));
    }
    const everyone = [...onA, ...onB];
    await Promise.all(everyone.map((c) => waitSynced(c)));
    await waitFor(async () => (await subscribers(briefId)) === 2, {
      message: 'both instances to subscribe to the brief',
    });

    // Live relay first: a word typed on A reaches every client on B without any reconnect.
    onA[0].text.insert(0, 'hello from A ');
    await waitFor(() => onB.every((c) => c.text.toString().includes('hello from A')), {
      message: 'an edit on A to reach the clients on B',
    });

    const writer = writeContinuously(everyone, rng);
    let writes = 0;
    const joiner = await (async () => {
      try {
        await sleep(1000 + rng.int(600));
        await kill(a);
        await sleep(1000 + rng.int(600));
        // A comes back while B's clients keep writing: a late joiner. Its first
        // client makes it load the busy brief from the database, then it must
        // follow B's edits live through Redis.
        a = await restart(a);
        instances[0] = a;
        const late = recordedClient(a.wsUrl, briefId, cookie, made);
        await waitSynced(late);
        const atSync = late.text.length;
        await waitFor(() => late.text.length > atSync + 50, {
          message: 'live updates from B to reach the restarted instance',
        });
        return late;
      } finally {
        writes = writer.stop();
      }
    })();
    everyone.push(joiner);

    const expected = mergeOf(made);
    await waitFor(() => everyone.every((c) => c.provider.wsconnected && c.provider.synced), {
      timeout: 30_000,
      message: 'every client to reconnect',
    });
    await waitFor(() => everyone.every((c) => sameState(c.doc, expected)), {
      timeout: 30_000,
      message: 'every client to hold every update',
    });

    // Both instances, and the database itself, hold all of it.
    for (const instance of [a, b]) {
      const probe = connectClient(instance.wsUrl, briefId, { cookie });
      clients.push(probe);
      await waitSynced(probe);
      await waitFor(() => sameState(probe.doc, expected), {
        message: `instance ${instance.name} to hold every update`,
      });
    }
    const storage = await openPostgresStorage({
      connectionString: await postgresUrl(),
      logger: createMemoryLogger(),
      poolSize: 1,
    });
    try {
      const stored = await storedDoc(storage, briefId);
      expect(sameState(stored, expected)).toBe(true);
    } finally {
      await storage.close();
    }
    console.log(
      `multi: ${writes} edits by ${everyone.length} clients on 2 instances, one SIGKILLed; ` +
        `${made.length} updates, ${expected.getText('t').length} characters, all converged`,
    );
    expect(writes).toBeGreaterThan(250);
    expect(b.proc.exitCode).toBeNull();
  }, 180_000);
});
