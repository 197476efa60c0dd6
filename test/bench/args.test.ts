/**
 * `npm run bench`'s command line: what it accepts, and that anything else is
 * refused with a message before any server starts.
 */
import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from '../../bench/lib/args.ts';

describe('npm run bench arguments', () => {
  it('runs everything against every server by default', () => {
    const args = parseBenchArgs([]);
    expect(args.only).toBeNull();
    expect(args.servers).toEqual(['briefdesk', 'hocuspocus', 'ywsref']);
    expect(args.quick).toBe(false);
    expect(args.nice).toBe(true);
  });

  it('takes a subset of workloads and servers, and the flags', () => {
    const args = parseBenchArgs([
      '--only=2,7',
      '--servers=ywsref,briefdesk',
      '--quick',
      '--no-nice',
    ]);
    expect([...(args.only ?? [])]).toEqual([2, 7]);
    expect(args.servers).toEqual(['ywsref', 'briefdesk']);
    expect(args.quick).toBe(true);
    expect(args.nice).toBe(false);
    expect(parseBenchArgs(['--profile-only']).only?.size).toBe(0);
  });

  it.each([
    [['--only=9'], 'there is no workload "9" (1–7)'],
    [['--only=2,x'], 'there is no workload "x"'],
    [['--only=1.5'], 'there is no workload "1.5"'],
    [['--only='], 'comma-separated list with no empty entries'],
    [['--only=1,,2'], 'comma-separated list with no empty entries'],
    [['--servers=briefdesk,yjs'], 'unknown server "yjs" (one of briefdesk, hocuspocus, ywsref)'],
    [['--servers='], 'comma-separated list with no empty entries'],
    [['--quik'], 'unknown argument --quik'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
