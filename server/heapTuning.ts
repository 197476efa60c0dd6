/**
 * V8 settings the relay needs. Some are set from code at process start
 * (`tuneHeapForRelay`, called by `server/main.ts` and the benchmark's copy of
 * it); others V8 reads only when it sets up the heap, so they must be on the
 * node command line (`RELAY_NODE_FLAGS`: `npm start` passes them, and
 * everything here that runs the entry uses `mainEntryArgs`). See
 * bench/README.md ("Where it is still short") for the measurements behind both.
 */
import path from 'node:path';
import v8 from 'node:v8';

/**
 * The young generation is kept at its largest (16 MiB a semi-space) instead of
 * starting at 1 MiB and shrinking back whenever allocation slows. A brief's
 * state between two of its edits lives about a second at typing pace; in a
 * small young generation it meets two scavenges and is promoted, and after a
 * quiet spell V8 has shrunk new space so far that, when typing resumes in 500
 * briefs, scavenges come every 35–50 ms, each copying and promoting what is
 * still alive. With the larger space those objects die young.
 */
export const RELAY_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16'];

/** The RELAY_NODE_FLAGS a process was started without. */
export function missingRelayNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return RELAY_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}

/** Node arguments that run the server entry as `npm start` runs it (without its client build). */
export function mainEntryArgs(repoRoot: string): string[] {
  return [...RELAY_NODE_FLAGS, '--import', 'tsx', path.join(repoRoot, 'server/main.ts')];
}

/**
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
 * in some runs, depending on whether V8 had made that decision.
 */
export function tuneHeapForRelay(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
