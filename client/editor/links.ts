/**
 * Turns what a person types into a link target, or explains why it cannot be
 * one. Only the protocols the schema's Link mark allows get through, so a pasted
 * `javascript:` URL never becomes a clickable link.
 */
export type LinkParseResult = { ok: true; href: string } | { ok: false; message: string };

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function parseLink(raw: string): LinkParseResult {
  const value = raw.trim();
  if (!value) return { ok: false, message: 'Enter a web address.' };
  let candidate = value;
  if (EMAIL.test(value)) candidate = `mailto:${value}`;
  else if (value.startsWith('//')) candidate = `https:${value}`;
  else if (!HAS_SCHEME.test(value)) candidate = `https://${value}`;

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, message: 'That doesn’t look like a web address.' };
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) {
    return { ok: false, message: 'Links must be web (http, https) or email (mailto) addresses.' };
  }
  if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return { ok: false, message: 'That doesn’t look like a web address.' };
  }
  return { ok: true, href: url.href };
}
