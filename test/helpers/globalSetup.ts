/**
 * Runs once before the test files: builds the client bundle when it is
 * missing or stale, because browser tests load it from the real server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientIfStale } from '../../server/build.ts';
import { createLogger } from '../../server/logger.ts';

export default async function setup(): Promise<void> {
  // For quick runs of server-only tests while the client is mid-change.
  if (process.env.BRIEFDESK_SKIP_BUILD === '1') return;
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  await buildClientIfStale({
    repoRoot,
    outDir: path.join(repoRoot, 'dist/client'),
    logger: createLogger('info'),
  });
}
