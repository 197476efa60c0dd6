/**
 * What the single-instance server promises keeps holding across instances:
 * presence crosses them (and leaves with its client), an access change made
 * through one reaches sockets on the other through the access feed, and revision
 * history and export see one brief wherever the request lands.
 *
 * And Redis is an accelerator, not a dependency: when it goes away, writes
 * keep going to PostgreSQL and clients on the same instance keep co-editing;
 * when it returns, the instances resubscribe, repair from the database, and
 * converge. The instances reach Redis through a TCP proxy the test cuts and
 * restores — the machine's Redis itself is never stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { AuditResponse, ListRevisionsResponse, RevisionResponse } from '../../shared/api.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import {
  connectClient,
  openRaw,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { createBriefOver } from '../helpers/process.ts';
import { addParagraph, insertText, plainText, runs } from '../helpers/prosemirror.ts';
import { REDIS_URL } from '../helpers/services.ts';
import {
  adminCookie,
  api,
  createUser,
  mergeOf,
  servicesMissing,
  startInstances,
  subscribers,
  TcpProxy,
  type Instance,
} from './cluster.ts';

const missing = await servicesMissing();

interface Presence {
  user?: { name: string };
  cursor?: number;
}

describe.skipIf(missing)('features across two instances', () => {
  let a: Instance;
  let b: Instance;
  let cookie: string;
  let redis: TcpProxy;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    redis = await TcpProxy.open(() => [Number(new URL(REDIS_URL).port || 6379)]);
    const proxied = new URL(REDIS_URL);
    proxied.port = String(redis.port);
    // info: the demotion test reads B's "connection role changed" line.
    [a, b] = await startInstances(['A', 'B'], {
      REDIS_URL: proxied.toString(),
      LOG_LEVEL: 'info',
      REVISION_PAUSE_MS: '3600000',
    });
    cookie = await adminCookie(a);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    a?.proc.kill('SIGKILL');
    b?.proc.kill('SIGKILL');
    await redis?.close();
  });

  function client(instance: Instance, briefId: string, as = cookie): TestClient {
    const c = connectClient(instance.wsUrl, briefId, { cookie: as });
    clients.push(c);
    return c;
  }

  it('shows presence of a client on A to a client on B, follows it, and drops it when it leaves', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Presence');
    const ana = client(a, briefId);
    await waitSynced(ana);
    const anaId = ana.doc.clientID;
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    // B loads the brief only now, and asks A who is there rather than wait for
    // Ana's next renewal (15 s).
    const ben = client(b, briefId);
    await waitSynced(ben);
    const onB = () => ben.provider.awareness.getStates().get(anaId) as Presence | undefined;
    await waitFor(() => onB()?.user?.name === 'Ana', { message: "Ana's presence to reach B" });
    ana.provider.awareness.setLocalStateField('cursor', 42);
    await waitFor(() => onB()?.cursor === 42, { message: "Ana's cursor on B" });
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben' });
    await waitFor(
      () =>
        (ana.provider.awareness.getStates().get(ben.doc.clientID) as Presence | undefined)?.user
          ?.name === 'Ben',
      { message: "Ben's presence to reach A" },
    );

    const left = Date.now();
    ana.provider.disconnect();
    await waitFor(() => !ben.provider.awareness.getStates().has(anaId), {
      timeout: 15_000,
      message: "Ana's presence to leave B",
    });
    // Withdrawn when she left, not timed out: that takes 30 s. (The margin is
    // for a loaded machine, where each hop between the processes waits its turn.)
    expect(Date.now() - left).toBeLessThan(15_000);
  });

  it('a demotion made through A reaches a socket on B; a removal closes it', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Access');
    const mia = await createUser(a, cookie, 'mia');
    const membership = `/api/briefs/${briefId}/members/${mia.id}`;
    await api(a, cookie, membership, { method: 'PUT', body: { role: 'editor' } });
    const owner = client(a, briefId);
    const onB = client(b, briefId, mia.cookie);
    await Promise.all([waitSynced(owner), waitSynced(onB)]);
    onB.text.insert(0, 'Mia can write.');
    await waitFor(() => owner.text.toString().includes('Mia can write.'), {
      message: "Mia's edit on B to reach A",
    });

    // B learns of it from the access feed in the database, which it polls
    // (ACCESS_POLL_MS); how soon is the poll interval's business, not this test's.
    await api(a, cookie, membership, { method: 'PUT', body: { role: 'viewer' } });
    await waitFor(() => /connection role changed .*"to":"viewer"/.test(b.output()), {
      interval: 20,
      message: 'the demotion to reach the socket on B',
    });
    onB.text.insert(onB.text.length, ' Not any more.');
    owner.text.insert(0, '>');
    await waitFor(() => onB.text.toString().startsWith('>'), { message: 'A to B after demotion' });
    expect(owner.text.toString()).not.toContain('Not any more.');

    const raw = await openRaw(`${b.wsUrl}/${briefId}`, { cookie: mia.cookie });
    await api(a, cookie, membership, { method: 'DELETE' });
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.Forbidden.code);
  });

  it('a named version made through A is listed through B; a restore through A is seen live on B; B exports it', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'History');
    const writer = client(a, briefId);
    const reader = client(b, briefId);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    addParagraph(writer.doc, 'Version one text.');
    await waitFor(() => plainText(reader.doc)[0] === 'Version one text.', {
      message: 'the first paragraph on B',
    });

    const revisions = `/api/briefs/${briefId}/revisions`;
    const v1 = (
      await api<{ revision: { id: number } }>(a, cookie, revisions, {
        method: 'POST',
        body: { name: 'v1' },
      })
    ).revision.id;
    const listed = await api<ListRevisionsResponse>(b, cookie, revisions);
    expect(listed.revisions.find((r) => r.id === v1)?.name).toBe('v1');
    const opened = await api<RevisionResponse>(b, cookie, `${revisions}/${v1}`);
    expect(
      runs(opened.content)[0]
        .map((r) => r.text)
        .join(''),
    ).toBe('Version one text.');

    insertText(writer.doc, 0, 0, 'Changed: ');
    await waitFor(() => plainText(reader.doc)[0] === 'Changed: Version one text.', {
      message: 'the change on B',
    });
    await api(a, cookie, `${revisions}/${v1}/restore`, { method: 'POST' });
    await waitFor(() => plainText(reader.doc)[0] === 'Version one text.', {
      message: 'the restore through A to reach the client on B live',
    });
    await waitFor(() => sameState(reader.doc, writer.doc), { message: 'A and B to agree' });
    const after = await api<ListRevisionsResponse>(b, cookie, revisions);
    expect(after.revisions.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['named', 'restore']),
    );

    // Export through B: the current text (which A restored) and the named version.
    for (const query of ['', `?revision=${v1}`]) {
      const res = await fetch(`${b.url}/api/briefs/${briefId}/export.pdf${query}`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
      const { text } = await extractText(pdf, { mergePages: true });
      expect(text).toContain('Version one text.');
      expect(text).not.toContain('Changed:');
    }
  });

  it('a brief trashed through A closes its sockets on B and keeps its history there; restored, it opens on B', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Trashed on A');
    const onB = client(b, briefId);
    const onA = client(a, briefId);
    await Promise.all([waitSynced(onB), waitSynced(onA)]);
    addParagraph(onB.doc, 'Written on B before the trash.');
    await waitFor(() => plainText(onA.doc)[0] === 'Written on B before the trash.', {
      message: 'the paragraph committed and on A',
    });
    onA.provider.disconnect();
    const revisions = `/api/briefs/${briefId}/revisions`;
    await api(b, cookie, revisions, { method: 'POST', body: { name: 'before' } });
    const closed = new Promise<number>((resolve) =>
      onB.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    await api(a, cookie, `/api/briefs/${briefId}`, { method: 'DELETE' });
    // B hears of it through the access feed, and says why.
    expect(await closed).toBe(CloseCode.BriefTrashed.code);
    onB.provider.disconnect();
    // B closing the room must not have dropped the history a restore brings back.
    await api(a, cookie, `/api/briefs/${briefId}/restore`, { method: 'POST' });
    const listed = await api<ListRevisionsResponse>(b, cookie, revisions);
    expect(listed.revisions.map((r) => r.name)).toContain('before');
    const again = client(b, briefId);
    await waitSynced(again);
    expect(plainText(again.doc)).toEqual(['Written on B before the trash.']);
  });

  it('a named version made through B while B hears nothing from A still holds what A committed', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Named during an outage');
    const onA = client(a, briefId);
    const alsoOnA = client(a, briefId);
    const onB = client(b, briefId);
    await Promise.all([onA, alsoOnA, onB].map((c) => waitSynced(c)));
    await waitFor(async () => (await subscribers(briefId)) === 2, {
      message: 'both instances to subscribe',
    });
    addParagraph(onA.doc, 'Before the outage.');
    await waitFor(() => plainText(onB.doc).includes('Before the outage.'), {
      message: 'the first paragraph on B',
    });

    redis.cut();
    try {
      addParagraph(onA.doc, 'Committed on A while Redis is down.');
      // A relays only what it has committed: its second client seeing it means it is stored.
      await waitFor(() => plainText(alsoOnA.doc).includes('Committed on A while Redis is down.'), {
        message: 'A to commit the paragraph',
      });
      expect(plainText(onB.doc)).not.toContain('Committed on A while Redis is down.');
      const revisions = `/api/briefs/${briefId}/revisions`;
      const named = await api<{ revision: { id: number; wordsAdded: number } }>(
        b,
        cookie,
        revisions,
        { method: 'POST', body: { name: 'During the outage' } },
      );
      const opened = await api<RevisionResponse>(b, cookie, `${revisions}/${named.revision.id}`);
      expect(runs(opened.content).map((p) => p.map((r) => r.text).join(''))).toEqual([
        'Before the outage.',
        'Committed on A while Redis is down.',
      ]);
      // And B's own clients have it now too.
      await waitFor(() => plainText(onB.doc).includes('Committed on A while Redis is down.'), {
        message: 'B to relay what it read from storage',
      });
    } finally {
      redis.restore();
    }
  });

  it('limits failed sign-ins per account across instances, not per instance', async () => {
    await createUser(a, cookie, 'guesser');
    const attempt = (instance: Instance) =>
      fetch(`${instance.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'guesser', password: 'not-the-password' }),
      }).then((res) => res.status);
    // Five wrong passwords, spread over the two instances a balancer would pick between.
    const statuses = [await attempt(a), await attempt(b), await attempt(a), await attempt(b)];
    statuses.push(await attempt(a));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The sixth is refused on either instance.
    expect(await attempt(b)).toBe(429);
    expect(await attempt(a)).toBe(429);
  });

  /**
   * Sends ten changes of one setting at once, alternating instances, and
   * follows the audit log's from → to chain from the first value: each change
   * must start where another ended, so that the chain visits all ten.
   */
  async function expectOneChain(
    field: 'title' | 'marking',
    first: string,
    values: string[],
    briefId: string,
  ): Promise<void> {
    await Promise.all(
      values.map((value, i) =>
        api(i % 2 === 0 ? a : b, cookie, `/api/briefs/${briefId}`, {
          method: 'PATCH',
          body: { [field]: value },
        }),
      ),
    );
    const { entries } = await api<AuditResponse>(a, cookie, `/api/audit?brief=${briefId}`);
    const action = field === 'title' ? 'brief.renamed' : 'brief.marking_changed';
    const changes = entries
      .filter((e) => e.action === action)
      .map((e) => e.detail as { from: string; to: string });
    const next = new Map(changes.map((r) => [r.from, r.to]));
    expect(next.size).toBe(values.length);
    const visited: string[] = [];
    for (let at = next.get(first); at !== undefined; at = next.get(at)) visited.push(at);
    expect([...visited].sort()).toEqual([...values].sort());
  }

  it('records renames sent at once through both instances as one chain in the audit log', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Santiago round');
    const titles = Array.from({ length: 10 }, (_, i) => `Santiago round ${i + 1}`);
    await expectOneChain('title', 'Santiago round', titles, briefId);
  });

  it('records marking changes sent at once through both instances as one chain in the audit log', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Quito readout');
    const markings = Array.from({ length: 10 }, (_, i) => `OFFICIAL ${i + 1}`);
    await expectOneChain('marking', 'DRAFT — INTERNAL', markings, briefId);
  });

  // Last: it cuts Redis (and restores it).
  it('a Redis outage degrades to relaying within each instance without losing writes; once Redis is back they converge', async () => {
    const briefId = await createBriefOver(a.url, cookie, 'Through an outage');

    const made: Uint8Array[] = [];
    const connect = (instance: Instance, brief: string, record = true) => {
      const client = connectClient(instance.wsUrl, brief, { cookie });
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (record && origin !== client.provider) made.push(update);
      });
      clients.push(client);
      return client;
    };
    const [a1, a2, b1, b2] = [
      connect(a, briefId),
      connect(a, briefId),
      connect(b, briefId),
      connect(b, briefId),
    ];
    await Promise.all([a1, a2, b1, b2].map((c) => waitSynced(c)));
    await waitFor(async () => (await subscribers(briefId)) === 2, {
      message: 'both instances to subscribe',
    });
    a1.text.insert(0, 'before. ');
    await waitFor(() => b2.text.toString().includes('before.'), { message: 'live relay' });

    redis.cut();
    // Each instance keeps relaying among its own clients, without waiting for
    // Redis, which stays cut until after the burst below.
    a1.text.insert(0, 'A during. ');
    b1.text.insert(0, 'B during. ');
    await waitFor(() => a2.text.toString().includes('A during.'), {
      message: 'A to relay to its own clients without Redis',
    });
    await waitFor(() => b2.text.toString().includes('B during.'), {
      message: 'B to relay to its own clients without Redis',
    });
    // A burst of edits on both sides, and a brief loaded for the first time meanwhile.
    const everyone = [a1, a2, b1, b2];
    for (let i = 0; i < 200; i++) {
      const c = everyone[i % everyone.length];
      c.text.insert(c.text.length, `${i} `);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    const otherBrief = await createBriefOver(a.url, cookie, 'Opened during the outage');
    const loner = connect(b, otherBrief, false);
    await waitSynced(loner, 5000);
    loner.text.insert(0, 'loaded without Redis. ');

    await new Promise((r) => setTimeout(r, 500));
    redis.restore();
    // Byte for byte: every client holds the merge of every update made on the brief.
    const expected = mergeOf(made);
    await waitFor(() => everyone.every((c) => sameState(c.doc, expected)), {
      timeout: 15_000,
      message: 'the instances to converge after Redis returns',
    });

    // The brief B opened during the outage is relayed again too.
    const peer = connect(a, otherBrief, false);
    await waitSynced(peer);
    expect(peer.text.toString()).toBe('loaded without Redis. ');
    peer.text.insert(peer.text.length, 'and relayed after.');
    await waitFor(() => loner.text.toString().endsWith('and relayed after.'), {
      message: 'relay on a brief subscribed during the outage',
    });
    expect(a.proc.exitCode).toBeNull();
    expect(b.proc.exitCode).toBeNull();
    expect(a.output() + b.output()).toMatch(/Redis connection (lost|closed)/);
  });
});
