/**
 * Real y-websocket clients in Node, and raw sockets for speaking the protocol
 * by hand, plus deadline-bound waiting (never fixed sleeps).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  destroy(): void;
}

/**
 * A WebSocket class that sends a session cookie with the upgrade, as a
 * browser would; y-websocket takes the class, not an instance.
 */
export function webSocketWithCookie(cookie: string | undefined): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

export function connectClient(
  wsUrl: string,
  briefId: string,
  options: { cookie?: string; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, briefId, doc, {
    WebSocketPolyfill: webSocketWithCookie(options.cookie),
    connect: options.connect ?? true,
    // Tests restart servers; reconnect quickly.
    maxBackoffTime: 200,
    disableBc: true,
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeout = 10_000, interval = 10, message = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function waitSynced(client: TestClient, timeout = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, { timeout, message: 'sync' });
}

/** Byte-for-byte convergence: equal state vectors and equal encoded state. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.compare(Y.encodeStateVector(a), Y.encodeStateVector(b)) === 0 &&
    Buffer.compare(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)) === 0
  );
}

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | string): void;
}

export async function openRaw(
  url: string,
  options: { cookie?: string; origin?: string } = {},
): Promise<RawSocket> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const ws = new WebSocket(url, { headers });
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed, send: (bytes) => ws.send(bytes) };
}
