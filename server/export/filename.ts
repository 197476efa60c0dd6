/**
 * Download file names. Titles are free text in any script; the name offered to
 * the browser must survive every OS and proxy, so it is reduced to ASCII
 * letters, digits and hyphens. The original title can still travel in the
 * RFC 5987 `filename*` parameter (see pdfContentDisposition).
 */

/** Letters NFKD does not decompose into ASCII plus accents. */
const TRANSLITERATE: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'n',
  Ŋ: 'N',
};

const MAX_BASE = 80;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** "Secretary's trip — Panama" → "Secretarys-trip-Panama.pdf". */
export function pdfFilename(title: string): string {
  const source = typeof title === 'string' ? title : '';
  let base = [...source.normalize('NFKD')]
    .map((ch) => TRANSLITERATE[ch] ?? ch)
    .join('')
    .replace(/\p{M}/gu, '')
    // Apostrophes join their word rather than splitting it.
    .replace(/['\u2018\u2019\u02BC`\u00B4]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length > MAX_BASE) {
    const cut = base.slice(0, MAX_BASE);
    const hyphen = cut.lastIndexOf('-');
    base = (hyphen > MAX_BASE / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
  }
  if (!base) base = 'brief';
  if (WINDOWS_RESERVED.test(base)) base = `${base}-brief`;
  return `${base}.pdf`;
}

/** A Content-Disposition value with the ASCII name and the full title for modern clients. */
export function pdfContentDisposition(title: string): string {
  const ascii = pdfFilename(title);
  const full = `${(typeof title === 'string' ? title : '').trim() || 'brief'}.pdf`;
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
