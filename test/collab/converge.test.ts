import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('two y-websocket clients on one brief', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it('converge byte-for-byte after concurrent edits', async () => {
    server = await startServer();
    const brief = await server.createBrief();
    const a = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    const b = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);

    // Interleaved edits at the same position, as two typists would make.
    for (let i = 0; i < 50; i++) {
      a.text.insert(0, `a${i} `);
      b.text.insert(0, `b${i} `);
      if (i % 10 === 9) b.text.delete(0, 3);
    }
    await waitFor(() => sameState(a.doc, b.doc), { message: 'convergence' });
    expect(a.text.toString()).toBe(b.text.toString());
    expect(a.text.toString()).toContain('a49');
    expect(a.text.toString()).toContain('b48');

    // The server's stored state is the same document.
    expect(sameState(await storedDoc(server.storage, brief.id), a.doc)).toBe(true);
  });

  it('records the last editor and time on the brief', async () => {
    server = await startServer();
    const brief = await server.createBrief('Trip');
    const a = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    clients.push(a);
    await waitSynced(a);
    a.text.insert(0, 'hello');
    await waitFor(
      async () => (await server.storage.getBrief(brief.id))?.updatedBy === 'Administrator',
    );
    const res = await server.api(`/api/briefs/${brief.id}`);
    const body = (await res.json()) as { brief: { updatedBy: string; updatedAt: string } };
    expect(body.brief.updatedBy).toBe('Administrator');
    expect(Date.parse(body.brief.updatedAt)).toBeGreaterThanOrEqual(Date.parse(brief.updatedAt));
  });
});
