import { describe, expect, it } from 'vitest';
import { segment } from '../../server/cards/segment.ts';

function sentences(text: string): string[] {
  return segment(text).units.map((u) => text.slice(u.start, u.end));
}

describe('segment: dotted initialisms', () => {
  it.each([
    [
      'Remittances kept flowing back from the U.S. In February they rose again.',
      ['Remittances kept flowing back from the U.S.', 'In February they rose again.'],
    ],
    [
      'The envoy flew home to the U.K. It was her third visit this year.',
      ['The envoy flew home to the U.K.', 'It was her third visit this year.'],
    ],
    [
      'The accord was signed in Washington, D.C. The ministers then left for Ottawa.',
      ['The accord was signed in Washington, D.C.', 'The ministers then left for Ottawa.'],
    ],
    [
      'The resolution now goes to the U.N. Its vote is expected in May.',
      ['The resolution now goes to the U.N.', 'Its vote is expected in May.'],
    ],
  ])('ends a sentence on "U.S." when a sentence opener follows: %s', (text, want) => {
    expect(sentences(text)).toEqual(want);
  });

  it.each([
    'U.S. officials said the talks in Asunción went well.',
    'She met U.S. Secretary of State Marco Rubio in Panama on Sunday.',
    'The U.S. Navy will send two ships to the Caribbean.',
    'Funding from the U.S. Agency for International Development was cut by half.',
    'Critics of the U.S. China policy met in Geneva.',
    'Washington, D.C. Mayor Muriel Bowser welcomed the delegation.',
  ])('keeps a name or phrase that continues after "U.S." together: %s', (text) => {
    expect(sentences(text)).toEqual([text]);
  });
});
