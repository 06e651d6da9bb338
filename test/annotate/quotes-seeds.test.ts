import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Attribution, Doc } from '../../src/core/doc.ts';
import { annotatedSeeds, seedQuotes } from '../helpers/seed-quotes.ts';
import { needsShared, repoRoot } from '../helpers/shared.ts';

test('quotes seeds: attributions match the reviewed golden file', { skip: needsShared }, async () => {
  const golden = JSON.parse(readFileSync(join(repoRoot, 'test', 'golden', 'seeds-quotes.json'), 'utf8'));
  assert.deepEqual(await seedQuotes(), golden, 'run `npm run update-goldens` and review the diff if the change is intended');
});

/**
 * Where a phrase read from the seed at run time sits in its text (its first occurrence), or the words `part`
 * inside it: `at(doc, 'González-Olaechea told Peru21', 'told')` is that "told", not the article's first.
 */
function at(doc: Doc, where: string | [string, string]): { start: number; end: number } {
  const [phrase, part] = typeof where === 'string' ? [where, where] : where;
  const start = doc.text.indexOf(phrase);
  assert.ok(start >= 0, `the seed no longer contains "${phrase}"`);
  const offset = phrase.indexOf(part);
  assert.ok(offset >= 0, `"${part}" is not in "${phrase}"`);
  return { start: start + offset, end: start + offset + part.length };
}
const covers = (spans: readonly { start: number; end: number }[], target: { start: number; end: number }) => spans.some((s) => s.start <= target.start && s.end >= target.end);
const show = (doc: Doc) => JSON.stringify(doc.quotes!.map((q) => [q.source?.text ?? null, q.cue.text, q.content.map((c) => c.text.slice(0, 40)), q.hedge]));

/** The attribution whose cue, source and content cover the given phrases (each optional), or a failure listing them all. */
function find(doc: Doc, want: { cue?: string | [string, string]; source?: string | [string, string]; content?: string; what: string }): Attribution {
  const cue = want.cue ? at(doc, want.cue) : null;
  const source = want.source ? at(doc, want.source) : null;
  const content = want.content ? at(doc, want.content) : null;
  const found = doc.quotes!.find((q) => (!cue || covers([q.cue], cue)) && (!source || (q.source !== null && covers([q.source], source))) && (!content || covers(q.content, content)));
  assert.ok(found, `${want.what}: not found in ${show(doc)}`);
  return found;
}

test('quotes seeds: the attributions a reader checks by eye', { skip: needsShared }, async () => {
  const seeds = await annotatedSeeds();
  const seed = (prefix: string) => seeds.find((s) => s.file.startsWith(prefix))!.doc;
  const s000 = seed('000');
  const minister = find(s000, {
    what: 'González-Olaechea to Peru21',
    cue: ['González-Olaechea told Peru21', 'told'],
    source: ['González-Olaechea told Peru21', 'González-Olaechea'],
    content: 'a cooling-off period is advisable',
  });
  assert.equal(minister.recipient?.text, 'Peru21', 'the minister’s words were given to Peru21');
  const alleges = find(s000, { what: 'Peru21’s allegation', cue: ['Peru21 alleges', 'alleges'], source: ['Peru21 alleges', 'Peru21'], content: 'This newspaper obtained information' });
  assert.equal(alleges.hedge, 'alleged');
  const police = find(s000, { what: 'the police’s account of the failed arrest', source: ['According to the police, Cerrón', 'the police'], content: 'Cerrón was about to be arrested this January' });
  assert.equal(police.hedge, 'reported');
  assert.match(police.cue.text, /^According to$/i);
  // Cerrón's two posts on X: the first is given to "the politician", the second to Cerrón by name
  const post1 = find(s000, { what: 'Cerrón’s first post on X', content: 'Cuban Intelligence is better than the Peruvian' });
  assert.match(post1.source?.text ?? '', /politician|Cerrón/);
  const post2 = find(s000, {
    what: 'Cerrón’s second post on X',
    cue: ['Cerrón said in his X account', 'said'],
    source: ['Cerrón said in his X account', 'Cerrón'],
    content: 'We are going to fight here in our homeland',
  });
  assert.equal(post2.hedge, 'asserted');
  const bullrich = find(s000, { what: 'Bullrich’s “noisy minority”', source: 'Patricia Bullrich', content: 'noisy minority' });
  assert.notEqual(bullrich.hedge, 'unsourced');
  const s004 = seed('004');
  for (const phrase of ['We are told', 'It is being said']) {
    const q = find(s004, { what: `"${phrase} …" without a source`, cue: phrase });
    assert.equal(q.source, null, phrase);
    assert.equal(q.hedge, 'unsourced', phrase);
    assert.ok(q.content.length > 0, `${phrase}: has content`);
  }
});
