import { useEffect } from 'react';

/** Sets the browser tab's title to "<page> — Briefdesk", or "Briefdesk" while there is none. */
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? `${page} — Briefdesk` : 'Briefdesk';
  }, [page]);
}
