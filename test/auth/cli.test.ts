/**
 * The user administration CLI (`npm run user`) refuses what the API refuses,
 * with a usage message and exit code 2, and changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDataDir, TEST_ENV } from '../helpers/server.ts';

describe('user CLI', () => {
  const dataDir = tempDataDir();
  const user = (...argv: string[]) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/auth/cli.ts', ...argv], {
      cwd: repoRoot,
      env: { ...process.env, ...TEST_ENV, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

  it('refuses a display name the API would refuse, and extra arguments', () => {
    const tooLong = user('add', 'longname', '--name', 'a'.repeat(61));
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toContain('"--name" must be at most 60 characters.');
    const blank = user('add', 'blank', '--name', ' \u0007 ');
    expect(blank.code).toBe(2);
    expect(blank.err).toContain('"--name" must not be empty.');
    const extra = user('list', 'extra');
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('Unexpected argument: extra');
    expect(user('list').out).not.toMatch(/longname|blank/);
  });

  it('stores a display name as the API would: control characters become spaces', () => {
    const added = user(
      'add',
      'ray',
      '--name',
      'Ray\u001b[31m Red\u0007',
      '--password',
      'ray-password-1',
    );
    expect(added.code).toBe(0);
    const listed = user('list')
      .out.split('\n')
      .find((line) => line.startsWith('ray '));
    expect(listed).toMatch(/ Ray \[31m Red$/);
  });
});
