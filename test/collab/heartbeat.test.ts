import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('heartbeats', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await server?.close();
  });

  it('drop a connection that stops answering pings, and keep one that answers', async () => {
    server = await startServer({ env: { HEARTBEAT_MS: '1000' } });
    const brief = await server.createBrief();
    const open = async (autoPong: boolean) => {
      const ws = new WebSocket(`${server.wsUrl}/${brief.id}`, {
        headers: { cookie: server.cookie },
        autoPong,
      });
      sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const pings: number[] = [];
      ws.on('ping', () => pings.push(Date.now()));
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      return { ws, pings, closed };
    };
    const silent = await open(false);
    const live = await open(true);
    const openedAt = Date.now();

    // Silent: pinged once, then cut off (1006: terminated, no close frame) at the next check.
    const code = await Promise.race([
      silent.closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 5000)),
    ]);
    expect(code).toBe(1006);
    expect(silent.pings.length).toBe(1);
    expect(Date.now() - openedAt).toBeLessThan(3000);

    // Live: pinged about once a second and still open.
    await new Promise((r) => setTimeout(r, 2500));
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    expect(live.pings.length).toBeGreaterThanOrEqual(2);
  });
});
