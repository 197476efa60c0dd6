import type { CardsLookup } from './useCards.ts';

let flagSupport: boolean | null = null;

/**
 * Whether this system draws flag emoji. Windows and many Linux desktops have
 * no flag glyphs and show two letters in boxes instead, which reads as a
 * rendering bug; there a neat code badge looks deliberate. A flag glyph has
 * colour, the fallback letters do not, so one canvas probe tells them apart.
 */
function supportsFlagEmoji(): boolean {
  if (flagSupport !== null) return flagSupport;
  flagSupport = false;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 20;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx) {
      ctx.textBaseline = 'top';
      ctx.font = '16px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
      ctx.fillText('\u{1F1FA}\u{1F1F3}', 0, 0);
      const data = ctx.getImageData(0, 0, 20, 20).data;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (data[i + 3] > 0 && (Math.abs(r - g) > 20 || Math.abs(g - b) > 20)) {
          flagSupport = true;
          break;
        }
      }
    }
  } catch {
    // No canvas (or a locked-down one): the badge is always legible.
  }
  return flagSupport;
}

/** Emoji flag from an ISO 3166-1 alpha-2 code's regional indicator symbols. */
export function flagEmoji(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

const displayNames =
  typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' })
    : null;

/** A country's name from the cards, else from the browser, else its code. */
export function countryName(code: string, lookup: CardsLookup | null): string {
  return lookup?.country(code)?.name ?? displayNames?.of(code) ?? code;
}

/** Decorative: the country's name is always next to it or in the label of what holds it. */
export function Flag({
  code,
  flag,
  size = 'md',
}: {
  code: string;
  flag?: string;
  size?: 'sm' | 'md';
}) {
  const glyph = flag || flagEmoji(code);
  if (glyph && supportsFlagEmoji()) {
    return (
      <span className={`flag flag--${size}`} aria-hidden="true">
        {glyph}
      </span>
    );
  }
  return (
    <span className={`flag flag--badge flag--${size}`} aria-hidden="true">
      {code}
    </span>
  );
}
