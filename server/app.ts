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
import { registerOwnershipRoutes } from './briefs/ownership.ts';
import { registerBriefRoutes } from './briefs/routes.ts';
import { TrashSweeper, type TrashDeps } from './briefs/trash.ts';
import { HttpError } from './http/errors.ts';
import { Router, type RouteResult } from './http/router.ts';
import { serveStatic } from './http/static.ts';
import { CSRF_HEADER, type ErrorBody } from '../shared/api.ts';
import { AccountStore } from './auth/store.ts';
import { AuthService } from './auth/service.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import { originAllowed, readCookie, SESSION_COOKIE } from './auth/cookies.ts';
import { BriefAccess } from './access/briefAccess.ts';
import { collabAccess } from './access/collabAccess.ts';
import { AccessWatcher } from './access/watcher.ts';
import { HistoryService } from './history/service.ts';
import { registerHistoryRoutes } from './history/routes.ts';
import { RoomRelay, type Relay } from './relay/index.ts';
import { CardsEngine } from './cards/engine.ts';
import { SourcesService } from './sources/service.ts';
import { registerSourcesRoutes } from './sources/routes.ts';
import { ExportPool } from './export/pool.ts';
import { registerExportRoute } from './export/route.ts';

export interface ServerDeps {
  config: Config;
  storage: Storage;
  logger: Logger;
  now?: () => number;
  /**
   * Relays updates and presence to other instances sharing the storage
   * (Redis in production). The server starts it on listen and closes it on
   * close. Without one, the server relays among its own sockets only.
   */
  relay?: Relay;
}

export interface BriefdeskServer {
  readonly http: http.Server;
  readonly collab: CollabService;
  readonly auth: AuthService;
  readonly access: BriefAccess;
  readonly history: HistoryService;
  readonly sources: SourcesService;
  readonly exports: ExportPool;
  readonly cards: CardsEngine;
  /** Deletes briefs whose time in the trash is up (hourly; tests call `sweep`). */
  readonly trash: TrashSweeper;
  listen(): Promise<AddressInfo>;
  /** Graceful: stop accepting, finish writes, close sockets with "server restarting". */
  close(): Promise<void>;
}

export function createServer({
  config,
  storage,
  logger,
  now = Date.now,
  relay,
}: ServerDeps): BriefdeskServer {
  const accounts = new AccountStore(storage.sql);
  const auth = new AuthService(accounts, config.auth, logger, now);
  const access = new BriefAccess(storage, accounts);
  const history: HistoryService = new HistoryService({
    storage,
    logger,
    now,
    policy: config.history,
    collab: () => collab,
  });
  const roomRelay = relay ? new RoomRelay({ relay, storage, logger }) : null;
  const collab: CollabService = new CollabService({
    storage,
    logger,
    limits: config.collab,
    now,
    access: collabAccess({ auth, access, storage, config: config.auth }),
    hooks: {
      ...roomRelay?.hooks,
      roomLoaded: (room) => {
        // The relay first: it applies what arrived during the load before history starts tracking.
        roomRelay?.hooks.roomLoaded(room);
        history.roomLoaded(room);
      },
      beforeUnload: (room) => history.beforeUnload(room),
      briefDeleted: (id) => history.removeBrief(id),
    },
  });
  const watcher = new AccessWatcher(
    accounts,
    (filter) => collab.recheck(filter),
    logger,
    config.auth.accessPollMs,
  );
  const onAccessChanged = () => watcher.poke();
  // Card extraction and ranking run on a worker thread of their own, as exports do.
  const cardsEngine = new CardsEngine();
  const sources = new SourcesService(storage.sql, cardsEngine, logger, now);
  // One worker thread renders PDFs, so an export never stalls collaboration.
  const exports = new ExportPool();

  const router = new Router();
  router.addPublic('GET', '/api/health', () => ({ body: { ok: true } }));
  registerAuthRoutes(router, {
    auth,
    config: config.auth,
    maxBodyBytes: config.http.maxBodyBytes,
    onAccessChanged,
  });
  const trashDeps: TrashDeps = {
    storage,
    accounts,
    now,
    // Its sockets are re-checked at once, and refused: it is in the trash.
    onTrashed: (id) => collab.recheck({ briefId: id }),
    // Its history goes too (CollabHooks.briefDeleted).
    onPurging: (id) => collab.closeBrief(id),
    onAccessChanged,
  };
  const trash = new TrashSweeper(trashDeps, logger);
  const briefDeps = { ...trashDeps, access, maxBodyBytes: config.http.maxBodyBytes };
  registerBriefRoutes(router, briefDeps);
  registerOwnershipRoutes(router, briefDeps);
  registerHistoryRoutes(router, {
    history,
    access,
    accounts,
    now,
    maxBodyBytes: config.http.maxBodyBytes,
  });
  registerSourcesRoutes(router, {
    sources,
    accounts,
    now,
    maxBodyBytes: config.http.maxBodyBytes,
  });
  registerExportRoute(router, {
    pool: exports,
    access,
    history,
    sources,
    accounts,
    sql: storage.sql,
    now,
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
      const method = req.method ?? 'GET';
      const { handler, params, access: needs } = router.match(method, pathname);
      if (method !== 'GET' && method !== 'HEAD') checkCsrf(req);
      const current = await auth.authenticate(readCookie(req, SESSION_COOKIE));
      if (needs !== 'public' && !current) {
        throw new HttpError(401, 'unauthorized', 'Sign in to continue.');
      }
      if (needs === 'admin' && current?.user.role !== 'admin') {
        throw new HttpError(403, 'forbidden', 'Only administrators can do this.');
      }
      result = await handler({ req, res, params, query, auth: current });
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
      sendJson(res, httpError.status, body, httpError.headers);
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

  /**
   * CSRF: the session cookie is SameSite=Lax, and on top of that every
   * state-changing request must come from this site's pages (Origin) or be
   * an explicit API call without one (it then carries CSRF_HEADER, which a
   * cross-site form cannot set).
   */
  function checkCsrf(req: http.IncomingMessage): void {
    if (req.headers.origin === undefined) {
      if (req.headers[CSRF_HEADER] === undefined && req.headers.cookie !== undefined) {
        throw new HttpError(
          403,
          'csrf',
          `Requests without an Origin header must send ${CSRF_HEADER}.`,
        );
      }
      return;
    }
    if (!originAllowed(req, config.auth)) {
      throw new HttpError(403, 'csrf', 'Requests from another site are refused.');
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
    auth,
    access,
    history,
    sources,
    exports,
    cards: cardsEngine,
    trash,
    listen: async () => {
      await watcher.start();
      trash.start();
      // Never fails for Redis: an unreachable relay is retried in the background.
      await roomRelay?.start();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await watcher.stop();
        await trash.stop();
        await collab.shutdown();
        // After the rooms: their last revisions are rendered by history's worker.
        await history.close();
        await roomRelay?.close();
        await exports.close();
        await cardsEngine.close();
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
