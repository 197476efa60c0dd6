/**
 * The relay's wire format, and the presence helpers the relay uses to
 * withdraw and filter other instances' presence. No services needed.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  decodeEnvelope,
  encodeAwarenessRemoval,
  encodeEnvelope,
  filterAwarenessUpdate,
  RelayDecodeError,
  type Envelope,
} from '../../server/relay/codec.ts';

describe('relay messages', () => {
  it('round-trip every kind, bytes and unicode included', () => {
    const envelopes: Envelope[] = [
      {
        from: 'instance-ü',
        message: {
          kind: 'updates',
          updates: [
            { seq: 2 ** 40, data: Uint8Array.from([0, 255, 7]), user: { id: 'u1', name: 'Aña' } },
            { seq: 1, data: new Uint8Array(), user: { id: null, name: '' } },
            { seq: 3, data: Uint8Array.from([1]), user: { id: '', name: 'empty id' } },
          ],
        },
      },
      { from: 'a', message: { kind: 'awareness', update: Uint8Array.from([1, 2, 3]) } },
      { from: 'b', message: { kind: 'query-awareness' } },
      { from: 'c', message: { kind: 'repair' } },
    ];
    for (const envelope of envelopes) {
      expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
    }
  });

  it('refuse truncated, trailing, unknown-kind and future-version messages with a named error', () => {
    const good = encodeEnvelope({
      from: 'x',
      message: { kind: 'awareness', update: Uint8Array.from([9, 9]) },
    });
    const bad = [
      good.slice(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      Uint8Array.from([1, 1, 120, 9]),
      Uint8Array.from([2, ...good.slice(1)]),
      new Uint8Array(),
    ];
    for (const bytes of bad) expect(() => decodeEnvelope(bytes)).toThrow(RelayDecodeError);
  });
});

describe('relayed presence', () => {
  function awarenessWith(clientId: number, state: Record<string, unknown>) {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(state);
    return awareness;
  }

  it('filters entries by client, keeping each as it was sent', () => {
    const one = awarenessWith(1, { user: { name: 'Ana' } });
    const two = awarenessWith(2, { user: { name: 'Ben' } });
    const receiver = awarenessWith(99, {});
    awarenessProtocol.applyAwarenessUpdate(
      receiver,
      awarenessProtocol.encodeAwarenessUpdate(one, [1]),
      null,
    );
    awarenessProtocol.applyAwarenessUpdate(
      receiver,
      awarenessProtocol.encodeAwarenessUpdate(two, [2]),
      null,
    );
    const both = awarenessProtocol.encodeAwarenessUpdate(receiver, [1, 2]);
    expect(filterAwarenessUpdate(both, () => true)).toBe(both);
    expect(filterAwarenessUpdate(both, () => false)).toBeNull();
    const onlyBen = filterAwarenessUpdate(both, (id) => id === 2)!;
    const fresh = awarenessWith(98, {});
    awarenessProtocol.applyAwarenessUpdate(fresh, onlyBen, null);
    expect([...fresh.getStates().keys()].sort()).toEqual([2, 98]);
    expect(fresh.getStates().get(2)).toEqual({ user: { name: 'Ben' } });
    for (const a of [one, two, receiver, fresh]) a.destroy();
  });

  it('withdraws presence with a removal another awareness accepts', () => {
    const ana = awarenessWith(1, { user: { name: 'Ana' } });
    const elsewhere = awarenessWith(50, {});
    awarenessProtocol.applyAwarenessUpdate(
      elsewhere,
      awarenessProtocol.encodeAwarenessUpdate(ana, [1]),
      null,
    );
    expect(elsewhere.getStates().has(1)).toBe(true);
    const clock = elsewhere.meta.get(1)!.clock;
    awarenessProtocol.applyAwarenessUpdate(
      elsewhere,
      encodeAwarenessRemoval([{ clientId: 1, clock }]),
      null,
    );
    expect(elsewhere.getStates().has(1)).toBe(false);
    ana.destroy();
    elsewhere.destroy();
  });
});
