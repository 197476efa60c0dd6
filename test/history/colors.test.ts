/**
 * Author colours in a compare (shared/colors.ts distinctColors): two people
 * whose names hash to the same presence colour still get different ones.
 */
import { describe, expect, it } from 'vitest';
import { colorForName, distinctColors, PRESENCE_COLORS } from '../../shared/colors.ts';

describe('distinctColors', () => {
  it('gives two names that hash alike different colours, the first in name order its own', () => {
    // Found by the history audit: both hash to the same pink.
    expect(colorForName('Mara Manager')).toBe(colorForName('Chloé Writer'));
    const colors = distinctColors([
      { id: 'm', name: 'Mara Manager' },
      { id: 'c', name: 'Chloé Writer' },
    ]);
    expect(colors.get('c')).toBe(colorForName('Chloé Writer'));
    expect(colors.get('m')).not.toBe(colors.get('c'));
  });

  it('is the same whatever order the people come in', () => {
    const people = ['Ana', 'Ben', 'Chloé Writer', 'Mara Manager', 'Dev'].map((name, i) => ({
      id: String(i),
      name,
    }));
    const forward = distinctColors(people);
    const backward = distinctColors([...people].reverse());
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
    expect(new Set(forward.values()).size).toBe(people.length);
  });

  it('uses every colour once before any repeats', () => {
    const people = Array.from({ length: PRESENCE_COLORS.length + 1 }, (_, i) => ({
      id: `u${i}`,
      name: `Person ${i}`,
    }));
    const colors = [...distinctColors(people).values()];
    expect(colors).toHaveLength(PRESENCE_COLORS.length + 1);
    expect(new Set(colors).size).toBe(PRESENCE_COLORS.length);
  });
});
