/**
 * Two people on one brief, each in their own browser context (own storage,
 * own IndexedDB, own session), through the real server: text typed by one
 * appears for the other, each sees the other's caret named after their
 * account, and both show in presence.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailableReason,
  createPerson,
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

describe.skipIf(browserUnavailableReason() !== null)('live co-editing in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
  });

  it('shows each person the other’s text, named caret and avatar', async () => {
    // Ada owns the brief and shares it with Grace as an editor; names come from the accounts.
    const adaAccount = await createPerson(server, 'ada', 'Ada Lovelace');
    const graceAccount = await createPerson(server, 'grace', 'Grace Hopper');
    const brief = await server.createBrief('Energy security outlook', adaAccount.cookie);
    await share(server, brief.id, graceAccount.user.id, 'editor');

    const ada = await (await signedInContext(browser, server, adaAccount)).newPage();
    const grace = await (await signedInContext(browser, server, graceAccount)).newPage();
    const errors = [...[ada, grace].map(trackPageErrors)];

    await ada.goto(`${server.url}/b/${brief.id}`);
    await grace.goto(`${server.url}/b/${brief.id}`);
    await Promise.all([waitForSaveState(ada, 'saved'), waitForSaveState(grace, 'saved')]);

    await Promise.all([waitForEditable(ada), waitForEditable(grace)]);
    await ada.locator('.ProseMirror').click();
    await ada.keyboard.type('Gas storage is at 92% ahead of winter.');
    await waitForEditorText(grace, 'Gas storage is at 92% ahead of winter.');

    await caretTo(grace.locator('.ProseMirror'), 'end');
    await grace.keyboard.press('Enter');
    await grace.keyboard.type('Prices remain volatile.');
    await waitForEditorText(ada, 'Prices remain volatile.');
    // A paragraph in Arabic takes its direction from its text: it sits flush right.
    await grace.keyboard.press('Enter');
    await grace.keyboard.insertText('تخزين الغاز عند مستوى مرتفع');
    await waitForEditorText(ada, 'تخزين الغاز عند مستوى مرتفع');
    const edges = await ada.locator('.ProseMirror').evaluate((editor) => {
      const box = editor.getBoundingClientRect();
      const style = getComputedStyle(editor);
      const left = box.left + parseFloat(style.paddingLeft);
      const right = box.right - parseFloat(style.paddingRight);
      // The text's own extent: collaborators' caret labels sit inside paragraphs.
      return [...editor.querySelectorAll('p')].map((p) => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let text = '';
        let textLeft = Infinity;
        let textRight = -Infinity;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('.collaboration-carets__caret')) continue;
          text += node.textContent;
          const range = document.createRange();
          range.selectNodeContents(node);
          const rect = range.getBoundingClientRect();
          textLeft = Math.min(textLeft, rect.left);
          textRight = Math.max(textRight, rect.right);
        }
        return { text, fromLeft: textLeft - left, fromRight: right - textRight };
      });
    });
    expect(edges.map((e) => e.text)).toEqual([
      'Gas storage is at 92% ahead of winter.',
      'Prices remain volatile.',
      'تخزين الغاز عند مستوى مرتفع',
    ]);
    for (const latin of edges.slice(0, 2)) expect(Math.abs(latin.fromLeft)).toBeLessThan(2);
    expect(Math.abs(edges[2].fromRight)).toBeLessThan(2);
    expect(edges[2].fromLeft).toBeGreaterThan(100);

    // Ada sees Grace's caret, labelled with her name, and the other way round.
    await ada
      .locator('.collaboration-carets__label', { hasText: 'Grace Hopper' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await ada.locator('.ProseMirror').click();
    await grace
      .locator('.collaboration-carets__label', { hasText: 'Ada Lovelace' })
      .waitFor({ state: 'visible', timeout: 15_000 });

    // Both people in both presence rows, "you" marked on your own.
    for (const [page, self, other] of [
      [ada, 'Ada Lovelace', 'Grace Hopper'],
      [grace, 'Grace Hopper', 'Ada Lovelace'],
    ] as const) {
      const avatars = page.getByTestId('presence-avatar');
      await expect.poll(() => avatars.count(), { timeout: 15_000 }).toBe(2);
      await expect
        .poll(() => avatars.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label'))))
        .toEqual([`${self} (you)`, other]);
      await expect
        .poll(() => presenceInitials(page))
        .toEqual(self === 'Ada Lovelace' ? ['AL', 'GH'] : ['GH', 'AL']);
    }

    await Promise.all([waitForSaveState(ada, 'saved'), waitForSaveState(grace, 'saved')]);
    await screenshot(ada, 'two-people-ada');
    await screenshot(grace, 'two-people-grace');

    // "Saved" is the server's word: its stored document has both people's text.
    const stored = (await storedDoc(server.storage, brief.id)).getXmlFragment('default').toString();
    expect(stored).toContain('Gas storage is at 92% ahead of winter.');
    expect(stored).toContain('Prices remain volatile.');
    expect(stored).toContain('تخزين الغاز عند مستوى مرتفع');
    expect(errors.flat()).toEqual([]);
  });
});

function presenceInitials(page: Page): Promise<string[]> {
  return page
    .getByTestId('presence-avatar')
    .evaluateAll((els) => els.map((el) => el.querySelector('.avatar')?.textContent ?? ''));
}
