/**
 * Delete sets as plain data. A revision is a Yjs snapshot — a state vector
 * and a delete set — and delete sets only grow, so each revision stores just
 * the deletions since the one before (with a full checkpoint now and then).
 * Yjs does not export its delete-set codec, so ranges are kept here as
 * sorted, merged `[clock, length]` pairs per client.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** client id → sorted, non-overlapping [clock, length] ranges. */
export type Ranges = Map<number, Array<[number, number]>>;

/** Yjs's DeleteSet type is not exported by name; this is its shape. */
type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteItem = DeleteSet['clients'] extends Map<number, Array<infer D>> ? D : never;

export function fromDeleteSet(ds: DeleteSet): Ranges {
  const out: Ranges = new Map();
  for (const [client, items] of ds.clients) {
    out.set(client, normalise(items.map((i: DeleteItem) => [i.clock, i.len] as [number, number])));
  }
  return out;
}

/** The doc's current delete set. */
export function deletedRanges(doc: Y.Doc): Ranges {
  return fromDeleteSet(Y.createDeleteSetFromStructStore(doc.store));
}

export function toDeleteSet(ranges: Ranges): DeleteSet {
  const ds = Y.createDeleteSet();
  for (const [client, list] of ranges) {
    // Yjs reads DeleteItem fields by name; plain objects of that shape are fine.
    ds.clients.set(
      client,
      list.map(([clock, len]) => ({ clock, len }) as DeleteItem),
    );
  }
  return ds;
}

function normalise(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = list.filter(([, len]) => len > 0).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [clock, len] of sorted) {
    const last = out[out.length - 1];
    if (last && clock <= last[0] + last[1]) {
      last[1] = Math.max(last[1], clock + len - last[0]);
    } else {
      out.push([clock, len]);
    }
  }
  return out;
}

export function mergeRanges(...all: Ranges[]): Ranges {
  const out: Ranges = new Map();
  for (const ranges of all) {
    for (const [client, list] of ranges) {
      const current = out.get(client);
      out.set(client, current ? [...current, ...list] : [...list]);
    }
  }
  for (const [client, list] of out) out.set(client, normalise(list));
  return out;
}

/** Ranges in `next` not covered by `prev`. */
export function subtractRanges(next: Ranges, prev: Ranges): Ranges {
  const out: Ranges = new Map();
  for (const [client, list] of next) {
    const old = prev.get(client) ?? [];
    const result: Array<[number, number]> = [];
    let j = 0;
    for (const [start0, len0] of list) {
      let start = start0;
      const end = start0 + len0;
      while (j < old.length && old[j][0] + old[j][1] <= start) j++;
      let k = j;
      while (start < end) {
        if (k >= old.length || old[k][0] >= end) {
          result.push([start, end - start]);
          break;
        }
        const [oStart, oLen] = old[k];
        if (oStart > start) result.push([start, oStart - start]);
        start = Math.max(start, oStart + oLen);
        k++;
      }
    }
    if (result.length > 0) out.set(client, result);
  }
  return out;
}

export function containsId(ranges: Ranges, client: number, clock: number): boolean {
  const list = ranges.get(client);
  if (!list) return false;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, len] = list[mid];
    if (clock < start) hi = mid - 1;
    else if (clock >= start + len) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isEmpty(ranges: Ranges): boolean {
  for (const list of ranges.values()) if (list.length > 0) return false;
  return true;
}

/** Delta-encoded: clocks as gaps from the previous range's end, so dense deletes stay small. */
export function encodeRanges(ranges: Ranges): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, ranges.size);
  for (const [client, list] of ranges) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list.length);
    let end = 0;
    for (const [clock, len] of list) {
      encoding.writeVarUint(e, clock - end);
      encoding.writeVarUint(e, len);
      end = clock + len;
    }
  }
  return encoding.toUint8Array(e);
}

export function decodeRanges(bytes: Uint8Array): Ranges {
  const d = decoding.createDecoder(bytes);
  const out: Ranges = new Map();
  const clients = decoding.readVarUint(d);
  for (let i = 0; i < clients; i++) {
    const client = decoding.readVarUint(d);
    const count = decoding.readVarUint(d);
    const list: Array<[number, number]> = [];
    let end = 0;
    for (let j = 0; j < count; j++) {
      const clock = end + decoding.readVarUint(d);
      const len = decoding.readVarUint(d);
      list.push([clock, len]);
      end = clock + len;
    }
    out.set(client, list);
  }
  return out;
}

export function snapshotOf(stateVector: Map<number, number>, deleted: Ranges): Y.Snapshot {
  return Y.createSnapshot(toDeleteSet(deleted), stateVector);
}
