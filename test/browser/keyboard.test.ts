/**
 * Keyboard focus through the controls that change or replace themselves: a
 * focus ring on every button style, and focus that stays with the person when
 * the control they pressed is swapped, disabled or removed — where a browser
 * would otherwise drop it on the page and make them find their place again.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  createPerson,
  screenshot,
  signedInContext,
  trackPageErrors,
  waitForEditable,
  waitForSaveState,
  withServerAndBrowser,
  type TestPerson,
} from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

/** What has focus, by accessible name (aria-label first, then text). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim();
  });
}

/** Whether the focused element shows the focus ring (the ring's colour in its box-shadow). */
function showsFocusRing(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return !!el && getComputedStyle(el).boxShadow.includes('rgba(47, 86, 211, 0.55)');
  });
}

/** Presses Tab until `name` has focus (at most `max` times). */
async function tabTo(page: Page, name: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === name) return;
  }
  throw new Error(`"${name}" never took focus; last: ${await focused(page)}`);
}

describe.skipIf(browserUnavailableReason() !== null)('keyboard focus', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestPerson;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    ada = await createPerson(server, 'ada', 'Ada Lovelace', 'manager');
  });

  it('stays on the control through Hide and Show cards, and every button shows its ring', async () => {
    const brief = await server.createBrief('Andean trade routes', ada.cookie);
    const page = await (await signedInContext(browser, server, ada)).newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForEditable(page);

    // A secondary button (History) shows the ring like the primary one (Share).
    await page.getByRole('button', { name: 'History' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('History');
    // Polled: the ring fades in (a 120 ms transition).
    await expect.poll(() => showsFocusRing(page)).toBe(true);

    await page.getByRole('button', { name: 'Hide cards' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Show cards');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Hide cards');
    expect(errors).toEqual([]);
  });

  it('keeps focus on Approve as it becomes Approved', async () => {
    const brief = await server.createBrief('Port security in Ecuador', ada.cookie);
    const page = await (await signedInContext(browser, server, ada)).newPage();
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForEditable(page);
    await page.locator('.tiptap').click();
    await page.keyboard.type('Guayaquil port inspections doubled this year.');
    // Named once the text is stored: a version missing the last keystrokes would be
    // "changed" as soon as they arrive, and the button would offer Approve again.
    await waitForSaveState(page, 'saved');
    const saved = await server.api(`/api/briefs/${brief.id}/revisions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'For approval' }),
      cookie: ada.cookie,
    });
    expect(saved.status).toBe(201);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('option', { name: /For approval/ }).click();
    const approve = page.getByRole('button', { name: 'Approve this version' });
    await approve.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Approved');
    await screenshot(page, 'keyboard-approved');
  });

  it('keeps focus in the list after Clear search and in the Share dialog on the person field', async () => {
    await server.createBrief('Darién crossing figures', ada.cookie);
    const page = await (await signedInContext(browser, server, ada)).newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('searchbox', { name: 'Search briefs by title' }).fill('zzz-nothing');
    await page.getByText('No briefs match').waitFor();
    await tabTo(page, 'Clear search');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Search briefs by title');
    await page.getByText('Darién crossing figures').waitFor();

    // The brief's page: the Share dialog puts the cursor where people are added.
    await page.getByText('Darién crossing figures').click();
    await waitForEditable(page);
    await page.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => focused(page)).toBe('Person to add');
    await screenshot(page, 'keyboard-share-dialog');
  });

  it('names the browser tab on a missing brief and an unknown page', async () => {
    const page = await (await signedInContext(browser, server, ada)).newPage();
    await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAA`);
    await page.getByText('This brief doesn’t exist').waitFor();
    expect(await page.title()).toBe('Brief not found — Briefdesk');
    await page.goto(`${server.url}/no/such/page`);
    await page.getByText('Page not found').waitFor();
    expect(await page.title()).toBe('Page not found — Briefdesk');
  });
});
