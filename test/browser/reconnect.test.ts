/**
 * A server restart: the client notices, says it is offline, keeps the edits
 * made meanwhile, comes back by itself (jittered backoff) and gets them saved.
 */
import type { Browser } from 'playwright-core';
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
} from '../helpers/browser.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

describe.skipIf(browserUnavailableReason() !== null)('reconnecting after a server restart', () => {
  let server: TestServer;
  let browser: Browser;

  withServerAndBrowser(async (started) => {
    ({ server, browser } = started);
  });

  it('keeps edits made while the server is down and saves them when it is back', async () => {
    const ada = await createPerson(server, 'ada', 'Ada Lovelace');
    const brief = await server.createBrief('Restart brief', ada.cookie);
    const page = await (await signedInContext(browser, server, ada)).newPage();
    const errors = trackPageErrors(page);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForSaveState(page, 'saved');
    await waitForEditable(page);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Before the restart.');
    await waitForSaveState(page, 'saved');
    expect(sockets).toHaveLength(1);
    // The connection asks for save acknowledgements; the name comes from the session
    // cookie on the server, so none travels in the URL.
    const socketUrl = new URL(sockets[0]);
    expect(socketUrl.pathname).toBe(`/collab/${brief.id}`);
    expect(socketUrl.searchParams.has('name')).toBe(false);
    expect(socketUrl.searchParams.get('acks')).toBe('1');

    const { port, dataDir } = server;
    await server.close();
    await waitForSaveState(page, 'offline');
    // The browser still has a network: the server is what cannot be reached.
    await expect
      .poll(() => page.getByTestId('save-status').textContent())
      .toBe('Can’t reach Briefdesk — changes kept on this device');
    await screenshot(page, 'server-unreachable');
    await page.keyboard.insertText(' Written while the server was down.');

    // Same database: the session survives the restart and the client reconnects signed in.
    server = await startServer({ port, dataDir });
    await waitForSaveState(page, 'saved', 45_000);
    const stored = (await storedDoc(server.storage, brief.id)).getXmlFragment('default').toString();
    expect(stored).toContain('Before the restart. Written while the server was down.');
    expect(sockets.length).toBeGreaterThan(1);
    expect(
      errors.filter(
        (e) => !e.includes('WebSocket connection') && !e.includes('Failed to load resource'),
      ),
    ).toEqual([]);
  });

  it('says a deletion is saved only once the server has stored it, over a slow uplink', async () => {
    const ana = await createPerson(server, 'ana', 'Ana Ortiz');
    const brief = await server.createBrief('Slow uplink', ana.cookie);
    const page = await (await signedInContext(browser, server, ana)).newPage();
    const errors = trackPageErrors(page);
    // Every message to the server is held for the same time, so their order is kept.
    let uplinkDelayMs = 0;
    await page.routeWebSocket(/\/collab\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => setTimeout(() => upstream.send(message), uplinkDelayMs));
      upstream.onMessage((message) => ws.send(message));
    });
    await page.goto(`${server.url}/b/${brief.id}`);
    await waitForEditable(page);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Base text');
    await waitForSaveState(page, 'saved');

    uplinkDelayMs = 1500;
    await page.keyboard.type('abc');
    // A pause, so the acknowledgement of "abc" comes back after the deletion went out.
    await page.waitForTimeout(800);
    await page.keyboard.press('Backspace');
    await waitForSaveState(page, 'saving');
    await waitForSaveState(page, 'saved');
    // "Saved" is shown, so the deletion must be in storage by now.
    const stored = (await storedDoc(server.storage, brief.id)).getXmlFragment('default').toString();
    expect(stored).toContain('Base textab<');
    expect(errors).toEqual([]);
  });
});
