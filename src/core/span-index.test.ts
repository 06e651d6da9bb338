import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpanIndex } from './span-index.ts';

test('span index: within and overlapping give what filtering the whole layer gives, in layer order', () => {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 200; round++) {
    const spans = Array.from({ length: next(40) }, (_, id) => {
      const start = next(300);
      return { id, start, end: start + next(30) };
    }).sort((a, b) => a.start - b.start);
    const index = new SpanIndex(spans);
    const start = next(300);
    const end = start + next(80);
    assert.deepEqual(
      index.within(start, end),
      spans.filter((s) => s.start >= start && s.end <= end),
    );
    assert.deepEqual(
      index.overlapping(start, end),
      spans.filter((s) => s.start < end && s.end > start),
    );
  }
});
