/**
 * What Yjs's own decoder lets through but its integration does not survive.
 *
 * `Y.decodeUpdate` checks that an update is well-formed bytes. `Y.applyUpdate`
 * then trusts the structure: it assumes, for instance, that an item's origin
 * in its own client's history was written before it, and so never waits for
 * it. An update that breaks one of those assumptions decodes cleanly and then
 * throws part-way through integration — after some of its structs are in the
 * document — and, once stored, breaks every later load of the brief and every
 * client that syncs it. Probing and fuzzing (test/collab/updateCheck.test.ts)
 * found three such shapes; this module rejects them before anything is stored:
 *
 * - a struct of length zero (a deleted-content item of length 0, say);
 * - an item whose origin, right origin or parent is at or after its own
 *   position in its own client's history (Yjs never waits for those);
 * - a deletion range of length zero (applied last, so it throws after the
 *   update's structs are already integrated).
 */
import * as Y from 'yjs';

/** Why the update cannot be stored and applied, or null when it can. */
export function updateProblem(update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (!(struct.length >= 1)) return `struct ${client}:${clock} has length ${struct.length}`;
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (ref && ref.client === client && ref.clock >= clock) {
        return `struct ${client}:${clock} refers to ${ref.client}:${ref.clock}, not yet written by its client`;
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (!(range.len >= 1)) return `deletion of length ${range.len} at ${client}:${range.clock}`;
    }
  }
  return null;
}
