import type { AccountSummary } from '../../shared/api.ts';
import { isOrgRole } from '../../shared/roles.ts';

/**
 * The last account confirmed by the server, kept so a brief reloaded without
 * a network still opens from its local copy: the session cannot be checked
 * offline, and refusing to start would lose exactly the offline editing the
 * app promises. The server still checks the cookie on every connection.
 */
const KEY = 'briefdesk:account';

function isAccount(value: unknown): value is AccountSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<AccountSummary>;
  return (
    typeof v.id === 'string' &&
    typeof v.username === 'string' &&
    typeof v.displayName === 'string' &&
    isOrgRole(v.role) &&
    typeof v.disabled === 'boolean' &&
    typeof v.createdAt === 'string'
  );
}

export function readCachedAccount(): AccountSummary | null {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isAccount(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeCachedAccount(account: AccountSummary): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(account));
  } catch {
    // Without storage only offline starts are lost.
  }
}

export function clearCachedAccount(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // See writeCachedAccount.
  }
}
