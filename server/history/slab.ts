/**
 * Rendered documents cross from the history worker to the main thread in a
 * SharedArrayBuffer: the worker writes each result into a free region of it,
 * and the main thread writes a view of that region straight to the response
 * sockets, then hands the region back by message.
 *
 * Why not transfer an ArrayBuffer per result: each one received is memory
 * the main thread's heap accounts for, and at a few hundred kilobytes per
 * comparison, browsing history then set off a major garbage collection
 * every second or so on the thread that relays edits (pauses up to 30 ms,
 * measured by bench/history.ts). A view into the shared slab allocates
 * nothing there.
 */

/** Where a result is: a region of the slab, or bytes of its own when the slab was full. */
export type WireBytes = { slab: number; length: number } | { bytes: Uint8Array };

const ALIGN = 256;

/**
 * The worker's side: first fit over a sorted free list. Only the worker
 * allocates; regions come back through release messages, so no two threads
 * ever write the same region and no atomics are needed.
 */
export class SlabAllocator {
  /** Sorted, coalesced [offset, length] of free space. */
  private free: Array<[number, number]>;
  private readonly used = new Map<number, number>();

  constructor(readonly size: number) {
    this.free = [[0, size]];
  }

  /** The offset of a region of at least `length` bytes, or -1 when none is free. */
  alloc(length: number): number {
    const need = Math.max(ALIGN, Math.ceil(length / ALIGN) * ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const [offset, space] = this.free[i];
      if (space < need) continue;
      if (space === need) this.free.splice(i, 1);
      else this.free[i] = [offset + need, space - need];
      this.used.set(offset, need);
      return offset;
    }
    return -1;
  }

  release(offset: number): void {
    const length = this.used.get(offset);
    if (length === undefined) return;
    this.used.delete(offset);
    let i = 0;
    while (i < this.free.length && this.free[i][0] < offset) i++;
    this.free.splice(i, 0, [offset, length]);
    // Merge with the neighbours on either side.
    const next = this.free[i + 1];
    if (next && offset + length === next[0]) {
      this.free[i] = [offset, length + next[1]];
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev && prev[0] + prev[1] === offset) {
      prev[1] += this.free[i][1];
      this.free.splice(i, 1);
    }
  }

  /** Bytes in use, for tests. */
  get inUse(): number {
    let n = 0;
    for (const length of this.used.values()) n += length;
    return n;
  }
}

const encoder = new TextEncoder();

/** Writes `json` as UTF-8 into the slab when it fits, else into bytes of its own. */
export function writeJson(
  json: string,
  slab: { buffer: SharedArrayBuffer; allocator: SlabAllocator } | null,
): WireBytes {
  if (slab) {
    const length = Buffer.byteLength(json);
    const offset = slab.allocator.alloc(length);
    if (offset >= 0) {
      encoder.encodeInto(json, new Uint8Array(slab.buffer, offset, length));
      return { slab: offset, length };
    }
  }
  // A buffer of its own (never Buffer.from, which may slice a shared pool), so it can be moved.
  return { bytes: encoder.encode(json) };
}

/**
 * The main thread's hold on a rendered result. Whoever receives a lease
 * releases it exactly once (after the response has been written, or the JSON
 * parsed); hold() adds another holder, such as the result cache. The region
 * goes back to the worker when the last holder lets go.
 */
export class Lease {
  private holds = 1;

  constructor(
    readonly bytes: Uint8Array,
    private readonly onFree: () => void = () => undefined,
  ) {}

  hold(): this {
    if (this.holds <= 0) throw new Error('lease already released');
    this.holds++;
    return this;
  }

  release(): void {
    if (this.holds <= 0) return;
    if (--this.holds === 0) this.onFree();
  }

  text(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString(
      'utf8',
    );
  }
}
