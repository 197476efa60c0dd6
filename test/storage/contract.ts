/**
 * The storage contract: every Storage implementation must pass this suite.
 * Call `storageContract(name, open)` from a test file per implementation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import type { Storage } from '../../server/storage/index.ts';

export type OpenStorage = () => Promise<{ storage: Storage; reopen: () => Promise<Storage> }>;

function update(text: string, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function rebuild(stored: Awaited<ReturnType<Storage['loadDocument']>>): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc.getText('t').toString();
}

export function storageContract(name: string, open: OpenStorage): void {
  describe(`storage contract: ${name}`, () => {
    const opened: Storage[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    async function fresh() {
      const result = await open();
      opened.push(result.storage);
      return result;
    }
    async function brief(storage: Storage, title = 'Brief', createdAt = 1000): Promise<BriefId> {
      const id = newBriefId();
      await storage.createBrief({ id, title, createdAt });
      return id;
    }

    it('creates, reads, renames, lists and deletes briefs', async () => {
      const { storage } = await fresh();
      const a = await brief(storage, 'Panama migration', 1000);
      const b = await brief(storage, 'Colombia 100% trade', 2000);
      expect((await storage.getBrief(a))?.title).toBe('Panama migration');
      expect((await storage.listBriefs()).map((x) => x.id)).toEqual([b, a]);
      expect((await storage.listBriefs('panama')).map((x) => x.id)).toEqual([a]);
      // LIKE wildcards in the query are literal characters.
      expect((await storage.listBriefs('100%')).map((x) => x.id)).toEqual([b]);
      expect(await storage.listBriefs('_')).toEqual([]);
      const renamed = await storage.updateBrief(a, { title: 'Panamá', updatedAt: 3000 });
      expect(renamed).toMatchObject({
        title: 'Panamá',
        previousTitle: 'Panama migration',
        updatedAt: 3000,
        createdAt: 1000,
      });
      expect(await storage.updateBrief(newBriefId(), { title: 'x', updatedAt: 1 })).toBeNull();
      expect(await storage.deleteBrief(a)).toBe(true);
      expect(await storage.deleteBrief(a)).toBe(false);
      expect(await storage.getBrief(a)).toBeNull();
    });

    it('tells each of several renames at once the title it replaced', async () => {
      const { storage } = await fresh();
      const id = await brief(storage, 'Draft');
      const titles = Array.from({ length: 8 }, (_, i) => `Version ${i + 1}`);
      const results = await Promise.all(
        titles.map((title, i) => storage.updateBrief(id, { title, updatedAt: 2000 + i })),
      );
      // One chain, Draft → … → the final title: each replaced title is someone's, once.
      const replaced = results.map((r) => r?.previousTitle);
      const final = (await storage.getBrief(id))?.title;
      expect(new Set(replaced).size).toBe(titles.length);
      expect([...replaced].sort()).toEqual(['Draft', ...titles.filter((t) => t !== final)].sort());
    });

    it('searches titles by words, in any order, ignoring case and accents', async () => {
      const { storage } = await fresh();
      const summit = await brief(storage, 'Migration options for the summit', 1000);
      const panama = await brief(storage, 'Panamá: ÉTUDE of the canal', 2000);
      const percent = await brief(storage, 'Tariffs up 100% in Q3_draft', 3000);
      const trashed = await brief(storage, 'Summit migration (old)', 4000);
      await storage.setTrashed(trashed, { at: 5000, by: 'Ana' });
      const ids = async (query: string) => (await storage.listBriefs(query)).map((x) => x.id);

      expect(await ids('summit migration')).toEqual([summit]);
      expect(await ids('  SUMMIT \t  options  ')).toEqual([summit]);
      // Every word must appear, not just one of them.
      expect(await ids('summit canal')).toEqual([]);
      // Parts of words count; a repeated word is the same word.
      expect(await ids('migr mig migr')).toEqual([summit]);
      expect(await ids('panama etude')).toEqual([panama]);
      expect(await ids('PANAMÁ étude')).toEqual([panama]);
      // LIKE wildcards are literal characters.
      expect(await ids('100% q3_')).toEqual([percent]);
      expect(await ids('%')).toEqual([percent]);
      expect(await ids('_')).toEqual([percent]);
      expect(await ids('p%a')).toEqual([]);
      expect(await ids('q_')).toEqual([]);
      // A blank query is no filter, still without the trash; newest edit first.
      expect(await ids('')).toEqual([percent, panama, summit]);
      expect(await ids(' \t ')).toEqual([percent, panama, summit]);
      expect(await ids('old')).toEqual([]);
      // Words past the tenth distinct one are ignored, which bounds the work a query asks for.
      expect(await ids('m i g r a t o n s zzz')).toEqual([]);
      expect(await ids('m i g r a t o n s u zzz')).toEqual([summit]);
      // Letters without a decomposition match as they are typed without them.
      const street = await brief(storage, 'Łódź and Straße talks', 500);
      expect(await ids('lodz strasse')).toEqual([street]);
      expect(await ids('STRASSE Łódź')).toEqual([street]);
    });

    it('moves briefs to the trash and back, keeping their document', async () => {
      const { storage } = await fresh();
      const a = await brief(storage, 'Panama migration', 1000);
      const b = await brief(storage, 'Peru trade', 2000);
      const c = await brief(storage, 'Panama canal', 3000);
      const [seq] = await storage.appendUpdates([
        { briefId: a, data: update('kept'), author: 'Ana', receivedAt: 4000 },
      ]);
      expect(await storage.getBrief(a)).toMatchObject({ trashedAt: null, trashedBy: null });

      expect(await storage.setTrashed(a, { at: 5000, by: 'Ana' })).toMatchObject({
        id: a,
        trashedAt: 5000,
        trashedBy: 'Ana',
      });
      await storage.setTrashed(c, { at: 6000, by: 'Ben' });
      // Out of the list and of search; in the trash, latest first; still readable by id.
      expect((await storage.listBriefs()).map((x) => x.id)).toEqual([b]);
      expect(await storage.listBriefs('panama')).toEqual([]);
      expect((await storage.listTrash()).map((x) => x.id)).toEqual([c, a]);
      expect(await storage.getBrief(a)).toMatchObject({
        title: 'Panama migration',
        trashedAt: 5000,
      });
      expect(await storage.setTrashed(newBriefId(), { at: 1, by: 'x' })).toBeNull();

      // Restored: back in the list, its document untouched.
      expect(await storage.setTrashed(a, null)).toMatchObject({ trashedAt: null, trashedBy: null });
      expect((await storage.listBriefs('panama')).map((x) => x.id)).toEqual([a]);
      expect((await storage.listTrash()).map((x) => x.id)).toEqual([c]);
      const stored = await storage.loadDocument(a);
      expect(stored.updates.map((u) => u.seq)).toEqual([seq]);
      expect(rebuild(stored)).toBe('kept');
    });

    it('appends a batch for several briefs in order and survives reopening', async () => {
      const { storage, reopen } = await fresh();
      const a = await brief(storage);
      const b = await brief(storage);
      const docA = new Y.Doc();
      const seqs = await storage.appendUpdates([
        { briefId: a, data: update('one ', docA), author: 'Ana', receivedAt: 5000 },
        { briefId: b, data: update('other'), author: 'Ben', receivedAt: 5001 },
        { briefId: a, data: update('two', docA), author: 'Ana', receivedAt: 5002 },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[0]).toBeLessThan(seqs[1]);
      expect(seqs[1]).toBeLessThan(seqs[2]);
      expect((await storage.getBrief(a))?.updatedBy).toBe('Ana');
      expect((await storage.getBrief(a))?.updatedAt).toBe(5002);
      await storage.close();
      opened.splice(opened.indexOf(storage), 1);
      const again = await reopen();
      opened.push(again);
      expect(rebuild(await again.loadDocument(a))).toBe('one two');
      expect(rebuild(await again.loadDocument(b))).toBe('other');
    });

    it('drops updates for a missing brief without failing the batch', async () => {
      const { storage } = await fresh();
      const a = await brief(storage);
      const seqs = await storage.appendUpdates([
        { briefId: newBriefId(), data: update('ghost'), author: null, receivedAt: 1 },
        { briefId: a, data: update('real'), author: null, receivedAt: 2 },
      ]);
      expect(seqs[0]).toBe(0);
      expect(seqs[1]).toBeGreaterThan(0);
      expect(rebuild(await storage.loadDocument(a))).toBe('real');
    });

    it('replaces the log by a snapshot, keeping later updates', async () => {
      const { storage } = await fresh();
      const a = await brief(storage);
      const doc = new Y.Doc();
      const first = await storage.appendUpdates([
        { briefId: a, data: update('alpha ', doc), author: null, receivedAt: 1 },
        { briefId: a, data: update('beta ', doc), author: null, receivedAt: 2 },
      ]);
      const snapshot = Y.encodeStateAsUpdate(doc);
      await storage.appendUpdates([
        { briefId: a, data: update('gamma', doc), author: null, receivedAt: 3 },
      ]);
      await storage.writeSnapshot(a, snapshot, first[1]);
      const stored = await storage.loadDocument(a);
      expect(stored.snapshotSeq).toBe(first[1]);
      expect(stored.updates).toHaveLength(1);
      expect(rebuild(stored)).toBe('alpha beta gamma');
      // An older snapshot never replaces a newer one.
      await storage.writeSnapshot(a, Y.encodeStateAsUpdate(new Y.Doc()), first[0]);
      expect(rebuild(await storage.loadDocument(a))).toBe('alpha beta gamma');
    });

    it('loads what a reader lacks after a seq: later updates, and the snapshot once compacted past it', async () => {
      const { storage } = await fresh();
      const a = await brief(storage);
      const other = await brief(storage);
      const doc = new Y.Doc();
      const [s1, s2] = await storage.appendUpdates([
        { briefId: a, data: update('one ', doc), author: null, receivedAt: 1 },
        { briefId: a, data: update('two ', doc), author: null, receivedAt: 2 },
        { briefId: other, data: update('elsewhere'), author: null, receivedAt: 3 },
      ]);
      const [s3] = await storage.appendUpdates([
        { briefId: a, data: update('three', doc), author: null, receivedAt: 4 },
      ]);

      const afterFirst = await storage.loadUpdatesAfter(a, s1);
      expect(afterFirst.snapshot).toBeNull();
      expect(afterFirst.snapshotSeq).toBe(0);
      expect(afterFirst.updates.map((u) => u.seq)).toEqual([s2, s3]);
      expect((await storage.loadUpdatesAfter(a, 0)).updates.map((u) => u.seq)).toEqual([
        s1,
        s2,
        s3,
      ]);
      expect((await storage.loadUpdatesAfter(a, s3)).updates).toEqual([]);

      // A compaction up to s2: a reader at s1 needs the snapshot, one at s2 does not.
      const reader = new Y.Doc();
      const full = await storage.loadDocument(a);
      Y.applyUpdate(reader, full.updates[0].data);
      const merged = Y.mergeUpdates(full.updates.slice(0, 2).map((u) => u.data));
      await storage.writeSnapshot(a, merged, s2);
      const behind = await storage.loadUpdatesAfter(a, s1);
      expect(behind.snapshotSeq).toBe(s2);
      expect(behind.snapshot).not.toBeNull();
      expect(behind.updates.map((u) => u.seq)).toEqual([s3]);
      Y.applyUpdate(reader, behind.snapshot!);
      for (const u of behind.updates) Y.applyUpdate(reader, u.data);
      expect(reader.getText('t').toString()).toBe('one two three');
      const current = await storage.loadUpdatesAfter(a, s2);
      expect(current.snapshot).toBeNull();
      expect(current.snapshotSeq).toBe(s2);
      expect(current.updates.map((u) => u.seq)).toEqual([s3]);

      const missing = await storage.loadUpdatesAfter(newBriefId(), 0);
      expect(missing).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
    });

    it('deleting a brief removes its document', async () => {
      const { storage } = await fresh();
      const a = await brief(storage);
      await storage.appendUpdates([{ briefId: a, data: update('x'), author: null, receivedAt: 1 }]);
      await storage.deleteBrief(a);
      const stored = await storage.loadDocument(a);
      expect(stored.snapshot).toBeNull();
      expect(stored.updates).toEqual([]);
    });

    it('appends an empty batch as a no-op and keeps timestamps as numbers', async () => {
      const { storage } = await fresh();
      expect(await storage.appendUpdates([])).toEqual([]);
      const a = await brief(storage, 'Numbers', 1_700_000_000_123);
      const record = await storage.getBrief(a);
      expect(record).toEqual({
        id: a,
        title: 'Numbers',
        createdAt: 1_700_000_000_123,
        updatedAt: 1_700_000_000_123,
        updatedBy: null,
        trashedAt: null,
        trashedBy: null,
      });
      const [seq] = await storage.appendUpdates([
        { briefId: a, data: update('x'), author: 'Ana', receivedAt: 1_700_000_000_456 },
      ]);
      expect(typeof seq).toBe('number');
      expect((await storage.loadDocument(a)).updates[0].seq).toBe(seq);
    });

    it('stores every byte value of an update unchanged', async () => {
      const { storage } = await fresh();
      const a = await brief(storage);
      const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      await storage.appendUpdates([{ briefId: a, data: bytes, author: null, receivedAt: 1 }]);
      const stored = await storage.loadDocument(a);
      expect(stored.updates[0].data).toBeInstanceOf(Uint8Array);
      expect(Array.from(stored.updates[0].data)).toEqual(Array.from(bytes));
      await storage.writeSnapshot(a, bytes.slice().reverse(), stored.updates[0].seq);
      const snapped = await storage.loadDocument(a);
      expect(Array.from(snapped.snapshot ?? [])).toEqual(Array.from(bytes).reverse());
      expect(snapped.updates).toEqual([]);
    });

    it('holds a per-brief lock: a second holder gets null until the first is done', async () => {
      const { storage } = await fresh();
      const lock = lockOf(storage);
      const a = await brief(storage);
      const b = await brief(storage);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = lock(a, async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      let ran = false;
      expect(await lock(a, async () => void (ran = true))).toBeNull();
      expect(ran).toBe(false);
      // Another brief's lock is independent.
      expect(await lock(b, async () => 'other')).toBe('other');
      release();
      expect(await first).toBe('first');
      expect(await lock(a, async () => 'again')).toBe('again');
    });

    it('releases a brief lock when its function throws', async () => {
      const { storage } = await fresh();
      const lock = lockOf(storage);
      const a = await brief(storage);
      await expect(
        lock(a, async () => {
          throw new Error('compaction broke');
        }),
      ).rejects.toThrow('compaction broke');
      expect(await lock(a, async () => 42)).toBe(42);
    });
  });
}

/** `withBriefLock` is optional in the interface; every implementation here has it. */
export function lockOf(storage: Storage): NonNullable<Storage['withBriefLock']> {
  const lock = storage.withBriefLock;
  if (!lock) throw new Error(`${storage.kind} storage has no withBriefLock`);
  return lock.bind(storage);
}
