/**
 * Save acknowledgements (`?acks=1`, message type 100): the committed state
 * vector, then how many of the connection's non-empty updates are stored. The
 * count is what tells a client that a change which only deletes — it moves no
 * state vector — has been stored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { openRaw, waitFor, type RawSocket } from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

function syncMessage(kind: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** The stored-update counts of the acknowledgements received so far, in order. */
function ackCounts(raw: RawSocket): number[] {
  const counts: number[] = [];
  for (const message of raw.messages) {
    const d = decoding.createDecoder(message);
    if (decoding.readVarUint(d) !== MessageType.SavedState) continue;
    decoding.readVarUint8Array(d);
    counts.push(decoding.readVarUint(d));
  }
  return counts;
}

describe('save acknowledgements', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('count each stored non-empty update, deletions included, and not empty ones', async () => {
    server = await startServer();
    const brief = await server.createBrief('Acks');
    const raw = await openRaw(`${server.wsUrl}/${brief.id}?acks=1`, { cookie: server.cookie });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');

    text.insert(0, 'abc');
    raw.send(syncMessage(SyncMessageType.Update, updates[0]));
    await waitFor(() => ackCounts(raw).includes(1), { message: 'the first ack' });

    text.delete(2, 1); // only deletes: the state vector stays where it was
    raw.send(syncMessage(SyncMessageType.Update, updates[1]));
    raw.send(syncMessage(SyncMessageType.Step2, new Uint8Array([0, 0])));
    await waitFor(() => ackCounts(raw).includes(2), { message: 'the deletion acked' });
    await waitFor(() => ackCounts(raw).length >= 3, { message: 'the empty step 2 acked' });

    // The empty step 2 is acknowledged at once, before the deletion sent ahead
    // of it is committed: its count (1) does not claim the deletion.
    expect(ackCounts(raw)).toEqual([1, 1, 2]);
    expect((await storedDoc(server.storage, brief.id)).getText('t').toString()).toBe('ab');
    raw.ws.close();
  });
});
