import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { decodeClientMessage } from '../../server/collab/messages.ts';
import { ProtocolError } from '../../server/collab/errors.ts';
import { MessageType } from '../../shared/protocol.ts';
import {
  briefIdFromCollabPath,
  isBriefId,
  newBriefId,
  parseBriefId,
} from '../../shared/briefId.ts';
import { closeCodeName, CloseCode } from '../../shared/closeCodes.ts';

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function rejects(bytes: Uint8Array): string {
  try {
    decodeClientMessage(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return (error as ProtocolError).closeCode;
  }
  throw new Error('frame was accepted');
}

describe('decodeClientMessage', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');

  it('decodes what y-protocols encodes', () => {
    const step1 = frame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1).kind).toBe('sync-step1');
    const step2 = frame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientMessage(step2).kind).toBe('sync-step2');
    const upd = frame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    const decoded = decodeClientMessage(upd);
    expect(decoded.kind).toBe('sync-update');

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ana', color: '#000' } });
    const aw = frame((e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
    });
    const message = decodeClientMessage(aw);
    expect(message.kind).toBe('awareness');
    if (message.kind === 'awareness') {
      expect(message.entries).toEqual([
        { clientId: doc.clientID, clock: 1, state: { user: { name: 'Ana', color: '#000' } } },
      ]);
    }
    awareness.destroy();
    expect(decodeClientMessage(new Uint8Array([MessageType.QueryAwareness])).kind).toBe(
      'query-awareness',
    );
  });

  it('rejects unknown and server-only message types', () => {
    expect(rejects(new Uint8Array([42]))).toBe('UnknownMessageType');
    expect(rejects(new Uint8Array([MessageType.Auth, 0]))).toBe('UnknownMessageType');
    expect(rejects(new Uint8Array([MessageType.SavedState, 0]))).toBe('UnknownMessageType');
    expect(rejects(new Uint8Array([MessageType.Sync, 7, 0]))).toBe('UnknownMessageType');
  });

  it('rejects truncated frames, overflowing varints and lying length prefixes', () => {
    expect(rejects(new Uint8Array([]))).toBe('MalformedFrame');
    expect(rejects(new Uint8Array([0x80]))).toBe('MalformedFrame');
    expect(
      rejects(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
    ).toBe('MalformedFrame');
    // Length prefix of 1000 with 3 bytes behind it, inside a larger buffer.
    const pool = new Uint8Array(4096);
    pool.set([MessageType.Sync, 2, 0xe8, 0x07, 1, 2, 3]);
    expect(rejects(pool.subarray(0, 7))).toBe('MalformedFrame');
    // Trailing garbage after a valid message.
    expect(rejects(new Uint8Array([MessageType.QueryAwareness, 0]))).toBe('MalformedFrame');
  });

  it('rejects updates that are not Yjs updates', () => {
    const bad = frame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 9, 9, 9]));
    });
    expect(rejects(bad)).toBe('MalformedFrame');
  });

  it('rejects awareness that is not JSON, or too many entries', () => {
    const notJson = frame((e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, 5);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, '{nope');
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
    expect(rejects(notJson)).toBe('MalformedFrame');
    const many = frame((e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1000);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
    expect(rejects(many)).toBe('AwarenessRejected');
  });
});

describe('brief ids', () => {
  it('accepts generated ids and refuses path tricks', () => {
    const id = newBriefId();
    expect(isBriefId(id)).toBe(true);
    expect(parseBriefId(id)).toBe(id);
    for (const bad of [
      '',
      'abc',
      '../../etc',
      'a/b/cdefg',
      'abc%2Fdef',
      'x'.repeat(65),
      'abcdé f',
    ]) {
      expect(isBriefId(bad)).toBe(false);
    }
    expect(() => parseBriefId('../x')).toThrow(/Brief ids are/);
    expect(briefIdFromCollabPath(`/collab/${id}`)).toBe(id);
    expect(briefIdFromCollabPath(`/collab/${id}/extra`)).toBeNull();
    expect(briefIdFromCollabPath(`/collab/..%2F${id}`)).toBeNull();
    expect(briefIdFromCollabPath(`/other/${id}`)).toBeNull();
  });

  it('close codes are unique and named both ways', () => {
    const codes = Object.values(CloseCode).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(closeCodeName(CloseCode.ServerRestarting.code)).toBe('ServerRestarting');
    for (const info of Object.values(CloseCode)) {
      expect(Buffer.byteLength(info.reason)).toBeLessThanOrEqual(123);
    }
  });
});
