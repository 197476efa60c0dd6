/**
 * The designed states people meet less often — loading, errors, a brief that
 * is deleted while open, a missing brief — plus the editor's dialogs and
 * contextual tools. Each is asserted and screenshotted for review.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  launchBrowser,
  newPerson,
  screenshot,
  trackPageErrors,
  waitForEditorText,
  waitForSaveState,
} from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(browserUnavailableReason() !== null)('designed states in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('briefs page: name dialog, loading skeleton, error with retry', async () => {
    await server.createBrief('Energy security outlook 2027');
    await server.createBrief('Water security in the Sahel');
    const page = await (await newPerson(browser, { serviceWorkers: 'block' })).newPage();
    const errors = trackPageErrors(page);

    await page.goto(server.url);
    const dialog = page.getByRole('dialog', { name: 'Welcome to Briefdesk' });
    await dialog.waitFor();
    // The first-visit dialog cannot be dismissed without a name.
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Start writing' }).click();
    await dialog.getByText('Enter a name so others know who is writing.').waitFor();
    await screenshot(page, 'name-dialog');

    // Hold the list request to see the skeleton, then fail it to see the error state.
    let release: (() => void) | null = null;
    const held = new Promise<void>((resolve) => (release = resolve));
    let failing = false;
    await page.route('**/api/briefs', async (route) => {
      if (failing) {
        await route.fulfill({
          status: 500,
          json: { error: { code: 'internal', message: 'The database is unavailable.' } },
        });
        return;
      }
      await held;
      await route.continue();
    });
    await dialog.getByLabel('Your name').fill('Ada Lovelace');
    await dialog.getByLabel('Your name').press('Enter');
    await page.getByRole('list', { name: 'Loading briefs' }).waitFor();
    await screenshot(page, 'briefs-loading');
    release!();
    await page.getByRole('link', { name: 'Water security in the Sahel' }).waitFor();

    failing = true;
    await page.reload();
    await page.getByRole('heading', { name: 'Couldn’t load your briefs' }).waitFor();
    await page.getByText('The database is unavailable.').waitFor();
    await screenshot(page, 'briefs-error');
    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: 'Water security in the Sahel' }).waitFor();

    // Unknown routes get a page, not a blank screen.
    await page.goto(`${server.url}/nowhere/at/all`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto(`${server.url}/b/NoSuchBrief123`);
    await page.getByRole('heading', { name: 'This brief doesn’t exist' }).waitFor();
    await screenshot(page, 'brief-missing');
    expect(
      errors.filter((e) => !e.includes('status of 500') && !e.includes('status of 404')),
    ).toEqual([]);
  });

  it('brief page: connecting, link dialog, table tools, name change, deleted while open', async () => {
    const brief = await server.createBrief('Migration options for the summit');
    const context = await newPerson(browser, { name: 'Ada Lovelace' });

    // A socket that opens but never answers: the status says so.
    const stuck = await context.newPage();
    await stuck.routeWebSocket(/\/collab\//, () => {});
    await stuck.goto(`${server.url}/b/${brief.id}`);
    await waitForSaveState(stuck, 'connecting');
    await expect.poll(() => stuck.getByTestId('save-status').textContent()).toBe('Connecting…');
    await stuck
      .getByRole('complementary', { name: 'Cards' })
      .getByText('Sources and cards will appear here')
      .waitFor();
    await screenshot(stuck, 'brief-connecting');
    await stuck.close();

    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForSaveState(page, 'saved');

    const editor = page.locator('.ProseMirror');
    await editor.click();
    await page.keyboard.type('Options');
    await page.getByRole('button', { name: 'Heading 1' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Heading 1' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('See the UNHCR report for the figures.');

    // Mod-K on a selection opens the link dialog; a bare domain becomes https.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+k');
    const linkDialog = page.getByRole('dialog', { name: 'Add link' });
    await linkDialog.waitFor();
    await linkDialog.getByLabel('Web address').fill('javascript:alert(1)');
    await linkDialog.getByLabel('Web address').press('Enter');
    await linkDialog
      .getByText('Links must be web (http, https) or email (mailto) addresses.')
      .waitFor();
    await linkDialog.getByLabel('Web address').fill('unhcr.org/global-trends');
    await screenshot(page, 'link-dialog');
    await linkDialog.getByLabel('Web address').press('Enter');
    await linkDialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => editor.locator('a').getAttribute('href'))
      .toBe('https://unhcr.org/global-trends');
    // Focus is back in the text, so typing goes on where it was.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror')))
      .toBe(true);

    // Table tools appear only inside a table. (TipTap restores focus in an animation
    // frame; let it pass so the keys below act on the caret, not on the old selection.)
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Add row below' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Insert table' }).click();
    await page.keyboard.type('Route');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Arrivals');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Change');
    await page.getByRole('button', { name: 'Add row below' }).click();
    await expect.poll(() => editor.locator('tr').count()).toBe(4);
    await screenshot(page, 'table-tools');
    // Collaboration undo groups changes made within half a second, so undo may take
    // back the whole table; redo brings back exactly what was there.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editor.locator('tr').count()).toBeLessThan(4);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => editor.locator('tr').count()).toBe(4);
    await waitForSaveState(page, 'saved');

    // The toolbar is one Tab stop with arrow-key movement.
    await page.getByRole('button', { name: 'Bold' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Italic');
    const tabStops = await page
      .getByRole('toolbar', { name: 'Formatting' })
      .locator('button[tabindex="0"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(tabStops).toEqual(['Italic']);

    // Changing one's name updates presence (and everyone's caret label).
    await page.getByRole('button', { name: /Change name/ }).click();
    const nameDialog = page.getByRole('dialog', { name: 'Change your name' });
    await nameDialog.getByLabel('Your name').fill('Ada King');
    await screenshot(page, 'name-change-dialog');
    await nameDialog.getByLabel('Your name').press('Enter');
    await expect
      .poll(() => page.getByTestId('presence-avatar').first().getAttribute('aria-label'))
      .toBe('Ada King (you)');

    // Deleted elsewhere while open: a clear message, no more editing, no reconnecting.
    const res = await fetch(`${server.url}/api/briefs/${brief.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    await waitForSaveState(page, 'error');
    await expect
      .poll(() => page.getByTestId('save-status').textContent())
      .toBe('This brief was deleted');
    await page.getByRole('alert').getByText('This brief was deleted.').waitFor();
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
    await waitForEditorText(page, 'See the UNHCR report');
    await screenshot(page, 'brief-deleted');
    expect(errors).toEqual([]);
  });
});
