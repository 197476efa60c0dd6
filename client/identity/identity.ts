import { DISPLAY_NAME_MAX_LENGTH } from '../../shared/api.ts';

/**
 * Until accounts exist a person is a display name kept in this browser. It is
 * sent with each collaboration connection and shown beside their caret.
 */
const STORAGE_KEY = 'briefdesk:displayName';

export function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX_LENGTH);
}

export function loadName(): string | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    const name = stored ? normalizeName(stored) : '';
    return name || null;
  } catch {
    // Storage can be disabled (privacy settings); then the name lives for this page only.
    return null;
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // See loadName: not being able to remember the name is not worth an error.
  }
}
