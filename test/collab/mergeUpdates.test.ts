/**
 * Many updates are merged in groups (server/collab/mergeUpdates.ts) rather
 * than in one Y.mergeUpdates call, which is quadratic in the number of
 * updates. The result must mean exactly what one call's does.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mergeInGroups } from '../../server/collab/mergeUpdates.ts';
import { createRng, seedFrom } from '../helpers/random.ts';

/**
 * `count` updates as one connection sends them: its own edits, and now and
 * then what it received from two other peers.
 */
function sentUpdates(seed: number, count: number): Uint8Array[] {
  const rng = createRng(seed);
  const peers = [1, 2, 3].map((client) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    return doc;
  });
  const sent: Uint8Array[] = [];
  peers[0].on('update', (update: Uint8Array) => sent.push(update));
  while (sent.length < count) {
    const doc = rng.chance(0.6) ? peers[0] : rng.pick(peers);
    const text = doc.getText('t');
    if (text.length > 0 && rng.chance(0.3)) {
      const at = rng.int(text.length);
      text.delete(at, Math.min(1 + rng.int(4), text.length - at));
    } else {
      text.insert(rng.int(text.length + 1), rng.pick(['a', 'bc', 'ñ', '😀', ' word']));
    }
    if (rng.chance(0.2)) {
      const other = rng.pick(peers);
      Y.applyUpdate(peers[0], Y.encodeStateAsUpdate(other, Y.encodeStateVector(peers[0])));
    }
  }
  return sent.slice(0, count);
}

function stateOf(update: Uint8Array): { text: string; state: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return { text: doc.getText('t').toString(), state: Y.encodeStateAsUpdate(doc) };
}

describe('mergeInGroups', () => {
  it('means what one Y.mergeUpdates of the whole run means', () => {
    const base = seedFrom('MERGE_SEED', 'merge in groups');
    for (const count of [2, 15, 16, 17, 300, 1000]) {
      const seed = base + count;
      const updates = sentUpdates(seed, count);
      expect(updates).toHaveLength(count);
      const grouped = stateOf(mergeInGroups(updates));
      const whole = stateOf(Y.mergeUpdates(updates));
      expect(grouped.text, `seed ${seed}`).toBe(whole.text);
      expect(Buffer.from(grouped.state).equals(Buffer.from(whole.state)), `seed ${seed}`).toBe(
        true,
      );
    }
  });

  it('returns a single update as it is, and an empty update for none', () => {
    const [only] = sentUpdates(1, 1);
    expect(mergeInGroups([only])).toBe(only);
    expect(stateOf(mergeInGroups([])).text).toBe('');
  });
});
