/**
 * Offline editing: a person loses the network, keeps writing, reloads the page
 * while still offline (the service worker serves the app, IndexedDB the text),
 * and their edits reach the server and the other collaborators when the
 * connection returns.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  createPerson,
  editorText,
  screenshot,
  share,
  signedInContext,
  trackPageErrors,
  waitForEditable,
  waitForEditorText,
  waitForSaveState,
  withServerAndBrowser,
  caretTo,
} from '../helpers/browser.ts';
import { storedDoc, type TestServer } from '../helpers/server.ts';

/**
 * Resolves once some update in the brief's IndexedDB copy contains `text` (UTF-8).
 * Local copies are kept per account: `briefdesk:<userId>:<briefId>`.
 */
async function waitForLocalCopy(
  page: Page,
  userId: string,
  briefId: string,
  text: string,
): Promise<void> {
  await page.waitForFunction(
    async ([name, expected]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        if (!db.objectStoreNames.contains('updates')) return false;
        const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
          const req = db.transaction('updates').objectStore('updates').getAll();
          req.onsuccess = () => resolve(req.result as Uint8Array[]);
          req.onerror = () => reject(req.error);
        });
        const needle = new TextEncoder().encode(expected);
        return updates.some((u) => {
          outer: for (let i = 0; i + needle.length <= u.length; i++) {
            for (let j = 0; j < needle.length; j++) if (u[i + j] !== needle[j]) continue outer;
            return true;
          }
          return false;
        });
      } finally {
        db.close();
      }
    },
    [`briefdesk:${userId}:${briefId}`, text] as const,
    { timeout: 10_000, polling: 100 },
  );
}

describe.skipIf(browserUnavailableReason() !== null)('offline editing in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
  });

  it('keeps writing offline, survives a reload, and merges on reconnect', async () => {
    const ada = await createPerson(server, 'ada', 'Ada Lovelace');
    const graceAccount = await createPerson(server, 'grace', 'Grace Hopper');
    const brief = await server.createBrief('Offline brief', ada.cookie);
    await share(server, brief.id, graceAccount.user.id, 'editor');
    const url = `${server.url}/b/${brief.id}`;
    // Signed in once online: a reload offline opens with the account this device remembers.
    const context = await signedInContext(browser, server, ada);
    const page = await context.newPage();
    const errors = trackPageErrors(page);

    await page.goto(url);
    await waitForSaveState(page, 'saved');
    // The service worker must control the page before the network goes, or a reload has nothing to load.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await waitForEditable(page);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Written online.');
    await waitForSaveState(page, 'saved');

    await context.setOffline(true);
    await waitForSaveState(page, 'offline');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Written offline, kept on this device.');
    await waitForLocalCopy(page, ada.user.id, brief.id, 'Written offline, kept on this device.');

    // Leaving with unsaved changes asks first.
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(prompts).toEqual(['beforeunload']);

    await waitForEditorText(page, 'Written offline, kept on this device.');
    expect(await editorText(page)).toContain('Written online.');
    // Really offline, and the page came from the service worker's cache.
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await waitForSaveState(page, 'offline');
    await expect
      .poll(() => page.getByTestId('save-status').textContent())
      .toBe('Offline — changes kept on this device');
    // Keep writing after the offline reload.
    await caretTo(page.locator('.ProseMirror'), 'end');
    await page.keyboard.insertText(' Still offline.');
    await screenshot(page, 'offline-after-reload');

    // A collaborator online meanwhile does not see the offline text yet.
    const grace = await (await signedInContext(browser, server, graceAccount)).newPage();
    trackPageErrors(grace);
    await grace.goto(url);
    await waitForEditorText(grace, 'Written online.');
    expect(await editorText(grace)).not.toContain('Written offline');
    await waitForEditable(grace);
    await caretTo(grace.locator('.ProseMirror'), 'end');
    await grace.keyboard.press('Enter');
    await grace.keyboard.type('Grace wrote this meanwhile.');
    await waitForSaveState(grace, 'saved');

    // Back online: everything merges, both ways, and the server stores it.
    await context.setOffline(false);
    await waitForSaveState(page, 'saved', 30_000);
    await waitForEditorText(page, 'Grace wrote this meanwhile.');
    await waitForEditorText(grace, 'Written offline, kept on this device. Still offline.');
    await screenshot(page, 'offline-merged');

    const stored = (await storedDoc(server.storage, brief.id)).getXmlFragment('default').toString();
    for (const text of [
      'Written online.',
      'Written offline, kept on this device. Still offline.',
      'Grace wrote this meanwhile.',
    ]) {
      expect(stored).toContain(text);
    }
    // Nothing is unsaved any more, so leaving does not ask...
    await page.reload();
    await waitForSaveState(page, 'saved');
    expect(prompts).toEqual(['beforeunload']);
    // ...not even offline: the local copy remembers what the server acknowledged.
    await context.setOffline(true);
    await waitForSaveState(page, 'offline');
    await page.reload();
    await waitForSaveState(page, 'offline');
    await waitForEditorText(page, 'Grace wrote this meanwhile.');
    await page.locator('.ProseMirror').click();
    await page.reload();
    await waitForSaveState(page, 'offline');
    expect(prompts).toEqual(['beforeunload']);
    expect(errors.filter((e) => !isExpectedOfflineNoise(e))).toEqual([]);
  });

  it('keeps words typed into a paragraph someone offline made a heading', async () => {
    const ana = await createPerson(server, 'ana', 'Ana Ortiz');
    const benAccount = await createPerson(server, 'ben', 'Ben Okafor');
    const brief = await server.createBrief('Retyped offline', ana.cookie);
    await share(server, brief.id, benAccount.user.id, 'editor');
    const url = `${server.url}/b/${brief.id}`;
    const anaContext = await signedInContext(browser, server, ana);
    const page = await anaContext.newPage();
    const ben = await (await signedInContext(browser, server, benAccount)).newPage();
    const errors = [page, ben].map(trackPageErrors);

    await page.goto(url);
    await waitForEditable(page);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Para one target');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Para two target');
    await waitForSaveState(page, 'saved');
    await ben.goto(url);
    await waitForEditorText(ben, 'Para two target');
    await waitForEditable(ben);

    // Ana, offline, makes the first paragraph a heading; Ben, online, adds to it.
    await anaContext.setOffline(true);
    await waitForSaveState(page, 'offline');
    await page.locator('.ProseMirror p', { hasText: 'Para one target' }).click();
    await page.getByRole('button', { name: 'Heading 2', exact: true }).click();
    await page.locator('.ProseMirror h2', { hasText: 'Para one target' }).waitFor();
    await ben.locator('.ProseMirror p', { hasText: 'Para one target' }).click();
    await ben.keyboard.press('End');
    await ben.keyboard.type(' and Ben’s words');
    await waitForSaveState(ben, 'saved');

    await anaContext.setOffline(false);
    // The heading's own text, without collaborators' caret labels inside it.
    const headings = (who: Page) =>
      who.locator('.ProseMirror').evaluate((editor) =>
        [...editor.querySelectorAll('h2')].map((h) => {
          const copy = h.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
          return copy.textContent;
        }),
      );
    for (const who of [page, ben]) {
      await expect
        .poll(() => headings(who), { timeout: 30_000 })
        .toEqual(['Para one target and Ben’s words']);
    }
    await Promise.all([waitForSaveState(page, 'saved'), waitForSaveState(ben, 'saved')]);
    const stored = (await storedDoc(server.storage, brief.id)).getXmlFragment('default').toString();
    expect(stored).toContain('<heading level="2">Para one target and Ben’s words</heading>');
    expect(errors.flat().filter((e) => !isExpectedOfflineNoise(e))).toEqual([]);
  });

  it('keeps a title renamed offline or while the server is unreachable, and saves it later', async () => {
    const cai = await createPerson(server, 'cai', 'Cai Wen');
    const brief = await server.createBrief('Title before', cai.cookie);
    const context = await signedInContext(browser, server, cai);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const serverTitle = async () => {
      const res = await server.api(`/api/briefs/${brief.id}`, { cookie: cai.cookie });
      return ((await res.json()) as { brief: { title: string } }).brief.title;
    };
    const field = page.getByRole('textbox', { name: 'Brief title' });
    const message = page.locator('#title-error');
    const rename = async (title: string) => {
      await field.fill(title);
      await field.press('Enter');
    };

    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForSaveState(page, 'saved');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });

    // Offline: the rename is kept on this device, through a reload.
    await context.setOffline(true);
    await waitForSaveState(page, 'offline');
    await rename('Renamed offline');
    await expect.poll(() => message.getAttribute('title')).toContain('You’re offline');
    // The message never squeezes the title out of sight (1280 px wide).
    expect((await field.boundingBox())?.width).toBeGreaterThanOrEqual(180);
    await screenshot(page, 'title-offline');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await expect.poll(() => field.inputValue()).toBe('Renamed offline');
    await expect.poll(() => message.getAttribute('title')).toContain('You’re offline');
    expect(await serverTitle()).toBe('Title before');
    await context.setOffline(false);
    await expect.poll(serverTitle, { timeout: 20_000 }).toBe('Renamed offline');
    await expect.poll(() => message.count()).toBe(0);

    // Online, but the server does not answer: saved once it does, with no 'online' event.
    await page.route('**/api/briefs/**', (route) => route.abort('connectionrefused'));
    await rename('Renamed while unreachable');
    await expect.poll(() => message.getAttribute('title')).toContain('Briefdesk can’t be reached');
    await page.unroute('**/api/briefs/**');
    await expect.poll(serverTitle, { timeout: 20_000 }).toBe('Renamed while unreachable');
    await expect.poll(() => message.count()).toBe(0);
    expect(await field.inputValue()).toBe('Renamed while unreachable');
    expect(errors.filter((e) => !isExpectedOfflineNoise(e))).toEqual([]);
  });
});

/** The browser logs failed requests made while offline; those are the point of the test. */
function isExpectedOfflineNoise(error: string): boolean {
  return (
    error.startsWith('console: Failed to load resource') ||
    error.includes('ERR_INTERNET_DISCONNECTED')
  );
}
