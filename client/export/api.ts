/** PDF export (README "PDF export") and the brief's marking. */
import type {
  BriefDetail,
  BriefResponse,
  ErrorBody,
  UpdateBriefRequest,
} from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { ApiError, isAbortError, request } from '../api.ts';

export type Paper = 'letter' | 'a4';

export interface ExportOptions {
  paper: Paper;
  toc: boolean;
  /** An old revision's id; null for the current text. */
  revision: number | null;
}

export function exportUrl(briefId: BriefId, options: ExportOptions): string {
  const query = new URLSearchParams({ paper: options.paper });
  if (options.toc) query.set('toc', '1');
  if (options.revision !== null) query.set('revision', String(options.revision));
  return `/api/briefs/${briefId}/export.pdf?${query}`;
}

function isDetail(brief: BriefResponse['brief']): brief is BriefDetail {
  return typeof (brief as Partial<BriefDetail>).marking === 'string';
}

/** GET /api/briefs/:id answers the detail (with the marking); the shared type allows either. */
export async function getBriefDetail(id: BriefId, signal?: AbortSignal): Promise<BriefDetail> {
  const { brief } = await request<BriefResponse>('GET', `/api/briefs/${id}`, { signal });
  return isDetail(brief) ? brief : { ...brief, marking: '' };
}

export async function saveMarking(id: BriefId, marking: string): Promise<BriefDetail> {
  const body: UpdateBriefRequest = { marking };
  const { brief } = await request<BriefResponse>('PATCH', `/api/briefs/${id}`, { body });
  return isDetail(brief) ? brief : { ...brief, marking };
}

/** The file name the server offered: RFC 5987 `filename*` first, then plain `filename`. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: the plain name below is ASCII and always usable.
    }
  }
  const plain =
    /filename\s*=\s*"([^"]+)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Fetches the PDF rather than navigating to it, so the page can show progress
 * while the server lays it out (a long brief takes a few seconds) and report
 * a refusal in words instead of a browser error page.
 */
export async function fetchPdf(
  url: string,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network', 'Can’t reach Briefdesk. Check your connection and try again.');
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    if (error && typeof error.message === 'string') {
      throw new ApiError(response.status, error.code, error.message);
    }
    throw new ApiError(
      response.status,
      'unexpected_response',
      `The export failed (${response.status}). Try again.`,
    );
  }
  const blob = await response.blob();
  return { blob, filename: filenameFrom(response.headers.get('content-disposition'), 'brief.pdf') };
}

/** Hands a file to the browser's download manager under `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; a delay covers browsers that read it late.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
