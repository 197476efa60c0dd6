/**
 * The cards sidebar through the real server and client: the empty and error
 * states, "Relevant to this brief" following what is typed, a fact inserted
 * with its citation (and the citation reaching a co-author), issue cards and
 * filters, read-only roles, sources added with the file picker (accepted,
 * already known, rejected) and removed, and a fact dragged into the brief.
 * Screenshots go to test-artifacts/browser/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { insertionText } from '../../client/sidebar/facts.ts';
import type { CardsIndex } from '../../shared/cards.ts';
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
  type TestPerson,
  withServerAndBrowser,
} from '../helpers/browser.ts';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { addParagraph, fragment } from '../helpers/prosemirror.ts';
import { storedDoc, type TestServer } from '../helpers/server.ts';

const PANAMA_PARAGRAPH =
  "Panama's migration cooperation on the Darién route is the focus of the visit.";

const URUGUAY_SOURCE = `# Readout: Uruguay and the regional migration dialogue

Foreign Minister Mario Lubetkin of Uruguay met regional counterparts in Montevideo to discuss migration and trade.

"Uruguay will keep its doors open to people fleeing the crisis," Lubetkin said after the meeting.

Uruguay signed a Memorandum of Understanding on Labour Mobility with Brazil, covering 12,000 seasonal workers.
`;

const CHILE_SOURCE = `Chile and Argentina agreed on joint patrols along the border.

President Gabriel Boric of Chile said the plan would start in March.
`;

const OUTLINE = [
  'Purpose of the visit.',
  'What Panama has committed to on the Darién route.',
  'Next steps for the delegation.',
];

/**
 * Drops `data` (type → string) on the editor at a point of its `paragraph`-th
 * paragraph, as the browser would for a drag from elsewhere, and returns what
 * the editor holds straight after: ProseMirror handles a drop synchronously.
 */
function dropOnEditor(
  page: Page,
  paragraph: number,
  data: Record<string, string>,
  /** Drop just inside the left edge of this character of the paragraph; its end otherwise. */
  char?: number,
): Promise<{ paragraphs: string[]; citations: number }> {
  return page.evaluate(
    ({ paragraph, data, char }) => {
      const editor = document.querySelector('.ProseMirror')!;
      const target = editor.querySelectorAll('p')[paragraph];
      let box = target.getBoundingClientRect();
      let x = box.right - 4;
      if (char !== undefined) {
        const range = document.createRange();
        range.setStart(target.firstChild!, char);
        range.setEnd(target.firstChild!, char + 1);
        box = range.getBoundingClientRect();
        x = box.left + 1;
      }
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
      const at = { clientX: x, clientY: box.top + box.height / 2 };
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer, ...at }),
        );
      }
      return {
        paragraphs: Array.from(editor.querySelectorAll('p'), (p) => p.textContent ?? ''),
        citations: editor.querySelectorAll('cite[data-citation]').length,
      };
    },
    { paragraph, data, char },
  );
}

/**
 * Whether the brief has focus with its caret (ProseMirror's selection, not the
 * DOM's) just after a citation, and in which top-level block.
 */
function caretAfterCitation(page: Page): Promise<{ focused: boolean; block: number } | null> {
  return page.evaluate(() => {
    type Sel = {
      empty: boolean;
      $from: { nodeBefore: { type: { name: string } } | null; index(depth: number): number };
    };
    // TipTap puts its editor on the view's DOM node.
    const dom = document.querySelector('.ProseMirror') as
      (Element & { editor?: { isFocused: boolean; state: { selection: Sel } } }) | null;
    const selection = dom?.editor?.state.selection;
    if (!selection?.empty || selection.$from.nodeBefore?.type.name !== 'citation') return null;
    return { focused: dom!.editor!.isFocused, block: selection.$from.index(0) };
  });
}

/** Drags (or drops) a text file onto the sidebar, as the browser would from the desktop. */
async function dragFile(page: Page, type: 'dragover' | 'drop', name: string, content: string) {
  await page.evaluate(
    ({ type, name, content }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: 'text/plain' }));
      const target = document.querySelector('[data-testid="cards-sidebar"]');
      target?.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
      );
    },
    { type, name, content },
  );
}

describe.skipIf(browserUnavailableReason() !== null)('cards sidebar in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestPerson;
  let grace: TestPerson;
  let lin: TestPerson;
  let briefId: string;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    ada = await createPerson(server, 'ada', 'Ada Lovelace');
    grace = await createPerson(server, 'grace', 'Grace Hopper');
    lin = await createPerson(server, 'lin', 'Lin Wei');
    const brief = await server.createBrief('Panama visit', ada.cookie);
    briefId = brief.id;
    await share(server, briefId, grace.user.id, 'editor');
    await share(server, briefId, lin.user.id, 'viewer');
  });

  async function openBrief(person: TestPerson, block = false): Promise<Page> {
    const context = await signedInContext(browser, server, person, {
      serviceWorkers: block ? 'block' : 'allow',
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/b/${briefId}`);
    await waitForSaveState(page, 'saved');
    return page;
  }

  it('shows the designed empty and error states before there are cards', async () => {
    // Test servers start without the sample pack: this is a deployment with no sources.
    const page = await openBrief(ada, true);
    const errors = trackPageErrors(page);
    const sidebar = page.getByTestId('cards-sidebar');
    await sidebar
      .getByText('Add news articles or readouts to see country and issue cards')
      .waitFor();
    await expect(sidebar.getByRole('button', { name: 'Add sources' }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, 'cards-no-sources');

    // A failing cards request shows an error with a retry that recovers.
    let fail = true;
    await page.route('**/api/cards', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'internal', message: 'The cards service is restarting.' },
            }),
          })
        : route.continue(),
    );
    await page.reload();
    await sidebar.getByText('Cards couldn’t load').waitFor();
    await sidebar.getByText('The cards service is restarting.').waitFor();
    await screenshot(page, 'cards-error');
    fail = false;
    await sidebar.getByRole('button', { name: 'Try again' }).click();
    await sidebar.getByText('No sources yet').waitFor();
    await page.context().close();
    // The 503 is the browser's own console line for a failed request; nothing else may fail.
    expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
  });

  it(
    'ranks cards for what the brief says and inserts a cited fact that reaches a co-author',
    { timeout: 120_000 },
    async () => {
      expect(await server.server.sources.loadSamplePackOnce()).toBeGreaterThan(0);
      const { cards } = (await (await server.api('/api/cards')).json()) as { cards: CardsIndex };
      const panama = cards.countries.find((c) => c.code === 'PA');
      expect(panama?.facts.length).toBeGreaterThan(0);
      const fact = panama!.facts[0];

      const page = await openBrief(ada);
      const errors = trackPageErrors(page);
      const relevant = page.getByTestId('relevant');
      await relevant
        .getByText(
          'Start writing — cards for the countries and issues you mention will appear here',
        )
        .waitFor();
      await screenshot(page, 'cards-relevant-empty');

      await page.locator('.ProseMirror').click();
      await page.keyboard.type(PANAMA_PARAGRAPH);
      const panamaCard = relevant.getByTestId('country-card-PA');
      await panamaCard.waitFor({ timeout: 15_000 });
      await relevant.getByTestId('issue-card-migration').waitFor();
      await expect(panamaCard.getByText('Named once').isVisible()).resolves.toBe(true);
      await screenshot(page, 'cards-relevant');

      // A co-author (an editor of the brief) has it open too.
      const gracePage = await openBrief(grace);
      errors.push(...trackPageErrors(gracePage));
      await waitForEditorText(gracePage, PANAMA_PARAGRAPH);

      // Expand the card (a disclosure button), then the fact's source, then insert it.
      const toggle = panamaCard.getByRole('button', { name: /Panama/ }).first();
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await toggle.click();
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      const factItem = panamaCard.locator(`[data-fact-id="${fact.id}"]`);
      await factItem.locator('.fact__source').click();
      await factItem.getByText(fact.excerpt).waitFor();
      await screenshot(page, 'cards-country-expanded');

      await factItem.getByRole('button', { name: /Insert into brief/ }).click();
      const citation = `.ProseMirror cite[data-citation][data-source-id="${fact.source.documentId}"]`;
      await page.locator(citation).waitFor();
      await expect(page.locator(citation).getAttribute('data-fact-id')).resolves.toBe(fact.id);
      // The number is the source's (one per source, in order of first citation, as in the
      // PDF), set by a decoration and drawn from it.
      const marker = (n: number) =>
        page
          .locator(citation)
          .nth(n)
          .evaluate((el) => getComputedStyle(el, '::after').content);
      expect(await marker(0)).toBe('"[1]"');
      // Inserted after what was typed, as text then the citation.
      await waitForEditorText(page, `${PANAMA_PARAGRAPH} Panama — Chinese investment`);
      // The same fact again: a second citation of the same source keeps its number.
      await factItem.getByRole('button', { name: /Insert into brief/ }).click();
      await expect.poll(() => page.locator(citation).count()).toBe(2);
      expect([await marker(0), await marker(1)]).toEqual(['"[1]"', '"[1]"']);

      // The co-author sees the same citation arrive.
      await gracePage.locator(citation).first().waitFor({ timeout: 15_000 });
      await expect(
        gracePage.locator(citation).first().getAttribute('data-source-title'),
      ).resolves.toContain(cards.documents.find((d) => d.id === fact.source.documentId)!.title);

      // Hovering the marker shows the source and the excerpt.
      await page.locator(citation).first().hover();
      const tip = page.getByTestId('citation-tooltip');
      await tip.waitFor();
      await expect(tip.textContent()).resolves.toContain(fact.excerpt);
      await expect(tip.textContent()).resolves.toContain('Source [1]');
      await screenshot(page, 'cards-citation-hover');
      // Double-clicking the citation opens its source, the cited passage highlighted.
      await page.locator(citation).first().dblclick();
      const viewer = page.getByRole('dialog').filter({ has: page.getByTestId('source-viewer') });
      await viewer.locator('mark').waitFor();
      await expect(viewer.locator('mark').textContent()).resolves.toBe(fact.excerpt);
      await expect(viewer.getByRole('heading').textContent()).resolves.toContain(
        cards.documents
          .find((d) => d.id === fact.source.documentId)!
          .title.replace(/^Sample source:\s*/i, ''),
      );
      await screenshot(page, 'cards-source-viewer');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached' });
      await screenshot(gracePage, 'cards-citation-coauthor');

      await Promise.all([waitForSaveState(page, 'saved'), waitForSaveState(gracePage, 'saved')]);
      const stored = (await storedDoc(server.storage, briefId))
        .getXmlFragment('default')
        .toString();
      expect(stored).toContain(`sourceId="${fact.source.documentId}"`);
      await Promise.all([page.context().close(), gracePage.context().close()]);
      expect(errors).toEqual([]);
    },
  );

  it(
    'browses issue cards with filters, and hides Insert from read-only roles',
    { timeout: 120_000 },
    async () => {
      const page = await openBrief(ada);
      const errors = trackPageErrors(page);
      const sidebar = page.getByTestId('cards-sidebar');

      // In a 1024 px window the tabs shrink to fit beside the Hide cards button.
      await page.setViewportSize({ width: 1024, height: 720 });
      const lastTabRight = await sidebar
        .getByRole('tab', { name: 'Sources' })
        .evaluate((el) => el.getBoundingClientRect().right);
      const toggleLeft = await sidebar
        .getByRole('button', { name: 'Hide cards' })
        .evaluate((el) => el.getBoundingClientRect().left);
      expect(lastTabRight).toBeLessThanOrEqual(toggleLeft);
      await page.setViewportSize({ width: 1280, height: 800 });

      // Countries filtered by an issue chip.
      await sidebar.getByRole('tab', { name: 'Countries' }).click();
      const chip = sidebar.getByRole('button', { name: 'Counter-narcotics', exact: true });
      await chip.click();
      await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');
      const list = sidebar.locator('.card-list');
      await list.getByTestId('country-card-CO').waitFor();
      await expect(list.getByTestId('country-card-PA').count()).resolves.toBe(0);
      await chip.click();

      // The relevant section folds away (and remembers it) to leave room for browsing.
      const relevantToggle = sidebar.getByRole('button', { name: 'Relevant to this brief' });
      await relevantToggle.click();
      await expect(relevantToggle.getAttribute('aria-expanded')).resolves.toBe('false');

      // An issue card: countries involved, facts, recommended actions, sources.
      await sidebar.getByRole('tab', { name: 'Issues' }).click();
      const migration = sidebar.locator('.card-list').getByTestId('issue-card-migration');
      await migration
        .getByRole('button', { name: /Migration/ })
        .first()
        .click();
      await migration.getByText('Countries involved').waitFor();
      await migration.getByText('Recommended actions').waitFor();
      // Bringing a card's text to the top (as find-in-page and links do) scrolls
      // the sidebar, never the page around it: the top bar stays where it is.
      await migration
        .getByText('Countries involved')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await expect(page.locator('.brief-page').evaluate((el) => el.scrollTop)).resolves.toBe(0);
      await screenshot(page, 'cards-issue-expanded');
      // A table row tagged with an issue is on that card, as on its country's.
      const china = sidebar.locator('.card-list').getByTestId('issue-card-china-influence');
      await china
        .getByRole('button', { name: /China’s influence|China's influence/ })
        .first()
        .click();
      await china
        .getByText(/Chinese investment around the Panama Canal/)
        .first()
        .waitFor();
      await expect(china.getByText(/No figures, quotes or agreements/).count()).resolves.toBe(0);
      // An issue the sources name but state nothing citable about says so, in plain words.
      const trade = sidebar.locator('.card-list').getByTestId('issue-card-trade-investment');
      await trade
        .getByRole('button', { name: /Trade and investment/ })
        .first()
        .click();
      await trade
        .getByText(
          'No figures, quotes or agreements about this issue were found in the sources yet.',
        )
        .waitFor();
      await screenshot(page, 'cards-issue-table-row');

      // The country filter narrows issues to those a country is involved in.
      await sidebar.getByLabel('Country', { exact: true }).selectOption('HT');
      await sidebar.locator('.card-list').getByTestId('issue-card-humanitarian-crisis').waitFor();
      await expect(
        sidebar.locator('.card-list').getByTestId('issue-card-migration').count(),
      ).resolves.toBe(0);

      // The sidebar folds away to a rail and comes back.
      await sidebar.getByRole('button', { name: 'Hide cards' }).click();
      await sidebar.getByRole('button', { name: 'Show cards' }).waitFor();
      await screenshot(page, 'cards-collapsed');
      await sidebar.getByRole('button', { name: 'Show cards' }).click();
      await sidebar.getByRole('tab', { name: 'Issues' }).waitFor();
      await page.context().close();

      // A viewer reads the same cards but has nothing to insert with.
      const viewer = await openBrief(lin);
      errors.push(...trackPageErrors(viewer));
      const card = viewer.getByTestId('relevant').getByTestId('country-card-PA');
      await card.waitFor({ timeout: 15_000 });
      await card
        .getByRole('button', { name: /Panama/ })
        .first()
        .click();
      await card.locator('.fact').first().waitFor();
      await expect(card.getByRole('button', { name: /Insert into brief/ }).count()).resolves.toBe(
        0,
      );
      await viewer.context().close();
      expect(errors).toEqual([]);
    },
  );

  it(
    'adds sources with the file picker, says which were refused and why, and removes them',
    { timeout: 120_000 },
    async () => {
      const page = await openBrief(ada);
      const errors = trackPageErrors(page);
      const sidebar = page.getByTestId('cards-sidebar');
      await sidebar.getByRole('tab', { name: 'Sources' }).click();
      await expect.poll(() => sidebar.getByTestId('source-row').count()).toBe(5);

      const pick = async (files: { name: string; mimeType: string; buffer: Buffer }[]) => {
        const chooser = page.waitForEvent('filechooser');
        await sidebar.getByRole('button', { name: 'Choose files' }).click();
        await (await chooser).setFiles(files);
      };

      // A new readout: added, and a new country card appears.
      await pick([
        {
          name: 'uruguay-readout.md',
          mimeType: 'text/markdown',
          buffer: Buffer.from(URUGUAY_SOURCE),
        },
      ]);
      const results = sidebar.getByTestId('upload-result');
      await results.filter({ hasText: 'Added' }).waitFor();
      await expect.poll(() => sidebar.getByTestId('source-row').count()).toBe(6);

      // A PDF is refused before it is sent; the same text again is recognised.
      await pick([
        { name: 'briefing.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
        { name: 'copy.md', mimeType: 'text/markdown', buffer: Buffer.from(URUGUAY_SOURCE) },
      ]);
      await results
        .filter({ hasText: 'briefing.pdf' })
        .filter({ hasText: 'PDF files can’t be sources' })
        .waitFor();
      await results.filter({ hasText: 'copy.md' }).filter({ hasText: 'Already there' }).waitFor();
      await screenshot(page, 'cards-sources-upload');

      await sidebar.getByRole('tab', { name: 'Countries' }).click();
      const uruguay = sidebar.locator('.card-list').getByTestId('country-card-UY');
      await uruguay.waitFor();
      await uruguay
        .getByRole('button', { name: /Uruguay/ })
        .first()
        .click();
      await uruguay.getByText('Mario Lubetkin').first().waitFor();
      await uruguay.getByText('— Mario Lubetkin').waitFor();
      await uruguay.getByText('Key figures').scrollIntoViewIfNeeded();
      await screenshot(page, 'cards-new-country');

      // Whoever added a source may remove it, after confirming.
      await sidebar.getByRole('tab', { name: 'Sources' }).click();
      await sidebar.getByRole('button', { name: /Remove Readout: Uruguay/ }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Remove this source?' });
      await dialog.waitFor();
      await screenshot(page, 'cards-remove-source');
      await dialog.getByRole('button', { name: 'Remove source' }).click();
      await expect.poll(() => sidebar.getByTestId('source-row').count()).toBe(5);
      // The row and its button are gone: focus moves to the next row's Remove, or, as here
      // where Ada may remove no other source, to "Choose files" — not to the page.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toBe('Choose files');
      await sidebar.getByRole('tab', { name: 'Countries' }).click();
      await expect
        .poll(() => sidebar.locator('.card-list').getByTestId('country-card-UY').count())
        .toBe(0);

      // Files dropped on the sidebar are added the same way.
      await dragFile(page, 'dragover', 'chile-notes.txt', CHILE_SOURCE);
      await sidebar.getByText('Drop to add sources').waitFor();
      await screenshot(page, 'cards-drop-overlay');
      await dragFile(page, 'drop', 'chile-notes.txt', CHILE_SOURCE);
      await results.filter({ hasText: 'chile-notes.txt' }).filter({ hasText: 'Added' }).waitFor();
      await expect.poll(() => sidebar.getByTestId('source-row').count()).toBe(6);
      await page.context().close();
      expect(errors).toEqual([]);
    },
  );

  it(
    'shows sources someone else adds while the sidebar is open, with their cards',
    { timeout: 120_000 },
    async () => {
      const page = await openBrief(ada);
      const errors = trackPageErrors(page);
      const sidebar = page.getByTestId('cards-sidebar');
      await sidebar.getByRole('tab', { name: 'Sources' }).click();
      const rows = sidebar.getByTestId('source-row');
      await rows.first().waitFor();
      const before = await rows.count();

      // The admin adds a readout from elsewhere; nothing is pushed to this page.
      const res = await server.api('/api/sources', {
        method: 'POST',
        body: JSON.stringify({
          filename: 'bolivia-note.txt',
          content:
            'Bolivia and Paraguay agreed to expand river trade on the Paraguay–Paraná waterway.',
        }),
      });
      expect(res.status).toBe(201);
      // The sidebar looks again when the window regains focus (and every 15 s while visible).
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(before + 1);
      await sidebar.getByRole('tab', { name: 'Countries' }).click();
      await sidebar
        .locator('.card-list')
        .getByTestId('country-card-BO')
        .waitFor({ timeout: 20_000 });
      await page.context().close();
      expect(errors).toEqual([]);
    },
  );

  it(
    'drops a dragged fact between paragraphs with its citation, and not for a viewer',
    { timeout: 120_000 },
    async () => {
      await server.server.sources.loadSamplePackOnce();
      const { cards } = (await (await server.api('/api/cards')).json()) as { cards: CardsIndex };
      const fact = cards.countries.find((c) => c.code === 'PA')!.facts[0];
      const text = insertionText(fact);
      const brief = await server.createBrief('Darién corridor', ada.cookie);
      await share(server, brief.id, grace.user.id, 'editor');
      await share(server, brief.id, lin.user.id, 'viewer');

      // The outline comes from a co-author's client, so Ada's undo cannot reach it; the
      // same client then watches the drop arrive through the server.
      const coauthor = connectClient(server.wsUrl, brief.id, { cookie: grace.cookie });
      try {
        await waitSynced(coauthor);
        coauthor.doc.transact(() => OUTLINE.forEach((line) => addParagraph(coauthor.doc, line)));

        const context = await signedInContext(browser, server, ada);
        const page = await context.newPage();
        const errors = trackPageErrors(page);
        await page.goto(`${server.url}/b/${brief.id}`);
        await waitForEditorText(page, OUTLINE[2]);
        await waitForEditable(page);

        const card = page.getByTestId('relevant').getByTestId('country-card-PA');
        await card.waitFor({ timeout: 15_000 });
        await card
          .getByRole('button', { name: /Panama/ })
          .first()
          .click();
        const factItem = card.locator(`[data-fact-id="${fact.id}"]`);
        await expect(factItem.getAttribute('draggable')).resolves.toBe('true');
        await factItem.locator('.fact__text, .fact__quote, .fact__row').first().hover();
        await screenshot(page, 'cards-drag-hover');

        // Drag it by mouse onto the end of the middle paragraph; the drop cursor shows where.
        const paragraphs = page.locator('.ProseMirror p');
        const middle = paragraphs.nth(1);
        const box = (await middle.boundingBox())!;
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2, { steps: 4 });
        await page.locator('.prosemirror-dropcursor-inline').waitFor();
        await screenshot(page, 'cards-drag-over-brief');
        await page.mouse.up();

        // There, not at the end: text then citation, the paragraphs around it untouched.
        const citation = `cite[data-citation][data-fact-id="${fact.id}"]`;
        await middle.locator(citation).waitFor();
        await expect(middle.locator(citation).getAttribute('data-source-id')).resolves.toBe(
          fact.source.documentId,
        );
        await expect(middle.textContent()).resolves.toBe(`${OUTLINE[1]} ${text}`);
        await expect(paragraphs.nth(0).textContent()).resolves.toBe(OUTLINE[0]);
        await expect(paragraphs.nth(2).textContent()).resolves.toBe(OUTLINE[2]);
        await expect(page.locator(`.ProseMirror ${citation}`).count()).resolves.toBe(1);
        await screenshot(page, 'cards-after-drop');

        // The brief has focus, the caret straight after the citation.
        await expect.poll(() => caretAfterCitation(page)).toEqual({ focused: true, block: 1 });

        // It reached the server: the co-author's client has it, in the middle paragraph,
        // and so does what the server stored.
        const cited = (doc: typeof coauthor.doc) =>
          (fragment(doc).get(1) as { toString(): string } | null)?.toString() ?? '';
        await waitFor(() => cited(coauthor.doc).includes(`factId="${fact.id}"`), {
          message: 'the dropped citation at the co-author',
        });
        await waitForSaveState(page, 'saved');
        expect(cited(await storedDoc(server.storage, brief.id))).toContain(
          `sourceId="${fact.source.documentId}"`,
        );

        // One step to undo: the text and its citation go together, the outline stays.
        await page.keyboard.press('Control+z');
        await expect.poll(() => paragraphs.allTextContents()).toEqual(OUTLINE);
        await expect(page.locator('.ProseMirror cite').count()).resolves.toBe(0);

        // A drop inside a word goes after the word, and one before a word leaves a space.
        const factData = {
          'application/x-briefdesk-cited-text': JSON.stringify({
            text,
            citation: {
              sourceId: fact.source.documentId,
              sourceTitle: 'Panama source',
              excerpt: fact.excerpt,
              factId: fact.id,
            },
          }),
        };
        const midWord = await dropOnEditor(page, 0, factData, 3);
        expect(midWord.paragraphs[0]).toBe(`Purpose ${text} of the visit.`);
        const wordStart = await dropOnEditor(page, 2, factData, 0);
        expect(wordStart.paragraphs[2]).toBe(`${text} Next steps for the delegation.`);
        expect(wordStart.citations).toBe(2);
        await page.keyboard.press('Control+z');
        await page.keyboard.press('Control+z');
        await expect.poll(() => paragraphs.allTextContents()).toEqual(OUTLINE);

        // Other drops are ProseMirror's as before: plain text from elsewhere goes in as text.
        const plain = await dropOnEditor(page, 2, { 'text/plain': 'From another app.' });
        expect(plain.paragraphs[2]).toContain('From another app.');
        expect(plain.citations).toBe(0);
        await page.context().close();

        // A viewer: nothing to drag, and a fact dropped on the brief anyway is refused.
        const viewer = await (await signedInContext(browser, server, lin)).newPage();
        errors.push(...trackPageErrors(viewer));
        await viewer.goto(`${server.url}/b/${brief.id}`);
        await waitForSaveState(viewer, 'saved');
        const viewerCard = viewer.getByTestId('relevant').getByTestId('country-card-PA');
        await viewerCard.waitFor({ timeout: 15_000 });
        await viewerCard
          .getByRole('button', { name: /Panama/ })
          .first()
          .click();
        const viewerFact = viewerCard.locator(`[data-fact-id="${fact.id}"]`);
        await viewerFact.waitFor();
        await expect(viewerFact.getAttribute('draggable')).resolves.toBeNull();
        const before = await viewer.locator('.ProseMirror p').allTextContents();
        const refused = await dropOnEditor(viewer, 1, {
          'application/x-briefdesk-cited-text': JSON.stringify({
            text,
            citation: {
              sourceId: fact.source.documentId,
              sourceTitle: 'Forged',
              excerpt: fact.excerpt,
              factId: fact.id,
            },
          }),
          'text/plain': text,
        });
        expect(refused).toEqual({ paragraphs: before, citations: 0 });
        await viewer.context().close();
        expect(errors).toEqual([]);
      } finally {
        coauthor.destroy();
      }
    },
  );
});
