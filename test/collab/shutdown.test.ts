import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { createBriefOver, spawnServer, type ChildServer } from '../helpers/process.ts';
import { ADMIN_PASSWORD, login } from '../helpers/server.ts';

describe('graceful shutdown on SIGTERM', () => {
  let child: ChildServer | null = null;
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
    child?.proc.kill('SIGKILL');
  });

  it('finishes writes, closes with "server restarting", and clients move to the next instance', async () => {
    child = await spawnServer();
    const { port, dataDir } = child;
    const cookie = await login(child.url, 'admin', ADMIN_PASSWORD);
    const briefId = await createBriefOver(child.url, cookie, 'Shutdown');
    const client = connectClient(child.wsUrl, briefId, { cookie });
    clients.push(client);
    await waitSynced(client);
    const codes: number[] = [];
    client.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));

    // Edits sent right before the signal are still written.
    for (let i = 0; i < 100; i++) client.text.insert(client.text.length, `line ${i}\n`);
    child.proc.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(0);
    await waitFor(() => codes.length > 0, { message: 'close event' });
    expect(codes[0]).toBe(CloseCode.ServerRestarting.code);

    // The next instance: the client reconnects by itself; a fresh reader sees every line.
    child = await spawnServer({ port, dataDir });
    await waitFor(() => client.provider.wsconnected && client.provider.synced, {
      message: 'reconnect',
    });
    const reader = connectClient(child.wsUrl, briefId, { cookie });
    clients.push(reader);
    await waitSynced(reader);
    await waitFor(() => reader.text.toString() === client.text.toString());
    expect(reader.text.toString().split('\n').filter(Boolean)).toHaveLength(100);
  });
});
