/**
 * Hostile input: each case closes only the offending connection, with its
 * named code and a log line, applies nothing, and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type WebSocket from 'ws';
import { CloseCode, type CloseCodeName } from '../../shared/closeCodes.ts';
import { MessageType } from '../../shared/protocol.ts';
import {
  connectClient,
  openRaw,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { craftUpdate, deletedItem, stringItem } from '../helpers/craftUpdate.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('hostile input', () => {
  let server: TestServer;
  let briefId: string;
  let bystander: TestClient;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_FRAME_BYTES: '65536', AWARENESS_BURST: '20' } });
    briefId = (await server.createBrief()).id;
    bystander = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    await waitSynced(bystander);
    bystander.text.insert(0, 'The brief before the attack.');
    await waitFor(async () => (await storedDoc(server.storage, briefId)).getText('t').length > 0);
  });
  afterAll(async () => {
    bystander.destroy();
    await server.close();
  });

  async function expectClosedWith(
    send: (ws: WebSocket) => void,
    name: CloseCodeName,
    path = `/${briefId}`,
  ): Promise<void> {
    const before = Y.encodeStateAsUpdate(await storedDoc(server.storage, briefId));
    const logCount = server.logs.length;
    const raw = await openRaw(`${server.wsUrl}${path}`, { cookie: server.cookie });
    send(raw.ws);
    const closed = await Promise.race([
      raw.closed,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no close; logs: ${JSON.stringify(server.logs.slice(logCount))}`)),
          5000,
        ),
      ),
    ]);
    expect(closed.code, name).toBe(CloseCode[name].code);
    const logged = server.logs
      .slice(logCount)
      .some(
        (l) => l.level === 'warn' && (l.fields.reason === name || l.message === 'socket error'),
      );
    expect(logged, `log line for ${name}`).toBe(true);
    // Nothing applied: storage is byte-for-byte what it was.
    const after = Y.encodeStateAsUpdate(await storedDoc(server.storage, briefId));
    expect(Buffer.compare(before, after)).toBe(0);
    // And everyone else is still served.
    expect(bystander.provider.wsconnected).toBe(true);
  }

  const syncUpdate = (payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };

  it('truncated frames', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'sneaky');
    const full = syncUpdate(Y.encodeStateAsUpdate(doc));
    await expectClosedWith((ws) => ws.send(full.subarray(0, full.length - 4)), 'MalformedFrame');
  });

  it('garbage frames and bad updates', async () => {
    await expectClosedWith((ws) => ws.send(Buffer.from([0, 0xff, 0xff, 0xff])), 'MalformedFrame');
    await expectClosedWith(
      (ws) => ws.send(syncUpdate(new Uint8Array([3, 99, 12, 7, 250, 250, 1]))),
      'MalformedFrame',
    );
  });

  it('updates Yjs decodes but fails to integrate part-way', async () => {
    // Stored, either would break every later load of the brief.
    const zeroLength = craftUpdate([
      { client: 78, clock: 0, structs: [deletedItem(0), stringItem('a', { root: 't' })] },
    ]);
    const ownOrigin = craftUpdate([
      { client: 77, clock: 0, structs: [stringItem('a', { origin: [77, 0] })] },
    ]);
    await expectClosedWith((ws) => ws.send(syncUpdate(zeroLength)), 'MalformedFrame');
    await expectClosedWith((ws) => ws.send(syncUpdate(ownOrigin)), 'MalformedFrame');
  });

  it('varints and length prefixes that overflow', async () => {
    await expectClosedWith(
      (ws) => ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])),
      'MalformedFrame',
    );
    await expectClosedWith(
      (ws) => ws.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])),
      'MalformedFrame',
    );
  });

  it('unknown message types', async () => {
    await expectClosedWith((ws) => ws.send(Buffer.from([9, 1, 2])), 'UnknownMessageType');
  });

  it('text frames', async () => {
    await expectClosedWith((ws) => ws.send('{"type":"sync"}'), 'TextFrame');
  });

  it('a frame over the size limit', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(100_000));
    await expectClosedWith(
      (ws) => ws.send(syncUpdate(Y.encodeStateAsUpdate(doc))),
      'FrameTooLarge',
    );
  });

  it('invalid, over-long and path-trick brief ids', async () => {
    for (const path of [
      '/abc',
      `/${'a'.repeat(65)}`,
      '/..%2F..%2Fetc',
      `/${briefId}/..`,
      '/%00abcdef',
    ]) {
      await expectClosedWith(() => undefined, 'InvalidBriefId', path);
    }
  });

  it('an awareness flood', async () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    await expectClosedWith((ws) => {
      for (let i = 0; i < 200; i++) {
        awareness.setLocalState({ user: { name: `flood ${i}`, color: '#000' } });
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MessageType.Awareness);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
        );
        ws.send(encoding.toUint8Array(e));
      }
    }, 'RateLimited');
    awareness.destroy();
  });

  it("a connection may not remove or overwrite another's presence", async () => {
    bystander.provider.awareness.setLocalStateField('user', { name: 'Bystander', color: '#111' });
    const victim = bystander.doc.clientID;
    const watcher = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    await waitSynced(watcher);
    await waitFor(() => watcher.provider.awareness.getStates().has(victim), {
      message: "the watcher sees the bystander's presence",
    });
    const raw = await openRaw(`${server.wsUrl}/${briefId}`, { cookie: server.cookie });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 2);
    encoding.writeVarUint(inner, victim);
    encoding.writeVarUint(inner, 9999);
    encoding.writeVarString(inner, 'null');
    encoding.writeVarUint(inner, 424242);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Mallory', color: '#f00' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    raw.send(encoding.toUint8Array(e));
    // Mallory's own entry gets through; the forged removal does not.
    await waitFor(() => watcher.provider.awareness.getStates().has(424242), {
      message: "the attacker's own presence",
    });
    expect(watcher.provider.awareness.getStates().get(victim)).toMatchObject({
      user: { name: 'Bystander' },
    });
    raw.ws.close();
    await waitFor(() => !watcher.provider.awareness.getStates().has(424242), {
      message: "the attacker's presence to go with its socket",
    });
    expect(watcher.provider.awareness.getStates().has(victim)).toBe(true);
    watcher.destroy();
  });

  it('keeps serving: a new client still syncs the untouched document', async () => {
    const late = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    await waitSynced(late);
    await waitFor(() => sameState(late.doc, bystander.doc));
    expect(late.text.toString()).toBe('The brief before the attack.');
    late.destroy();
  });
});
