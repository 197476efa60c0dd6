/**
 * `npm run --silent cards -- <file>...`: print the cards of the given source
 * files as JSON. Reads files only; touches no database. Every file is checked
 * before anything is printed, so a bad file leaves stdout empty.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardsIndex, NormalisedSource, SourceInput } from '../../shared/cards.ts';
import { SourceRejectedError } from './errors.ts';
import { formatFromFilename, normaliseSource } from './normalise.ts';

class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function readSource(file: string): SourceInput {
  const format = formatFromFilename(file);
  if (format === null) {
    throw new CliError(
      `${file}: unsupported file type (expected .txt, .md, .markdown, .html or .htm)`,
      2,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : 'cannot be read';
    throw new CliError(`${file}: ${why}`, 1);
  }
  if (bytes.length === 0) throw new CliError(`${file}: the file is empty`, 1);
  if (bytes.includes(0))
    throw new CliError(`${file}: the file looks binary (it contains NUL bytes)`, 1);
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: the file is not valid UTF-8 text`, 1);
  }
  return { format, content, filename: path.basename(file) };
}

/** The CLI's JSON: country issues as ids, as the issue asks; scores and flags ride along. */
function cliOutput(index: CardsIndex): unknown {
  return {
    countries: index.countries.map((c) => ({
      code: c.code,
      name: c.name,
      flag: c.flag,
      mentions: c.mentions,
      issues: c.issues.map((i) => i.id),
      issueScores: c.issues,
      facts: c.facts,
      regions: c.regions,
      sources: c.sources,
    })),
    issues: index.issues.map((i) => ({
      id: i.id,
      label: i.label,
      countries: i.countries,
      countryScores: i.countryScores,
      facts: i.facts,
      recommendedActions: i.recommendedActions,
      sources: i.sources,
    })),
    regions: index.regions,
    documents: index.documents,
  };
}

export async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0) {
    process.stderr.write('cards: no input files (usage: npm run --silent cards -- <file>...)\n');
    return 2;
  }
  try {
    // Check every file before loading the NLP modules, so a bad input fails fast.
    const sources: NormalisedSource[] = files.map((file) => {
      try {
        return normaliseSource(readSource(file));
      } catch (err) {
        if (err instanceof SourceRejectedError) throw new CliError(`${file}: ${err.message}`, 1);
        throw err;
      }
    });
    const { extractFacts } = await import('./facts.ts');
    const { buildCards } = await import('./cards.ts');
    const index = buildCards(sources.map((s) => extractFacts(s)));
    process.stdout.write(`${JSON.stringify(cliOutput(index), null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`cards: ${err.message}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`cards: internal error: ${msg.split('\n')[0]}\n`);
    return 70;
  }
}

// Run only as a script, not when imported by tests.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
