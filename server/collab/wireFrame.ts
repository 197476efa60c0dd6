/**
 * Complete WebSocket frames built once and written to many sockets.
 *
 * ws frames every `send` for its one socket: a header, then two writes. A
 * relay sends the same bytes to everyone in a room, and a server's frames are
 * never masked (RFC 6455 §5.1), so the frame is the same for every recipient
 * and can be built once: at fan-out 20 that is most of what relaying costs.
 */

/** One unmasked, final, binary frame (RFC 6455 §5.2) holding `payload`. */
export function wireFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/** The header length of a frame made by `wireFrame`. */
export function wireHeaderBytes(frame: Uint8Array): number {
  const length = frame[1] & 0x7f;
  return length < 126 ? 2 : length === 126 ? 4 : 10;
}
