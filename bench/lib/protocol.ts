/**
 * Lean protocol-level clients: y-protocols sync and awareness messages over
 * RawWs, with no Y.Doc unless a workload needs one. One client class speaks
 * to all three servers; the only differences are framing and handshake:
 *
 * - Briefdesk and the reference y-websocket server: plain y-websocket
 *   messages, the document named by the URL path.
 * - Hocuspocus 3: every message in either direction starts with the document
 *   name as a varString, and the first message for a document must be an Auth
 *   message (type 2, subtype 0 "token", then the token as a varString — empty
 *   here, as no onAuthenticate hook is configured). Hocuspocus answers
 *   "authenticated" (2/2) and queues anything else sent before that. It also
 *   sends SyncStatus (type 8) after each update it applies and echoes updates
 *   back to their sender; these are read and ignored.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { RawWs, wsFrame } from './rawws.ts';

export type ServerKind = 'briefdesk' | 'hocuspocus' | 'ywsref';
export const SERVER_KINDS: readonly ServerKind[] = ['briefdesk', 'hocuspocus', 'ywsref'];
export const SERVER_LABEL: Record<ServerKind, string> = {
  briefdesk: 'Briefdesk',
  hocuspocus: 'Hocuspocus',
  ywsref: 'y-websocket ref',
};

export interface Endpoint {
  kind: ServerKind;
  host: string;
  port: number;
  /** Sent with every WebSocket upgrade (Briefdesk: the session cookie). */
  headers?: Readonly<Record<string, string>>;
}

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const HOCUS_SYNC_REPLY = 4;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** An update with no structs and an empty delete set: an empty document's state. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** An empty state vector. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export function wsPathFor(kind: ServerKind, room: string): string {
  switch (kind) {
    case 'briefdesk':
      return `/collab/${room}`;
    case 'ywsref':
      return `/${room}`;
    case 'hocuspocus':
      return '/'; // the document is named in every message
  }
}

// ---- varint helpers without allocation --------------------------------------

/** Position after the last readVarUint; avoids allocating a tuple per read. */
let varPos = 0;

export function readVarUint(buf: Uint8Array, pos: number): number {
  let num = 0;
  let mult = 1;
  for (;;) {
    const byte = buf[pos++];
    num += (byte & 0x7f) * mult;
    if (byte < 0x80) break;
    mult *= 128;
  }
  varPos = pos;
  return num;
}

/**
 * Calls `range(client, clock, length)` for every run of structs in a v1
 * update, i.e. the Yjs ids it carries, without building a document. A server
 * may relay each update as it came or merge several into one; either way
 * every id is seen. Handles the struct kinds a text document holds (string,
 * deleted, GC, skip) inline and other content through lib0.
 */
export function forEachStructRange(
  buf: Uint8Array,
  start: number,
  range: (client: number, clock: number, length: number) => void,
): void {
  let p = start;
  const clients = readVarUint(buf, p);
  p = varPos;
  for (let c = 0; c < clients; c++) {
    const structs = readVarUint(buf, p);
    const client = readVarUint(buf, varPos);
    const clock = readVarUint(buf, varPos);
    p = varPos;
    let length = 0;
    for (let i = 0; i < structs; i++) {
      const info = buf[p++];
      const ref = info & 0x1f;
      if (ref === 0 || ref === 10) {
        length += readVarUint(buf, p);
        p = varPos;
        continue;
      }
      if (info & 0x80) p = skipVarUints(buf, p, 2);
      if (info & 0x40) p = skipVarUints(buf, p, 2);
      if ((info & 0xc0) === 0) {
        const isKey = readVarUint(buf, p) === 1;
        p = isKey ? skipBytes(buf, varPos) : skipVarUints(buf, varPos, 2);
        if (info & 0x20) p = skipBytes(buf, p);
      }
      if (ref === 4) {
        const n = readVarUint(buf, p);
        p = varPos;
        length += utf16Length(buf, p, p + n);
        p += n;
      } else if (ref === 1) {
        length += readVarUint(buf, p);
        p = varPos;
      } else {
        const d = decoding.createDecoder(buf);
        d.pos = p;
        length += skipContent(d, ref);
        p = d.pos;
      }
    }
    range(client, clock, length);
  }
}

function skipVarUints(buf: Uint8Array, p: number, n: number): number {
  for (let i = 0; i < n; i++) {
    while (buf[p++] >= 0x80);
  }
  return p;
}

function skipBytes(buf: Uint8Array, p: number): number {
  const n = readVarUint(buf, p);
  return varPos + n;
}

/** Length in UTF-16 code units (what Yjs counts) of UTF-8 bytes. */
function utf16Length(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** Skips item content other than strings and deletions; returns its length. */
function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 2: {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) decoding.readVarString(d);
      return n;
    }
    case 3:
      decoding.readVarUint8Array(d);
      return 1;
    case 5:
      decoding.readVarString(d);
      return 1;
    case 6:
      decoding.readVarString(d);
      decoding.readVarString(d);
      return 1;
    case 7: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef === 3 || typeRef === 5) decoding.readVarString(d);
      return 1;
    }
    case 8: {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) decoding.readAny(d);
      return n;
    }
    case 9:
      decoding.readVarString(d);
      decoding.readAny(d);
      return 1;
    default:
      throw new Error(`unknown content type ${ref}`);
  }
}

// ---- message building --------------------------------------------------------

function varStringBytes(s: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, s);
  return encoding.toUint8Array(e);
}

function message(prefix: Uint8Array, head: number[], payload?: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8Array(e, prefix);
  for (const h of head) encoding.writeVarUint(e, h);
  if (payload) encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * The v1 update a Yjs client produces when it appends one ASCII character to
 * the root Y.Text `root` whose previous character is its own (client,
 * clock - 1): built by hand so that writers need no Y.Doc (checked byte for
 * byte against Yjs by checkAppendUpdates()).
 */
export function appendCharUpdate(
  client: number,
  clock: number,
  root: string,
  ch: number,
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  if (clock === 0) {
    encoding.writeUint8(e, 4); // Item, ContentString, no origins
    encoding.writeVarUint(e, 1); // parent given by root key
    encoding.writeVarString(e, root);
  } else {
    encoding.writeUint8(e, 0x84); // Item, ContentString, left origin
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock - 1);
  }
  encoding.writeVarUint(e, 1);
  encoding.writeUint8(e, ch);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** Verifies appendCharUpdate against Yjs itself. Throws on any difference. */
export function checkAppendUpdates(): void {
  const doc = new Y.Doc();
  doc.clientID = 123456789;
  const text = doc.getText('bench');
  const made: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => made.push(u));
  for (let i = 0; i < 300; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  for (let i = 0; i < made.length; i++) {
    const mine = appendCharUpdate(doc.clientID, i, 'bench', 97 + (i % 26));
    if (Buffer.compare(Buffer.from(mine), Buffer.from(made[i])) !== 0) {
      throw new Error(`appendCharUpdate differs from Yjs at clock ${i}`);
    }
  }
  // Struct ranges are read back whole, also from a merged update.
  let seen = 0;
  forEachStructRange(Y.mergeUpdates(made), 0, (client, clock, length) => {
    if (client === doc.clientID && clock === 0) seen += length;
  });
  if (seen !== made.length) throw new Error(`forEachStructRange saw ${seen} of ${made.length}`);
  // And a server-side document accepts them.
  const other = new Y.Doc();
  for (let i = 0; i < 300; i++) Y.applyUpdate(other, appendCharUpdate(42, i, 'bench', 120));
  if (other.getText('bench').length !== 300) throw new Error('append updates do not integrate');
}

// ---- the client --------------------------------------------------------------

export interface LeanClientOptions {
  endpoint: Endpoint;
  room: string;
  /** Called with the bytes of every update the server relays (not sync step 2). */
  onUpdate?: (buf: Buffer, start: number, end: number) => void;
  /** Keep the payload of sync step 2 (the server's state); otherwise only note its arrival. */
  keepSyncState?: boolean;
  /** This client's state for answering the server's sync step 1 (default: empty). */
  localState?: () => Uint8Array;
  /** This client's state vector for its own sync step 1 (default: empty). */
  stateVector?: Uint8Array;
  onClose?: () => void;
}

export class LeanClient {
  readonly ws: RawWs;
  readonly kind: ServerKind;
  /** Resolves with the server's sync step 2 payload (or an empty array unless kept). */
  readonly synced: Promise<Uint8Array>;
  syncedAt = 0;
  readonly connectStartedAt: number;
  updatesIn = 0;
  private readonly prefix: Uint8Array;
  private resolveSynced!: (state: Uint8Array) => void;
  private rejectSynced!: (error: Error) => void;
  private isSynced = false;

  constructor(private readonly options: LeanClientOptions) {
    this.kind = options.endpoint.kind;
    this.prefix = this.kind === 'hocuspocus' ? varStringBytes(options.room) : new Uint8Array(0);
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    this.synced.catch(() => undefined);
    this.connectStartedAt = performance.now();
    this.ws = new RawWs({
      host: options.endpoint.host,
      port: options.endpoint.port,
      path: wsPathFor(this.kind, options.room),
      headers: options.endpoint.headers,
      onMessage: (buf, start, end) => this.handle(buf, start, end),
      onClose: () => {
        if (!this.isSynced) this.rejectSynced(new Error(`closed before sync (${options.room})`));
        options.onClose?.();
      },
    });
    void this.ws.opened.then(
      () => this.hello(),
      (error: Error) => this.rejectSynced(error),
    );
  }

  private hello(): void {
    if (this.kind === 'hocuspocus') {
      // Auth first: [doc][2 auth][0 token][varString token]
      this.ws.send(message(this.prefix, [MSG_AUTH, 0], new Uint8Array(0)));
    }
    this.ws.send(
      message(this.prefix, [MSG_SYNC, SYNC_STEP1], this.options.stateVector ?? EMPTY_STATE_VECTOR),
    );
  }

  /** A ready-to-write WebSocket frame carrying `update` as a sync update message. */
  updateFrame(update: Uint8Array): Buffer {
    return wsFrame(message(this.prefix, [MSG_SYNC, SYNC_UPDATE], update));
  }

  sendUpdate(update: Uint8Array): boolean {
    return this.ws.writeFrames(this.updateFrame(update));
  }

  /** One awareness entry for `clientId`, as y-protocols encodes it. */
  sendAwareness(clientId: number, clock: number, state: unknown): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
    this.ws.send(message(this.prefix, [MSG_AWARENESS], encoding.toUint8Array(e)));
  }

  close(): Promise<void> {
    return this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private handle(buf: Buffer, start: number, end: number): void {
    let p = start;
    if (this.kind === 'hocuspocus') {
      const n = readVarUint(buf, p);
      p = varPos + n;
    }
    const type = readVarUint(buf, p);
    p = varPos;
    if (type === MSG_SYNC || type === HOCUS_SYNC_REPLY) {
      const sub = readVarUint(buf, p);
      p = varPos;
      if (sub === SYNC_UPDATE) {
        const len = readVarUint(buf, p);
        p = varPos;
        this.updatesIn++;
        this.options.onUpdate?.(buf, p, p + len);
      } else if (sub === SYNC_STEP2) {
        if (this.isSynced) return;
        this.isSynced = true;
        this.syncedAt = performance.now();
        if (this.options.keepSyncState) {
          const len = readVarUint(buf, p);
          p = varPos;
          this.resolveSynced(new Uint8Array(buf.subarray(p, p + len)));
        } else {
          this.resolveSynced(EMPTY_UPDATE);
        }
      } else if (sub === SYNC_STEP1) {
        // Answer with what we have, as every y-websocket client does.
        const state = this.options.localState?.() ?? EMPTY_UPDATE;
        this.ws.send(message(this.prefix, [MSG_SYNC, SYNC_STEP2], state));
      }
    } else if (type === MSG_AUTH) {
      const sub = readVarUint(buf, p);
      if (sub === 1) this.rejectSynced(new Error('permission denied'));
    }
    void end;
  }
}
