/** Sources (upload, list, remove) and the cards built from them. */
import type { IncomingMessage } from 'node:http';
import { DEFAULT_MAX_SOURCE_BYTES, type SourceSummary } from '../../shared/api.ts';
import { SourceRejectedError } from '../cards/errors.ts';
import { formatFromFilename } from '../cards/normalise.ts';
import type { AccountStore } from '../auth/store.ts';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors.ts';
import { optional, parseObject, readJsonBody, text } from '../http/body.ts';
import type { Router } from '../http/router.ts';
import type { SourcesService } from './service.ts';
import type { SourceRecord } from './store.ts';

export interface SourcesRoutesDeps {
  sources: SourcesService;
  accounts: AccountStore;
  maxBodyBytes: number;
  maxSourceBytes?: number;
  now: () => number;
}

const RELEVANT_TEXT_MAX = 400_000;

export function registerSourcesRoutes(router: Router, deps: SourcesRoutesDeps): void {
  const { sources, accounts } = deps;
  const maxSourceBytes = deps.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;

  router.add('GET', '/api/sources', async () => {
    const list = await sources.store.list();
    const users = await accounts.usersByIds(
      list.flatMap((s) => (s.createdBy ? [s.createdBy] : [])),
    );
    return {
      body: {
        sources: list.map((s) =>
          toSummary(s, s.createdBy ? (users.get(s.createdBy)?.displayName ?? null) : null),
        ),
      },
    };
  });

  router.add('GET', '/api/sources/:id', async ({ params }) => {
    const record = await sources.store.get(params.id);
    const text = record ? await sources.store.text(record.id) : null;
    if (!record || text === null) throw notFound('No such source: it may have been removed.');
    const adder = record.createdBy
      ? ((await accounts.usersByIds([record.createdBy])).get(record.createdBy)?.displayName ?? null)
      : null;
    return { body: { source: toSummary(record, adder), text } };
  });

  /**
   * A source is sent as JSON `{ filename, content, title? }` (the sidebar reads
   * the file as text) or as the raw file with `?filename=` and a text/*
   * content type; raw bytes must be UTF-8.
   */
  /** One rule for a file's name however it is sent: it is shown, cited and exported. */
  const FILENAME = text({ max: 255, min: 1 });

  router.add('POST', '/api/sources', async ({ req, query, auth }) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    let filename: string;
    let content: string;
    let title: string | undefined;
    if (type === 'application/json') {
      const body = parseObject(await readJsonBody(req, maxSourceBytes * 2 + 4096), {
        filename: FILENAME,
        content: (value, field) => {
          if (typeof value !== 'string') throw badRequest(`"${field}" must be the file's text.`);
          return value;
        },
        title: optional(text({ max: 200 })),
      });
      ({ filename, content, title } = body);
      if (Buffer.byteLength(content) > maxSourceBytes) throw tooLarge(maxSourceBytes);
    } else if (type.startsWith('text/')) {
      const named = query.get('filename');
      if (named === null) throw badRequest('Send ?filename= with the file name.');
      filename = FILENAME(named, 'filename');
      // The type first: a PDF is the wrong kind of file, not a file in the wrong encoding.
      if (!formatFromFilename(filename)) throw unsupportedType();
      const raw = await readRaw(req, maxSourceBytes);
      try {
        content = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      } catch {
        throw new HttpError(400, 'bad_request', 'The file is not UTF-8 text.');
      }
    } else {
      throw new HttpError(415, 'unsupported_media_type', 'Send JSON or a text/* file body.');
    }
    const format = formatFromFilename(filename);
    if (!format) throw unsupportedType();
    try {
      const { source, created } = await sources.ingest(
        { filename, content, format, title },
        auth.user.id,
      );
      if (created) {
        await accounts.audit({
          at: deps.now(),
          actorId: auth.user.id,
          actorName: auth.user.displayName,
          action: 'source.added',
          briefId: null,
          detail: { sourceId: source.id, title: source.title },
        });
      }
      return {
        status: created ? 201 : 200,
        body: { source: toSummary(source, auth.user.displayName), created },
      };
    } catch (error) {
      if (error instanceof SourceRejectedError) {
        throw new HttpError(
          400,
          'bad_request',
          `This file cannot be used as a source: ${error.message}.`,
        );
      }
      throw error;
    }
  });

  router.add('DELETE', '/api/sources/:id', async ({ params, auth }) => {
    const source = await sources.store.get(params.id);
    if (!source) throw notFound('No such source.');
    const mayRemove =
      auth.user.role === 'admin' ||
      auth.user.role === 'manager' ||
      source.createdBy === auth.user.id;
    if (!mayRemove)
      throw forbidden('Only the person who added a source, managers and admins can remove it.');
    await sources.remove(source.id);
    await accounts.audit({
      at: deps.now(),
      actorId: auth.user.id,
      actorName: auth.user.displayName,
      action: 'source.removed',
      briefId: null,
      detail: { sourceId: source.id, title: source.title },
    });
    return { status: 204 };
  });

  router.add('GET', '/api/cards', async () => ({ body: { cards: await sources.cards() } }));

  router.add('POST', '/api/cards/relevant', async ({ req }) => {
    const body = parseObject(await readJsonBody(req, RELEVANT_TEXT_MAX * 4), {
      text: (value, field) => {
        if (typeof value !== 'string') throw badRequest(`"${field}" must be a string.`);
        return value.slice(0, RELEVANT_TEXT_MAX);
      },
    });
    return { body: { relevant: await sources.relevant(body.text) } };
  });
}

function toSummary(source: SourceRecord, addedBy: string | null): SourceSummary {
  return {
    id: source.id,
    title: source.title,
    filename: source.filename,
    format: source.format,
    chars: source.chars,
    createdAt: new Date(source.createdAt).toISOString(),
    addedBy,
    sample: source.id.startsWith('sample-'),
  };
}

function unsupportedType(): HttpError {
  return new HttpError(415, 'unsupported_media_type', 'Sources must be .txt, .md or .html files.');
}

function tooLarge(max: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `Sources can be at most ${Math.round(max / 1024)} KB.`,
  );
}

async function readRaw(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
