import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('group commit under a burst', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it('stores a burst from one sender as a few merged rows, and relays and keeps it exactly', async () => {
    server = await startServer();
    const brief = await server.createBrief();
    const writer = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    const other = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    const reader = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    clients.push(writer, other, reader);
    await Promise.all(clients.map((c) => waitSynced(c)));

    // 300 keystrokes in one turn of the writer's event loop, with another
    // sender's edits in the middle: each is its own y-websocket message.
    for (let i = 0; i < 300; i++) {
      writer.text.insert(writer.text.length, String(i % 10));
      if (i === 150) other.text.insert(0, 'other ');
      if (i % 50 === 49) writer.text.delete(0, 1);
    }
    await waitFor(() => sameState(reader.doc, writer.doc) && sameState(reader.doc, other.doc), {
      message: 'the reader to hold both senders’ edits',
    });
    const stored = await server.storage.loadDocument(brief.id);
    expect(sameState(await storedDoc(server.storage, brief.id), writer.doc)).toBe(true);
    // Merged per run: far fewer rows than the 307 messages sent.
    expect(stored.updates.length).toBeGreaterThanOrEqual(2);
    expect(stored.updates.length).toBeLessThan(100);
    expect(reader.text.toString()).toBe(writer.text.toString());
  });
});
