/**
 * Answers kept while the store version stays the same: a store of thousands of articles is read far more than it is
 * written, and the same pages are asked for again. Bounded by count and by bytes (the least recently used dropped
 * first): by count alone, a cache of answers that run from a few hundred bytes to a megabyte (an article with its
 * layers) held whatever the pages asked for happened to weigh, and the server's memory grew with the pile.
 * Concurrent misses of one key share one computation; a failure (a 400, a 404, the store down) is not kept.
 */

/** What tells the cache the store changed (`StoreVersion`, insights.ts). */
export interface VersionSource {
  current(): Promise<string>;
}

export interface AnswerCacheLimits<T> {
  /** Answers kept at most. */
  entries: number;
  /** Their weight at most, as `weigh` counts it; an answer heavier alone is answered but not kept. */
  bytes: number;
  weigh: (answer: T) => number;
}

export class AnswerCache<T> {
  #version = '';
  readonly #answers = new Map<string, Promise<T>>();
  /** The weight of each settled answer kept (a pending one weighs nothing yet). */
  readonly #weights = new Map<string, number>();
  #bytes = 0;

  constructor(
    private readonly version: VersionSource,
    private readonly limits: AnswerCacheLimits<T>,
  ) {}

  /** Answers and bytes held now (for tests and the bench). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#answers.size, bytes: this.#bytes };
  }

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version.current();
    if (version !== this.#version) {
      this.#version = version;
      this.#answers.clear();
      this.#weights.clear();
      this.#bytes = 0;
    }
    const kept = this.#answers.get(key);
    if (kept) {
      // Most recently used last: the pages asked for again stay, the one-offs leave first.
      this.#answers.delete(key);
      this.#answers.set(key, kept);
      return kept;
    }
    const answer = compute();
    this.#answers.set(key, answer);
    this.#trim();
    answer.then(
      (value) => {
        // Dropped meanwhile (the store changed, or the cache was full of newer answers): nothing to weigh.
        if (this.#answers.get(key) !== answer) return;
        const weight = this.limits.weigh(value);
        this.#weights.set(key, weight);
        this.#bytes += weight;
        this.#trim();
      },
      () => {
        if (this.#answers.get(key) === answer) this.#answers.delete(key);
      },
    );
    return answer;
  }

  #trim(): void {
    for (const key of this.#answers.keys()) {
      if (this.#answers.size <= this.limits.entries && this.#bytes <= this.limits.bytes) return;
      this.#answers.delete(key);
      this.#bytes -= this.#weights.get(key) ?? 0;
      this.#weights.delete(key);
    }
  }
}
