/** The revision history API. Every route checks the caller's brief role. */
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import type { AuthorSummary, RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { distinctColors } from '../../shared/colors.ts';
import type { BriefAccess } from '../access/briefAccess.ts';
import type { AccountStore } from '../auth/store.ts';
import { requireId } from '../briefs/routes.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import { parseObject, readJsonBody, readNoBody, text } from '../http/body.ts';
import { wholeNumber } from '../http/params.ts';
import type { Router } from '../http/router.ts';
import {
  BriefBusyError,
  RevisionNotFoundError,
  type HistoryService,
  type RevisionRef,
} from './service.ts';
import type { RevisionSummaryRecord } from './store.ts';

export interface HistoryRoutesDeps {
  history: HistoryService;
  access: BriefAccess;
  accounts: AccountStore;
  maxBodyBytes: number;
  now: () => number;
}

export const REVISION_NAME_MAX_LENGTH = 120;

export function registerHistoryRoutes(router: Router, deps: HistoryRoutesDeps): void {
  const { history, access, accounts } = deps;

  const authorsOf = async (ids: Iterable<string>): Promise<Map<string, AuthorSummary>> => {
    const users = await accounts.usersByIds([...new Set(ids)]);
    const colors = distinctColors([...users].map(([id, user]) => ({ id, name: user.displayName })));
    const out = new Map<string, AuthorSummary>();
    for (const [id, user] of users) {
      out.set(id, { id, displayName: user.displayName, color: colors.get(id) ?? '' });
    }
    return out;
  };
  const summaries = async (records: RevisionSummaryRecord[]): Promise<RevisionSummary[]> => {
    const authors = await authorsOf(
      records.flatMap((r) => (r.createdBy ? [...r.authors, r.createdBy] : r.authors)),
    );
    return records.map((r) => ({
      id: r.id,
      createdAt: new Date(r.createdAt).toISOString(),
      kind: r.kind,
      name: r.name,
      restoredFrom: r.restoredFrom && {
        ...r.restoredFrom,
        createdAt: new Date(r.restoredFrom.createdAt).toISOString(),
      },
      createdBy: r.createdBy === null ? null : (authors.get(r.createdBy) ?? null),
      authors: r.authors.flatMap((id) => authors.get(id) ?? []),
      wordsAdded: r.wordsAdded,
      wordsRemoved: r.wordsRemoved,
      formattingChanged: r.formattingChanged,
    }));
  };
  const approvalOf = async (briefId: BriefId) => {
    const state = await history.approvalState(briefId);
    const approver = state.approverId
      ? (await authorsOf([state.approverId])).get(state.approverId)
      : null;
    return {
      state: state.state,
      revisionId: state.revisionId,
      approver: approver ?? null,
      approvedAt: state.approvedAt === null ? null : new Date(state.approvedAt).toISOString(),
    };
  };
  const revisionParam = (raw: string): number => {
    const id = wholeNumber(raw);
    if (id === null) throw notFound('No such revision.');
    return id;
  };
  const refParam = (raw: string | null, field: string): RevisionRef => {
    if (raw === 'current') return 'current';
    const id = raw === null ? null : wholeNumber(raw);
    if (id === null) throw badRequest(`"${field}" must be a revision id or "current".`);
    return id;
  };
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RevisionNotFoundError) throw notFound('No such revision.');
      if (error instanceof BriefBusyError) {
        throw new HttpError(
          503,
          'busy',
          'Another server is saving this brief’s history; try again.',
          {
            'retry-after': '2',
          },
        );
      }
      throw error;
    }
  };

  router.add('GET', '/api/briefs/:id/revisions', async ({ params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'history');
    return {
      body: { revisions: await summaries(await history.list(id)), approval: await approvalOf(id) },
    };
  });

  router.add('GET', '/api/briefs/:id/approval', async ({ params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'read');
    return { body: { approval: await approvalOf(id) } };
  });

  router.add('GET', '/api/briefs/:id/revisions/:rev', async ({ res, params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'history');
    const rev = revisionParam(params.rev);
    const record = await history.summary(id, rev);
    if (!record) throw notFound('No such revision.');
    const revision = (await summaries([record]))[0];
    const content = await guard(() => history.contentJson(id, rev));
    sendJsonParts(
      res,
      [`{"revision":${JSON.stringify(revision)},"content":`, content.bytes, '}'],
      content,
    );
  });

  router.add('GET', '/api/briefs/:id/compare', async ({ res, params, query, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'history');
    const from = refParam(query.get('from'), 'from');
    const to = refParam(query.get('to') ?? 'current', 'to');
    // Changes are marked from `from` to `to`; the other way round, what was
    // added would show as removed and the reverse. Ids grow with time.
    if (from === 'current' ? to !== 'current' : to !== 'current' && to < from) {
      throw badRequest('"from" must be the older version: a revision id up to "to", or "current".');
    }
    const result = await guard(() => history.compareJson(id, from, to));
    let authors: Map<string, AuthorSummary>;
    try {
      authors = await authorsOf(result.authors);
    } catch (error) {
      result.doc.release();
      throw error;
    }
    sendJsonParts(
      res,
      ['{"doc":', result.doc.bytes, `,"authors":${JSON.stringify([...authors.values()])}}`],
      result.doc,
    );
  });

  router.add('POST', '/api/briefs/:id/revisions', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'edit');
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      name: text({ max: REVISION_NAME_MAX_LENGTH, min: 1 }),
    });
    const revisionId = await history.createRevision(id, 'named', {
      name: body.name,
      by: auth.user.id,
    });
    const record = revisionId === null ? null : await history.summary(id, revisionId);
    if (!record) throw new HttpError(500, 'internal', 'The version was not recorded.');
    return { status: 201, body: { revision: (await summaries([record]))[0] } };
  });

  router.add('POST', '/api/briefs/:id/revisions/:rev/restore', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'restore');
    await readNoBody(req, deps.maxBodyBytes);
    const rev = revisionParam(params.rev);
    const restoredId = await guard(() =>
      history.restore(id, rev, {
        id: auth.user.id,
        sessionId: auth.session.id,
        name: auth.user.displayName,
      }),
    );
    await accounts.audit({
      at: deps.now(),
      actorId: auth.user.id,
      actorName: auth.user.displayName,
      action: 'revision.restored',
      briefId: id,
      detail: { from: rev, revision: restoredId },
    });
    const record = await history.summary(id, restoredId);
    return { body: { revision: record ? (await summaries([record]))[0] : null } };
  });

  router.add('POST', '/api/briefs/:id/revisions/:rev/approve', async ({ req, params, auth }) => {
    const id = requireId(params.id);
    await access.require(auth.user, id, 'approve');
    await readNoBody(req, deps.maxBodyBytes);
    const rev = revisionParam(params.rev);
    await guard(() => history.approve(id, rev, auth.user.id));
    await accounts.audit({
      at: deps.now(),
      actorId: auth.user.id,
      actorName: auth.user.displayName,
      action: 'revision.approved',
      briefId: id,
      detail: { revision: rev },
    });
    return { body: { approval: await approvalOf(id) } };
  });
}

/**
 * A 200 response put together from JSON pieces, one of them a rendered
 * brief as the history worker wrote it (UTF-8 JSON in shared memory):
 * parsing it only to serialise it again, or even copying it, would cost
 * this thread — the one relaying every live edit — time and garbage
 * collections. The lease is released once the response is done with the
 * bytes, whether it completed or the client went away. The headers are those
 * of every other JSON response.
 */
function sendJsonParts(
  res: ServerResponse,
  parts: Array<string | Uint8Array>,
  lease: { release(): void },
): void {
  try {
    const chunks = parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.byteLength),
    );
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': chunks.reduce((n, c) => n + c.byteLength, 0),
      'cache-control': 'no-store',
    });
    res.cork();
    for (const chunk of chunks.slice(0, -1)) res.write(chunk);
    res.end(chunks[chunks.length - 1]);
  } finally {
    finished(res, () => lease.release());
  }
}
