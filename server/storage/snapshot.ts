/**
 * Merging a brief's stored parts (snapshot and log) into one snapshot, for
 * compaction and for copies between storages.
 */
import type * as Y from 'yjs';

/**
 * The snapshot for a stored document: its parts applied to a document and
 * the document encoded. Not `Y.mergeUpdates`: that keeps every keystroke a
 * struct of its own, and the trace brief's snapshot came out at 2.4 MB
 * instead of 458 KB and took ~900 ms instead of ~40 ms to apply, on the main
 * thread when a room loads. Each part is applied in a transaction of its own:
 * at the end of a transaction Yjs merges adjacent structs one array splice
 * at a time, which over a whole log of unmerged keystrokes is quadratic
 * (~1 s for the same log in one transaction, ~170 ms in one per part).
 * Updates whose dependencies are missing stay pending in the document, and
 * the encoding includes them, so nothing stored is dropped.
 *
 * Given Yjs as an argument because it also runs as the merge worker's source
 * (server/collab/compaction.ts), which cannot import modules.
 */
export function mergeIntoSnapshot(y: typeof Y, parts: Uint8Array[]): Uint8Array {
  const doc = new y.Doc({ gc: false });
  try {
    for (const part of parts) y.applyUpdate(doc, part);
    return y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
