/**
 * Accounts and sessions: sign-in with rate limiting, cookie sessions stored
 * server-side (hashed), user administration, and the first-start admin.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OrgRole } from '../../shared/roles.ts';
import type { AuthConfig } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../logger.ts';
import { UniqueViolationError } from '../storage/index.ts';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { LoginRateLimiter } from './rateLimit.ts';
import type { AccountStore, SessionRecord, UserRecord } from './store.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export interface Authenticated {
  user: UserRecord;
  session: SessionRecord;
}

/** Refreshing a session's expiry on every request would write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  private readonly limiter: LoginRateLimiter;
  /** A hash to verify against for unknown usernames, so timing does not reveal which exist. */
  private decoyHash: Promise<string> | null = null;

  constructor(
    readonly store: AccountStore,
    private readonly config: AuthConfig,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new LoginRateLimiter(
      store,
      {
        perAccount: config.loginFailuresPerAccount,
        perAddress: config.loginFailuresPerAddress,
        windowMs: config.loginWindowMs,
      },
      now,
    );
  }

  static tokenId(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /**
   * On first start with an empty database, creates `admin`. Returns the
   * generated password when none was configured, for the caller to print once.
   */
  async bootstrap(): Promise<{ created: boolean; generatedPassword: string | null }> {
    if ((await this.store.countUsers()) > 0) return { created: false, generatedPassword: null };
    const generated = this.config.adminPassword ? null : generatePassword();
    const password = this.config.adminPassword ?? generated!;
    try {
      await this.store.createUser({
        id: randomUUID(),
        username: 'admin',
        displayName: 'Administrator',
        passwordHash: await hashPassword(password, this.config.scryptCost),
        role: 'admin',
        disabled: false,
        createdAt: this.now(),
      });
    } catch (error) {
      // Several instances starting together on an empty database: one wins.
      if (error instanceof UniqueViolationError) return { created: false, generatedPassword: null };
      throw error;
    }
    this.logger.info('created the first admin account', { username: 'admin' });
    return { created: true, generatedPassword: generated };
  }

  async login(
    usernameInput: string,
    password: string,
    address: string,
    userAgent: string,
  ): Promise<{ user: UserRecord; token: string; expiresAt: number }> {
    const username = usernameInput.trim().toLowerCase();
    const wait = await this.limiter.retryAfter(username, address);
    if (wait > 0) {
      throw new HttpError(
        429,
        'rate_limited',
        `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} seconds.`,
        { 'retry-after': String(Math.ceil(wait / 1000)) },
      );
    }
    const user = await this.store.userByUsername(username);
    this.decoyHash ??= hashPassword(randomBytes(12).toString('hex'), this.config.scryptCost);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !ok || user.disabled) {
      await this.limiter.recordFailure(username, address);
      // The person is told only that it failed; the log says why, for whoever reads it.
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled';
      await this.store.audit({
        at: this.now(),
        actorId: user?.id ?? null,
        actorName: username.slice(0, 40),
        action: 'login.failed',
        briefId: null,
        detail: { address, reason },
      });
      throw new HttpError(401, 'unauthorized', 'That username and password do not match.');
    }
    await this.limiter.recordSuccess(username);
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const expiresAt = at + this.config.sessionTtlMs;
    await this.store.createSession(
      { id: AuthService.tokenId(token), userId: user.id, createdAt: at, expiresAt, lastSeenAt: at },
      address,
      userAgent,
    );
    await this.store.audit({
      at,
      actorId: user.id,
      actorName: user.displayName,
      action: 'login',
      briefId: null,
      detail: { address },
    });
    return { user, token, expiresAt };
  }

  /** The user behind a session token, or null when it is unknown, expired, revoked or disabled. */
  async authenticate(token: string | null): Promise<Authenticated | null> {
    if (!token || token.length > 200) return null;
    const session = await this.store.session(AuthService.tokenId(token));
    const at = this.now();
    if (!session || session.revokedAt !== null || session.expiresAt <= at) return null;
    const user = await this.store.userById(session.userId);
    if (!user || user.disabled) return null;
    if (at - session.lastSeenAt > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = at;
      session.expiresAt = at + this.config.sessionTtlMs;
      await this.store.touchSession(session.id, session.lastSeenAt, session.expiresAt);
    }
    return { user, session };
  }

  /** Whether a session id still stands; used to re-check live sockets. */
  async sessionStands(sessionId: string): Promise<boolean> {
    const session = await this.store.session(sessionId);
    if (!session || session.revokedAt !== null || session.expiresAt <= this.now()) return false;
    const user = await this.store.userById(session.userId);
    return !!user && !user.disabled;
  }

  async logout(auth: Authenticated): Promise<void> {
    await this.store.revokeSession(auth.session.id, this.now());
    await this.store.recordAccessChange({ userId: auth.user.id }, this.now());
    await this.store.audit({
      at: this.now(),
      actorId: auth.user.id,
      actorName: auth.user.displayName,
      action: 'logout',
      briefId: null,
      detail: null,
    });
  }

  async createUser(
    input: { username: string; displayName: string; role: OrgRole; password?: string },
    actor: UserRecord | null,
  ): Promise<{ user: UserRecord; generatedPassword: string | null }> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw new HttpError(
        400,
        'bad_request',
        'Usernames are 2–32 characters: lowercase letters, digits, dot, dash or underscore.',
      );
    }
    const generated = input.password ? null : generatePassword();
    const password = input.password ?? generated!;
    const problem = passwordProblem(password);
    if (problem) throw new HttpError(400, 'bad_request', problem);
    let user: UserRecord;
    try {
      user = await this.store.createUser({
        id: randomUUID(),
        username,
        displayName: input.displayName,
        passwordHash: await hashPassword(password, this.config.scryptCost),
        role: input.role,
        disabled: false,
        createdAt: this.now(),
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) {
        throw new HttpError(409, 'conflict', `The username "${username}" is taken.`);
      }
      throw error;
    }
    await this.auditUser('user.created', actor, user, { role: user.role });
    return { user, generatedPassword: generated };
  }

  /**
   * A person changes their own password, giving the current one. Their other
   * sessions end (a password someone else knew, such as one an admin handed
   * over, opens nothing any more); this one stays. Wrong current passwords
   * count towards the same limit as failed sign-ins.
   */
  async changeOwnPassword(
    auth: Authenticated,
    current: string,
    next: string,
    address: string,
  ): Promise<void> {
    const { user } = auth;
    const wait = await this.limiter.retryAfter(user.username, address);
    if (wait > 0) {
      throw new HttpError(
        429,
        'rate_limited',
        `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} seconds.`,
        { 'retry-after': String(Math.ceil(wait / 1000)) },
      );
    }
    const stored = await this.store.userById(user.id);
    if (!stored || !(await verifyPassword(current, stored.passwordHash))) {
      await this.limiter.recordFailure(user.username, address);
      await this.auditUser('user.password_change_failed', user, user, { address });
      throw new HttpError(400, 'bad_request', 'Your current password is not right.');
    }
    const problem = passwordProblem(next);
    if (problem) throw new HttpError(400, 'bad_request', problem);
    if (next === current) {
      throw new HttpError(400, 'bad_request', 'The new password must differ from the current one.');
    }
    const at = this.now();
    await this.store.updateUser(user.id, {
      passwordHash: await hashPassword(next, this.config.scryptCost),
      updatedAt: at,
    });
    await this.store.revokeOtherSessions(user.id, auth.session.id, at);
    await this.store.recordAccessChange({ userId: user.id }, at);
    await this.auditUser('user.password_changed', user, user, {});
  }

  /** Changes a user; disabling ends their sessions, and every instance drops their sockets. */
  async updateUser(
    id: string,
    patch: { displayName?: string; role?: OrgRole; disabled?: boolean; password?: string },
    actor: UserRecord | null,
  ): Promise<UserRecord> {
    const current = await this.store.userById(id);
    if (!current) throw new HttpError(404, 'not_found', 'No such user.');
    if (actor && actor.id === id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
      throw new HttpError(400, 'bad_request', 'You cannot disable or demote your own account.');
    }
    let passwordHash: string | undefined;
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) throw new HttpError(400, 'bad_request', problem);
      passwordHash = await hashPassword(patch.password, this.config.scryptCost);
    }
    const at = this.now();
    const user = (await this.store.updateUser(id, {
      displayName: patch.displayName,
      role: patch.role,
      disabled: patch.disabled,
      passwordHash,
      updatedAt: at,
    }))!;
    const endSessions = patch.disabled === true || passwordHash !== undefined;
    if (endSessions) await this.store.revokeUserSessions(id, at);
    await this.store.recordAccessChange({ userId: id }, at);
    const action =
      patch.disabled === true
        ? 'user.disabled'
        : patch.disabled === false
          ? 'user.enabled'
          : passwordHash
            ? 'user.password_reset'
            : 'user.updated';
    await this.auditUser(action, actor, user, { role: patch.role });
    return user;
  }

  private async auditUser(
    action: string,
    actor: UserRecord | null,
    user: UserRecord,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.store.audit({
      at: this.now(),
      actorId: actor?.id ?? null,
      actorName: actor?.displayName ?? 'command line',
      action,
      briefId: null,
      detail: { userId: user.id, username: user.username, ...detail },
    });
  }
}
