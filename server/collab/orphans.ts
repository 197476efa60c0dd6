/**
 * Text that a concurrent block change would lose, found and put back.
 *
 * The editor binding (y-tiptap) cannot change a block's type in place: a
 * Y.XmlElement's name is fixed, so turning a paragraph into a heading, a list
 * item or a quote deletes the element and inserts a new one with a copy of
 * its text, and joining two paragraphs deletes the second and copies its rest
 * into the first. Whatever someone else typed into the old element meanwhile
 * — online while the other person was offline, or the other way round — is
 * deleted with it: Yjs deletes an element's content with the element, and
 * content that arrives for a deleted element is deleted on arrival. Both
 * sides then converge on a brief without those words, and nothing says so.
 *
 * Those words are recognisable in the transaction that deletes them: text
 * inside a deleted XmlText that the update's author did not delete (it is not
 * in the update's own delete set), because they never saw it. `findOrphans`
 * collects such runs with the text around them as their author saw it, and
 * `rescueUpdate` writes each one back where that context now is — in the
 * heading, list item or joined paragraph the old block became — or, when the
 * context is gone too (the block was deleted outright), as a paragraph of its
 * own where the block was. The service commits the result like any update.
 */
import * as Y from 'yjs';

/** Yjs does not export the class's type by name. */
type DeleteSet = Y.Transaction['deleteSet'];

/** Characters of context kept on each side of an orphaned run. */
const CONTEXT = 40;
/** The shortest context that places a run: shorter ones match too many places. */
const MIN_MATCH = 8;

/** A run of someone's text deleted only because its block was. */
export interface OrphanRun {
  text: string;
  /** Up to CONTEXT characters before and after the run in its block, as its author saw them. */
  before: string;
  after: string;
  /** The Yjs client that typed it. */
  client: number;
  /** The deleted block element (or text) the run was in: where a new paragraph goes. */
  block: Y.ID;
}

type Category = 'orphan' | 'context' | 'none';

/**
 * Orphaned runs in a transaction that applied `update`. Cheap when the
 * transaction deleted no text inside a deleted block, which is nearly always.
 */
export function findOrphans(tr: Y.Transaction, update: Uint8Array): OrphanRun[] {
  if (tr.deleteSet.clients.size === 0) return [];
  // Texts whose content this transaction deleted while the text itself is deleted.
  const texts = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return;
    const parent = struct.parent;
    if (parent instanceof Y.XmlText && parent._item?.deleted) texts.add(parent);
  });
  if (texts.size === 0) return [];

  const own = Y.decodeUpdate(update).ds;
  const runs: OrphanRun[] = [];
  for (const text of texts) {
    const chars: { ch: string; category: Category; client: number }[] = [];
    for (let item = text._start; item !== null; item = item.right) {
      if (!(item.content instanceof Y.ContentString)) continue;
      const str = item.content.str;
      for (let i = 0; i < str.length; i++) {
        const id = Y.createID(item.id.client, item.id.clock + i);
        chars.push({ ch: str[i], category: categorise(tr, own, id), client: id.client });
      }
    }
    collectRuns(chars, blockOf(text), runs);
  }
  return runs;
}

/**
 * An orphan is text this transaction deleted that the update did not delete
 * itself. Context is the rest of the block as the orphan's author saw it:
 * when the orphan arrived with this update (its author was the one out of
 * date), everything the author had not deleted; when the block's deletion
 * arrived (the deleter was), everything still visible until now.
 */
function categorise(tr: Y.Transaction, own: DeleteSet, id: Y.ID): Category {
  const deletedNow = Y.isDeleted(tr.deleteSet, id);
  const deletedByUpdate = Y.isDeleted(own, id);
  if (deletedNow && !deletedByUpdate) return 'orphan';
  if (deletedByUpdate) return deletedNow ? 'context' : 'none';
  return 'context';
}

function collectRuns(
  chars: { ch: string; category: Category; client: number }[],
  block: Y.ID,
  out: OrphanRun[],
): void {
  for (let i = 0; i < chars.length;) {
    if (chars[i].category !== 'orphan') {
      i++;
      continue;
    }
    let j = i;
    let text = '';
    while (j < chars.length && chars[j].category !== 'context') {
      if (chars[j].category === 'orphan') text += chars[j].ch;
      j++;
    }
    const context = (from: number, to: number, step: number): string => {
      let s = '';
      for (let k = from; k !== to && s.length < CONTEXT; k += step) {
        if (chars[k].category === 'context') s = step < 0 ? chars[k].ch + s : s + chars[k].ch;
      }
      return s;
    };
    if (text.trim() !== '') {
      out.push({
        text,
        before: context(i - 1, -1, -1),
        after: context(j, chars.length, 1),
        client: chars[i].client,
        block,
      });
    }
    i = j;
  }
}

/** The outermost deleted element around a text: the block that was replaced. */
function blockOf(text: Y.XmlText): Y.ID {
  let item = text._item as Y.Item;
  for (;;) {
    const parent = item.parent;
    const up = parent instanceof Y.AbstractType ? parent._item : null;
    if (!up || !up.deleted || !(parent instanceof Y.XmlElement)) return item.id;
    item = up;
  }
}

/**
 * Writes the runs back into `doc` (a copy of the room's document) and returns
 * the update that does so, or null when there was nothing to write.
 */
export function rescueUpdate(
  doc: Y.Doc,
  field: string,
  runs: readonly OrphanRun[],
): Uint8Array | null {
  if (runs.length === 0) return null;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (const run of runs) {
      const place = findPlace(doc.getXmlFragment(field), run);
      if (place) place.text.insert(place.offset, run.text);
      else insertParagraph(doc, run);
    }
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  return update.byteLength > 2 ? update : null;
}

/** Where the run's context now is: the longest match of the text before it, else after it. */
function findPlace(
  root: Y.XmlFragment,
  run: OrphanRun,
): { text: Y.XmlText; offset: number } | null {
  const texts = liveTexts(root);
  for (const [side, context] of [
    ['before', run.before],
    ['after', run.after],
  ] as const) {
    const shortest = Math.min(context.length, MIN_MATCH);
    for (let k = context.length; k >= shortest && k > 0; k--) {
      const needle = side === 'before' ? context.slice(-k) : context.slice(0, k);
      for (const { text, plain } of texts) {
        const at = plain.indexOf(needle);
        if (at >= 0) return { text, offset: side === 'before' ? at + k : at };
      }
    }
  }
  return null;
}

function liveTexts(root: Y.XmlFragment): { text: Y.XmlText; plain: string }[] {
  const out: { text: Y.XmlText; plain: string }[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const plain = (child.toDelta() as { insert: unknown }[])
          .map((d) => (typeof d.insert === 'string' ? d.insert : '\uFFFC'))
          .join('');
        out.push({ text: child, plain });
      } else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(root);
  return out;
}

/** A paragraph of its own where the deleted block was, among its parent's live children. */
function insertParagraph(doc: Y.Doc, run: OrphanRun): void {
  const block = Y.getItem(doc.store, run.block) as Y.Item;
  let item: Y.Item = block;
  // Up to the first parent still in the document.
  while (item.parent instanceof Y.XmlElement && item.parent._item?.deleted) {
    item = item.parent._item;
  }
  const parent = item.parent as Y.XmlFragment | Y.XmlElement;
  let index = 0;
  for (let sibling = parent._start; sibling !== null && sibling !== item; sibling = sibling.right) {
    if (!sibling.deleted && sibling.countable) index++;
  }
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(run.text.trim())]);
  parent.insert(index, [paragraph]);
}
