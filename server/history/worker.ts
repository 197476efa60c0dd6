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

const port = parentPort;
if (!port) throw new Error('server/history/worker.ts must be started as a worker thread');

// Rendering history can wait for relaying.
lowerThreadPriority();

const engine = new HistoryEngine((workerData as SpawnedWorkerData<EngineOptions>).data);
const post = (reply: RenderReply): void =>
  port.postMessage(reply, reply.type === 'done' ? resultBuffers(reply.result) : []);

port.on('message', (request: RenderRequest) => {
  const reply = respond(engine, request);
  if (reply) post(reply);
});

post({ type: 'ready' });
