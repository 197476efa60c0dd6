/**
 * A least-recently-used map bounded by entry count and by a size the caller
 * gives each entry (bytes, roughly). Used for history's rendered results on
 * the main thread and for the documents the history worker keeps.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxSize: number },
    /** Told about every entry that leaves: pushed out by the bounds, deleted, or replaced. */
    private readonly onRemove: (key: K, value: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Total size of the entries held. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map iteration follows insertion order, so re-inserting marks it most recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /**
   * Adds or replaces an entry, then evicts the least recently used others
   * until the bounds hold (the new entry stays even if it alone exceeds them).
   */
  set(key: K, value: V, size: number): void {
    this.delete(key);
    this.entries.set(key, { value, size });
    this.total += size;
    this.shrink(key);
  }

  /** Changes an entry's size (a document that grew) and re-applies the bounds. */
  resize(key: K, size: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.total += size - entry.size;
    entry.size = size;
    this.shrink(key);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.size;
    this.onRemove(key, entry.value);
    return true;
  }

  /** Removes every entry whose key matches. */
  deleteWhere(matches: (key: K) => boolean): void {
    for (const key of [...this.entries.keys()]) if (matches(key)) this.delete(key);
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  /** Evicts oldest first, always sparing `keep`: the entry just added is the one in use. */
  private shrink(keep: K): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.total <= this.limits.maxSize) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.total -= entry.size;
      this.onRemove(key, entry.value);
    }
  }
}
