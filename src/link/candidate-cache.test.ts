import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CopyCandidate } from '../store/repository.ts';
import { candidateArticle, citationsIn } from './candidate-cache.ts';
import { findCitations } from './citations.ts';

const text = 'The harbour board of Puerto Quilla voted on Monday to close the old pier, according to the Meridian Monitor. (AP)';
const candidate = (id: string, body: string): CopyCandidate => ({
  id,
  signature: new Uint32Array(4),
  text: body,
  published: null,
  outlet: 'Pacific Current',
  via: null,
  language: 'en',
  paragraphs: null,
  shared: 2,
});

test('candidate cache: the same stored article gives the same object, so its shingle sets are computed once', () => {
  const first = candidateArticle(candidate('c0ffee0000000001', text));
  assert.equal(candidateArticle(candidate('c0ffee0000000001', text)), first);
  assert.equal(first.text, text);
  assert.ok(first.prints.length > 0 || text.split(' ').length < 8);
});

test('candidate cache: another text under the same id is never served from the cache', () => {
  const first = candidateArticle(candidate('c0ffee0000000002', text));
  const changed = candidateArticle(candidate('c0ffee0000000002', `${text} The vote was close.`));
  assert.notEqual(changed, first);
  assert.equal(changed.text, `${text} The vote was close.`);
});

test('candidate cache: citations are what findCitations finds, for each outlet list and text', () => {
  const options = { outlets: ['Meridian Monitor'], ownOutlet: 'Pacific Current' };
  assert.deepEqual(citationsIn('c0ffee0000000003', text, options), findCitations('c0ffee0000000003', text, options));
  assert.ok(citationsIn('c0ffee0000000003', text, options).length >= 1);
  // Read against no known outlets, "according to the Meridian Monitor" is not an outlet's credit: the cache must not answer with the first list.
  const unknown = { outlets: [], ownOutlet: null };
  assert.deepEqual(citationsIn('c0ffee0000000003', text, unknown), findCitations('c0ffee0000000003', text, unknown));
  const other = 'Nothing here is credited to anyone in Valmora.';
  assert.deepEqual(citationsIn('c0ffee0000000003', other, options), []);
});
