/**
 * Moving a single-instance SQLite deployment to PostgreSQL with
 * `npm run storage -- copy` carries everything, not just briefs: people can
 * sign in on the PostgreSQL server with the passwords they had, their open
 * sessions still work, memberships, revisions, approvals and the audit log
 * are there and usable — also when the PostgreSQL server had already
 * bootstrapped an `admin` of its own. Running the copy again changes nothing.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { ListRevisionsResponse, RevisionResponse } from '../../shared/api.ts';
import { createServer, type BriefdeskServer } from '../../server/app.ts';
import { runStorageCli } from '../../server/cli/storage.ts';
import { parseConfig } from '../../server/config.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import { openPostgresStorage, type PostgresStorage } from '../../server/storage/index.ts';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { addParagraph } from '../helpers/prosemirror.ts';
import {
  ADMIN_PASSWORD,
  login,
  repoRoot,
  startServer,
  storedDoc,
  tempDataDir,
  TEST_ENV,
} from '../helpers/server.ts';
import { checkPostgres, postgresUrl, requireService } from '../helpers/services.ts';
import { api } from './cluster.ts';

const postgresMissing = await requireService('PostgreSQL', checkPostgres);
const url = postgresMissing ? '' : await postgresUrl();

/** The real server on PostgreSQL, in this process. */
async function postgresServer(): Promise<{
  url: string;
  server: BriefdeskServer;
  storage: PostgresStorage;
  close(): Promise<void>;
}> {
  const config = parseConfig(
    { PORT: '0', DATA_DIR: tempDataDir(), DATABASE_URL: url, ...TEST_ENV },
    repoRoot,
  );
  const storage = await openPostgresStorage({
    connectionString: url,
    poolSize: 4,
    logger: createMemoryLogger(),
  });
  const server = createServer({ config, storage, logger: createMemoryLogger() });
  await server.auth.bootstrap();
  const address: AddressInfo = await server.listen();
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    storage,
    async close() {
      await server.close();
      await storage.close();
    },
  };
}

async function copy(from: string): Promise<string> {
  let out = '';
  let err = '';
  const code = await runStorageCli(['copy', '--from', `sqlite:${from}`, '--to', url], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {},
    cwd: tempDataDir(),
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

describe.skipIf(postgresMissing)('copying a SQLite deployment to PostgreSQL', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('carries accounts, sessions, memberships, revisions, approvals and the audit log', async () => {
    // The PostgreSQL server was started once already: it has an admin of its own (another id).
    const early = await postgresServer();
    await early.close();

    // A SQLite deployment with some history.
    const sqlite = await startServer({ env: { REVISION_PAUSE_MS: '3600000' } });
    closers.push(() => sqlite.close());
    const mia = await sqlite.createUser('mia');
    const briefId = (await sqlite.createBrief('Moving house')).id;
    await sqlite.api(`/api/briefs/${briefId}/members/${mia.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'editor' }),
    });
    const writer = connectClient(sqlite.wsUrl, briefId, { cookie: mia.cookie });
    await waitSynced(writer);
    addParagraph(writer.doc, 'Written on SQLite.');
    await waitFor(
      async () => (await storedDoc(sqlite.storage, briefId)).getXmlFragment('default').length > 0,
    );
    const revisions = `/api/briefs/${briefId}/revisions`;
    const named = (await (
      await sqlite.api(revisions, { method: 'POST', body: JSON.stringify({ name: 'Before' }) })
    ).json()) as { revision: { id: number } };
    const v1 = named.revision.id;
    expect((await sqlite.api(`${revisions}/${v1}/approve`, { method: 'POST' })).status).toBe(200);
    writer.destroy();
    await sqlite.close();

    const first = await copy(path.join(sqlite.dataDir, 'briefdesk.sqlite'));
    expect(first).toContain('1 briefs (1 created');
    expect(first).toMatch(/revisions 1\/1/);

    const pg = await postgresServer();
    closers.push(() => pg.close());
    // Mia signs in with her password, and her session from SQLite still works too.
    const fresh = await login(pg.url, 'mia', mia.password);
    for (const cookie of [fresh, mia.cookie]) {
      const { brief } = await api<{ brief: { title: string } }>(
        pg,
        cookie,
        `/api/briefs/${briefId}`,
      );
      expect(brief.title).toBe('Moving house');
    }
    const admin = await login(pg.url, 'admin', ADMIN_PASSWORD);
    const listed = await api<ListRevisionsResponse>(pg, admin, revisions);
    const before = listed.revisions.find((r) => r.id === v1);
    expect(before?.name).toBe('Before');
    // The SQLite admin who named it is the PostgreSQL server's admin now.
    expect(before?.authors.map((a) => a.displayName).sort()).toEqual(['Administrator', 'Mia']);
    expect(listed.approval).toMatchObject({ state: 'approved', revisionId: v1 });
    expect(listed.approval.approver?.displayName).toBe('Administrator');
    const opened = await api<RevisionResponse>(pg, admin, `${revisions}/${v1}`);
    expect(JSON.stringify(opened.content)).toContain('Written on SQLite.');
    const { entries } = await api<{ entries: Array<{ action: string }> }>(pg, admin, '/api/audit');
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['login', 'member.added', 'revision.approved']),
    );

    // New rows get fresh ids: the copy moved PostgreSQL's sequences past the copied ones.
    const next = await api<{ revision: { id: number } }>(pg, fresh, revisions, {
      method: 'POST',
      body: { name: 'After the move' },
    });
    expect(next.revision.id).toBeGreaterThan(v1);

    // Again: nothing new is written.
    const again = await copy(path.join(sqlite.dataDir, 'briefdesk.sqlite'));
    expect(again).toContain('1 briefs (0 created, 0 merged, 1 already there)');
    for (const match of again.matchAll(/(\w+) (\d+)\/(\d+)/g)) {
      expect({ table: match[1], written: match[3] }).toEqual({ table: match[1], written: '0' });
    }
    const after = await api<ListRevisionsResponse>(pg, admin, revisions);
    expect(after.revisions).toHaveLength(listed.revisions.length + 1);
  });
});
