import { describe, expect, it } from 'vitest';
import { buildCards, rankCardsForText, taxonomy } from '../../server/cards/index.ts';
import { loadSamplePack } from '../../server/cards/samples/index.ts';
import { extractFacts, normaliseSource } from '../../server/cards/index.ts';
import { extract } from './helpers.ts';

const A = [
  'Guatemala and Honduras agreed on Friday to open joint border posts against drug trafficking.',
  'Guatemalan Interior Minister Carla Ruiz said 2,300 migrants were detained at the crossing in January.',
].join(' ');
const B =
  'Honduras asked for emergency aid after a hurricane. Officials in Tegucigalpa said 40% of crops were lost.';

describe('buildCards', () => {
  const docs = [extract(A, 'text', 'a'), extract(B, 'text', 'b')];
  const index = buildCards(docs);

  it('builds country cards with flag, ranked issues, facts and sources', () => {
    const hn = index.countries.find((c) => c.code === 'HN');
    expect(hn).toBeDefined();
    expect(hn?.name).toBe('Honduras');
    expect(hn?.flag).toBe('🇭🇳');
    expect(hn?.sources).toEqual(['a', 'b']);
    expect(hn?.issues.map((i) => i.id)).toEqual(
      expect.arrayContaining(['border-security', 'counter-narcotics', 'humanitarian-crisis']),
    );
    const scores = hn?.issues.map((i) => i.score) ?? [];
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(hn?.facts.some((f) => f.kind === 'figure' && f.value === 40)).toBe(true);
    const gt = index.countries.find((c) => c.code === 'GT');
    expect(gt?.facts.some((f) => f.kind === 'person' && f.name === 'Carla Ruiz')).toBe(true);
  });

  it('builds issue cards with ranked countries and facts', () => {
    const migration = index.issues.find((i) => i.id === 'migration');
    expect(migration?.label).toBe('Migration');
    expect(migration?.countries).toContain('GT');
    expect(migration?.facts.some((f) => f.kind === 'figure' && f.value === 2300)).toBe(true);
    for (const card of index.issues) expect(taxonomy.issues.map((i) => i.id)).toContain(card.id);
  });

  it('puts a table row tagged with an issue on that issue’s card, and no person', () => {
    const table = buildCards([
      extract(
        [
          '# Partners at a glance',
          '',
          '| Country | Programme |',
          '| --- | --- |',
          '| Panama | Migration screening at the Darién crossing |',
          '| Ecuador | Port security against cocaine trafficking |',
        ].join('\n'),
        'markdown',
        't',
      ),
    ]);
    const rowsOn = (issue: string) =>
      (table.issues.find((i) => i.id === issue)?.facts ?? []).filter((f) => f.kind === 'table-row');
    const country = (code: string) =>
      table.countries.find((c) => c.code === code)?.facts.filter((f) => f.kind === 'table-row');
    // The country card's row and the issue card's are the same fact.
    expect(rowsOn('migration').map((f) => f.id)).toEqual(country('PA')?.map((f) => f.id));
    expect(rowsOn('counter-narcotics').map((f) => f.id)).toEqual(country('EC')?.map((f) => f.id));
    expect(rowsOn('migration')).toHaveLength(1);
    // People stay on their country's card only.
    for (const card of index.issues)
      expect(card.facts.some((f) => f.kind === 'person')).toBe(false);
  });

  it('is idempotent: the same document twice, or in another order, gives the same cards', () => {
    const again = buildCards([docs[1], docs[0], extract(A, 'text', 'a')]);
    expect(again).toEqual(index);
    const byHash = [extract(A), extract(A)];
    expect(byHash[0].documentId).toBe(byHash[1].documentId);
    expect(buildCards(byHash)).toEqual(buildCards([byHash[0]]));
  });

  it('builds region cards', () => {
    const idx = buildCards([
      extract('Central America faces more hurricanes and drought as the climate warms.'),
    ]);
    expect(idx.countries).toEqual([]);
    expect(idx.regions.map((r) => r.id)).toEqual(['central-america']);
    expect(idx.regions[0].issues.map((i) => i.id)).toEqual(['climate-environment']);
  });
});

describe('rankCardsForText', () => {
  const index = buildCards(loadSamplePack().map((s) => extractFacts(normaliseSource(s))));

  it('ranks the countries and issues a brief discusses', () => {
    const ranked = rankCardsForText(
      index,
      'Options for Colombia: coca cultivation keeps rising and decertification is on the table. Colombia also matters for migration through the Darién.',
    );
    expect(ranked.countries[0]).toMatchObject({ id: 'CO', label: 'Colombia', mentions: 2 });
    expect(ranked.issues[0].id).toBe('counter-narcotics');
    expect(ranked.issues.map((i) => i.id)).toContain('migration');
    expect(ranked.countries.every((c, i, a) => i === 0 || a[i - 1].score >= c.score)).toBe(true);
  });

  it('returns only cards the index has, and nothing for an empty brief', () => {
    expect(rankCardsForText(index, '')).toEqual({ countries: [], issues: [] });
    const r = rankCardsForText(index, 'Norway and Japan discussed fisheries.');
    expect(r.countries).toEqual([]);
  });

  it('takes under 5 ms for a 5,000-word brief, and less while one paragraph is edited', () => {
    const places = [
      'Mexico',
      'Guatemala',
      'Honduras',
      'Panama',
      'Colombia',
      'Peru',
      'Chile',
      'Ecuador',
    ];
    // Distinct paragraphs each round, so the paragraph cache cannot help the cold runs.
    const brief = (round: number): string =>
      Array.from({ length: 60 }, (_, i) => {
        const a = places[i % places.length];
        const b = places[(i + 3) % places.length];
        return `Section ${round}.${i}. The brief reviews security cooperation with ${a} and ${b}, migration flows through the Darién, coca eradication targets, tariff disputes over copper exports, and the influence of Chinese-backed ports on the Pacific coast. It weighs how ${a}'s police reforms, drought relief and anti-corruption courts affect the partnership, and what the embassy in ${b} reports on gang violence, asylum requests and public health. Officials want options before the summit, with costs, risks and timelines for each of the measures listed in this section of the paper.`;
      }).join('\n\n');
    expect(brief(0).split(/\s+/).length).toBeGreaterThanOrEqual(5000);
    // CPU time, not wall time: the suite shares two cores with other test files.
    const cpuMs = (f: () => void): number => {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    for (let r = 0; r < 10; r++) rankCardsForText(index, brief(-1 - r)); // warm up the JIT
    const cold: number[] = [];
    for (let r = 0; r < 20; r++) {
      const text = brief(r);
      cold.push(cpuMs(() => rankCardsForText(index, text)));
    }
    const base = brief(100);
    rankCardsForText(index, base);
    const editing: number[] = [];
    for (let r = 0; r < 8; r++) {
      const edited = base.replace('Section 100.7.', `Section 100.7 (draft ${r}).`);
      editing.push(cpuMs(() => rankCardsForText(index, edited)));
    }
    const best = (xs: number[]): number => Math.min(...xs);
    console.log(
      `rankCardsForText, 5,000 words: cold ${best(cold).toFixed(2)} ms, one paragraph edited ${best(editing).toFixed(2)} ms (CPU)`,
    );
    expect(best(cold)).toBeLessThan(5);
    expect(best(editing)).toBeLessThan(best(cold));
  });
});
