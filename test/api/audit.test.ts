/**
 * The audit log names the briefs its entries are about — by their current
 * title while they exist, by the title recorded once deleted for good — and
 * records renames and marking changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditResponse } from '../../shared/api.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('the audit log and briefs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  async function call(path: string, init: RequestInit = {}, status = 200): Promise<unknown> {
    const res = await server.api(path, init);
    expect(res.status, `${init.method ?? 'GET'} ${path}: ${await res.clone().text()}`).toBe(status);
    return status === 204 ? null : res.json();
  }
  const patch = (id: string, body: object) =>
    call(`/api/briefs/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
  /** The brief's entries, oldest first. */
  const entries = async (id: string): Promise<AuditEntry[]> =>
    ((await call(`/api/audit?brief=${id}`)) as AuditResponse).entries.reverse();
  const changes = async (id: string) =>
    (await entries(id)).map((e) => [e.action, e.detail, e.actor]);

  it('records a rename and a marking change, only when the value changes', async () => {
    const brief = await server.createBrief('Lima talks');
    await patch(brief.id, { title: 'Lima talks' });
    // The default marking, set explicitly, is no change either.
    await patch(brief.id, { marking: 'DRAFT — INTERNAL' });
    expect(await changes(brief.id)).toEqual([]);

    await patch(brief.id, { title: 'Lima talks: day two' });
    await patch(brief.id, { marking: 'OFFICIAL' });
    await patch(brief.id, { title: 'Lima talks: day two', marking: 'OFFICIAL' });
    await patch(brief.id, { title: 'Lima, day three', marking: 'OFFICIAL-SENSITIVE' });
    expect(await changes(brief.id)).toEqual([
      ['brief.renamed', { from: 'Lima talks', to: 'Lima talks: day two' }, 'Administrator'],
      ['brief.marking_changed', { from: 'DRAFT — INTERNAL', to: 'OFFICIAL' }, 'Administrator'],
      ['brief.renamed', { from: 'Lima talks: day two', to: 'Lima, day three' }, 'Administrator'],
      ['brief.marking_changed', { from: 'OFFICIAL', to: 'OFFICIAL-SENSITIVE' }, 'Administrator'],
    ]);
  });

  it('records renames and marking changes sent at once as one chain each', async () => {
    const brief = await server.createBrief('Panama transit');
    const titles = Array.from({ length: 8 }, (_, i) => `Panama transit ${i + 1}`);
    const markings = Array.from({ length: 8 }, (_, i) => `OFFICIAL ${i + 1}`);
    await Promise.all([
      ...titles.map((title) => patch(brief.id, { title })),
      ...markings.map((marking) => patch(brief.id, { marking })),
    ]);
    const all = await entries(brief.id);
    // Following from → to from the first value visits every value once.
    const chain = (action: string, first: string): string[] => {
      const next = new Map(
        all
          .filter((e) => e.action === action)
          .map((e) => [(e.detail as { from: string }).from, (e.detail as { to: string }).to]),
      );
      const visited: string[] = [];
      for (let at = next.get(first); at !== undefined && visited.length <= 8; at = next.get(at)) {
        visited.push(at);
      }
      return visited.sort();
    };
    expect(chain('brief.renamed', 'Panama transit')).toEqual([...titles].sort());
    expect(chain('brief.marking_changed', 'DRAFT — INTERNAL')).toEqual([...markings].sort());
  });

  it('names each entry’s brief by its current title, through the trash and after', async () => {
    const brief = await server.createBrief('Quito visit');
    const other = await server.createBrief('Bogotá visit');
    await patch(brief.id, { title: 'Quito visit (final)' });
    const briefs = (list: AuditEntry[]) => list.map((e) => [e.action, e.briefTitle, e.briefState]);

    // Live: every entry, even the one recorded under the old title, shows the current one.
    expect(briefs(await entries(brief.id))).toEqual([
      ['brief.renamed', 'Quito visit (final)', 'live'],
    ]);

    await call(`/api/briefs/${brief.id}`, { method: 'DELETE' }, 204);
    expect(briefs(await entries(brief.id))).toEqual([
      ['brief.renamed', 'Quito visit (final)', 'trashed'],
      ['brief.trashed', 'Quito visit (final)', 'trashed'],
    ]);

    // Deleted for good: the title the entry recorded, when it recorded one.
    await call(`/api/trash/${brief.id}`, { method: 'DELETE' }, 204);
    expect(briefs(await entries(brief.id))).toEqual([
      ['brief.renamed', null, 'deleted'],
      ['brief.trashed', 'Quito visit (final)', 'deleted'],
      ['brief.deleted', 'Quito visit (final)', 'deleted'],
    ]);

    // One page, mixing entries about no brief and about different briefs.
    await patch(other.id, { title: 'Bogotá visit (final)' });
    const page = ((await call('/api/audit?limit=500')) as AuditResponse).entries;
    expect(page.find((e) => e.briefId === other.id)).toMatchObject({
      briefTitle: 'Bogotá visit (final)',
      briefState: 'live',
    });
    expect(page.find((e) => e.action === 'login')).toMatchObject({
      briefId: null,
      briefTitle: null,
      briefState: null,
    });
  });
});
