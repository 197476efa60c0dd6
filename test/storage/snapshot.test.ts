import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeIntoSnapshot } from '../../server/storage/snapshot.ts';

/** Each keystroke its own update, as a live editor sends them. */
function typed(text: string, clientID = 1): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const t = doc.getText('t');
  for (const ch of text) t.insert(t.length, ch);
  return { doc, updates };
}

describe('mergeIntoSnapshot', () => {
  it('encodes the same state as the parts, several times smaller than Y.mergeUpdates', () => {
    const { doc, updates } = typed('the quick brown fox jumps over the lazy dog '.repeat(40));
    doc.getText('t').delete(10, 200);
    const parts = updates;
    const snapshot = mergeIntoSnapshot(Y, parts);
    const loaded = new Y.Doc({ gc: false });
    Y.applyUpdate(loaded, snapshot);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
    expect(snapshot.byteLength * 5).toBeLessThan(Y.mergeUpdates(parts).byteLength);
  });

  it('keeps deleted text, so earlier states can still be rendered', () => {
    const { doc, updates } = typed('keep this sentence');
    const before = Y.snapshot(doc);
    doc.getText('t').delete(0, 5);
    const parts = [Y.mergeUpdates(updates), Y.encodeStateAsUpdate(doc)];
    const loaded = new Y.Doc({ gc: false });
    Y.applyUpdate(loaded, mergeIntoSnapshot(Y, parts));
    expect(loaded.getText('t').toString()).toBe('this sentence');
    const past = Y.createDocFromSnapshot(loaded, before);
    expect(past.getText('t').toString()).toBe('keep this sentence');
  });

  it('keeps an update whose dependencies are missing, to be completed later', () => {
    const { updates } = typed('abc');
    const [first, second, third] = updates;
    const snapshot = mergeIntoSnapshot(Y, [first, third]);
    const partial = new Y.Doc();
    Y.applyUpdate(partial, snapshot);
    expect(partial.getText('t').toString()).toBe('a');
    Y.applyUpdate(partial, second);
    expect(partial.getText('t').toString()).toBe('abc');
  });

  it('refuses a part that is not a Yjs update', () => {
    expect(() => mergeIntoSnapshot(Y, [new Uint8Array([200, 1, 2, 3])])).toThrow();
  });
});
