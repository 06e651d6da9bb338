/**
 * Spans of one text (annotation layers) indexed by start, so a stage that walks sentences or paragraphs reads only the
 * spans of each one instead of filtering the whole layer for every one of them (quadratic on long articles).
 */
export class SpanIndex<T extends { start: number; end: number }> {
  readonly #spans: T[];
  /** The largest end among the spans up to each index. */
  readonly #reach: number[] = [];

  /** A stable sort by start: layers already in text order keep their order, so results come in layer order. */
  constructor(spans: readonly T[]) {
    this.#spans = spans
      .map((span, order) => ({ span, order }))
      .sort((a, b) => a.span.start - b.span.start || a.order - b.order)
      .map(({ span }) => span);
    let reach = -Infinity;
    for (const span of this.#spans) this.#reach.push((reach = Math.max(reach, span.end)));
  }

  /** The number of spans starting before `offset` (or at it, when `inclusive`). */
  #startingBefore(offset: number, inclusive: boolean): number {
    let low = 0;
    let high = this.#spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const start = this.#spans[middle]!.start;
      if (start < offset || (inclusive && start === offset)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The spans lying within `start`–`end` (start ≥ `start`, end ≤ `end`), in order. */
  within(start: number, end: number): T[] {
    const out: T[] = [];
    for (let i = this.#startingBefore(start, false); i < this.#spans.length && this.#spans[i]!.start <= end; i++) {
      if (this.#spans[i]!.end <= end) out.push(this.#spans[i]!);
    }
    return out;
  }

  /** The spans overlapping `start`–`end` (starting before `end`, ending after `start`), in order. */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    // spans before `low` start before `end`; walk back while one of them may still reach past `start`
    for (let i = this.#startingBefore(end, false) - 1; i >= 0 && this.#reach[i]! > start; i--) if (this.#spans[i]!.end > start) out.push(this.#spans[i]!);
    return out.reverse();
  }
}
