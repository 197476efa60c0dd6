import { describe, expect, it } from 'vitest';
import { extract, factsOf, issuesOf } from './helpers.ts';

// An invented readout, written for these tests.
const READOUT = [
  'Southern Cone ministers meet on minerals',
  '',
  'Trade ministers from Brazil, Chile and Argentina met in Montevideo on Tuesday to discuss tariffs on lithium exports.',
  '',
  'Brazil\'s Foreign Minister Ana Lima said the talks were "a first step toward a common market for critical minerals." Chilean President Rodrigo Vargas welcomed the plan. "We cannot afford another decade of fragmented supply chains," he said.',
  '',
  'The three governments signed a Memorandum of Understanding on Critical Minerals. It commits them to cut non-tariff barriers by 40 percent by 2030. Argentina pledged $1.2 billion in port upgrades, while Chile will train 2,500 customs officers.',
  '',
  'Country | Commitment | Amount',
  '--- | --- | ---',
  'Brazil | Customs digitalisation | $300 million',
  'Chile | Lithium processing hub | US$450 million',
  'Argentina | Port upgrades | €1.1bn',
].join('\n');

describe('facts', () => {
  const doc = extract(READOUT, 'text', 'readout');

  it('cites every fact by offsets into the normalised text', () => {
    expect(doc.facts.length).toBeGreaterThan(8);
    for (const f of doc.facts) {
      expect(f.source.documentId).toBe('readout');
      expect(doc.text.slice(f.source.start, f.source.end)).toBe(f.excerpt);
      expect(f.span.start).toBeGreaterThanOrEqual(f.source.start);
      expect(f.span.end).toBeLessThanOrEqual(f.source.end);
      expect(f.id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(doc.facts.map((f) => f.id)).size).toBe(doc.facts.length);
  });

  it('reads percentages, money, counts and years with what they measure', () => {
    const figures = factsOf(doc, 'figure');
    const find = (value: number) => figures.find((f) => f.value === value);
    expect(find(40)).toMatchObject({ category: 'percent', unit: '%' });
    expect(find(40)?.measure).toContain('barriers');
    expect(find(1.2e9)).toMatchObject({ category: 'money', unit: 'USD', raw: '$1.2 billion' });
    expect(find(1.2e9)?.measure).toContain('port upgrades');
    expect(find(2500)).toMatchObject({ category: 'count', unit: 'customs officers' });
    expect(find(2030)).toMatchObject({ category: 'year', unit: 'year' });
    expect(find(3e8)).toMatchObject({
      category: 'money',
      unit: 'USD',
      measure: 'Customs digitalisation',
    });
    expect(find(4.5e8)).toMatchObject({ category: 'money', unit: 'USD' });
    expect(find(1.1e9)).toMatchObject({ category: 'money', unit: 'EUR', measure: 'Port upgrades' });
    expect(find(1.2e9)?.countries).toContain('AR');
  });

  it('attributes quotes to named speakers and resolves "he said"', () => {
    const quotes = factsOf(doc, 'quote');
    const lima = quotes.find((q) => q.text.startsWith('a first step'));
    expect(lima).toMatchObject({ speaker: 'Ana Lima', speakerCountry: 'BR' });
    const vargas = quotes.find((q) => q.text.startsWith('We cannot afford'));
    expect(vargas).toMatchObject({ speaker: 'Rodrigo Vargas', speakerCountry: 'CL' });
  });

  it('finds agreements with their name and parties', () => {
    const [mou, ...rest] = factsOf(doc, 'agreement');
    expect(rest).toHaveLength(0);
    expect(mou.name).toBe('Memorandum of Understanding on Critical Minerals');
    expect(mou.parties).toEqual(expect.arrayContaining(['AR', 'BR', 'CL']));
  });

  it('turns table rows into facts keyed by header, with the row’s country', () => {
    const rows = factsOf(doc, 'table-row');
    expect(rows.map((r) => r.country)).toEqual(['BR', 'CL', 'AR']);
    expect(rows[1].cells).toEqual({
      Country: 'Chile',
      Commitment: 'Lithium processing hub',
      Amount: 'US$450 million',
    });
    expect(rows[0].header).toEqual(['Country', 'Commitment', 'Amount']);
  });

  it('reads HTML tables too', () => {
    const html = extract(
      '<table><tr><th>Country</th><th>Focus</th></tr><tr><td>Honduras</td><td>Gang violence</td></tr><tr><td>Panama</td><td>Migration flows</td></tr></table>',
      'html',
    );
    const rows = factsOf(html, 'table-row');
    expect(rows.map((r) => [r.country, r.cells.Focus])).toEqual([
      ['HN', 'Gang violence'],
      ['PA', 'Migration flows'],
    ]);
    expect(issuesOf(html, 'HN')).toEqual(['organized-crime']);
    expect(issuesOf(html, 'PA')).toEqual(['migration']);
  });

  it('gives the same ids when the same text is extracted again', () => {
    const again = extract(READOUT);
    const first = extract(READOUT);
    expect(again.documentId).toBe(first.documentId);
    expect(again.facts.map((f) => f.id)).toEqual(first.facts.map((f) => f.id));
  });
});

describe('issue links', () => {
  it('ties a country to an issue only when a sentence ties them', () => {
    const doc = extract(
      'Peru expanded its coca eradication programme. Separately, Bolivia hosted a climate conference on deforestation.',
    );
    expect(issuesOf(doc, 'PE')).toEqual(['counter-narcotics']);
    expect(issuesOf(doc, 'BO')).toEqual(['climate-environment']);
  });

  it('carries the subject into "This…" sentences and into list items under a lead-in', () => {
    const doc = extract(
      [
        'Costa Rica signed a new asylum arrangement last week. This framework also covers deportation flights.',
        '',
        'Honduras set out three priorities:',
        '- Gang violence in the cities.',
        '- Hurricane recovery.',
      ].join('\n'),
    );
    expect(issuesOf(doc, 'CR')).toEqual(['migration']);
    expect(issuesOf(doc, 'HN')).toEqual(['climate-environment', 'organized-crime']);
  });

  it('gives a list the subject of the paragraph whose lead-in names no country', () => {
    const doc = extract(
      [
        'Guatemala’s cabinet met the visiting delegation on Monday. Ministers will now present measures that focus on:',
        '- Gang violence in the cities.',
        '- Hurricane recovery.',
      ].join('\n'),
    );
    expect(issuesOf(doc, 'GT')).toEqual(['climate-environment', 'organized-crime']);
  });

  it('links a country named in a labelled item only to issues in its own phrase', () => {
    const doc = extract(
      '- Dominican Republic: discussing Haiti’s humanitarian crisis and joint counter-narcotics patrols.',
    );
    expect(issuesOf(doc, 'DO')).toEqual(['counter-narcotics', 'humanitarian-crisis']);
    expect(issuesOf(doc, 'HT')).toEqual(['humanitarian-crisis']);
  });

  it('collects recommended actions with their source', () => {
    const doc = extract(
      'Washington should expand intelligence sharing with Ecuador against cartels. The weather was mild.',
    );
    expect(doc.recommendedActions).toHaveLength(1);
    const [a] = doc.recommendedActions;
    expect(a.issues).toEqual(expect.arrayContaining(['security-cooperation', 'counter-narcotics']));
    expect(a.countries.sort()).toEqual(['EC', 'US']);
    expect(doc.text.slice(a.source.start, a.source.end)).toBe(a.text);
  });
});
