import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../shared/closeCodes.ts';
import {
  connectClient,
  openRaw,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('a frame with an unknown message type', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it('closes only that connection, with the named code and a log line', async () => {
    server = await startServer();
    const brief = await server.createBrief();
    const bystander = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    clients.push(bystander);
    await waitSynced(bystander);

    const raw = await openRaw(`${server.wsUrl}/${brief.id}`, { cookie: server.cookie });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 42);
    encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
    raw.send(encoding.toUint8Array(e));
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.UnknownMessageType.code);
    expect(closed.reason).toBe(CloseCode.UnknownMessageType.reason);
    expect(
      server.logs.some(
        (l) => l.message === 'closing connection' && l.fields.reason === 'UnknownMessageType',
      ),
    ).toBe(true);

    // The other client keeps working.
    const second = connectClient(server.wsUrl, brief.id, { cookie: server.cookie });
    clients.push(second);
    await waitSynced(second);
    bystander.text.insert(0, 'still here');
    await waitFor(() => second.text.toString() === 'still here');
    expect(bystander.provider.wsconnected).toBe(true);
  });
});
