/**
 * The one factory through which integration tests start a real Briefdesk
 * server: real HTTP and WebSocket on port 0, a real SQLite file in a
 * temporary data directory, and a memory logger tests can assert on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type BriefdeskServer } from '../../server/app.ts';
import { parseConfig, type Config } from '../../server/config.ts';
import { createMemoryLogger, type LogLine } from '../../server/logger.ts';
import { openSqliteStorage, type Storage } from '../../server/storage/index.ts';
import { CSRF_HEADER, type AccountSummary, type BriefSummary } from '../../shared/api.ts';
import type { OrgRole } from '../../shared/roles.ts';
import * as Y from 'yjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  url: string;
  /** Pass to WebsocketProvider as the server URL; it appends `/<briefId>`. */
  wsUrl: string;
  port: number;
  dataDir: string;
  server: BriefdeskServer;
  storage: Storage;
  config: Config;
  logs: LogLine[];
  /** The admin's session cookie (`name=value`), signed in at start. */
  cookie: string;
  /** Graceful stop; the data directory stays so a restart sees the same data. */
  close(): Promise<void>;
  /** A JSON API call, as the admin unless another cookie is given. */
  api(path: string, init?: RequestInit & { cookie?: string | null }): Promise<Response>;
  createBrief(title?: string, cookie?: string): Promise<BriefSummary>;
  /** Creates a user (as admin) and signs them in; returns their cookie. */
  createUser(
    username: string,
    role?: OrgRole,
  ): Promise<{ user: AccountSummary; cookie: string; password: string }>;
}

export const ADMIN_PASSWORD = 'test-admin-password';
export const TEST_ENV: Record<string, string> = {
  BRIEFDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
  // Fast hashing: tests create many users; production uses 2^15.
  SCRYPT_COST: '10',
};

/** Signs in over HTTP and returns the session cookie as `name=value`. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

export interface StartOptions {
  dataDir?: string;
  /** Environment overrides, as the server would read them. */
  env?: Record<string, string>;
  /** Reuse a port, e.g. to restart "the same" server for reconnecting clients. */
  port?: number;
  /** The server's clock, for tests of expiry. */
  now?: () => number;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'briefdesk-test-'));
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = parseConfig(
    {
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: path.join(repoRoot, 'dist/client'),
      UNLOAD_DELAY_MS: '1000',
      ...TEST_ENV,
      ...options.env,
    },
    repoRoot,
  );
  const storage = openSqliteStorage({ filename: path.join(dataDir, 'briefdesk.sqlite') });
  const logger = createMemoryLogger();
  const server = createServer({ config, storage, logger, now: options.now });
  await server.auth.bootstrap();
  const address = await server.listen();
  const url = `http://127.0.0.1:${address.port}`;
  const cookie = await login(url, 'admin', config.auth.adminPassword ?? ADMIN_PASSWORD);
  const api = (path: string, init: RequestInit & { cookie?: string | null } = {}) => {
    const { cookie: as, ...rest } = init;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(init.headers as Record<string, string> | undefined),
    };
    const chosen = as === undefined ? cookie : as;
    if (chosen) headers.cookie = chosen;
    return fetch(`${url}${path}`, { ...rest, headers });
  };
  let closed = false;
  return {
    cookie,
    api,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/collab`,
    port: address.port,
    dataDir,
    server,
    storage,
    config,
    logs: logger.lines,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await storage.close();
    },
    async createBrief(title = 'Test brief', as?: string) {
      const res = await api('/api/briefs', {
        method: 'POST',
        body: JSON.stringify({ title }),
        cookie: as,
      });
      if (res.status !== 201) throw new Error(`create brief failed: ${res.status}`);
      return ((await res.json()) as { brief: BriefSummary }).brief;
    },
    async createUser(username, role = 'staff') {
      const password = `${username}-password-123`;
      const res = await api('/api/users', {
        method: 'POST',
        body: JSON.stringify({ username, displayName: displayNameFor(username), role, password }),
      });
      if (res.status !== 201)
        throw new Error(`create user failed: ${res.status} ${await res.text()}`);
      const { user } = (await res.json()) as { user: AccountSummary };
      return { user, password, cookie: await login(url, username, password) };
    },
  };
}

/** The document as storage holds it: snapshot plus log, applied in order. */
export async function storedDoc(storage: Storage, briefId: string): Promise<Y.Doc> {
  const stored = await storage.loadDocument(briefId as BriefSummary['id']);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc;
}

function displayNameFor(username: string): string {
  return username.charAt(0).toUpperCase() + username.slice(1);
}
