/** Cookie and origin helpers for the session cookie and CSRF/Origin checks. */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export const SESSION_COOKIE = 'briefdesk_session';

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return (
    trustProxy &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      .trim() === 'https'
  );
}

export function sessionCookie(
  token: string,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * Whether a request's Origin header (if any) is this site. Browsers send
 * Origin on every cross-site POST/PATCH/DELETE and every WebSocket, so a
 * forged request from another site always carries a foreign one. A request
 * without Origin is not a browser's cross-site request (and carries no
 * SameSite=Lax cookie cross-site either).
 */
export function originAllowed(
  req: IncomingMessage,
  options: { trustProxy: boolean; publicOrigins: readonly string[] },
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  if (options.publicOrigins.includes(origin)) return true;
  const host = options.trustProxy
    ? String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '')
    : String(req.headers.host ?? '');
  const scheme = isHttps(req, options.trustProxy) ? 'https' : 'http';
  return origin === `${scheme}://${host}`;
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      .trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
