/**
 * AccountStore.auditLog joins the briefs its entries name, in the one query
 * both databases run: the current title and whether the brief is in the trash.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newBriefId } from '../../shared/briefId.ts';
import { AccountStore } from '../../server/auth/store.ts';
import type { Storage } from '../../server/storage/index.ts';
import { storageDialects } from '../helpers/dialects.ts';

const dialects = await storageDialects('audit.sqlite');

describe.each(dialects)('the audit log on %s', (_name, missing, open) => {
  const opened: Storage[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  it.skipIf(missing !== null)('reads each entry’s brief as it is now', async () => {
    const storage = await open();
    opened.push(storage);
    const store = new AccountStore(storage.sql);
    const [live, trashed, gone] = [newBriefId(), newBriefId(), newBriefId()];
    for (const [id, title] of [
      [live, 'Live one'],
      [trashed, 'Trashed one'],
      [gone, 'Gone one'],
    ] as const) {
      await storage.createBrief({ id, title, createdAt: 1 });
    }
    await storage.updateBrief(live, { title: 'Live one, renamed', updatedAt: 2, updatedBy: null });
    await storage.setTrashed(trashed, { at: 3, by: 'Olga' });
    await storage.deleteBrief(gone);
    for (const briefId of [live, trashed, gone, null]) {
      await store.audit({
        at: 4,
        actorId: null,
        actorName: 'Olga',
        action: 'test',
        briefId,
        detail: null,
      });
    }

    const page = await store.auditLog({ limit: 10 });
    expect(page.map((e) => [e.briefId, e.brief])).toEqual([
      [null, null],
      [gone, null],
      [trashed, { title: 'Trashed one', trashed: true }],
      [live, { title: 'Live one, renamed', trashed: false }],
    ]);
    // The filters still apply with the join in place.
    const older = await store.auditLog({ limit: 10, beforeId: page[1]!.id, briefId: live });
    expect(older.map((e) => e.brief)).toEqual([{ title: 'Live one, renamed', trashed: false }]);
  });
});
