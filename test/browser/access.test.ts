/**
 * Accounts and access in the browser: signing in through the form, sharing a
 * brief from the Share dialog, a viewer who sees the brief read-only (and the
 * server keeping its text unchanged), role changes that reach an open brief
 * live, removal, and a session that ends while a brief is open.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MemberSummary } from '../../shared/api.ts';
import {
  browserUnavailableReason,
  createPerson,
  editorText,
  newPerson,
  screenshot,
  signedInContext,
  trackPageErrors,
  waitForEditable,
  waitForEditorText,
  waitForSaveState,
  withServerAndBrowser,
  caretTo,
} from '../helpers/browser.ts';
import { ADMIN_PASSWORD, storedDoc, type TestServer } from '../helpers/server.ts';

/** The read-only roles learn of role changes by polling every 5 s; allow for two polls. */
const ROLE_CHANGE_TIMEOUT = 15_000;

describe.skipIf(browserUnavailableReason() !== null)('accounts and access in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
  });

  async function storedText(briefId: string): Promise<string> {
    return (await storedDoc(server.storage, briefId)).getXmlFragment('default').toString();
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in to Briefdesk' }).waitFor();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
  }

  // Long: a whole journey through several pages, on a shared CI machine.
  it(
    'log in, share a brief with a second user as viewer, and that user sees it read-only',
    { timeout: 120_000 },
    async () => {
      const grace = await createPerson(server, 'grace', 'Grace Hopper');

      // The admin signs in through the form and lands on the briefs page.
      const admin = await (await newPerson(browser)).newPage();
      const adminErrors = trackPageErrors(admin);
      await admin.goto(server.url);
      await signIn(admin, 'admin', ADMIN_PASSWORD);
      await admin.getByRole('heading', { name: 'Briefs', exact: true }).waitFor();
      expect(new URL(admin.url()).pathname).toBe('/');

      // A new brief, titled and written in.
      await admin.getByRole('button', { name: 'New brief' }).first().click();
      await admin.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
      const briefId = new URL(admin.url()).pathname.split('/').pop()!;
      const title = admin.getByRole('textbox', { name: 'Brief title' });
      await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
      await admin.keyboard.type('Energy security outlook');
      await admin.keyboard.press('Enter');
      // Enter hands over to the text (focus moves in an animation frame).
      await expect
        .poll(() => admin.evaluate(() => document.activeElement?.classList.contains('ProseMirror')))
        .toBe(true);
      await admin.keyboard.type('Gas storage is at 92% ahead of winter.');
      await waitForSaveState(admin, 'saved');

      // Share: pick Grace from the searchable list, as a viewer.
      await admin.getByRole('button', { name: 'Share' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Share “Energy security outlook”' });
      await dialog.waitFor();
      const owner = dialog.getByTestId('member-row').first();
      await owner.getByText('Administrator (you)').waitFor();
      await owner.getByText('Owner').waitFor();
      const picker = dialog.getByRole('combobox', { name: 'Person to add', exact: true });
      await picker.fill('gra');
      await dialog.getByRole('option', { name: /Grace Hopper/ }).click();
      await dialog.getByLabel('Role for the person to add').selectOption('viewer');
      await screenshot(admin, 'share-dialog-adding');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      const graceRow = dialog.locator('[data-testid="member-row"][data-username="grace"]');
      await graceRow.waitFor();
      const graceRole = graceRow.getByLabel('Role for Grace Hopper');
      expect(await graceRole.inputValue()).toBe('viewer');
      await admin.getByText('Added Grace Hopper as a viewer').waitFor();
      expect(await members(briefId)).toEqual([
        ['admin', 'owner'],
        ['grace', 'viewer'],
      ]);
      // Grace is a member now, so the list no longer offers her.
      await picker.fill('gra');
      await dialog.getByText('Everyone already has access.').waitFor();
      await screenshot(admin, 'share-dialog');
      // Esc closes the picker's list first, and only then the dialog.
      await picker.press('Escape');
      await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('false');
      expect(await dialog.isVisible()).toBe(true);

      // Grace opens the brief: the text, read-only, and said so.
      const gracePage = await (await signedInContext(browser, server, grace)).newPage();
      const graceErrors = trackPageErrors(gracePage);
      await gracePage.goto(`${server.url}/b/${briefId}`);
      const badge = gracePage.getByTestId('read-only-badge');
      await badge.waitFor();
      const badgeLabel = badge.locator('.readonly-badge__label');
      expect(await badgeLabel.textContent()).toBe('View only');
      await waitForEditorText(gracePage, 'Gas storage is at 92% ahead of winter.');
      await waitForSaveState(gracePage, 'saved');
      expect(await gracePage.getByTestId('save-status').textContent()).toBe('Up to date');
      const graceEditor = gracePage.locator('.ProseMirror');
      expect(await graceEditor.getAttribute('contenteditable')).toBe('false');
      expect(await graceEditor.getAttribute('aria-readonly')).toBe('true');
      // The title is text, not a field.
      expect(await gracePage.getByRole('textbox', { name: 'Brief title' }).count()).toBe(0);
      await gracePage.getByRole('heading', { name: 'Energy security outlook' }).waitFor();
      // Every editing control in the toolbar is disabled.
      const tools = gracePage.getByRole('toolbar', { name: 'Formatting' }).locator('button');
      expect(await tools.count()).toBeGreaterThan(10);
      expect(
        await tools.evaluateAll((els) => els.filter((el) => !(el as HTMLButtonElement).disabled)),
      ).toEqual([]);

      // Typing changes nothing, here or on the server; Mod-K opens no link dialog.
      await graceEditor.click();
      await gracePage.keyboard.type('Grace was here');
      await gracePage.keyboard.press('Enter');
      await gracePage.keyboard.press('Backspace');
      await gracePage.keyboard.press('Control+k');
      expect(await gracePage.getByRole('dialog').count()).toBe(0);
      expect(await editorText(gracePage)).toBe('Gas storage is at 92% ahead of winter.');
      await gracePage.waitForTimeout(1_000); // give anything wrongly sent time to land
      const stored = await storedText(briefId);
      expect(stored).toContain('Gas storage is at 92% ahead of winter.');
      expect(stored).not.toContain('Grace was here');
      expect(await editorText(admin)).toBe('Gas storage is at 92% ahead of winter.');
      await screenshot(gracePage, 'read-only-viewer');

      // Her briefs list shows her role, with no rename or delete.
      const list = await gracePage.context().newPage();
      await list.goto(server.url);
      const row = list.locator('.brief-row', { hasText: 'Energy security outlook' });
      await row.locator('.role-badge[data-role="viewer"]').waitFor();
      expect(await row.locator('.brief-row__actions button').count()).toBe(0);
      await list.close();

      // A viewer sees who has access, read-only.
      await gracePage.getByRole('button', { name: 'People' }).click();
      const people = gracePage.getByRole('dialog', { name: 'People on “Energy security outlook”' });
      await people.getByText('Grace Hopper (you)').waitFor();
      expect(await people.getByRole('combobox').count()).toBe(0);
      expect(await people.locator('select').count()).toBe(0);
      await screenshot(gracePage, 'members-read-only');
      await people.getByRole('button', { name: 'Done' }).click();

      // The only failed request: the session check before signing in (401).
      expect(adminErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
      expect(graceErrors.filter((e) => !e.includes('status of 403'))).toEqual([]);
    },
  );

  it(
    'role changes reach an open brief live: promoted, demoted, removed',
    { timeout: 120_000 },
    async () => {
      // Set up over HTTP: the UI for this was covered above.
      const grace = await createPerson(server, 'grace.h', 'Grace Hopper');
      const brief = await server.createBrief('Gas storage outlook');
      const res = await server.api(`/api/briefs/${brief.id}/members/${grace.user.id}`, {
        method: 'PUT',
        body: JSON.stringify({ role: 'viewer' }),
      });
      expect(res.status).toBe(200);

      const admin = await (
        await signedInContext(browser, server, { cookie: server.cookie })
      ).newPage();
      const adminErrors = trackPageErrors(admin);
      await admin.goto(`${server.url}/b/${brief.id}`);
      await waitForSaveState(admin, 'saved');
      await waitForEditable(admin);
      await admin.locator('.ProseMirror').click();
      await admin.keyboard.type('Gas storage is at 92% ahead of winter.');
      await waitForSaveState(admin, 'saved');

      const gracePage = await (await signedInContext(browser, server, grace)).newPage();
      const graceErrors = trackPageErrors(gracePage);
      await gracePage.goto(`${server.url}/b/${brief.id}`);
      const badge = gracePage.getByTestId('read-only-badge');
      const badgeLabel = badge.locator('.readonly-badge__label');
      await badge.waitFor();
      await waitForEditorText(gracePage, 'Gas storage is at 92% ahead of winter.');
      const graceEditor = gracePage.locator('.ProseMirror');

      // The owner changes roles in the Share dialog.
      await admin.getByRole('button', { name: 'Share' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Share “Gas storage outlook”' });
      const graceRow = dialog.locator('[data-testid="member-row"][data-username="grace.h"]');
      const graceRole = graceRow.getByLabel('Role for Grace Hopper');
      await graceRow.waitFor();

      // Promoted live: the open brief turns editable without a reload.
      await graceRole.selectOption('editor');
      await admin.getByText('Grace Hopper is now an editor').waitFor();
      await badge.waitFor({ state: 'detached', timeout: ROLE_CHANGE_TIMEOUT });
      await expect.poll(() => graceEditor.getAttribute('contenteditable')).toBe('true');
      await gracePage.getByRole('textbox', { name: 'Brief title' }).waitFor();
      await caretTo(graceEditor, 'end');
      await gracePage.keyboard.type(' Prices remain volatile.');
      await waitForSaveState(gracePage, 'saved');
      await waitForEditorText(admin, 'Prices remain volatile.');

      // Demoted to reviewer: read-only again, with the reviewer's wording.
      await graceRole.selectOption('reviewer');
      await expect
        .poll(() => badgeLabel.textContent({ timeout: 1_000 }).catch(() => ''), {
          timeout: ROLE_CHANGE_TIMEOUT,
        })
        .toBe('Reviewing — read only');
      expect(await graceEditor.getAttribute('contenteditable')).toBe('false');
      await screenshot(gracePage, 'read-only-reviewer');

      // Removed: a clear message instead of the brief.
      await graceRow.getByRole('button', { name: 'Remove Grace Hopper' }).click();
      await graceRow.waitFor({ state: 'detached' });
      await gracePage
        .getByRole('heading', { name: 'You no longer have access' })
        .waitFor({ timeout: ROLE_CHANGE_TIMEOUT });
      await screenshot(gracePage, 'access-removed');
      expect(await members(brief.id)).toEqual([['admin', 'owner']]);

      expect(adminErrors).toEqual([]);
      expect(graceErrors.filter((e) => !e.includes('status of 403'))).toEqual([]);
    },
  );

  it('a session that ends while a brief is open comes back to it after signing in', async () => {
    const ada = await createPerson(server, 'ada', 'Ada Lovelace');
    const brief = await server.createBrief('Session brief', ada.cookie);
    const page = await (await signedInContext(browser, server, ada)).newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForSaveState(page, 'saved');
    await waitForEditable(page);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Before the session ended.');
    await waitForSaveState(page, 'saved');

    // Signed out elsewhere: the server closes the socket (4401) and the sign-in page
    // takes over, keeping where Ada was.
    const res = await server.api('/api/session', { method: 'DELETE', cookie: ada.cookie });
    expect(res.status).toBe(204);
    await page.getByRole('heading', { name: 'Sign in to Briefdesk' }).waitFor({ timeout: 15_000 });
    const url = new URL(page.url());
    expect(url.pathname).toBe('/signin');
    expect(url.searchParams.get('next')).toBe(`/b/${brief.id}`);
    await page.getByText('Your session has ended.').waitFor();
    // Her username is kept; the password field has the focus.
    expect(await page.getByLabel('Username').inputValue()).toBe('ada');
    const password = page.getByLabel('Password', { exact: true });
    await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'sign-in-session-ended');

    await password.fill(ada.password);
    await password.press('Enter');
    await page.waitForURL(`${server.url}/b/${brief.id}`);
    await waitForEditorText(page, 'Before the session ended.');
    await waitForSaveState(page, 'saved');

    // Sign out from the account menu: the sign-in page, and the session is gone.
    await page.getByRole('button', { name: 'Account: Ada Lovelace' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Briefdesk' }).waitFor();
    await page.getByText('You’re signed out.').waitFor();
    expect(page.url()).toBe(`${server.url}/signin`);
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  async function members(briefId: string): Promise<[string, string][]> {
    const res = await server.api(`/api/briefs/${briefId}/members`);
    const body = (await res.json()) as { members: MemberSummary[] };
    return body.members
      .map((m): [string, string] => [m.user.username, m.role])
      .sort((a, b) => a[0].localeCompare(b[0]));
  }
});
