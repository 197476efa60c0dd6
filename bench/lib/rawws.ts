/**
 * A minimal WebSocket client over a plain TCP socket, for the load generator.
 *
 * `ws` emits one event and allocates per frame; at hundreds of thousands of
 * small frames a second that alone would make the load generator the
 * bottleneck. This client parses every frame of a TCP chunk in one loop and
 * hands out (buffer, start, end) views without copying. It speaks just enough
 * of RFC 6455 for a benchmark: binary frames, ping/pong, close; frames it
 * sends are masked with a zero key (a valid mask that leaves the payload as is,
 * so frames can be built once).
 */
import net from 'node:net';
import crypto from 'node:crypto';

export type MessageHandler = (buf: Buffer, start: number, end: number) => void;

export interface RawWsOptions {
  host: string;
  port: number;
  path: string;
  /** Extra upgrade request headers (e.g. a session cookie). */
  headers?: Readonly<Record<string, string>>;
  onMessage: MessageHandler;
  onClose?: () => void;
}

const ZERO_MASK = Buffer.alloc(4);

/** A client-to-server binary frame for `payload` (masked with a zero key). */
export function wsFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const len = payload.byteLength;
  let header: Buffer;
  if (len < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | len]);
  } else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    header.writeUInt32BE(len >>> 0, 6);
  }
  return Buffer.concat([header, ZERO_MASK, payload]);
}

export class RawWs {
  readonly socket: net.Socket;
  readonly opened: Promise<void>;
  readonly closedPromise: Promise<void>;
  closed = false;
  /** Bytes received, frames received (all opcodes). */
  bytesIn = 0;
  framesIn = 0;

  private pending: Buffer[] = [];
  private pendingLen = 0;
  private need = 2;
  private handshakeDone = false;
  private fragments: Buffer[] | null = null;
  private closeSent = false;
  private readonly onMessage: MessageHandler;

  constructor(private readonly options: RawWsOptions) {
    this.onMessage = options.onMessage;
    this.socket = net.connect({ host: options.host, port: options.port, noDelay: true });
    this.socket.setNoDelay(true);
    const key = crypto.randomBytes(16).toString('base64');
    let resolveOpen!: () => void;
    let rejectOpen!: (error: Error) => void;
    this.opened = new Promise((resolve, reject) => {
      resolveOpen = resolve;
      rejectOpen = reject;
    });
    // Callers that never await `opened` must not get unhandled rejections.
    this.opened.catch(() => undefined);
    this.closedPromise = new Promise((resolve) => {
      this.socket.once('close', () => {
        this.closed = true;
        if (!this.handshakeDone) rejectOpen(new Error('socket closed during handshake'));
        options.onClose?.();
        resolve();
      });
    });
    this.socket.on('error', (error) => {
      if (!this.handshakeDone) rejectOpen(error);
    });
    let extra = '';
    for (const [name, value] of Object.entries(options.headers ?? {}))
      extra += `${name}: ${value}\r\n`;
    this.socket.on('connect', () => {
      this.socket.write(
        `GET ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
          `Sec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      if (this.handshakeDone) {
        this.receive(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 101/.test(status)) {
        rejectOpen(new Error(`upgrade refused: ${status}`));
        this.socket.destroy();
        return;
      }
      this.handshakeDone = true;
      resolveOpen();
      const rest = head.subarray(end + 4);
      if (rest.length > 0) this.receive(rest);
    };
    this.socket.on('data', onData);
  }

  /** Sends one binary message. */
  send(payload: Uint8Array): boolean {
    if (this.closed) return false;
    return this.socket.write(wsFrame(payload));
  }

  /** Writes frames built with wsFrame (one or several concatenated). */
  writeFrames(frames: Buffer): boolean {
    if (this.closed) return false;
    return this.socket.write(frames);
  }

  /** Close handshake; resolves when the socket is gone (or after a timeout). */
  async close(timeoutMs = 3000): Promise<void> {
    if (this.closed) return;
    if (!this.closeSent) {
      this.closeSent = true;
      const code = Buffer.alloc(2);
      code.writeUInt16BE(1000, 0);
      this.socket.write(wsFrame(code, 0x8));
    }
    const timer = setTimeout(() => this.socket.destroy(), timeoutMs);
    await this.closedPromise;
    clearTimeout(timer);
  }

  terminate(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    this.pending.push(chunk);
    this.pendingLen += chunk.length;
    if (this.pendingLen < this.need) return;
    const buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    const len = buf.length;
    let pos = 0;
    let need = 2;
    while (len - pos >= 2) {
      const b0 = buf[pos];
      const b1 = buf[pos + 1];
      let plen = b1 & 0x7f;
      let hdr = 2;
      if (plen === 126) {
        if (len - pos < 4) {
          need = 4;
          break;
        }
        plen = buf.readUInt16BE(pos + 2);
        hdr = 4;
      } else if (plen === 127) {
        if (len - pos < 10) {
          need = 10;
          break;
        }
        plen = buf.readUInt32BE(pos + 2) * 2 ** 32 + buf.readUInt32BE(pos + 6);
        hdr = 10;
      }
      if (b1 & 0x80) hdr += 4; // servers never mask; skip a key if one is there
      if (len - pos < hdr + plen) {
        need = hdr + plen;
        break;
      }
      const start = pos + hdr;
      const end = start + plen;
      pos = end;
      this.framesIn++;
      this.frame(b0, buf, start, end);
      if (this.closed) return;
    }
    const restLen = len - pos;
    if (restLen === 0) {
      this.pending = [];
      this.pendingLen = 0;
    } else {
      // Keep a copy only of what is left, so pooled chunks are not pinned.
      const rest = Buffer.from(buf.subarray(pos));
      this.pending = [rest];
      this.pendingLen = restLen;
    }
    this.need = Math.max(need, 2);
  }

  private frame(b0: number, buf: Buffer, start: number, end: number): void {
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    switch (opcode) {
      case 0x2:
        if (fin) this.onMessage(buf, start, end);
        else this.fragments = [Buffer.from(buf.subarray(start, end))];
        return;
      case 0x0: {
        if (!this.fragments) return;
        this.fragments.push(Buffer.from(buf.subarray(start, end)));
        if (fin) {
          const whole = Buffer.concat(this.fragments);
          this.fragments = null;
          this.onMessage(whole, 0, whole.length);
        }
        return;
      }
      case 0x9: // ping → pong with the same payload
        this.socket.write(wsFrame(buf.subarray(start, end), 0xa));
        return;
      case 0x8: // close: answer once, then hang up
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(wsFrame(buf.subarray(start, Math.min(end, start + 2)), 0x8));
        }
        this.socket.end();
        return;
      default:
        return; // pong, text: ignored
    }
  }
}
