/**
 * The briefs page against the real server: the empty state, creating a brief
 * (straight into it, title editable), renaming inline, searching titles by
 * words, sorting the list (remembered per browser),
 * deleting after an accessible confirmation, and each brief's role shown with
 * only the actions that role allows.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BriefSummary } from '../../shared/api.ts';
import {
  browserUnavailableReason,
  createPerson,
  screenshot,
  share,
  signedInContext,
  trackPageErrors,
  type TestPerson,
  withServerAndBrowser,
} from '../helpers/browser.ts';
import { login, type TestServer } from '../helpers/server.ts';

describe.skipIf(browserUnavailableReason() !== null)('briefs page in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestPerson;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    ada = await createPerson(server, 'ada', 'Ada Lovelace');
  });

  /** Ada's briefs as the server lists them. */
  async function titles(): Promise<string[]> {
    const res = await server.api('/api/briefs', { cookie: ada.cookie });
    const body = (await res.json()) as { briefs: BriefSummary[] };
    return body.briefs.map((b) => b.title);
  }

  function rowTitles(page: Page): Promise<string[]> {
    return page.locator('.brief-row__title').allTextContents();
  }

  it('creates, renames, searches and deletes briefs', async () => {
    const page = await (await signedInContext(browser, server, ada)).newPage();
    const errors = trackPageErrors(page);

    // Empty state.
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'No briefs yet' }).waitFor();
    await screenshot(page, 'briefs-empty');

    // Create: straight into the new brief, its title selected for typing.
    await page.getByRole('button', { name: 'New brief' }).first().click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
    const title = page.getByRole('textbox', { name: 'Brief title' });
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => title.inputValue()).toBe('Untitled brief');
    await page.keyboard.type('Energy security outlook');
    await page.keyboard.press('Enter');
    await expect.poll(titles).toEqual(['Energy security outlook']);
    // Enter hands over to the text.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror')))
      .toBe(true);

    // Esc in the title puts back what it was.
    await title.click();
    await title.fill('A title nobody wanted');
    await title.press('Escape');
    await expect.poll(() => title.inputValue()).toBe('Energy security outlook');
    await expect.poll(titles).toEqual(['Energy security outlook']);

    await server.createBrief('Water scarcity in the Sahel', ada.cookie);
    await server.createBrief('Migration options for the summit', ada.cookie);

    await page.getByRole('link', { name: 'Briefs' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Migration options for the summit',
        'Water scarcity in the Sahel',
        'Energy security outlook',
      ]);
    // Ada owns all three: a role badge on each, and rename and delete offered.
    await expect
      .poll(() =>
        page
          .locator('.brief-row .role-badge')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-role'))),
      )
      .toEqual(['owner', 'owner', 'owner']);

    // Rename inline: Enter saves, focus returns to the Rename button.
    await page.getByRole('button', { name: 'Rename “Water scarcity in the Sahel”' }).click();
    const rename = page.getByRole('textbox', { name: 'New title' });
    await rename.fill('Water security in the Sahel');
    await rename.press('Enter');
    await page.getByRole('link', { name: 'Water security in the Sahel' }).waitFor();
    await expect.poll(titles).toContain('Water security in the Sahel');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Rename “Water security in the Sahel”');

    // Search by title, on the server.
    const search = page.getByRole('searchbox', { name: 'Search briefs by title' });
    await search.fill('sahel');
    await expect.poll(() => rowTitles(page)).toEqual(['Water security in the Sahel']);
    await search.fill('zzz');
    await page.getByRole('heading', { name: 'No briefs match “zzz”' }).waitFor();
    await screenshot(page, 'briefs-no-match');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => rowTitles(page).then((t) => t.length)).toBe(3);

    // Delete: an alert dialog, Cancel focused; Esc closes and returns focus.
    const deleteButton = page.getByRole('button', {
      name: 'Delete “Migration options for the summit”',
    });
    await deleteButton.click();
    const dialog = page.getByRole('alertdialog', {
      name: 'Move “Migration options for the summit” to the trash?',
    });
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Cancel');
    // Tab stays inside the dialog.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await screenshot(page, 'briefs-delete-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Delete “Migration options for the summit”');
    expect(await titles()).toContain('Migration options for the summit');

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Move to trash' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => rowTitles(page))
      .toEqual(['Water security in the Sahel', 'Energy security outlook']);
    await page.getByText('“Migration options for the summit” was moved to the trash').waitFor();
    await expect.poll(titles).not.toContain('Migration options for the summit');
    await screenshot(page, 'briefs-trashed-toast');

    // Undo in the toast brings it straight back; then it goes to the trash for good measure.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('“Migration options for the summit” was restored').waitFor();
    await expect.poll(titles).toContain('Migration options for the summit');
    await expect.poll(() => rowTitles(page)).toContain('Migration options for the summit');
    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Move to trash' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(titles).not.toContain('Migration options for the summit');
    // Ctrl+Z undoes it too while the toast shows, as in Google Drive.
    // (The first round's toasts may still show on a slow machine: the newest is the last.)
    await page
      .getByText('“Migration options for the summit” was moved to the trash')
      .last()
      .waitFor();
    await page.keyboard.press('Control+z');
    await page.getByText('“Migration options for the summit” was restored').last().waitFor();
    await expect.poll(titles).toContain('Migration options for the summit');
    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Move to trash' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(titles).not.toContain('Migration options for the summit');

    // Briefs others shared with Ada carry her role there, and only what it allows.
    const board = await server.createBrief('Board minutes');
    const review = await server.createBrief('Budget review 2027');
    const draft = await server.createBrief('Coalition talking points');
    await share(server, board.id, ada.user.id, 'viewer');
    await share(server, review.id, ada.user.id, 'reviewer');
    await share(server, draft.id, ada.user.id, 'editor');
    await page.reload();
    const badge = (title: string) =>
      page
        .locator('.brief-row', { hasText: title })
        .locator('.role-badge')
        .getAttribute('data-role');
    await expect.poll(() => badge('Board minutes')).toBe('viewer');
    expect(await badge('Budget review 2027')).toBe('reviewer');
    expect(await badge('Coalition talking points')).toBe('editor');
    expect(await badge('Energy security outlook')).toBe('owner');
    const actions = (title: string) =>
      page
        .locator('.brief-row', { hasText: title })
        .locator('.brief-row__actions button')
        .evaluateAll((els) => els.map((el) => el.getAttribute('title')));
    expect(await actions('Board minutes')).toEqual([]);
    expect(await actions('Budget review 2027')).toEqual([]);
    expect(await actions('Coalition talking points')).toEqual(['Rename']);
    expect(await actions('Energy security outlook')).toEqual(['Rename', 'Delete']);
    // Each shared brief says whose it is; Ada's own do not.
    const meta = (title: string) =>
      page.locator('.brief-row', { hasText: title }).locator('.brief-row__meta').textContent();
    expect(await meta('Board minutes')).toMatch(/^Owned by Administrator · edited /);
    expect(await meta('Energy security outlook')).toMatch(/^Edited /);
    await page.locator('.brief-row', { hasText: 'Coalition talking points' }).hover();
    await screenshot(page, 'briefs-list-roles');

    // The admin may do everything with Ada's brief, but it is marked as theirs to
    // manage, not to own; their own brief still says Owner.
    const adminContext = await signedInContext(browser, server, { cookie: server.cookie });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(server.url);
    const adminRow = (title: string) => adminPage.locator('.brief-row', { hasText: title });
    await adminRow('Energy security outlook').waitFor();
    expect(
      await adminRow('Energy security outlook').locator('.role-badge').getAttribute('data-role'),
    ).toBe('admin');
    expect(
      await adminRow('Energy security outlook').locator('.brief-row__meta').textContent(),
    ).toMatch(/^Owned by Ada Lovelace · edited /);
    expect(await adminRow('Board minutes').locator('.role-badge').getAttribute('data-role')).toBe(
      'owner',
    );
    expect(
      await adminRow('Energy security outlook').locator('.brief-row__actions button').count(),
    ).toBe(2);
    await screenshot(adminPage, 'briefs-list-admin');
    await adminContext.close();

    expect(errors).toEqual([]);
  });

  it('restores a brief from the trash, and deletes one for good', async () => {
    const context = await signedInContext(browser, server, ada);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    // An empty trash to start from (the test before trashed a brief).
    const before = await server.api('/api/trash', { cookie: ada.cookie });
    for (const { id } of ((await before.json()) as { briefs: BriefSummary[] }).briefs) {
      await server.api(`/api/trash/${id}`, { method: 'DELETE', cookie: ada.cookie });
    }
    const kept = await server.createBrief('Andean trade corridor', ada.cookie);
    const doomed = await server.createBrief('Draft to discard', ada.cookie);
    for (const brief of [kept, doomed]) {
      // The trash lists the latest deletion first, to the millisecond: two
      // deletions in one millisecond would come in either order.
      const at = Date.now();
      while (Date.now() === at) await new Promise((resolve) => setTimeout(resolve, 1));
      const res = await server.api(`/api/briefs/${brief.id}`, {
        method: 'DELETE',
        cookie: ada.cookie,
      });
      expect(res.status).toBe(204);
    }
    const trashTitles = () => page.locator('.trash-row__title').allTextContents();

    // A link to a brief in the trash says so, and its owner can restore it from there.
    await page.goto(`${server.url}/b/${kept.id}`);
    await page.getByRole('heading', { name: 'This brief is in the trash' }).waitFor();
    await page.getByRole('button', { name: 'Restore brief' }).waitFor();
    // Under the app header, as every page: the way home and the account menu stay put.
    await page.getByRole('banner').getByRole('link', { name: 'Briefdesk home' }).waitFor();
    await screenshot(page, 'brief-in-trash');

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { name: 'Trash', level: 1 }).waitFor();
    await expect.poll(trashTitles).toEqual(['Draft to discard', 'Andean trade corridor']);
    const row = page.locator('.trash-row', { hasText: 'Andean trade corridor' });
    expect(await row.locator('.brief-row__meta').textContent()).toBe(
      'Deleted just now by Ada Lovelace · gone for good in 30 days',
    );
    await screenshot(page, 'trash');

    // Restore: the brief leaves the trash and is back in the list, whole.
    await page.getByRole('button', { name: 'Restore “Andean trade corridor”' }).click();
    await page.getByText('“Andean trade corridor” was restored').waitFor();
    await expect.poll(trashTitles).toEqual(['Draft to discard']);
    // Focus moves to the next row's Restore, not to the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Restore “Draft to discard”');
    expect(await titles()).toContain('Andean trade corridor');

    // Delete for good asks first, Cancel focused.
    await page.getByRole('button', { name: 'Delete “Draft to discard” for good' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete “Draft to discard” for good?' });
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Cancel');
    await screenshot(page, 'trash-delete-dialog');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'The trash is empty' }).waitFor();
    await screenshot(page, 'trash-empty');
    // The server unreachable: the trash says so, and Try again brings it back.
    await page.route('**/api/trash', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.getByRole('heading', { name: 'Can’t reach Briefdesk' }).waitFor();
    await screenshot(page, 'trash-unreachable');
    await page.unroute('**/api/trash');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'The trash is empty' }).waitFor();
    expect((await server.api(`/api/briefs/${doomed.id}`, { cookie: ada.cookie })).status).toBe(404);
    expect((await server.api(`/api/briefs/${kept.id}`, { cookie: ada.cookie })).status).toBe(200);

    // Empty trash deletes for good what the page shows, and only that.
    const trashVia = async (title: string) => {
      const brief = await server.createBrief(title, ada.cookie);
      await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE', cookie: ada.cookie });
      return brief;
    };
    const old1 = await trashVia('Old outline');
    const old2 = await trashVia('Superseded talking points');
    await page.reload();
    await expect.poll(trashTitles).toEqual(['Superseded talking points', 'Old outline']);
    const unseen = await trashVia('Trashed while the page was open');
    await page.getByRole('button', { name: 'Empty trash' }).click();
    const emptyDialog = page.getByRole('alertdialog', { name: 'Empty the trash?' });
    await emptyDialog.waitFor();
    expect(await emptyDialog.textContent()).toContain('Both briefs here will be deleted for good');
    await screenshot(page, 'trash-empty-dialog');
    await emptyDialog.getByRole('button', { name: 'Delete 2 briefs for good' }).click();
    await page.getByText('2 briefs deleted for good').waitFor();
    await page.getByRole('heading', { name: 'The trash is empty' }).waitFor();
    for (const gone of [old1, old2]) {
      expect((await server.api(`/api/briefs/${gone.id}`, { cookie: ada.cookie })).status).toBe(404);
    }
    expect((await server.api(`/api/briefs/${unseen.id}`, { cookie: ada.cookie })).status).toBe(410);

    // Back to the list: the restored brief opens like any other.
    await page.getByRole('link', { name: 'All briefs' }).click();
    await page.getByRole('link', { name: 'Andean trade corridor' }).click();
    await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });

  it('picks up briefs shared or deleted elsewhere, and recovers when the server answers again', async () => {
    const grace = await createPerson(server, 'grace', 'Grace Hopper');
    const page = await (await signedInContext(browser, server, ada)).newPage();
    const errors = trackPageErrors(page);
    await page.goto(server.url);
    // Titles, not rows: the loading skeleton has rows too.
    await page.locator('.brief-row__title').first().waitFor();
    const before = await rowTitles(page);
    expect(before.length).toBeGreaterThan(0);

    // Grace shares a brief with Ada while Ada's list is open; nothing is pushed.
    const shared = await server.createBrief('Shared from elsewhere', grace.cookie);
    await share(server, shared.id, ada.user.id, 'editor');
    // The list looks again when the window regains focus (and every few seconds).
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => rowTitles(page)).toContain('Shared from elsewhere');
    // Grace deletes it: it leaves Ada's list the same way.
    expect(
      (await server.api(`/api/briefs/${shared.id}`, { method: 'DELETE', cookie: grace.cookie }))
        .status,
    ).toBe(204);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => rowTitles(page)).toEqual(before);

    // The server stops answering (the network is fine): the page says so, then recovers alone.
    await page.route('**/api/briefs**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.getByRole('heading', { name: 'Can’t reach Briefdesk' }).waitFor();
    await screenshot(page, 'briefs-unreachable');
    await page.unroute('**/api/briefs**');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => rowTitles(page)).toEqual(before);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('sorts the list as chosen, remembered in this browser, and searches by words', async () => {
    const mei = await createPerson(server, 'mei', 'Mei Tanaka');
    // Each brief in its own millisecond, so "Date created" has one right order.
    const created: BriefSummary[] = [];
    for (const title of [
      'Zambia debt relief',
      'Água e saneamento no Brasil',
      'Migration options for the summit',
    ]) {
      const previous = created.at(-1)?.createdAt;
      while (previous && new Date().toISOString() <= previous)
        await new Promise((r) => setTimeout(r, 1));
      created.push(await server.createBrief(title, mei.cookie));
    }
    const [zambia, , migration] = created;
    const retitle = async (id: string, title: string) => {
      const res = await server.api(`/api/briefs/${id}`, {
        method: 'PATCH',
        cookie: mei.cookie,
        body: JSON.stringify({ title }),
      });
      expect(res.status).toBe(200);
    };
    // The oldest brief is the last edited: each order differs from the others.
    await retitle(zambia.id, 'Zambia debt relief');

    const context = await signedInContext(browser, server, mei);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(server.url);
    // The first load boots the app: wait for it, not for expect.poll's one second.
    await page.locator('.brief-row').first().waitFor();
    const sort = page.getByRole('combobox', { name: 'Sort by' });
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Zambia debt relief',
        'Migration options for the summit',
        'Água e saneamento no Brasil',
      ]);
    expect(await sort.inputValue()).toBe('edited');

    // Title: A to Z as people read it, "Água" among the A's, not after Z.
    await sort.selectOption({ label: 'Title' });
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Água e saneamento no Brasil',
        'Migration options for the summit',
        'Zambia debt relief',
      ]);
    expect(await page.locator('.briefs__count').textContent()).toBe(
      '3 briefs · last edited just now',
    );

    // Date created: newest first, and each row says when it was created.
    await sort.selectOption({ label: 'Date created' });
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Migration options for the summit',
        'Água e saneamento no Brasil',
        'Zambia debt relief',
      ]);
    expect(await page.locator('.brief-row__meta').first().textContent()).toMatch(
      /^Created just now · edited just now/,
    );
    await screenshot(page, 'briefs-sorted');

    // Remembered in this browser.
    await page.reload();
    await expect.poll(() => sort.inputValue()).toBe('created');
    await expect
      .poll(() => rowTitles(page).then((t) => t[0]))
      .toBe('Migration options for the summit');

    // Search takes words in any order, without accents; results keep the chosen order.
    const search = page.getByRole('searchbox', { name: 'Search briefs by title' });
    await search.fill('summit migration');
    await expect.poll(() => rowTitles(page)).toEqual(['Migration options for the summit']);
    await search.fill('brasil AGUA');
    await expect.poll(() => rowTitles(page)).toEqual(['Água e saneamento no Brasil']);
    await search.fill('l');
    await expect
      .poll(() => rowTitles(page))
      .toEqual(['Água e saneamento no Brasil', 'Zambia debt relief']);

    // A change elsewhere comes in with the background refresh, still in the chosen order.
    await retitle(migration.id, 'Migration options for the Lima summit');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Migration options for the Lima summit',
        'Água e saneamento no Brasil',
        'Zambia debt relief',
      ]);

    await search.fill('');
    await page.setViewportSize({ width: 1024, height: 800 });
    await expect
      .poll(() => page.locator('.briefs__count').textContent())
      .toBe('3 briefs · last edited just now');
    await screenshot(page, 'briefs-sorted-1024');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes your own password from the account menu', async () => {
    const lin = await createPerson(server, 'lin', 'Lin Wei');
    const page = await (await signedInContext(browser, server, lin)).newPage();
    const errors = trackPageErrors(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Account: Lin Wei' }).click();
    await page.getByRole('menuitem', { name: 'Change password…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your password' });
    await dialog.getByLabel('Current password').waitFor();

    // A wrong current password is said beside its field; nothing changes.
    await dialog.getByLabel('Current password').fill('not-my-password');
    await dialog.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await dialog.getByLabel('New password again').fill('a-brand-new-password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('Your current password is not right.').waitFor();
    await screenshot(page, 'change-password-wrong');

    await dialog.getByLabel('Current password').fill(lin.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other devices are signed out.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    // Still signed in here; the new password is the one that works.
    expect((await server.api('/api/session', { cookie: lin.cookie })).status).toBe(200);
    await expect(login(server.url, 'lin', lin.password)).rejects.toThrow(/401/);
    await login(server.url, 'lin', 'a-brand-new-password');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
