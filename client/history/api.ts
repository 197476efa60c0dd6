/** The revision history API (see README "Revision history"). */
import type {
  ApprovalStatus,
  CompareResponse,
  CreateRevisionRequest,
  ListRevisionsResponse,
  RevisionResponse,
  RevisionSummary,
} from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { request } from '../api.ts';

/** A point a comparison can start or end at: a revision, or the live text. */
export type RevisionRef = number | 'current';

export function listRevisions(id: BriefId, signal?: AbortSignal): Promise<ListRevisionsResponse> {
  return request<ListRevisionsResponse>('GET', `/api/briefs/${id}/revisions`, { signal });
}

export function getRevision(
  id: BriefId,
  revision: number,
  signal?: AbortSignal,
): Promise<RevisionResponse> {
  return request<RevisionResponse>('GET', `/api/briefs/${id}/revisions/${revision}`, { signal });
}

export function compareRevisions(
  id: BriefId,
  from: number,
  to: RevisionRef,
  signal?: AbortSignal,
): Promise<CompareResponse> {
  const query = new URLSearchParams({ from: String(from), to: String(to) });
  return request<CompareResponse>('GET', `/api/briefs/${id}/compare?${query}`, { signal });
}

export async function saveNamedVersion(id: BriefId, name: string): Promise<RevisionSummary> {
  const body: CreateRevisionRequest = { name };
  return (
    await request<{ revision: RevisionSummary }>('POST', `/api/briefs/${id}/revisions`, { body })
  ).revision;
}

/** Answers the restore's own revision (null only if the server could not list it). */
export async function restoreRevision(
  id: BriefId,
  revision: number,
): Promise<RevisionSummary | null> {
  return (
    await request<{ revision: RevisionSummary | null }>(
      'POST',
      `/api/briefs/${id}/revisions/${revision}/restore`,
    )
  ).revision;
}

export async function approveRevision(id: BriefId, revision: number): Promise<ApprovalStatus> {
  return (
    await request<{ approval: ApprovalStatus }>(
      'POST',
      `/api/briefs/${id}/revisions/${revision}/approve`,
    )
  ).approval;
}

export async function getApproval(id: BriefId, signal?: AbortSignal): Promise<ApprovalStatus> {
  return (
    await request<{ approval: ApprovalStatus }>('GET', `/api/briefs/${id}/approval`, { signal })
  ).approval;
}
