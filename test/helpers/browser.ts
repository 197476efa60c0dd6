/**
 * Headless Chromium for browser tests, through playwright-core and the
 * system's Debian Chromium (no browser download). Without Chromium the tests
 * skip on a developer machine but fail in CI: a browser test that silently
 * skips there would hide a broken client.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AccountSummary } from '../../shared/api.ts';
import type { OrgRole } from '../../shared/roles.ts';
import { repoRoot, startServer, type StartOptions, type TestServer } from './server.ts';

export const CHROMIUM_PATH = process.env.BRIEFDESK_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(repoRoot, 'test-artifacts/browser');
export const VIEWPORT = { width: 1280, height: 800 };

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether browser tests can run here. Throws in CI when Chromium is missing;
 * otherwise returns a reason to pass to `describe.skipIf`.
 */
export function browserUnavailableReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const message = `Chromium not found at ${CHROMIUM_PATH}; browser tests need it (apt-get install chromium).`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping browser tests: ${message}`);
  return message;
}

export async function launchBrowser(): Promise<Browser> {
  const reason = browserUnavailableReason();
  if (reason) throw new Error(reason);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * Starts a test server and Chromium before the enclosing describe block's
 * tests, hands both to `setUp` (which may create accounts and briefs), and
 * closes them after the tests.
 */
export function withServerAndBrowser(
  setUp: (started: { server: TestServer; browser: Browser }) => void | Promise<void>,
  options?: StartOptions,
): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
    await setUp({ server, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

export interface PersonOptions {
  /**
   * A session cookie (`name=value`, as from server.createUser or login) put into
   * the context before the app loads, so it opens signed in without the form.
   */
  session?: { cookie: string; url: string };
  /**
   * 'block' for tests that use page.route: requests from a page controlled by
   * the service worker bypass Playwright's routing.
   */
  serviceWorkers?: 'allow' | 'block';
  /** The browser's time zone (IANA id); the machine's by default. */
  timezoneId?: string;
}

/** A separate browser context: its own storage, IndexedDB and service worker, like another person. */
export async function newPerson(
  browser: Browser,
  options: PersonOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    timezoneId: options.timezoneId,
  });
  if (options.session) await addSessionCookie(context, options.session.cookie, options.session.url);
  return context;
}

/** Puts a `name=value` session cookie into a browser context for `url`'s origin. */
export async function addSessionCookie(
  context: BrowserContext,
  cookie: string,
  url: string,
): Promise<void> {
  const eq = cookie.indexOf('=');
  if (eq <= 0) throw new Error(`not a name=value cookie: ${cookie}`);
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url }]);
}

export interface TestPerson {
  user: AccountSummary;
  cookie: string;
  password: string;
}

/**
 * A user with a chosen display name (what co-authors see in presence), signed
 * in over HTTP. createUser names people after their username; tests read
 * better with full names.
 */
export async function createPerson(
  server: TestServer,
  username: string,
  displayName: string,
  role: OrgRole = 'staff',
): Promise<TestPerson> {
  const person = await server.createUser(username, role);
  const res = await server.api(`/api/users/${person.user.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ displayName }),
  });
  if (res.status !== 200) throw new Error(`renaming ${username} failed: ${res.status}`);
  return { ...person, user: { ...person.user, displayName } };
}

/** A browser context signed in as `person` (cookie only, no sign-in form). */
export function signedInContext(
  browser: Browser,
  server: TestServer,
  person: { cookie: string },
  options: Omit<PersonOptions, 'session'> = {},
): Promise<BrowserContext> {
  return newPerson(browser, { ...options, session: { cookie: person.cookie, url: server.url } });
}

/** Adds `userId` to a brief with `role`, as the admin. */
export async function share(
  server: TestServer,
  briefId: string,
  userId: string,
  role: 'editor' | 'reviewer' | 'viewer',
): Promise<void> {
  const res = await server.api(`/api/briefs/${briefId}/members/${userId}`, {
    method: 'PUT',
    body: JSON.stringify({ role }),
  });
  if (res.status !== 200) throw new Error(`sharing failed: ${res.status} ${await res.text()}`);
}

/** Full-page screenshot kept under test-artifacts/browser/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  // Carets blink; hide them so screenshots are stable.
  await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
  return file;
}

/** Collects page errors so a test can assert the client never threw. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** The save indicator's state: saved | saving | offline | connecting | error. */
export async function waitForSaveState(page: Page, state: string, timeout = 20_000): Promise<void> {
  // "Saved" still shows for a moment after an edit (the indicator's grace period):
  // saved means the server holds everything, which data-unsaved says at once.
  const unsaved = state === 'saved' ? '[data-unsaved="false"]' : '';
  await page
    .locator(`[data-testid="save-status"][data-state="${state}"]${unsaved}`)
    .waitFor({ timeout });
}

/** The editor's text content, for assertions. */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.ProseMirror').textContent()) ?? '';
}

/** Waits until the editor's text contains `text` (typed here or arriving from elsewhere). */
export async function waitForEditorText(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('.ProseMirror')?.textContent?.includes(expected) ?? false,
    text,
    { timeout },
  );
}

/**
 * Waits until the editor accepts typing. A brief opens read-only until its
 * role is known (GET /api/briefs/:id), which can come after the document syncs.
 */
export async function waitForEditable(page: Page, timeout = 20_000): Promise<void> {
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout });
}

/**
 * Clicks into an editor and puts the caret at the start or end of its text,
 * waiting for focus and then for the caret: on a busy machine, keys pressed
 * straight after the click could land before the editor had focus.
 */
export async function caretTo(editor: Locator, where: 'start' | 'end'): Promise<void> {
  await editor.click();
  await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await editor.page().keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
  await expect
    .poll(() =>
      editor.evaluate((el, toEnd) => {
        const selection = window.getSelection();
        if (!selection || selection.rangeCount === 0) return false;
        // The text between the caret and that end of the editor, without caret labels.
        const rest = document.createRange();
        rest.selectNodeContents(el);
        const caret = selection.getRangeAt(0);
        if (toEnd) rest.setStart(caret.endContainer, caret.endOffset);
        else rest.setEnd(caret.startContainer, caret.startOffset);
        const copy = document.createElement('div');
        copy.append(rest.cloneContents());
        for (const label of copy.querySelectorAll('.collaboration-carets__caret')) label.remove();
        return (copy.textContent ?? '') === '';
      }, where === 'end'),
    )
    .toBe(true);
}
