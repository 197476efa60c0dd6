/**
 * Dormant rooms: a loaded brief is served from its stored bytes until
 * something needs its document. Clients see no difference — the same state
 * vector, the same content, edits relayed and stored — and the document is
 * built exactly when it must be.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { storedStateVector } from '../../server/collab/storedState.ts';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createRng, seedFrom } from '../helpers/random.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('dormant rooms', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
  });

  /** A brief written on one server (log and snapshot), then opened on a fresh one. */
  async function storedBrief(): Promise<{ server: TestServer; briefId: string; written: Y.Doc }> {
    const first = await startServer();
    const brief = await first.createBrief();
    const writer = connectClient(first.wsUrl, brief.id, { cookie: first.cookie });
    await waitSynced(writer);
    for (let i = 0; i < 12; i++) {
      writer.text.insert(writer.text.length, `line ${i} about Asunción. `);
      if (i % 4 === 3) writer.text.delete(0, 3);
      // Each edit stored before the next, so each is its own stored update.
      await waitFor(async () => sameState(await storedDoc(first.storage, brief.id), writer.doc), {
        message: `edit ${i} stored`,
      });
    }
    const written = new Y.Doc();
    Y.applyUpdate(written, Y.encodeStateAsUpdate(writer.doc));
    writer.destroy();
    // Compact the older two thirds by hand, as the compactor would: the stored
    // state is then a snapshot plus a log, whatever the machine's timing.
    const log = (await first.storage.loadDocument(brief.id)).updates;
    expect(log.length).toBeGreaterThanOrEqual(6);
    const upto = log[Math.floor((log.length * 2) / 3)];
    const older = log.filter((u) => u.seq <= upto.seq).map((u) => u.data);
    await first.storage.writeSnapshot(brief.id, Y.mergeUpdates(older), upto.seq);
    const stored = await first.storage.loadDocument(brief.id);
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeGreaterThan(0);
    await first.close();
    const server = await startServer({ dataDir: first.dataDir });
    servers.push(server);
    return { server, briefId: brief.id, written };
  }

  it('syncs a client that holds nothing of the brief without building the document', async () => {
    const { server, briefId, written } = await storedBrief();
    const reader = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(reader);
    await waitSynced(reader);
    // Sync step 2 carries the whole state: the client is complete when it counts itself synced.
    expect(sameState(reader.doc, written)).toBe(true);
    const room = server.server.collab.loadedRoom(briefId as never);
    expect(room?.isDormant).toBe(true);
    // The state vector it greeted the client with is the one the document will have.
    const dormantVector = room!.stateVector();
    expect(Buffer.from(dormantVector).equals(Buffer.from(Y.encodeStateVector(room!.doc)))).toBe(
      true,
    );
    expect(room!.isDormant).toBe(false);
  });

  it('builds the document for a client that already holds part of the brief, and sends it the rest', async () => {
    const { server, briefId, written } = await storedBrief();
    // A client that saw the brief's beginning before (an offline copy, say).
    const partial = new Y.Doc();
    const firstHalf = new Y.Doc();
    Y.applyUpdate(firstHalf, Y.encodeStateAsUpdate(written));
    const half = Y.encodeStateVector(written);
    const sv = Y.decodeStateVector(half);
    for (const [client, clock] of sv) sv.set(client, Math.floor(clock / 2));
    Y.applyUpdate(partial, Y.diffUpdate(Y.encodeStateAsUpdate(written), Y.encodeStateVector(sv)));
    const returning = connectClient(server.wsUrl, briefId, { cookie: server.cookie, doc: partial });
    clients.push(returning);
    await waitFor(() => sameState(returning.doc, written), { message: 'the rest of the brief' });
    expect(server.server.collab.loadedRoom(briefId as never)?.isDormant).toBe(false);
  });

  it('builds the document on the first edit, relays it and stores it', async () => {
    const { server, briefId, written } = await storedBrief();
    const a = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    const b = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const room = server.server.collab.loadedRoom(briefId as never)!;
    expect(room.isDormant).toBe(true);
    a.text.insert(0, 'New opening. ');
    await waitFor(() => sameState(a.doc, b.doc), { message: 'the edit relayed' });
    expect(b.text.toString()).toBe('New opening. ' + written.getText('t').toString());
    expect(room.isDormant).toBe(false);
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), a.doc), {
      message: 'the edit stored',
    });
  });
});

describe('storedStateVector', () => {
  /** Three authors editing one text; each transaction is one update. */
  function history(seed: number) {
    const rng = createRng(seed);
    const docs = [1, 2, 3].map((client) => {
      const doc = new Y.Doc();
      doc.clientID = client;
      return doc;
    });
    const updates: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) {
      const doc = rng.pick(docs);
      const text = doc.getText('t');
      const before = Y.encodeStateVector(doc);
      if (rng.chance(0.25) && text.length > 2) text.delete(rng.int(text.length - 1), 2);
      else text.insert(rng.int(text.length + 1), 'abc'.slice(0, 1 + rng.int(3)));
      const update = Y.encodeStateAsUpdate(doc, before);
      updates.push(update);
      for (const other of docs) Y.applyUpdate(other, update);
    }
    return updates;
  }

  const docVector = (parts: readonly Uint8Array[]) => {
    const doc = new Y.Doc({ gc: false });
    for (const part of parts) Y.applyUpdate(doc, part);
    return Y.decodeStateVector(Y.encodeStateVector(doc));
  };

  it('equals the state vector of the document the stored parts build', () => {
    const seed = seedFrom('STORED_SV_SEED', 'storedStateVector');
    for (let run = 0; run < 20; run++) {
      const updates = history(seed + run);
      const cut = 1 + createRng(seed + run).int(updates.length - 1);
      const snapshot = Y.mergeUpdates(updates.slice(0, cut));
      const log = updates.slice(cut);
      expect(Y.decodeStateVector(storedStateVector(snapshot, log))).toEqual(
        docVector([snapshot, ...log]),
      );
      expect(Y.decodeStateVector(storedStateVector(null, updates))).toEqual(docVector(updates));
    }
  });

  it('stops at a gap in a client’s updates, as a document keeps what follows pending', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['one ', 'two ', 'three ', 'four ']) {
      doc.getText('t').insert(doc.getText('t').length, word);
    }
    const withGap = [updates[0], updates[2], updates[3]];
    const vector = Y.decodeStateVector(storedStateVector(null, withGap));
    expect(vector.get(7)).toBe('one '.length);
    expect(vector).toEqual(docVector(withGap));
    // The same gap between the snapshot and the log after it.
    const afterSnapshot = Y.decodeStateVector(storedStateVector(updates[0], withGap.slice(1)));
    expect(afterSnapshot).toEqual(vector);
  });
});
