/**
 * RoomRelay against a scripted relay and storage, for the orderings the
 * end-to-end tests cannot force: a message that arrives while the room is
 * still reading storage, a message that never arrives, a relay that
 * reconnects, and presence for a client this instance speaks for.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import { LOAD_ORIGIN, Room } from '../../server/collab/room.ts';
import type { Connection } from '../../server/collab/connection.ts';
import { RemoteOrigin, type CommittedUpdate } from '../../server/collab/commitQueue.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import { RoomRelay } from '../../server/relay/rooms.ts';
import type { Relay, RelayListener, RelayMessage } from '../../server/relay/types.ts';
import type { StoredDocument } from '../../server/storage/index.ts';

class ScriptedRelay implements Relay {
  readonly instanceId = 'here';
  listener!: RelayListener;
  readonly published: Array<{ briefId: BriefId; message: RelayMessage }> = [];
  readonly subscribed = new Set<BriefId>();
  setListener(listener: RelayListener): void {
    this.listener = listener;
  }
  async start(): Promise<void> {}
  async subscribe(briefId: BriefId): Promise<boolean> {
    this.subscribed.add(briefId);
    return true;
  }
  unsubscribe(briefId: BriefId): void {
    this.subscribed.delete(briefId);
  }
  publish(briefId: BriefId, message: RelayMessage): void {
    this.published.push({ briefId, message });
  }
  async close(): Promise<void> {}
}

/** A log of updates with seqs, as storage would hold it. */
class ScriptedStorage {
  readonly log: Array<{ seq: number; data: Uint8Array }> = [];
  reads: number[] = [];
  async loadUpdatesAfter(_id: BriefId, afterSeq: number): Promise<StoredDocument> {
    this.reads.push(afterSeq);
    return { snapshot: null, snapshotSeq: 0, updates: this.log.filter((u) => u.seq > afterSeq) };
  }
}

/** Another instance's editor: each call makes one more update. */
function editor(name: string) {
  const doc = new Y.Doc();
  let seq = 0;
  return (text: string, atSeq = ++seq) => {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, text);
    return { seq: atSeq, data: Y.encodeStateAsUpdate(doc, before), user: { id: name, name } };
  };
}

const text = (room: Room) => room.doc.getText('t').toString();
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

function setup() {
  const relay = new ScriptedRelay();
  const storage = new ScriptedStorage();
  const rooms = new RoomRelay({ relay, storage, logger: createMemoryLogger() });
  return { relay, storage, rooms };
}

describe('RoomRelay', () => {
  it('subscribes before storage is read, holds what arrives during the load, applies it after', async () => {
    const { relay, storage, rooms } = setup();
    const briefId = newBriefId();
    const write = editor('ana');
    const first = write('stored ');
    const second = write('relayed during the load');
    storage.log.push(first);
    let subscribedBeforeRead = false;
    const room = new Room(briefId, createMemoryLogger(), async (r) => {
      await rooms.hooks.roomLoading(r);
      subscribedBeforeRead = relay.subscribed.has(briefId);
      // The other instance commits and publishes while this one reads storage.
      relay.listener.message(briefId, { kind: 'updates', updates: [second] });
      expect(text(r)).toBe('');
      Y.applyUpdate(r.doc, first.data, LOAD_ORIGIN);
      r.storedSeq = first.seq;
    });
    await room.loaded;
    rooms.hooks.roomLoaded(room);
    expect(subscribedBeforeRead).toBe(true);
    expect(text(room)).toBe('stored relayed during the load');
    // It asks the others who is present.
    expect(relay.published.map((p) => p.message.kind)).toContain('query-awareness');
    rooms.hooks.roomClosed(room);
    expect(relay.subscribed.has(briefId)).toBe(false);
    room.destroy();
  });

  it('repairs a dropped message from storage when asked, and after the relay reconnects', async () => {
    const { relay, storage, rooms } = setup();
    const briefId = newBriefId();
    const write = editor('ben');
    const room = new Room(briefId, createMemoryLogger(), (r) => rooms.hooks.roomLoading(r));
    await room.loaded;
    rooms.hooks.roomLoaded(room);
    const relayed: Uint8Array[] = [];
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin instanceof RemoteOrigin) relayed.push(update);
    });

    const lost = write('lost ');
    const next = write('next');
    storage.log.push(lost, next);
    // Only the second message arrives: Yjs holds it until what it follows comes.
    relay.listener.message(briefId, { kind: 'updates', updates: [next] });
    expect(text(room)).toBe('');
    relay.listener.message(briefId, { kind: 'repair' });
    await settle();
    expect(text(room)).toBe('lost next');
    expect(room.storedSeq).toBe(next.seq);
    expect(storage.reads).toEqual([0]);

    const later = write(' later');
    storage.log.push(later);
    relay.listener.resync();
    await settle();
    expect(text(room)).toBe('lost next later');
    // Read after what it had read, not from the start.
    expect(storage.reads).toEqual([0, next.seq]);
    expect(relayed.length).toBeGreaterThan(0);
    rooms.hooks.roomClosed(room);
    room.destroy();
  });

  it("publishes commits with their seq and sender, and never another instance's presence for a local client", async () => {
    const { relay, rooms } = setup();
    const briefId = newBriefId();
    const room = new Room(briefId, createMemoryLogger(), (r) => rooms.hooks.roomLoading(r));
    await room.loaded;
    rooms.hooks.roomLoaded(room);

    const update = editor('x')('typed here').data;
    const sender = { user: { id: 'u1', sessionId: 's1', name: 'Cy' } } as unknown as Connection;
    const committed: CommittedUpdate[] = [{ update, seq: 42, origin: sender }];
    rooms.hooks.committed(room, committed);
    const out = relay.published.at(-1)!.message;
    expect(out).toEqual({
      kind: 'updates',
      updates: [{ seq: 42, data: update, user: { id: 'u1', name: 'Cy' } }],
    });

    // A client that moved here from the other instance: its old connection there
    // must not be able to remove its presence here. (A stand-in for the live
    // connection: only the client ids it claims, and a send, matter.)
    const local = { clientIds: new Set([7]), sendWire: () => undefined } as unknown as Connection;
    room.connections.add(local);
    const elsewhere = new awarenessProtocol.Awareness(new Y.Doc());
    const mine = new Y.Doc();
    mine.clientID = 7;
    const moved = new awarenessProtocol.Awareness(mine);
    moved.setLocalState({ user: { name: 'Moved' } });
    awarenessProtocol.applyAwarenessUpdate(
      room.awareness,
      awarenessProtocol.encodeAwarenessUpdate(moved, [7]),
      null,
    );
    elsewhere.setLocalState({ user: { name: 'Elsewhere' } });
    const removal = awarenessProtocol.encodeAwarenessUpdate(elsewhere, [elsewhere.clientID]);
    moved.setLocalState(null);
    const both = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(both, removal, null);
    awarenessProtocol.applyAwarenessUpdate(
      both,
      awarenessProtocol.encodeAwarenessUpdate(moved, [7]),
      null,
    );
    relay.listener.message(briefId, {
      kind: 'awareness',
      update: awarenessProtocol.encodeAwarenessUpdate(both, [elsewhere.clientID, 7]),
    });
    expect(room.awareness.getStates().get(7)).toEqual({ user: { name: 'Moved' } });
    expect(room.awareness.getStates().get(elsewhere.clientID)).toEqual({
      user: { name: 'Elsewhere' },
    });

    // Closing with the client still here withdraws its presence elsewhere.
    rooms.hooks.roomClosed(room);
    const last = relay.published.at(-1)!.message;
    expect(last.kind).toBe('awareness');
    const check = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(
      check,
      awarenessProtocol.encodeAwarenessUpdate(room.awareness, [7]),
      null,
    );
    if (last.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(check, last.update, null);
    expect(check.getStates().has(7)).toBe(false);
    for (const a of [elsewhere, moved, both, check]) a.destroy();
    room.destroy();
  });
});
