import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('persistence across a restart', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
  });

  it('keeps the content when the server restarts', async () => {
    const first = await startServer();
    servers.push(first);
    const brief = await first.createBrief();
    const writer = connectClient(first.wsUrl, brief.id, { cookie: first.cookie });
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'Persisted paragraph about Bogotá.');
    // Wait for the server's own copy: it only applies committed updates.
    await waitFor(
      async () =>
        (await storedDoc(first.storage, brief.id)).getText('t').toString() ===
        'Persisted paragraph about Bogotá.',
    );
    writer.destroy();
    await first.close();

    const second = await startServer({ dataDir: first.dataDir });
    servers.push(second);
    const reader = connectClient(second.wsUrl, brief.id, { cookie: second.cookie });
    clients.push(reader);
    await waitSynced(reader);
    expect(reader.text.toString()).toBe('Persisted paragraph about Bogotá.');
  });
});
