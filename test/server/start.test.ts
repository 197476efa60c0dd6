/**
 * The real entry point (`npm start`) with storage it cannot use: it must stop
 * at once with a message that names the database, not hang or print a stack.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDataDir, TEST_ENV } from '../helpers/server.ts';

/** Runs server/main.ts to its exit; a start that hangs is killed and reported as such. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...TEST_ENV, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // A guard against a hang, not a timing assertion: a start that is still going is the failure.
  const guard = setTimeout(() => {
    output += '\n[still running after 60 s: killed]';
    proc.kill('SIGKILL');
  }, 60_000);
  return new Promise((resolve) =>
    proc.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    }),
  );
}

describe('npm start with a DATA_DIR it cannot use', () => {
  it.each([
    ['a missing directory under /proc', () => '/proc/briefdesk-missing/data'],
    [
      'a path through a file',
      () => {
        const file = path.join(tempDataDir(), 'taken');
        fs.writeFileSync(file, 'x');
        return path.join(file, 'data');
      },
    ],
  ])(
    'stops with a message for %s',
    async (_, dataDir) => {
      const dir = dataDir();
      const { code, output } = await start({ DATA_DIR: dir });
      expect(output).not.toContain('still running');
      expect(code).toBe(1);
      expect(output).toContain(
        `Briefdesk failed to start: Cannot open the SQLite database ${path.join(dir, 'briefdesk.sqlite')}`,
      );
      expect(output).not.toMatch(/\n\s+at /);
    },
    90_000,
  );
});
