/**
 * Accounts, sessions, brief membership, the audit log and the access-change
 * feed, over the SqlClient both databases offer: the queries are the same in
 * SQLite and PostgreSQL.
 */
import type { BriefId } from '../../shared/briefId.ts';
import type { MemberRole, OrgRole } from '../../shared/roles.ts';
import type { SqlClient } from '../storage/index.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: OrgRole;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface SessionRecord {
  /** sha256 of the cookie token: a leaked database does not leak live sessions. */
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  revokedAt: number | null;
}

/** Ownership is a membership row with role 'owner', so one table answers "who has access". */
export type StoredMemberRole = 'owner' | MemberRole;

export interface MemberRecord {
  briefId: BriefId;
  userId: string;
  role: StoredMemberRole;
  addedAt: number;
  addedBy: string | null;
}

export interface AuditRecord {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  briefId: string | null;
  detail: Record<string, unknown> | null;
}

/** An audit entry as read back, with the brief it names as that brief is now. */
export interface AuditLogRecord extends AuditRecord {
  /** Null when the entry names no brief, or the brief has been deleted for good. */
  brief: { title: string; trashed: boolean } | null;
}

export interface AccessChange {
  seq: number;
  userId: string | null;
  briefId: string | null;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: OrgRole;
  disabled: number;
  created_at: number | string;
  updated_at: number | string;
}

/** Briefs per owner lookup: well under SQLite's and PostgreSQL's bound-parameter limits. */
const OWNER_LOOKUP_CHUNK = 500;

export class AccountStore {
  constructor(private readonly sql: SqlClient) {}

  // ---- users ----

  async createUser(user: Omit<UserRecord, 'updatedAt'>): Promise<UserRecord> {
    await this.sql.run(
      `INSERT INTO users (id, username, display_name, password_hash, role, disabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        user.id,
        user.username,
        user.displayName,
        user.passwordHash,
        user.role,
        user.disabled ? 1 : 0,
        user.createdAt,
        user.createdAt,
      ],
    );
    return { ...user, updatedAt: user.createdAt };
  }

  async userById(id: string): Promise<UserRecord | null> {
    return toUser(await this.sql.one<UserRow>('SELECT * FROM users WHERE id = ?', [id]));
  }

  async userByUsername(username: string): Promise<UserRecord | null> {
    return toUser(
      await this.sql.one<UserRow>('SELECT * FROM users WHERE username = ?', [username]),
    );
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.sql.all<UserRow>('SELECT * FROM users ORDER BY display_name, username');
    return rows.map((r) => toUser(r)!);
  }

  async usersByIds(ids: readonly string[]): Promise<Map<string, UserRecord>> {
    const out = new Map<string, UserRecord>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    const rows = await this.sql.all<UserRow>(
      `SELECT * FROM users WHERE id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    for (const row of rows) out.set(row.id, toUser(row)!);
    return out;
  }

  async countUsers(): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>('SELECT COUNT(*) AS n FROM users');
    return Number(row?.n ?? 0);
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'role' | 'disabled'>> & {
      updatedAt: number;
    },
  ): Promise<UserRecord | null> {
    const current = await this.userById(id);
    if (!current) return null;
    // Fields left undefined keep their value (a spread would erase them).
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next: UserRecord = { ...current, ...defined };
    await this.sql.run(
      `UPDATE users SET display_name = ?, password_hash = ?, role = ?, disabled = ?, updated_at = ?
       WHERE id = ?`,
      [next.displayName, next.passwordHash, next.role, next.disabled ? 1 : 0, next.updatedAt, id],
    );
    return next;
  }

  // ---- sessions ----

  async createSession(
    session: Omit<SessionRecord, 'revokedAt'>,
    address: string,
    userAgent: string,
  ) {
    await this.sql.run(
      `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, revoked_at, address, user_agent)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
      [
        session.id,
        session.userId,
        session.createdAt,
        session.expiresAt,
        session.lastSeenAt,
        address.slice(0, 100),
        userAgent.slice(0, 300),
      ],
    );
  }

  async session(id: string): Promise<SessionRecord | null> {
    const row = await this.sql.one<{
      id: string;
      user_id: string;
      created_at: number | string;
      expires_at: number | string;
      last_seen_at: number | string;
      revoked_at: number | string | null;
    }>('SELECT * FROM sessions WHERE id = ?', [id]);
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
      revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    };
  }

  async touchSession(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.sql.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?', [
      lastSeenAt,
      expiresAt,
      id,
    ]);
  }

  async revokeSession(id: string, at: number): Promise<void> {
    await this.sql.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
      at,
      id,
    ]);
  }

  // ---- sign-in failures (LoginRateLimiter) ----

  /** When `key` failed after `after`, newest first, at most `limit` of them. */
  async recentFailures(key: string, after: number, limit: number): Promise<number[]> {
    const rows = await this.sql.all<{ at: number | string }>(
      'SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?',
      [key, after, limit],
    );
    return rows.map((r) => Number(r.at));
  }

  /** Records a failure under each key, and forgets failures at or before `forgetBefore`. */
  async addFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM login_failures WHERE at <= ?', [forgetBefore]);
      for (const key of keys) {
        await tx.run('INSERT INTO login_failures (key, at) VALUES (?, ?)', [key, at]);
      }
    });
  }

  async clearFailures(key: string): Promise<void> {
    await this.sql.run('DELETE FROM login_failures WHERE key = ?', [key]);
  }

  /** Ends every session of the user but `keepId` (the one changing the password). */
  async revokeOtherSessions(userId: string, keepId: string, at: number): Promise<void> {
    await this.sql.run(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL',
      [at, userId, keepId],
    );
  }

  async revokeUserSessions(userId: string, at: number): Promise<void> {
    await this.sql.run(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      [at, userId],
    );
  }

  // ---- membership ----

  async members(briefId: BriefId): Promise<MemberRecord[]> {
    const rows = await this.sql.all<{
      brief_id: string;
      user_id: string;
      role: StoredMemberRole;
      added_at: number | string;
      added_by: string | null;
    }>('SELECT * FROM brief_members WHERE brief_id = ? ORDER BY added_at, user_id', [briefId]);
    return rows.map((r) => ({
      briefId: r.brief_id as BriefId,
      userId: r.user_id,
      role: r.role,
      addedAt: Number(r.added_at),
      addedBy: r.added_by,
    }));
  }

  async memberRole(briefId: BriefId, userId: string): Promise<StoredMemberRole | null> {
    const row = await this.sql.one<{ role: StoredMemberRole }>(
      'SELECT role FROM brief_members WHERE brief_id = ? AND user_id = ?',
      [briefId, userId],
    );
    return row?.role ?? null;
  }

  /** brief id → the user's stored role, for every brief the user is a member of. */
  /**
   * Each given brief's owner (user id), read in chunks so that a long brief
   * list stays under both databases' limits on bound parameters.
   */
  async ownersOf(briefIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(briefIds)];
    for (let i = 0; i < unique.length; i += OWNER_LOOKUP_CHUNK) {
      const chunk = unique.slice(i, i + OWNER_LOOKUP_CHUNK);
      const rows = await this.sql.all<{ brief_id: string; user_id: string }>(
        `SELECT brief_id, user_id FROM brief_members
         WHERE role = 'owner' AND brief_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) out.set(row.brief_id, row.user_id);
    }
    return out;
  }

  async rolesOf(userId: string): Promise<Map<string, StoredMemberRole>> {
    const rows = await this.sql.all<{ brief_id: string; role: StoredMemberRole }>(
      'SELECT brief_id, role FROM brief_members WHERE user_id = ?',
      [userId],
    );
    return new Map(rows.map((r) => [r.brief_id, r.role]));
  }

  async setMember(member: MemberRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO brief_members (brief_id, user_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (brief_id, user_id) DO UPDATE SET role = excluded.role`,
      [member.briefId, member.userId, member.role, member.addedAt, member.addedBy],
    );
  }

  /**
   * Makes `toUserId` the brief's owner and every previous owner an editor, in
   * one transaction, so no reader ever sees a brief with no owner or two.
   * Returns who owned it before (null when nobody did). On PostgreSQL the
   * brief's row is locked first: without it, two transfers at once could each
   * demote the old owner and promote their own target, leaving two owners.
   * SQLite needs no lock: its transactions begin IMMEDIATE and so run one at a time.
   */
  async transferOwnership(
    briefId: BriefId,
    toUserId: string,
    at: number,
    by: string,
  ): Promise<{ previousOwnerId: string | null }> {
    return this.sql.transaction(async (tx) => {
      if (tx.dialect === 'postgres') {
        await tx.one('SELECT id FROM briefs WHERE id = ? FOR UPDATE', [briefId]);
      }
      const owners = await tx.all<{ user_id: string }>(
        "SELECT user_id FROM brief_members WHERE brief_id = ? AND role = 'owner' AND user_id <> ?",
        [briefId, toUserId],
      );
      await tx.run(
        "UPDATE brief_members SET role = 'editor' WHERE brief_id = ? AND role = 'owner' AND user_id <> ?",
        [briefId, toUserId],
      );
      await tx.run(
        `INSERT INTO brief_members (brief_id, user_id, role, added_at, added_by) VALUES (?, ?, 'owner', ?, ?)
         ON CONFLICT (brief_id, user_id) DO UPDATE SET role = excluded.role`,
        [briefId, toUserId, at, by],
      );
      return { previousOwnerId: owners[0]?.user_id ?? null };
    });
  }

  async removeMember(briefId: BriefId, userId: string): Promise<boolean> {
    const result = await this.sql.run(
      'DELETE FROM brief_members WHERE brief_id = ? AND user_id = ?',
      [briefId, userId],
    );
    return result.changes > 0;
  }

  async removeBrief(briefId: BriefId): Promise<void> {
    await this.sql.run('DELETE FROM brief_members WHERE brief_id = ?', [briefId]);
  }

  // ---- audit ----

  async audit(entry: Omit<AuditRecord, 'id'>): Promise<void> {
    await this.sql.run(
      'INSERT INTO audit_log (at, actor_id, actor_name, action, brief_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
      [
        entry.at,
        entry.actorId,
        entry.actorName,
        entry.action,
        entry.briefId,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    );
  }

  /**
   * A page of the log, newest first. The briefs the entries name are joined
   * in the same query (one per page, not one per entry), so the log can show
   * their current titles; the briefs table lives in the same database.
   */
  async auditLog(options: {
    limit: number;
    beforeId?: number;
    briefId?: string;
  }): Promise<AuditLogRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (options.beforeId !== undefined) {
      where.push('a.id < ?');
      params.push(options.beforeId);
    }
    if (options.briefId) {
      where.push('a.brief_id = ?');
      params.push(options.briefId);
    }
    params.push(options.limit);
    const rows = await this.sql.all<{
      id: number | string;
      at: number | string;
      actor_id: string | null;
      actor_name: string | null;
      action: string;
      brief_id: string | null;
      detail: string | null;
      brief_title: string | null;
      brief_trashed_at: number | string | null;
    }>(
      `SELECT a.*, b.title AS brief_title, b.trashed_at AS brief_trashed_at
       FROM audit_log a LEFT JOIN briefs b ON b.id = a.brief_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY a.id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      briefId: r.brief_id,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      // briefs.title is NOT NULL, so a null here means no brief row joined.
      brief:
        r.brief_title === null
          ? null
          : { title: r.brief_title, trashed: r.brief_trashed_at !== null },
    }));
  }

  // ---- access-change feed ----

  /**
   * Records that a user's or a brief's access changed. Every instance polls
   * this feed and re-checks its open sockets, so a change made anywhere —
   * another instance, the user CLI — reaches live connections within a poll.
   */
  async recordAccessChange(
    change: { userId?: string; briefId?: string },
    at: number,
  ): Promise<void> {
    await this.sql.run('INSERT INTO access_changes (at, user_id, brief_id) VALUES (?, ?, ?)', [
      at,
      change.userId ?? null,
      change.briefId ?? null,
    ]);
  }

  async accessChangesSince(seq: number): Promise<AccessChange[]> {
    const rows = await this.sql.all<{
      seq: number | string;
      user_id: string | null;
      brief_id: string | null;
    }>('SELECT seq, user_id, brief_id FROM access_changes WHERE seq > ? ORDER BY seq LIMIT 1000', [
      seq,
    ]);
    return rows.map((r) => ({ seq: Number(r.seq), userId: r.user_id, briefId: r.brief_id }));
  }

  async latestAccessChange(): Promise<number> {
    const row = await this.sql.one<{ seq: number | string | null }>(
      'SELECT MAX(seq) AS seq FROM access_changes',
    );
    return Number(row?.seq ?? 0);
  }
}

function toUser(row: UserRow | undefined): UserRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    disabled: Number(row.disabled) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
