/**
 * An XmlText's delta at a snapshot (or between two), computed without
 * touching the document.
 *
 * Yjs's own `toDelta(snapshot, prev)` first splits every struct that a
 * snapshot's state vector or delete set cuts through — one `Array.splice`
 * per cut, in arrays as long as the brief's history — and merges them back
 * when its transaction ends. On the automerge-paper brief that was most of
 * the time taken to open a revision: `findIndexCleanStart` and
 * `tryToMergeWithLefts` took 75 of the 90 ms of two renders in a cold
 * history worker. Here an item is cut only in the reading: each piece
 * between two cuts is judged and emitted as Yjs would judge and emit the
 * split item, so the output is the same, op for op.
 */
import * as Y from 'yjs';

export interface DeltaOp {
  insert: string | object;
  attributes?: Record<string, unknown>;
}

/**
 * `formatted`: text in both snapshots whose formatting differs between them,
 * attributed to the format change (only with `markFormatting`; Yjs has no such type).
 */
export type DeltaYChange = (type: 'added' | 'removed' | 'formatted', id: Y.ID) => unknown;

/** Yjs's DeleteItem, which it does not export by name. */
interface DeleteItem {
  clock: number;
  len: number;
}

/** Yjs's `isVisible` for the piece of an item that starts at `clock`. */
function visibleAt(snapshot: Y.Snapshot, client: number, clock: number): boolean {
  const sv = snapshot.sv.get(client);
  if (sv === undefined || sv <= clock) return false;
  const dis = snapshot.ds.clients.get(client) as DeleteItem[] | undefined;
  return dis === undefined || findRange(dis, clock) === -1;
}

/** Index of the delete range holding `clock`, or -1 (Yjs's findIndexDS). */
function findRange(dis: readonly DeleteItem[], clock: number): number {
  let left = 0;
  let right = dis.length - 1;
  while (left <= right) {
    const mid = (left + right) >>> 1;
    const d = dis[mid];
    if (d.clock <= clock) {
      if (clock < d.clock + d.len) return mid;
      left = mid + 1;
    } else {
      right = mid - 1;
    }
  }
  return -1;
}

/**
 * Offsets inside [clock, clock + length) at which Yjs would split the item
 * for this snapshot: its state vector's clock for the client, and the start
 * and end of each deleted range.
 */
function addCuts(
  cuts: number[],
  snapshot: Y.Snapshot,
  client: number,
  clock: number,
  length: number,
): void {
  const end = clock + length;
  const sv = snapshot.sv.get(client);
  if (sv !== undefined && sv > clock && sv < end) cuts.push(sv - clock);
  const dis = snapshot.ds.clients.get(client) as DeleteItem[] | undefined;
  if (!dis || dis.length === 0) return;
  // First range that ends after `clock`.
  let lo = 0;
  let hi = dis.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dis[mid].clock + dis[mid].len <= clock) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < dis.length && dis[i].clock < end; i++) {
    const { clock: start, len } = dis[i];
    if (start > clock) cuts.push(start - clock);
    if (start + len < end) cuts.push(start + len - clock);
  }
}

/**
 * A string cut at `cuts` (sorted, unique, inside it), with Yjs's repair of a
 * surrogate pair cut in half: both halves become U+FFFD.
 */
function cutString(str: string, cuts: readonly number[]): string[] {
  let s = str;
  for (const at of cuts) {
    const code = s.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) {
      s = s.slice(0, at - 1) + '\ufffd\ufffd' + s.slice(at + 1);
    }
  }
  const pieces: string[] = [];
  let from = 0;
  for (const at of cuts) {
    pieces.push(s.slice(from, at));
    from = at;
  }
  pieces.push(s.slice(from));
  return pieces;
}

/**
 * The delta of `text` at `snapshot`; with `prev`, also what `prev` had and
 * `snapshot` no longer has, each changed run carrying a `ychange` attribute
 * from `computeYChange` — exactly as `text.toDelta(snapshot, prev, computeYChange)`.
 *
 * With `markFormatting`, text present in both whose formatting differs (made
 * bold, unlinked…) is marked too, as `formatted` by whoever changed the
 * format; Yjs's own delta shows only the new formatting, so a compare of a
 * formatting-only edit showed no change at all.
 */
export function snapshotDelta(
  text: Y.XmlText,
  snapshot: Y.Snapshot,
  prev?: Y.Snapshot,
  computeYChange?: DeltaYChange,
  markFormatting = false,
): DeltaOp[] {
  const ops: DeltaOp[] = [];
  const attributes = new Map<string, unknown>();
  /** With markFormatting: the formatting at `prev`, and which format item last set each key at `snapshot`. */
  const earlier = new Map<string, unknown>();
  const setBy = new Map<string, Y.ID>();
  /** The format item behind a difference between the two formattings, or null when they agree. */
  const formatChange = (): Y.ID | null => {
    for (const key of new Set([...attributes.keys(), ...earlier.keys()])) {
      if (key === 'ychange') continue;
      if (!sameValue(attributes.get(key), earlier.get(key))) return setBy.get(key) ?? null;
    }
    return null;
  };
  let str = '';
  const packStr = () => {
    if (str.length === 0) return;
    const op: DeltaOp = { insert: str };
    if (attributes.size > 0) op.attributes = Object.fromEntries(attributes);
    ops.push(op);
    str = '';
  };
  /** One piece of text: an item, or the part of one between two cuts. */
  const emitText = (piece: string, client: number, clock: number) => {
    const inLater = visibleAt(snapshot, client, clock);
    const inEarlier = prev !== undefined && visibleAt(prev, client, clock);
    if (!inLater && !inEarlier) return;
    const cur = attributes.get('ychange') as { user?: unknown; type?: unknown } | undefined;
    // Yjs compares `cur.user` with the client id, so every changed piece
    // starts a run of its own; kept as is so the output matches Yjs's.
    if (!inLater) {
      if (cur === undefined || cur.user !== client || cur.type !== 'removed') {
        packStr();
        attributes.set('ychange', change(computeYChange, 'removed', client, clock));
      }
    } else if (prev !== undefined && !inEarlier) {
      if (cur === undefined || cur.user !== client || cur.type !== 'added') {
        packStr();
        attributes.set('ychange', change(computeYChange, 'added', client, clock));
      }
    } else {
      const formatter = markFormatting && prev !== undefined ? formatChange() : null;
      if (formatter !== null) {
        const next = change(computeYChange, 'formatted', formatter.client, formatter.clock);
        if (cur === undefined || cur.type !== 'formatted' || !sameValue(cur, next)) {
          packStr();
          attributes.set('ychange', next);
        }
      } else if (cur !== undefined) {
        packStr();
        attributes.delete('ychange');
      }
    }
    str += piece;
  };

  for (let n = text._start; n !== null; n = n.right as Y.Item | null) {
    const { client, clock } = n.id;
    const content = n.content;
    if (content instanceof Y.ContentString) {
      const cuts: number[] = [];
      if (n.length > 1) {
        addCuts(cuts, snapshot, client, clock, n.length);
        if (prev) addCuts(cuts, prev, client, clock, n.length);
      }
      if (cuts.length === 0) {
        emitText(content.str, client, clock);
        continue;
      }
      const sorted = [...new Set(cuts)].sort((a, b) => a - b);
      const pieces = cutString(content.str, sorted);
      for (let i = 0; i < pieces.length; i++) {
        emitText(pieces[i], client, clock + (i === 0 ? 0 : sorted[i - 1]));
      }
      continue;
    }
    const inLater = visibleAt(snapshot, client, clock);
    const inEarlier = prev !== undefined && visibleAt(prev, client, clock);
    if (!inLater && !inEarlier) continue;
    if (content instanceof Y.ContentType || content instanceof Y.ContentEmbed) {
      packStr();
      const op: DeltaOp = { insert: content.getContent()[0] as object };
      if (attributes.size > 0) op.attributes = Object.fromEntries(attributes);
      ops.push(op);
    } else if (content instanceof Y.ContentFormat) {
      if (markFormatting && inEarlier) {
        if (content.value === null) earlier.delete(content.key);
        else earlier.set(content.key, content.value);
      }
      if (inLater) {
        packStr();
        if (content.value === null) attributes.delete(content.key);
        else attributes.set(content.key, content.value);
        setBy.set(content.key, n.id);
      }
    }
  }
  packStr();
  return ops;
}

/** Format values are strings, booleans or small objects (a link's attributes). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function change(
  compute: DeltaYChange | undefined,
  type: 'added' | 'removed' | 'formatted',
  client: number,
  clock: number,
): unknown {
  return compute ? compute(type, Y.createID(client, clock)) : { type };
}
