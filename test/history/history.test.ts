/**
 * Revision history: attribution in compares, restore as a new change,
 * automatic and named revisions, approvals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ApprovalStatus,
  CompareResponse,
  ListRevisionsResponse,
  RevisionResponse,
  RevisionSummary,
} from '../../shared/api.ts';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import type * as Y from 'yjs';
import {
  addParagraph,
  deleteText,
  fragment,
  insertText,
  plainText,
  retype,
  runs,
} from '../helpers/prosemirror.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';
import type { BriefId } from '../../shared/briefId.ts';

describe('revision history', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  async function json<T>(res: Response | Promise<Response>): Promise<T> {
    const r = await res;
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  async function setup(env: Record<string, string> = {}) {
    server = await startServer({ env: { REVISION_PAUSE_MS: '3600000', ...env } });
    const ana = await server.createUser('ana');
    const ben = await server.createUser('ben');
    const briefId = (await server.createBrief('History')).id;
    for (const who of [ana, ben]) {
      await server.api(`/api/briefs/${briefId}/members/${who.user.id}`, {
        method: 'PUT',
        body: '{"role":"editor"}',
      });
    }
    const a = connectClient(server.wsUrl, briefId, { cookie: ana.cookie });
    const b = connectClient(server.wsUrl, briefId, { cookie: ben.cookie });
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const named = (name: string) =>
      json<{ revision: { id: number } }>(
        server.api(`/api/briefs/${briefId}/revisions`, {
          method: 'POST',
          body: JSON.stringify({ name }),
        }),
      ).then((r) => r.revision.id);
    const settle = () =>
      waitFor(
        async () =>
          sameState(await storedDoc(server.storage, briefId), a.doc) && sameState(a.doc, b.doc),
      );
    return { briefId, ana, ben, a, b, named, settle };
  }

  it("marks A's insertion as A's and B's deletion as B's", async () => {
    const { briefId, ana, ben, a, b, named, settle } = await setup();
    addParagraph(a.doc, 'The Darién Gap crossing numbers fell sharply.');
    await settle();
    const first = await named('Draft one');
    insertText(a.doc, 0, 4, 'reported ');
    await settle();
    deleteText(b.doc, 0, plainText(b.doc)[0].indexOf('sharply'), 7); // Ben removes "sharply"
    await settle();
    const second = await named('Draft two');

    const compare = await json<CompareResponse>(
      server.api(`/api/briefs/${briefId}/compare?from=${first}&to=${second}`),
    );
    const paragraph = runs(compare.doc)[0];
    expect(paragraph).toContainEqual({ text: 'reported ', change: 'added', user: ana.user.id });
    expect(paragraph).toContainEqual({ text: 'sharply', change: 'removed', user: ben.user.id });
    expect(compare.authors.map((x) => x.displayName).sort()).toEqual(['Ana', 'Ben']);
    for (const author of compare.authors) expect(author.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(compare.authors.map((a) => a.color)).size).toBe(compare.authors.length);

    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    const two = list.revisions.find((r) => r.id === second)!;
    expect(two.name).toBe('Draft two');
    expect(two.authors.map((x) => x.displayName).sort()).toEqual(['Administrator', 'Ana', 'Ben']);
    expect(two.wordsAdded).toBe(1);
    expect(two.wordsRemoved).toBe(1);
    expect(two.formattingChanged).toBe(false);
  });

  it('marks a formatting-only change as formatted, by the person who made it', async () => {
    const { briefId, ben, a, b, named, settle } = await setup();
    addParagraph(a.doc, 'Gas storage is at 92 percent ahead of winter.');
    await settle();
    const first = await named('Plain');
    const text = (fragment(b.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format('Gas storage is at '.length, '92 percent'.length, { bold: {} });
    await settle();
    const second = await named('Bold figure');

    const compare = await json<CompareResponse>(
      server.api(`/api/briefs/${briefId}/compare?from=${first}&to=${second}`),
    );
    expect(runs(compare.doc)[0]).toEqual([
      { text: 'Gas storage is at ' },
      { text: '92 percent', change: 'formatted', user: ben.user.id },
      { text: ' ahead of winter.' },
    ]);
    expect(compare.authors.map((x) => x.displayName)).toEqual(['Ben']);
    // Formatting changes no words, but the timeline says it changed something.
    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    const two = list.revisions.find((r) => r.id === second)!;
    expect([two.wordsAdded, two.wordsRemoved]).toEqual([0, 0]);
    expect(two.formattingChanged).toBe(true);
  });

  it('shows a paragraph made a heading as a change of block, not as text rewritten', async () => {
    const { briefId, ana, a, b, named, settle } = await setup();
    addParagraph(b.doc, 'Ministers meet on Friday in Lima.');
    addParagraph(b.doc, 'Second paragraph.');
    await settle();
    const first = await named('Paragraphs');
    retype(a.doc, 0, 'heading', { level: '2' });
    await settle();
    const second = await named('Heading');

    const compare = await json<CompareResponse>(
      server.api(`/api/briefs/${briefId}/compare?from=${first}&to=${second}`),
    );
    const blocks = (
      compare.doc as { content: Array<{ type: string; attrs?: Record<string, unknown> }> }
    ).content;
    expect(blocks.map((block) => block.type)).toEqual(['heading', 'paragraph']);
    expect(blocks[0].attrs?.ychange).toMatchObject({ type: 'formatted', user: ana.user.id });
    // The text is not marked: nobody rewrote it.
    expect(runs(compare.doc)[0]).toEqual([{ text: 'Ministers meet on Friday in Lima.' }]);
    expect(compare.authors.map((x) => x.displayName)).toEqual(['Ana']);
    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    const two = list.revisions.find((r) => r.id === second)!;
    expect([two.wordsAdded, two.wordsRemoved]).toEqual([0, 0]);
    expect(two.formattingChanged).toBe(true);
  });

  it('a brief deleted on another instance gets no revision here, and its room goes', async () => {
    const { briefId, a, settle } = await setup();
    addParagraph(a.doc, 'Typed just before the brief is deleted elsewhere.');
    await settle();
    const revisions = async () =>
      (
        await server.storage.sql.one<{ n: number }>(
          'SELECT count(*) AS n FROM revisions WHERE brief_id = ?',
          [briefId],
        )
      )?.n;
    // Another instance deletes the brief: its row goes, this instance is not told yet.
    expect(await server.storage.deleteBrief(briefId)).toBe(true);
    // The revision this instance's tracker has due is not written for a brief that is gone.
    await expect(server.server.history.createRevision(briefId, 'auto')).rejects.toThrow(
      /was deleted/,
    );
    expect(await revisions()).toBe(0);
    // Re-checking access (as the access feed makes every instance do) closes its room.
    await server.server.collab.recheck({ briefId });
    await waitFor(() => !a.provider.wsconnected, { message: 'the client disconnected' });
    expect(server.server.collab.loadedRoom(briefId)).toBeNull();
    expect(await revisions()).toBe(0);
  });

  it('restore applies the old content as a new change, keeps every revision, and converges live', async () => {
    const { briefId, a, b, named, settle } = await setup();
    addParagraph(a.doc, 'Version one text.');
    await settle();
    const v1 = await named('v1');
    const v1Content = (
      await json<RevisionResponse>(server.api(`/api/briefs/${briefId}/revisions/${v1}`))
    ).content;
    insertText(a.doc, 0, 0, 'Changed: ');
    addParagraph(b.doc, 'A second paragraph from Ben.');
    await settle();
    const v2 = await named('v2');

    // Ben keeps typing while the restore happens.
    const typing = setInterval(() => insertText(b.doc, 0, 0, '.'), 5);
    const restored = await json<{ revision: RevisionSummary }>(
      server.api(`/api/briefs/${briefId}/revisions/${v1}/restore`, { method: 'POST' }),
    );
    clearInterval(typing);
    expect(restored.revision.kind).toBe('restore');
    // Named by the reader's client from what it brought back ("Restored from v1 by Administrator").
    expect(restored.revision.name).toBeNull();
    expect(restored.revision.restoredFrom).toMatchObject({ id: v1, name: 'v1' });
    expect(restored.revision.createdBy?.displayName).toBe('Administrator');
    await settle();

    // Every earlier revision is still there and unchanged.
    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    expect(list.revisions.map((r) => r.id)).toEqual(
      expect.arrayContaining([v1, v2, restored.revision.id]),
    );
    const v1Again = (
      await json<RevisionResponse>(server.api(`/api/briefs/${briefId}/revisions/${v1}`))
    ).content;
    expect(v1Again).toEqual(v1Content);
    // The restore revision's content is exactly the old revision.
    const atRestore = (
      await json<RevisionResponse>(
        server.api(`/api/briefs/${briefId}/revisions/${restored.revision.id}`),
      )
    ).content;
    expect(atRestore).toEqual(v1Content);
    // Live clients converged with each other and storage.
    expect(sameState(a.doc, b.doc)).toBe(true);

    // Restoring the restore refers to it by its time, not "Restored from Restored from …".
    const again = await json<{ revision: RevisionSummary }>(
      server.api(`/api/briefs/${briefId}/revisions/${restored.revision.id}/restore`, {
        method: 'POST',
      }),
    );
    expect(again.revision.name).toBeNull();
    expect(again.revision.restoredFrom).toEqual({
      id: restored.revision.id,
      createdAt: restored.revision.createdAt,
      name: null,
    });
  });

  it('a restore stores no time as text; a label or time zone sent with it is refused', async () => {
    const { briefId, a, named, settle } = await setup();
    const list = async () =>
      (await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`))).revisions;
    addParagraph(a.doc, 'Text to go back to.');
    await settle();
    const auto = (await server.server.history.createRevision(briefId as BriefId, 'auto'))!;
    insertText(a.doc, 0, 0, 'Later: ');
    await settle();
    await named('v2');
    const before = await list();

    // The time is the client's to render: the server takes none, formatted or not.
    for (const body of [
      '{"label":"Restored from 7 Dec at 13:10 by Administrator"}',
      '{"timeZone":"Asia/Kathmandu"}',
      '{"timeZone":"Not/AZone","locale":"xx"}',
    ]) {
      const res = await server.api(`/api/briefs/${briefId}/revisions/${auto}/restore`, {
        method: 'POST',
        body,
      });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /^Unknown field "(label|timeZone)"\.$/,
      );
    }
    expect(await list()).toEqual(before);
    expect(plainText(a.doc)).toEqual(['Later: Text to go back to.']);

    const restored = await json<{ revision: RevisionSummary }>(
      server.api(`/api/briefs/${briefId}/revisions/${auto}/restore`, { method: 'POST' }),
    );
    const source = before.find((r) => r.id === auto)!;
    expect(restored.revision.name).toBeNull();
    expect(restored.revision.restoredFrom).toEqual({
      id: auto,
      createdAt: source.createdAt,
      name: null,
    });
    // Stored as data, nowhere as text with a time in it.
    const row = await server.storage.sql.one<{ name: string | null; restored_from: string }>(
      'SELECT name, restored_from FROM revisions WHERE id = ?',
      [restored.revision.id],
    );
    expect(row?.name).toBeNull();
    expect(row?.restored_from).not.toMatch(/UTC/);

    // A restore stored with a name before keeps it, as it was.
    const legacy = 'Restored from 2026-12-07 09:00 UTC by Administrator';
    await server.storage.sql.run(
      'UPDATE revisions SET name = ?, restored_from = NULL WHERE id = ?',
      [legacy, restored.revision.id],
    );
    const kept = (await list()).find((r) => r.id === restored.revision.id)!;
    expect([kept.name, kept.restoredFrom]).toEqual([legacy, null]);
  });

  it('a restore first records edits made since the last revision, so they can be restored', async () => {
    const { briefId, a, b, named, settle } = await setup();
    const list = async () =>
      (await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`))).revisions;
    const textOf = async (id: number) =>
      JSON.stringify(
        (await json<RevisionResponse>(server.api(`/api/briefs/${briefId}/revisions/${id}`)))
          .content,
      );
    addParagraph(a.doc, 'Approved wording.');
    await settle();
    const v1 = await named('v1');
    // Ben types, and a restore follows before any automatic revision is due.
    insertText(b.doc, 0, 0, 'Unrecorded ');
    await settle();
    const restored = await json<{ revision: { id: number } }>(
      server.api(`/api/briefs/${briefId}/revisions/${v1}/restore`, { method: 'POST' }),
    );
    await settle();
    expect(plainText(a.doc)).toEqual(['Approved wording.']);

    const kinds = (await list()).map((r) => [r.id, r.kind] as const).sort((x, y) => x[0] - y[0]);
    expect(kinds.map(([, kind]) => kind)).toEqual(['named', 'auto', 'restore']);
    const before = kinds[1][0];
    expect(before).toBeGreaterThan(v1);
    expect(before).toBeLessThan(restored.revision.id);
    expect(await textOf(before)).toContain('Unrecorded Approved wording.');

    // Restoring it brings Ben's words back; nothing new to record, so no second extra revision.
    await json(
      server.api(`/api/briefs/${briefId}/revisions/${before}/restore`, { method: 'POST' }),
    );
    await settle();
    expect(plainText(a.doc)).toEqual(['Unrecorded Approved wording.']);
    expect((await list()).map((r) => r.kind).sort()).toEqual([
      'auto',
      'named',
      'restore',
      'restore',
    ]);
  });

  it('a restore with no concurrent typing leaves exactly the old content live', async () => {
    const { briefId, a, named, settle } = await setup();
    addParagraph(a.doc, 'Alpha.');
    addParagraph(a.doc, 'Beta.', 'heading');
    await settle();
    const v1 = await named('v1');
    deleteText(a.doc, 0, 0, 2);
    addParagraph(a.doc, 'Gamma.');
    await settle();
    await json(server.api(`/api/briefs/${briefId}/revisions/${v1}/restore`, { method: 'POST' }));
    await settle();
    expect(plainText(a.doc)).toEqual(['Alpha.', 'Beta.']);
    const current = await json<{ approval: ApprovalStatus }>(
      server.api(`/api/briefs/${briefId}/approval`),
    );
    expect(current.approval.state).toBe('none');
  });

  it('automatic revisions: a pause makes one, a quiet period makes none', async () => {
    const { briefId, a, settle } = await setup({ REVISION_PAUSE_MS: '300' });
    const count = async () =>
      (await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`))).revisions
        .length;
    addParagraph(a.doc, 'Typed, then a pause.');
    insertText(a.doc, 0, 0, 'Quickly ');
    await settle();
    await waitFor(async () => (await count()) === 1, { message: 'one automatic revision' });
    // Nothing happens for several pause lengths: no new revision.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await count()).toBe(1);
    insertText(a.doc, 0, 0, 'More ');
    await settle();
    await waitFor(async () => (await count()) === 2, {
      message: 'a second revision after the next pause',
    });
    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    expect(list.revisions.every((r) => r.kind === 'auto')).toBe(true);
  });

  it('an automatic revision skipped while the brief is locked is made once the lock is free', async () => {
    const { briefId, a, settle } = await setup({ REVISION_PAUSE_MS: '200' });
    const count = async () =>
      (await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`))).revisions
        .length;
    // A compaction (or another instance) holds the brief's lock across the pause.
    let release!: () => void;
    const held = server.storage.withBriefLock!(
      briefId as BriefId,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    addParagraph(a.doc, 'Typed while the brief was locked.');
    await settle();
    await new Promise((r) => setTimeout(r, 600));
    expect(await count()).toBe(0);
    release();
    await held;
    // No further typing: the skipped revision is retried by itself.
    await waitFor(async () => (await count()) === 1, {
      message: 'the skipped revision made after the lock',
    });
  });

  it('named versions and their content survive compaction', async () => {
    const { briefId, a, named, settle } = await setup({
      COMPACT_AFTER_UPDATES: '20',
      COMPACT_MIN_INTERVAL_MS: '0',
    });
    addParagraph(a.doc, 'Start.');
    await settle();
    const v1 = await named('Before the flood');
    const before = (
      await json<RevisionResponse>(server.api(`/api/briefs/${briefId}/revisions/${v1}`))
    ).content;
    // Spaced out, since the server merges a burst from one sender into one log row.
    for (let i = 0; i < 120; i++) {
      insertText(a.doc, 0, 0, `${i} `);
      if (i % 3 === 0) deleteText(a.doc, 0, 0, 2);
      await new Promise((r) => setTimeout(r, 2));
    }
    await settle();
    await waitFor(async () => {
      const stored = await server.storage.loadDocument(briefId as never);
      return stored.snapshot !== null && stored.updates.length < 20;
    });
    const after = (
      await json<RevisionResponse>(server.api(`/api/briefs/${briefId}/revisions/${v1}`))
    ).content;
    expect(after).toEqual(before);
    expect(
      (await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`)))
        .revisions[0].name,
    ).toBe('Before the flood');
  });

  it('approval holds while the text is unchanged and becomes "changed" after an edit', async () => {
    const { briefId, a, named, settle } = await setup();
    addParagraph(a.doc, 'Ready for sign-off.');
    await settle();
    const v1 = await named('For approval');
    const approved = await json<{ approval: ApprovalStatus }>(
      server.api(`/api/briefs/${briefId}/revisions/${v1}/approve`, { method: 'POST' }),
    );
    expect(approved.approval).toMatchObject({ state: 'approved', revisionId: v1 });
    expect(approved.approval.approver?.displayName).toBe('Administrator');
    insertText(a.doc, 0, 0, 'Edited. ');
    await settle();
    const after = await json<{ approval: ApprovalStatus }>(
      server.api(`/api/briefs/${briefId}/approval`),
    );
    expect(after.approval.state).toBe('changed');
    // "Changes since last approval" is one compare away.
    const since = await json<CompareResponse>(
      server.api(`/api/briefs/${briefId}/compare?from=${v1}&to=current`),
    );
    expect(runs(since.doc)[0]).toContainEqual(
      expect.objectContaining({ text: 'Edited. ', change: 'added' }),
    );
  });

  it('unknown revisions are 404 and bad parameters 400', async () => {
    const { briefId, a, named, settle } = await setup();
    expect((await server.api(`/api/briefs/${briefId}/revisions/999`)).status).toBe(404);
    expect((await server.api(`/api/briefs/${briefId}/revisions/abc`)).status).toBe(404);
    expect(
      (await server.api(`/api/briefs/${briefId}/revisions/999/restore`, { method: 'POST' })).status,
    ).toBe(404);
    expect((await server.api(`/api/briefs/${briefId}/compare?from=x`)).status).toBe(400);
    // Restore and approve take no body; one they would ignore is refused, not half-read.
    addParagraph(a.doc, 'Something to approve.');
    await settle();
    const v1 = await named('v1');
    // Newer against older would show additions as removals: refused, not misdrawn.
    for (const query of [`from=${v1 + 1}&to=${v1}`, `from=current&to=${v1}`]) {
      const res = await server.api(`/api/briefs/${briefId}/compare?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /"from" must be the older version/,
      );
    }
    for (const action of ['restore', 'approve']) {
      for (const body of ['{"revision": 999, broken', '{"revision": 999}']) {
        const res = await server.api(`/api/briefs/${briefId}/revisions/${v1}/${action}`, {
          method: 'POST',
          body,
        });
        expect(res.status, `${action} ${body}`).toBe(400);
      }
    }
    const approval = (await (await server.api(`/api/briefs/${briefId}/approval`)).json()) as {
      approval: { state: string };
    };
    expect(approval.approval.state).toBe('none');
    const list = await json<ListRevisionsResponse>(server.api(`/api/briefs/${briefId}/revisions`));
    expect(list.revisions.map((r) => r.kind)).not.toContain('restore');
    expect(
      (
        await server.api(`/api/briefs/${briefId}/revisions`, {
          method: 'POST',
          body: '{"name":""}',
        })
      ).status,
    ).toBe(400);
  });
});
