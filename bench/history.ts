/**
 * Revision history on the real `automerge-paper` trace (issue "Revision
 * history for managers", performance): 259,778 edits replayed into a brief's
 * document, committed through the server in batches of 1,000 edits with an
 * automatic revision after each batch. Then: list all revisions, open
 * revisions, compare pairs, and storage size against the final document.
 *
 * The trace is one flat text; it is replayed into the XmlText of a single
 * paragraph of the editor's document (newlines stay characters), which keeps
 * every edit exactly as recorded. Run alone: `npx tsx bench/history.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { createServer } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { openSqliteStorage } from '../server/storage/index.ts';
import { newBriefId } from '../shared/briefId.ts';
import { DOCUMENT_FIELD } from '../shared/schema/index.ts';
import { applyTxn, loadTrace } from './lib/trace.ts';

const EDITS_PER_REVISION = 1000;

export interface HistoryBenchResult {
  edits: number;
  revisions: number;
  listMs: { median: number; max: number };
  openMs: { median: number; p95: number; max: number };
  compareMs: { median: number; p95: number; max: number };
  storage: {
    revisionBytes: number;
    documentBytes: number;
    finalDocumentChars: number;
    finalUpdateBytes: number;
  };
  replayMs: number;
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

export async function benchHistory(
  options: { quick?: boolean; log?: (line: string) => void } = {},
): Promise<HistoryBenchResult> {
  const log = options.log ?? (() => undefined);
  const trace = loadTrace();
  const txns = options.quick ? trace.txns.slice(0, 40_000) : trace.txns;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefdesk-history-bench-'));
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const config = parseConfig(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      REVISION_PAUSE_MS: '86400000',
      REVISION_MAX_INTERVAL_MS: '86400000',
    },
    repoRoot,
  );
  const storage = openSqliteStorage({ filename: path.join(dataDir, 'briefdesk.sqlite') });
  const server = createServer({ config, storage, logger: createLogger('warn') });
  try {
    const briefId = newBriefId();
    await storage.createBrief({ id: briefId, title: 'automerge-paper', createdAt: Date.now() });
    const user = { id: 'bench-author', sessionId: null, name: 'Bench author' };

    // The writer's document: one paragraph whose text receives the trace.
    const writer = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    writer.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);

    const replayStart = performance.now();
    let sent = Y.encodeStateVector(new Y.Doc());
    let revisions = 0;
    await server.collab.withRoom(briefId, async (room) => {
      for (let i = 0; i < txns.length; i += EDITS_PER_REVISION) {
        for (const txn of txns.slice(i, i + EDITS_PER_REVISION))
          applyTxn(writer, text, txn.patches);
        const update = Y.encodeStateAsUpdate(writer, sent);
        sent = Y.encodeStateVector(writer);
        await server.collab.submit(room, update, user);
        if ((await server.history.createRevision(briefId, 'auto')) !== null) revisions++;
        if (revisions % 50 === 0)
          log(`  history: ${revisions} revisions, ${i + EDITS_PER_REVISION} edits`);
      }
    });
    const replayMs = performance.now() - replayStart;
    if (!options.quick && text.toString() !== trace.endContent) {
      throw new Error('replay did not reproduce the trace');
    }

    const listSamples: number[] = [];
    for (let i = 0; i < 10; i++)
      listSamples.push((await time(() => server.history.list(briefId)))[1]);
    const list = await server.history.list(briefId);
    const ids = list.map((r) => r.id);

    const openSamples: number[] = [];
    const compareSamples: number[] = [];
    const picks = Array.from(
      { length: 20 },
      (_, k) => ids[Math.floor((k * (ids.length - 1)) / 19)],
    );
    for (const id of picks)
      openSamples.push((await time(() => server.history.content(briefId, id)))[1]);
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

    const documentBytes = await storage
      .loadDocument(briefId)
      .then(
        (d) => (d.snapshot?.byteLength ?? 0) + d.updates.reduce((n, u) => n + u.data.byteLength, 0),
      );
    const result: HistoryBenchResult = {
      edits: txns.length,
      revisions: ids.length,
      listMs: { median: stats(listSamples).median, max: stats(listSamples).max },
      openMs: stats(openSamples),
      compareMs: stats(compareSamples),
      storage: {
        revisionBytes: await server.history.store.bytes(briefId),
        documentBytes,
        finalDocumentChars: text.length,
        finalUpdateBytes: Y.encodeStateAsUpdate(writer).byteLength,
      },
      replayMs,
    };
    return result;
  } finally {
    await server.close();
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const quick = process.argv.includes('--quick');
  const result = await benchHistory({ quick, log: (l) => console.log(l) });
  console.log(JSON.stringify(result, null, 2));
}
