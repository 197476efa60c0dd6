/**
 * A brief's marking: the classification-style line printed at the top and
 * bottom of every exported page. A per-brief setting with a sensible default.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { SqlClient } from '../storage/index.ts';

export const DEFAULT_MARKING = 'DRAFT — INTERNAL';
export const MARKING_MAX_LENGTH = 80;

export async function getMarking(sql: SqlClient, id: BriefId): Promise<string> {
  const row = await sql.one<{ marking: string | null }>('SELECT marking FROM briefs WHERE id = ?', [
    id,
  ]);
  return row?.marking || DEFAULT_MARKING;
}

export async function setMarking(sql: SqlClient, id: BriefId, marking: string): Promise<void> {
  await sql.run('UPDATE briefs SET marking = ? WHERE id = ?', [marking, id]);
}
