/**
 * A password for an admin to hand over, in the server's own style: four groups
 * of five letters and digits, without look-alikes (0/O, 1/l/I), so it can be
 * read out or copied from a printout. Generated here because `PATCH /api/users`
 * takes the new password rather than making one up.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789';

export function generatePassword(): string {
  // Rejection sampling: a plain modulo would favour the first characters.
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  let chars = 0;
  while (chars < 20) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte >= limit || chars === 20) continue;
      if (chars > 0 && chars % 5 === 0) out += '-';
      out += ALPHABET[byte % ALPHABET.length];
      chars += 1;
    }
  }
  return out;
}

export const MIN_PASSWORD_LENGTH = 10;
