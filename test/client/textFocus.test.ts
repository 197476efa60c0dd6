import { describe, expect, it } from 'vitest';
import { TextFocus } from '../../client/editor/textFocus.ts';

describe('TextFocus', () => {
  it('focuses at once when the editor is there, and waits for it when it is not', () => {
    const focus = new TextFocus();
    const calls: string[] = [];
    focus.request(); // Enter in the title before the document has opened
    expect(calls).toEqual([]);
    const detach = focus.attach(() => calls.push('first'));
    expect(calls).toEqual(['first']);
    focus.request();
    expect(calls).toEqual(['first', 'first']);
    detach();
    focus.request();
    expect(calls).toEqual(['first', 'first']);
    focus.attach(() => calls.push('second'));
    expect(calls).toEqual(['first', 'first', 'second']);
  });

  it('does not replay a request an attached editor already took', () => {
    const focus = new TextFocus();
    let count = 0;
    const detach = focus.attach(() => count++);
    focus.request();
    detach();
    focus.attach(() => count++);
    expect(count).toBe(1);
  });
});
