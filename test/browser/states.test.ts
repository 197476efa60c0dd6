/**
 * The designed states people meet less often — the session check, sign-in
 * errors (wrong password, rate limit, server out of reach), loading, errors,
 * a brief that is deleted while open, a missing or unshared brief — plus the
 * editor's dialogs, contextual tools and the account menu. Each is asserted
 * and screenshotted for review.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  createPerson,
  newPerson,
  screenshot,
  signedInContext,
  trackPageErrors,
  waitForEditable,
  waitForEditorText,
  waitForSaveState,
  type TestPerson,
  withServerAndBrowser,
} from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

describe.skipIf(browserUnavailableReason() !== null)('designed states in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestPerson;

  withServerAndBrowser(
    async (started) => {
      ({ server, browser } = started);
      ada = await createPerson(server, 'ada', 'Ada Lovelace');
    },
    // A short failed-sign-in window, so the rate-limited form can be seen to recover.
    { env: { LOGIN_WINDOW_SECONDS: '4' } },
  );

  // Long: a whole journey through several pages, on a shared CI machine.
  it(
    'sign-in and briefs page: loading, wrong password, rate limit, unreachable, list errors',
    { timeout: 120_000 },
    async () => {
      await server.createBrief('Energy security outlook 2027', ada.cookie);
      await server.createBrief('Water security in the Sahel', ada.cookie);
      const page = await (await newPerson(browser, { serviceWorkers: 'block' })).newPage();
      const errors = trackPageErrors(page);

      // The session check comes first, with a quiet designed wait.
      let releaseSession: (() => void) | null = null;
      const sessionHeld = new Promise<void>((resolve) => (releaseSession = resolve));
      await page.route('**/api/session', async (route) => {
        if (route.request().method() === 'GET') await sessionHeld;
        await route.continue();
      });
      await page.goto(server.url);
      await page.getByRole('status', { name: 'Opening Briefdesk' }).waitFor();
      await screenshot(page, 'session-loading');
      releaseSession!();

      // Not signed in: the sign-in page, username focused.
      const heading = page.getByRole('heading', { name: 'Sign in to Briefdesk' });
      await heading.waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');
      const username = page.getByLabel('Username');
      const password = page.getByLabel('Password', { exact: true });
      await expect.poll(() => username.evaluate((el) => el === document.activeElement)).toBe(true);
      await screenshot(page, 'sign-in');

      // Enter with nothing typed says what is missing.
      await username.press('Enter');
      await page.getByRole('alert').getByText('Enter your username.').waitFor();

      // Wrong password: a clear message, the password cleared and focused for another try.
      await username.fill('ada');
      await password.fill('not-her-password');
      await password.press('Enter');
      await page.getByRole('alert').getByText('That username and password don’t match').waitFor();
      expect(await password.inputValue()).toBe('');
      await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'sign-in-wrong-password');

      // Too many failures for one account: the wait, counting down, and no submitting meanwhile.
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${server.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'mallory', password: 'guess-number-' + i }),
        });
        expect(res.status).toBe(401);
      }
      await username.fill('mallory');
      await password.fill('one-more-guess');
      await password.press('Enter');
      const limited = page.getByTestId('sign-in-rate-limited');
      // Announced once with the wait; the visible text counts down.
      await limited
        .getByRole('alert')
        .filter({ hasText: /^Too many failed sign-ins\. Try again in \d+ seconds?\.$/ })
        .waitFor();
      const submit = page.getByRole('button', { name: 'Sign in' });
      expect(await submit.isDisabled()).toBe(true);
      await screenshot(page, 'sign-in-rate-limited');
      // The window is short in this server; when it has passed, the form works again.
      await limited.getByText('You can try signing in again now.').waitFor({ timeout: 15_000 });
      expect(await submit.isDisabled()).toBe(false);

      // The server out of reach says so, not "wrong password".
      await page.route('**/api/session', (route) =>
        route.request().method() === 'POST'
          ? route.abort('internetdisconnected')
          : route.continue(),
      );
      await username.fill('ada');
      await password.fill(ada.password);
      await password.press('Enter');
      await page.getByRole('alert').getByText('Can’t reach Briefdesk').waitFor();
      await screenshot(page, 'sign-in-unreachable');
      await page.unroute('**/api/session');

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
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('list', { name: 'Loading briefs' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
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

      // Unknown routes get a page, not a blank screen; so do briefs one may not open.
      await page.goto(`${server.url}/nowhere/at/all`);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await page.goto(`${server.url}/b/NoSuchBrief123`);
      await page.getByRole('heading', { name: 'This brief doesn’t exist' }).waitFor();
      await screenshot(page, 'brief-missing');
      const secret = await server.createBrief('Not shared with Ada');
      await page.goto(`${server.url}/b/${secret.id}`);
      await page.getByRole('heading', { name: 'You don’t have access to this brief' }).waitFor();
      await screenshot(page, 'brief-no-access');
      // The admin screen is for admins.
      await page.goto(`${server.url}/admin`);
      await page.getByRole('heading', { name: 'Only administrators can go here' }).waitFor();
      expect(errors.filter((e) => !isExpectedHttpNoise(e))).toEqual([]);
    },
  );

  // Long: a whole journey through several pages, on a shared CI machine.
  it(
    'brief page: connecting, link dialog, table tools, user menu, deleted while open',
    { timeout: 120_000 },
    async () => {
      const brief = await server.createBrief('Migration options for the summit', ada.cookie);
      const context = await signedInContext(browser, server, ada);

      // A socket that opens but never answers: the status says so.
      const stuck = await context.newPage();
      await stuck.routeWebSocket(/\/collab\//, () => {});
      await stuck.goto(`${server.url}/b/${brief.id}`);
      await waitForSaveState(stuck, 'connecting');
      await expect.poll(() => stuck.getByTestId('save-status').textContent()).toBe('Connecting…');
      // The cards column is there while the document connects.
      await stuck.getByRole('complementary', { name: /^Cards/ }).waitFor();
      await screenshot(stuck, 'brief-connecting');
      await stuck.close();

      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await page.goto(`${server.url}/b/${brief.id}`);
      await waitForSaveState(page, 'saved');

      const editor = page.locator('.ProseMirror');
      await waitForEditable(page);
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

      // Table tools appear only inside a table. The caret goes after the paragraph by a
      // click past its end: keys pressed right after the dialog closes can race TipTap
      // restoring the old selection (in an animation frame), and Enter would then
      // replace the selected sentence.
      const paragraph = editor.locator('p', { hasText: 'See the UNHCR report' });
      const box = (await paragraph.boundingBox())!;
      await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
      await page.keyboard.press('End');
      // ProseMirror reads the DOM selection asynchronously; Enter must see the caret.
      await expect.poll(() => caretAtBlockEnd(page)).toBe(true);
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

      // The person is the account: presence shows its display name, the menu its role.
      await expect
        .poll(() => page.getByTestId('presence-avatar').first().getAttribute('aria-label'))
        .toBe('Ada Lovelace (you)');
      const accountButton = page.getByRole('button', { name: 'Account: Ada Lovelace' });
      await accountButton.click();
      const menu = page.getByRole('menu', { name: 'Account' });
      await menu.getByText('@ada · Staff').waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Change password…');
      // No Admin entry for staff.
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
        'Change password…',
        'Sign out',
      ]);
      await screenshot(page, 'user-menu');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Account: Ada Lovelace');

      // Trashed elsewhere while open: a clear message, no more editing, no reconnecting.
      const res = await server.api(`/api/briefs/${brief.id}`, { method: 'DELETE' });
      expect(res.status).toBe(204);
      await waitForSaveState(page, 'error');
      await expect
        .poll(() => page.getByTestId('save-status').textContent())
        .toBe('This brief was moved to the trash');
      await page.getByRole('alert').getByText('This brief was moved to the trash.').waitFor();
      await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
      await waitForEditorText(page, 'See the UNHCR report');
      await screenshot(page, 'brief-deleted');
      // A request in flight when the brief went (the role poll, say) is answered 410, the
      // answer the page handles above; Chromium logs any 4xx resource as a console error.
      expect(errors.filter((e) => !e.includes('status of 410'))).toEqual([]);
    },
  );
});

/** The editor's own selection (not the DOM's) is a caret at the end of its block. */
function caretAtBlockEnd(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    type Sel = {
      empty: boolean;
      $from: { parentOffset: number; parent: { content: { size: number } } };
    };
    // TipTap puts its editor on the view's DOM node.
    const dom = document.querySelector('.ProseMirror') as
      (Element & { editor?: { state: { selection: Sel } } }) | null;
    const selection = dom?.editor?.state.selection;
    return (
      !!selection &&
      selection.empty &&
      selection.$from.parentOffset === selection.$from.parent.content.size
    );
  });
}

/** Failed requests the browser logs; in these tests they are the point. */
function isExpectedHttpNoise(error: string): boolean {
  return (
    /Failed to load resource: the server responded with a status of (401|403|404|429|500)/.test(
      error,
    ) || error.includes('ERR_INTERNET_DISCONNECTED')
  );
}
