/** Small caches of what linking computes again and again, bounded by entry count. */

/** A map that forgets the entry used longest ago once it holds `capacity` entries. */
export class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-inserted, so the map's insertion order is the order of use.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * `compute` remembered by key, the whole memory emptied once it holds `capacity` entries: for pure functions called
 * hundreds of thousands of times over a small vocabulary (a popular person's names matched pair by pair), where a hit
 * must cost no more than a map read (`RecentlyUsed` re-inserts on every hit: six times slower there).
 */
export function rememberedUpTo<V>(capacity: number, compute: (key: string) => V): (key: string) => V {
  const remembered = new Map<string, V>();
  return (key) => {
    let value = remembered.get(key);
    if (value === undefined) {
      if (remembered.size >= capacity) remembered.clear();
      value = compute(key);
      remembered.set(key, value);
    }
    return value;
  };
}
