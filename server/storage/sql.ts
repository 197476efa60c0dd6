/**
 * A minimal SQL client both databases can offer, for stores whose queries are
 * the same in either dialect (accounts, membership, audit). Placeholders are
 * written `?`; the PostgreSQL adapter numbers them. Integers come back as
 * numbers on both sides.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { BriefRecord } from './types.ts';

export type SqlValue = string | number | null | Uint8Array;

export interface SqlClient {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  one<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs `fn` in one transaction; `fn` must use the client it is given. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** Thrown for a unique-key violation, whichever database raised it. */
export class UniqueViolationError extends Error {
  override readonly name = 'UniqueViolationError';
}

/**
 * A driver's Buffer as a plain Uint8Array. Large ones become a view, not a
 * copy: a copy of a 37 MiB snapshot costs more than reading it, most of it
 * in faulting in fresh pages. Small ones are copied, because they may share
 * Node's buffer pool, which a view would keep alive and structured clone
 * (the merge worker's postMessage) would copy whole.
 */
export function toBytes(buffer: Buffer): Uint8Array {
  if (buffer.byteLength < 64 * 1024) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A row of `briefs`, as either database returns it. */
export interface BriefRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
  trashed_at: number | null;
  trashed_by: string | null;
}

export function toBrief(row: BriefRow): BriefRecord {
  return {
    id: row.id as BriefId,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    trashedAt: row.trashed_at,
    trashedBy: row.trashed_by,
  };
}
