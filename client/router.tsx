import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { isBriefId, type BriefId } from '../shared/briefId.ts';

/**
 * A tiny History API router. A handful of routes do not justify a routing
 * library, and owning it keeps URL parsing next to the brief-id validation it
 * relies on.
 */
export type AdminTab = 'users' | 'audit';

export type Route =
  | { name: 'briefs' }
  | { name: 'trash' }
  | { name: 'brief'; briefId: BriefId }
  | { name: 'signin' }
  | { name: 'admin'; tab: AdminTab }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'briefs' };
  if (path === '/signin') return { name: 'signin' };
  if (path === '/trash') return { name: 'trash' };
  if (path === '/admin' || path === '/admin/users') return { name: 'admin', tab: 'users' };
  if (path === '/admin/audit') return { name: 'admin', tab: 'audit' };
  const match = /^\/b\/([^/]+)$/.exec(path);
  if (match && isBriefId(match[1])) return { name: 'brief', briefId: match[1] };
  return { name: 'not-found', path: pathname };
}

export function adminPath(tab: AdminTab): string {
  return tab === 'users' ? '/admin' : '/admin/audit';
}

export const TRASH_PATH = '/trash';

export function briefPath(id: BriefId): string {
  return `/b/${id}`;
}

/** Extra information a navigation carries, kept in history.state. */
export interface NavigationState {
  /** Set when a brief was just created, so the title field takes focus. */
  focusTitle?: boolean;
}

// popstate covers back/forward; our own pushState fires no event, so we dispatch one.
const NAVIGATE_EVENT = 'briefdesk:navigate';

export function navigate(to: string, options: { replace?: boolean; state?: NavigationState } = {}) {
  const state = options.state ?? {};
  if (options.replace) history.replaceState(state, '', to);
  else history.pushState(state, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary anchor (so middle-click and "open in new tab" work) that navigates in-app. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === '_blank'
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
