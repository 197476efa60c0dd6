/**
 * The command line of `npm run bench` (see bench/run.ts for what each option
 * does). Anything it does not understand is refused before a server starts,
 * so a typo never runs a quarter of an hour of the wrong benchmark or writes
 * a results file for workloads that do not exist.
 */
import { SERVER_KINDS, type ServerKind } from './protocol.ts';

/** The workloads, numbered as in bench/README.md. */
export const WORKLOADS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface BenchArgs {
  quick: boolean;
  /** Workloads to run; null for all of them, empty for none (--profile-only). */
  only: Set<number> | null;
  servers: ServerKind[];
  profile: boolean;
  nice: boolean;
}

/** A command line the benchmark cannot run; the message says what is wrong. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    quick: false,
    only: null,
    servers: [...SERVER_KINDS],
    profile: false,
    nice: true,
  };
  for (const a of argv) {
    if (a === '--quick') args.quick = true;
    else if (a === '--profile') args.profile = true;
    else if (a === '--no-nice') args.nice = false;
    else if (a === '--profile-only') {
      args.profile = true;
      args.only = new Set();
    } else if (a.startsWith('--only=')) args.only = new Set(listOf(a, parseWorkload));
    else if (a.startsWith('--servers=')) args.servers = [...new Set(listOf(a, parseServer))];
    else throw new BenchUsageError(`unknown argument ${a}`);
  }
  return args;
}

/** The comma-separated values of `--name=a,b`, each parsed; at least one. */
function listOf<T>(arg: string, parse: (value: string) => T): T[] {
  const values = arg.slice(arg.indexOf('=') + 1).split(',');
  if (values.some((v) => v.trim() === '')) {
    throw new BenchUsageError(`${arg}: give a comma-separated list with no empty entries`);
  }
  return values.map((v) => parse(v.trim()));
}

function parseWorkload(value: string): number {
  const n = Number(value);
  if (!(WORKLOADS as readonly number[]).includes(n)) {
    throw new BenchUsageError(`--only: there is no workload ${JSON.stringify(value)} (1–7)`);
  }
  return n;
}

function parseServer(value: string): ServerKind {
  if (!(SERVER_KINDS as readonly string[]).includes(value)) {
    throw new BenchUsageError(
      `--servers: unknown server ${JSON.stringify(value)} (one of ${SERVER_KINDS.join(', ')})`,
    );
  }
  return value as ServerKind;
}
