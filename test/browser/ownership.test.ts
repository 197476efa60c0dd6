/**
 * Transferring ownership from the Share dialog, by keyboard: the owner makes
 * a member the owner, confirms, and is left as an editor looking at the
 * read-only list, with the brief's page following the new role.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ListMembersResponse } from '../../shared/api.ts';
import {
  browserUnavailableReason,
  createPerson,
  screenshot,
  signedInContext,
  trackPageErrors,
  waitForEditable,
  withServerAndBrowser,
} from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

describe.skipIf(browserUnavailableReason() !== null)(
  'transferring ownership in the browser',
  () => {
    let server: TestServer;
    let browser: Browser;

    withServerAndBrowser(async (started) => {
      ({ server, browser } = started);
    });

    it(
      'the owner makes a member the owner and stays on as an editor',
      { timeout: 90_000 },
      async () => {
        const olga = await createPerson(server, 'olga', 'Olga Owens');
        const dana = await createPerson(server, 'dana', 'Dana Reyes');
        const brief = await server.createBrief('Harbour strike', olga.cookie);
        const shared = await server.api(`/api/briefs/${brief.id}/members/${dana.user.id}`, {
          method: 'PUT',
          body: JSON.stringify({ role: 'editor' }),
          cookie: olga.cookie,
        });
        expect(shared.status).toBe(200);

        const page = await (await signedInContext(browser, server, olga)).newPage();
        const errors = trackPageErrors(page);
        await page.goto(`${server.url}/b/${brief.id}`);
        await waitForEditable(page);
        await page.getByRole('button', { name: 'Share' }).click();
        const share = page.getByRole('dialog', { name: 'Share “Harbour strike”' });
        const danaRole = share.getByRole('combobox', { name: 'Role for Dana Reyes' });
        await danaRole.waitFor();

        // Arrows and End on the closed select open its list rather than set each role
        // on the way (nor land on "Make owner…" by accident).
        await danaRole.focus();
        for (const key of ['ArrowDown', 'ArrowUp', 'End', 'Home']) {
          await danaRole.press(key);
          expect(await danaRole.inputValue()).toBe('editor');
        }
        expect(await page.getByRole('alertdialog').count()).toBe(0);
        // The role select's last option, chosen.
        await danaRole.selectOption('make-owner');
        const confirm = page.getByRole('alertdialog', { name: 'Make Dana Reyes the owner?' });
        await confirm.waitFor();
        expect(await confirm.textContent()).toContain(
          'Dana Reyes will own this brief and can share, delete and restore it. You will stay on as an editor',
        );
        // Nothing changed yet: the select still shows her role.
        expect(await danaRole.inputValue()).toBe('editor');
        // Cancel has focus (the safe default); the action is one Tab away.
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.textContent))
          .toBe('Cancel');
        await screenshot(page, 'transfer-ownership-confirm');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');

        // The dialog turns into the read-only list, with Dana as the owner.
        const people = page.getByRole('dialog', { name: 'People on “Harbour strike”' });
        // Sooner than the brief's 5 s poll would bring the new role: the transfer itself asks.
        await people.waitFor({ timeout: 3_000 });
        await confirm.waitFor({ state: 'detached' });
        const row = (username: string) =>
          people.locator(`[data-testid="member-row"][data-username="${username}"]`);
        await expect.poll(() => row('dana').locator('.member__role').textContent()).toBe('Owner');
        expect(await row('olga').locator('.member__role').textContent()).toBe('Editor');
        expect(await people.getByRole('combobox').count()).toBe(0);
        await page.getByText('Dana Reyes now owns this brief').waitFor();
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.textContent))
          .toBe('Done');
        await screenshot(page, 'transfer-ownership-done');

        // The server agrees, and the page follows: "People" instead of "Share", still editable.
        const members = (await (
          await server.api(`/api/briefs/${brief.id}/members`)
        ).json()) as ListMembersResponse;
        expect(Object.fromEntries(members.members.map((m) => [m.user.username, m.role]))).toEqual({
          olga: 'editor',
          dana: 'owner',
        });
        await page.keyboard.press('Enter');
        await people.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'People' }).waitFor();
        expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0);
        await waitForEditable(page);
        expect(errors).toEqual([]);
      },
    );

    it(
      'an admin is told who stays on, and a refused transfer stays in the dialog, changing nothing',
      { timeout: 90_000 },
      async () => {
        const owen = await createPerson(server, 'owen', 'Owen Park');
        const sam = await createPerson(server, 'sam', 'Sam Ortiz');
        const brief = await server.createBrief('Port levies', owen.cookie);
        const shared = await server.api(`/api/briefs/${brief.id}/members/${sam.user.id}`, {
          method: 'PUT',
          body: JSON.stringify({ role: 'viewer' }),
          cookie: owen.cookie,
        });
        expect(shared.status).toBe(200);

        const page = await (
          await signedInContext(browser, server, { cookie: server.cookie })
        ).newPage();
        const errors = trackPageErrors(page);
        await page.goto(`${server.url}/b/${brief.id}`);
        await page.getByRole('button', { name: 'Share' }).click();
        const share = page.getByRole('dialog', { name: 'Share “Port levies”' });
        const samRole = share.getByRole('combobox', { name: 'Role for Sam Ortiz' });
        await samRole.waitFor();
        await samRole.focus();
        await samRole.selectOption('make-owner');
        const confirm = page.getByRole('alertdialog', { name: 'Make Sam Ortiz the owner?' });
        await confirm.waitFor();
        expect(await confirm.textContent()).toContain(
          'Sam Ortiz will own this brief and can share, delete and restore it. Owen Park, who owns it now, will stay on as an editor.',
        );

        // Sam's account is disabled while the question is open: the server refuses.
        const disabled = await server.api(`/api/users/${sam.user.id}`, {
          method: 'PATCH',
          body: '{"disabled":true}',
        });
        expect(disabled.status).toBe(200);
        await confirm.getByRole('button', { name: 'Make owner' }).click();
        await confirm
          .getByRole('alert')
          .filter({ hasText: 'Couldn’t make Sam Ortiz the owner: No such user.' })
          .waitFor();
        await screenshot(page, 'transfer-ownership-refused');
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        await confirm.waitFor({ state: 'detached' });
        // Nothing changed, here or on the server; focus is back on the select.
        expect(await samRole.inputValue()).toBe('viewer');
        await expect.poll(() => samRole.evaluate((el) => el === document.activeElement)).toBe(true);
        const row = share.locator('[data-testid="member-row"][data-username="owen"]');
        expect(await row.locator('.member__role').textContent()).toBe('Owner');
        const members = (await (
          await server.api(`/api/briefs/${brief.id}/members`)
        ).json()) as ListMembersResponse;
        expect(Object.fromEntries(members.members.map((m) => [m.user.username, m.role]))).toEqual({
          owen: 'owner',
          sam: 'viewer',
        });
        // The refused POST is logged by the browser itself; nothing else may be.
        expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
      },
    );
  },
);
