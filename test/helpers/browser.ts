/**
 * Headless Chromium for browser tests, through playwright-core and the
 * system's Debian Chromium (no browser download). Without Chromium the tests
 * skip on a developer machine but fail in CI: a browser test that silently
 * skips there would hide a broken client.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

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

export interface PersonOptions {
  /** The display name, stored before the app loads (skips the name dialog). */
  name?: string;
  /**
   * 'block' for tests that use page.route: requests from a page controlled by
   * the service worker bypass Playwright's routing.
   */
  serviceWorkers?: 'allow' | 'block';
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
  });
  if (options.name !== undefined) {
    await context.addInitScript((name) => {
      if (!localStorage.getItem('briefdesk:displayName')) {
        localStorage.setItem('briefdesk:displayName', name);
      }
    }, options.name);
  }
  return context;
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
  await page.locator(`[data-testid="save-status"][data-state="${state}"]`).waitFor({ timeout });
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
