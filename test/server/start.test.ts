/**
 * The real entry point, started as `npm start` starts it (its script's tsx
 * and node flags, without the client build), with storage it cannot use: it
 * must stop at once with a message that names the database, not hang or
 * print a stack.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainEntryArgs, RELAY_NODE_FLAGS } from '../../server/heapTuning.ts';
import { repoRoot, tempDataDir, TEST_ENV } from '../helpers/server.ts';

/** `npm start`'s command, as program and arguments, less `--build-if-stale`. */
function npmStartCommand(): [string, string[]] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [program, ...args] = pkg.scripts.start.split(/\s+/).filter((w) => w !== '--build-if-stale');
  expect(program).toBe('tsx');
  return [path.join(repoRoot, 'node_modules/.bin/tsx'), args];
}

const NO_FLAGS_WARNING = "started without the relay's node flags";

/** Runs the entry to its exit; a start that hangs is killed and reported as such. */
function start(
  env: Record<string, string>,
  [program, args] = npmStartCommand(),
): Promise<{ code: number | null; output: string }> {
  const proc = spawn(program, args, {
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
      expect(output).not.toContain(NO_FLAGS_WARNING);
    },
    90_000,
  );
});

describe("the relay's node flags", () => {
  it('are passed by npm start and by the entry arguments every launcher uses', () => {
    const [, args] = npmStartCommand();
    expect(RELAY_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of RELAY_NODE_FLAGS) {
      expect(args.indexOf(flag)).toBeGreaterThanOrEqual(0);
      // Node reads its own flags only before the script's path.
      expect(args.indexOf(flag)).toBeLessThan(args.indexOf('server/main.ts'));
    }
    expect(mainEntryArgs(repoRoot).slice(0, RELAY_NODE_FLAGS.length)).toEqual(RELAY_NODE_FLAGS);
  });

  it('are named in a warning when the entry is started without them, which still starts', async () => {
    const dir = '/proc/briefdesk-missing/data';
    const { code, output } = await start({ DATA_DIR: dir }, [
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')],
    ]);
    expect(output).toContain(NO_FLAGS_WARNING);
    for (const flag of RELAY_NODE_FLAGS) expect(output).toContain(flag);
    // Past the warning it starts as ever: here, to the storage error.
    expect(code).toBe(1);
    expect(output).toContain('Cannot open the SQLite database');
  }, 90_000);
});
