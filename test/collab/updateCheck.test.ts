/**
 * updateCheck: the updates Yjs decodes but cannot integrate are refused, and
 * every update real editing produces is accepted.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateProblem } from '../../server/collab/updateCheck.ts';
import {
  craftUpdate,
  deletedItem,
  gcStruct,
  skipStruct,
  stringItem,
  typeItem,
  type Placement,
  type StructWriter,
  type TypeRef,
} from '../helpers/craftUpdate.ts';
import { createRng, seedFrom } from '../helpers/random.ts';

/** A brief as the editor holds it: a paragraph of text, part of it deleted, and a map entry. */
function briefDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = 5;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, 'hello');
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  text.delete(1, 2);
  doc.getMap('meta').set('a', 1);
  return doc;
}

/** Applies, then checks the result still encodes and loads into a new document. */
function applyAndReload(update: Uint8Array): void {
  const doc = briefDoc();
  Y.applyUpdate(doc, update);
  const reloaded = new Y.Doc({ gc: false });
  Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
  reloaded.getXmlFragment('default').toString();
}

describe('updateProblem', () => {
  const poisoned: Record<string, Uint8Array> = {
    'deleted content of length 0': craftUpdate([
      { client: 78, clock: 0, structs: [deletedItem(0), stringItem('a', { root: 'default' })] },
    ]),
    'an origin at its own position': craftUpdate([
      { client: 77, clock: 0, structs: [stringItem('a', { origin: [77, 0] })] },
    ]),
    'an origin later in its own client': craftUpdate([
      { client: 77, clock: 0, structs: [stringItem('a', { origin: [77, 3] })] },
    ]),
    'a parent at its own position': craftUpdate([
      { client: 80, clock: 0, structs: [stringItem('x', { parent: [80, 0] })] },
    ]),
    'a deletion of length 0 after good structs': craftUpdate(
      [{ client: 91, clock: 0, structs: [stringItem('a', { root: 'default' })] }],
      [{ client: 90, ranges: [[6, 0]] }],
    ),
  };

  it.each(Object.keys(poisoned))('refuses %s, which Yjs throws on part-way', (name) => {
    const update = poisoned[name];
    // The reason for the rule: Yjs decodes it, then fails to integrate it.
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    expect(() => Y.applyUpdate(briefDoc(), update)).toThrow();
    expect(updateProblem(update)).toEqual(expect.any(String));
  });

  it('refuses bytes that are not an update', () => {
    expect(updateProblem(new Uint8Array([3, 99, 12, 7, 250, 250, 1]))).toEqual(expect.any(String));
  });

  it('accepts every update of real typing, their merges, diffs and whole states', () => {
    const file = path.resolve(
      import.meta.dirname,
      '../../../shared/traces/automerge-paper.json.gz',
    );
    const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as {
      txns: { patches: [number, number, string][] }[];
    };
    const doc = new Y.Doc({ gc: false });
    const text = doc.getText('trace');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    let halfway: Uint8Array | null = null;
    for (const [i, txn] of trace.txns.slice(0, 20_000).entries()) {
      doc.transact(() => {
        for (const [pos, deleted, inserted] of txn.patches) {
          if (deleted > 0) text.delete(pos, deleted);
          if (inserted) text.insert(pos, inserted);
        }
      });
      if (i === 10_000) halfway = Y.encodeStateVector(doc);
    }
    const refused = updates.filter((u) => updateProblem(u) !== null);
    expect(refused).toHaveLength(0);
    expect(updateProblem(Y.mergeUpdates(updates.slice(5_000, 5_500)))).toBeNull();
    expect(updateProblem(Y.encodeStateAsUpdate(doc, halfway!))).toBeNull();
    expect(updateProblem(Y.encodeStateAsUpdate(doc))).toBeNull();
  });

  it('accepts rich-text edits of two people, merged out of order', () => {
    const a = briefDoc();
    const b = new Y.Doc({ gc: false });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const seen: Uint8Array[] = [];
    for (const doc of [a, b]) doc.on('update', (u: Uint8Array) => seen.push(u));
    const text = (doc: Y.Doc) =>
      (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text(a).insert(1, 'bold ', { bold: true });
    text(b).insert(0, 'Intro: ');
    text(a).format(0, 3, { italic: true });
    text(b).delete(2, 4);
    b.getXmlFragment('default').insert(1, [new Y.XmlElement('heading')]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const u of seen) expect(updateProblem(u)).toBeNull();
    expect(updateProblem(Y.mergeUpdates([...seen].reverse()))).toBeNull();
  });

  it('never passes an update that Yjs then fails to apply (random updates)', () => {
    const rng = createRng(seedFrom('UPDATE_CHECK_SEED', 'updateCheck'));
    const id = (): [number, number] => [rng.pick([5, 90, 91, 92]), rng.int(12)];
    const placement = (): Placement =>
      rng.pick<() => Placement>([
        () => ({ origin: id() }),
        () => ({ root: rng.pick(['default', 'meta']), key: rng.chance(0.3) ? 'k' : undefined }),
        () => ({ parent: id() }),
      ])();
    const struct = (): StructWriter =>
      rng.pick<() => StructWriter>([
        () => stringItem(rng.pick(['', 'a', 'bc']), placement()),
        () => deletedItem(rng.int(3)),
        () => gcStruct(rng.int(3)),
        () => skipStruct(rng.int(3)),
        () => typeItem(rng.pick<TypeRef>([0, 1, 3, 6]), placement()),
      ])();
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const update = craftUpdate(
        Array.from({ length: 1 + rng.int(2) }, () => ({
          client: rng.pick([90, 91, 93]),
          clock: rng.pick([0, 0, 1, 3, 7, 10]),
          structs: Array.from({ length: 1 + rng.int(3) }, struct),
        })),
        rng.chance(0.3) ? [{ client: rng.pick([5, 90]), ranges: [[rng.int(8), rng.int(4)]] }] : [],
      );
      if (updateProblem(update) !== null) continue;
      accepted++;
      expect(() => applyAndReload(update), Buffer.from(update).toString('hex')).not.toThrow();
    }
    // The generator must reach Yjs often enough for this to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });
});
