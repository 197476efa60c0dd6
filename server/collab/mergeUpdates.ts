/**
 * Merging many Yjs updates into one, in time that grows as n log n.
 *
 * `Y.mergeUpdates` re-sorts all of its inputs for every struct it writes, so
 * one call over n one-keystroke updates costs O(n² log n). When a server fell
 * behind (bench workload 3 at 60k updates/s), the commit queue's runs grew to
 * thousands of updates and merging took 83% of the main thread, so it fell
 * further behind. A dormant room's stored log (up to a compaction's worth of
 * rows) is merged the same way.
 */
import * as Y from 'yjs';

/** Inputs per `Y.mergeUpdates` call in mergeInGroups. */
const MERGE_FAN_IN = 16;

/**
 * `Y.mergeUpdates` of `updates`, in groups of MERGE_FAN_IN, then groups of
 * those: the same bytes as one call, in O(n log n).
 */
export function mergeInGroups(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 0) return Y.mergeUpdates([]);
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += MERGE_FAN_IN) {
      next.push(
        level.length - i === 1 ? level[i] : Y.mergeUpdates(level.slice(i, i + MERGE_FAN_IN)),
      );
    }
    level = next;
  }
  return level[0];
}
