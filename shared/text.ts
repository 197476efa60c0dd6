/**
 * Text keys shared by the server's searches: the brief list's title search
 * and the cards engine's name matching fold text the same way.
 */

/** Lower case, accents removed: "Bogotá" and "BOGOTA" share the key "bogota". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
