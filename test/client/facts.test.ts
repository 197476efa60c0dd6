/**
 * How a card sorts its facts into sections: a year reported in a source
 * dates an event, so it is listed under Dates rather than among the key
 * figures, where "2023" would read as a quantity.
 */
import { describe, expect, it } from 'vitest';
import type {
  AgreementFact,
  Fact,
  FigureCategory,
  FigureFact,
  PersonFact,
} from '../../shared/cards.ts';
import {
  agreementTitle,
  roleLabel,
  factSearchText,
  factSummary,
  groupFacts,
} from '../../client/sidebar/facts.ts';

const base = {
  source: { documentId: 'doc', start: 0, end: 10 },
  span: { start: 0, end: 10 },
  countries: [],
  regions: [],
  issues: [],
};

function figure(id: string, raw: string, category: FigureCategory, measure: string): FigureFact {
  return {
    ...base,
    id,
    kind: 'figure',
    excerpt: `${raw} ${measure}`,
    value: Number(raw.replace(/\D/g, '')),
    category,
    unit: category === 'year' ? 'year' : '',
    measure,
    raw,
  };
}

const person: PersonFact = {
  ...base,
  id: 'p',
  kind: 'person',
  excerpt: 'Minister Ruiz said',
  name: 'Carla Ruiz',
  title: 'Minister',
  country: null,
  countryVia: null,
  mentions: 1,
};

describe('card sections', () => {
  it('lists years under Dates, after the key figures, and keeps every fact once', () => {
    const facts: Fact[] = [
      figure('y', '2023', 'year', 'asylum seekers turned away'),
      person,
      figure('n', '2,300', 'count', 'migrants detained'),
      figure('pc', '53%', 'percent', 'increase in coca production'),
    ];
    const sections = groupFacts(facts);
    expect(sections.map((s) => [s.label, s.facts.map((f) => f.id)])).toEqual([
      ['Key figures', ['n', 'pc']],
      ['Dates', ['y']],
      ['People', ['p']],
    ]);
  });

  it('shows no Dates section when no figure is a year', () => {
    const sections = groupFacts([figure('n', '40%', 'percent', 'of crops lost')]);
    expect(sections.map((s) => s.label)).toEqual(['Key figures']);
  });
});

describe('an agreement’s heading', () => {
  function agreement(name: string | null, description: string | null | undefined): AgreementFact {
    return {
      ...base,
      id: 'a',
      kind: 'agreement',
      excerpt: 'The two governments signed it.',
      name,
      description: description as string | null,
      parties: ['US', 'EC'],
    };
  }

  it('is its name, else what the source calls it, else "Agreement"', () => {
    expect(agreementTitle(agreement('Safe Third Country Agreement', null))).toBe(
      'Safe Third Country Agreement',
    );
    const sofa = agreement(null, 'status of forces agreement');
    expect(agreementTitle(sofa)).toBe('Status of forces agreement');
    expect(factSummary(sofa)).toBe('Status of forces agreement');
    expect(factSearchText(sofa)).toContain('status of forces agreement');
    expect(agreementTitle(agreement(null, null))).toBe('Agreement');
    // Stored by an extractor before descriptions existed.
    expect(agreementTitle(agreement(null, undefined))).toBe('Agreement');
  });
});

describe('roleLabel', () => {
  it('labels a title in sentence case, whatever case the source wrote it in', () => {
    expect(roleLabel('former president')).toBe('Former president');
    expect(roleLabel('senator')).toBe('Senator');
    expect(roleLabel('European Commission President')).toBe('European Commission President');
    expect(roleLabel('')).toBe('');
  });
});
