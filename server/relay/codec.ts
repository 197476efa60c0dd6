/**
 * The relay's wire format: one binary message per publish, so Yjs updates
 * travel as they are (no base64). Version byte first, so that instances of
 * different releases sharing a Redis during a rolling upgrade can tell a
 * message they do not understand and drop it (and repair from storage).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RelayMessage, RelayedUpdate } from './types.ts';

const VERSION = 1;
const KINDS = ['updates', 'awareness', 'query-awareness', 'repair'] as const;

export class RelayDecodeError extends Error {
  override readonly name = 'RelayDecodeError';
}

export interface Envelope {
  /** The sending instance's id. */
  from: string;
  message: RelayMessage;
}

export function encodeEnvelope({ from, message }: Envelope): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, VERSION);
  encoding.writeVarString(e, from);
  encoding.writeVarUint(e, KINDS.indexOf(message.kind));
  switch (message.kind) {
    case 'updates':
      encoding.writeVarUint(e, message.updates.length);
      for (const u of message.updates) {
        encoding.writeVarUint(e, u.seq);
        // The user id is optional; a flag keeps null apart from ''.
        encoding.writeUint8(e, u.user.id === null ? 0 : 1);
        if (u.user.id !== null) encoding.writeVarString(e, u.user.id);
        encoding.writeVarString(e, u.user.name);
        encoding.writeVarUint8Array(e, u.data);
      }
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'query-awareness':
    case 'repair':
      break;
  }
  return encoding.toUint8Array(e);
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  try {
    const d = decoding.createDecoder(bytes);
    const version = decoding.readUint8(d);
    if (version !== VERSION) throw new RelayDecodeError(`unknown relay message version ${version}`);
    const from = decoding.readVarString(d);
    const kind = KINDS[decoding.readVarUint(d)];
    let message: RelayMessage;
    switch (kind) {
      case 'updates': {
        const count = decoding.readVarUint(d);
        const updates: RelayedUpdate[] = [];
        for (let i = 0; i < count; i++) {
          const seq = decoding.readVarUint(d);
          const id = decoding.readUint8(d) === 1 ? decoding.readVarString(d) : null;
          const name = decoding.readVarString(d);
          // Copied out: the bytes may be a view into a buffer the client reuses.
          const data = decoding.readVarUint8Array(d).slice();
          updates.push({ seq, data, user: { id, name } });
        }
        message = { kind, updates };
        break;
      }
      case 'awareness':
        message = { kind, update: decoding.readVarUint8Array(d).slice() };
        break;
      case 'query-awareness':
      case 'repair':
        message = { kind };
        break;
      default:
        throw new RelayDecodeError('unknown relay message kind');
    }
    if (decoding.hasContent(d)) throw new RelayDecodeError('trailing bytes in a relay message');
    return { from, message };
  } catch (error) {
    if (error instanceof RelayDecodeError) throw error;
    // lib0 throws plain errors (or RangeError) on a truncated message.
    throw new RelayDecodeError(`malformed relay message: ${String(error)}`, { cause: error });
  }
}

/** A y-protocols awareness update entry, with its state left as the JSON text it travels as. */
interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/**
 * Keeps only the entries of an awareness update whose client passes `keep`;
 * null when none does. Entries are copied as they are, state text included.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  keep: (clientId: number) => boolean,
): Uint8Array | null {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const kept: RawAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry = {
      clientId: decoding.readVarUint(d),
      clock: decoding.readVarUint(d),
      json: decoding.readVarString(d),
    };
    if (keep(entry.clientId)) kept.push(entry);
  }
  if (kept.length === count) return update;
  if (kept.length === 0) return null;
  return encodeAwarenessEntries(kept);
}

/** An awareness update that removes these clients: their next clock, state null. */
export function encodeAwarenessRemoval(
  clients: ReadonlyArray<{ clientId: number; clock: number }>,
): Uint8Array {
  return encodeAwarenessEntries(
    clients.map(({ clientId, clock }) => ({ clientId, clock: clock + 1, json: 'null' })),
  );
}

function encodeAwarenessEntries(entries: readonly RawAwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.json);
  }
  return encoding.toUint8Array(e);
}
