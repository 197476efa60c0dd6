/**
 * Serves the built client. Hashed assets are cached for a year; index.html
 * never, so a deploy is picked up on the next load. Any other GET that is not
 * a file is a client-side route and gets index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  // normalize() has removed `..`; this guards against anything left.
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  let file = inside ? resolved : null;
  if (file && !isFile(file)) file = null;
  const isAsset = file !== null && decoded.startsWith('/assets/');
  if (!file) {
    // Unknown files with an extension are real 404s; bare paths are client routes.
    if (path.extname(decoded)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = path.join(root, 'index.html');
    if (!isFile(file)) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The client bundle is not built. Run `npm run build` or `npm start`.');
      return;
    }
  }
  const headers: Record<string, string> = {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (file.endsWith('.html')) headers['referrer-policy'] = 'same-origin';
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
