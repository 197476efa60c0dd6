/**
 * Request body reading and validation. Bodies are JSON objects of known shape;
 * anything else is refused with a 4xx before a route sees it.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, badRequest } from './errors.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 are refused, not stored as U+FFFD.
    text = UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not UTF-8 text.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/**
 * For a route that takes no body: none, or an empty JSON object. Anything else
 * — broken JSON, a field the route would ignore — is a 400, so that a caller
 * who meant to send something learns it was not read.
 */
export async function readNoBody(req: IncomingMessage, maxBytes: number): Promise<void> {
  parseObject(await readJsonBody(req, maxBytes), {});
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The body is over the ${maxBytes}-byte limit.`);
}

/**
 * A minimal schema check for small bodies: the object's keys, each with a
 * validator that returns the parsed value or throws a 400 naming the field.
 */
export type FieldParser<T> = (value: unknown, field: string) => T;
export type Shape = Record<string, FieldParser<unknown>>;
export type Parsed<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

export function parseObject<S extends Shape>(body: unknown, shape: S): Parsed<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // Own keys only: `in` would let "constructor" or "__proto__" through.
    if (!Object.hasOwn(shape, key)) throw badRequest(`Unknown field "${key}".`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, parse] of Object.entries(shape)) out[key] = parse(record[key], key);
  return out as Parsed<S>;
}

export function text(options: { max: number; min?: number }): FieldParser<string> {
  return (value, field) => {
    if (typeof value !== 'string') throw badRequest(`"${field}" must be a string.`);
    const trimmed = value.replace(/[\p{Cc}]/gu, ' ').trim();
    if (trimmed.length < (options.min ?? 0)) throw badRequest(`"${field}" must not be empty.`);
    if (trimmed.length > options.max) {
      throw badRequest(`"${field}" must be at most ${options.max} characters.`);
    }
    return trimmed;
  };
}

export function optional<T>(parse: FieldParser<T>): FieldParser<T | undefined> {
  return (value, field) => (value === undefined ? undefined : parse(value, field));
}
