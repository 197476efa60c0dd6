/**
 * GET /api/briefs/:id/export.pdf[?revision=<id>][&paper=a4|letter][&toc=1]
 * The current text needs the 'export' right; an old revision also 'history'.
 */
import { can } from '../../shared/roles.ts';
import type { BriefAccess } from '../access/briefAccess.ts';
import type { AccountStore } from '../auth/store.ts';
import { requireId } from '../briefs/routes.ts';
import { getMarking } from '../briefs/marking.ts';
import type { HistoryService } from '../history/service.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import type { SourcesService } from '../sources/service.ts';
import type { SqlClient } from '../storage/index.ts';
import { pdfContentDisposition } from './filename.ts';
import type { ExportPool } from './pool.ts';
import type { ExportMeta, ExportSources, ExportStatus } from './types.ts';
import { wholeNumber } from '../http/params.ts';

export interface ExportRouteDeps {
  pool: ExportPool;
  access: BriefAccess;
  history: HistoryService;
  sources: SourcesService;
  accounts: AccountStore;
  sql: SqlClient;
  now: () => number;
}

export function registerExportRoute(router: Router, deps: ExportRouteDeps): void {
  router.add('GET', '/api/briefs/:id/export.pdf', async ({ params, query, auth, res }) => {
    const id = requireId(params.id);
    const { brief, role } = await deps.access.require(auth.user, id, 'export');
    const paper = query.get('paper') ?? 'letter';
    if (paper !== 'letter' && paper !== 'a4') throw badRequest('"paper" must be a4 or letter.');
    const tocParam = query.get('toc') ?? '0';
    if (!['0', '1', 'false', 'true'].includes(tocParam)) {
      throw badRequest('"toc" must be 1 or 0 (true or false).');
    }
    const toc = tocParam === '1' || tocParam === 'true';
    const revisionParam = query.get('revision');
    let revisionId: number | null = null;
    if (revisionParam !== null && revisionParam !== 'current') {
      revisionId = wholeNumber(revisionParam);
      if (revisionId === null) {
        throw badRequest('"revision" must be a version number or "current".');
      }
      if (!can(role, 'history')) throw forbidden('Your role can export the current version only.');
    }

    const revisions = await deps.history.list(id);
    const revision = revisionId === null ? null : revisions.find((r) => r.id === revisionId);
    if (revisionId !== null && !revision) throw notFound('No such revision.');
    const content = await deps.history.content(id, revisionId ?? 'current');

    const approval = await deps.history.store.latestApproval(id);
    const approvedNow =
      approval !== null &&
      (revision
        ? revision.contentHash === approval.contentHash
        : (await deps.history.approvalState(id)).state === 'approved');
    const authorIds = new Set(
      revisions.filter((r) => revisionId === null || r.id <= revisionId).flatMap((r) => r.authors),
    );
    const users = await deps.accounts.usersByIds([
      ...authorIds,
      ...(approval ? [approval.approverId] : []),
    ]);
    // Approved while the printed text is the approved text; back in review
    // once an approved brief has changed; a draft until anyone approves — and
    // a version from before the approval was a draft when it was written.
    const writtenBeforeApproval =
      revision != null && approval !== null && revision.createdAt < approval.approvedAt;
    const status: ExportStatus =
      approval && approvedNow
        ? {
            kind: 'approved',
            approver: users.get(approval.approverId)?.displayName ?? 'unknown',
            approvedAt: new Date(approval.approvedAt).toISOString(),
          }
        : approval && !writtenBeforeApproval
          ? { kind: 'in-review' }
          : { kind: 'draft' };
    const authors = [...authorIds].flatMap((uid) => users.get(uid)?.displayName ?? []);
    if (authors.length === 0 && brief.updatedBy) authors.push(brief.updatedBy);

    const meta: ExportMeta = {
      title: brief.title,
      status,
      date: new Date(revision?.createdAt ?? deps.now()).toISOString(),
      authors,
      revisionId: revision
        ? `r${revision.id}`
        : revisions.length > 0
          ? `current (after r${revisions[revisions.length - 1].id})`
          : 'current',
      marking: await getMarking(deps.sql, id),
      paper,
      toc,
    };
    const sources: ExportSources = {};
    for (const s of await deps.sources.store.list()) sources[s.id] = { title: s.title };

    // Rendered whole before the first byte: "Page X of Y" needs the full
    // layout, and a failure can still be answered as a JSON error.
    const pdf = await deps.pool.render(content, meta, sources);
    await deps.accounts.audit({
      at: deps.now(),
      actorId: auth.user.id,
      actorName: auth.user.displayName,
      action: 'brief.exported',
      briefId: id,
      detail: { revision: revisionId, paper, bytes: pdf.length },
    });
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': pdfContentDisposition(brief.title),
      'cache-control': 'no-store',
    });
    res.end(pdf);
  });
}
