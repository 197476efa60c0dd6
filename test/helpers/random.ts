/** A small seeded PRNG (mulberry32), so randomized tests replay from a printed seed. */
export interface Rng {
  seed: number;
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The seed from the environment variable, or a fresh one; printed either way. */
export function seedFrom(envName: string, label: string): number {
  const raw = process.env[envName];
  const seed = raw ? Number(raw) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label} seed: ${seed} (replay with ${envName}=${seed})`);
  return seed;
}
