/**
 * AccountStore.transferOwnership on both databases: one transaction that
 * leaves exactly one owner, also when two transfers of a brief race.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newBriefId, type BriefId } from '../../shared/briefId.ts';
import { AccountStore } from '../../server/auth/store.ts';
import type { Storage } from '../../server/storage/index.ts';
import { storageDialects } from '../helpers/dialects.ts';

const dialects = await storageDialects('owner.sqlite', 4);

describe.each(dialects)('transferring ownership on %s', (_name, missing, open) => {
  const opened: Storage[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  /** A brief owned by `ana` with `ben` as an editor; user ids are unique per brief so runs never meet. */
  async function setup() {
    const storage = await open();
    opened.push(storage);
    const store = new AccountStore(storage.sql);
    const briefId = newBriefId();
    await storage.createBrief({ id: briefId, title: 'Owned', createdAt: 1 });
    const id = (name: string) => `${name}-${briefId}`;
    await store.setMember({ briefId, userId: id('ana'), role: 'owner', addedAt: 1, addedBy: null });
    await store.setMember({
      briefId,
      userId: id('ben'),
      role: 'editor',
      addedAt: 2,
      addedBy: id('ana'),
    });
    const roles = async (b: BriefId = briefId) =>
      Object.fromEntries(
        (await store.members(b)).map((m) => [m.userId.slice(0, m.userId.indexOf('-')), m.role]),
      );
    return { store, briefId, id, roles };
  }

  it.skipIf(missing !== null)('swaps the owner and the new owner, to a member or not', async () => {
    const { store, briefId, id, roles } = await setup();
    expect(await store.transferOwnership(briefId, id('ben'), 10, id('ana'))).toEqual({
      previousOwnerId: id('ana'),
    });
    expect(await roles()).toEqual({ ana: 'editor', ben: 'owner' });
    // Someone who was not a member joins as the owner.
    expect(await store.transferOwnership(briefId, id('cy'), 11, id('ben'))).toEqual({
      previousOwnerId: id('ben'),
    });
    expect(await roles()).toEqual({ ana: 'editor', ben: 'editor', cy: 'owner' });
    const cy = (await store.members(briefId)).find((m) => m.userId === id('cy'));
    expect(cy).toMatchObject({ addedAt: 11, addedBy: id('ben') });
  });

  it.skipIf(missing !== null)('leaves one owner when transfers race', async () => {
    const { store, briefId, id, roles } = await setup();
    const targets = ['dee', 'eve', 'fay', 'gus'];
    const results = await Promise.all(
      targets.map((name) => store.transferOwnership(briefId, id(name), 20, id('ana'))),
    );
    const owners = Object.entries(await roles()).filter(([, role]) => role === 'owner');
    expect(owners).toHaveLength(1);
    // Each took it from the one before: ana handed it over once, not once per transfer.
    const previous = results.map((r) => r.previousOwnerId);
    expect(new Set(previous).size).toBe(targets.length);
    expect(previous.filter((p) => p === id('ana'))).toHaveLength(1);
  });
});
