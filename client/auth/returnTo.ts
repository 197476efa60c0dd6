/**
 * Where to go after signing in. `next` comes from the URL, so anyone can craft
 * it: only same-origin paths are accepted, never `//host` or `/\host` (which
 * browsers treat as another origin), and never the sign-in page itself.
 */
export const SIGN_IN_PATH = '/signin';

export function safeNextPath(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== location.origin || url.pathname === SIGN_IN_PATH) return '/';
  return url.pathname + url.search + url.hash;
}

/** The sign-in URL that comes back to `path` (a pathname plus search) afterwards. */
export function signInPathFor(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ next })}`;
}

export function nextFromLocation(): string {
  return safeNextPath(new URLSearchParams(location.search).get('next'));
}
