/**
 * A brief's stored state (a snapshot and the log after it) read as bytes,
 * without building a Yjs document from it.
 *
 * A room serves a brief from these bytes until something needs the document
 * itself (see Room.doc): most loaded briefs are open in someone's tab and
 * nobody is typing, and a client with nothing of the brief is sent the
 * stored bytes as they are. A Y.Doc holds about eight times its encoded size
 * in memory (the automerge-paper brief ×100: 37 MiB stored, ~290 MiB of
 * heap) and takes longer to build than to send (2.8 s for that brief).
 */
import * as Y from 'yjs';
import { mergeInGroups } from './mergeUpdates.ts';

/**
 * The state vector a document built from `parts` (in order: snapshot, then
 * log) would report: per client, the end of the run of structs from clock 0
 * with no gap. Structs past a gap stay out, as a document keeps them pending.
 */
export function storedStateVector(
  snapshot: Uint8Array | null,
  log: readonly Uint8Array[],
): Uint8Array {
  const clocks = snapshot
    ? Y.decodeStateVector(Y.encodeStateVectorFromUpdate(snapshot))
    : new Map();
  if (log.length > 0) extendContiguous(clocks, mergeInGroups(log));
  return Y.encodeStateVector(clocks);
}

/**
 * Advances `clocks` through the structs of `update` that continue each
 * client's run. A merged update lists each client's structs in clock order
 * and marks a gap with a Skip, so the first Skip or jump ends that client's run.
 */
function extendContiguous(clocks: Map<number, number>, update: Uint8Array): void {
  let client = -1;
  let open = false;
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct.id.client !== client) {
      client = struct.id.client;
      open = true;
    }
    if (!open) continue;
    const have = clocks.get(client) ?? 0;
    if (struct instanceof Y.Skip || struct.id.clock > have) {
      open = false;
      continue;
    }
    clocks.set(client, Math.max(have, struct.id.clock + struct.length));
  }
}

/**
 * Whether a client whose state vector is `theirs` holds nothing of what the
 * server's `ours` describes: then everything stored is exactly what it lacks.
 */
export function holdsNoneOf(theirs: Uint8Array, ours: Uint8Array): boolean {
  const have = Y.decodeStateVector(theirs);
  if (have.size === 0) return true;
  for (const client of Y.decodeStateVector(ours).keys()) {
    if ((have.get(client) ?? 0) > 0) return false;
  }
  return true;
}
