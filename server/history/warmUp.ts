/**
 * Warms a fresh history engine's code before the first real request.
 *
 * A new worker thread runs Yjs and the renderer unoptimised, and V8 only
 * optimises what has run hot on documents of the same shape. The first open
 * of the automerge-paper brief after a restart applies a 452 KB snapshot of
 * 14,488 structs, a quarter of them paragraphs that Enter created and
 * Backspace deleted again. In a fresh worker, pinned to one core, the whole
 * open took 125–135 ms after the earlier warm-up (a few hundred words typed
 * into a few paragraphs, fed only as a log), and 80–110 ms after this one:
 * two authors type ~8,000 keystrokes the way the editor does — Enter
 * splitting a paragraph, Backspace at its start joining it to the one above,
 * each keystroke reaching a server copy as its own update — and the engine
 * serves every job on the result four times over, fed once as a log and once
 * as a compacted snapshot, the way a restart loads a brief. It costs about a
 * second of the worker's (low-priority) time at start-up.
 *
 * The brief is generated, not read from anywhere, so warming costs no I/O
 * and holds no memory afterwards.
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
const KEYSTROKES_PER_UPDATE = 500;

interface Made {
  updates: Uint8Array[];
  /** The whole brief as compaction stores it: one update encoded from a document. */
  snapshot: Uint8Array;
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

function plainText(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

/**
 * One author at the keyboard of one document: typing, Backspace, Enter, the
 * odd bold word and jump elsewhere, each paragraph an XmlElement holding an
 * XmlText as the editor's schema has it.
 */
class Typist {
  private paragraph = 0;
  private offset = 0;

  constructor(
    private readonly fragment: Y.XmlFragment,
    private readonly random: () => number,
  ) {}

  keystroke(): void {
    const { fragment, random } = this;
    if (fragment.length === 0) fragment.insert(0, [newParagraph('')]);
    this.paragraph = Math.min(this.paragraph, fragment.length - 1);
    const text = textOf(fragment, this.paragraph);
    this.offset = Math.min(this.offset, text.length);
    const roll = random();
    if (roll < 0.03) {
      this.paragraph = Math.floor(random() * fragment.length);
      this.offset = Math.floor(random() * (textOf(fragment, this.paragraph).length + 1));
    } else if (roll < 0.07) {
      // Enter: the text after the cursor moves to a new paragraph below.
      const tail = plainText(text).slice(this.offset);
      if (tail) text.delete(this.offset, tail.length);
      fragment.insert(this.paragraph + 1, [newParagraph(tail)]);
      this.paragraph++;
      this.offset = 0;
    } else if (roll < 0.17) {
      if (this.offset > 0) {
        text.delete(--this.offset, 1);
      } else if (this.paragraph > 0) {
        // Backspace at the start: this paragraph joins the one above.
        const carried = plainText(text);
        const above = textOf(fragment, this.paragraph - 1);
        const at = above.length;
        fragment.delete(this.paragraph, 1);
        if (carried) above.insert(at, carried);
        this.paragraph--;
        this.offset = at;
      }
    } else if (roll < 0.18 && text.length > this.offset + 4) {
      text.format(this.offset, 4, { bold: random() < 0.5 ? true : null });
    } else {
      text.insert(this.offset++, 'etaoin shrdlu'[Math.floor(random() * 13)]);
    }
  }
}

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * Two authors taking turns at one brief, each keystroke sent to a server's
 * copy as its own update (as the relay receives them); a revision after
 * each turn.
 */
function makeBrief(field: string): Made {
  const random = lcg(0x5eed);
  const server = new Y.Doc({ gc: false });
  const docs = AUTHORS.map(([client]) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = client;
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
    return doc;
  });
  const typists = docs.map((doc) => new Typist(doc.getXmlFragment(field), random));
  const updates: Uint8Array[] = [];
  const points: Made['points'] = [];
  for (let u = 0; u < UPDATES; u++) {
    const author = u % docs.length;
    const before = Y.encodeStateVector(server);
    for (let k = 0; k < KEYSTROKES_PER_UPDATE; k++) {
      docs[author].transact(() => typists[author].keystroke());
    }
    updates.push(Y.encodeStateAsUpdate(server, before));
    // The other author catches up before their turn.
    const other = docs[(author + 1) % docs.length];
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)));
    const stateVector = Y.encodeStateVector(server);
    const deleted = encodeRanges(deletedRanges(server));
    points.push({
      spec: { kind: 'revision', id: u + 1, stateVector, deleted: [deleted] },
      raw: { stateVector, deleted },
    });
  }
  const snapshot = Y.encodeStateAsUpdate(server);
  for (const doc of [...docs, server]) doc.destroy();
  return { updates, snapshot, points };
}

/**
 * Runs `rounds` passes of every job over a generated brief — fed as a log of
 * updates, then as the snapshot a restart loads — then forgets it and hands
 * back the slab regions its results took.
 */
export function warmUpEngine(engine: HistoryEngine, field: string, rounds = 4): void {
  const { updates, snapshot, points } = makeBrief(field);
  const release = (wire: WireBytes) => {
    if ('slab' in wire) engine.release(wire.slab);
  };
  const feeds: Array<() => Feed> = [
    () => ({ base: null, snapshot: null, updates, seq: updates.length }),
    () => ({ base: null, snapshot, updates: [], seq: updates.length }),
  ];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const makeFeed of feeds) {
        engine.forget(WARM_UP_BRIEF);
        const feed = makeFeed();
        const run = (job: Job) => engine.run(WARM_UP_BRIEF, feed, job).result;
        run({ kind: 'warm' });
        // Later jobs find the copy at `seq` and apply nothing more.
        feed.base = feed.seq;
        feed.snapshot = null;
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
    }
  } finally {
    engine.forget(WARM_UP_BRIEF);
  }
}
