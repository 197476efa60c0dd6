/**
 * GET /api/briefs/:id/export.pdf against the real server: the current text,
 * an old revision, paper sizes, role checks and JSON errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { briefSchema, DOCUMENT_FIELD } from '../../shared/schema/index.ts';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { insertText } from '../helpers/prosemirror.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';
import { allText, readPdf, saveArtifacts } from './pdfText.ts';

describe('PDF export route', () => {
  let server: TestServer;
  let client: TestClient;
  let briefId: string;
  let v1: number;
  let viewer: { cookie: string };
  let outsider: { cookie: string };

  beforeAll(async () => {
    server = await startServer();
    briefId = (await server.createBrief('Secretary’s trip — Bogotá and Asunción')).id;
    client = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    await waitSynced(client);
    prosemirrorJSONToYXmlFragment(
      briefSchema(),
      {
        type: 'doc',
        content: [
          {
            type: 'heading',
            attrs: { level: 1 },
            content: [{ type: 'text', text: 'Purpose of the visit' }],
          },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'President Santiago Peña of Paraguay hosts the talks. ' },
              {
                type: 'citation',
                attrs: {
                  sourceId: 'src-1',
                  sourceTitle: 'Asunción readout',
                  excerpt: 'Peña hosted…',
                  factId: null,
                },
              },
            ],
          },
        ],
      },
      client.doc.getXmlFragment(DOCUMENT_FIELD),
    );
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), client.doc));
    const res = await server.api(`/api/briefs/${briefId}/revisions`, {
      method: 'POST',
      body: '{"name":"First draft"}',
    });
    v1 = ((await res.json()) as { revision: { id: number } }).revision.id;
    insertText(client.doc, 1, 0, 'UPDATED LATER. ');
    await waitFor(async () => sameState(await storedDoc(server.storage, briefId), client.doc));
    await server.api(`/api/briefs/${briefId}`, {
      method: 'PATCH',
      body: JSON.stringify({ marking: 'SENSITIVE — DO NOT FORWARD' }),
    });
    const v = await server.createUser('vera');
    const o = await server.createUser('omar');
    await server.api(`/api/briefs/${briefId}/members/${v.user.id}`, {
      method: 'PUT',
      body: '{"role":"viewer"}',
    });
    viewer = v;
    outsider = o;
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('exports the current text as a PDF named after the title', async () => {
    const res = await server.api(`/api/briefs/${briefId}/export.pdf?toc=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="Secretarys-trip-Bogota-and-Asuncion\.pdf"/,
    );
    const pdf = new Uint8Array(await res.arrayBuffer());
    saveArtifacts('route-current', pdf);
    const pages = await readPdf(pdf);
    const text = allText(pages);
    expect(text).toContain('Bogotá and Asunción');
    expect(text).toContain('UPDATED LATER.');
    expect(text).toContain('Santiago Peña');
    expect(text).toContain('SENSITIVE — DO NOT FORWARD');
    expect(text).toContain('Asunción readout');
    expect(text).toMatch(/Page 1 of \d/);
    expect(pages[0].width).toBeCloseTo(612, 0);
  });

  it('exports an old revision as it was, on A4', async () => {
    const res = await server.api(`/api/briefs/${briefId}/export.pdf?revision=${v1}&paper=a4`);
    expect(res.status).toBe(200);
    const pages = await readPdf(new Uint8Array(await res.arrayBuffer()));
    const text = allText(pages);
    expect(text).toContain('Santiago Peña');
    expect(text).not.toContain('UPDATED LATER.');
    expect(text).toContain(`r${v1}`);
    expect(pages[0].width).toBeCloseTo(595, 0);
  });

  it('answers errors as JSON: 404 unknown, 403 no permission, 400 bad parameters', async () => {
    const cases: Array<[string, string | null | undefined, number]> = [
      [`/api/briefs/AAAAAAAAAAAAAAAA/export.pdf`, undefined, 404],
      [`/api/briefs/${briefId}/export.pdf?revision=99999`, undefined, 404],
      [`/api/briefs/${briefId}/export.pdf?paper=tabloid`, undefined, 400],
      [`/api/briefs/${briefId}/export.pdf?toc=yes`, undefined, 400],
      [`/api/briefs/${briefId}/export.pdf?revision=abc`, undefined, 400],
      [`/api/briefs/${briefId}/export.pdf?revision=-1`, undefined, 400],
      [`/api/briefs/${briefId}/export.pdf`, outsider.cookie, 403],
      [`/api/briefs/${briefId}/export.pdf?revision=${v1}`, viewer.cookie, 403],
      [`/api/briefs/${briefId}/export.pdf`, null, 401],
    ];
    for (const [path, cookie, status] of cases) {
      const res = await server.api(path, { cookie });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    // A viewer may export the current version.
    expect(
      (await server.api(`/api/briefs/${briefId}/export.pdf`, { cookie: viewer.cookie })).status,
    ).toBe(200);
  });

  it('prints a version from before the approval as a draft, not as back in review', async () => {
    const saved = await server.api(`/api/briefs/${briefId}/revisions`, {
      method: 'POST',
      body: '{"name":"Final"}',
    });
    const final = ((await saved.json()) as { revision: { id: number } }).revision.id;
    const approved = await server.api(`/api/briefs/${briefId}/revisions/${final}/approve`, {
      method: 'POST',
    });
    expect(approved.status).toBe(200);
    const status = async (query: string) =>
      allText(
        await readPdf(
          new Uint8Array(
            await (await server.api(`/api/briefs/${briefId}/export.pdf?${query}`)).arrayBuffer(),
          ),
        ),
      );
    const old = await status(`revision=${v1}`);
    expect(old).toContain('Draft');
    expect(old).not.toContain('In review');
    expect(await status(`revision=${final}`)).toContain('Approved');
  });

  it('records exports in the audit log', async () => {
    const res = await server.api(`/api/audit?brief=${briefId}`);
    const { entries } = (await res.json()) as { entries: Array<{ action: string }> };
    expect(entries.filter((e) => e.action === 'brief.exported').length).toBeGreaterThanOrEqual(2);
  });
});
