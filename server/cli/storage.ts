/**
 * `npm run storage -- <command>`: move briefs between storages, e.g. from a
 * single-instance SQLite deployment to PostgreSQL. `copy` moves everything
 * else too — accounts, sessions, memberships, revisions, approvals, the
 * audit log (see tables.ts); export and import carry briefs only.
 *
 *   export --out <file.ndjson> [--from <location>]
 *   import --in <file.ndjson>  [--to <location>]
 *   copy   --from <location> --to <location>
 *
 * A location is `sqlite:<path>` or a `postgres://` URL; a missing --from/--to
 * means the configured storage (DATABASE_URL, else DATA_DIR/briefdesk.sqlite).
 *
 * Each brief's snapshot and log are merged into one Yjs update on the way.
 * Running a command again is safe: a brief the target already has receives
 * only content it lacks (a Yjs merge, so nothing on either side is lost), and
 * its title and timestamps only when the source's are newer. The server should
 * be stopped while its storage is the source, or late edits miss the copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { BRIEF_TITLE_MAX_LENGTH } from '../../shared/api.ts';
import { isBriefId } from '../../shared/briefId.ts';
import { updateProblem } from '../collab/updateCheck.ts';
import { ConfigError, parseConfig, type Env } from '../config.ts';
import { createLogger } from '../logger.ts';
import {
  openPostgresStorage,
  openSqliteStorage,
  redactUrl,
  sqliteFilename,
  type BriefRecord,
  type Storage,
  type StoredDocument,
} from '../storage/index.ts';
import { copyTables, type TableCounts } from './tables.ts';
import { mergeIntoSnapshot } from '../storage/snapshot.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FORMAT = 'briefdesk-briefs';
const VERSION = 1;

const USAGE = `Usage:
  npm run storage -- export --out <file.ndjson> [--from <location>]
  npm run storage -- import --in <file.ndjson> [--to <location>]
  npm run storage -- copy --from <location> --to <location>

A location is sqlite:<path> or a postgres:// URL. Without --from or --to, the
configured storage is used: DATABASE_URL, else DATA_DIR/briefdesk.sqlite.`;

const COMMANDS = {
  export: { required: ['out'], optional: ['from'] },
  import: { required: ['in'], optional: ['to'] },
  copy: { required: ['from', 'to'], optional: [] },
} as const;
type Command = keyof typeof COMMANDS;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
export class TransferError extends Error {
  override readonly name = 'TransferError';
}

type Location = { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string };

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Env;
  /** Where relative paths are resolved from. */
  cwd: string;
}

/** One brief as exported: its record and its whole document as one update (base64). */
interface BriefLine {
  brief: BriefRecord;
  document: string | null;
}

export interface TransferCounts {
  briefs: number;
  created: number;
  merged: number;
  unchanged: number;
  updatesRead: number;
  snapshotsRead: number;
  documentBytes: number;
}

/** Runs the CLI; resolves to the exit code (0 done, 1 failed, 2 bad arguments). */
export async function runStorageCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, values } = parseCommand(argv);
    if (command === null) {
      io.stdout(USAGE + '\n');
      return 0;
    }
    const location = (flag: 'from' | 'to') => {
      const given = values[flag];
      return given === undefined
        ? configuredLocation(io)
        : parseLocation(given, `--${flag}`, io.cwd);
    };
    const counts = emptyCounts();
    if (command === 'export') {
      const from = location('from');
      const out = path.resolve(io.cwd, values.out!);
      await withStorage(from, 'source', io, (source) => exportTo(source, out, counts));
      io.stdout(`Exported ${describe(from)} to ${out}: ${summary(counts, false)}\n`);
    } else if (command === 'import') {
      const file = path.resolve(io.cwd, values.in!);
      const to = location('to');
      const briefs = await checkExport(file);
      await withStorage(to, 'target', io, (target) => importFrom(file, target, counts));
      if (counts.briefs !== briefs) throw new TransferError(`${file} changed while importing.`);
      io.stdout(`Imported ${file} into ${describe(to)}: ${summary(counts, true)}\n`);
    } else {
      const [from, to] = [location('from'), location('to')];
      if (describe(from) === describe(to)) throw new UsageError('--from and --to are the same.');
      let tables: TableCounts = {};
      await withStorage(from, 'source', io, (source) =>
        withStorage(to, 'target', io, async (target) => {
          for await (const { brief, document } of briefsOf(source, counts)) {
            await putBrief(target, brief, document, counts);
          }
          tables = await copyTables(source.sql, target.sql);
        }),
      );
      io.stdout(
        `Copied ${describe(from)} to ${describe(to)}: ${summary(counts, true)}\n` +
          `Tables (rows read, written): ${Object.entries(tables)
            .map(([table, c]) => `${table} ${c.read}/${c.written}`)
            .join(', ')}.\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`storage ${argv[0]} failed: ${message}\n`);
    return 1;
  }
}

function parseCommand(argv: readonly string[]): {
  command: Command | null;
  values: Partial<Record<'from' | 'to' | 'in' | 'out', string>>;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length === 0) return { command: null, values: {} };
  const [name, ...extra] = positionals;
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`Unknown command "${name}".`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const command = name as Command;
  const spec: { required: readonly string[]; optional: readonly string[] } = COMMANDS[command];
  for (const flag of ['from', 'to', 'in', 'out'] as const) {
    const value = values[flag];
    if (value === undefined) {
      if (spec.required.includes(flag)) throw new UsageError(`${command} needs --${flag}.`);
    } else if (!spec.required.includes(flag) && !spec.optional.includes(flag)) {
      throw new UsageError(`${command} does not take --${flag}.`);
    } else if (value.trim() === '') {
      throw new UsageError(`--${flag} is empty.`);
    }
  }
  return { command, values };
}

export function parseLocation(text: string, flag: string, cwd: string): Location {
  if (/^postgres(ql)?:\/\/./.test(text)) return { kind: 'postgres', url: text };
  if (text.startsWith('sqlite:') && text.length > 'sqlite:'.length) {
    return { kind: 'sqlite', filename: path.resolve(cwd, text.slice('sqlite:'.length)) };
  }
  throw new UsageError(`${flag} must be sqlite:<path> or a postgres:// URL, got "${text}".`);
}

function configuredLocation(io: CliIo): Location {
  try {
    // Resolved as the server resolves it, against the repository, whatever the caller's directory.
    const config = parseConfig(io.env, REPO_ROOT);
    return config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'sqlite', filename: sqliteFilename(config) };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function describe(location: Location): string {
  return location.kind === 'sqlite' ? `sqlite:${location.filename}` : redactUrl(location.url);
}

async function withStorage<T>(
  location: Location,
  role: 'source' | 'target',
  io: CliIo,
  fn: (storage: Storage) => Promise<T>,
): Promise<T> {
  let storage: Storage;
  if (location.kind === 'sqlite') {
    // Opening creates an empty database, so a mistyped source would look like "no briefs".
    if (role === 'source' && !fs.existsSync(location.filename)) {
      throw new TransferError(`There is no SQLite database at ${location.filename}.`);
    }
    storage = openSqliteStorage({ filename: location.filename, synchronous: 'FULL' });
  } else {
    const logger = createLogger('warn', (line) => io.stderr(line + '\n'));
    storage = await openPostgresStorage({ connectionString: location.url, poolSize: 4, logger });
  }
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

/** Every brief of `source` with its document merged into one update (null when it has none). */
async function* briefsOf(
  source: Storage,
  counts: TransferCounts,
): AsyncGenerator<{ brief: BriefRecord; document: Uint8Array | null }> {
  // Briefs in the trash go too, still in the trash: it is their owners' to empty.
  for (const brief of [...(await source.listBriefs()), ...(await source.listTrash())]) {
    const stored = await source.loadDocument(brief.id);
    counts.updatesRead += stored.updates.length;
    if (stored.snapshot) counts.snapshotsRead++;
    const parts = stored.updates.map((u) => u.data);
    if (stored.snapshot) parts.unshift(stored.snapshot);
    const document =
      parts.length === 0 ? null : parts.length === 1 ? parts[0] : mergeIntoSnapshot(Y, parts);
    yield { brief, document };
  }
}

/**
 * Writes one brief into `target`: created when missing (its document as a
 * snapshot at seq 0, below anything the target's log will hold), otherwise
 * merged. Leaves the target unchanged when it already has everything.
 */
async function putBrief(
  target: Storage,
  brief: BriefRecord,
  document: Uint8Array | null,
  counts: TransferCounts,
): Promise<void> {
  counts.briefs++;
  counts.documentBytes += document?.byteLength ?? 0;
  const meta = { title: brief.title, updatedAt: brief.updatedAt, updatedBy: brief.updatedBy };
  const existing = await target.getBrief(brief.id);
  if (!existing) {
    await target.createBrief({ id: brief.id, title: brief.title, createdAt: brief.createdAt });
    if (document) await target.writeSnapshot(brief.id, document, 0);
    await target.updateBrief(brief.id, meta);
    if (brief.trashedAt !== null) {
      await target.setTrashed(brief.id, { at: brief.trashedAt, by: brief.trashedBy ?? '' });
    }
    counts.created++;
    return;
  }
  let changed = false;
  if (document && !covers(await target.loadDocument(brief.id), document)) {
    await target.appendUpdates([
      { briefId: brief.id, data: document, author: brief.updatedBy, receivedAt: brief.updatedAt },
    ]);
    changed = true;
  }
  // Appending set the target's timestamps to the source's; keep whichever side is newer.
  const newer = brief.updatedAt > existing.updatedAt ? meta : existing;
  if (changed || newer === meta) {
    await target.updateBrief(brief.id, {
      title: newer.title,
      updatedAt: newer.updatedAt,
      updatedBy: newer.updatedBy,
    });
    counts.merged++;
  } else {
    counts.unchanged++;
  }
}

/** Whether the stored document already holds everything in `update`. */
function covers(stored: StoredDocument, update: Uint8Array): boolean {
  // No GC, as on the server: applying must not rewrite what is already there.
  const doc = new Y.Doc({ gc: false });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, update);
  return Buffer.compare(before, Y.encodeStateAsUpdate(doc)) === 0;
}

async function exportTo(source: Storage, file: string, counts: TransferCounts): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new TransferError(`${file} already exists; remove it or choose another --out.`);
    }
    throw error;
  }
  let complete = false;
  try {
    const write = (value: unknown) => handle.write(JSON.stringify(value) + '\n');
    await write({ format: FORMAT, version: VERSION, exportedAt: new Date().toISOString() });
    for await (const { brief, document } of briefsOf(source, counts)) {
      counts.briefs++;
      counts.documentBytes += document?.byteLength ?? 0;
      const line: BriefLine = {
        brief,
        document: document ? Buffer.from(document).toString('base64') : null,
      };
      await write(line);
    }
    // The end line tells a complete file from one cut short.
    await write({ end: { briefs: counts.briefs } });
    await handle.sync();
    complete = true;
  } finally {
    await handle.close();
    if (!complete) await fs.promises.rm(file, { force: true });
  }
}

/** Checks the whole file before anything is imported, so a bad file writes nothing. */
async function checkExport(file: string): Promise<number> {
  let briefs = 0;
  let ended = false;
  const ids = new Set<string>();
  for await (const { number, value } of readLines(file)) {
    const where = `${file}:${number}`;
    if (ended) throw new TransferError(`${where}: content after the end line.`);
    if (number === 1) {
      if (!isRecord(value) || value.format !== FORMAT) {
        throw new TransferError(`${where}: not a Briefdesk export (no "${FORMAT}" header).`);
      }
      if (value.version !== VERSION) {
        throw new TransferError(
          `${where}: export version ${String(value.version)} is not supported.`,
        );
      }
    } else if (isRecord(value) && isRecord(value.end)) {
      if (value.end.briefs !== briefs) {
        throw new TransferError(
          `${where}: the end line counts ${String(value.end.briefs)} briefs, the file holds ${briefs}.`,
        );
      }
      ended = true;
    } else {
      const { brief } = parseBriefLine(value, where);
      if (ids.has(brief.id)) throw new TransferError(`${where}: brief ${brief.id} appears twice.`);
      ids.add(brief.id);
      briefs++;
    }
  }
  if (!ended)
    throw new TransferError(`${file}: the file is incomplete (no end line); export again.`);
  return briefs;
}

async function importFrom(file: string, target: Storage, counts: TransferCounts): Promise<void> {
  for await (const { number, value } of readLines(file)) {
    if (number === 1 || (isRecord(value) && 'end' in value)) continue;
    const { brief, document } = parseBriefLine(value, `${file}:${number}`);
    await putBrief(target, brief, document, counts);
  }
}

async function* readLines(file: string): AsyncGenerator<{ number: number; value: unknown }> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch {
    throw new TransferError(`Cannot read ${file}.`);
  }
  let number = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    number++;
    if (text.trim() === '') continue;
    try {
      yield { number, value: JSON.parse(text) as unknown };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new TransferError(`${file}:${number}: not JSON (${error.message}).`);
    }
  }
}

function parseBriefLine(
  value: unknown,
  where: string,
): { brief: BriefRecord; document: Uint8Array | null } {
  const bad = (what: string) => new TransferError(`${where}: ${what}.`);
  if (!isRecord(value) || !isRecord(value.brief)) throw bad('expected a brief line');
  const { id, title, createdAt, updatedAt, updatedBy } = value.brief;
  // Absent from files written before the trash existed.
  const trashedAt = value.brief.trashedAt ?? null;
  const trashedBy = value.brief.trashedBy ?? null;
  if (!isBriefId(id)) throw bad(`invalid brief id ${JSON.stringify(id)}`);
  if (typeof title !== 'string') throw bad('the title must be a string');
  // No title the API accepts is longer (a line break, which it never stores, is still copied as is).
  if (title.length > BRIEF_TITLE_MAX_LENGTH) {
    throw bad(`the title is over ${BRIEF_TITLE_MAX_LENGTH} characters`);
  }
  if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(updatedAt)) {
    throw bad('createdAt and updatedAt must be integers (epoch milliseconds)');
  }
  if (updatedBy !== null && typeof updatedBy !== 'string')
    throw bad('updatedBy must be a string or null');
  if (trashedAt !== null && !Number.isSafeInteger(trashedAt)) {
    throw bad('trashedAt must be an integer (epoch milliseconds) or null');
  }
  if (trashedBy !== null && typeof trashedBy !== 'string') {
    throw bad('trashedBy must be a string or null');
  }
  let document: Uint8Array | null = null;
  if (value.document !== null) {
    if (typeof value.document !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value.document)) {
      throw bad('the document must be base64 or null');
    }
    document = new Uint8Array(Buffer.from(value.document, 'base64'));
    const problem = updateProblem(document);
    if (problem !== null) throw bad(`the document of ${id} is not a usable Yjs update: ${problem}`);
  }
  const brief: BriefRecord = {
    id,
    title,
    createdAt: createdAt as number,
    updatedAt: updatedAt as number,
    updatedBy: updatedBy as string | null,
    trashedAt: trashedAt as number | null,
    trashedBy: trashedBy as string | null,
  };
  return { brief, document };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyCounts(): TransferCounts {
  return {
    briefs: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    updatesRead: 0,
    snapshotsRead: 0,
    documentBytes: 0,
  };
}

function summary(c: TransferCounts, written: boolean): string {
  const outcome = written
    ? ` (${c.created} created, ${c.merged} merged, ${c.unchanged} already there)`
    : '';
  return (
    `${c.briefs} briefs${outcome}, ${c.documentBytes} document bytes` +
    (c.snapshotsRead + c.updatesRead
      ? `; read ${c.snapshotsRead} snapshots and ${c.updatesRead} log updates.`
      : '.')
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runStorageCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    // npm runs scripts from the package root; paths on the command line are the caller's.
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
}
