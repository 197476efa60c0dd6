/**
 * Text keys shared by the server's searches: the brief list's title search
 * and the cards engine's name matching fold text the same way.
 */

/**
 * Lower case, accents removed: "Bogotá" and "BOGOTA" share the key "bogota".
 * Letters that Unicode does not decompose are spelled as people type them
 * without the letter: "Straße" as "strasse", "Ærø" as "aero", "Łódź" as "lodz".
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłıþ]/g, (letter) => SPELLED_OUT[letter]);
}

const SPELLED_OUT: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
