/**
 * The history service over its worker: reopened revisions come from the
 * result cache and equal the first render, bad references keep their named
 * errors, and deleting a brief drops what was cached for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RevisionNotFoundError } from '../../server/history/service.ts';
import type { BriefId } from '../../shared/briefId.ts';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { addParagraph, insertText } from '../helpers/prosemirror.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe('history service', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  async function setup() {
    server = await startServer({ env: { REVISION_PAUSE_MS: '3600000' } });
    const briefId = (await server.createBrief('Cached')).id as BriefId;
    const client = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(client);
    await waitSynced(client);
    const settle = () =>
      waitFor(async () => sameState(await storedDoc(server.storage, briefId), client.doc));
    return { briefId, doc: client.doc, settle, history: server.server.history };
  }

  it('serves a reopened revision from its cache, equal to the first render', async () => {
    const { briefId, doc, settle, history } = await setup();
    addParagraph(doc, 'First words.');
    await settle();
    const v1 = (await history.createRevision(briefId, 'named', { name: 'v1' }))!;
    insertText(doc, 0, 0, 'Later ');
    await settle();
    const v2 = (await history.createRevision(briefId, 'named', { name: 'v2' }))!;

    const first = await history.content(briefId, v1);
    expect(first).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First words.' }] }],
    });
    // Each caller gets its own copy: changing one cannot change the cache.
    (first.content as unknown[]).length = 0;
    expect(await history.content(briefId, v1)).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First words.' }] }],
    });
    const compared = await history.compare(briefId, v1, v2);
    expect(await history.compare(briefId, v1, v2)).toEqual(compared);
    expect(JSON.stringify(compared.doc)).toContain('"text":"Later "');
    expect(await history.content(briefId, 'current')).toEqual(await history.content(briefId, v2));
  });

  it('keeps the named errors for revisions that are not the brief’s', async () => {
    const { briefId, doc, settle, history } = await setup();
    addParagraph(doc, 'Some text.');
    await settle();
    const v1 = (await history.createRevision(briefId, 'named', { name: 'v1' }))!;
    const other = (await server.createBrief('Other')).id as BriefId;
    await expect(history.content(briefId, v1 + 1000)).rejects.toBeInstanceOf(RevisionNotFoundError);
    await expect(history.content(other, v1)).rejects.toBeInstanceOf(RevisionNotFoundError);
    await expect(history.compare(briefId, v1, v1 + 1000)).rejects.toBeInstanceOf(
      RevisionNotFoundError,
    );
    await expect(history.compare(briefId, v1 + 1000, 'current')).rejects.toBeInstanceOf(
      RevisionNotFoundError,
    );
  });

  it('forgets a deleted brief’s cached revisions', async () => {
    const { briefId, doc, settle, history } = await setup();
    addParagraph(doc, 'Soon gone.');
    await settle();
    const v1 = (await history.createRevision(briefId, 'named', { name: 'v1' }))!;
    await history.content(briefId, v1);
    for (const c of clients.splice(0)) c.destroy();
    expect((await server.api(`/api/briefs/${briefId}`, { method: 'DELETE' })).status).toBe(204);
    // In the trash, its history is kept for a restore.
    expect(JSON.stringify(await history.content(briefId, v1))).toContain('Soon gone.');
    expect((await server.api(`/api/trash/${briefId}`, { method: 'DELETE' })).status).toBe(204);
    await expect(history.content(briefId, v1)).rejects.toBeInstanceOf(RevisionNotFoundError);
  });
});
