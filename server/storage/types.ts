/**
 * The storage interface. Deliberately narrow: briefs as rows, documents as an
 * append-only log of Yjs updates plus at most one snapshot. Every
 * implementation (SQLite, PostgreSQL) passes the contract suite in
 * test/storage/contract.ts.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { SqlClient } from './sql.ts';

export interface BriefRecord {
  id: BriefId;
  title: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
  /** When the brief was moved to the trash; null while it is not in the trash. */
  trashedAt: number | null;
  /** Who moved it there, by display name. */
  trashedBy: string | null;
}

/** Moving a brief into the trash: when, and by whom. */
export interface TrashMark {
  at: number;
  by: string;
}

export interface NewBrief {
  id: BriefId;
  title: string;
  createdAt: number;
}

export interface BriefPatch {
  title?: string;
  updatedAt: number;
  updatedBy?: string | null;
}

/** A brief after updateBrief, and its title before. */
export interface UpdatedBrief extends BriefRecord {
  previousTitle: string;
}

export interface StoredUpdate {
  /** Increases with every append, across all briefs; orders a brief's log. */
  seq: number;
  data: Uint8Array;
}

/** What it takes to rebuild a document: the snapshot, then the log after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** The last log sequence number the snapshot includes (0 without a snapshot). */
  snapshotSeq: number;
  updates: StoredUpdate[];
}

export interface UpdateToAppend {
  briefId: BriefId;
  data: Uint8Array;
  /** Who sent it, as far as the server knows; recorded as the brief's last editor. */
  author: string | null;
  receivedAt: number;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Plain SQL for stores whose queries both dialects share (accounts, membership, audit). */
  readonly sql: SqlClient;

  /**
   * Briefs not in the trash, most recently edited first; with a `query`, only
   * those whose title holds every word of it (see titleSearch.ts).
   */
  listBriefs(query?: string): Promise<BriefRecord[]>;
  /** Briefs in the trash, most recently trashed first. */
  listTrash(): Promise<BriefRecord[]>;
  /** The brief, in the trash or not (see `trashedAt`); null when it does not exist. */
  getBrief(id: BriefId): Promise<BriefRecord | null>;
  createBrief(brief: NewBrief): Promise<BriefRecord>;
  /**
   * Returns the brief as changed, with the title it had just before, read in
   * the same step: two renames at once each learn the title the other left,
   * not one both saw. Null when the brief does not exist.
   */
  updateBrief(id: BriefId, patch: BriefPatch): Promise<UpdatedBrief | null>;
  /**
   * Moves the brief into the trash (`mark`) or back out of it (null). Its
   * document, history and members stay. Returns null when it does not exist.
   */
  setTrashed(id: BriefId, mark: TrashMark | null): Promise<BriefRecord | null>;
  /** Removes the brief and its document for good. Returns false when it did not exist. */
  deleteBrief(id: BriefId): Promise<boolean>;

  loadDocument(id: BriefId): Promise<StoredDocument>;
  /**
   * What a reader that has applied the brief's log up to `afterSeq` lacks:
   * the updates stored after it, plus the snapshot when a compaction since
   * then folded some of those into it (`snapshot` is null otherwise;
   * `updates` always start after both `afterSeq` and the snapshot). Gap repair across instances
   * relies on a brief's updates being committed in seq order, so nothing
   * committed later can carry a seq at or below the last one returned.
   */
  loadUpdatesAfter(id: BriefId, afterSeq: number): Promise<StoredDocument>;
  /**
   * Appends a batch of updates, possibly for several briefs, in ONE transaction,
   * and returns their sequence numbers in order. When the promise resolves the
   * batch is durable; when it rejects nothing of it was stored. Updates for a
   * brief that no longer exists are dropped (seq 0), never an error for the batch.
   */
  appendUpdates(batch: readonly UpdateToAppend[]): Promise<number[]>;
  /**
   * Replaces the log up to and including `uptoSeq` by `snapshot`, atomically.
   * Updates appended after `uptoSeq` are kept.
   */
  writeSnapshot(id: BriefId, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * Runs `fn` holding an exclusive lock on the brief across every instance
   * sharing this storage, so that one instance compacts a brief at a time.
   * Returns null, without running `fn`, when another holder has the lock. The
   * lock is released when `fn` settles, or when the instance dies.
   */
  withBriefLock?<T>(briefId: BriefId, fn: () => Promise<T>): Promise<T | null>;

  close(): Promise<void>;
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
}
