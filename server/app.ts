/**
 * Composition root: one HTTP server carrying the JSON API, the built client
 * and the collaboration WebSocket. Every part is passed in, so tests build
 * the same server with a temporary database and a memory logger.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Storage } from './storage/index.ts';
import { CollabService } from './collab/index.ts';
import { registerBriefRoutes } from './briefs/routes.ts';
import { HttpError } from './http/errors.ts';
import { Router, type RouteResult } from './http/router.ts';
import { serveStatic } from './http/static.ts';
import type { ErrorBody } from '../shared/api.ts';

export interface ServerDeps {
  config: Config;
  storage: Storage;
  logger: Logger;
  now?: () => number;
}

export interface BriefdeskServer {
  readonly http: http.Server;
  readonly collab: CollabService;
  listen(): Promise<AddressInfo>;
  /** Graceful: stop accepting, finish writes, close sockets with "server restarting". */
  close(): Promise<void>;
}

export function createServer({
  config,
  storage,
  logger,
  now = Date.now,
}: ServerDeps): BriefdeskServer {
  const collab = new CollabService({ storage, logger, limits: config.collab, now });
  const router = new Router();
  router.add('GET', '/api/health', () => ({ body: { ok: true } }));
  registerBriefRoutes(router, {
    storage,
    now,
    maxBodyBytes: config.http.maxBodyBytes,
    onDeleted: (id) => collab.closeBrief(id),
  });

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      void handleApi(req, res, pathname, new URLSearchParams(q === -1 ? '' : url.slice(q + 1)));
    } else {
      serveStatic(config.staticDir, req, res, pathname);
    }
  });

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    query: URLSearchParams,
  ): Promise<void> {
    let result: RouteResult;
    try {
      const { handler, params } = router.match(req.method ?? 'GET', pathname);
      result = await handler({ req, res, params, query });
    } catch (error) {
      if (!(error instanceof HttpError)) {
        logger.error('request failed', { method: req.method, path: pathname, error });
      }
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', 'Something went wrong on the server.');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body: ErrorBody = { error: { code: httpError.code, message: httpError.message } };
      sendJson(res, httpError.status, body);
      // Drain what the client is still sending so the connection can be reused.
      req.resume();
      return;
    }
    if (!result) return; // the handler wrote the response itself
    if (result.body === undefined) {
      res.writeHead(result.status ?? 204, result.headers).end();
    } else {
      sendJson(res, result.status ?? 200, result.body, result.headers);
    }
  }

  server.on('upgrade', (req, socket, head) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (!collab.handles(pathname)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    collab.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  let closing: Promise<void> | null = null;
  return {
    http: server,
    collab,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await collab.shutdown();
        server.closeAllConnections();
        await stopped;
      })()),
  };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}
