import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCards, extractFacts, normaliseSource } from '../../server/cards/index.ts';
import { loadSamplePack } from '../../server/cards/samples/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((s) => s.split(' ').length >= 8);
}

describe('sample source pack', () => {
  const pack = loadSamplePack();

  it('has five titled Markdown sources with stable ids', () => {
    expect(pack).toHaveLength(5);
    for (const s of pack) {
      expect(s.format).toBe('markdown');
      expect(s.id).toMatch(/^sample-/);
      expect(s.title && s.title.length > 10).toBe(true);
    }
    expect(loadSamplePack().map((s) => s.id)).toEqual(pack.map((s) => s.id));
  });

  it('produces cards for the region', () => {
    const index = buildCards(pack.map((s) => extractFacts(normaliseSource(s))));
    const codes = index.countries.map((c) => c.code);
    expect(codes).toEqual(
      expect.arrayContaining(['US', 'PY', 'CO', 'PA', 'SV', 'GT', 'MX', 'EC', 'VE', 'HT']),
    );
    expect(index.issues.length).toBeGreaterThanOrEqual(8);
    expect(index.documents).toHaveLength(5);
  });

  it.skipIf(!existsSync(seedsDir))('copies no sentence from the seed articles', () => {
    const seedSentences = new Set(
      readdirSync(seedsDir).flatMap((f) => sentences(readFileSync(path.join(seedsDir, f), 'utf8'))),
    );
    for (const s of pack) {
      for (const line of sentences(s.content)) expect(seedSentences.has(line), line).toBe(false);
    }
  });
});
