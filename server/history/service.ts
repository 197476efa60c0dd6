/**
 * Revision history: automatic revisions after a pause and during long
 * editing, named versions, opening and comparing any two revisions with
 * changes attributed to their authors, restore as a new change, approvals.
 */
import * as Y from 'yjs';
import type { BriefId } from '../../shared/briefId.ts';
import { DOCUMENT_FIELD } from '../../shared/schema/field.ts';
import type { CollabService, ConnectionUser, Room } from '../collab/index.ts';
import { BriefNotFoundError } from '../collab/index.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import {
  decodeRanges,
  deletedRanges,
  encodeRanges,
  isEmpty,
  mergeRanges,
  subtractRanges,
  type Ranges,
} from './deleteSets.ts';
import { contentHash } from './engine.ts';
import { Lru } from './lru.ts';
import type { PointSpec } from './protocol.ts';
import type { PMJSON } from './render.ts';
import { HistoryRenderer } from './renderer.ts';
import type { Lease } from './slab.ts';
import {
  CHECKPOINT_EVERY,
  RevisionStore,
  type RevisionKind,
  type RestoredFrom,
  type RevisionRecord,
  type RevisionSummaryRecord,
} from './store.ts';
import { RoomTracker, type RevisionPolicy } from './tracker.ts';

export class RevisionNotFoundError extends Error {
  override readonly name = 'RevisionNotFoundError';
}

/** The brief was deleted (on another instance, say) while a revision of it was being made. */
export class BriefDeletedError extends Error {
  override readonly name = 'BriefDeletedError';
}

/** The brief's lock stayed held elsewhere longer than a named version or restore waits. */
export class BriefBusyError extends Error {
  override readonly name = 'BriefBusyError';
}

/**
 * How long a named version, a restore, or the revision on unload waits for the
 * brief's lock. Holders (a compaction, another instance's revision) keep it
 * for well under a second, so this is only reached when something is stuck.
 */
const LOCK_WAIT_MS = 10_000;
/** How soon an automatic revision skipped for a held lock is tried again. */
const LOCKED_REVISION_RETRY_MS = 1000;

/** A revision's content, or the "current" live state. */
export type RevisionRef = number | 'current';

export { contentHash };
export { HistoryRenderError } from './renderer.ts';

/**
 * Rendered results that can never change — a numbered revision's content, a
 * comparison of two numbered revisions — kept so that reopening one is
 * instant. Bounded by count and by their JSON size.
 */
const RESULT_CACHE = { maxEntries: 256, maxSize: 32 * 1024 * 1024 };
/** Larger results are not cached: one would crowd out dozens of ordinary ones. */
const MAX_CACHED_RESULT = RESULT_CACHE.maxSize / 8;

/** A rendered document (content, or a comparison with the authors found in it). */
interface Rendered {
  lease: Lease;
  authors: string[];
}

/** A render several callers wait for; each gets a hold of its own. */
interface Flight {
  waiting: { count: number };
  result: Promise<Rendered>;
}

export class HistoryService {
  readonly store: RevisionStore;
  private readonly trackers = new Map<BriefId, RoomTracker>();
  /** Full delete set of each brief's latest revision, so a new one need not rebuild it. */
  private readonly lastDeleted = new Map<BriefId, { id: number; ranges: Ranges; count: number }>();
  /** Serialises revision creation per brief. */
  private readonly chains = new Map<BriefId, Promise<unknown>>();
  /** Renders off the main thread; see renderer.ts. */
  private readonly renderer: HistoryRenderer;
  /** The cache's own hold on each lease is let go when the entry leaves. */
  private readonly results = new Lru<string, Rendered>(RESULT_CACHE, (_key, entry) =>
    entry.lease.release(),
  );
  private readonly rendering = new Map<string, Flight>();

  constructor(
    private readonly deps: {
      storage: Storage;
      collab: () => CollabService;
      logger: Logger;
      policy: RevisionPolicy;
      now: () => number;
      /** Defaults to one with a worker thread over `storage`. */
      renderer?: HistoryRenderer;
    },
  ) {
    this.store = new RevisionStore(deps.storage.sql);
    this.renderer =
      deps.renderer ??
      new HistoryRenderer({ storage: deps.storage, logger: deps.logger, field: DOCUMENT_FIELD });
  }

  /** Starts the rendering worker ahead of the first request to open or compare a revision. */
  warmUp(): Promise<void> {
    return this.renderer.warmUp();
  }

  /** Stops the rendering worker. Call after the rooms have unloaded (their last revisions render there). */
  async close(): Promise<void> {
    await this.renderer.close();
    this.results.clear();
  }

  // ---- room lifecycle (CollabHooks) ----

  roomLoaded(room: Room): void {
    void this.store.clientAuthors(room.briefId).then(
      (authors) => {
        if (room.status !== 'ready' || this.trackers.has(room.briefId)) return;
        this.trackers.set(
          room.briefId,
          new RoomTracker(room, authors, this.deps.policy, this.deps.now, (t) => {
            this.createRevision(t.room.briefId, 'auto').then(
              (id) => {
                // Skipped with changes still untaken: the brief's lock was held
                // (a compaction, another instance). The pause that made this
                // revision due will not come again without more typing, so
                // try again shortly rather than fold it into the next one.
                if (id === null && t.dirty && this.trackers.get(t.room.briefId) === t) {
                  t.retryAfter(LOCKED_REVISION_RETRY_MS);
                }
              },
              (error: unknown) => {
                // Deleted elsewhere: nothing left to record, and nothing to track.
                if (error instanceof BriefDeletedError || error instanceof BriefNotFoundError) {
                  void this.removeBrief(t.room.briefId).catch(() => undefined);
                  return;
                }
                this.deps.logger.warn('automatic revision failed', {
                  brief: t.room.briefId,
                  error,
                });
              },
            );
          }),
        );
      },
      (error: unknown) => this.deps.logger.warn('history tracking failed to start', { error }),
    );
  }

  async beforeUnload(room: Room): Promise<void> {
    const tracker = this.trackers.get(room.briefId);
    if (!tracker) return;
    // Waits for the lock rather than skip: there is no later trigger for this room.
    if (tracker.dirty) await this.record(room.briefId, 'auto', {}, 'wait');
    await this.flushClaims(tracker);
    tracker.stop();
    this.trackers.delete(room.briefId);
    this.lastDeleted.delete(room.briefId);
  }

  // ---- creating revisions ----

  /**
   * Records a revision of the brief as it is now. Automatic revisions are
   * skipped when nothing changed since the last one; named ones never are.
   * Returns the revision id, or null when skipped.
   */
  createRevision(
    briefId: BriefId,
    kind: RevisionKind,
    options: RevisionOptions = {},
  ): Promise<number | null> {
    return this.record(briefId, kind, options, kind === 'auto' ? 'skip' : 'wait');
  }

  /**
   * One instance records a brief's revision at a time (the brief's lock in
   * storage), so two instances never write competing revisions. When the
   * lock is held elsewhere an automatic revision is skipped — its tracker
   * stays dirty and the next trigger retries — while a named one waits.
   */
  private record(
    briefId: BriefId,
    kind: RevisionKind,
    options: RevisionOptions,
    onLocked: 'skip' | 'wait',
  ): Promise<number | null> {
    return this.serially(briefId, () =>
      this.exclusively(briefId, onLocked, () =>
        this.deps.collab().withRoom(briefId, async (room) => {
          // What another instance committed must be in it, even if the relay dropped it.
          await this.deps.collab().catchUp(room);
          const prev = await this.previous(briefId);
          const captured = this.capture(room, prev, kind);
          return captured ? this.persist(room, prev, captured, kind, options) : null;
        }),
      ),
    );
  }

  /**
   * Runs `work` holding the brief's lock. 'skip' resolves to null at once when
   * another holder has it; 'wait' retries with backoff for LOCK_WAIT_MS, then
   * throws BriefBusyError. Storage without locks runs `work` directly.
   */
  private async exclusively<T>(
    briefId: BriefId,
    onLocked: 'skip' | 'wait',
    work: () => Promise<T>,
  ): Promise<T | null> {
    const lock = this.deps.storage.withBriefLock?.bind(this.deps.storage);
    if (!lock) return work();
    const deadline = performance.now() + LOCK_WAIT_MS;
    for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
      // Boxed, so that a `work` resolving to null is told apart from "locked".
      const result = await lock(briefId, async () => ({ value: await work() }));
      if (result) return result.value;
      if (onLocked === 'skip') {
        this.deps.logger.debug('automatic revision skipped: the brief is locked elsewhere', {
          brief: briefId,
        });
        return null;
      }
      if (performance.now() + delay > deadline) {
        throw new BriefBusyError(`The brief ${briefId} stayed locked for ${LOCK_WAIT_MS} ms.`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Revision work on one brief runs one at a time, in order. */
  private serially<T>(briefId: BriefId, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(briefId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.chains.set(briefId, run);
    void run
      .finally(() => {
        if (this.chains.get(briefId) === run) this.chains.delete(briefId);
      })
      .catch(() => undefined);
    return run;
  }

  /**
   * Takes everything a revision records from the committed document at this
   * instant. Synchronous on purpose: no update can slip in between. Only the
   * cheap part happens here; its content is rendered from the snapshot taken
   * (by the worker, in persist). Returns null for an automatic revision when
   * nothing changed.
   */
  private capture(room: Room, prev: Previous | null, kind: RevisionKind): Captured | null {
    const tracker = this.trackers.get(room.briefId);
    const stateVector = Y.encodeStateVector(room.doc);
    const deletedNow = deletedRanges(room.doc);
    const delta = subtractRanges(deletedNow, prev?.ranges ?? new Map());
    const unchanged =
      prev !== null && Buffer.compare(prev.stateVector, stateVector) === 0 && isEmpty(delta);
    if (unchanged && kind === 'auto') {
      tracker?.takePeriod();
      return null;
    }
    const tracked = tracker?.takePeriod() ?? new Map<string, Ranges>();
    const clientAuthors = new Map(tracker?.clientAuthors ?? []);
    return { stateVector, deletedNow, delta, tracked, clientAuthors };
  }

  private async persist(
    room: Room,
    prev: Previous | null,
    c: Captured,
    kind: RevisionKind,
    options: RevisionOptions,
  ): Promise<number> {
    const briefId = room.briefId;
    // Storage already holds everything the captured snapshot covers (updates
    // are committed before they are applied), so the worker's copy does too.
    const summary = await this.renderer.run(briefId, async () => ({
      kind: 'summary' as const,
      later: { stateVector: c.stateVector, deleted: encodeRanges(c.deletedNow) },
      earlier: prev ? { stateVector: prev.stateVector, deleted: encodeRanges(prev.ranges) } : null,
    }));
    const tracker = this.trackers.get(briefId);
    if (!tracker) {
      for (const [client, user] of await this.store.clientAuthors(briefId)) {
        if (!c.clientAuthors.has(client)) c.clientAuthors.set(client, user);
      }
    }
    // Deletions attribution: as tracked, and whatever was not (a crash lost
    // the tracking) under '' for unknown.
    const attribution: Record<string, string> = {};
    let attributed: Ranges = new Map();
    for (const [userId, ranges] of c.tracked) {
      attribution[userId] = Buffer.from(encodeRanges(ranges)).toString('base64');
      attributed = mergeRanges(attributed, ranges);
    }
    const unknown = subtractRanges(c.delta, attributed);
    if (!isEmpty(unknown)) attribution[''] = Buffer.from(encodeRanges(unknown)).toString('base64');

    const authors = new Set<string>();
    const prevSv = prev ? Y.decodeStateVector(prev.stateVector) : new Map<number, number>();
    for (const [client, clock] of Y.decodeStateVector(c.stateVector)) {
      if (clock > (prevSv.get(client) ?? 0)) {
        const author = c.clientAuthors.get(client);
        if (author) authors.add(author);
      }
    }
    for (const userId of c.tracked.keys()) if (userId) authors.add(userId);
    if (options.by && kind !== 'auto') authors.add(options.by);

    const count = (prev?.count ?? 0) + 1;
    // Another instance may have deleted the brief meanwhile: its rows would
    // outlive it (history rows have no key tying them to the brief).
    if (!(await this.deps.storage.getBrief(briefId))) {
      throw new BriefDeletedError(`The brief ${briefId} was deleted.`);
    }
    if (tracker) await this.flushClaims(tracker);
    const id = await this.store.insert({
      briefId,
      createdAt: this.deps.now(),
      kind,
      name: options.name ?? null,
      createdBy: options.by ?? null,
      restoredFrom: options.restoredFrom ?? null,
      stateVector: c.stateVector,
      deletions: encodeRanges(c.delta),
      checkpoint: count % CHECKPOINT_EVERY === 1 ? encodeRanges(c.deletedNow) : null,
      authors: [...authors],
      attribution,
      wordsAdded: summary.words.added,
      wordsRemoved: summary.words.removed,
      formattingChanged: summary.formatted,
      contentHash: summary.contentHash,
    });
    this.lastDeleted.set(briefId, { id, ranges: c.deletedNow, count });
    return id;
  }

  private async previous(briefId: BriefId): Promise<Previous | null> {
    const latest = await this.store.latest(briefId);
    if (!latest) return null;
    const cached = this.lastDeleted.get(briefId);
    if (cached && cached.id === latest.id) {
      return { stateVector: latest.stateVector, ranges: cached.ranges, count: cached.count };
    }
    const ranges = await this.deletedAt(briefId, latest.id);
    return { stateVector: latest.stateVector, ranges, count: await this.store.count(briefId) };
  }

  private async flushClaims(tracker: RoomTracker): Promise<void> {
    if (tracker.pendingClaims.size === 0) return;
    const claims = new Map(tracker.pendingClaims);
    tracker.pendingClaims.clear();
    await this.store.claimClients(tracker.room.briefId, claims);
  }

  // ---- reading ----

  /** The brief's revisions. Someone looking at them is about to open one: the worker gets ready. */
  async list(briefId: BriefId): Promise<RevisionSummaryRecord[]> {
    this.renderer.warm(briefId);
    return this.store.list(briefId);
  }

  /** One revision's summary, or null when the brief has no such revision. */
  async summary(briefId: BriefId, revisionId: number): Promise<RevisionSummaryRecord | null> {
    return this.store.summary(briefId, revisionId);
  }

  /** Everything deleted as of a revision: its checkpoint plus the deltas after it. */
  private async deletedAt(briefId: BriefId, revisionId: number): Promise<Ranges> {
    const chain = await this.store.deletionChain(briefId, revisionId);
    if (!chain) throw new RevisionNotFoundError(`No revision ${revisionId}.`);
    return mergeRanges(...chain.deleted.map(decodeRanges));
  }

  /**
   * What the worker needs to render at `ref`. Throws RevisionNotFoundError
   * for a revision that is not the brief's.
   */
  private async pointSpec(briefId: BriefId, ref: RevisionRef): Promise<PointSpec> {
    if (ref === 'current') return { kind: 'current' };
    const chain = await this.store.deletionChain(briefId, ref);
    if (!chain) throw new RevisionNotFoundError(`No revision ${ref}.`);
    return { kind: 'revision', id: ref, ...chain };
  }

  /**
   * A rendered document by `key` from the cache, or rendered and (when small
   * enough) cached; either way with a hold on its lease for the caller. A
   * null key renders without caching. Simultaneous requests for one key
   * share one render.
   */
  private async cached(key: string | null, render: () => Promise<Rendered>): Promise<Rendered> {
    if (key === null) return render();
    const hit = this.results.get(key);
    if (hit) return { lease: hit.lease.hold(), authors: hit.authors };
    let flight = this.rendering.get(key);
    if (!flight) {
      const waiting = { count: 0 };
      const result = render().then(
        (rendered) => {
          this.rendering.delete(key);
          // The render's own hold goes to the first caller; one more for each other…
          for (let i = 1; i < waiting.count; i++) rendered.lease.hold();
          // …and one for the cache.
          const size = rendered.lease.bytes.byteLength;
          if (size <= MAX_CACHED_RESULT) {
            this.results.set(
              key,
              { lease: rendered.lease.hold(), authors: rendered.authors },
              size,
            );
          }
          return rendered;
        },
        (error: unknown) => {
          this.rendering.delete(key);
          throw error;
        },
      );
      flight = { waiting, result };
      this.rendering.set(key, flight);
    }
    // Counted before the render can settle: settling happens in a later tick.
    flight.waiting.count++;
    return flight.result;
  }

  /** A revision's content, or the current content. */
  async content(briefId: BriefId, ref: RevisionRef): Promise<PMJSON> {
    const lease = await this.contentJson(briefId, ref);
    try {
      return JSON.parse(lease.text()) as PMJSON;
    } finally {
      lease.release();
    }
  }

  /**
   * content() as UTF-8 JSON, for responses: large documents are never
   * rebuilt on this thread. The caller releases the lease once done with
   * its bytes (and must not change them: they may be cached).
   */
  async contentJson(briefId: BriefId, ref: RevisionRef): Promise<Lease> {
    const rendered = await this.cached(
      ref === 'current' ? null : `${briefId}:content:${ref}`,
      async () => ({
        lease: await this.renderer.run(briefId, async () => ({
          kind: 'content' as const,
          at: await this.pointSpec(briefId, ref),
        })),
        authors: [],
      }),
    );
    return rendered.lease;
  }

  /**
   * The later revision's content with the changes since the earlier one
   * marked: `ychange` marks on text and attributes on blocks, each naming the
   * user who inserted or deleted it.
   */
  async compare(
    briefId: BriefId,
    from: RevisionRef,
    to: RevisionRef,
  ): Promise<{ doc: PMJSON; authors: string[] }> {
    const { doc, authors } = await this.compareJson(briefId, from, to);
    try {
      return { doc: JSON.parse(doc.text()) as PMJSON, authors: [...authors] };
    } finally {
      doc.release();
    }
  }

  /** compare() with the document as UTF-8 JSON, for responses; release the lease as for contentJson(). */
  async compareJson(
    briefId: BriefId,
    from: RevisionRef,
    to: RevisionRef,
  ): Promise<{ doc: Lease; authors: string[] }> {
    const numbered = from !== 'current' && to !== 'current';
    const { lease, authors } = await this.cached(
      numbered ? `${briefId}:compare:${from}:${to}` : null,
      async () => {
        const { doc, authors } = await this.renderer.run(briefId, async () => {
          const fromSpec = await this.pointSpec(briefId, from);
          const toSpec = await this.pointSpec(briefId, to);
          const clientAuthors = await this.store.clientAuthors(briefId);
          const tracker = this.trackers.get(briefId);
          if (tracker) for (const [c, u] of tracker.clientAuthors) clientAuthors.set(c, u);
          const fromId = from === 'current' ? Number.MAX_SAFE_INTEGER : from;
          const toId = to === 'current' ? Number.MAX_SAFE_INTEGER : to;
          const [lo, hi] = fromId <= toId ? [fromId, toId] : [toId, fromId];
          // What the live room tracked since its last revision counts only up to now.
          const live: Array<[string, Uint8Array]> =
            to === 'current' && tracker
              ? [...tracker.deletions].map(([userId, ranges]) => [userId, encodeRanges(ranges)])
              : [];
          return {
            kind: 'compare' as const,
            from: fromSpec,
            to: toSpec,
            clientAuthors: [...clientAuthors],
            attribution: await this.store.attributionBetween(briefId, lo, hi),
            live,
          };
        });
        return { lease: doc, authors };
      },
    );
    return { doc: lease, authors };
  }

  /**
   * Applies an old revision's content as a new change on top of the current
   * document, attributed to the person restoring: nothing before it is lost,
   * live collaborators see it at once, and it is recorded as a revision.
   */
  async restore(
    briefId: BriefId,
    revisionId: number,
    user: ConnectionUser & { id: string },
  ): Promise<number> {
    const revision = await this.store.get(briefId, revisionId);
    if (!revision) throw new RevisionNotFoundError(`No revision ${revisionId}.`);
    const target = await this.content(briefId, revisionId);
    // No name: the reader's client makes one from this, with the time in their own time zone.
    // A restore is referred to by its time, like an automatic version: by its own name
    // ("Restored from … by …") a restore of it would read "Restored from Restored from …".
    const restoredFrom: RestoredFrom = {
      id: revision.id,
      createdAt: revision.createdAt,
      name: revision.kind === 'named' ? revision.name : null,
    };
    const options = { by: user.id, restoredFrom };
    const restored = await this.serially(briefId, () =>
      this.exclusively(briefId, 'wait', () => this.applyRestore(briefId, target, user, options)),
    );
    // 'wait' either runs the work or throws; the check satisfies the type.
    if (restored === null) throw new BriefBusyError(`The brief ${briefId} stayed locked.`);
    return restored;
  }

  private applyRestore(
    briefId: BriefId,
    target: PMJSON,
    user: ConnectionUser & { id: string },
    options: RevisionOptions,
  ): Promise<number> {
    return this.deps.collab().withRoom(briefId, async (room) => {
      await this.deps.collab().catchUp(room);
      let prev = await this.previous(briefId);
      // Edits since the last revision are in no revision yet. The restore
      // replaces them, so the text as it is now is recorded first: restoring
      // that revision brings them back, as the restore dialog promises.
      const current = this.capture(room, prev, 'auto');
      if (current) {
        await this.persist(room, prev, current, 'auto', {});
        prev = await this.previous(briefId);
      }
      const { writeContent } = await import('./restoreContent.ts');
      // The change is computed on a copy, so the room's document still holds
      // only committed updates; the resulting update then goes through the
      // same commit-before-relay path as any client's.
      const scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
      const before = Y.encodeStateVector(scratch);
      writeContent(scratch, target);
      const update = Y.encodeStateAsUpdate(scratch, before);
      const tracker = this.trackers.get(briefId);
      tracker?.clientAuthors.set(scratch.clientID, user.id);
      tracker?.pendingClaims.set(scratch.clientID, user.id);
      if (!tracker) await this.store.claimClients(briefId, new Map([[scratch.clientID, user.id]]));
      scratch.destroy();
      // The revision is captured the moment the restore is applied, before
      // anyone's concurrent edits, so its content is exactly the old one.
      let captured: Captured | null = null;
      await this.deps.collab().submit(room, update, user, () => {
        captured = this.capture(room, prev, 'restore');
      });
      if (!captured) throw new Error('restore was not applied');
      return this.persist(room, prev, captured, 'restore', options);
    });
  }

  async approve(briefId: BriefId, revisionId: number, approverId: string): Promise<void> {
    const revision = await this.store.get(briefId, revisionId);
    if (!revision) throw new RevisionNotFoundError(`No revision ${revisionId}.`);
    await this.store.approve({
      briefId,
      revisionId,
      approverId,
      approvedAt: this.deps.now(),
      contentHash: revision.contentHash,
    });
  }

  /** Approved while the text is what was approved; changed since, once it is not. */
  async approvalState(briefId: BriefId): Promise<{
    state: 'none' | 'approved' | 'changed';
    revisionId: number | null;
    approverId: string | null;
    approvedAt: number | null;
  }> {
    const approval = await this.store.latestApproval(briefId);
    if (!approval) return { state: 'none', revisionId: null, approverId: null, approvedAt: null };
    const current = await this.renderer.run(briefId, async () => ({
      kind: 'hash' as const,
      at: { kind: 'current' as const },
    }));
    return {
      state: current === approval.contentHash ? 'approved' : 'changed',
      revisionId: approval.revisionId,
      approverId: approval.approverId,
      approvedAt: approval.approvedAt,
    };
  }

  async removeBrief(briefId: BriefId): Promise<void> {
    this.trackers.get(briefId)?.stop();
    this.trackers.delete(briefId);
    this.lastDeleted.delete(briefId);
    this.renderer.forget(briefId);
    this.results.deleteWhere((key) => key.startsWith(`${briefId}:`));
    await this.store.removeBrief(briefId);
  }
}

/** What a revision records besides the document: who made it and why. */
interface RevisionOptions {
  name?: string;
  by?: string;
  restoredFrom?: RestoredFrom;
}

interface Previous {
  stateVector: Uint8Array;
  ranges: Ranges;
  count: number;
}

interface Captured {
  stateVector: Uint8Array;
  deletedNow: Ranges;
  delta: Ranges;
  tracked: Map<string, Ranges>;
  clientAuthors: Map<number, string>;
}

export type { RevisionRecord };
