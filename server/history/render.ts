/**
 * Renders a brief's Yjs document as ProseMirror JSON at a snapshot, or as a
 * comparison of two snapshots in which inserted and deleted text carry a
 * `ychange` mark (and added or removed blocks a `ychange` attribute) naming
 * the author. It only reads the document: y-prosemirror's own renderer
 * repairs documents it cannot render by deleting from them, which must never
 * happen to the live document on the server.
 */
import * as Y from 'yjs';
import { snapshotDelta, type DeltaOp } from './snapshotDelta.ts';

export interface PMJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJSON[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface YChange {
  /** `formatted`: the same text, with formatting changed (text only, never a block). */
  type: 'added' | 'removed' | 'formatted';
  user: string | null;
}

export type ComputeYChange = (type: YChange['type'], id: Y.ID) => YChange;

// y-prosemirror names overlapping marks `name--<hash>`.
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function isVisible(item: Y.Item | null, snapshot: Y.Snapshot | undefined): boolean {
  if (!item) return true;
  if (!snapshot) return !item.deleted;
  const clock = snapshot.sv.get(item.id.client);
  return clock !== undefined && clock > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);
}

export function renderFragment(
  fragment: Y.XmlFragment,
  snapshot?: Y.Snapshot,
  prev?: Y.Snapshot,
  computeYChange?: ComputeYChange,
): PMJSON {
  return {
    type: 'doc',
    content: renderChildren(fragment, snapshot, prev, computeYChange),
  };
}

function childrenOf(
  type: Y.XmlFragment | Y.XmlElement,
  snapshot?: Y.Snapshot,
  prev?: Y.Snapshot,
): Array<Y.XmlElement | Y.XmlText> {
  if (!snapshot) return type.toArray() as Array<Y.XmlElement | Y.XmlText>;
  // Present at the later snapshot, or not yet deleted at the earlier one.
  const window = prev ? new Y.Snapshot(prev.ds, snapshot.sv) : snapshot;
  return Y.typeListToArraySnapshot(type, window) as Array<Y.XmlElement | Y.XmlText>;
}

function renderChildren(
  type: Y.XmlFragment | Y.XmlElement,
  snapshot?: Y.Snapshot,
  prev?: Y.Snapshot,
  computeYChange?: ComputeYChange,
): PMJSON[] {
  const out: PMJSON[] = [];
  /** Rendered elements by their place in `out`, for pairing retyped blocks. */
  const elements = new Map<PMJSON, Y.XmlElement>();
  for (const child of childrenOf(type, snapshot, prev)) {
    if (child instanceof Y.XmlElement) {
      const node = renderElement(child, snapshot, prev, computeYChange);
      if (node) {
        out.push(node);
        elements.set(node, child);
      }
    } else if (child instanceof Y.XmlText) {
      out.push(...renderText(child, snapshot, prev, computeYChange));
    }
  }
  if (prev && snapshot) pairRetypedBlocks(out, elements, snapshot, computeYChange);
  return out;
}

/**
 * A block whose type changed (a paragraph made a heading, wrapped in a list,
 * turned into a quote): the editor binding replaces its element with a new one
 * holding a copy of the text — or, when a block of the old type follows (the
 * editor keeps an empty paragraph last), empties that one and inserts the new
 * block before it. Either way it would read as the whole text removed and
 * rewritten by whoever changed the type. An added block next to one that lost
 * exactly that text (removed, or emptied) is shown as it is now, its text
 * unmarked, the block marked `formatted` by the person who made the change.
 */
function pairRetypedBlocks(
  out: PMJSON[],
  elements: Map<PMJSON, Y.XmlElement>,
  snapshot: Y.Snapshot,
  computeYChange?: ComputeYChange,
): void {
  const kind = (node: PMJSON) => (node.attrs?.ychange as YChange | undefined)?.type;
  /** Lost all its text (or itself) since the earlier snapshot: what `text` was retyped from. */
  const lost = (node: PMJSON, text: string) =>
    plainText(node, 'added') === text &&
    (kind(node) === 'removed' || (kind(node) === undefined && plainText(node, 'removed') === ''));
  for (let i = 0; i + 1 < out.length; i++) {
    for (const [added, old] of [
      [out[i], out[i + 1]],
      [out[i + 1], out[i]],
    ]) {
      const el = elements.get(added);
      if (kind(added) !== 'added' || !el?._item || !lost(old, plainText(added, 'removed')))
        continue;
      // The new block as it is now, with no marks inside: its text did not change.
      const now = renderElement(el, snapshot);
      if (!now) continue;
      now.attrs = { ...now.attrs, ychange: change(computeYChange, 'formatted', el._item.id) };
      // An emptied block is still there (empty); a removed one is not.
      const oldEl = elements.get(old);
      const rest = kind(old) === 'removed' || !oldEl ? null : renderElement(oldEl, snapshot);
      const pair = added === out[i] ? [now, rest] : [rest, now];
      out.splice(i, 2, ...pair.filter((node): node is PMJSON => node !== null));
      break;
    }
  }
}

/** A rendered block's text, leaving out runs marked `skip` ('added': as it was; 'removed': as it is). */
function plainText(node: PMJSON, skip: 'added' | 'removed'): string {
  if (node.type === 'text') {
    const mark = node.marks?.find((m) => m.type === 'ychange');
    return mark?.attrs?.type === skip ? '' : (node.text ?? '');
  }
  return (node.content ?? [])
    .map((child) => plainText(child, skip))
    .join(node.type === 'doc' ? '\n' : '');
}

function renderElement(
  el: Y.XmlElement,
  snapshot?: Y.Snapshot,
  prev?: Y.Snapshot,
  computeYChange?: ComputeYChange,
): PMJSON | null {
  const item = el._item;
  const inLater = isVisible(item, snapshot);
  const inEarlier = prev ? isVisible(item, prev) : inLater;
  if (!inLater && !inEarlier) return null;
  const attrs: Record<string, unknown> = {
    ...(snapshot
      ? (Y.typeMapGetAllSnapshot(el, inLater ? snapshot : prev!) as Record<string, unknown>)
      : el.getAttributes()),
  };
  if (prev && item) {
    if (!inLater) attrs.ychange = change(computeYChange, 'removed', item.id);
    else if (!inEarlier) attrs.ychange = change(computeYChange, 'added', item.id);
  }
  const node: PMJSON = { type: el.nodeName };
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  const content = renderChildren(el, snapshot, prev, computeYChange);
  if (content.length > 0) node.content = content;
  return node;
}

function change(compute: ComputeYChange | undefined, type: YChange['type'], id: Y.ID): YChange {
  return compute ? compute(type, id) : { type, user: null };
}

function renderText(
  text: Y.XmlText,
  snapshot?: Y.Snapshot,
  prev?: Y.Snapshot,
  computeYChange?: ComputeYChange,
): PMJSON[] {
  const compute = prev
    ? (type: YChange['type'], id: Y.ID) => change(computeYChange, type, id)
    : undefined;
  // At a snapshot, never Yjs's own toDelta: see snapshotDelta.ts. A compare
  // marks formatting changes too.
  const ops = snapshot
    ? snapshotDelta(text, snapshot, prev, compute, prev !== undefined)
    : (text.toDelta as () => DeltaOp[])();
  const out: PMJSON[] = [];
  for (const op of ops) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const node: PMJSON = { type: 'text', text: op.insert };
    const marks = Object.entries(op.attributes ?? {}).map(([name, value]) => {
      const type = HASHED_MARK.exec(name)?.[1] ?? name;
      // Same shape as y-prosemirror's JSON: marks stored with attributes keep them, even `{}`.
      return value && typeof value === 'object'
        ? { type, attrs: value as Record<string, unknown> }
        : { type };
    });
    if (marks.length > 0) node.marks = marks;
    out.push(node);
  }
  return out;
}

/**
 * What a comparison changed, for the timeline: words inserted and removed,
 * counted over runs of changed text, and whether any formatting changed (text
 * or a block's type), so a formatting-only revision does not read as no change.
 */
export function summariseChanges(doc: PMJSON): {
  added: number;
  removed: number;
  formatted: boolean;
} {
  const counts = { added: 0, removed: 0, formatted: false };
  const visit = (node: PMJSON) => {
    const blockChange = node.attrs?.ychange as YChange | undefined;
    if (blockChange?.type === 'formatted') counts.formatted = true;
    if (node.content) {
      let run: { type: YChange['type'] | null; text: string } = { type: null, text: '' };
      const flush = () => {
        // Formatting changes no words.
        if (run.type === 'added' || run.type === 'removed') counts[run.type] += words(run.text);
        else if (run.type === 'formatted') counts.formatted = true;
        run = { type: null, text: '' };
      };
      for (const child of node.content) {
        if (child.type === 'text') {
          const mark = child.marks?.find((m) => m.type === 'ychange');
          const type =
            (mark?.attrs?.type as YChange['type'] | undefined) ?? blockChange?.type ?? null;
          if (type !== run.type) flush();
          run.type = type;
          run.text += child.text ?? '';
        } else {
          flush();
          visit(child);
        }
      }
      flush();
    }
  };
  visit(doc);
  return counts;
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
