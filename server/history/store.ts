/**
 * Revisions, the Yjs client ids each person writes with, and approvals, over
 * the SqlClient both databases share.
 *
 * A revision stores its state vector (small: one clock per writer) and only
 * the deletions since the previous revision, split by who made them; every
 * CHECKPOINT_EVERY revisions it also stores the full delete set, so opening
 * any revision reads at most that many rows. Storage grows with the size of
 * each change, not with the size of the document.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { SqlClient } from '../storage/index.ts';

export const CHECKPOINT_EVERY = 32;

export type RevisionKind = 'auto' | 'named' | 'restore';

/**
 * The revision a restore brought back. A restore is named from this by whoever
 * reads it ("Restored from … by …"), so a time in the name is in the reader's
 * time zone; the name once stored held a UTC time. Revisions never change, so
 * the copy here stays true.
 */
export interface RestoredFrom {
  id: number;
  createdAt: number;
  /** Its name when it was a named version; any other is referred to by its time. */
  name: string | null;
}

export interface RevisionRecord {
  id: number;
  briefId: BriefId;
  createdAt: number;
  kind: RevisionKind;
  /** Named versions; also restores made before `restoredFrom` existed, as their fixed name. */
  name: string | null;
  createdBy: string | null;
  /** Restores only. */
  restoredFrom: RestoredFrom | null;
  stateVector: Uint8Array;
  /** Encoded ranges (see deleteSets.ts) deleted since the previous revision. */
  deletions: Uint8Array;
  /** Encoded ranges of everything deleted up to this revision, on checkpoints. */
  checkpoint: Uint8Array | null;
  authors: string[];
  /** user id ('' for unknown) → base64 of encoded ranges that user deleted since the previous revision. */
  attribution: Record<string, string>;
  wordsAdded: number;
  wordsRemoved: number;
  /** Text or a block was formatted differently; false for revisions made before this was recorded. */
  formattingChanged: boolean;
  contentHash: string;
}

export type RevisionSummaryRecord = Omit<
  RevisionRecord,
  'stateVector' | 'deletions' | 'checkpoint' | 'attribution'
>;

export interface ApprovalRecord {
  id: number;
  briefId: BriefId;
  revisionId: number;
  approverId: string;
  approvedAt: number;
  contentHash: string;
}

interface Row {
  id: number | string;
  brief_id: string;
  created_at: number | string;
  kind: RevisionKind;
  name: string | null;
  created_by: string | null;
  restored_from: string | null;
  state_vector?: Uint8Array;
  deletions?: Uint8Array;
  checkpoint?: Uint8Array | null;
  authors: string;
  attribution?: string;
  words_added: number | string;
  words_removed: number | string;
  formatting_changed: number | string;
  content_hash: string;
}

const SUMMARY_COLUMNS =
  'id, brief_id, created_at, kind, name, created_by, restored_from, authors, words_added, words_removed, formatting_changed, content_hash';

export class RevisionStore {
  constructor(private readonly sql: SqlClient) {}

  async insert(r: Omit<RevisionRecord, 'id'>): Promise<number> {
    return this.sql.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO revisions (brief_id, created_at, kind, name, created_by, restored_from,
           state_vector, deletions, checkpoint, authors, attribution, words_added, words_removed,
           formatting_changed, content_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.briefId,
          r.createdAt,
          r.kind,
          r.name,
          r.createdBy,
          r.restoredFrom ? JSON.stringify(r.restoredFrom) : null,
          Buffer.from(r.stateVector),
          Buffer.from(r.deletions),
          r.checkpoint ? Buffer.from(r.checkpoint) : null,
          JSON.stringify(r.authors),
          JSON.stringify(r.attribution),
          r.wordsAdded,
          r.wordsRemoved,
          r.formattingChanged ? 1 : 0,
          r.contentHash,
        ],
      );
      const row = await tx.one<{ id: number | string }>(
        'SELECT MAX(id) AS id FROM revisions WHERE brief_id = ?',
        [r.briefId],
      );
      return Number(row!.id);
    });
  }

  async list(briefId: BriefId): Promise<RevisionSummaryRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE brief_id = ? ORDER BY id`,
      [briefId],
    );
    return rows.map(toSummary);
  }

  async latest(briefId: BriefId): Promise<RevisionRecord | null> {
    const row = await this.sql.one<Row>(
      'SELECT * FROM revisions WHERE brief_id = ? ORDER BY id DESC LIMIT 1',
      [briefId],
    );
    return row ? toRecord(row) : null;
  }

  async get(briefId: BriefId, id: number): Promise<RevisionRecord | null> {
    const row = await this.sql.one<Row>('SELECT * FROM revisions WHERE brief_id = ? AND id = ?', [
      briefId,
      id,
    ]);
    return row ? toRecord(row) : null;
  }

  async count(briefId: BriefId): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM revisions WHERE brief_id = ?',
      [briefId],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * What it takes to rebuild revision `id`: its state vector, and the delete
   * sets whose union is everything deleted at it — the newest checkpoint at
   * or before it, then each delta up to it. Null when the brief has no such
   * revision. Read on every open, on the thread that relays edits, so
   * nothing else is read or parsed.
   */
  async deletionChain(
    briefId: BriefId,
    id: number,
  ): Promise<{ stateVector: Uint8Array; deleted: Uint8Array[] } | null> {
    const checkpoint = await this.sql.one<{ id: number | string }>(
      `SELECT MAX(id) AS id FROM revisions WHERE brief_id = ? AND id <= ? AND checkpoint IS NOT NULL`,
      [briefId, id],
    );
    const from = checkpoint?.id == null ? 0 : Number(checkpoint.id);
    const rows = await this.sql.all<{
      id: number | string;
      state_vector: Uint8Array;
      deleted: Uint8Array;
    }>(
      `SELECT id, state_vector, COALESCE(checkpoint, deletions) AS deleted FROM revisions
       WHERE brief_id = ? AND id >= ? AND id <= ? ORDER BY id`,
      [briefId, from, id],
    );
    const last = rows[rows.length - 1];
    if (!last || Number(last.id) !== id) return null;
    return {
      stateVector: new Uint8Array(last.state_vector),
      deleted: rows.map((r) => new Uint8Array(r.deleted)),
    };
  }

  /** One revision's summary, or null when the brief has no such revision. */
  async summary(briefId: BriefId, id: number): Promise<RevisionSummaryRecord | null> {
    const row = await this.sql.one<Row>(
      `SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE brief_id = ? AND id = ?`,
      [briefId, id],
    );
    return row ? toSummary(row) : null;
  }

  /** Just the attribution of the revisions in (fromId, toId], which is all a comparison needs of them. */
  async attributionBetween(
    briefId: BriefId,
    fromId: number,
    toId: number,
  ): Promise<Array<Record<string, string>>> {
    const rows = await this.sql.all<{ attribution: string }>(
      'SELECT attribution FROM revisions WHERE brief_id = ? AND id > ? AND id <= ? ORDER BY id',
      [briefId, fromId, toId],
    );
    return rows.map((r) => JSON.parse(r.attribution) as Record<string, string>);
  }

  async removeBrief(briefId: BriefId): Promise<void> {
    await this.sql.run('DELETE FROM revisions WHERE brief_id = ?', [briefId]);
    await this.sql.run('DELETE FROM client_authors WHERE brief_id = ?', [briefId]);
    await this.sql.run('DELETE FROM approvals WHERE brief_id = ?', [briefId]);
  }

  /** Storage used by a brief's revisions, for the benchmark. */
  async bytes(briefId: BriefId): Promise<number> {
    const row = await this.sql.one<{ n: number | string | null }>(
      `SELECT SUM(LENGTH(state_vector) + LENGTH(deletions) + COALESCE(LENGTH(checkpoint), 0)
         + LENGTH(attribution) + LENGTH(authors)) AS n FROM revisions WHERE brief_id = ?`,
      [briefId],
    );
    return Number(row?.n ?? 0);
  }

  // ---- who writes with which Yjs client id ----

  async clientAuthors(briefId: BriefId): Promise<Map<number, string>> {
    const rows = await this.sql.all<{ client_id: number | string; user_id: string }>(
      'SELECT client_id, user_id FROM client_authors WHERE brief_id = ?',
      [briefId],
    );
    return new Map(rows.map((r) => [Number(r.client_id), r.user_id]));
  }

  /** First claim wins: a client id, once someone's, is never reassigned. */
  async claimClients(briefId: BriefId, claims: ReadonlyMap<number, string>): Promise<void> {
    for (const [clientId, userId] of claims) {
      await this.sql.run(
        `INSERT INTO client_authors (brief_id, client_id, user_id) VALUES (?, ?, ?)
         ON CONFLICT (brief_id, client_id) DO NOTHING`,
        [briefId, clientId, userId],
      );
    }
  }

  // ---- approvals ----

  async approve(a: Omit<ApprovalRecord, 'id'>): Promise<void> {
    await this.sql.run(
      `INSERT INTO approvals (brief_id, revision_id, approver_id, approved_at, content_hash)
       VALUES (?, ?, ?, ?, ?)`,
      [a.briefId, a.revisionId, a.approverId, a.approvedAt, a.contentHash],
    );
  }

  async latestApproval(briefId: BriefId): Promise<ApprovalRecord | null> {
    const row = await this.sql.one<{
      id: number | string;
      brief_id: string;
      revision_id: number | string;
      approver_id: string;
      approved_at: number | string;
      content_hash: string;
    }>('SELECT * FROM approvals WHERE brief_id = ? ORDER BY id DESC LIMIT 1', [briefId]);
    if (!row) return null;
    return {
      id: Number(row.id),
      briefId: row.brief_id as BriefId,
      revisionId: Number(row.revision_id),
      approverId: row.approver_id,
      approvedAt: Number(row.approved_at),
      contentHash: row.content_hash,
    };
  }
}

function toSummary(row: Row): RevisionSummaryRecord {
  return {
    id: Number(row.id),
    briefId: row.brief_id as BriefId,
    createdAt: Number(row.created_at),
    kind: row.kind,
    name: row.name,
    createdBy: row.created_by,
    restoredFrom: row.restored_from ? (JSON.parse(row.restored_from) as RestoredFrom) : null,
    authors: JSON.parse(row.authors) as string[],
    wordsAdded: Number(row.words_added),
    wordsRemoved: Number(row.words_removed),
    formattingChanged: Number(row.formatting_changed) !== 0,
    contentHash: row.content_hash,
  };
}

function toRecord(row: Row): RevisionRecord {
  return {
    ...toSummary(row),
    stateVector: new Uint8Array(row.state_vector!),
    deletions: new Uint8Array(row.deletions!),
    checkpoint: row.checkpoint ? new Uint8Array(row.checkpoint) : null,
    attribution: JSON.parse(row.attribution ?? '{}') as Record<string, string>,
  };
}
