/**
 * History rendering off the main thread: the worker's copies of briefs'
 * documents follow storage incrementally (log, compaction, eviction), render
 * exactly what rendering the document itself gives, and leave the event loop
 * free; without a worker the same engine runs in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { deletedRanges, encodeRanges, snapshotOf } from '../../server/history/deleteSets.ts';
import { HistoryEngine, respond } from '../../server/history/engine.ts';
import { warmUpEngine } from '../../server/history/warmUp.ts';
import type { PointSpec } from '../../server/history/protocol.ts';
import { renderFragment } from '../../server/history/render.ts';
import { HistoryRenderError, HistoryRenderer } from '../../server/history/renderer.ts';
import { SlabAllocator } from '../../server/history/slab.ts';
import { createMemoryLogger } from '../../server/logger.ts';
import { openSqliteStorage, type Storage } from '../../server/storage/index.ts';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import { DOCUMENT_FIELD } from '../../shared/schema/index.ts';
import { tempDataDir } from '../helpers/server.ts';

const FIELD = DOCUMENT_FIELD;

/** A brief's writer: edits a document and stores each change as the server would. */
class Brief {
  // As the server's: deleted content stays, so past snapshots can be rendered.
  readonly doc = new Y.Doc({ gc: false });
  private readonly pending: Uint8Array[] = [];

  private constructor(
    readonly id: BriefId,
    private readonly storage: Storage,
  ) {
    this.doc.on('update', (u: Uint8Array) => this.pending.push(u));
  }

  static async create(storage: Storage): Promise<Brief> {
    const id = newBriefId();
    await storage.createBrief({ id, title: 'Renderer', createdAt: Date.now() });
    return new Brief(id, storage);
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(FIELD);
  }

  paragraphs(texts: string[]): void {
    this.fragment.insert(
      this.fragment.length,
      texts.map((t) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(t)]);
        return p;
      }),
    );
  }

  text(index: number): Y.XmlText {
    return (this.fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  }

  async store(): Promise<number[]> {
    const batch = this.pending.splice(0).map((data) => ({
      briefId: this.id,
      data,
      author: null,
      receivedAt: Date.now(),
    }));
    return this.storage.appendUpdates(batch);
  }

  /** What the history store keeps of the document as it is now. */
  point(id: number): PointSpec & { snapshot: Y.Snapshot } {
    const stateVector = Y.encodeStateVector(this.doc);
    const ranges = deletedRanges(this.doc);
    return {
      kind: 'revision',
      id,
      stateVector,
      deleted: [encodeRanges(ranges)],
      snapshot: snapshotOf(Y.decodeStateVector(stateVector), ranges),
    };
  }
}

function content(renderer: HistoryRenderer, brief: Brief, at: PointSpec): Promise<unknown> {
  return renderer
    .run(brief.id, async () => ({ kind: 'content' as const, at }))
    .then((lease) => {
      const parsed = JSON.parse(lease.text()) as unknown;
      lease.release();
      return parsed;
    });
}

describe('history renderer', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function setup(options: Partial<ConstructorParameters<typeof HistoryRenderer>[0]> = {}) {
    const dir = tempDataDir();
    const storage = openSqliteStorage({ filename: path.join(dir, 'briefdesk.sqlite') });
    const logger = createMemoryLogger();
    const renderer = new HistoryRenderer({ storage, logger, field: FIELD, ...options });
    cleanup.push(
      () => fs.rmSync(dir, { recursive: true, force: true }),
      () => storage.close(),
      () => renderer.close(),
    );
    return { storage, renderer, logs: logger.lines };
  }

  it('renders in a worker what rendering the document itself gives, following new updates', async () => {
    const { storage, renderer } = setup();
    const brief = await Brief.create(storage);
    brief.paragraphs(['Alpha beta.', 'Gamma delta.']);
    brief.text(0).format(0, 5, { bold: true });
    await brief.store();
    const first = brief.point(1);
    expect(await content(renderer, brief, { kind: 'current' })).toEqual(
      renderFragment(brief.fragment),
    );
    expect(renderer.usingWorker).toBe(true);

    brief.text(1).delete(0, 6);
    brief.text(1).insert(0, 'Epsilon ');
    brief.paragraphs(['Zeta.']);
    await brief.store();
    expect(await content(renderer, brief, { kind: 'current' })).toEqual(
      renderFragment(brief.fragment),
    );
    expect(await content(renderer, brief, first)).toEqual(
      renderFragment(brief.fragment, first.snapshot),
    );

    const compared = await renderer.run(brief.id, async () => ({
      kind: 'compare' as const,
      from: first,
      to: { kind: 'current' as const },
      clientAuthors: [[brief.doc.clientID, 'ana']],
      attribution: [],
      live: [['ben', encodeRanges(deletedRanges(brief.doc))]],
    }));
    expect(compared.authors.sort()).toEqual(['ana', 'ben']);
    const marks = compared.doc.text();
    compared.doc.release();
    expect(marks).toContain('"type":"added","user":"ana"');
    expect(marks).toContain('"type":"removed","user":"ben"');
  });

  it('rebuilds copies it evicted, and follows compaction into a snapshot', async () => {
    const { storage, renderer } = setup({ maxDocs: 1 });
    const one = await Brief.create(storage);
    const two = await Brief.create(storage);
    for (let round = 0; round < 3; round++) {
      for (const brief of [one, two]) {
        brief.paragraphs([`Round ${round} of ${brief.id}.`]);
        const seqs = await brief.store();
        if (round === 1) {
          // Compaction folds the log so far into a snapshot.
          const stored = await storage.loadDocument(brief.id);
          const merged = Y.mergeUpdates([
            ...(stored.snapshot ? [stored.snapshot] : []),
            ...stored.updates.map((u) => u.data),
          ]);
          await storage.writeSnapshot(brief.id, merged, seqs[seqs.length - 1]);
        }
        // Listing warms the copy ahead of the render; either way the render is current.
        if (round === 2) renderer.warm(brief.id);
        expect(await content(renderer, brief, { kind: 'current' })).toEqual(
          renderFragment(brief.fragment),
        );
      }
    }
  });

  it('keeps the event loop free while rendering a large brief', async () => {
    const { storage, renderer } = setup();
    const brief = await Brief.create(storage);
    const line = 'A sentence of a long brief, repeated to make rendering take a while. ';
    for (let i = 0; i < 20; i++) {
      brief.paragraphs(Array.from({ length: 100 }, (_, k) => `${k} ${line.repeat(3)}`));
      for (let k = 0; k < 100; k += 3) brief.text(i * 100 + k).delete(0, 2);
      await brief.store();
    }
    const early = brief.point(1);
    await content(renderer, brief, { kind: 'current' }); // the copy is built
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 2);
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      await renderer.run(brief.id, async () => ({
        kind: 'compare' as const,
        from: early,
        to: { kind: 'current' as const },
        clientAuthors: [],
        attribution: [],
        live: [],
      }));
    }
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // Rendering here would allow no ticks until it finished; only the
    // (small) messages and the JSON text cross this thread.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 20));
    expect(longest).toBeLessThan(Math.max(50, elapsed / 2));
  });

  it('renders in-process when the worker cannot start, and says so', async () => {
    const { storage, renderer, logs } = setup({
      workerUrl: new URL('./does-not-exist.ts', import.meta.url),
      retryAfterMs: 60_000,
    });
    const brief = await Brief.create(storage);
    brief.paragraphs(['Fallback works.']);
    await brief.store();
    expect(await content(renderer, brief, { kind: 'current' })).toEqual(
      renderFragment(brief.fragment),
    );
    expect(renderer.usingWorker).toBe(false);
    expect(logs.some((l) => l.message.includes('history worker unavailable'))).toBe(true);
  });

  it('closing while the worker starts is a shutdown, not a worker that cannot run', async () => {
    const { renderer, logs } = setup();
    const warming = renderer.warmUp();
    await renderer.close();
    await warming;
    expect(logs.filter((l) => l.message.includes('history worker unavailable'))).toEqual([]);
  });

  it('fails with a named error once closed, and for what it cannot render', async () => {
    const { storage, renderer } = setup();
    const brief = await Brief.create(storage);
    brief.paragraphs(['Closing.']);
    await brief.store();
    await expect(
      renderer.run(brief.id, async () => ({
        kind: 'content' as const,
        at: {
          kind: 'revision' as const,
          id: 1,
          stateVector: new Uint8Array([0]),
          deleted: [new Uint8Array([200])], // truncated ranges
        },
      })),
    ).rejects.toBeInstanceOf(HistoryRenderError);
    expect(await content(renderer, brief, { kind: 'current' })).toEqual(
      renderFragment(brief.fragment),
    );
    await renderer.close();
    await expect(content(renderer, brief, { kind: 'current' })).rejects.toBeInstanceOf(
      HistoryRenderError,
    );
  });

  it('refuses a feed that does not continue its copy, so the main thread resends it whole', () => {
    const engine = new HistoryEngine({ field: FIELD, maxDocs: 2, maxDocBytes: 1 << 20 });
    const doc = new Y.Doc({ gc: false });
    doc.getXmlFragment(FIELD).insert(0, [new Y.XmlElement('paragraph')]);
    const job = { kind: 'hash' as const, at: { kind: 'current' as const } };
    const run = (base: number | null, seq: number) =>
      respond(engine, {
        type: 'run',
        id: seq,
        briefId: 'b',
        feed: { base, snapshot: null, updates: [Y.encodeStateAsUpdate(doc)], seq },
        job,
      });
    expect(run(3, 4)).toMatchObject({ type: 'stale' });
    expect(run(null, 4)).toMatchObject({ type: 'done', seq: 4 });
    expect(run(4, 7)).toMatchObject({ type: 'done', seq: 7 });
    expect(run(4, 9)).toMatchObject({ type: 'stale' });
  });

  it('passes results in shared memory whose regions come back when released', async () => {
    const { storage, renderer } = setup({ slabBytes: 64 * 1024 });
    const brief = await Brief.create(storage);
    brief.paragraphs(Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of a brief. `.repeat(8)));
    await brief.store();
    const expected = renderFragment(brief.fragment);
    const render = () =>
      renderer.run(brief.id, async () => ({
        kind: 'content' as const,
        at: { kind: 'current' as const },
      }));
    // Far more than the slab holds at once: only released regions make room.
    for (let i = 0; i < 40; i++) {
      const lease = await render();
      expect(lease.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(JSON.parse(lease.text())).toEqual(expected);
      lease.release();
    }
    // Held ones fill it; what does not fit comes in a buffer of its own.
    const held = [];
    for (let i = 0; i < 40; i++) held.push(await render());
    expect(held.some((l) => !(l.bytes.buffer instanceof SharedArrayBuffer))).toBe(true);
    for (const lease of held) {
      expect(JSON.parse(lease.text())).toEqual(expected);
      lease.release();
    }
  });

  it('allocates slab regions first fit and merges them when released', () => {
    const slab = new SlabAllocator(4096);
    const a = slab.alloc(1000);
    const b = slab.alloc(1000);
    const c = slab.alloc(1000);
    expect([a, b, c].every((o) => o >= 0)).toBe(true);
    expect(slab.alloc(2000)).toBe(-1);
    slab.release(b);
    expect(slab.alloc(1500)).toBe(-1);
    slab.release(a);
    const ab = slab.alloc(1500);
    expect(ab).toBe(a);
    slab.release(ab);
    slab.release(c);
    expect(slab.inUse).toBe(0);
    expect(slab.alloc(4096)).toBe(0);
  });

  it('starts the worker on warmUp, warmed on a made-up brief, and then serves real ones', async () => {
    const { storage, renderer } = setup();
    expect(renderer.usingWorker).toBe(false);
    await renderer.warmUp();
    expect(renderer.usingWorker).toBe(true);
    const brief = await Brief.create(storage);
    brief.paragraphs(['After the warm-up.']);
    await brief.store();
    expect(await content(renderer, brief, { kind: 'current' })).toEqual(
      renderFragment(brief.fragment),
    );
  });

  it('warms an engine without keeping its made-up brief or any shared memory', () => {
    // A slab that holds one brief's JSON at a time: warm-up must hand back every region it took.
    const slab = new SharedArrayBuffer(16 * 1024);
    const engine = new HistoryEngine({ field: FIELD, maxDocs: 1, maxDocBytes: 1 << 20, slab });
    warmUpEngine(engine, FIELD);
    const doc = new Y.Doc({ gc: false });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('x'.repeat(12 * 1024))]);
    doc.getXmlFragment(FIELD).insert(0, [paragraph]);
    const feed = { base: null, snapshot: null, updates: [Y.encodeStateAsUpdate(doc)], seq: 1 };
    const { result } = engine.run('brief', feed, { kind: 'content', at: { kind: 'current' } });
    expect(result).toMatchObject({ slab: 0 });
    engine.close();
  });
});
