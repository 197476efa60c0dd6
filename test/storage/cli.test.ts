/**
 * `npm run storage`: moving a SQLite deployment to PostgreSQL (and back) keeps
 * every brief and document byte for byte, can be run again safely, and
 * refuses bad arguments and bad files with a clear message.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import { runStorageCli } from '../../server/cli/storage.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import {
  openPostgresStorage,
  openSqliteStorage,
  redactUrl,
  type Storage,
} from '../../server/storage/index.ts';
import { craftUpdate, stringItem } from '../helpers/craftUpdate.ts';
import { repoRoot, tempDataDir } from '../helpers/server.ts';
import { checkPostgres, postgresUrl, requireService } from '../helpers/services.ts';

const postgresMissing = await requireService('PostgreSQL', checkPostgres);
const url = postgresMissing ? '' : await postgresUrl();

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runStorageCli(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { DATA_DIR: tempDataDir() },
    cwd: tempDataDir(),
  });
  return { code, out, err };
}

function text(doc: Y.Doc, more: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, more);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The document's full state, deleted content included: what "byte-identical" compares. */
async function state(storage: Storage, id: BriefId): Promise<Uint8Array> {
  const stored = await storage.loadDocument(id);
  const doc = new Y.Doc({ gc: false });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return Y.encodeStateAsUpdate(doc);
}

/** A SQLite deployment with a snapshot plus log, a log with deletions, an empty brief, odd titles. */
async function sourceDeployment(): Promise<{ file: string; ids: BriefId[] }> {
  const file = path.join(tempDataDir(), 'briefdesk.sqlite');
  const storage = openSqliteStorage({ filename: file });
  const ids = [newBriefId(), newBriefId(), newBriefId(), newBriefId()];
  const titles = ['Panama', 'Colombia 100%_', 'Empty', 'Çà et là\nsecond line'];
  for (const [i, id] of ids.entries()) {
    await storage.createBrief({ id, title: titles[i], createdAt: 1000 + i });
  }
  const a = new Y.Doc();
  const first = await storage.appendUpdates([
    { briefId: ids[0], data: text(a, 'alpha '), author: 'Ana', receivedAt: 2000 },
    { briefId: ids[0], data: text(a, 'beta '), author: 'Ana', receivedAt: 2001 },
  ]);
  await storage.writeSnapshot(ids[0], Y.encodeStateAsUpdate(a), first[1]);
  await storage.appendUpdates([
    { briefId: ids[0], data: text(a, 'gamma'), author: 'Ben', receivedAt: 2002 },
  ]);
  const b = new Y.Doc();
  await storage.appendUpdates([
    { briefId: ids[1], data: text(b, 'to be deleted '), author: null, receivedAt: 3000 },
  ]);
  const before = Y.encodeStateVector(b);
  b.getText('t').delete(0, 6);
  await storage.appendUpdates([
    { briefId: ids[1], data: Y.encodeStateAsUpdate(b, before), author: 'Cy', receivedAt: 3001 },
    { briefId: ids[3], data: text(new Y.Doc(), 'ünïcödé'), author: 'Di', receivedAt: 4000 },
  ]);
  // A brief in the trash is carried over, still in the trash.
  await storage.setTrashed(ids[2], { at: 5000, by: 'Ed' });
  await storage.close();
  return { file, ids };
}

async function expectSame(source: Storage, target: Storage, ids: BriefId[]): Promise<void> {
  for (const id of ids) {
    expect(await target.getBrief(id)).toEqual(await source.getBrief(id));
    expect(Buffer.from(await state(target, id))).toEqual(Buffer.from(await state(source, id)));
  }
  const all = async (storage: Storage) =>
    [...(await storage.listBriefs()), ...(await storage.listTrash())].map((b) => b.id).sort();
  expect(await all(target)).toEqual([...ids].sort());
  expect((await target.listTrash()).map((b) => b.id)).toEqual([ids[2]]);
}

describe.skipIf(postgresMissing)('storage CLI: SQLite to PostgreSQL', () => {
  async function postgres(): Promise<Storage> {
    return openPostgresStorage({ connectionString: url, logger: createMemoryLogger() });
  }
  beforeEach(async () => {
    const storage = await postgres();
    await storage.sql.run('TRUNCATE briefs, doc_updates, doc_snapshots');
    await storage.close();
  });

  it('copies every brief byte for byte, and a second run changes nothing', async () => {
    const { file, ids } = await sourceDeployment();
    const copy = await cli('copy', '--from', `sqlite:${file}`, '--to', url);
    expect(copy.err).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.out).toContain('4 briefs (4 created, 0 merged, 0 already there)');
    expect(copy.out).toContain('read 1 snapshots and 4 log updates');

    const source = openSqliteStorage({ filename: file });
    const target = await postgres();
    try {
      await expectSame(source, target, ids);
      const again = await cli('copy', '--from', `sqlite:${file}`, '--to', url);
      expect(again.out).toContain('4 briefs (0 created, 0 merged, 4 already there)');
      await expectSame(source, target, ids);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('merges into briefs the target already has, losing no edit on either side', async () => {
    const { file, ids } = await sourceDeployment();
    expect((await cli('copy', '--from', `sqlite:${file}`, '--to', url)).code).toBe(0);
    const source = openSqliteStorage({ filename: file });
    const target = await postgres();
    try {
      // Both sides are edited after the first copy, as if someone kept using the old server.
      const fromSource = new Y.Doc();
      Y.applyUpdate(fromSource, await state(source, ids[0]));
      await source.appendUpdates([
        { briefId: ids[0], data: text(fromSource, ' late'), author: 'Ana', receivedAt: 9000 },
      ]);
      const onTarget = new Y.Doc();
      Y.applyUpdate(onTarget, await state(target, ids[0]));
      await target.appendUpdates([
        { briefId: ids[0], data: text(onTarget, ' new'), author: 'Ben', receivedAt: 8000 },
      ]);
      const copy = await cli('copy', '--from', `sqlite:${file}`, '--to', url);
      expect(copy.out).toContain('4 briefs (0 created, 1 merged, 3 already there)');
      const merged = new Y.Doc();
      Y.applyUpdate(merged, await state(target, ids[0]));
      expect(merged.getText('t').toString()).toMatch(/^alpha beta gamma( late new| new late)$/);
      expect(await target.getBrief(ids[0])).toMatchObject({ updatedAt: 9000, updatedBy: 'Ana' });
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('exports to NDJSON and imports into PostgreSQL and into a new SQLite file', async () => {
    const { file, ids } = await sourceDeployment();
    const out = path.join(tempDataDir(), 'briefs.ndjson');
    const exported = await cli('export', '--from', `sqlite:${file}`, '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('4 briefs, ');
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(JSON.parse(lines[5])).toEqual({ end: { briefs: 4 } });

    const imported = await cli('import', '--in', out, '--to', url);
    expect(imported.err).toBe('');
    expect(imported.out).toContain('4 briefs (4 created, 0 merged, 0 already there)');
    const copyFile = path.join(tempDataDir(), 'copy.sqlite');
    expect((await cli('import', '--in', out, '--to', `sqlite:${copyFile}`)).code).toBe(0);

    const source = openSqliteStorage({ filename: file });
    const targets = [await postgres(), openSqliteStorage({ filename: copyFile })];
    try {
      for (const target of targets) await expectSame(source, target, ids);
    } finally {
      await source.close();
      for (const target of targets) await target.close();
    }
  });
});

const POISONED = Buffer.from(
  craftUpdate([{ client: 77, clock: 0, structs: [stringItem('a', { origin: [77, 0] })] }]),
).toString('base64');

describe('storage CLI: arguments and files', () => {
  it.each([
    [[], 0, /Usage:/],
    [['move'], 2, /Unknown command "move"/],
    [['export'], 2, /export needs --out/],
    [['export', '--out', 'x', '--to', 'sqlite:y'], 2, /export does not take --to/],
    [['copy', '--from', 'sqlite:a'], 2, /copy needs --to/],
    [['copy', '--from', 'mysql://h/db', '--to', 'sqlite:b'], 2, /--from must be sqlite:<path>/],
    [['copy', '--from', 'sqlite:a', '--to', 'sqlite:a'], 2, /the same/],
    [['import', '--in', 'x', '--bogus'], 2, /Unknown option '--bogus'/],
    [['import', '--in', 'x', 'extra'], 2, /Unexpected argument "extra"/],
  ])('%j exits %i', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    expect(code === 0 ? result.out : result.err).toMatch(message);
  });

  it('refuses a missing SQLite source and an existing export file', async () => {
    const missing = path.join(tempDataDir(), 'nope.sqlite');
    const copy = await cli('copy', '--from', `sqlite:${missing}`, '--to', 'sqlite:other.sqlite');
    expect(copy.code).toBe(1);
    expect(copy.err).toContain(`There is no SQLite database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);

    const { file } = await sourceDeployment();
    const out = path.join(tempDataDir(), 'briefs.ndjson');
    fs.writeFileSync(out, 'keep me');
    const exported = await cli('export', '--from', `sqlite:${file}`, '--out', out);
    expect(exported.code).toBe(1);
    expect(exported.err).toContain('already exists');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('refuses a cut-short or damaged file before importing anything', async () => {
    const { file } = await sourceDeployment();
    const out = path.join(tempDataDir(), 'briefs.ndjson');
    expect((await cli('export', '--from', `sqlite:${file}`, '--out', out)).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    const cases: Array<[string[], RegExp]> = [
      [lines.slice(0, -1), /incomplete \(no end line\)/],
      [lines.slice(1), /not a Briefdesk export/],
      [[...lines.slice(0, 2), '{"brief":', ...lines.slice(2)], /:3: not JSON/],
      [[lines[0], lines[1], lines[1], ...lines.slice(2)], /appears twice/],
      [
        lines.map((l, i) => (i === 1 ? l.replace(/"document":"[^"]*"/, '"document":"!!"') : l)),
        /base64/,
      ],
      [
        // Decodes as Yjs, but an item whose origin is itself breaks every load once stored.
        lines.map((l, i) =>
          i === 1 ? l.replace(/"document":"[^"]*"/, `"document":"${POISONED}"`) : l,
        ),
        /not a usable Yjs update: struct 77:0 refers to 77:0/,
      ],
      [
        lines.map((l, i) =>
          i === 1 ? l.replace(/"title":"[^"]*"/, `"title":"${'x'.repeat(201)}"`) : l,
        ),
        /over 200 characters/,
      ],
    ];
    for (const [content, message] of cases) {
      const bad = path.join(tempDataDir(), 'bad.ndjson');
      fs.writeFileSync(bad, content.join('\n') + '\n');
      const target = path.join(tempDataDir(), 'target.sqlite');
      const result = await cli('import', '--in', bad, '--to', `sqlite:${target}`);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
      expect(fs.existsSync(target)).toBe(false);
    }
  });

  it('never prints a database password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/briefdesk')).toBe(
      'postgres://app:***@db:5432/briefdesk',
    );
  });

  it('exits non-zero from the command line', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'server/cli/storage.ts'), 'export'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('export needs --out');
  });
});
