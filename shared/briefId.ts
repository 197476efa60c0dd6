/**
 * Brief ids are the names of collaborative documents. They are built and parsed
 * here and nowhere else, and validated before anything touches storage: an id
 * is also a WebSocket path segment and a database key, so anything looser
 * (dots, slashes, percent-escapes) would invite path tricks.
 */

declare const briefIdBrand: unique symbol;
export type BriefId = string & { readonly [briefIdBrand]: true };

export const BRIEF_ID_MIN_LENGTH = 6;
export const BRIEF_ID_MAX_LENGTH = 64;
const BRIEF_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The WebSocket path prefix; y-websocket appends `/<roomname>` to the URL it is given. */
export const COLLAB_PATH_PREFIX = '/collab';

export class InvalidBriefIdError extends Error {
  override readonly name = 'InvalidBriefIdError';
  constructor(readonly value: string) {
    super(
      `Brief ids are ${BRIEF_ID_MIN_LENGTH}-${BRIEF_ID_MAX_LENGTH} characters of A-Z, a-z, 0-9, '_' or '-'.`,
    );
  }
}

export function isBriefId(value: unknown): value is BriefId {
  return (
    typeof value === 'string' &&
    value.length >= BRIEF_ID_MIN_LENGTH &&
    value.length <= BRIEF_ID_MAX_LENGTH &&
    BRIEF_ID_PATTERN.test(value)
  );
}

export function parseBriefId(value: string): BriefId {
  if (!isBriefId(value)) throw new InvalidBriefIdError(value);
  return value;
}

/** 16 characters from a 62-letter alphabet: ~95 bits, unguessable enough to be a capability. */
export function newBriefId(): BriefId {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 62 does not divide 256; the bias this leaves (<1%) does not matter for an id.
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id as BriefId;
}

export function collabPathFor(id: BriefId): string {
  return `${COLLAB_PATH_PREFIX}/${id}`;
}

/**
 * Parses the path of a WebSocket upgrade request. Returns null for anything that is
 * not exactly `/collab/<valid id>`: no trailing segments, no encoded characters.
 */
export function briefIdFromCollabPath(pathname: string): BriefId | null {
  const prefix = `${COLLAB_PATH_PREFIX}/`;
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  return isBriefId(rest) ? rest : null;
}
