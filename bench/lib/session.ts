/** Signing the load generator in to a Briefdesk server over HTTP. */

/**
 * Signs in as `admin` and returns the session cookie (`name=value`), or null
 * when the server has no accounts (no /api/session).
 */
export async function signInAsAdmin(baseUrl: string, password: string): Promise<string | null> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The same, for servers that must have accounts. */
export async function adminCookie(baseUrl: string, password: string): Promise<string> {
  const cookie = await signInAsAdmin(baseUrl, password);
  if (cookie === null) throw new Error(`${baseUrl} has no /api/session`);
  return cookie;
}
