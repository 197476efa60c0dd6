/**
 * V8 settings the relay needs, applied at process start (`server/main.ts`,
 * and the benchmark's copy of it).
 *
 * Allocation-site pretenuring is off. V8 moves an allocation site's objects
 * straight into the old generation once most of them survive a scavenge. A
 * room's Yjs document replaces some small objects at every transaction (the
 * array of transactions awaiting cleanup, say) and they live until the brief's
 * next edit, about a second at typing pace — long enough for V8 to pretenure
 * their sites. From then on every transaction is written into an old object
 * that dies a second later, and until the next full collection that dead
 * object keeps the transaction's maps and sets alive through every scavenge
 * (nepotism): at 500 briefs typed into at once, each scavenge copied and
 * promoted ~1.4 MB instead of ~55 KB, and paused 4–5 ms instead of ~1.5 ms —
 * in some runs, depending on whether V8 had made that decision. See
 * bench/README.md ("Where it is still short").
 */
import v8 from 'node:v8';

export function tuneHeapForRelay(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
