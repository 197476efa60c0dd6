/*
 * Briefdesk's service worker: keeps the app shell so that a brief reloaded
 * without a network still opens (its text comes from IndexedDB).
 *
 * - Navigations: network first (a deploy is picked up at once), falling back
 *   to the cached index.html when the network fails or is too slow.
 * - /assets/*: Vite's content-hashed files never change, so cache first.
 * - /api and /collab are never touched: data must not come from a cache.
 *
 * The shell is precached at install by reading index.html for its assets (and
 * the CSS for its fonts), so the very first visit already works offline.
 */
const CACHE = 'briefdesk-shell-v1';
const SHELL_URL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n)));
      // Control the page that registered us, so it works offline without a second visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab')) return;

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  }
});

/** Asset URLs referenced by a page or stylesheet (src/href/url()). */
function assetUrls(text, base) {
  const urls = new Set();
  const pattern = /(?:src|href)="([^"]+)"|url\(\s*['"]?([^'")]+)['"]?\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const raw = match[1] || match[2];
    if (!raw || raw.startsWith('data:')) continue;
    const url = new URL(raw, base);
    if (url.origin === self.location.origin) urls.add(url.pathname);
  }
  return [...urls];
}

async function precacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL_URL, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`index.html answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put(SHELL_URL, response);
  const assets = assetUrls(html, self.location.origin + '/');
  await Promise.all(assets.map((path) => cacheAsset(cache, path)));
}

async function cacheAsset(cache, path) {
  if (await cache.match(path)) return;
  const response = await fetch(path);
  if (!response.ok) return;
  if (path.endsWith('.css')) {
    // Fonts are referenced from the stylesheet, not from index.html.
    const css = await response.clone().text();
    const nested = assetUrls(css, self.location.origin + path);
    await Promise.all(nested.filter((p) => p !== path).map((p) => cacheAsset(cache, p)));
  }
  await cache.put(path, response);
}

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    const type = response.headers.get('content-type') || '';
    if (response.ok && type.includes('text/html')) {
      // Every route serves index.html, so keep the latest under one key, and
      // fetch a new deploy's assets now, while there is a network.
      const html = await response.clone().text();
      await cache.put(SHELL_URL, response.clone());
      const assets = assetUrls(html, self.location.origin + '/');
      Promise.all(assets.map((path) => cacheAsset(cache, path)))
        .then(() => pruneAssets(cache, assets))
        .catch(() => {});
    }
    return response;
  } catch {
    const cached = await cache.match(SHELL_URL);
    if (cached) return cached;
    return new Response('<h1>Briefdesk is offline</h1><p>Connect to the internet and reload.</p>', {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Drops hashed files no longer referenced by the current shell (or its CSS). */
async function pruneAssets(cache, shellAssets) {
  const keep = new Set(shellAssets);
  for (const path of shellAssets) {
    if (!path.endsWith('.css')) continue;
    const css = await cache.match(path);
    if (css) for (const p of assetUrls(await css.text(), self.location.origin + path)) keep.add(p);
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
