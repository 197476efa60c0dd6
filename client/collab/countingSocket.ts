import { MessageType, SyncMessageType } from '../../shared/protocol.ts';

/**
 * The WebSocket the provider opens, counting the document changes it sends.
 *
 * The server's SavedState acknowledgement carries how many of a connection's
 * non-empty sync step 2 and update messages it has stored. A change that only
 * deletes moves no state vector, so this count is the only way to know that
 * an acknowledgement covers it (syncTracker.ts). Counting happens here, at the
 * one place every message leaves, rather than by re-deriving what y-websocket
 * chose to send.
 */
export class CountingWebSocket extends WebSocket {
  /** Non-empty sync step 2 and update messages sent on this socket. */
  sentUpdates = 0;
  /**
   * `sentUpdates` once the first non-empty sync step 2 was sent: the reply to
   * the server's step 1 that carries everything held back while offline.
   */
  firstStep2: number | null = null;

  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    super.send(data);
    if (!(data instanceof Uint8Array) || data.length < 3 || data[0] !== MessageType.Sync) return;
    const kind = data[1];
    if (kind !== SyncMessageType.Step2 && kind !== SyncMessageType.Update) return;
    // [sync, kind, length 2, 0, 0]: an update with nothing in it, which the server does not store.
    if (data.length === 5 && data[2] === 2 && data[3] === 0 && data[4] === 0) return;
    this.sentUpdates++;
    if (kind === SyncMessageType.Step2) this.firstStep2 ??= this.sentUpdates;
  }
}
