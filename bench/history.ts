/**
 * Revision history on the real `automerge-paper` trace (issue "Revision
 * history for managers", performance): 259,778 edits replayed into a brief's
 * document, committed through the server in batches of 1,000 edits with an
 * automatic revision after each batch. Then: list all revisions, open
 * revisions, compare pairs, and storage size against the final document.
 *
 * The trace is one flat text; it is replayed into the editor's document the
 * way the editor would write it: `paragraph` elements each holding an
 * XmlText, an inserted newline splitting a paragraph and a deleted one joining
 * two. The paragraphs joined by newlines are checked against the trace's
 * final text.
 *
 * Then editing latency while a manager browses history (the "editing
 * latency is not affected"): the server listens on a port, a writer types a
 * character every 20 ms into the brief and a reader receives it, both plain
 * y-websocket clients in a child process; latency from the writer's send to
 * the reader's receipt is measured with nothing else going on, then while a
 * second child process keeps opening and comparing random revisions over the
 * HTTP API. Clients run in their own processes so that their work (parsing
 * large responses above all) is not counted against the server.
 *
 * Run alone: `npx tsx bench/history.ts [--quick]`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { createServer, type BriefdeskServer } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { HistoryRenderer } from '../server/history/renderer.ts';
import { RevisionStore } from '../server/history/store.ts';
import { openSqliteStorage, type Storage } from '../server/storage/index.ts';
import { newBriefId, type BriefId } from '../shared/briefId.ts';
import { DOCUMENT_FIELD } from '../shared/schema/index.ts';
import { forEachStructRange, LeanClient, type Endpoint } from './lib/protocol.ts';
import { HAS_TASKSET, pinLoadGenerator } from './lib/servers.ts';
import { adminCookie } from './lib/session.ts';
import { createRng } from '../test/helpers/random.ts';
import { Samples, type LatencySummary } from './lib/stats.ts';
import { loadTrace, type Patch } from './lib/trace.ts';

const EDITS_PER_REVISION = 1000;
/** Fresh workers timed for the first open after a restart. */
const COLD_SAMPLES = 5;
const TYPE_EVERY_MS = 20;
const ADMIN_PASSWORD = 'history-bench-admin';

export interface LatencyPhase {
  /** Writer send → reader receipt, ms. */
  latency: LatencySummary;
  /** The server's event-loop delay over the phase, ms. */
  eventLoopDelay: { p50: number; p99: number; max: number };
  /** Garbage collections on the server's main thread over the phase (their pauses, ms). */
  gc: { count: number; major: number; totalMs: number; maxMs: number };
}

export interface EditLatencyResult {
  /** Nothing else going on. */
  idle: LatencyPhase;
  /** While a loop keeps opening and comparing random revisions over HTTP. */
  browsing: LatencyPhase & {
    requests: number;
    openMs: { median: number; p95: number; max: number };
    compareMs: { median: number; p95: number; max: number };
  };
  seconds: number;
  /** Seed of the browsing loop's choices. */
  seed: number;
  /** Whether the client processes were pinned to the load generator's core. */
  clientsPinned: boolean;
}

export interface HistoryBenchResult {
  edits: number;
  revisions: number;
  /** Paragraphs in the final document. */
  paragraphs: number;
  listMs: { median: number; max: number };
  /** Listing over HTTP: GET /api/briefs/:id/revisions, authors and approval included. */
  listHttpMs: { median: number; max: number };
  openMs: { median: number; p95: number; max: number };
  /** Opening the same revisions again (their content is cached). */
  reopenMs: { median: number; p95: number; max: number };
  /**
   * Opening a revision of the brief when the history worker holds no copy of
   * it yet (after a restart): the whole stored document is read and applied.
   * Each sample is a new worker, started as `npm start` starts it.
   */
  coldOpenMs: { median: number; max: number; n: number };
  /**
   * The same, but the way the History panel does it: the revisions are
   * listed first (which warms the worker's copy), and a revision is opened a
   * second later.
   */
  openAfterListMs: { median: number; max: number; n: number };
  compareMs: { median: number; p95: number; max: number };
  storage: {
    revisionBytes: number;
    documentBytes: number;
    finalDocumentChars: number;
    finalUpdateBytes: number;
  };
  replayMs: number;
  /** Absent when run with `latency: false`. */
  editLatency?: EditLatencyResult;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/**
 * The editor's document written the way the editor writes it: one
 * `paragraph` element per line, each holding an XmlText. Paragraph lengths are
 * mirrored here so that a flat trace position maps to a paragraph without
 * reading the document.
 */
class ParagraphWriter {
  readonly doc = new Y.Doc();
  private readonly fragment = this.doc.getXmlFragment(DOCUMENT_FIELD);
  private readonly texts: Y.XmlText[] = [];
  private readonly lengths: number[] = [];
  /** Start of the paragraph last located: edits are local, so lookups resume there. */
  private cursor = { index: 0, start: 0 };

  constructor(start: string) {
    const lines = start.split('\n');
    this.fragment.insert(
      0,
      lines.map((line) => this.paragraph(line)),
    );
    for (const line of lines) this.lengths.push(line.length);
  }

  apply(patches: readonly Patch[]): void {
    this.doc.transact(() => {
      for (const [pos, del, ins] of patches) {
        if (del > 0) this.delete(pos, del);
        if (ins) this.insert(pos, ins);
      }
    });
  }

  paragraphs(): string[] {
    return this.fragment.toArray().map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString());
  }

  private paragraph(text: string): Y.XmlElement {
    const element = new Y.XmlElement('paragraph');
    const content = new Y.XmlText(text);
    element.insert(0, [content]);
    this.texts.push(content);
    return element;
  }

  /** Paragraph index and offset of a flat position; a newline counts one. */
  private locate(pos: number): [index: number, offset: number] {
    let { index, start } = pos >= this.cursor.start ? this.cursor : { index: 0, start: 0 };
    while (pos > start + this.lengths[index]) {
      start += this.lengths[index] + 1;
      index++;
    }
    this.cursor = { index, start };
    return [index, pos - start];
  }

  /** A newline splits its paragraph: the text after it moves to a new one below. */
  private insert(pos: number, text: string): void {
    const [index, offset] = this.locate(pos);
    const lines = text.split('\n');
    const target = this.texts[index];
    if (lines.length === 1) {
      target.insert(offset, text);
      this.lengths[index] += text.length;
      return;
    }
    const tail = target.toString().slice(offset);
    if (tail) target.delete(offset, tail.length);
    if (lines[0]) target.insert(offset, lines[0]);
    this.lengths[index] = offset + lines[0].length;
    const added = lines.slice(1).map((line, k) => (k === lines.length - 2 ? line + tail : line));
    const created = added.map((line) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(line)]);
      return element;
    });
    this.fragment.insert(index + 1, created);
    this.texts.splice(index + 1, 0, ...created.map((element) => element.get(0) as Y.XmlText));
    this.lengths.splice(index + 1, 0, ...added.map((line) => line.length));
  }

  /** A deletion across newlines joins its first and last paragraphs and drops those between. */
  private delete(pos: number, length: number): void {
    const [first, offset] = this.locate(pos);
    const [last, endOffset] = this.locate(pos + length);
    this.cursor = { index: first, start: pos - offset };
    if (first === last) {
      this.texts[first].delete(offset, length);
      this.lengths[first] -= length;
      return;
    }
    const tail = this.texts[last].toString().slice(endOffset);
    const target = this.texts[first];
    if (this.lengths[first] > offset) target.delete(offset, this.lengths[first] - offset);
    if (tail) target.insert(offset, tail);
    this.lengths[first] = offset + tail.length;
    this.fragment.delete(first + 1, last - first);
    this.texts.splice(first + 1, last - first);
    this.lengths.splice(first + 1, last - first);
  }
}

/** The expected text of a prefix of the trace, by plain string edits (fine for --quick's size). */
function flatReplay(start: string, txns: readonly { patches: Patch[] }[]): string {
  let text = start;
  for (const { patches } of txns) {
    for (const [pos, del, ins] of patches) text = text.slice(0, pos) + ins + text.slice(pos + del);
  }
  return text;
}

export async function benchHistory(
  options: {
    quick?: boolean;
    log?: (line: string) => void;
    /** Measure editing latency while browsing (default true). */
    latency?: boolean;
    /** Length of each latency phase (default 20 s, 1 s when quick). */
    latencySeconds?: number;
  } = {},
): Promise<HistoryBenchResult> {
  const log = options.log ?? (() => undefined);
  const trace = loadTrace();
  // --quick keeps 20 revisions: the 20 picks below are then all distinct.
  const txns = options.quick ? trace.txns.slice(0, 20_000) : trace.txns;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefdesk-history-bench-'));
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const config = parseConfig(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      BRIEFDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Revisions come from the replay alone, never from the latency writer's typing.
      REVISION_PAUSE_MS: '86400000',
      REVISION_MAX_INTERVAL_MS: '86400000',
    },
    repoRoot,
  );
  const storage = openSqliteStorage({ filename: path.join(dataDir, 'briefdesk.sqlite') });
  const server = createServer({ config, storage, logger: createLogger('warn') });
  try {
    await server.auth.bootstrap();
    const address = await server.listen();
    const url = `http://127.0.0.1:${address.port}`;
    const cookie = await adminCookie(url, ADMIN_PASSWORD);
    const briefId = newBriefId();
    await storage.createBrief({ id: briefId, title: 'automerge-paper', createdAt: Date.now() });
    const user = { id: 'bench-author', sessionId: null, name: 'Bench author' };

    const writer = new ParagraphWriter(trace.startContent);
    // What an editor sends: each transaction's own update (deleting sends
    // only what it deleted), merged per batch as the server merges a run of
    // one sender's updates. Not encodeStateAsUpdate against the server's
    // state vector, which restates every deletion so far in each batch.
    const unsent: Uint8Array[] = [Y.encodeStateAsUpdate(writer.doc)];
    writer.doc.on('update', (update: Uint8Array) => unsent.push(update));
    const replayStart = performance.now();
    let revisions = 0;
    await server.collab.withRoom(briefId, async (room) => {
      for (let i = 0; i < txns.length; i += EDITS_PER_REVISION) {
        for (const txn of txns.slice(i, i + EDITS_PER_REVISION)) writer.apply(txn.patches);
        const update = Y.mergeUpdates(unsent.splice(0));
        await server.collab.submit(room, update, user);
        // An automatic revision is skipped while a compaction holds the
        // brief's lock (the server retries it a second later); the replay
        // waits for it instead, so that there is one every 1,000 edits.
        for (let attempt = 0; ; attempt++) {
          if ((await server.history.createRevision(briefId, 'auto')) !== null) break;
          if (attempt >= 1000) throw new Error('no revision recorded after 1,000 edits');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        revisions++;
        if (revisions % 50 === 0)
          log(`  history: ${revisions} revisions, ${i + EDITS_PER_REVISION} edits`);
      }
    });
    const replayMs = performance.now() - replayStart;
    const paragraphs = writer.paragraphs();
    const expected = options.quick ? flatReplay(trace.startContent, txns) : trace.endContent;
    if (paragraphs.join('\n') !== expected) {
      throw new Error('replay did not reproduce the trace');
    }

    const listSamples: number[] = [];
    for (let i = 0; i < 10; i++)
      listSamples.push((await time(() => server.history.list(briefId)))[1]);
    const listHttpSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      listHttpSamples.push(
        (await time(() => get(url, `/api/briefs/${briefId}/revisions`, cookie)))[1],
      );
    }
    const list = await server.history.list(briefId);
    const ids = list.map((r) => r.id);

    const openSamples: number[] = [];
    const reopenSamples: number[] = [];
    const compareSamples: number[] = [];
    const picks = Array.from(
      { length: 20 },
      (_, k) => ids[Math.floor((k * (ids.length - 1)) / 19)],
    );
    for (const id of picks)
      openSamples.push((await time(() => server.history.content(briefId, id)))[1]);
    for (const id of picks)
      reopenSamples.push((await time(() => server.history.content(briefId, id)))[1]);
    for (let k = 1; k < picks.length; k++) {
      // Adjacent revisions (what the timeline shows) and far-apart ones.
      const at = ids.indexOf(picks[k]);
      compareSamples.push(
        (await time(() => server.history.compare(briefId, ids[at - 1], ids[at])))[1],
      );
      compareSamples.push(
        (await time(() => server.history.compare(briefId, picks[0], picks[k])))[1],
      );
    }

    const middle = ids[Math.floor(ids.length / 2)];
    const coldSamples: number[] = [];
    const afterListSamples: number[] = [];
    for (let i = 0; i < (options.quick ? 1 : COLD_SAMPLES); i++) {
      coldSamples.push(await timeColdOpen(storage, briefId, middle, 0));
      afterListSamples.push(await timeColdOpen(storage, briefId, middle, 1000));
    }
    const summary = (samples: number[]) => {
      const { median, max } = stats(samples);
      return { median, max, n: samples.length };
    };
    const coldOpenMs = summary(coldSamples);
    const openAfterListMs = summary(afterListSamples);

    const documentBytes = await storage
      .loadDocument(briefId)
      .then(
        (d) => (d.snapshot?.byteLength ?? 0) + d.updates.reduce((n, u) => n + u.data.byteLength, 0),
      );
    const result: HistoryBenchResult = {
      edits: txns.length,
      revisions: ids.length,
      paragraphs: paragraphs.length,
      listMs: { median: stats(listSamples).median, max: stats(listSamples).max },
      listHttpMs: { median: stats(listHttpSamples).median, max: stats(listHttpSamples).max },
      openMs: stats(openSamples),
      reopenMs: stats(reopenSamples),
      coldOpenMs,
      openAfterListMs,
      compareMs: stats(compareSamples),
      storage: {
        revisionBytes: await server.history.store.bytes(briefId),
        documentBytes,
        finalDocumentChars: expected.length,
        finalUpdateBytes: Y.encodeStateAsUpdate(writer.doc).byteLength,
      },
      replayMs,
    };
    if (options.latency ?? true) {
      result.editLatency = await measureEditLatency({
        server,
        endpoint: { kind: 'briefdesk', host: '127.0.0.1', port: address.port, headers: { cookie } },
        url,
        cookie,
        briefId,
        ids,
        seconds: options.latencySeconds ?? (options.quick ? 1 : 20),
        log,
      });
    }
    return result;
  } finally {
    await server.close();
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A fresh renderer, its worker started as `npm start` starts it (warmed up,
 * holding no brief), then timed opening `revisionId`: the first open after a
 * restart. With `listedAheadMs`, that long after the list started loading
 * the brief, as the History panel does.
 */
async function timeColdOpen(
  storage: Storage,
  briefId: BriefId,
  revisionId: number,
  listedAheadMs: number,
) {
  const renderer = new HistoryRenderer({
    storage,
    logger: createLogger('warn'),
    field: DOCUMENT_FIELD,
  });
  const store = new RevisionStore(storage.sql);
  try {
    await renderer.warmUp();
    if (listedAheadMs > 0) {
      renderer.warm(briefId);
      await new Promise((resolve) => setTimeout(resolve, listedAheadMs));
    }
    const started = performance.now();
    const lease = await renderer.run(briefId, async () => {
      const chain = await store.deletionChain(briefId, revisionId);
      if (!chain) throw new Error(`no revision ${revisionId}`);
      return {
        kind: 'content' as const,
        at: { kind: 'revision' as const, id: revisionId, ...chain },
      };
    });
    const ms = performance.now() - started;
    lease.release();
    return ms;
  } finally {
    await renderer.close();
  }
}

/** A GET whose body is read in full but not parsed, as cheaply as a client can. */
async function get(url: string, pathname: string, cookie: string): Promise<void> {
  const res = await fetch(`${url}${pathname}`, { headers: { cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${pathname}: ${res.status}`);
}

// ---- editing latency while browsing history -----------------------------------

interface ClientSetup {
  endpoint: Endpoint;
  url: string;
  cookie: string;
  briefId: BriefId;
  ids: number[];
  seed: number;
}

type ParentMessage =
  { type: 'setup'; setup: ClientSetup } | { type: 'measure'; seconds: number } | { type: 'stop' };

type ChildMessage =
  | { type: 'ready'; pinned: boolean }
  | { type: 'measured'; latency: LatencySummary }
  | { type: 'busy' }
  | { type: 'browsed'; open: number[]; compare: number[] }
  | { type: 'error'; message: string };

async function measureEditLatency(args: {
  server: BriefdeskServer;
  endpoint: Endpoint;
  url: string;
  cookie: string;
  briefId: BriefId;
  ids: number[];
  seconds: number;
  log: (line: string) => void;
}): Promise<EditLatencyResult> {
  const seed = Number(process.env.HISTORY_BENCH_SEED ?? Date.now() % 1_000_000);
  const { endpoint, url, cookie, briefId, ids } = args;
  const setup: ClientSetup = { endpoint, url, cookie, briefId, ids, seed };
  const typist = startChild('typist');
  let browser: Child | null = null;
  try {
    typist.send({ type: 'setup', setup });
    const { pinned } = await typist.next('ready');
    const phase = async (): Promise<LatencyPhase> => {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      const gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          gc.count++;
          // @types/node 20 lacks PerformanceEntry.detail, which gc entries carry.
          const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
          if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
          gc.totalMs += entry.duration;
          gc.maxMs = Math.max(gc.maxMs, entry.duration);
        }
      });
      delay.enable();
      observer.observe({ entryTypes: ['gc'] });
      typist.send({ type: 'measure', seconds: args.seconds });
      const { latency } = await typist.next('measured');
      delay.disable();
      observer.disconnect();
      const ms = (ns: number) => ns / 1e6;
      return {
        latency,
        eventLoopDelay: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
        gc,
      };
    };
    args.log(`  history: editing latency, idle (${args.seconds} s)…`);
    const idle = await phase();
    args.log(`  history: editing latency while browsing history (${args.seconds} s)…`);
    browser = startChild('browser');
    browser.send({ type: 'setup', setup });
    await browser.next('busy');
    const busy = await phase();
    browser.send({ type: 'stop' });
    const browsed = await browser.next('browsed');
    return {
      idle,
      browsing: {
        ...busy,
        requests: browsed.open.length + browsed.compare.length,
        openMs: stats(browsed.open),
        compareMs: stats(browsed.compare),
      },
      seconds: args.seconds,
      seed,
      clientsPinned: pinned,
    };
  } finally {
    typist.send({ type: 'stop' });
    typist.kill();
    browser?.kill();
  }
}

interface Child {
  send(message: ParentMessage): void;
  next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  kill(): void;
}

function startChild(role: 'typist' | 'browser'): Child {
  const file = fileURLToPath(import.meta.url);
  const child: ChildProcess = fork(file, ['--role', role], {
    cwd: path.resolve(path.dirname(file), '..'),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: ChildMessage[] = [];
  let waiter: (() => void) | null = null;
  let exited = false;
  child.on('message', (m: ChildMessage) => {
    inbox.push(m);
    waiter?.();
  });
  child.on('exit', () => {
    exited = true;
    waiter?.();
  });
  return {
    send: (message) => {
      if (!exited) child.send(message);
    },
    async next(type) {
      for (;;) {
        const error = inbox.find((m) => m.type === 'error');
        if (error && error.type === 'error') throw new Error(`${role}: ${error.message}`);
        const index = inbox.findIndex((m) => m.type === type);
        if (index >= 0)
          return inbox.splice(index, 1)[0] as Extract<ChildMessage, { type: typeof type }>;
        if (exited) throw new Error(`${role} exited before sending ${type}`);
        await new Promise<void>((resolve) => (waiter = resolve));
        waiter = null;
      }
    },
    kill: () => {
      if (!exited) child.kill();
    },
  };
}

function nextMessage<T extends ParentMessage['type']>(
  type: T,
): Promise<Extract<ParentMessage, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: ParentMessage) => {
      if (m.type !== type) return;
      process.off('message', on);
      resolve(m as Extract<ParentMessage, { type: T }>);
    };
    process.on('message', on);
  });
}

function tell(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * The writer and the reader: the writer holds the brief's document (as an
 * editor would) and types a character at the end of its last paragraph every
 * TYPE_EVERY_MS; the reader notes when each arrives.
 */
async function runTypist(setup: ClientSetup): Promise<void> {
  const pinned = pinClients();
  const sentAt = new Map<number, number>();
  let samples: Samples | null = null;
  const doc = new Y.Doc();
  const reader = new LeanClient({
    endpoint: setup.endpoint,
    room: setup.briefId,
    onUpdate: (buf, start) => {
      const now = performance.now();
      forEachStructRange(buf, start, (client, clock, length) => {
        if (client !== doc.clientID) return;
        for (let c = clock; c < clock + length; c++) {
          const at = sentAt.get(c);
          if (at === undefined) continue;
          sentAt.delete(c);
          samples?.push(now - at);
        }
      });
    },
  });
  const writer = new LeanClient({
    endpoint: setup.endpoint,
    room: setup.briefId,
    keepSyncState: true,
    localState: () => Y.encodeStateAsUpdate(doc),
  });
  Y.applyUpdate(doc, await writer.synced);
  await reader.synced;
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const local = {};
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === local) writer.sendUpdate(update);
  });
  const timer = setInterval(() => {
    const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    sentAt.set(Y.getState(doc.store, doc.clientID), performance.now());
    doc.transact(() => text.insert(text.length, 'x'), local);
  }, TYPE_EVERY_MS);
  tell({ type: 'ready', pinned });
  for (;;) {
    const message = await Promise.race([nextMessage('measure'), nextMessage('stop')]);
    if (message.type === 'stop') break;
    // A moment to settle, then the window.
    await new Promise((resolve) => setTimeout(resolve, 500));
    samples = new Samples();
    await new Promise((resolve) => setTimeout(resolve, message.seconds * 1000));
    const latency = samples.summary();
    samples = null;
    tell({ type: 'measured', latency });
  }
  clearInterval(timer);
  await Promise.all([reader.close(), writer.close()]);
}

/** A manager browsing: opens random revisions and compares random pairs, back to back. */
async function runBrowser(setup: ClientSetup): Promise<void> {
  pinClients();
  // The choices are replayable from the printed seed.
  const rng = createRng(setup.seed);
  const random = () => rng.next();
  const pick = () => rng.pick(setup.ids);
  const open: number[] = [];
  const compare: number[] = [];
  let stop = false;
  void nextMessage('stop').then(() => (stop = true));
  let told = false;
  while (!stop) {
    const r = random();
    const started = performance.now();
    if (r < 0.5) {
      await get(setup.url, `/api/briefs/${setup.briefId}/revisions/${pick()}`, setup.cookie);
      open.push(performance.now() - started);
    } else {
      const [a, b] = [pick(), pick()].sort((x, y) => x - y);
      // A quarter of comparisons are against the live document, as "changes since".
      const to = r < 0.625 ? 'current' : String(b);
      await get(setup.url, `/api/briefs/${setup.briefId}/compare?from=${a}&to=${to}`, setup.cookie);
      compare.push(performance.now() - started);
    }
    if (!told) {
      told = true;
      tell({ type: 'busy' });
    }
  }
  tell({ type: 'browsed', open, compare });
}

/**
 * Clients go to the load generator's core, as in the other workloads: under
 * the suite this process is pinned to the server's core, and its children
 * would otherwise inherit that.
 */
function pinClients(): boolean {
  return HAS_TASKSET && pinLoadGenerator();
}

async function runChild(role: string): Promise<void> {
  try {
    const { setup } = await nextMessage('setup');
    if (role === 'typist') await runTypist(setup);
    else await runBrowser(setup);
  } catch (error) {
    tell({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect?.();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const role = process.argv[process.argv.indexOf('--role') + 1];
  if (process.argv.includes('--role')) {
    await runChild(role);
  } else {
    const quick = process.argv.includes('--quick');
    const result = await benchHistory({ quick, log: (l) => console.log(l) });
    console.log(JSON.stringify(result, null, 2));
  }
}
