/**
 * Facts whose sentence names no country, in a document that is clearly about
 * one country, go on that country's card; in a story shared by several, on
 * none. The articles are invented for these tests.
 */
import { describe, expect, it } from 'vitest';
import { buildCards, extractFacts, normaliseSource } from '../../server/cards/index.ts';
import { loadSamplePack } from '../../server/cards/samples/index.ts';
import { extract } from './helpers.ts';

function cardFacts(content: string, code: string): string[] {
  const card = buildCards([extract(content)]).countries.find((c) => c.code === code);
  return (card?.facts ?? []).map((f) =>
    f.kind === 'figure' ? f.raw : f.kind === 'person' ? f.name : f.kind === 'quote' ? f.text : '',
  );
}

const GHANA = [
  'Ghana Reaches Deal With Its Bondholders',
  '',
  'Accra, 3 June — Ghana agreed new terms with its private creditors on Tuesday after two years of talks.',
  '',
  'Inflation eased to 18.4 percent in May, the slowest pace in three years.',
  '',
  'Finance Minister Kwesi Addo said the government would hold spending flat next year. ' +
    '"The worst of the debt crisis is behind us," he told reporters.',
  '',
  'The European Union pledged 40 million euros for the port. ' +
    'Ghana will repay its bondholders over twelve years, and Ghana expects growth to pick up.',
].join('\n');

describe('facts of a document about one country', () => {
  it('puts figures, people and quotes naming no country on that country’s card', () => {
    const facts = cardFacts(GHANA, 'GH');
    expect(facts).toEqual(
      expect.arrayContaining([
        '18.4 percent',
        'Kwesi Addo',
        'The worst of the debt crisis is behind us,',
      ]),
    );
  });

  it('leaves out a person introduced in a sentence naming another country', () => {
    const text = `${GHANA}\n\nThe envoy Ana Ruiz Soto flew on to Mexico for talks.`;
    const facts = cardFacts(text, 'GH');
    expect(facts).toContain('Kwesi Addo');
    expect(facts).not.toContain('Ana Ruiz Soto');
  });

  it('does not guess between two countries that share the story', () => {
    const text = [
      'Port Talks Resume',
      '',
      'Peru and Chile reopened talks on a shared port on Monday. Peru wants lower fees, ' +
        'and Chile wants more berths.',
      '',
      'Cargo volumes rose 12 percent last year, and Trade Minister Lucía Paredes said the talks would last a week.',
    ].join('\n');
    const index = buildCards([extract(text)]);
    expect(index.countries.map((c) => c.code).sort()).toEqual(['CL', 'PE']);
    for (const card of index.countries) {
      const raws = card.facts.map((f) => (f.kind === 'figure' ? f.raw : ''));
      expect(raws).not.toContain('12 percent');
      expect(card.facts.map((f) => (f.kind === 'person' ? f.name : ''))).not.toContain(
        'Lucía Paredes',
      );
    }
  });

  it('adds nothing to the sample pack’s cards that does not name the card’s country', () => {
    const docs = loadSamplePack().map((s) => extractFacts(normaliseSource(s)));
    for (const card of buildCards(docs).countries)
      for (const f of card.facts)
        expect(f.countries, `${card.code}: ${f.excerpt}`).toContain(card.code);
  });
});
