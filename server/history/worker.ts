/**
 * The history worker: the HistoryEngine behind a message port, so that
 * applying stored documents and rendering revisions never delays relaying.
 * Requests run one at a time in arrival order, which the main thread's
 * incremental feeds rely on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HistoryEngine, respond, resultBuffers, type EngineOptions } from './engine.ts';
import type { RenderReply, RenderRequest } from './protocol.ts';
import type { SpawnedWorkerData } from '../spawnWorker.ts';
import { lowerThreadPriority } from '../threadPriority.ts';
import { warmUpEngine } from './warmUp.ts';

const port = parentPort;
if (!port) throw new Error('server/history/worker.ts must be started as a worker thread');

// Rendering history can wait for relaying.
lowerThreadPriority();

const options = (workerData as SpawnedWorkerData<EngineOptions>).data;
const engine = new HistoryEngine(options);
const post = (reply: RenderReply): void =>
  port.postMessage(reply, reply.type === 'done' ? resultBuffers(reply.result) : []);

port.on('message', (request: RenderRequest) => {
  const reply = respond(engine, request);
  if (reply) post(reply);
});

// Compiled code before the first request, not during it (see warmUp.ts). A
// failure here only means the first request runs slower.
try {
  warmUpEngine(engine, options.field);
} catch {
  // Nothing to undo: the made-up brief is forgotten either way.
}
post({ type: 'ready' });
