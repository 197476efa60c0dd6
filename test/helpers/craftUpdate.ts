/**
 * Hand-built Yjs updates (format v1), for updates no Yjs client would send:
 * the shapes a hostile or broken client could, which Yjs's decoder accepts
 * and its integration does not.
 */
import * as encoding from 'lib0/encoding';

/** Writes one struct into an encoder; see the builders below. */
export type StructWriter = (e: encoding.Encoder) => void;

export interface ClientStructs {
  client: number;
  clock: number;
  structs: StructWriter[];
}

export interface Deletions {
  client: number;
  ranges: Array<[clock: number, len: number]>;
}

export function craftUpdate(clients: ClientStructs[], deletions: Deletions[] = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients.length);
  for (const { client, clock, structs } of clients) {
    encoding.writeVarUint(e, structs.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (const write of structs) write(e);
  }
  encoding.writeVarUint(e, deletions.length);
  for (const { client, ranges } of deletions) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}

/** Where an item goes: after an origin, or at the start of a root type or of an item's type. */
export type Placement =
  | { origin: [client: number, clock: number] }
  | { root: string; key?: string }
  | { parent: [client: number, clock: number]; key?: string };

const ORIGIN_FLAG = 0x80;
const PARENT_SUB_FLAG = 0x20;
const CONTENT_DELETED = 1;
const CONTENT_STRING = 4;
const CONTENT_TYPE = 7;
/** Yjs's type refs: 0 array, 1 map, 2 text, 3 xml element, 6 xml text. */
export type TypeRef = 0 | 1 | 2 | 3 | 6;

function itemHeader(e: encoding.Encoder, content: number, at: Placement): void {
  const key = 'origin' in at ? undefined : at.key;
  encoding.writeUint8(
    e,
    content | ('origin' in at ? ORIGIN_FLAG : 0) | (key !== undefined ? PARENT_SUB_FLAG : 0),
  );
  if ('origin' in at) {
    encoding.writeVarUint(e, at.origin[0]);
    encoding.writeVarUint(e, at.origin[1]);
    return;
  }
  if ('root' in at) {
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, at.root);
  } else {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, at.parent[0]);
    encoding.writeVarUint(e, at.parent[1]);
  }
  if (key !== undefined) encoding.writeVarString(e, key);
}

export const stringItem =
  (text: string, at: Placement): StructWriter =>
  (e) => {
    itemHeader(e, CONTENT_STRING, at);
    encoding.writeVarString(e, text);
  };

export const typeItem =
  (ref: TypeRef, at: Placement, nodeName = 'paragraph'): StructWriter =>
  (e) => {
    itemHeader(e, CONTENT_TYPE, at);
    encoding.writeVarUint(e, ref);
    if (ref === 3) encoding.writeVarString(e, nodeName);
  };

/** Deleted content of `length` clocks, in a root type. */
export const deletedItem =
  (length: number, root = 'default'): StructWriter =>
  (e) => {
    itemHeader(e, CONTENT_DELETED, { root });
    encoding.writeVarUint(e, length);
  };

/** A garbage-collected range (struct ref 0). */
export const gcStruct =
  (length: number): StructWriter =>
  (e) => {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, length);
  };

/** A skipped range (struct ref 10), as merged updates hold. */
export const skipStruct =
  (length: number): StructWriter =>
  (e) => {
    encoding.writeUint8(e, 10);
    encoding.writeVarUint(e, length);
  };
