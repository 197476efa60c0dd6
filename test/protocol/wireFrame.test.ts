import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { wireFrame, wireHeaderBytes } from '../../server/collab/wireFrame.ts';

describe('wireFrame', () => {
  let server: WebSocketServer | null = null;
  afterEach(() => server?.close());

  it('builds frames a WebSocket client reads back, at every length encoding, between ws’s own', async () => {
    const sizes = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
    const payloads = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251)));
    const frames = payloads.map((p) => wireFrame(p));
    expect(frames.map((f) => wireHeaderBytes(f))).toEqual([2, 2, 2, 4, 4, 4, 10, 10]);

    server = new WebSocketServer({ port: 0 });
    server.on('connection', (ws) => {
      const socket = (ws as unknown as { _socket: Socket })._socket;
      for (const frame of frames) {
        socket.write(frame);
        ws.send(Buffer.from('ws'), { binary: true });
      }
    });
    const { port } = server.address() as { port: number };
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(true);
        received.push(data);
        if (received.length === sizes.length * 2) resolve();
      });
      client.on('error', reject);
    });
    client.close();
    for (const [i, payload] of payloads.entries()) {
      expect(received[2 * i].equals(payload)).toBe(true);
      expect(received[2 * i + 1].toString()).toBe('ws');
    }
  });
});
