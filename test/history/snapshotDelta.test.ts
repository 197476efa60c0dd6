/**
 * snapshotDelta must give exactly what Yjs's own `toDelta(snapshot, prev,
 * computeYChange)` gives — op for op, attributes and change ids included —
 * while leaving the document's structs as they were.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { snapshotDelta } from '../../server/history/snapshotDelta.ts';
import { createRng, seedFrom, type Rng } from '../helpers/random.ts';

const WORDS = ['policy ', 'brief ', 'trade ', 'the ', 'and ', '🇵🇾 ', 'naïve ', '𝔘𝔫𝔦 ', 'x'];

/** Several authors typing, formatting and deleting in one XmlText, with a snapshot after each round. */
function history(rng: Rng): { doc: Y.Doc; text: Y.XmlText; snapshots: Y.Snapshot[] } {
  const doc = new Y.Doc({ gc: false });
  const xml = new Y.XmlText();
  doc.getXmlFragment('f').insert(0, [xml]);
  const snapshots: Y.Snapshot[] = [Y.snapshot(doc)];
  const authors = [11, 22, 33];
  for (let round = 0; round < 12; round++) {
    doc.clientID = rng.pick(authors);
    doc.transact(() => {
      for (let e = 0; e < 1 + rng.int(25); e++) {
        const length = xml.length;
        const at = rng.int(length + 1);
        const roll = rng.next();
        if (roll < 0.3 && length > 0) {
          xml.delete(Math.min(at, length - 1), 1 + rng.int(Math.min(12, length - at + 1)));
        } else if (roll < 0.4 && length > 0) {
          const from = rng.int(length);
          xml.format(
            from,
            1 + rng.int(length - from),
            rng.chance(0.5) ? { bold: true } : { bold: null },
          );
        } else if (roll < 0.45) {
          xml.insertEmbed(at, { kind: 'citation', n: rng.int(9) });
        } else {
          const word = rng.pick(WORDS).repeat(1 + rng.int(3));
          xml.insert(at, word, rng.chance(0.2) ? { italic: true } : {});
        }
      }
    });
    snapshots.push(Y.snapshot(doc));
  }
  return { doc, text: xml, snapshots };
}

const yChange = (type: 'added' | 'removed' | 'formatted', id: Y.ID) => ({
  type,
  user: `author-${id.client}`,
  at: id.clock,
});

describe('snapshotDelta', () => {
  it('matches Yjs’s toDelta at every snapshot and between every pair, without splitting structs', () => {
    const seed = seedFrom('SNAPSHOT_DELTA_SEED', 'snapshotDelta');
    for (let run = 0; run < 25; run++) {
      const rng = createRng(seed + run);
      const { doc, text, snapshots } = history(rng);
      // Yjs's toDelta splits the document it reads; it reads a copy.
      const copy = new Y.Doc({ gc: false });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const copyText = copy.getXmlFragment('f').get(0) as Y.XmlText;
      const structsBefore = [...doc.store.clients.values()].reduce((n, s) => n + s.length, 0);
      for (let i = 0; i < snapshots.length; i++) {
        expect(snapshotDelta(text, snapshots[i])).toEqual(copyText.toDelta(snapshots[i]));
        for (let j = 0; j < i; j += 1 + rng.int(3)) {
          expect(snapshotDelta(text, snapshots[i], snapshots[j], yChange)).toEqual(
            copyText.toDelta(snapshots[i], snapshots[j], yChange),
          );
          expect(snapshotDelta(text, snapshots[j], snapshots[i], yChange)).toEqual(
            copyText.toDelta(snapshots[j], snapshots[i], yChange),
          );
        }
      }
      const structsAfter = [...doc.store.clients.values()].reduce((n, s) => n + s.length, 0);
      expect(structsAfter).toBe(structsBefore);
    }
  });

  it('repairs a surrogate pair cut by a snapshot as Yjs does', () => {
    const doc = new Y.Doc({ gc: false });
    const xml = new Y.XmlText();
    doc.getXmlFragment('f').insert(0, [xml]);
    // Two transactions that merge into one item whose halves of a pair lie
    // on either side of the first snapshot's state vector.
    xml.insert(0, 'a\ud83d');
    const at = Y.snapshot(doc);
    xml.insert(2, '\ude00b');
    expect(doc.store.clients.get(doc.clientID)?.length).toBe(2); // the XmlText, one string item
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const expected = (copy.getXmlFragment('f').get(0) as Y.XmlText).toDelta(at);
    expect(expected).toEqual([{ insert: 'a\ufffd' }]);
    expect(snapshotDelta(xml, at)).toEqual(expected);
  });

  it('marks text whose formatting changed between two snapshots, by whoever changed it', () => {
    const ana = new Y.Doc({ gc: false });
    ana.clientID = 1;
    const xml = new Y.XmlText();
    ana.getXmlFragment('f').insert(0, [xml]);
    xml.insert(0, 'Storage is at 92 percent, a record.', { italic: true });
    const before = Y.snapshot(ana);
    // Ben (client 2) makes "92 percent" bold and takes the italic off "a record".
    const ben = new Y.Doc({ gc: false });
    ben.clientID = 2;
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    const benText = ben.getXmlFragment('f').get(0) as Y.XmlText;
    benText.format(14, 10, { bold: true });
    benText.format(26, 8, { italic: null });
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    const after = Y.snapshot(ana);

    const ops = snapshotDelta(xml, after, before, yChange, true);
    const changed = ops.filter((op) => op.attributes?.ychange !== undefined);
    expect(changed.map((op) => [op.insert, op.attributes?.ychange])).toEqual([
      ['92 percent', { type: 'formatted', user: 'author-2', at: expect.any(Number) }],
      ['a record', { type: 'formatted', user: 'author-2', at: expect.any(Number) }],
    ]);
    // The rest reads as it is now, unmarked.
    expect(ops.map((op) => op.insert).join('')).toBe('Storage is at 92 percent, a record.');
    // Without the option, exactly Yjs's delta: no formatting marks.
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ana));
    expect(snapshotDelta(xml, after, before, yChange)).toEqual(
      (copy.getXmlFragment('f').get(0) as Y.XmlText).toDelta(after, before, yChange),
    );
    // Nothing changed between a snapshot and itself.
    expect(
      snapshotDelta(xml, after, after, yChange, true).some((op) => op.attributes?.ychange),
    ).toBe(false);
  });
});
