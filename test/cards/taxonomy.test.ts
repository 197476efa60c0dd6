import { describe, expect, it } from 'vitest';
import { parseTaxonomy, TaxonomyError } from '../../server/cards/issues.ts';
import { taxonomy } from '../../server/cards/index.ts';
import { extract, factsOf } from './helpers.ts';

const REQUIRED = [
  'migration',
  'border-security',
  'organized-crime',
  'counter-narcotics',
  'trade-investment',
  'china-influence',
  'democratic-governance',
  'human-rights',
  'humanitarian-crisis',
  'security-cooperation',
  'climate-environment',
  'public-health',
  'cybersecurity',
  'terrorism',
  'energy',
  'maritime',
  'sanctions',
];

describe('taxonomy', () => {
  it('has every required issue with a label, a description and terms', () => {
    const ids = taxonomy.issues.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    for (const i of taxonomy.issues) {
      expect(i.label.length).toBeGreaterThan(2);
      expect(i.description.length).toBeGreaterThan(10);
      expect(i.terms.length).toBeGreaterThan(0);
    }
    expect(taxonomy.actionCues).toEqual(
      expect.arrayContaining(['should', 'must', 'needs to', 'calls for']),
    );
  });

  it('rejects a malformed taxonomy with a named error', () => {
    expect(() =>
      parseTaxonomy({ issues: [{ id: 'Bad Id', label: 'x', description: 'y', terms: [] }] }),
    ).toThrow(TaxonomyError);
    expect(() =>
      parseTaxonomy({ issues: [{ id: 'ok', label: 'x', description: 'y', terms: 'migra*' }] }),
    ).toThrow(/terms must be an array/);
  });
});

describe('figures in news copy', () => {
  it('reads troop counts, money with a multiplier, percentages and years', () => {
    const doc = extract(
      'In 2024 Ecuador asked for 1,200 troops and $1.2 billion in security aid after homicides rose 75% in a single year.',
    );
    const figures = factsOf(doc, 'figure');
    expect(figures.find((f) => f.value === 1200)).toMatchObject({
      category: 'count',
      unit: 'troops',
    });
    expect(figures.find((f) => f.value === 1.2e9)).toMatchObject({
      category: 'money',
      unit: 'USD',
    });
    expect(figures.find((f) => f.value === 1.2e9)?.measure).toContain('security aid');
    expect(figures.find((f) => f.value === 75)).toMatchObject({ category: 'percent' });
    expect(figures.find((f) => f.value === 75)?.measure).toContain('homicides');
    expect(figures.find((f) => f.value === 2024)).toMatchObject({ category: 'year' });
    expect(figures.every((f) => f.countries.includes('EC'))).toBe(true);
  });
});
