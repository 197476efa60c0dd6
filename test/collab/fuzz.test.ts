/**
 * Seeded fuzzing of the live server: mutated and random frames over raw
 * sockets. Nothing may crash the server, wedge a document, or touch another
 * brief. Replay a failure with FUZZ_SEED=<printed seed>.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import WebSocket from 'ws';
import { MessageType } from '../../shared/protocol.ts';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createRng, seedFrom, type Rng } from '../helpers/random.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
const PARALLEL = 16;

function validFrames(rng: Rng): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 20; i++) {
    const before = Y.encodeStateVector(doc);
    text.insert(rng.int(text.length + 1), `w${i} `);
    if (text.length > 5 && rng.chance(0.3)) text.delete(rng.int(text.length - 2), 2);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, rng.pick([0, 1, 2]));
    encoding.writeVarUint8Array(e, rng.chance(0.2) ? before : Y.encodeStateAsUpdate(doc, before));
    frames.push(encoding.toUint8Array(e));
  }
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: null });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(
    e,
    awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
  );
  frames.push(encoding.toUint8Array(e));
  frames.push(new Uint8Array([MessageType.QueryAwareness]));
  awareness.destroy();
  return frames;
}

function mutate(rng: Rng, source: Uint8Array): Uint8Array {
  const bytes = Array.from(source);
  const ops = 1 + rng.int(4);
  for (let i = 0; i < ops; i++) {
    switch (rng.int(6)) {
      case 0: // flip a bit
        if (bytes.length) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
        break;
      case 1: // truncate
        bytes.length = rng.int(bytes.length + 1);
        break;
      case 2: // insert random bytes
        bytes.splice(
          rng.int(bytes.length + 1),
          0,
          ...Array.from({ length: 1 + rng.int(8) }, () => rng.int(256)),
        );
        break;
      case 3: // an overflowing varint
        bytes.splice(
          rng.int(bytes.length + 1),
          0,
          0xff,
          0xff,
          0xff,
          0xff,
          0xff,
          0xff,
          0xff,
          0xff,
          0x7f,
        );
        break;
      case 4: // change the message type
        if (bytes.length) bytes[0] = rng.int(256);
        break;
      default: // duplicate a slice
        if (bytes.length > 2) {
          const from = rng.int(bytes.length - 1);
          bytes.splice(from, 0, ...bytes.slice(from, from + 1 + rng.int(16)));
        }
    }
  }
  return Uint8Array.from(bytes);
}

describe('fuzzing the live server', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  it(`survives ${FRAMES} mutated and random frames`, async () => {
    const rng = createRng(seedFrom('FUZZ_SEED', 'fuzz'));
    server = await startServer({ env: { MAX_FRAME_BYTES: '65536', AWARENESS_BURST: '1000' } });
    const target = (await server.createBrief('fuzzed')).id;
    const other = (await server.createBrief('untouched')).id;
    const bystander = connectClient(server.wsUrl, other, { cookie: server.cookie });
    clients.push(bystander);
    await waitSynced(bystander);
    bystander.text.insert(0, 'Untouched by the fuzzer.');
    await waitFor(async () => sameState(await storedDoc(server.storage, other), bystander.doc));
    const untouched = Y.encodeStateAsUpdate(await storedDoc(server.storage, other));

    const seeds = validFrames(rng);
    let sent = 0;
    let closes = 0;
    // Each frame is followed by a query-awareness probe, and the next frame
    // waits for the probe's answer or the close: so every counted frame was
    // processed by the server, none was sent into an already-closing socket.
    const probe = new Uint8Array([MessageType.QueryAwareness]);
    const worker = async () => {
      while (sent < FRAMES) {
        const ws = new WebSocket(`${server.wsUrl}/${target}`, {
          headers: { cookie: server.cookie },
        });
        let open = true;
        let answered: (() => void) | null = null;
        ws.on('message', (data: Buffer) => {
          if (data[0] === MessageType.Awareness) answered?.();
        });
        const closed = new Promise<void>((resolve) =>
          ws.on('close', () => {
            open = false;
            answered?.();
            resolve();
          }),
        );
        ws.on('error', () => undefined);
        await new Promise<void>((resolve) => {
          ws.once('open', () => resolve());
          ws.once('close', () => resolve());
        });
        while (open && ws.readyState === WebSocket.OPEN && sent < FRAMES) {
          const roll = rng.next();
          const frame =
            roll < 0.15
              ? rng.pick(seeds)
              : roll < 0.85
                ? mutate(rng, rng.pick(seeds))
                : Uint8Array.from({ length: rng.int(64) }, () => rng.int(256));
          const reply = new Promise<void>((resolve) => (answered = resolve));
          ws.send(frame);
          ws.send(probe);
          await reply;
          answered = null;
          sent++;
        }
        if (ws.readyState === WebSocket.OPEN) ws.close();
        await closed;
        closes++;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    console.log(`fuzz: ${sent} frames over ${closes} connections`);
    expect(sent).toBeGreaterThanOrEqual(FRAMES);

    // The other brief is byte-for-byte unchanged, and its client still connected.
    expect(
      Buffer.compare(Y.encodeStateAsUpdate(await storedDoc(server.storage, other)), untouched),
    ).toBe(0);
    expect(bystander.provider.wsconnected).toBe(true);

    // The fuzzed brief is not wedged: two fresh clients sync and relay to each other.
    const a = connectClient(server.wsUrl, target, { cookie: server.cookie });
    const b = connectClient(server.wsUrl, target, { cookie: server.cookie });
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.text.insert(0, 'after the storm ');
    await waitFor(() => b.text.toString().includes('after the storm'), {
      message: 'relay after fuzz',
    });
    await waitFor(() => sameState(a.doc, b.doc));
  }, 240_000);
});
