/**
 * The Admin screen against the real server: the users table, adding a user
 * whose generated password (shown once) signs them in, resetting a password,
 * disabling and enabling, changing a role, and the audit log with its filter,
 * the briefs its entries name, and "Load more".
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  createPerson,
  newPerson,
  screenshot,
  share,
  signedInContext,
  trackPageErrors,
  withServerAndBrowser,
} from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const PASSWORD_SHAPE = /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/;

describe.skipIf(browserUnavailableReason() !== null)('the admin screen in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
  });

  /** Signs in through the form on a fresh page; resolves once the briefs page shows. */
  async function signInFresh(username: string, password: string): Promise<Page> {
    const page = await (await newPerson(browser)).newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    return page;
  }

  function userRow(page: Page, username: string) {
    return page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  async function rowAction(page: Page, username: string, action: string): Promise<void> {
    await userRow(page, username)
      .getByRole('button', { name: /^Actions for / })
      .click();
    await page.getByRole('menuitem', { name: action }).click();
  }

  // Long: a whole journey through several pages, on a shared CI machine.
  it(
    'the admin screen adds a user and the generated password works for signing in',
    { timeout: 120_000 },
    async () => {
      await createPerson(server, 'grace', 'Grace Hopper', 'manager');
      await createPerson(server, 'linus', 'Linus Pauling');
      const context = await signedInContext(browser, server, { cookie: server.cookie });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      const errors = trackPageErrors(page);

      // From the account menu to the Admin screen.
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Account: Administrator' }).click();
      await page.getByRole('menuitem', { name: 'Admin' }).click();
      await page.waitForURL(`${server.url}/admin`);
      await userRow(page, 'admin').getByText('You').waitFor();
      await userRow(page, 'grace').getByText('Manager').waitFor();
      expect(await page.getByTestId('user-row').count()).toBe(3);
      // One's own account cannot be disabled from here.
      await userRow(page, 'admin')
        .getByRole('button', { name: /^Actions for / })
        .click();
      expect(await page.getByRole('menuitem').allTextContents()).toEqual([
        'Edit name and role',
        'Reset password',
      ]);
      await page.keyboard.press('Escape');

      // Add a user; the generated password is shown once.
      await page.getByRole('button', { name: 'Add user' }).click();
      const add = page.getByRole('dialog', { name: 'Add a user' });
      await add.getByLabel('Username').fill('Ana.Pena');
      await add.getByLabel('Display name').fill('Ana Peña');
      await add.getByLabel('Role').selectOption('staff');
      expect(await add.getByLabel('Generate one and show it to me once').isChecked()).toBe(true);
      await screenshot(page, 'admin-add-user');
      await add.getByRole('button', { name: 'Add user' }).click();
      const added = page.getByRole('dialog', { name: 'Ana Peña was added' });
      await added.waitFor();
      const password = (await added.getByTestId('one-time-secret').textContent()) ?? '';
      expect(password).toMatch(PASSWORD_SHAPE);
      await added.getByRole('button', { name: 'Copy' }).click();
      await added.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
      await screenshot(page, 'admin-user-added');
      await added.getByRole('button', { name: 'Done' }).click();
      await userRow(page, 'ana.pena').getByText('Active').waitFor();
      await screenshot(page, 'admin-users');

      // A taken username is said next to the field.
      await page.getByRole('button', { name: 'Add user' }).click();
      await add.getByLabel('Username').fill('grace');
      await add.getByLabel('Display name').fill('Another Grace');
      await add.getByRole('button', { name: 'Add user' }).click();
      await add.getByText('The username "grace" is taken.').waitFor();
      await add.getByRole('button', { name: 'Cancel' }).click();

      // The generated password signs Ana in.
      const ana = await signInFresh('ana.pena', password);
      await ana.getByRole('heading', { name: 'Briefs', exact: true }).waitFor();
      await ana.getByRole('button', { name: 'Account: Ana Peña' }).waitFor();

      // Reset her password: a new one, shown once; her session ends.
      await rowAction(page, 'ana.pena', 'Reset password');
      const reset = page.getByRole('dialog', { name: 'Reset the password of Ana Peña?' });
      await reset.getByRole('button', { name: 'Reset password' }).click();
      const resetDone = page.getByRole('dialog', { name: 'New password for Ana Peña' });
      const newPassword = (await resetDone.getByTestId('one-time-secret').textContent()) ?? '';
      expect(newPassword).toMatch(PASSWORD_SHAPE);
      expect(newPassword).not.toBe(password);
      await resetDone.getByRole('button', { name: 'Done' }).click();
      await ana.reload();
      await ana.getByRole('heading', { name: 'Sign in to Briefdesk' }).waitFor();
      await ana.getByLabel('Username').fill('ana.pena');
      await ana.getByLabel('Password', { exact: true }).fill(newPassword);
      await ana.getByLabel('Password', { exact: true }).press('Enter');
      await ana.getByRole('button', { name: 'Account: Ana Peña' }).waitFor();

      // Change her role.
      await rowAction(page, 'ana.pena', 'Edit name and role');
      const edit = page.getByRole('dialog', { name: 'Edit Ana Peña' });
      await edit.getByLabel('Role').selectOption('manager');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await userRow(page, 'ana.pena').getByText('Manager').waitFor();

      // Disable (after a confirmation): she cannot sign in; enable again: she can.
      await rowAction(page, 'linus', 'Disable account');
      const confirm = page.getByRole('alertdialog', { name: 'Disable Linus Pauling?' });
      await confirm.getByRole('button', { name: 'Disable account' }).click();
      await userRow(page, 'linus').getByText('Disabled').waitFor();
      const linus = await signInFresh('linus', 'linus-password-123');
      await linus.getByText('That username and password don’t match').waitFor();
      await rowAction(page, 'linus', 'Enable account');
      await userRow(page, 'linus').getByText('Active').waitFor();
      await linus.getByLabel('Password', { exact: true }).fill('linus-password-123');
      await linus.getByLabel('Password', { exact: true }).press('Enter');
      await linus.getByRole('button', { name: 'Account: Linus Pauling' }).waitFor();

      // The audit log: newest first, local times, a filter on actions.
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL(`${server.url}/admin/audit`);
      const rows = page.getByTestId('audit-row');
      await rows.first().waitFor();
      // Newest first: Linus signing in again, after the admin enabled him.
      expect(await rows.first().getAttribute('data-action')).toBe('login');
      expect(await rows.first().textContent()).toContain('Linus Pauling');
      expect(await rows.nth(1).getAttribute('data-action')).toBe('user.enabled');
      await page.locator('[data-action="user.created"]', { hasText: '@ana.pena' }).waitFor();
      await page.getByLabel('Filter the audit log').fill('password');
      await expect
        .poll(() => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action'))))
        .toEqual(['user.password_reset']);
      // By person and action together, every word in any order.
      await page.getByLabel('Filter the audit log').fill('signed linus');
      await expect
        .poll(() =>
          rows.evaluateAll((els) =>
            els.map(
              (el) => `${el.getAttribute('data-action')} ${/Linus/.test(el.textContent ?? '')}`,
            ),
          ),
        )
        .toEqual(['login true', 'login true']);
      await page.getByLabel('Filter the audit log').fill('');
      await screenshot(page, 'admin-audit');

      // Older entries page in with "Load more".
      const brief = await server.createBrief('Audit padding');
      const { users } = (await (await server.api('/api/users')).json()) as {
        users: { id: string; username: string }[];
      };
      const graceId = users.find((u) => u.username === 'grace')!.id;
      for (let i = 0; i < 50; i++) {
        await share(server, brief.id, graceId, i % 2 === 0 ? 'viewer' : 'editor');
      }
      // Entries about a brief name it by its current title: a link while it can be opened.
      await server.api(`/api/briefs/${brief.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ title: 'Padding, renamed' }),
      });
      const binned = await server.createBrief('Binned brief');
      await server.api(`/api/briefs/${binned.id}`, { method: 'DELETE' });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => rows.count()).toBe(50);
      const trashedRow = rows.first();
      expect(await trashedRow.getAttribute('data-action')).toBe('brief.trashed');
      expect(await trashedRow.getByRole('cell').last().textContent()).toBe(
        'Binned brief (in trash)',
      );
      expect(await trashedRow.getByRole('link').count()).toBe(0);
      const renamedRow = rows.nth(1);
      expect(await renamedRow.getAttribute('data-action')).toBe('brief.renamed');
      await renamedRow.getByText('“Audit padding” → “Padding, renamed”').waitFor();
      const sharedRow = rows.nth(2);
      expect(await sharedRow.getAttribute('data-action')).toBe('member.changed');
      expect(
        await sharedRow.getByRole('link', { name: 'Padding, renamed' }).getAttribute('href'),
      ).toBe(`/b/${brief.id}`);
      await screenshot(page, 'admin-audit-briefs');
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(50);
      await page.getByText('That’s the beginning of the log.').waitFor();
      // The oldest entry there is: the admin's first sign-in.
      expect(await rows.last().getAttribute('data-action')).toBe('login');

      // A brief's title in the log opens the brief.
      await rows.nth(2).getByRole('link', { name: 'Padding, renamed' }).click();
      await page.waitForURL(`${server.url}/b/${brief.id}`);
      expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    },
  );
});
