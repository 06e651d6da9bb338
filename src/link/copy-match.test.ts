import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type MatchArticle, matchArticle, matchArticles, mayMatch, printedWords } from './copy-match.ts';
import { wordHashes } from './shingles.ts';

const vocabulary = 'río puente Concejo alcaldesa cosecha paro camino mercado escuela agua policía juez voto presupuesto mina aldea feria tormenta dijo según 14 3 2024'.split(' ');
const separators = [...Array.from({ length: 40 }, () => ' '), ', ', ', ', '. ', '.\n', '\n\n', ' \u0301', '\u00a0', ' \t\n \n'];

/** A fictional text of `n` words from `pick`, with sentence ends, line breaks and blank lines between some of them. */
function text(pick: (n: number) => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += vocabulary[pick(vocabulary.length)]! + separators[pick(separators.length)]!;
  return out;
}

const articleArb = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 400 }), fc.constantFrom('es', 'en')).map(([draws, language]) => {
  let k = 0;
  return { body: text((n) => draws[k++ % draws.length]! % n, draws.length), language };
});

test('copy match: a text folded paragraph by paragraph and between them gives the words of the whole and of each paragraph', () => {
  fc.assert(
    fc.property(articleArb, ({ body, language }) => {
      const article = matchArticle('a', { text: body, language });
      const words = printedWords(article);
      assert.ok(words, 'paragraphs cut at line edges');
      assert.deepEqual([...words.hashes], [...wordHashes(body)]);
      article.prints.forEach((p, i) => {
        const [from, to] = words.ranges[i]!;
        assert.deepEqual([...words.hashes.subarray(from, to)], [...wordHashes(body.slice(p.start, p.end))]);
      });
    }),
    { numRuns: 300 },
  );
});

test('copy match: a paragraph not cut at a line edge is not folded apart from its text', () => {
  const article: MatchArticle = { id: 'a', text: 'Uno dos tres cuatro cinco seis siete ocho nueve.', language: 'es', prints: [{ start: 4, end: 20, words: 3, anchors: [], at: [] }] };
  assert.equal(printedWords(article), null);
  assert.equal(mayMatch(matchArticle('b', { text: 'otra cosa', language: 'es' }), article), true);
});

test('copy match: mayMatch is false only when matchArticles finds no copy, either way round', () => {
  // Pairs that share paragraphs, a few words or nothing: a candidate ruled out must never be a copy.
  let ruledOut = 0;
  let copies = 0;
  fc.assert(
    fc.property(articleArb, articleArb, fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), ({ body, language }, other, shared, edits) => {
      const paragraphs = body.split('\n\n');
      // Borrowed paragraphs with some of their words changed (none to most), so containment falls on both sides of the thresholds.
      let k = 0;
      const edited = (paragraph: string) =>
        paragraph.replace(/[\p{L}\p{N}]+/gu, (word) => (edits[k++ % edits.length]! % 100 < edits[0]! % 80 ? vocabulary[edits[k % edits.length]! % vocabulary.length]! : word));
      const borrowed = shared.map((i) => edited(paragraphs[i % paragraphs.length]!)).join('\n\n');
      const mine = matchArticle('m', { text: body, language });
      const theirs = matchArticle('t', { text: `${other.body}\n\n${borrowed}`, language: other.language });
      const found = matchArticles(matchArticle('m', { text: body, language }), matchArticle('t', { text: theirs.text, language: theirs.language }));
      const reversed = matchArticles(matchArticle('t', { text: theirs.text, language: theirs.language }), matchArticle('m', { text: body, language }));
      if (found) copies++;
      if (!mayMatch(mine, theirs)) {
        ruledOut++;
        assert.equal(found, null);
        assert.equal(reversed, null);
      }
    }),
    { numRuns: 600 },
  );
  assert.ok(ruledOut > 50 && copies > 5, `${ruledOut} ruled out, ${copies} copies`);
});
