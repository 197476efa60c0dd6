/**
 * Builds the client bundle when it is missing or older than any of its
 * sources, so `npm start` on a fresh clone or after a pull serves the
 * current client without a separate build step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Logger } from './logger.ts';

const SOURCES = ['client', 'shared', 'vite.config.ts', 'package.json'];

export async function buildClientIfStale(options: {
  repoRoot: string;
  outDir: string;
  logger: Logger;
}): Promise<void> {
  const built = mtime(path.join(options.outDir, 'index.html'));
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(options.repoRoot, s))));
  if (built !== null && built >= newest) return;
  options.logger.info(
    built === null ? 'building the client' : 'client sources changed; rebuilding',
  );
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(options.repoRoot, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        options.outDir,
      ],
      {
        cwd: options.repoRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`client build failed with exit code ${code}`)),
    );
  });
}

function mtime(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}
