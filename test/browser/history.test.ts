/**
 * Revision history in the browser: two people write and delete in each
 * other's text, save named versions from the History panel, compare them
 * with every change in its author's colour, approve one, and restore an
 * earlier one — which reaches both open editors at once.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApprovalStatus, ListRevisionsResponse, SessionResponse } from '../../shared/api.ts';
import {
  browserUnavailableReason,
  createPerson,
  screenshot,
  share,
  signedInContext,
  trackPageErrors,
  waitForSaveState,
  withServerAndBrowser,
  caretTo,
  waitForEditable,
} from '../helpers/browser.ts';
import { waitFor } from '../helpers/clients.ts';
import { storedDoc, type TestServer } from '../helpers/server.ts';

const FIRST = 'Gas storage is at 92% ahead of a cold winter.';
const GRACE = 'Prices remain volatile across Europe.';
const ADDED = ' Ministers meet on Friday.';

/** The live editor (the history preview is a second ProseMirror on the page). */
function liveEditor(page: Page): Locator {
  return page.locator('[data-testid="editor"] .ProseMirror');
}

/** The live text, one line per block, without other people's caret labels. */
function liveText(page: Page): Promise<string> {
  return liveEditor(page).evaluate((el) =>
    Array.from(el.children)
      .map((child) => {
        const copy = child.cloneNode(true) as Element;
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

async function openHistory(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const panel = page.getByTestId('history-panel');
  await panel.getByTestId('history-timeline').or(panel.getByTestId('history-empty')).waitFor();
  return panel;
}

async function saveVersion(page: Page, panel: Locator, name: string): Promise<void> {
  await panel
    .locator('.history-panel__header')
    .getByRole('button', { name: 'Save version…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Save version' });
  await dialog.getByLabel('Version name').fill(name);
  await dialog.getByRole('button', { name: 'Save version', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await entry(panel, name).waitFor();
}

/** A timeline entry by its title: "First draft" is not "Restored from First draft…". */
function entry(panel: Locator, title: string): Locator {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return panel.getByTestId('history-entry').filter({ hasText: new RegExp(`^${escaped}`) });
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Computed colours of a set of elements, as `rgb(…)` strings. */
function colours(locator: Locator, property: 'textDecorationColor' | 'backgroundColor') {
  return locator.evaluateAll(
    (els, prop) => els.map((el) => getComputedStyle(el)[prop as 'color']),
    property,
  );
}

describe.skipIf(browserUnavailableReason() !== null)('revision history in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(
    (started) => {
      ({ server, browser } = started);
    },
    // Only named versions and the restore in this story: no automatic ones in between.
    { env: { REVISION_PAUSE_MS: '3600000' } },
  );

  /** The admin's page on a brief, once its editor is live, collecting the page's errors. */
  async function openAsAdmin(briefId: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (
      await signedInContext(browser, server, { cookie: server.cookie })
    ).newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${briefId}`);
    await waitForEditable(page);
    return { page, errors };
  }

  it(
    'compares two authors’ changes in their colours, approves, and restores an earlier version',
    { timeout: 150_000 },
    async () => {
      const graceAccount = await createPerson(server, 'grace', 'Grace Hopper');
      const admin = ((await (await server.api('/api/session')).json()) as SessionResponse).user;
      const brief = await server.createBrief('Energy security outlook');
      await share(server, brief.id, graceAccount.user.id, 'editor');

      const adminPage = await (
        await signedInContext(browser, server, { cookie: server.cookie })
      ).newPage();
      const gracePage = await (await signedInContext(browser, server, graceAccount)).newPage();
      const errors = [adminPage, gracePage].map(trackPageErrors);
      await adminPage.goto(`${server.url}/b/${brief.id}`);
      await gracePage.goto(`${server.url}/b/${brief.id}`);
      await Promise.all([
        waitForSaveState(adminPage, 'saved'),
        waitForSaveState(gracePage, 'saved'),
      ]);

      // The admin writes the first sentence and names that version.
      await liveEditor(adminPage).click();
      await adminPage.keyboard.type(FIRST);
      await expect.poll(() => liveText(gracePage), { timeout: 15_000 }).toBe(FIRST);
      await waitForSaveState(adminPage, 'saved');
      let panel = await openHistory(adminPage);
      await panel.getByTestId('history-empty').waitFor();
      await screenshot(adminPage, 'history-empty');
      await saveVersion(adminPage, panel, 'First draft');
      await adminPage.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });

      // Grace adds a sentence and deletes a word of the admin's; the admin adds to his.
      await caretTo(liveEditor(gracePage), 'end');
      await gracePage.keyboard.press('Enter');
      await gracePage.keyboard.type(GRACE);
      await gracePage.keyboard.press('Control+Home');
      for (let i = 0; i < FIRST.indexOf('winter'); i++)
        await gracePage.keyboard.press('ArrowRight');
      for (let i = 0; i < 'cold '.length; i++) await gracePage.keyboard.press('Backspace');
      // ...and makes the admin's first word bold: a change of formatting only.
      await gracePage.keyboard.press('Control+Home');
      await gracePage.keyboard.press('Control+Shift+ArrowRight');
      await gracePage.getByRole('button', { name: 'Bold', exact: true }).click();
      await liveEditor(adminPage).locator('strong', { hasText: 'Gas' }).waitFor();
      const edited = FIRST.replace('cold ', '');
      await expect.poll(() => liveText(adminPage), { timeout: 15_000 }).toBe(`${edited}\n${GRACE}`);
      await caretTo(liveEditor(adminPage), 'start');
      await adminPage.keyboard.press('End');
      await adminPage.keyboard.type(ADDED);
      const second = `${edited}${ADDED}\n${GRACE}`;
      await expect.poll(() => liveText(gracePage), { timeout: 15_000 }).toBe(second);
      await Promise.all([
        waitForSaveState(adminPage, 'saved'),
        waitForSaveState(gracePage, 'saved'),
      ]);

      // Grace, an editor, names the second version from her own panel.
      const gracePanel = await openHistory(gracePage);
      await saveVersion(gracePage, gracePanel, 'Second draft');
      await gracePage.keyboard.press('Escape');

      // The admin selects the latest version: the changes since "First draft", by author.
      panel = await openHistory(adminPage);
      await entry(panel, 'Second draft').click();
      const preview = panel.getByTestId('history-preview');
      const doc = preview.locator('.history-doc');
      await doc.locator('ins.ychange').first().waitFor();
      const legend = preview.getByTestId('history-legend');
      const swatch = (userId: string) =>
        legend.locator(`[data-user="${userId}"] .author-legend__swatch`);
      const [adminColour] = await colours(swatch(admin.id), 'backgroundColor');
      const [graceColour] = await colours(swatch(graceAccount.user.id), 'backgroundColor');
      expect(adminColour).toMatch(/^rgb\(/);
      expect(graceColour).toMatch(/^rgb\(/);
      expect(adminColour).not.toBe(graceColour);

      const graceInserted = doc.locator(`ins.ychange[data-user="${graceAccount.user.id}"]`);
      const adminInserted = doc.locator(`ins.ychange[data-user="${admin.id}"]`);
      const graceDeleted = doc.locator(`del.ychange[data-user="${graceAccount.user.id}"]`);
      expect((await graceInserted.allTextContents()).join('')).toContain(GRACE);
      expect((await adminInserted.allTextContents()).join('')).toBe(ADDED);
      expect((await graceDeleted.allTextContents()).join('')).toBe('cold ');
      for (const colour of await colours(graceInserted, 'textDecorationColor')) {
        expect(colour).toBe(graceColour);
      }
      for (const colour of await colours(adminInserted, 'textDecorationColor')) {
        expect(colour).toBe(adminColour);
      }
      for (const colour of await colours(graceDeleted, 'textDecorationColor')) {
        expect(colour).toBe(graceColour);
      }
      // The deletion is struck through, the insertions underlined.
      expect(
        await graceDeleted.first().evaluate((el) => getComputedStyle(el).textDecorationLine),
      ).toBe('line-through');
      expect(
        await graceInserted.first().evaluate((el) => getComputedStyle(el).textDecorationLine),
      ).toBe('underline');
      // Grace's bold is marked as formatting, in her colour, with a dotted underline.
      const graceFormatted = doc.locator(
        `span.ychange--formatted[data-user="${graceAccount.user.id}"]`,
      );
      expect(await graceFormatted.allTextContents()).toEqual(['Gas']);
      expect(
        await graceFormatted.first().evaluate((el) => getComputedStyle(el).textDecorationStyle),
      ).toBe('dotted');
      for (const colour of await colours(graceFormatted, 'textDecorationColor')) {
        expect(colour).toBe(graceColour);
      }
      await screenshot(adminPage, 'history-compare');

      // Approve it: the banner and the top bar's pill say so.
      await preview.getByRole('button', { name: 'Approve this version' }).click();
      await panel.locator('[data-testid="approval-banner"][data-state="approved"]').waitFor();
      await adminPage.locator('[data-testid="approval-pill"][data-state="approved"]').waitFor();
      await entry(panel, 'Second draft').getByText('Approved').waitFor();
      await screenshot(adminPage, 'history-approved');

      // The arrow keys move through the list: down from "Second draft" is "First draft".
      await entry(panel, 'Second draft').focus();
      await adminPage.keyboard.press('ArrowDown');
      await expect
        .poll(() => entry(panel, 'First draft').getAttribute('aria-selected'))
        .toBe('true');
      await preview.getByText('The first version — nothing earlier to compare with.').waitFor();

      // Restore "First draft", after a confirmation that says nothing is lost.
      await preview.getByRole('button', { name: 'Restore this version' }).click();
      const confirm = adminPage.getByRole('alertdialog', { name: 'Restore this version?' });
      await confirm.getByText('nothing is lost').waitFor();
      await screenshot(adminPage, 'history-restore-confirm');
      await confirm.getByRole('button', { name: 'Restore version' }).click();
      await confirm.waitFor({ state: 'detached' });

      await entry(panel, 'Restored from First draft').waitFor();
      await panel.locator('[data-testid="approval-banner"][data-state="changed"]').waitFor();
      await screenshot(adminPage, 'history-restored');

      // Shift-click picks the base of the comparison: the restore against "First draft".
      const firstId = await entry(panel, 'First draft').getAttribute('data-revision-id');
      await entry(panel, 'First draft').click({ modifiers: ['Shift'] });
      await expect.poll(() => preview.getByTestId('compare-base').inputValue()).toBe(firstId);
      await entry(panel, 'First draft').getByText('Compared with').waitFor();
      // The same from the keyboard: Shift+arrows move without opening, Shift+Enter compares.
      const restoreEntry = entry(panel, 'Restored from First draft');
      const secondId = await entry(panel, 'Second draft').getAttribute('data-revision-id');
      await restoreEntry.focus();
      await adminPage.keyboard.press('Enter');
      await adminPage.keyboard.press('Shift+ArrowDown');
      await expect.poll(() => restoreEntry.getAttribute('aria-selected')).toBe('true');
      await adminPage.keyboard.press('Shift+Enter');
      await expect.poll(() => preview.getByTestId('compare-base').inputValue()).toBe(secondId);
      await expect.poll(() => restoreEntry.getAttribute('aria-selected')).toBe('true');

      // "Changes since approval" compares the approved version with the live text.
      await panel.getByRole('button', { name: 'Changes since approval' }).click();
      await preview.getByRole('heading', { name: 'Changes since approval' }).waitFor();
      await doc.locator('del.ychange').first().waitFor();
      const removedSinceApproval = (await doc.locator('del.ychange').allTextContents()).join('');
      expect(removedSinceApproval).toContain('Ministers meet on Friday');
      expect(removedSinceApproval).toContain('Prices remain volatile across Europe');
      await screenshot(adminPage, 'history-since-approval');

      // Esc leaves the comparison for the timeline, on the approved version; Esc again closes.
      await adminPage.keyboard.press('Escape');
      await preview.waitFor({ state: 'detached' });
      await expect.poll(() => isFocused(entry(panel, 'Second draft'))).toBe(true);
      await adminPage.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      await adminPage.locator('[data-testid="approval-pill"][data-state="changed"]').waitFor();
      await screenshot(adminPage, 'history-pill-changed');
      expect(await isFocused(adminPage.getByRole('button', { name: 'History', exact: true }))).toBe(
        true,
      );

      // Both live editors now hold the first version's text, relayed by the server.
      await expect.poll(() => liveText(adminPage), { timeout: 15_000 }).toBe(FIRST);
      await expect.poll(() => liveText(gracePage), { timeout: 15_000 }).toBe(FIRST);

      // Grace makes that paragraph a heading: a change of block, not a rewrite of its text.
      await waitForSaveState(gracePage, 'saved');
      await liveEditor(gracePage).locator('p').first().click();
      await gracePage.getByRole('button', { name: 'Heading 2', exact: true }).click();
      await liveEditor(adminPage).locator('h2').waitFor();
      await waitForSaveState(gracePage, 'saved');
      panel = await openHistory(adminPage);
      await saveVersion(adminPage, panel, 'Heading');
      await entry(panel, 'Heading').click();
      const heading = doc.locator(
        `h2[data-block-change="formatted"][data-user="${graceAccount.user.id}"]`,
      );
      await heading.waitFor();
      expect(await heading.textContent()).toBe(FIRST);
      expect(await heading.locator('ins, del').count()).toBe(0);
      await screenshot(adminPage, 'history-retyped-block');
      expect(errors.flat()).toEqual([]);
    },
  );

  it('Esc leaves an open version for the timeline, on its row; Esc there closes the panel', async () => {
    const brief = await server.createBrief('Escape steps back');
    const revisions = `/api/briefs/${brief.id}/revisions`;
    for (const name of ['Outline', 'Full draft']) {
      const res = await server.api(revisions, { method: 'POST', body: JSON.stringify({ name }) });
      expect(res.status).toBe(201);
    }
    const { page, errors } = await openAsAdmin(brief.id);
    const panel = await openHistory(page);
    const preview = panel.getByTestId('history-preview');

    // One version open, the keyboard in its preview: Esc goes back to its row, panel open.
    await entry(panel, 'Outline').click();
    await preview.getByRole('button', { name: 'Restore this version' }).focus();
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    expect(await panel.isVisible()).toBe(true);
    await expect.poll(() => isFocused(entry(panel, 'Outline'))).toBe(true);

    // A comparison (shift-click picks the base): the same, back on the version compared.
    const outlineId = await entry(panel, 'Outline').getAttribute('data-revision-id');
    await entry(panel, 'Full draft').click();
    await entry(panel, 'Outline').click({ modifiers: ['Shift'] });
    await expect.poll(() => preview.getByTestId('compare-base').inputValue()).toBe(outlineId);
    await preview.getByTestId('compare-base').focus();
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(entry(panel, 'Full draft'))).toBe(true);
    // That row keeps the list's one Tab stop.
    expect(await entry(panel, 'Full draft').getAttribute('tabindex')).toBe('0');
    expect(await entry(panel, 'Outline').getAttribute('tabindex')).toBe('-1');
    await screenshot(page, 'history-escape-to-timeline');

    // Esc on the timeline closes the panel, and the History button has focus again.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await isFocused(page.getByRole('button', { name: 'History', exact: true }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('names a restore with the time in the reader’s time zone, not in UTC', async () => {
    // UTC+05:45: no time there reads the same as in UTC, or in this machine's zone.
    const zone = 'Asia/Kathmandu';
    const brief = await server.createBrief('Restored in Kathmandu');
    const page = await (
      await signedInContext(browser, server, { cookie: server.cookie }, { timezoneId: zone })
    ).newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForEditable(page);
    await liveEditor(page).click();
    await page.keyboard.type('Text to go back to.');
    await waitForSaveState(page, 'saved');
    const auto = await server.server.history.createRevision(brief.id, 'auto');
    await page.keyboard.type(' Later text.');
    await waitForSaveState(page, 'saved');
    const { revisions } = (await (
      await server.api(`/api/briefs/${brief.id}/revisions`)
    ).json()) as ListRevisionsResponse;
    const source = revisions.find((r) => r.id === auto)!;
    const clock = (timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(
        new Date(source.createdAt),
      );
    expect(clock(zone)).not.toBe(clock('UTC'));

    // Restore the automatic version, which has no name: the restore is named by its time.
    const panel = await openHistory(page);
    await panel.locator(`[data-testid="history-entry"][data-revision-id="${auto}"]`).click();
    await panel.getByRole('button', { name: 'Restore this version' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Restore this version?' });
    await confirm.getByRole('button', { name: 'Restore version' }).click();
    await confirm.waitFor({ state: 'detached' });
    const restore = panel.getByTestId('history-entry').filter({ hasText: /^Restored from/ });
    const name = await restore.locator('.timeline__name').textContent();
    expect(name).toMatch(
      new RegExp(
        `^Restored from (today|yesterday|\\d{1,2} \\w{3}) at ${clock(zone)}(:\\d\\d)? by Administrator$`,
      ),
    );
    expect(name).not.toContain('UTC');
    // The time is the one the list shows for the version restored: to the
    // second when another version shares its minute (the restore, at least,
    // unless the minute turned in between).
    const sourceTime = await panel
      .locator(`[data-testid="history-entry"][data-revision-id="${auto}"] .timeline__time-title`)
      .textContent();
    expect(sourceTime).toMatch(new RegExp(`^${clock(zone)}(:\\d\\d)?$`));
    expect(name).toContain(` at ${sourceTime} by `);
    await restore.click();
    await panel.getByRole('heading', { level: 3, name: name! }).waitFor();
    await screenshot(page, 'history-restore-local-time');
    expect(errors).toEqual([]);
  });

  it('says “Formatting changed” for a version that only changed formatting', async () => {
    const brief = await server.createBrief('Bold figures');
    const page = await (
      await signedInContext(browser, server, { cookie: server.cookie })
    ).newPage();
    const errors = trackPageErrors(page);
    const named = async (name: string) => {
      const res = await server.api(`/api/briefs/${brief.id}/revisions`, {
        method: 'POST',
        body: JSON.stringify({ name }),
      });
      expect(res.status).toBe(201);
    };
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForEditable(page);
    await liveEditor(page).click();
    await page.keyboard.type(FIRST);
    await waitForSaveState(page, 'saved');
    await named('Plain');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.getByRole('button', { name: 'Bold', exact: true }).click();
    await liveEditor(page).locator('strong', { hasText: 'Gas' }).waitFor();
    // The save indicator may still say "saved" from before the bold went out: wait
    // for the server to hold it, or the version could be named before it arrives.
    await waitFor(
      async () =>
        (await storedDoc(server.storage, brief.id))
          .getXmlFragment('default')
          .toString()
          .includes('<bold>'),
      { message: 'the bold stored' },
    );
    await named('Bold');

    const panel = await openHistory(page);
    const meta = (title: string) => entry(panel, title).locator('.timeline__meta');
    await expect.poll(() => meta('Bold').textContent()).toMatch(/Formatting changed$/);
    expect(await meta('Plain').textContent()).toMatch(/\+10 words$/);
    await screenshot(page, 'history-formatting-changed');
    expect(errors).toEqual([]);
  });

  it('asks before an approval of another version is replaced, from the keyboard too', async () => {
    const brief = await server.createBrief('One approval at a time');
    const revisions = `/api/briefs/${brief.id}/revisions`;
    const ids: Record<string, number> = {};
    for (const name of ['Outline', 'Full draft']) {
      const res = await server.api(revisions, { method: 'POST', body: JSON.stringify({ name }) });
      ids[name] = ((await res.json()) as { revision: { id: number } }).revision.id;
    }
    const approvedId = async () =>
      (
        (await (await server.api(`/api/briefs/${brief.id}/approval`)).json()) as {
          approval: ApprovalStatus;
        }
      ).approval.revisionId;
    const approveFull = await server.api(`${revisions}/${ids['Full draft']}/approve`, {
      method: 'POST',
    });
    expect(approveFull.status).toBe(200);
    const { page, errors } = await openAsAdmin(brief.id);
    const panel = await openHistory(page);
    const preview = panel.getByTestId('history-preview');
    const approveButton = preview.getByRole('button', { name: 'Approve this version' });
    const confirm = page.getByRole('alertdialog', { name: 'Replace the approval?' });

    // The old version's Approve asks, naming the approved one; Esc leaves things as they were.
    await entry(panel, 'Outline').click();
    await approveButton.click();
    await confirm.getByText('“Full draft” is approved. Approve “Outline” instead?').waitFor();
    await expect
      .poll(() => isFocused(confirm.getByRole('button', { name: 'Approve instead' })))
      .toBe(true);
    await screenshot(page, 'history-approve-confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    // Only the question closed: the version stays open, the keyboard on its Approve button.
    expect(await preview.isVisible()).toBe(true);
    await expect.poll(() => isFocused(approveButton)).toBe(true);
    expect(await approvedId()).toBe(ids['Full draft']);

    // From the keyboard: Enter asks again, Enter on "Approve instead" moves the approval.
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await preview.getByRole('button', { name: 'Approved' }).waitFor();
    await entry(panel, 'Outline').getByText('Approved').waitFor();
    expect(await approvedId()).toBe(ids['Outline']);
    expect(await entry(panel, 'Full draft').getByText('Approved').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('turns the Approved pill to changed as soon as your edit is saved, not at the next poll', async () => {
    const brief = await server.createBrief('Approved then edited');
    const { page, errors } = await openAsAdmin(brief.id);
    await liveEditor(page).click();
    await page.keyboard.type('Approved wording.');
    await waitForSaveState(page, 'saved');
    const revisions = `/api/briefs/${brief.id}/revisions`;
    const named = (await (
      await server.api(revisions, { method: 'POST', body: JSON.stringify({ name: 'Final' }) })
    ).json()) as { revision: { id: number } };
    expect(
      (await server.api(`${revisions}/${named.revision.id}/approve`, { method: 'POST' })).status,
    ).toBe(200);
    await page.reload();
    const pill = page.getByTestId('approval-pill');
    await expect.poll(() => pill.getAttribute('data-state')).toBe('approved');

    // The approval is fetched again right after the edit is saved (the poll is every 30 s).
    const asked = page.waitForRequest((r) => r.url().endsWith(`/api/briefs/${brief.id}/approval`), {
      timeout: 10_000,
    });
    await waitForEditable(page);
    await caretTo(liveEditor(page), 'end');
    await page.keyboard.type(' Edited.');
    await waitForSaveState(page, 'saved');
    await asked;
    await expect.poll(() => pill.getAttribute('data-state')).toBe('changed');
    expect(errors).toEqual([]);
  });
});
