/**
 * A small router on Node's `http`. The API is a dozen JSON routes; a framework
 * would bring a plugin system, its own body parsing and another upgrade path
 * to reason about, while the WebSocket upgrade — the busiest path — never
 * touches HTTP routing at all. Routes are matched by method and a path
 * pattern with `:params`; params are handed over raw and validated by the route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticated } from '../auth/service.ts';
import { HttpError } from './errors.ts';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The signed-in user; present on every route not registered as public. */
  auth: Authenticated;
}

export interface PublicContext extends Omit<RequestContext, 'auth'> {
  auth: Authenticated | null;
}

/** Who may call a route: anyone, any signed-in user, or admins. */
export type Access = 'public' | 'user' | 'admin';

/** What a handler returns: a JSON body with a status, or nothing for a handler that wrote the response itself. */
export type RouteResult = {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
} | void;
export type Handler = (ctx: RequestContext) => Promise<RouteResult> | RouteResult;
export type PublicHandler = (ctx: PublicContext) => Promise<RouteResult> | RouteResult;

interface Route {
  method: string;
  parts: string[];
  access: Access;
  handler: PublicHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** A route for signed-in users (or admins only, with access 'admin'). */
  add(method: string, pattern: string, handler: Handler, access: 'user' | 'admin' = 'user'): this {
    this.routes.push({
      method,
      parts: pattern.split('/').filter(Boolean),
      access,
      // The app calls user routes only with a session (see app.ts).
      handler: handler as PublicHandler,
    });
    return this;
  }

  /** A route anyone may call, signed in or not. */
  addPublic(method: string, pattern: string, handler: PublicHandler): this {
    this.routes.push({
      method,
      parts: pattern.split('/').filter(Boolean),
      access: 'public',
      handler,
    });
    return this;
  }

  /** Returns the handler and params, or an HttpError for 404/405. */
  match(
    method: string,
    pathname: string,
  ): { handler: PublicHandler; access: Access; params: Record<string, string> } {
    const segments = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { handler: route.handler, access: route.access, params };
      }
    }
    if (pathMatched)
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here.`);
    throw new HttpError(404, 'not_found', `No API route ${pathname}.`);
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | null {
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(segments[i]);
      } catch {
        return null;
      }
      params[part.slice(1)] = value;
    } else if (part !== segments[i]) {
      return null;
    }
  }
  return params;
}
