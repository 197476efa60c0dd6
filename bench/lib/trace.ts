/**
 * The `automerge-paper` editing trace: loading, replaying into a Y.Text, and
 * building the two brief states the benchmarks load (the trace, and a brief
 * 100× larger). States are cached under bench/tmp/cache (git-ignored) because
 * replaying 259,778 edits into Yjs takes several seconds.
 *
 * The 100× brief holds 100 independent Y.Texts (`trace-0` … `trace-99`),
 * each the complete trace written by its own Yjs client. Replaying the trace
 * 100 times would take ~15 minutes, so the copies are made by rewriting the
 * trace's binary update (Yjs update format v1): every client id is mapped to
 * a fresh one and the root type name is changed, which yields exactly the
 * update 100 separate replays into 100 texts would produce. The result is
 * verified by applying it and comparing every text with `endContent`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BENCH_TMP, REPO_ROOT } from './paths.ts';

export const TRACE_FILE = path.resolve(REPO_ROOT, '../shared/traces/automerge-paper.json.gz');
/** Name of the Y.Text the single trace is replayed into. */
export const TRACE_TEXT = 'trace';
export const LARGE_COPIES = 100;

export type Patch = [pos: number, deleted: number, inserted: string];
export interface Trace {
  startContent: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

let cachedTrace: Trace | null = null;

export function loadTrace(): Trace {
  if (cachedTrace) return cachedTrace;
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(TRACE_FILE)).toString('utf8')) as Trace;
  // Positions are Unicode code points; Y.Text counts UTF-16 code units. They
  // agree unless some text lies outside the BMP, which this trace never does.
  const astral = /[\uD800-\uDFFF]/;
  if (
    astral.test(trace.startContent) ||
    trace.txns.some((t) => t.patches.some((p) => astral.test(p[2])))
  ) {
    throw new Error('trace contains non-BMP characters: code point positions would need mapping');
  }
  cachedTrace = trace;
  return trace;
}

/** Applies one trace transaction to `text` inside one Yjs transaction. */
export function applyTxn(doc: Y.Doc, text: Y.Text, patches: readonly Patch[]): void {
  doc.transact(() => {
    for (const [pos, del, ins] of patches) {
      if (del > 0) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
    }
  });
}

/**
 * Replays the first `count` transactions (all by default), calling `onUpdate`
 * with the Yjs update each transaction produced.
 */
export function replay(
  trace: Trace,
  options: { count?: number; gc?: boolean; onUpdate?: (update: Uint8Array, index: number) => void },
): Y.Doc {
  const doc = new Y.Doc({ gc: options.gc ?? false });
  const text = doc.getText(TRACE_TEXT);
  if (trace.startContent) text.insert(0, trace.startContent);
  let index = 0;
  if (options.onUpdate) {
    const onUpdate = options.onUpdate;
    doc.on('update', (update: Uint8Array) => onUpdate(update, index));
  }
  const count = Math.min(options.count ?? trace.txns.length, trace.txns.length);
  for (; index < count; index++) applyTxn(doc, text, trace.txns[index].patches);
  return doc;
}

function yjsVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('yjs/package.json') as { version: string }).version;
}

function cachePath(name: string): string {
  return path.join(BENCH_TMP, 'cache', `${name}.yjs-${yjsVersion()}.bin`);
}

function cached(name: string, build: () => Uint8Array): Uint8Array {
  const file = cachePath(name);
  if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file));
  const data = build();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + '.tmp', data);
  fs.renameSync(file + '.tmp', file);
  return data;
}

/**
 * The trace's final state as one Yjs update, from a document with gc off
 * (Briefdesk never garbage-collects: deleted text stays for revision history).
 */
export function traceState(log: (line: string) => void = () => undefined): Uint8Array {
  return cached('automerge-paper', () => {
    log('  building the trace state (replaying 259,778 edits; cached afterwards)…');
    const trace = loadTrace();
    const doc = replay(trace, {});
    if (doc.getText(TRACE_TEXT).toString() !== trace.endContent) {
      throw new Error('trace replay does not yield endContent');
    }
    return Y.encodeStateAsUpdate(doc);
  });
}

/** Edits of the trace that make a small brief (its first few hundred characters). */
export const SMALL_TXNS = 2000;

/** A small brief: the first SMALL_TXNS edits of the trace. */
export function smallState(): Uint8Array {
  const doc = replay(loadTrace(), { count: SMALL_TXNS });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Where a cached state lives (after traceState()/largeState() built it). */
export function stateFile(which: 'trace' | 'large'): string {
  return cachePath(which === 'trace' ? 'automerge-paper' : `automerge-paper-x${LARGE_COPIES}`);
}

/** The 100× brief: LARGE_COPIES texts, each the whole trace by its own client. */
export function largeState(log: (line: string) => void = () => undefined): Uint8Array {
  return cached(`automerge-paper-x${LARGE_COPIES}`, () => {
    const single = traceState(log);
    log(`  building the ${LARGE_COPIES}× state (binary rewrite of the trace; cached afterwards)…`);
    const state = multiplyUpdate(single, LARGE_COPIES, (k) => `${TRACE_TEXT}-${k}`);
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, state);
    const { endContent } = loadTrace();
    for (let k = 0; k < LARGE_COPIES; k++) {
      if (doc.getText(`${TRACE_TEXT}-${k}`).toString() !== endContent) {
        throw new Error(`copy ${k} of the trace does not equal endContent`);
      }
    }
    doc.destroy();
    return state;
  });
}

/** A text of a loaded document equals the trace's end, for every copy it holds. */
export function verifyTraceDoc(doc: Y.Doc, copies: number): boolean {
  const { endContent } = loadTrace();
  if (copies === 1) return doc.getText(TRACE_TEXT).toString() === endContent;
  for (let k = 0; k < copies; k++) {
    if (doc.getText(`${TRACE_TEXT}-${k}`).toString() !== endContent) return false;
  }
  return true;
}

// ---- update v1 rewriting ----------------------------------------------------

const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;
const BITS5 = 0x1f;

/**
 * Rewrites a v1 update `copies` times, each copy with its own client ids and
 * its root types renamed by `rootName(k)`, and returns one update holding all
 * copies. Supports the struct kinds a text document contains (GC, deleted,
 * string, skip); anything else throws.
 */
export function multiplyUpdate(
  update: Uint8Array,
  copies: number,
  rootName: (copy: number) => string,
): Uint8Array {
  const parsed = parseV1(update);
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, parsed.sections.length * copies);
  const clientFor = (copy: number, client: number) =>
    // Distinct, deterministic, within Yjs's 32-bit client id range.
    (((client + 0x9e3779b1 * (copy + 1)) >>> 0) % 0xfffffff0) + 1;
  for (let k = 0; k < copies; k++) {
    const map = (c: number) => clientFor(k, c);
    for (const section of parsed.sections) {
      encoding.writeVarUint(out, section.structs.length);
      encoding.writeVarUint(out, map(section.client));
      encoding.writeVarUint(out, section.clock);
      for (const s of section.structs) writeStruct(out, s, map, rootName(k));
    }
  }
  encoding.writeVarUint(out, parsed.ds.length * copies);
  for (let k = 0; k < copies; k++) {
    for (const entry of parsed.ds) {
      encoding.writeVarUint(out, clientFor(k, entry.client));
      encoding.writeVarUint(out, entry.ranges.length / 2);
      for (let i = 0; i < entry.ranges.length; i += 2) {
        encoding.writeVarUint(out, entry.ranges[i]);
        encoding.writeVarUint(out, entry.ranges[i + 1]);
      }
    }
  }
  return encoding.toUint8Array(out);
}

interface ParsedStruct {
  info: number;
  left: [number, number] | null;
  right: [number, number] | null;
  /** Parent given by root key (string) or by item id. */
  parentKey: string | null;
  parentId: [number, number] | null;
  parentSub: string | null;
  /** Raw bytes of the content, copied verbatim. */
  content: Uint8Array;
}

function parseV1(update: Uint8Array): {
  sections: { client: number; clock: number; structs: ParsedStruct[] }[];
  ds: { client: number; ranges: number[] }[];
} {
  const d = decoding.createDecoder(update);
  const sections = [];
  const numClients = decoding.readVarUint(d);
  for (let c = 0; c < numClients; c++) {
    const numStructs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const structs: ParsedStruct[] = [];
    for (let i = 0; i < numStructs; i++) {
      const info = decoding.readUint8(d);
      const ref = info & BITS5;
      const s: ParsedStruct = {
        info,
        left: null,
        right: null,
        parentKey: null,
        parentId: null,
        parentSub: null,
        content: new Uint8Array(0),
      };
      if (ref === 0 || ref === 10) {
        // GC or Skip: just a length.
        const start = d.pos;
        decoding.readVarUint(d);
        s.content = update.subarray(start, d.pos);
        structs.push(s);
        continue;
      }
      if (info & BIT8) s.left = [decoding.readVarUint(d), decoding.readVarUint(d)];
      if (info & BIT7) s.right = [decoding.readVarUint(d), decoding.readVarUint(d)];
      if ((info & (BIT7 | BIT8)) === 0) {
        if (decoding.readVarUint(d) === 1) s.parentKey = decoding.readVarString(d);
        else s.parentId = [decoding.readVarUint(d), decoding.readVarUint(d)];
        if (info & BIT6) s.parentSub = decoding.readVarString(d);
      }
      const start = d.pos;
      switch (ref) {
        case 1: // ContentDeleted: length
          decoding.readVarUint(d);
          break;
        case 4: // ContentString
          decoding.readVarString(d);
          break;
        default:
          throw new Error(`multiplyUpdate: unsupported content type ${ref}`);
      }
      s.content = update.subarray(start, d.pos);
      structs.push(s);
    }
    sections.push({ client, clock, structs });
  }
  const ds = [];
  const dsClients = decoding.readVarUint(d);
  for (let i = 0; i < dsClients; i++) {
    const client = decoding.readVarUint(d);
    const n = decoding.readVarUint(d);
    const ranges: number[] = [];
    for (let j = 0; j < n; j++) ranges.push(decoding.readVarUint(d), decoding.readVarUint(d));
    ds.push({ client, ranges });
  }
  if (decoding.hasContent(d)) throw new Error('multiplyUpdate: trailing bytes');
  return { sections, ds };
}

function writeStruct(
  out: encoding.Encoder,
  s: ParsedStruct,
  map: (client: number) => number,
  root: string,
): void {
  encoding.writeUint8(out, s.info);
  const ref = s.info & BITS5;
  if (ref !== 0 && ref !== 10) {
    if (s.left) {
      encoding.writeVarUint(out, map(s.left[0]));
      encoding.writeVarUint(out, s.left[1]);
    }
    if (s.right) {
      encoding.writeVarUint(out, map(s.right[0]));
      encoding.writeVarUint(out, s.right[1]);
    }
    if (!s.left && !s.right) {
      if (s.parentKey !== null) {
        encoding.writeVarUint(out, 1);
        encoding.writeVarString(out, root);
      } else if (s.parentId) {
        encoding.writeVarUint(out, 0);
        encoding.writeVarUint(out, map(s.parentId[0]));
        encoding.writeVarUint(out, s.parentId[1]);
      }
      if (s.parentSub !== null) encoding.writeVarString(out, s.parentSub);
    }
  }
  encoding.writeUint8Array(out, s.content);
}
