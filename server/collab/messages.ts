/**
 * Decoding and encoding of collaboration frames, in one place. Every frame a
 * client sends is decoded completely and checked here *before* anything is
 * applied, so a truncated or hostile frame is rejected whole: nothing partial
 * reaches the document or the awareness state.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { ProtocolError } from './errors.ts';
import { updateProblem } from './updateCheck.ts';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null removes the client's presence. */
  state: unknown;
}

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

/** Awareness entries one frame may carry; a real client sends one, a relay a handful. */
const MAX_AWARENESS_ENTRIES = 64;
const MAX_AWARENESS_STATE_BYTES = 64 * 1024;

/**
 * A bounds-checked reader. lib0's decoder trusts length prefixes, and a frame
 * from `ws` may be a view into a larger pooled buffer, so an oversized prefix
 * could read a neighbour's bytes instead of failing. Every read here checks.
 */
class FrameReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(what: string): number {
    let num = 0;
    let mult = 1;
    while (this.pos < this.bytes.length) {
      const byte = this.bytes[this.pos++];
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER || mult > 2 ** 56) {
        throw new ProtocolError('MalformedFrame', `varint overflow in ${what}`);
      }
    }
    throw new ProtocolError('MalformedFrame', `truncated ${what}`);
  }

  /** A length-prefixed byte array, copied into its own buffer. */
  varBytes(what: string): Uint8Array {
    const length = this.varUint(`${what} length`);
    if (length > this.bytes.length - this.pos) {
      throw new ProtocolError('MalformedFrame', `${what} length ${length} exceeds the frame`);
    }
    const out = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  varString(what: string): string {
    const bytes = this.varBytes(what);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ProtocolError('MalformedFrame', `${what} is not UTF-8`);
    }
  }

  end(what: string): void {
    if (this.pos !== this.bytes.length) {
      throw new ProtocolError(
        'MalformedFrame',
        `${this.bytes.length - this.pos} trailing bytes after ${what}`,
      );
    }
  }
}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const reader = new FrameReader(frame);
  const type = reader.varUint('message type');
  switch (type) {
    case MessageType.Sync:
      return decodeSync(reader);
    case MessageType.Awareness: {
      const update = reader.varBytes('awareness update');
      reader.end('awareness message');
      return { kind: 'awareness', update, entries: decodeAwarenessUpdate(update) };
    }
    case MessageType.QueryAwareness:
      reader.end('query-awareness message');
      return { kind: 'query-awareness' };
    default:
      // Auth and SavedState are server-to-client only; anything else is unknown.
      throw new ProtocolError('UnknownMessageType', `type ${type}`);
  }
}

function decodeSync(reader: FrameReader): ClientMessage {
  const subtype = reader.varUint('sync message type');
  switch (subtype) {
    case SyncMessageType.Step1: {
      const stateVector = reader.varBytes('state vector');
      reader.end('sync step 1');
      try {
        Y.decodeStateVector(stateVector);
      } catch (error) {
        throw new ProtocolError('MalformedFrame', `bad state vector (${describe(error)})`);
      }
      return { kind: 'sync-step1', stateVector };
    }
    case SyncMessageType.Step2:
    case SyncMessageType.Update: {
      const update = reader.varBytes('update');
      reader.end('sync update');
      validateUpdate(update);
      return subtype === SyncMessageType.Step2
        ? { kind: 'sync-step2', update }
        : { kind: 'sync-update', update };
    }
    default:
      throw new ProtocolError('UnknownMessageType', `sync message type ${subtype}`);
  }
}

/**
 * Parses the whole update, structs and delete set, and checks the shapes Yjs
 * would choke on part-way (updateCheck.ts). Applying an update that fails
 * half-way would leave the document partly changed, and a stored update that
 * cannot be applied would poison every later load of the brief.
 */
export function validateUpdate(update: Uint8Array): void {
  const problem = updateProblem(update);
  if (problem !== null) throw new ProtocolError('MalformedFrame', `bad Yjs update (${problem})`);
}

function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const reader = new FrameReader(update);
  const count = reader.varUint('awareness entry count');
  if (count > MAX_AWARENESS_ENTRIES) {
    throw new ProtocolError('AwarenessRejected', `${count} entries in one frame`);
  }
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint('awareness client id');
    const clock = reader.varUint('awareness clock');
    const json = reader.varString('awareness state');
    if (json.length > MAX_AWARENESS_STATE_BYTES) {
      throw new ProtocolError('AwarenessRejected', `state of ${json.length} bytes`);
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new ProtocolError('MalformedFrame', 'awareness state is not JSON');
    }
    entries.push({ clientId, clock, state });
  }
  reader.end('awareness update');
  return entries;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- server → client ------------------------------------------------------

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncMessageType.Step1);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** Sync step 2 carrying `update`, as its header and the update, to be sent without joining them. */
export function encodeSyncStep2Parts(update: Uint8Array): [header: Uint8Array, update: Uint8Array] {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncMessageType.Step2);
  encoding.writeVarUint(e, update.byteLength);
  return [encoding.toUint8Array(e), update];
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncMessageType.Update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeSavedState(stateVector: Uint8Array, storedUpdates: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.SavedState);
  encoding.writeVarUint8Array(e, stateVector);
  encoding.writeVarUint(e, storedUpdates);
  return encoding.toUint8Array(e);
}

/** Re-encodes decoded awareness entries, after some were filtered out. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}
