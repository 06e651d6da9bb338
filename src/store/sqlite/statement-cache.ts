/**
 * Prepared statements kept by their SQL text, least recently used first out. A statement's compiled program lives in
 * SQLite's native memory, out of V8's sight, and grows with its parameters: 400 inserts of 1 to 400 rows of 8 columns
 * held 62 MB (about 0.8 KB a row). Kysely writes a chunked insert or an `in (…)` list with
 * one placeholder per value, so every chunk length is a statement of its own; with one bound of 2,000 for all, those
 * filled the cache over the first thousand items of a feed and the process grew by hundreds of MB. So statements with
 * many parameters have a short list of their own (the full-size chunks, used again and again, stay in it), and the
 * small statements linking issues by the thousand keep the long one. Its 64 places hold the multi-row inserts of the
 * linking transaction (native-link-store.ts: a full chunk and runs of a power of two, a few for each of eight tables);
 * with 32 they pushed each other out and 0.4 of them an article was prepared again.
 */
export class StatementCache<S> {
  readonly #small = new Map<string, S>();
  readonly #large = new Map<string, S>();

  constructor(
    private readonly prepare: (sql: string) => S,
    private readonly limits = { small: 2000, large: 64, largeParameters: 64 },
  ) {}

  /** The statement for `sql`, prepared on first use. */
  get(sql: string): S {
    const small = this.#small.get(sql);
    if (small !== undefined) return small;
    let statement = this.#large.get(sql);
    if (statement !== undefined) {
      // Kept most recently used last: the chunk lengths that come back stay, one-off lengths leave.
      this.#large.delete(sql);
      this.#large.set(sql, statement);
      return statement;
    }
    statement = this.prepare(sql);
    const large = parameters(sql) > this.limits.largeParameters;
    const list = large ? this.#large : this.#small;
    if (list.size >= (large ? this.limits.large : this.limits.small)) list.delete(list.keys().next().value!);
    list.set(sql, statement);
    return statement;
  }

  /** Statements held: small, then large. */
  get sizes(): { small: number; large: number } {
    return { small: this.#small.size, large: this.#large.size };
  }
}

function parameters(sql: string): number {
  let count = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', at + 1)) count++;
  return count;
}
