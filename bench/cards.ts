/**
 * Throughput of the cards engine: extraction of the sample pack, repeated,
 * plus card building and brief ranking. Used by `npm run bench`; also runs
 * on its own with `npx tsx bench/cards.ts`.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  buildCards,
  extractFacts,
  normaliseSource,
  rankCardsForText,
  type ExtractedDocument,
} from '../server/cards/index.ts';
import { loadSamplePack } from '../server/cards/samples/index.ts';

export interface CardsBenchResult {
  /** Documents normalised and extracted per second (sample pack, repeated). */
  docsPerSecond: number;
  /** Characters of normalised text extracted per second. */
  charsPerSecond: number;
  documents: number;
  extractMs: number;
  buildCardsMs: number;
  /** Median time to rank a 5,000-word brief with no paragraph seen before. */
  rankColdMs: number;
  /** Fastest of those runs: the cost without interference from other processes. */
  rankColdBestMs: number;
  /** Median time to rank the same brief after one paragraph changed. */
  rankEditMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function brief(round: number): string {
  const places = [
    'Mexico',
    'Guatemala',
    'Honduras',
    'Panama',
    'Colombia',
    'Peru',
    'Chile',
    'Ecuador',
  ];
  return Array.from({ length: 60 }, (_, i) => {
    const a = places[i % places.length];
    const b = places[(i + 3) % places.length];
    return `Section ${round}.${i}. The brief reviews security cooperation with ${a} and ${b}, migration through the Darién, coca eradication, tariff disputes over copper exports and Chinese-backed ports on the Pacific. It weighs ${a}'s police reforms, drought relief and anti-corruption courts, and what the embassy in ${b} reports on gang violence, asylum requests and public health. Officials want options before the summit, with costs, risks and timelines for each measure in this section of the paper, and a view on how partners will respond.`;
  }).join('\n\n');
}

export async function benchCards(options: { rounds?: number } = {}): Promise<CardsBenchResult> {
  const rounds = options.rounds ?? 4;
  const pack = loadSamplePack();
  // Warm up compromise's lexicon and the JIT before timing.
  for (const s of pack) extractFacts(normaliseSource(s));

  let chars = 0;
  const docs: ExtractedDocument[] = [];
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const s of pack) {
      // A distinct id per round so nothing could be served from a cache.
      const n = normaliseSource({ ...s, id: `${s.id}-${r}` });
      chars += n.text.length;
      docs.push(extractFacts(n));
    }
  }
  const extractMs = performance.now() - t0;

  const t1 = performance.now();
  const index = buildCards(docs);
  const buildCardsMs = performance.now() - t1;

  for (let r = 0; r < 5; r++) rankCardsForText(index, brief(-1 - r));
  const cold: number[] = [];
  for (let r = 0; r < 15; r++) {
    const text = brief(r);
    const t = performance.now();
    rankCardsForText(index, text);
    cold.push(performance.now() - t);
  }
  const base = brief(1000);
  rankCardsForText(index, base);
  const edit: number[] = [];
  for (let r = 0; r < 15; r++) {
    const text = base.replace('Section 1000.7.', `Section 1000.7 (draft ${r}).`);
    const t = performance.now();
    rankCardsForText(index, text);
    edit.push(performance.now() - t);
  }

  return {
    docsPerSecond: (docs.length / extractMs) * 1000,
    charsPerSecond: (chars / extractMs) * 1000,
    documents: docs.length,
    extractMs,
    buildCardsMs,
    rankColdMs: median(cold),
    rankColdBestMs: Math.min(...cold),
    rankEditMs: median(edit),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchCards();
  console.log(
    JSON.stringify(
      r,
      (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v),
      2,
    ),
  );
}
