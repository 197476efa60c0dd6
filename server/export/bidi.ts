/**
 * Right-to-left text in the PDF: the Unicode Bidirectional Algorithm
 * (UAX #9, by bidi-js) applied to each laid-out line.
 *
 * pdfkit draws each fragment left to right. Its shaper (fontkit) already
 * reverses the glyphs of a string in an RTL script, so an Arabic or Hebrew
 * run drawn as one string comes out right. What it cannot do is order the
 * runs of a line: without this pass, "the minister said: <Arabic phrase>
 * today" printed the phrase's words last-to-first, and an Arabic paragraph
 * read backwards line by line.
 *
 * So a line's fragments are cut into runs of one embedding level, each kept
 * in logical order as one string (fontkit reverses an RTL run's glyphs, and
 * with them its words), mirrored where the level is RTL ("(" becomes ")"),
 * and the runs are reordered by rule L2. The runs are never merged again: a
 * digit run inside Arabic text must stay its own string, or fontkit would
 * reverse its digits with the letters around it.
 */
import bidiFactory from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

const bidi = bidiFactory();

/**
 * Characters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
 * N'Ko, Samaritan, Mandaic and their presentation forms): a line with none of
 * them is drawn as it is laid out, without running the algorithm.
 */
const RTL_CHARS =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Letters of the scripts fontkit sets right to left. fontkit takes a string's
 * direction from its first character outside the Common and Inherited scripts,
 * so "،" and "؟" (Common) alone are set left to right, and Arabic-Indic digits
 * (Arabic) right to left.
 */
const FONTKIT_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

export function hasRtl(text: string): boolean {
  return RTL_CHARS.test(text);
}

/** A paragraph's base direction: that of its first strong character (rules P2–P3). */
export function paragraphDirection(text: string): Direction {
  if (!hasRtl(text)) return 'ltr';
  return (bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

/** The part of a fragment bidi needs: its text, and a way to copy it with other text. */
export interface BidiPiece {
  text: string;
}

/**
 * The fragments of one line in visual order, left to right. `remake` copies a
 * fragment with a part of its text (and so its own measured width).
 */
export function visualOrder<F extends BidiPiece>(
  pieces: F[],
  direction: Direction,
  remake: (piece: F, text: string) => F,
): F[] {
  const text = pieces.map((p) => p.text).join('');
  // The same array back: the line is drawn as laid out.
  if (direction === 'ltr' && !hasRtl(text)) return pieces;
  const { levels } = bidi.getEmbeddingLevels(text, direction);

  const runs: { piece: F; level: number }[] = [];
  let at = 0;
  for (const piece of pieces) {
    const end = at + piece.text.length;
    let start = at;
    for (let i = at + 1; i <= end; i++) {
      if (i < end && levels[i] === levels[start]) continue;
      const level = levels[start];
      const part = text.slice(start, i);
      const rtl = level % 2 === 1;
      let shown = rtl ? mirror(part) : part;
      // fontkit reverses a string exactly when it holds RTL letters. A run
      // that must read the other way is reversed here: brackets, spaces and
      // Arabic punctuation with no letter among them at an RTL level, or
      // Arabic-Indic digits at an even one. None of those has letters to join.
      if (rtl !== FONTKIT_RTL.test(shown)) shown = [...shown].reverse().join('');
      runs.push({
        piece: start === at && i === end && shown === part ? piece : remake(piece, shown),
        level,
      });
      start = i;
    }
    at = end;
  }

  // Rule L2: from the highest level down to the lowest odd one, reverse every
  // maximal sequence of runs at that level or higher.
  let highest = 0;
  let lowestOdd = Infinity;
  for (const { level } of runs) {
    highest = Math.max(highest, level);
    if (level % 2 === 1) lowestOdd = Math.min(lowestOdd, level);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length;) {
      if (runs[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j].level >= level) j++;
      reverseRange(runs, i, j);
      i = j;
    }
  }
  return runs.map((r) => r.piece);
}

/** Brackets and other mirrored characters as they show in right-to-left text (rule L4). */
function mirror(text: string): string {
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}

function reverseRange<T>(items: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) [items[a], items[b]] = [items[b], items[a]];
}
