import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'cards-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cards/cli.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cards CLI', () => {
  it('prints country and issue cards as JSON for text, Markdown and HTML files', () => {
    const txt = file(
      'a.txt',
      'Ecuadorian police seized three tonnes of cocaine, a 20% rise on last year.',
    );
    const md = file('b.md', '# Panama\n\nPanama tightened **migration** checks in the Darién.');
    const html = file(
      'c.html',
      '<p>Chile and Peru signed a trade agreement.</p><p>Share on Facebook</p>',
    );
    const r = cli(txt, md, html);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      countries: { code: string; name: string; issues: string[]; facts: unknown[] }[];
      issues: { id: string; label: string; countries: string[]; facts: unknown[] }[];
    };
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['countries', 'issues']));
    const byCode = Object.fromEntries(out.countries.map((c) => [c.code, c]));
    expect(Object.keys(byCode).sort()).toEqual(['CL', 'EC', 'PA', 'PE']);
    expect(byCode.EC.issues).toContain('counter-narcotics');
    expect(byCode.PA.issues).toEqual(['migration']);
    expect(byCode.CL.issues).toEqual(['trade-investment']);
    for (const c of out.countries) {
      expect(typeof c.name).toBe('string');
      expect(Array.isArray(c.facts)).toBe(true);
      expect(c.issues.every((i) => typeof i === 'string')).toBe(true);
    }
    const trade = out.issues.find((i) => i.id === 'trade-investment');
    expect(trade?.countries.sort()).toEqual(['CL', 'PE']);
    expect(typeof trade?.label).toBe('string');
  });

  it.each([
    ['a missing file', () => path.join(dir, 'nope.txt'), /nope\.txt: no such file/],
    ['an unsupported extension', () => file('x.pdf', 'Peru'), /unsupported file type/],
    ['an empty file', () => file('empty.txt', ''), /empty/],
    ['a binary file', () => file('bin.txt', Buffer.from([0x50, 0x00, 0x01, 0x02])), /binary/],
    [
      'invalid UTF-8',
      () => file('latin1.txt', Buffer.from([0x50, 0x65, 0x72, 0xfa, 0x20, 0x61])),
      /not valid UTF-8/,
    ],
    ['a file with only markup', () => file('only.html', '<script>x()</script>'), /no text/],
  ])('fails on %s with one clear line on stderr and nothing on stdout', (_name, make, message) => {
    const good = file('good.txt', 'Peru and Chile.');
    const r = cli(good, make());
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with usage when given no files', () => {
    const r = cli();
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no input files/);
  });
});
