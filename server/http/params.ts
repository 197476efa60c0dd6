/**
 * Path and query parameters: strings, checked by each route. Ids and counts
 * are plain decimal digits — not "1.5", "1e3", "-1" or "" — and small enough
 * to be exact as numbers.
 */

/** The parameter as a whole number, or null for anything but 1 to 15 decimal digits. */
export function wholeNumber(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
