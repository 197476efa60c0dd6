import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../client/collab/backoff.ts';

const policy = { baseMs: 500, capMs: 8_000 };

describe('backoffCeiling', () => {
  it('doubles from the base each attempt', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffCeiling(n, policy))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never exceeds the cap, even for huge attempt numbers', () => {
    expect(backoffCeiling(5, policy)).toBe(8_000);
    expect(backoffCeiling(10_000, policy)).toBe(8_000);
    expect(backoffCeiling(Number.POSITIVE_INFINITY, policy)).toBe(8_000);
  });

  it('treats negative, fractional and NaN attempts sanely', () => {
    expect(backoffCeiling(-3, policy)).toBe(500);
    expect(backoffCeiling(Number.NaN, policy)).toBe(500);
    expect(backoffCeiling(2.7, policy)).toBe(2_000);
  });

  it('has a default policy that starts at a second and stays under half a minute', () => {
    expect(backoffCeiling(0)).toBe(DEFAULT_BACKOFF.baseMs);
    expect(DEFAULT_BACKOFF.baseMs).toBe(1_000);
    expect(backoffCeiling(100)).toBe(DEFAULT_BACKOFF.capMs);
    expect(DEFAULT_BACKOFF.capMs).toBeLessThanOrEqual(30_000);
  });
});

describe('backoffDelay (full jitter)', () => {
  it('spans the whole window: 0 at the bottom, just under the ceiling at the top', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 0.999_999)).toBe(3_999);
  });

  it('stays within [0, ceiling) for every attempt', () => {
    let seed = 42;
    const random = () => {
      // A small LCG so the test is deterministic.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, policy, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(backoffCeiling(attempt, policy));
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('spreads a crowd of clients instead of bringing them back together', () => {
    // 1,000 clients all on their 4th attempt after a server restart.
    const delays = Array.from({ length: 1_000 }, () => backoffDelay(4, policy));
    const buckets = new Array<number>(8).fill(0);
    for (const d of delays) buckets[Math.floor(d / 1_000)]++;
    // Uniform over [0, 8000): each second gets about 125; none is empty or holds a spike.
    for (const count of buckets) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(200);
    }
    // And no 100 ms window holds more than a small share of everyone.
    const windows = new Map<number, number>();
    for (const d of delays)
      windows.set(Math.floor(d / 100), (windows.get(Math.floor(d / 100)) ?? 0) + 1);
    expect(Math.max(...windows.values())).toBeLessThan(50);
  });
});
