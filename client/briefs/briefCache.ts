import type { BriefSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';

/**
 * The last known metadata of each brief, so a brief opened offline still shows
 * its title and opens with the right editability. Kept per account: the role
 * in a summary is the caller's, and one browser may be shared by several people.
 */
const cacheKey = (userId: string, id: BriefId) => `briefdesk:${userId}:brief:${id}`;

export function readCachedBrief(userId: string, id: BriefId): BriefSummary | null {
  try {
    const raw = localStorage.getItem(cacheKey(userId, id));
    const parsed = raw ? (JSON.parse(raw) as Partial<BriefSummary>) : null;
    // Entries from before roles existed lack one; they are better refetched than guessed.
    if (!parsed || typeof parsed.role !== 'string') return null;
    // Entries from before owners were listed lack one: unknown, not an error.
    return { ...(parsed as BriefSummary), owner: parsed.owner ?? null };
  } catch {
    return null;
  }
}

export function writeCachedBrief(userId: string, brief: BriefSummary): void {
  try {
    localStorage.setItem(cacheKey(userId, brief.id), JSON.stringify(brief));
  } catch {
    // Only a convenience for offline use.
  }
}

export function forgetCachedBrief(userId: string, id: BriefId): void {
  try {
    localStorage.removeItem(cacheKey(userId, id));
  } catch {
    // See writeCachedBrief.
  }
}

/**
 * A title renamed while the server could not be reached, kept until the
 * server has it: a reload, or a server that comes back without the browser
 * ever going offline, must not lose it (useBrief retries on every fetch).
 */
const pendingTitleKey = (userId: string, id: BriefId) => `briefdesk:${userId}:pending-title:${id}`;

export function readPendingTitle(userId: string, id: BriefId): string | null {
  try {
    return localStorage.getItem(pendingTitleKey(userId, id));
  } catch {
    return null;
  }
}

export function writePendingTitle(userId: string, id: BriefId, title: string | null): void {
  try {
    if (title === null) localStorage.removeItem(pendingTitleKey(userId, id));
    else localStorage.setItem(pendingTitleKey(userId, id), title);
  } catch {
    // Without storage the title is still retried while the page stays open.
  }
}
