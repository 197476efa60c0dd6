/**
 * `npm run storage -- copy`, beyond briefs and documents: every other table
 * (accounts, sessions, memberships, revisions and their client authors,
 * approvals, the audit log and the access-change feed), row by row through
 * the dialect-neutral SqlClient, so SQLite → PostgreSQL and back both work.
 *
 * Running it again is safe. Rows with a key already in the target are left
 * alone; rows without one (audit entries, access changes, approvals) are
 * matched on their content. Two things are remapped rather than copied:
 *
 * - a user whose username the target already has under another id (typically
 *   the `admin` a PostgreSQL server bootstrapped before the copy) becomes that
 *   user everywhere: sessions, memberships, revisions, authorship, audit;
 * - a revision whose id the target already uses for another revision gets a
 *   new id, and the approvals of it follow.
 *
 * Explicit ids written into PostgreSQL do not advance its sequences; they are
 * set past the largest id afterwards, so the server's next insert cannot collide.
 * Sign-in failures (login_failures) are not copied: a throttle starts afresh.
 */
import type { SqlClient, SqlValue } from '../storage/index.ts';

const PAGE = 500;

export interface TableCounts {
  /** table → rows read from the source, and rows written to the target. */
  [table: string]: { read: number; written: number };
}

interface Context {
  source: SqlClient;
  target: SqlClient;
  counts: TableCounts;
  /** Source user id → target user id, where they differ. */
  users: Map<string, string>;
  /** Source revision id → target revision id, where they differ. */
  revisions: Map<number, number>;
}

type Row = Record<string, SqlValue>;

export async function copyTables(source: SqlClient, target: SqlClient): Promise<TableCounts> {
  const ctx: Context = { source, target, counts: {}, users: new Map(), revisions: new Map() };
  await copyUsers(ctx);
  await copyByKey(ctx, 'sessions', ['id'], (r) => ({ ...r, user_id: user(ctx, r.user_id) }));
  await copyByKey(ctx, 'brief_members', ['brief_id', 'user_id'], (r) => ({
    ...r,
    user_id: user(ctx, r.user_id),
    added_by: user(ctx, r.added_by),
  }));
  await copyByKey(ctx, 'client_authors', ['brief_id', 'client_id'], (r) => ({
    ...r,
    user_id: user(ctx, r.user_id),
  }));
  await copyRevisions(ctx);
  await copyByContent(ctx, 'approvals', 'id', (r) => ({
    ...r,
    revision_id: typeof r.revision_id === 'number' ? revision(ctx, r.revision_id) : r.revision_id,
    approver_id: user(ctx, r.approver_id),
  }));
  await copyByContent(ctx, 'audit_log', 'id', (r) => ({ ...r, actor_id: user(ctx, r.actor_id) }));
  await copyByContent(ctx, 'access_changes', 'seq', (r) => ({
    ...r,
    user_id: user(ctx, r.user_id),
  }));
  if (target.dialect === 'postgres') {
    for (const [table, column] of [
      ['revisions', 'id'],
      ['approvals', 'id'],
      ['audit_log', 'id'],
      ['access_changes', 'seq'],
    ]) {
      await target.one(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`,
      );
    }
  }
  return ctx.counts;
}

function count(ctx: Context, table: string): { read: number; written: number } {
  return (ctx.counts[table] ??= { read: 0, written: 0 });
}

function user(ctx: Context, id: SqlValue): SqlValue {
  return typeof id === 'string' ? (ctx.users.get(id) ?? id) : id;
}

function revision(ctx: Context, id: number): number {
  return ctx.revisions.get(id) ?? id;
}

/**
 * Every row of a table in key order, a page at a time (revisions carry
 * blobs). Keyset paging, with a row-value comparison for composite keys.
 */
async function* rows(
  client: SqlClient,
  table: string,
  key: readonly string[],
): AsyncGenerator<Row> {
  const columns = key.join(', ');
  let after: SqlValue[] | null = null;
  for (;;) {
    const page: Row[] = await client.all<Row>(
      after === null
        ? `SELECT * FROM ${table} ORDER BY ${columns} LIMIT ${PAGE}`
        : `SELECT * FROM ${table} WHERE (${columns}) > (${key.map(() => '?').join(', ')})
           ORDER BY ${columns} LIMIT ${PAGE}`,
      after ?? [],
    );
    for (const row of page) yield row;
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    after = key.map((k) => last[k]);
  }
}

async function insert(
  target: SqlClient,
  table: string,
  row: Row,
  suffix = 'ON CONFLICT DO NOTHING',
): Promise<number> {
  const columns = Object.keys(row);
  const { changes } = await target.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${suffix}`,
    columns.map((c) => row[c]),
  );
  return changes;
}

async function copyUsers(ctx: Context): Promise<void> {
  const c = count(ctx, 'users');
  const existing = await ctx.target.all<{ id: string; username: string }>(
    'SELECT id, username FROM users',
  );
  const byUsername = new Map(existing.map((u) => [u.username, u.id]));
  for await (const row of rows(ctx.source, 'users', ['id'])) {
    c.read++;
    const id = String(row.id);
    const theirs = byUsername.get(String(row.username));
    if (theirs !== undefined) {
      // Same person: keep the target's account (its password too) and point everything at it.
      if (theirs !== id) ctx.users.set(id, theirs);
      continue;
    }
    c.written += await insert(ctx.target, 'users', row);
  }
}

/** Tables with a natural primary key: a row whose key the target has is already there. */
async function copyByKey(
  ctx: Context,
  table: string,
  key: readonly string[],
  map: (row: Row) => Row,
): Promise<void> {
  const c = count(ctx, table);
  for await (const row of rows(ctx.source, table, key)) {
    c.read++;
    c.written += await insert(ctx.target, table, map(row));
  }
}

/**
 * Revisions keep their ids (they appear in links and approvals) unless the
 * target uses the id for a different revision. A revision already copied is
 * recognised by its brief, time, kind and content hash.
 */
async function copyRevisions(ctx: Context): Promise<void> {
  const c = count(ctx, 'revisions');
  for await (const source of rows(ctx.source, 'revisions', ['id'])) {
    c.read++;
    const id = Number(source.id);
    const row = remapRestoredFrom(ctx, remapRevision(ctx, source));
    const same = await ctx.target.one<{ id: number }>(
      `SELECT id FROM revisions
       WHERE brief_id = ? AND created_at = ? AND kind = ? AND content_hash = ?`,
      [row.brief_id, row.created_at, row.kind, row.content_hash],
    );
    if (same) {
      if (Number(same.id) !== id) ctx.revisions.set(id, Number(same.id));
      continue;
    }
    const taken = await ctx.target.one('SELECT 1 AS taken FROM revisions WHERE id = ?', [id]);
    if (!taken) {
      c.written += await insert(ctx.target, 'revisions', row, '');
      continue;
    }
    const { id: _old, ...rest } = row;
    const created = await ctx.target.one<{ id: number }>(
      `INSERT INTO revisions (${Object.keys(rest).join(', ')})
       VALUES (${Object.keys(rest)
         .map(() => '?')
         .join(', ')}) RETURNING id`,
      Object.values(rest),
    );
    if (created) ctx.revisions.set(id, Number(created.id));
    c.written++;
  }
}

/** A revision's user ids — its creator, its authors, the keys of its attribution — as the target knows them. */
function remapRevision(ctx: Context, row: Row): Row {
  if (ctx.users.size === 0) return row;
  const authors = (JSON.parse(String(row.authors)) as string[]).map((id) => String(user(ctx, id)));
  const attribution = Object.fromEntries(
    Object.entries(JSON.parse(String(row.attribution)) as Record<string, string>).map(
      ([id, ranges]) => [id === '' ? '' : String(user(ctx, id)), ranges],
    ),
  );
  return {
    ...row,
    created_by: user(ctx, row.created_by),
    authors: JSON.stringify(authors),
    attribution: JSON.stringify(attribution),
  };
}

/**
 * A restore's source by the id the target gave it. Revisions are copied in id
 * order and a restore is always newer than what it restored, so that id is known.
 */
function remapRestoredFrom(ctx: Context, row: Row): Row {
  if (typeof row.restored_from !== 'string' || ctx.revisions.size === 0) return row;
  const from = JSON.parse(row.restored_from) as { id: number };
  return { ...row, restored_from: JSON.stringify({ ...from, id: revision(ctx, from.id) }) };
}

/**
 * Append-only tables whose ids are the target's own (audit entries, access
 * changes, approvals): copied in source order under new ids, skipping rows
 * whose content the target already holds.
 */
async function copyByContent(
  ctx: Context,
  table: string,
  idColumn: string,
  map: (row: Row) => Row,
): Promise<void> {
  const c = count(ctx, table);
  const fingerprint = (row: Row) => {
    const { [idColumn]: _id, ...rest } = row;
    return JSON.stringify(
      Object.keys(rest)
        .sort()
        .map((k) => [k, rest[k]]),
    );
  };
  const present = new Set<string>();
  for await (const row of rows(ctx.target, table, [idColumn])) {
    present.add(fingerprint(row));
  }
  for await (const source of rows(ctx.source, table, [idColumn])) {
    c.read++;
    const { [idColumn]: _id, ...row } = map(source);
    const key = fingerprint(row);
    if (present.has(key)) continue;
    present.add(key);
    c.written += await insert(ctx.target, table, row, '');
  }
}
