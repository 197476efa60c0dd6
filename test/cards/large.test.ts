/**
 * A long upload is read the same as its parts, without work that grows with
 * the whole document for every name in it. The text is invented.
 */
import nlp from 'compromise';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyseText } from '../../server/cards/nlp.ts';
import { factsOf, extract } from './helpers.ts';

const FIRST = ['Sarah', 'Maria', 'David', 'Laura', 'Peter', 'Elena', 'James', 'Anna'];
const LAST = ['Hughes', 'Ortega', 'Kowalski', 'Brennan', 'Lindqvist', 'Moreau', 'Tanaka', 'Osei'];

function paragraph(i: number): string {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  return (
    `Kenya's grain stocks fell ${10 + i} percent in quarter ${i}, and ${name} told reporters ` +
    `that ${200 + i} trucks were waiting at the border. ${name} expects relief within weeks. ` +
    `"The roads north are still closed to us," she said.`
  );
}

const paragraphs = Array.from({ length: 48 }, (_, i) => paragraph(i));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a long document', () => {
  it('finds the same people, at the same words, as its paragraphs read alone', () => {
    const whole = paragraphs.join('\n\n');
    const doc = extract(whole);
    const people = factsOf(doc, 'person');
    const alone = paragraphs.flatMap((p) => factsOf(extract(p), 'person').map((f) => f.name));
    expect(people.map((p) => p.name).sort()).toEqual([...alone].sort());
    expect(people.length).toBeGreaterThan(40);
    for (const p of people) {
      expect(whole.slice(p.span.start, p.span.end)).toBe(p.name);
      expect(p.mentions).toBe(2);
    }
    // "she said" goes to the person named last before the quote, paragraph by paragraph.
    const speakers = factsOf(doc, 'quote').map((q) => q.speaker);
    const speakersAlone = paragraphs.flatMap((p) =>
      factsOf(extract(p), 'quote').map((q) => q.speaker),
    );
    expect(speakers).toHaveLength(paragraphs.length);
    expect(new Set(speakers).size).toBe(paragraphs.length);
    expect(speakers).toEqual(speakersAlone);
  });

  it("reads people's positions without recomputing the document's offsets per person", () => {
    const text = paragraphs.join('\n\n');
    const view = Object.getPrototypeOf(nlp('')) as { compute: (m: unknown) => unknown };
    const compute = vi.spyOn(view, 'compute');
    const block = analyseText(text, 0);
    expect(block.people.length).toBeGreaterThan(40);
    const offsetRuns = compute.mock.calls.filter(([m]) => m === 'offset').length;
    expect(offsetRuns).toBeLessThanOrEqual(2);
    for (const p of block.people) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
