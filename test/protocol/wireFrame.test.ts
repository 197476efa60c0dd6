import { describe, expect, it } from 'vitest';
import { Receiver } from 'ws';
import { wireFrame, wireHeaderBytes } from '../../server/collab/wireFrame.ts';

/** Parses frames as a ws client would, and returns the messages. */
function receive(frames: Buffer[]): Buffer[] {
  const messages: Buffer[] = [];
  const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' });
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true);
    messages.push(data);
  });
  receiver.on('error', (error) => {
    throw error;
  });
  for (const frame of frames) receiver.write(frame);
  return messages;
}

describe('wireFrame', () => {
  it('builds frames a WebSocket client reads back, at every length encoding', () => {
    const sizes = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
    const payloads = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251)));
    const frames = payloads.map((p) => wireFrame(p));
    expect(frames.map((f) => wireHeaderBytes(f))).toEqual([2, 2, 2, 4, 4, 4, 10, 10]);
    const received = receive(frames);
    expect(received.map((m) => m.length)).toEqual(sizes);
    for (const [i, message] of received.entries()) expect(message.equals(payloads[i])).toBe(true);
  });
});
