import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the page is visible, when the
 * window regains focus, and when the network returns: how a screen learns of
 * changes nobody pushes to it (briefs shared or deleted elsewhere, sources
 * others added). The latest `refresh` is called; it need not be stable.
 */
export function useRefresh(refresh: () => void, intervalMs: number): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    const run = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    const timer = setInterval(run, intervalMs);
    window.addEventListener('focus', run);
    window.addEventListener('online', run);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', run);
      window.removeEventListener('online', run);
    };
  }, [intervalMs]);
}
