/**
 * The relay floor beside workloads 1 and 2: a WebSocket relay that does no
 * work of its own — no Y.Doc, no persistence, no awareness — over the same
 * `ws` the servers use. What it measures is what any relay on this machine,
 * this Node and this transport pays: the clients, the kernel's loopback, ws's
 * framing and one event-loop turn.
 *
 * It speaks just enough of the y-websocket protocol for the lean clients
 * (bench/lib/protocol.ts, the reference server's framing): a client counts
 * itself connected on its first sync step 2, and answers the server's sync
 * step 1 with its own (empty) state. So the floor sends sync step 1 with an
 * empty state vector on connection, answers a client's sync step 1 with an
 * empty sync step 2, and forwards every sync step 2 and update, unchanged, to
 * the other sockets in the same room (the request URL). Anything else is
 * dropped.
 */
import http from 'node:http';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { installBenchIpc } from './ipc.ts';

const MSG_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Sync step 1 carrying an empty state vector. */
const STEP1_EMPTY = Buffer.from([MSG_SYNC, SYNC_STEP1, 1, 0]);
/** Sync step 2 carrying an empty update (no structs, empty delete set). */
const STEP2_EMPTY = Buffer.from([MSG_SYNC, SYNC_STEP2, 2, 0, 0]);

const rooms = new Map<string, Set<WebSocket>>();

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
  const name = req.url ?? '/';
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  const peers = room;
  peers.add(ws);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    // Binary messages arrive as one Buffer (ws's default binaryType).
    if (!isBinary || !Buffer.isBuffer(data) || data.length < 2 || data[0] !== MSG_SYNC) return;
    const sub = data[1];
    if (sub === SYNC_STEP1) {
      ws.send(STEP2_EMPTY);
    } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
      // A newcomer's sync step 2 reaches the others too, as its state would
      // in a real relay; clients already synced ignore it, and one still
      // waiting is by then in the room, so it may count itself connected.
      for (const peer of peers) {
        if (peer !== ws && peer.readyState === WebSocket.OPEN) peer.send(data);
      }
    }
  });
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0 && rooms.get(name) === peers) rooms.delete(name);
  });
  // A client torn down mid-frame must not end the process; 'close' follows.
  ws.on('error', () => undefined);
  ws.send(STEP1_EMPTY);
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  installBenchIpc();
  const { port } = server.address() as { port: number };
  process.stdout.write(`relay floor listening on http://127.0.0.1:${port}\n`);
});
