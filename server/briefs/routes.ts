/** The briefs API: list/search, create, read, rename, delete. */
import { BRIEF_TITLE_MAX_LENGTH, type BriefSummary } from '../../shared/api.ts';
import { isBriefId, newBriefId, type BriefId } from '../../shared/briefId.ts';
import type { BriefRecord, Storage } from '../storage/index.ts';
import { optional, parseObject, readJsonBody, text } from '../http/body.ts';
import { notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';

export const DEFAULT_BRIEF_TITLE = 'Untitled brief';
const SEARCH_MAX_LENGTH = 200;

export interface BriefRoutesDeps {
  storage: Storage;
  maxBodyBytes: number;
  now: () => number;
  /** Called after a brief is deleted so live collaborators are disconnected. */
  onDeleted: (id: BriefId) => Promise<void>;
}

export function registerBriefRoutes(router: Router, deps: BriefRoutesDeps): void {
  const { storage } = deps;

  router.add('GET', '/api/briefs', async ({ query }) => {
    const q = (query.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH);
    const briefs = await storage.listBriefs(q);
    return { body: { briefs: briefs.map(toSummary) } };
  });

  router.add('POST', '/api/briefs', async ({ req }) => {
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      title: optional(text({ max: BRIEF_TITLE_MAX_LENGTH })),
    });
    const brief = await storage.createBrief({
      id: newBriefId(),
      title: body.title || DEFAULT_BRIEF_TITLE,
      createdAt: deps.now(),
    });
    return { status: 201, body: { brief: toSummary(brief) } };
  });

  router.add('GET', '/api/briefs/:id', async ({ params }) => {
    const brief = await storage.getBrief(requireId(params.id));
    if (!brief) throw notFound('No such brief.');
    return { body: { brief: toSummary(brief) } };
  });

  router.add('PATCH', '/api/briefs/:id', async ({ req, params }) => {
    const id = requireId(params.id);
    const body = parseObject(await readJsonBody(req, deps.maxBodyBytes), {
      title: text({ max: BRIEF_TITLE_MAX_LENGTH, min: 1 }),
    });
    const brief = await storage.updateBrief(id, { title: body.title, updatedAt: deps.now() });
    if (!brief) throw notFound('No such brief.');
    return { body: { brief: toSummary(brief) } };
  });

  router.add('DELETE', '/api/briefs/:id', async ({ params }) => {
    const id = requireId(params.id);
    await deps.onDeleted(id);
    if (!(await storage.deleteBrief(id))) throw notFound('No such brief.');
    return { status: 204 };
  });
}

/** An id that cannot exist is a 404, like any other unknown brief. */
function requireId(raw: string): BriefId {
  if (!isBriefId(raw)) throw notFound('No such brief.');
  return raw;
}

export function toSummary(brief: BriefRecord): BriefSummary {
  return {
    id: brief.id,
    title: brief.title,
    createdAt: new Date(brief.createdAt).toISOString(),
    updatedAt: new Date(brief.updatedAt).toISOString(),
    updatedBy: brief.updatedBy,
  };
}
