/**
 * A brief's marking: the classification-style line printed at the top and
 * bottom of every exported page. A per-brief setting with a sensible default.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { SqlClient } from '../storage/index.ts';

export const DEFAULT_MARKING = 'DRAFT — INTERNAL';
export const MARKING_MAX_LENGTH = 80;

/** The marking as it shows: the default when none is set (an empty one included). */
export function shownMarking(stored: string | null | undefined): string {
  return stored || DEFAULT_MARKING;
}

export async function getMarking(sql: SqlClient, id: BriefId): Promise<string> {
  const row = await sql.one<{ marking: string | null }>('SELECT marking FROM briefs WHERE id = ?', [
    id,
  ]);
  return shownMarking(row?.marking);
}

/**
 * Sets the marking and returns the one it replaced (as it showed), or null
 * for a brief that does not exist. The old value is read in the same
 * transaction as the write, under the row's lock on PostgreSQL, so two
 * changes at once each return what they really replaced and the audit log
 * keeps the chain whole.
 */
export async function setMarking(
  sql: SqlClient,
  id: BriefId,
  marking: string,
): Promise<string | null> {
  const lock = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return sql.transaction(async (tx) => {
    const row = await tx.one<{ marking: string | null }>(
      `SELECT marking FROM briefs WHERE id = ?${lock}`,
      [id],
    );
    if (!row) return null;
    await tx.run('UPDATE briefs SET marking = ? WHERE id = ?', [marking, id]);
    return shownMarking(row.marking);
  });
}
