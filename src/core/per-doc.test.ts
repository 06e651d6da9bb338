import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from './doc.ts';
import { perDoc } from './per-doc.ts';

const doc = (text: string): Doc => ({ id: text, contentHash: text, text, meta: { language: 'en' } as Doc['meta'], sourceMap: [], messages: [] }) as unknown as Doc;

test('per-doc: computes once per doc object, and an adopted result is the one returned', () => {
  let runs = 0;
  const length = perDoc((d) => {
    runs++;
    return d.text.length;
  });
  const a = doc('abc');
  assert.equal(length(a), 3);
  assert.equal(length(a), 3);
  assert.equal(runs, 1);
  // An equal doc that is another object is computed on its own.
  assert.equal(length(doc('abc')), 3);
  assert.equal(runs, 2);
  const b = doc('abcd');
  length.adopt(b, 4);
  assert.equal(length(b), 4);
  assert.equal(runs, 2);
});
