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
import type { BriefSummary } from '../../shared/api.ts';
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
  /** Graceful stop; the data directory stays so a restart sees the same data. */
  close(): Promise<void>;
  createBrief(title?: string): Promise<BriefSummary>;
}

export interface StartOptions {
  dataDir?: string;
  /** Environment overrides, as the server would read them. */
  env?: Record<string, string>;
  /** Reuse a port, e.g. to restart "the same" server for reconnecting clients. */
  port?: number;
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
      ...options.env,
    },
    repoRoot,
  );
  const storage = openSqliteStorage({ filename: path.join(dataDir, 'briefdesk.sqlite') });
  const logger = createMemoryLogger();
  const server = createServer({ config, storage, logger });
  const address = await server.listen();
  const url = `http://127.0.0.1:${address.port}`;
  let closed = false;
  return {
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
    async createBrief(title = 'Test brief') {
      const res = await fetch(`${url}/api/briefs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(`create brief failed: ${res.status}`);
      return ((await res.json()) as { brief: BriefSummary }).brief;
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
