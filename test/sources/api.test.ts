import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AddSourceResponse,
  ListSourcesResponse,
  SourceTextResponse,
} from '../../shared/api.ts';
import type { CardsIndex, RankedCards } from '../../shared/cards.ts';
import { CSRF_HEADER } from '../../shared/api.ts';
import { EXTRACTOR_VERSION } from '../../server/cards/version.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const ARTICLE = `# Port deal in Lima

Peru's trade minister signed a memorandum with Chile on port logistics on Monday.
Officials said exports through Callao rose 12 percent in 2024, while Chinese-backed
terminal investments drew scrutiny from lawmakers in Lima.
`;

describe('sources and cards API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  const add = (body: unknown, cookie?: string) =>
    server.api('/api/sources', { method: 'POST', body: JSON.stringify(body), cookie });
  const sources = async () =>
    ((await (await server.api('/api/sources')).json()) as ListSourcesResponse).sources;

  it('adds a source once, by content, and builds cards from it', async () => {
    const first = await add({ filename: 'lima.md', content: ARTICLE });
    expect(first.status).toBe(201);
    const { source } = (await first.json()) as AddSourceResponse;
    expect(source.title).toBe('Port deal in Lima');
    expect(source.format).toBe('markdown');
    const again = await add({ filename: 'copy-of-lima.md', content: ARTICLE });
    expect(again.status).toBe(200);
    expect(((await again.json()) as AddSourceResponse).created).toBe(false);
    expect((await sources()).filter((s) => s.title === 'Port deal in Lima')).toHaveLength(1);

    const cards = ((await (await server.api('/api/cards')).json()) as { cards: CardsIndex }).cards;
    const codes = cards.countries.map((c) => c.code);
    expect(codes).toContain('PE');
    expect(codes).toContain('CL');
    const peru = cards.countries.find((c) => c.code === 'PE')!;
    expect(peru.sources).toContain(source.id);
    expect(peru.facts.some((f) => f.kind === 'figure' && f.excerpt.includes('12 percent'))).toBe(
      true,
    );
  });

  it('serves a source with its text, so a citation can be read in context', async () => {
    const { source } = (await (
      await add({ filename: 'lima.md', content: ARTICLE })
    ).json()) as AddSourceResponse;
    const res = await server.api(`/api/sources/${source.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SourceTextResponse;
    expect(body.source).toMatchObject({
      id: source.id,
      title: 'Port deal in Lima',
      format: 'markdown',
    });
    expect(body.text).toContain('exports through Callao rose 12 percent in 2024');
    // Every fact's excerpt is found in that text, where a reader's view highlights it.
    const cards = ((await (await server.api('/api/cards')).json()) as { cards: CardsIndex }).cards;
    const facts = cards.countries
      .flatMap((c) => c.facts)
      .filter((f) => f.source.documentId === source.id);
    expect(facts.length).toBeGreaterThan(0);
    for (const fact of facts) expect(body.text).toContain(fact.excerpt);

    expect((await server.api('/api/sources/no-such-source')).status).toBe(404);
    expect((await server.api(`/api/sources/${source.id}`, { cookie: null })).status).toBe(401);
  });

  it('ranks the cards a brief discusses', async () => {
    const res = await server.api('/api/cards/relevant', {
      method: 'POST',
      body: JSON.stringify({
        text: 'Our brief covers Peru: Peruvian exports and Peru trade talks, with Chile mentioned once.',
      }),
    });
    const { relevant } = (await res.json()) as { relevant: RankedCards };
    expect(relevant.countries[0].id).toBe('PE');
    expect(relevant.countries.map((c) => c.id)).toContain('CL');
    expect(relevant.issues.map((i) => i.id)).toContain('trade-investment');
  });

  it('still ranks after the cards engine thread is replaced (it rebuilds the index there)', async () => {
    const relevant = async () => {
      const res = await server.api('/api/cards/relevant', {
        method: 'POST',
        body: JSON.stringify({ text: 'Peru and Peruvian exports through Callao.' }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { relevant: RankedCards }).relevant;
    };
    const before = await relevant();
    expect(before.countries[0].id).toBe('PE');
    // Stopping the engine ends its thread and the index it held; the next task starts a new one.
    await server.server.cards.close();
    expect(await relevant()).toEqual(before);
  });

  it('rejects bad files with a clear error and stores nothing', async () => {
    const before = (await sources()).length;
    const cases: Array<[unknown, number]> = [
      [{ filename: 'scan.pdf', content: '%PDF-1.7 …' }, 415],
      [{ filename: 'binary.txt', content: 'abc\u0000\u0001\u0002def' }, 400],
      [{ filename: 'empty.md', content: '   \n  ' }, 400],
      [{ filename: 'big.txt', content: 'x'.repeat(3 * 1024 * 1024) }, 413],
      [{ filename: 'x.txt' }, 400],
      [{ filename: 'x.txt', content: 5 }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await add(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(
        ((await res.json()) as { error: { message: string } }).error.message.length,
      ).toBeGreaterThan(5);
    }
    // A raw upload that is not UTF-8.
    const raw = await fetch(`${server.url}/api/sources?filename=latin1.txt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: server.cookie, [CSRF_HEADER]: '1' },
      body: Buffer.from([0x50, 0x65, 0xf1, 0x61, 0x20, 0xe9, 0xe9]),
    });
    expect(raw.status).toBe(400);
    // A raw PDF is the wrong kind of file (415), whatever its bytes.
    const pdf = await fetch(`${server.url}/api/sources?filename=report.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: server.cookie, [CSRF_HEADER]: '1' },
      body: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xe2, 0xe3, 0xcf, 0xd3]),
    });
    expect(pdf.status).toBe(415);
    // A raw upload's name follows the JSON path's rules: at most 255 characters.
    const longName = await fetch(`${server.url}/api/sources?filename=${'n'.repeat(300)}.txt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: server.cookie, [CSRF_HEADER]: '1' },
      body: 'Chile and Peru signed a fisheries agreement.',
    });
    expect(longName.status).toBe(400);
    expect((await sources()).length).toBe(before);
  });

  it("keeps control characters out of a raw upload's file name", async () => {
    const res = await fetch(
      `${server.url}/api/sources?filename=${encodeURIComponent('lima\r\nreadout\u0000\u001b[31m.md')}`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/markdown', cookie: server.cookie, [CSRF_HEADER]: '1' },
        body: '# Lima readout\n\nPeru and Bolivia agreed to reopen a border crossing.',
      },
    );
    expect(res.status).toBe(201);
    const { source } = (await res.json()) as { source: { filename: string } };
    expect(source.filename).not.toMatch(/\p{Cc}/u);
    expect(source.filename).toMatch(/^lima +readout +\[31m\.md$/);
  });

  it('accepts a raw HTML upload and strips its boilerplate', async () => {
    const html = `<html><head><title>Quito readout</title><script>track()</script></head>
      <body><nav>Home | World</nav><article><h1>Quito readout</h1>
      <p>Ecuador and Colombia agreed to a border security plan, the ministers said.</p></article>
      <div class="share">Share on Facebook</div><a href="#top">Scroll to Top</a></body></html>`;
    const res = await fetch(`${server.url}/api/sources?filename=quito.html`, {
      method: 'POST',
      headers: {
        'content-type': 'text/html; charset=utf-8',
        cookie: server.cookie,
        [CSRF_HEADER]: '1',
      },
      body: html,
    });
    expect(res.status).toBe(201);
    const cards = ((await (await server.api('/api/cards')).json()) as { cards: CardsIndex }).cards;
    expect(cards.countries.map((c) => c.code)).toEqual(expect.arrayContaining(['EC', 'CO']));
  });

  it('removing a source updates its cards; only its owner, managers and admins may', async () => {
    const staff = await server.createUser('sam');
    const other = await server.createUser('sid');
    const res = await add(
      {
        filename: 'brasil.txt',
        content: 'Brazil and Argentina signed a beef trade accord in Brasília.',
      },
      staff.cookie,
    );
    const { source } = (await res.json()) as AddSourceResponse;
    let cards = ((await (await server.api('/api/cards')).json()) as { cards: CardsIndex }).cards;
    expect(cards.countries.map((c) => c.code)).toContain('BR');
    expect(
      (await server.api(`/api/sources/${source.id}`, { method: 'DELETE', cookie: other.cookie }))
        .status,
    ).toBe(403);
    expect(
      (await server.api(`/api/sources/${source.id}`, { method: 'DELETE', cookie: staff.cookie }))
        .status,
    ).toBe(204);
    cards = ((await (await server.api('/api/cards')).json()) as { cards: CardsIndex }).cards;
    expect(cards.countries.map((c) => c.code)).not.toContain('BR');
    expect((await server.api(`/api/sources/${source.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await server.api('/api/sources', { cookie: null })).status).toBe(401);
  });

  it('loads the sample pack once per database', async () => {
    const loaded = await server.server.sources.loadSamplePackOnce();
    expect(loaded).toBeGreaterThanOrEqual(5);
    expect(await server.server.sources.loadSamplePackOnce()).toBe(0);
    const list = await sources();
    expect(list.filter((s) => s.sample).length).toBe(loaded);
  });
});

describe('sources stored by an older card extractor', () => {
  it('are extracted again, once, so improvements reach them', async () => {
    const first = await startServer();
    const added = await first.api('/api/sources', {
      method: 'POST',
      body: JSON.stringify({ filename: 'lima.md', content: ARTICLE }),
    });
    expect(added.status).toBe(201);
    const { dataDir } = first;
    await first.close();

    // As an older engine left it: an earlier version, and no facts.
    const file = path.join(dataDir, 'briefdesk.sqlite');
    const stored = () => {
      const db = new Database(file, { readonly: true });
      try {
        const row = db.prepare('SELECT extracted FROM sources').get() as { extracted: string };
        return JSON.parse(row.extracted) as { version: number; document: { facts: unknown[] } };
      } finally {
        db.close();
      }
    };
    const old = stored();
    expect(old.version).toBe(EXTRACTOR_VERSION);
    expect(old.document.facts.length).toBeGreaterThan(0);
    const db = new Database(file);
    db.prepare('UPDATE sources SET extracted = ?').run(
      JSON.stringify({
        version: EXTRACTOR_VERSION - 1,
        document: { ...old.document, facts: [] },
      }),
    );
    db.close();

    const second = await startServer({ dataDir });
    try {
      const res = await second.api('/api/cards');
      const cards = ((await res.json()) as { cards: CardsIndex }).cards;
      const peru = cards.countries.find((c) => c.code === 'PE');
      expect(peru?.facts.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    const fresh = stored();
    expect(fresh.version).toBe(EXTRACTOR_VERSION);
    expect(fresh.document.facts).toEqual(old.document.facts);
  });
});
