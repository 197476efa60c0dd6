/**
 * The reference y-websocket server (y-websocket 1.5.4, `bin/utils.js`
 * `setupWSConnection`) over `ws` — its own `bin/server.js` in a few lines,
 * with the repository's ws 8 (the same transport Briefdesk uses).
 *
 * Persistence: the reference server persists only with YPERSISTENCE and
 * y-leveldb, which is not installed, so it runs without. When BENCH_DOCS_DIR
 * is set, documents are pre-loaded from files through its `setPersistence`
 * hook (`bindState` applies the stored state; `writeState` does nothing).
 * Note that with a persistence set, it unloads a document when its last
 * client leaves; without one it never does.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Yjs from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { installBenchIpc } from './ipc.ts';

interface RefUtils {
  setupWSConnection(conn: WebSocket, req: http.IncomingMessage): void;
  setPersistence(p: {
    bindState: (name: string, doc: unknown) => void;
    writeState: (name: string, doc: unknown) => Promise<void>;
  }): void;
}

// CommonJS, and its own (CommonJS) Yjs: documents must be built by the same Yjs instance.
const require = createRequire(import.meta.url);
const utils = require('y-websocket-ref/bin/utils') as RefUtils;
const Y = require('yjs') as typeof Yjs;

const docsDir = process.env.BENCH_DOCS_DIR;
if (docsDir) {
  utils.setPersistence({
    bindState: (name, doc) => {
      let update: Buffer;
      try {
        update = fs.readFileSync(path.join(docsDir, `${encodeURIComponent(name)}.bin`));
      } catch {
        return;
      }
      Y.applyUpdate(doc as Yjs.Doc, update);
    },
    writeState: async () => undefined,
  });
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) =>
  utils.setupWSConnection(ws, req),
);
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  installBenchIpc();
  const { port } = server.address() as { port: number };
  process.stdout.write(`y-websocket listening on http://127.0.0.1:${port}\n`);
});
