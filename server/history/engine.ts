/**
 * The history engine: keeps copies of briefs' documents, fed incrementally
 * from storage, and renders revisions, comparisons and revision summaries
 * from them. It runs in the history worker so that applying a large stored
 * document or rendering it never holds up the event loop that relays edits;
 * when the worker cannot run, the same engine runs on the main thread.
 *
 * The copies are separate from the live rooms' documents on purpose: snapshot
 * rendering splits Yjs structs in place, and a copy can be read at leisure.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { containsId, decodeRanges, mergeRanges, snapshotOf, type Ranges } from './deleteSets.ts';
import { Lru } from './lru.ts';
import { SlabAllocator, writeJson, type WireBytes } from './slab.ts';
import type {
  Feed,
  Job,
  JobResults,
  PointSpec,
  RawPoint,
  RenderReply,
  RenderRequest,
} from './protocol.ts';
import { renderFragment, summariseChanges, type PMJSON, type YChange } from './render.ts';

export interface EngineOptions {
  /** The XmlFragment holding the editor's document. */
  field: string;
  /** Documents kept at most… */
  maxDocs: number;
  /** …and at most this many stored bytes fed into them, together. */
  maxDocBytes: number;
  /** Where rendered documents are written for the main thread; without it, in buffers of their own. */
  slab?: SharedArrayBuffer | null;
}

/** The worker's copy is not where the main thread thought; it resends from scratch. */
export class StaleFeedError extends Error {
  override readonly name = 'StaleFeedError';
}

interface Copy {
  doc: Y.Doc;
  seq: number;
  /** Stored bytes fed into it: the measure the copies are bounded by. */
  bytes: number;
  /** Bumped whenever an update changes the copy, so derived results know they are old. */
  version: number;
  current: { version: number; json: string; hash?: string } | null;
  /** Decoded revision snapshots: immutable, so worth keeping while the copy lives. */
  points: Map<number, Y.Snapshot>;
}

const MAX_POINTS_PER_COPY = 64;

export function contentHash(doc: PMJSON): string {
  return hashJson(JSON.stringify(doc));
}

function hashJson(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

export class HistoryEngine {
  private readonly copies: Lru<string, Copy>;
  private evicted: string[] = [];
  private readonly slab: { buffer: SharedArrayBuffer; allocator: SlabAllocator } | null;

  constructor(private readonly options: EngineOptions) {
    this.slab = options.slab
      ? { buffer: options.slab, allocator: new SlabAllocator(options.slab.byteLength) }
      : null;
    this.copies = new Lru<string, Copy>(
      { maxEntries: options.maxDocs, maxSize: options.maxDocBytes },
      (briefId, copy) => {
        copy.doc.destroy();
        this.evicted.push(briefId);
      },
    );
  }

  /**
   * Brings the brief's copy up to date with `feed`, then runs `job` on it.
   * Returns the result, the copy's log position, and the briefs evicted meanwhile.
   */
  run(
    briefId: string,
    feed: Feed,
    job: Job,
  ): { result: JobResults[Job['kind']]; seq: number; evicted: string[] } {
    const copy = this.apply(briefId, feed);
    const result = this.execute(copy, job);
    const evicted = this.evicted;
    this.evicted = [];
    return { result, seq: copy.seq, evicted };
  }

  /** The main thread is done with a region of the slab. */
  release(offset: number): void {
    this.slab?.allocator.release(offset);
  }

  forget(briefId: string): void {
    this.copies.delete(briefId);
  }

  close(): void {
    this.copies.clear();
  }

  private apply(briefId: string, feed: Feed): Copy {
    let copy = feed.base === null ? undefined : this.copies.get(briefId);
    if (feed.base !== null && (!copy || copy.seq !== feed.base)) {
      throw new StaleFeedError(`no copy of ${briefId} at ${feed.base}`);
    }
    if (!copy) {
      this.forget(briefId);
      copy = {
        // Deleted content must stay: every revision is rendered from it.
        doc: new Y.Doc({ gc: false }),
        seq: 0,
        bytes: 0,
        version: 0,
        current: null,
        points: new Map(),
      };
    }
    const parts = feed.snapshot ? [feed.snapshot, ...feed.updates] : feed.updates;
    if (parts.length > 0) {
      const doc = copy.doc;
      try {
        // A transaction per update, not one around them all: see mergeIntoSnapshot
        // (server/storage/snapshot.ts).
        for (const update of parts) Y.applyUpdate(doc, update);
      } catch (error) {
        // Half applied: the next request rebuilds the copy rather than trust it.
        this.forget(briefId);
        throw error;
      }
      copy.version++;
    }
    copy.seq = feed.seq;
    const fed = parts.reduce((n, u) => n + u.byteLength, 0);
    // A snapshot restates the whole document, so it replaces the estimate.
    copy.bytes = feed.snapshot ? fed : copy.bytes + fed;
    if (this.copies.has(briefId)) this.copies.resize(briefId, copy.bytes);
    else this.copies.set(briefId, copy, copy.bytes);
    return copy;
  }

  private execute(copy: Copy, job: Job): JobResults[Job['kind']] {
    const fragment = copy.doc.getXmlFragment(this.options.field);
    switch (job.kind) {
      case 'warm':
        return null;
      case 'content':
        return job.at.kind === 'current'
          ? this.out(this.current(copy, fragment).json)
          : this.out(JSON.stringify(renderFragment(fragment, this.point(copy, job.at))));
      case 'hash':
        if (job.at.kind === 'current') {
          const current = this.current(copy, fragment);
          current.hash ??= hashJson(current.json);
          return current.hash;
        }
        return contentHash(renderFragment(fragment, this.point(copy, job.at)));
      case 'compare':
        return this.compare(copy, fragment, job);
      case 'summary': {
        // The revision's own snapshot, not the copy's current state: the copy
        // may already hold edits made after the revision was captured.
        const later = rawSnapshot(job.later);
        const earlier = job.earlier ? rawSnapshot(job.earlier) : Y.emptySnapshot;
        const { formatted, ...words } = summariseChanges(renderFragment(fragment, later, earlier));
        return { words, formatted, contentHash: contentHash(renderFragment(fragment, later)) };
      }
    }
  }

  private out(json: string): WireBytes {
    return writeJson(json, this.slab);
  }

  private current(copy: Copy, fragment: Y.XmlFragment): NonNullable<Copy['current']> {
    if (copy.current?.version !== copy.version) {
      copy.current = { version: copy.version, json: JSON.stringify(renderFragment(fragment)) };
    }
    return copy.current;
  }

  private point(copy: Copy, at: Extract<PointSpec, { kind: 'revision' }>): Y.Snapshot {
    const known = copy.points.get(at.id);
    if (known) return known;
    const snapshot = snapshotOf(
      Y.decodeStateVector(at.stateVector),
      mergeRanges(...at.deleted.map(decodeRanges)),
    );
    if (copy.points.size >= MAX_POINTS_PER_COPY) {
      copy.points.delete(copy.points.keys().next().value as number);
    }
    copy.points.set(at.id, snapshot);
    return snapshot;
  }

  private compare(
    copy: Copy,
    fragment: Y.XmlFragment,
    job: Extract<Job, { kind: 'compare' }>,
  ): JobResults['compare'] {
    const at = (spec: PointSpec) =>
      spec.kind === 'current' ? Y.snapshot(copy.doc) : this.point(copy, spec);
    const earlier = at(job.from);
    const later = at(job.to);
    const clientAuthors = new Map(job.clientAuthors);
    // Deletions between the two points, by author: stored per revision, plus
    // what the live room tracked since its last revision.
    const parts = new Map<string, Ranges[]>();
    const add = (userId: string, ranges: Ranges) => {
      const list = parts.get(userId);
      if (list) list.push(ranges);
      else parts.set(userId, [ranges]);
    };
    for (const attribution of job.attribution) {
      for (const [userId, encoded] of Object.entries(attribution)) {
        add(userId, decodeRanges(new Uint8Array(Buffer.from(encoded, 'base64'))));
      }
    }
    for (const [userId, encoded] of job.live) add(userId, decodeRanges(encoded));
    const byUser = new Map<string, Ranges>();
    for (const [userId, list] of parts) byUser.set(userId, mergeRanges(...list));
    const users = new Set<string>();
    const compute = (type: YChange['type'], id: Y.ID): YChange => {
      // Added text and format changes belong to whoever wrote the item; a
      // removal to whoever deleted it, which the item itself does not record.
      const user =
        type === 'removed'
          ? deleterOf(byUser, id.client, id.clock)
          : (clientAuthors.get(id.client) ?? null);
      if (user) users.add(user);
      return { type, user };
    };
    const doc = this.out(JSON.stringify(renderFragment(fragment, later, earlier, compute)));
    return { doc, authors: [...users] };
  }
}

/** The buffers a result can give away with its reply: those that did not fit in the slab. */
export function resultBuffers(result: unknown): ArrayBuffer[] {
  const wire =
    result && typeof result === 'object' && 'doc' in result ? (result.doc as unknown) : result;
  if (wire && typeof wire === 'object' && 'bytes' in wire && wire.bytes instanceof Uint8Array) {
    const buffer = wire.bytes.buffer;
    return buffer instanceof ArrayBuffer ? [buffer] : [];
  }
  return [];
}

function rawSnapshot(point: RawPoint): Y.Snapshot {
  return snapshotOf(Y.decodeStateVector(point.stateVector), decodeRanges(point.deleted));
}

export function deleterOf(
  byUser: Map<string, Ranges>,
  client: number,
  clock: number,
): string | null {
  for (const [userId, ranges] of byUser) {
    if (containsId(ranges, client, clock)) return userId || null;
  }
  return null;
}

/**
 * One request, answered: shared by the worker and the in-process fallback so
 * that both behave alike. Null for requests that need no answer.
 */
export function respond(engine: HistoryEngine, request: RenderRequest): RenderReply | null {
  if (request.type === 'forget') {
    engine.forget(request.briefId);
    return null;
  }
  if (request.type === 'release') {
    engine.release(request.offset);
    return null;
  }
  try {
    const { result, seq, evicted } = engine.run(request.briefId, request.feed, request.job);
    return { type: 'done', id: request.id, result, seq, evicted };
  } catch (error) {
    if (error instanceof StaleFeedError) return { type: 'stale', id: request.id };
    return {
      type: 'failed',
      id: request.id,
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
