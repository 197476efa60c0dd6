/**
 * Runs in a worker thread: merges a brief's snapshot and log into one update,
 * which for a large document takes far longer than the few milliseconds the
 * event loop may be held up for relaying.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

export interface MergeRequest {
  id: number;
  updates: Uint8Array[];
}
export type MergeResponse = { id: number; merged: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (request: MergeRequest) => {
  try {
    const merged = Y.mergeUpdates(request.updates);
    const response: MergeResponse = { id: request.id, merged };
    parentPort?.postMessage(response, [merged.buffer as ArrayBuffer]);
  } catch (error) {
    const response: MergeResponse = {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    };
    parentPort?.postMessage(response);
  }
});
