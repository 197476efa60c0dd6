/**
 * Yjs's own floor for a cold load: Y.applyUpdate (parse and integrate) plus
 * Y.encodeStateAsUpdate (what a server sends in sync step 2) of one state, in
 * a fresh process pinned like the servers. The first iteration is the cold
 * figure (fresh process, nothing compiled yet — as for a freshly started
 * server); later iterations are warm.
 *
 * Usage: floor.ts <state file> <gc: 0|1> <iterations>; prints one JSON line.
 */
import fs from 'node:fs';
import * as Y from 'yjs';

const [file, gcArg, itersArg] = process.argv.slice(2);
const state = new Uint8Array(fs.readFileSync(file));
const gc = gcArg === '1';
const iterations = Math.max(1, Number(itersArg ?? 1));
const runs: Array<{ applyMs: number; encodeMs: number; totalMs: number }> = [];
for (let i = 0; i < iterations; i++) {
  const t0 = performance.now();
  const doc = new Y.Doc({ gc });
  Y.applyUpdate(doc, state);
  const t1 = performance.now();
  const encoded = Y.encodeStateAsUpdate(doc);
  const t2 = performance.now();
  if (encoded.byteLength === 0) throw new Error('empty encoding');
  runs.push({ applyMs: t1 - t0, encodeMs: t2 - t1, totalMs: t2 - t0 });
  doc.destroy();
  (globalThis as { gc?: () => void }).gc?.();
}
process.stdout.write(JSON.stringify({ gc, bytes: state.byteLength, runs }) + '\n');
