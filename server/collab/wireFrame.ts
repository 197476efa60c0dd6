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
  const headerBytes = headerLength(payload.byteLength);
  const frame = Buffer.allocUnsafe(headerBytes + payload.byteLength);
  writeHeader(frame, payload.byteLength);
  frame.set(payload, headerBytes);
  return frame;
}

/**
 * The header of such a frame whose payload is written after it separately,
 * so that a large payload is never copied into a frame buffer.
 */
export function wireHeader(payloadBytes: number): Buffer {
  const header = Buffer.allocUnsafe(headerLength(payloadBytes));
  writeHeader(header, payloadBytes);
  return header;
}

function headerLength(payloadBytes: number): number {
  return payloadBytes < 126 ? 2 : payloadBytes < 65536 ? 4 : 10;
}

function writeHeader(target: Buffer, payloadBytes: number): void {
  target[0] = 0x82; // FIN + opcode 2 (binary)
  if (payloadBytes < 126) {
    target[1] = payloadBytes;
  } else if (payloadBytes < 65536) {
    target[1] = 126;
    target.writeUInt16BE(payloadBytes, 2);
  } else {
    target[1] = 127;
    target.writeUInt32BE(Math.floor(payloadBytes / 2 ** 32), 2);
    target.writeUInt32BE(payloadBytes >>> 0, 6);
  }
}

/** The header length of a frame made by `wireFrame`. */
export function wireHeaderBytes(frame: Uint8Array): number {
  const length = frame[1] & 0x7f;
  return length < 126 ? 2 : length === 126 ? 4 : 10;
}
