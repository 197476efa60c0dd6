import { useCallback, useEffect, useState } from 'react';
import type { BriefDetail } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { getBriefDetail, saveMarking } from './api.ts';

export type BriefDetailState =
  | { status: 'loading' }
  | { status: 'ready'; brief: BriefDetail }
  | { status: 'error'; error: ApiError };

/** The brief's settings (its marking), fetched when the export dialog opens. */
export function useBriefDetail(briefId: BriefId): {
  state: BriefDetailState;
  setMarking: (marking: string) => Promise<BriefDetail>;
} {
  const [state, setState] = useState<BriefDetailState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    getBriefDetail(briefId, controller.signal).then(
      (brief) => setState({ status: 'ready', brief }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [briefId]);

  const setMarking = useCallback(
    async (marking: string) => {
      const brief = await saveMarking(briefId, marking);
      setState({ status: 'ready', brief });
      return brief;
    },
    [briefId],
  );

  return { state, setMarking };
}
