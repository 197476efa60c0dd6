/**
 * The cards engine as the server runs it: on a worker thread, with the same
 * answers as the engine called directly, rejected sources reported as
 * SourceRejectedError across the thread, and the calling thread left free.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCards,
  CardsEngine,
  CardsEngineError,
  extractFacts,
  normaliseSource,
  rankCardsForText,
  SourceRejectedError,
  type CardsEngineOptions,
} from '../../server/cards/index.ts';
import { ticksDuring, warningsDuring } from '../helpers/workers.ts';

const ARTICLE = [
  'Guatemala and Honduras agreed on Friday to open joint border posts against drug trafficking.',
  'Guatemalan Interior Minister Carla Ruiz said 2,300 migrants were detained at the crossing in January.',
  'Honduras asked for emergency aid after a hurricane; officials in Tegucigalpa said 40% of crops were lost.',
].join(' ');

const engines: CardsEngine[] = [];
function engine(options?: CardsEngineOptions): CardsEngine {
  const created = new CardsEngine(options);
  engines.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

describe('CardsEngine', () => {
  it('gives the same sources, extractions, cards and ranking as the engine on this thread', async () => {
    const cards = engine();
    const input = { content: ARTICLE, format: 'text' as const, id: 'a' };
    const source = await cards.normalise(input);
    expect(source).toEqual(normaliseSource(input));
    const document = await cards.extract(source);
    expect(document).toEqual(extractFacts(source));
    const index = await cards.build('v1', [document]);
    expect(index).toEqual(buildCards([document]));
    expect(index.countries.map((c) => c.code)).toEqual(expect.arrayContaining(['GT', 'HN']));
    const text = 'Talking points for the meeting with Honduras on hurricane recovery.';
    expect(await cards.rank('v1', text)).toEqual(rankCardsForText(index, text));
    expect(cards.usingWorker).toBe(true);
  });

  it('reports a rejected source as SourceRejectedError, with its reason', async () => {
    const cards = engine();
    const rejected = cards.normalise({ content: '   \n ', format: 'text' });
    await expect(rejected).rejects.toBeInstanceOf(SourceRejectedError);
    await expect(
      cards.normalise({ content: '\u0000\u0001\u0002binary', format: 'text' }),
    ).rejects.toMatchObject({ name: 'SourceRejectedError', reason: 'binary' });
  });

  it('ranks only against the index it built, and says so for any other', async () => {
    const cards = engine();
    const document = await cards.extract(
      await cards.normalise({ content: ARTICLE, format: 'text' }),
    );
    expect(await cards.rank('never-built', 'Honduras')).toBeNull();
    await cards.build('v2', [document]);
    expect(await cards.rank('v1', 'Honduras')).toBeNull();
    const ranked = await cards.rank('v2', 'Hurricane recovery in Honduras');
    expect(ranked?.countries[0]?.id).toBe('HN');
  });

  it('leaves the calling thread free while it extracts a long source', async () => {
    const cards = engine();
    await cards.warmUp();
    const long = Array.from({ length: 400 }, (_, i) => `${ARTICLE} Paragraph ${i}.`).join('\n\n');
    const source = await cards.normalise({ content: long, format: 'text' });
    const { result: document, ticks, elapsedMs } = await ticksDuring(() => cards.extract(source));
    expect(document.facts.length).toBeGreaterThan(100);
    // An extraction on this thread would allow no ticks at all until it finished.
    expect(ticks).toBeGreaterThan(Math.min(5, elapsedMs / 50));
  });

  it('runs on the calling thread when the worker cannot start, with a warning', async () => {
    const warnings = await warningsDuring(async () => {
      const cards = engine({
        workerUrl: new URL('./does-not-exist.ts', import.meta.url),
        retryAfterMs: 60_000,
      });
      const source = await cards.normalise({ content: ARTICLE, format: 'text' });
      expect((await cards.extract(source)).countries.map((c) => c.code)).toContain('GT');
      expect(cards.usingWorker).toBe(false);
      await expect(cards.normalise({ content: '', format: 'text' })).rejects.toBeInstanceOf(
        SourceRejectedError,
      );
    });
    expect(warnings.some((w) => w.includes('card extraction worker unavailable'))).toBe(true);
  });

  it('abandons a task that runs past its timeout with a CardsEngineError', async () => {
    const cards = engine({ timeoutMs: 1 });
    const long = Array.from({ length: 400 }, () => ARTICLE).join('\n\n');
    const source = normaliseSource({ content: long, format: 'text' });
    await expect(cards.extract(source)).rejects.toMatchObject({
      name: 'CardsEngineError',
      message: expect.stringContaining('timed out') as unknown,
    });
    await expect(cards.extract(source)).rejects.toBeInstanceOf(CardsEngineError);
  });
});

/** Nice values of this process's threads, by thread id (Linux). */
function threadNiceness(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // it ended between the listing and the read (an earlier test's worker)
    }
    // Fields after the parenthesised command name; nice is field 19 overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

describe.skipIf(!existsSync('/proc/thread-self'))('CardsEngine thread priority', () => {
  it('runs its thread below the priority of the thread that relays edits', async () => {
    const before = threadNiceness();
    const cards = engine();
    await cards.warmUp();
    expect(cards.usingWorker).toBe(true);
    const main = before.get(process.pid) ?? 0;
    const added = [...threadNiceness()].filter(([tid]) => !before.has(tid));
    expect(added.length).toBeGreaterThan(0);
    // The worker's own JavaScript thread lowers itself; the threads V8 and
    // libuv start for it keep the process's priority.
    expect(added.some(([, nice]) => nice > main)).toBe(true);
  });
});
