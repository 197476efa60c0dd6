/**
 * Warms a fresh history engine's code before the first real request.
 *
 * A new worker thread runs Yjs and the renderer unoptimised: applying the
 * trace brief's log took 125–170 ms on the first try in a fresh thread and
 * 90–110 ms after this warm-up (bench/history.ts, "first open after a
 * restart").
 * So the worker first puts the engine through every job it serves — a
 * made-up brief of a few paragraphs typed and edited by two authors over
 * several updates, with revisions, opened, compared and summarised a few
 * times — and drops it. The brief is generated, not read from anywhere, so
 * warming costs no I/O and holds no memory afterwards.
 */
import * as Y from 'yjs';
import { deletedRanges, encodeRanges } from './deleteSets.ts';
import type { HistoryEngine } from './engine.ts';
import type { Feed, Job, PointSpec, RawPoint } from './protocol.ts';
import type { WireBytes } from './slab.ts';

/** Not a brief id a real brief can have (those are validated in shared/briefId.ts). */
const WARM_UP_BRIEF = '\u0000warm-up';
const AUTHORS: Array<[number, string]> = [
  [1_000_001, 'warm-up-a'],
  [1_000_002, 'warm-up-b'],
];
const UPDATES = 16;
const EDITS_PER_UPDATE = 120;

interface Made {
  updates: Uint8Array[];
  points: Array<{ spec: Extract<PointSpec, { kind: 'revision' }>; raw: RawPoint }>;
}

/** A small deterministic generator: warming must not depend on chance. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Two authors typing, deleting and splitting paragraphs; a revision after each update. */
function makeBrief(field: string): Made {
  const random = lcg(0x5eed);
  const docs = AUTHORS.map(([client]) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = client;
    return doc;
  });
  const updates: Uint8Array[] = [];
  const points: Made['points'] = [];
  const words = ['policy', 'brief', 'trade', 'security', 'migration', 'partners', 'the', 'and'];
  for (let u = 0; u < UPDATES; u++) {
    const doc = docs[u % docs.length];
    const fragment = doc.getXmlFragment(field);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let e = 0; e < EDITS_PER_UPDATE; e++) {
        if (fragment.length === 0 || random() < 0.05) {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText()]);
          fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
          continue;
        }
        const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
        const text = paragraph.get(0) as Y.XmlText;
        const at = Math.floor(random() * (text.length + 1));
        if (random() < 0.3 && text.length > 0) {
          text.delete(Math.min(at, text.length - 1), 1 + Math.floor(random() * 4));
        } else {
          const word = words[Math.floor(random() * words.length)] + ' ';
          text.insert(at, word, random() < 0.1 ? { bold: true } : {});
        }
      }
    });
    const update = Y.encodeStateAsUpdate(doc, before);
    updates.push(update);
    for (const other of docs) if (other !== doc) Y.applyUpdate(other, update);
    const stateVector = Y.encodeStateVector(doc);
    const deleted = encodeRanges(deletedRanges(doc));
    points.push({
      spec: { kind: 'revision', id: u + 1, stateVector, deleted: [deleted] },
      raw: { stateVector, deleted },
    });
  }
  for (const doc of docs) doc.destroy();
  return { updates, points };
}

/**
 * Runs `rounds` passes of every job over a generated brief, then forgets it
 * and hands back the slab regions its results took.
 */
export function warmUpEngine(engine: HistoryEngine, field: string, rounds = 2): void {
  const { updates, points } = makeBrief(field);
  const release = (wire: WireBytes) => {
    if ('slab' in wire) engine.release(wire.slab);
  };
  try {
    for (let round = 0; round < rounds; round++) {
      engine.forget(WARM_UP_BRIEF);
      const feed: Feed = { base: null, snapshot: null, updates, seq: updates.length };
      const run = (job: Job) => engine.run(WARM_UP_BRIEF, feed, job).result;
      run({ kind: 'warm' });
      // Later jobs find the copy at `seq` and apply nothing more.
      feed.base = feed.seq;
      feed.updates = [];
      release(run({ kind: 'content', at: { kind: 'current' } }) as WireBytes);
      for (let i = 0; i < points.length; i += 4) {
        const { spec, raw } = points[i];
        release(run({ kind: 'content', at: spec }) as WireBytes);
        run({ kind: 'hash', at: spec });
        const earlier = i > 0 ? points[i - 1] : null;
        run({ kind: 'summary', later: raw, earlier: earlier?.raw ?? null });
        const compared = run({
          kind: 'compare',
          from: earlier?.spec ?? { kind: 'current' },
          to: spec,
          clientAuthors: AUTHORS,
          attribution: [],
          live: [[AUTHORS[1][1], raw.deleted]],
        }) as { doc: WireBytes };
        release(compared.doc);
      }
    }
  } finally {
    engine.forget(WARM_UP_BRIEF);
  }
}
