/**
 * PDF export in the browser: "Export PDF" in the top bar downloads the brief
 * with the chosen paper and the marking an editor set in the same dialog; a
 * version's "Export PDF" in the history panel downloads that version, not the
 * current text; a viewer can export but sees no history.
 */
import fs from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BriefDetail, RevisionSummary } from '../../shared/api.ts';
import {
  browserUnavailableReason,
  createPerson,
  screenshot,
  share,
  signedInContext,
  trackPageErrors,
  waitForEditorText,
  waitForSaveState,
  withServerAndBrowser,
  caretTo,
} from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';
import { allText, readPdf } from '../export/pdfText.ts';

const OPENING = 'Opening remarks for the visit to Bogotá.';
const LATER = 'Added after the named version.';

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<Download> {
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await click();
  return download;
}

/** The downloaded file's bytes, after checking it is a PDF by name and by content. */
async function pdfBytes(download: Download): Promise<Uint8Array> {
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await download.path();
  const bytes = new Uint8Array(fs.readFileSync(file));
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  return bytes;
}

describe.skipIf(browserUnavailableReason() !== null)('PDF export in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(
    (started) => {
      ({ server, browser } = started);
    },
    { env: { REVISION_PAUSE_MS: '3600000' } },
  );

  it(
    'downloads the brief, and a history entry downloads its own version',
    { timeout: 120_000 },
    async () => {
      const brief = await server.createBrief('Secretary’s trip — Bogotá');
      const page = await (
        await signedInContext(browser, server, { cookie: server.cookie })
      ).newPage();
      const errors = trackPageErrors(page);
      await page.goto(`${server.url}/b/${brief.id}`);
      await waitForSaveState(page, 'saved');
      await page.locator('[data-testid="editor"] .ProseMirror').click();
      await page.keyboard.type(OPENING);
      await waitForSaveState(page, 'saved');

      // Export PDF: A4, with contents, under a marking set here.
      await page.getByRole('button', { name: 'Export PDF' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export PDF' });
      await dialog.getByLabel('A4').check();
      await dialog.getByLabel('Include table of contents').check();
      const marking = dialog.getByLabel('Marking');
      await expect.poll(() => marking.inputValue()).toBe('DRAFT — INTERNAL');
      await marking.fill('OFFICIAL — SENSITIVE');
      await screenshot(page, 'export-dialog');
      const request = page.waitForRequest(/\/export\.pdf/);
      const current = await downloadFrom(page, () =>
        dialog.getByRole('button', { name: 'Download PDF' }).click(),
      );
      const query = new URL((await request).url()).searchParams;
      expect([query.get('paper'), query.get('toc'), query.get('revision')]).toEqual([
        'a4',
        '1',
        null,
      ]);
      const pages = await readPdf(await pdfBytes(current));
      await dialog.waitFor({ state: 'detached' });
      // The title as the server offers it (RFC 5987 `filename*`), as a browser would save it.
      expect(current.suggestedFilename()).toBe('Secretary’s trip — Bogotá.pdf');
      expect(Math.round(pages[0].width)).toBe(595); // A4, in points
      const text = allText(pages);
      expect(text).toContain(OPENING);
      expect(text).toContain('OFFICIAL — SENSITIVE');
      // The marking is the brief's, saved for everyone.
      const detail = (await (await server.api(`/api/briefs/${brief.id}`)).json()) as {
        brief: BriefDetail;
      };
      expect(detail.brief.marking).toBe('OFFICIAL — SENSITIVE');

      // A named version, then more text: the version's export has only the older text.
      const res = await server.api(`/api/briefs/${brief.id}/revisions`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Before the visit' }),
      });
      const { revision } = (await res.json()) as { revision: RevisionSummary };
      await caretTo(page.locator('[data-testid="editor"] .ProseMirror'), 'end');
      await page.keyboard.press('Enter');
      await page.keyboard.type(LATER);
      await waitForEditorText(page, LATER);
      await waitForSaveState(page, 'saved');

      await page.getByRole('button', { name: 'History', exact: true }).click();
      const panel = page.getByTestId('history-panel');
      await panel.getByTestId('history-entry').filter({ hasText: 'Before the visit' }).click();
      const preview = panel.getByTestId('history-preview');
      await preview.locator('.history-doc').getByText(OPENING).waitFor();
      await preview.getByRole('button', { name: 'Export PDF' }).click();
      const versionDialog = page.getByRole('dialog', { name: 'Export this version as PDF' });
      await versionDialog.getByText('Before the visit').waitFor();
      await screenshot(page, 'export-version-dialog');
      const old = await downloadFrom(page, () =>
        versionDialog.getByRole('button', { name: 'Download PDF' }).click(),
      );
      const oldText = allText(await readPdf(await pdfBytes(old)));
      expect(old.suggestedFilename()).toBe(`Secretary’s trip — Bogotá (r${revision.id}).pdf`);
      expect(oldText).toContain(OPENING);
      expect(oldText).not.toContain(LATER);
      expect(oldText).toContain(`r${revision.id}`);
      expect(errors).toEqual([]);
    },
  );

  it('lets a viewer export the current text but shows them no history', async () => {
    const viewer = await createPerson(server, 'vera', 'Vera Rubin');
    const brief = await server.createBrief('Viewer export');
    await share(server, brief.id, viewer.user.id, 'viewer');
    const page = await (await signedInContext(browser, server, viewer)).newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/b/${brief.id}`);
    await page.getByTestId('read-only-badge').waitFor();
    await page.getByRole('button', { name: 'Export PDF' }).waitFor();
    expect(await page.getByRole('button', { name: 'History', exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Export PDF' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export PDF' });
    const marking = dialog.getByLabel('Marking');
    await expect.poll(() => marking.inputValue()).toBe('DRAFT — INTERNAL');
    expect(await marking.getAttribute('readonly')).not.toBeNull();
    const download = await downloadFrom(page, () =>
      dialog.getByRole('button', { name: 'Download PDF' }).click(),
    );
    await pdfBytes(download);
    expect(errors).toEqual([]);
  });
});
