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
  for (const child of childrenOf(type, snapshot, prev)) {
    if (child instanceof Y.XmlElement) {
      const node = renderElement(child, snapshot, prev, computeYChange);
      if (node) out.push(node);
    } else if (child instanceof Y.XmlText) {
      out.push(...renderText(child, snapshot, prev, computeYChange));
    }
  }
  return out;
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

/** Words inserted and removed in a comparison, counted over runs of changed text. */
export function countChangedWords(doc: PMJSON): { added: number; removed: number } {
  const counts = { added: 0, removed: 0 };
  const visit = (node: PMJSON) => {
    const blockChange = node.attrs?.ychange as YChange | undefined;
    if (node.content) {
      let run: { type: YChange['type'] | null; text: string } = { type: null, text: '' };
      const flush = () => {
        // Formatting changes no words.
        if (run.type === 'added' || run.type === 'removed') counts[run.type] += words(run.text);
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
