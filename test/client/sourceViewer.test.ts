/** Finding a cited passage in its source's text (client/sidebar/SourceViewer.tsx). */
import { describe, expect, it } from 'vitest';
import { findPassage } from '../../client/sidebar/SourceViewer.tsx';

describe('findPassage', () => {
  const text =
    'Officials met on Monday.\nExports rose 12 percent\nin 2024, a record. (Prices fell.)';

  it('finds an exact passage, and one whose line breaks differ', () => {
    expect(findPassage(text, 'Officials met on Monday.')).toEqual({ start: 0, end: 24 });
    const at = findPassage(text, 'Exports rose 12 percent in 2024, a record.');
    expect(at).not.toBeNull();
    expect(text.slice(at!.start, at!.end)).toBe('Exports rose 12 percent\nin 2024, a record.');
  });

  it('treats the passage as text, not a pattern, and says when it is not there', () => {
    expect(findPassage(text, '(Prices fell.)')).not.toBeNull();
    expect(findPassage(text, 'Imports fell.')).toBeNull();
    expect(findPassage(text, '   ')).toBeNull();
  });
});
