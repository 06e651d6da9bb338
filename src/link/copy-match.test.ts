import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MIN_BEST_TRANSLATED, MIN_TRANSLATED_PARAGRAPHS, type MatchArticle, matchArticle, matchArticles, mayMatch, printedWords, translatedLinks } from './copy-match.ts';
import { wordHashes } from './shingles.ts';

const vocabulary = 'río puente Concejo alcaldesa cosecha paro camino mercado escuela agua policía juez voto presupuesto mina aldea feria tormenta dijo según 14 3 2024'.split(' ');
const separators = [...Array.from({ length: 40 }, () => ' '), ', ', ', ', '. ', '.\n', '\n\n', ' \u0301', '\u00a0', ' \t\n \n'];

/** A fictional text of `n` words from `pick`, with sentence ends, line breaks and blank lines between some of them. */
function text(pick: (n: number) => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += vocabulary[pick(vocabulary.length)]! + separators[pick(separators.length)]!;
  return out;
}

/** Seeded draws in [0, n): an article of a few hundred words from one fast-check integer. */
function draws(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
}

const articleArb = fc
  .record({ seed: fc.integer(), words: fc.integer({ min: 1, max: 400 }), language: fc.constantFrom('es', 'en') })
  .map(({ seed, words, language }) => ({ body: text(draws(seed), words), language }));

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

test('copy match: across languages, the anchor check made before the bilingual one never loses a translated copy', () => {
  let translated = 0;
  fc.assert(
    fc.property(articleArb, articleArb, fc.array(fc.nat(), { maxLength: 8 }), ({ body }, other, shared) => {
      // Paragraphs carried into the other language keep their numbers, the anchors a translation is first paired by.
      const paragraphs = body.split('\n\n');
      const carried = shared.map((i) => paragraphs[i % paragraphs.length]!).join('\n\n');
      const en = matchArticle('e', { text: body, language: 'en' });
      const es = matchArticle('s', { text: `${other.body}\n\n${carried}`, language: 'es' });
      const links = translatedLinks(en, es);
      const expected = links.length >= MIN_TRANSLATED_PARAGRAPHS && Math.max(...links.map((l) => l.score)) >= MIN_BEST_TRANSLATED;
      const found = matchArticles(en, es);
      if (found) translated++;
      assert.equal(found !== null, expected);
      if (found) assert.deepEqual(found.links, links);
    }),
    { numRuns: 300 },
  );
  assert.ok(translated > 0, 'some pairs are translated copies');
});

test('copy match: a paragraph edited down to the containment thresholds still makes its article a candidate worth matching', () => {
  const words = (from: number, n: number) => Array.from({ length: n }, (_, i) => vocabulary[(from + i * 7) % 19]! + (i % 5 === 4 ? 'ra' : '')).join(' ');
  const paragraph = `${words(0, 40)}.`;
  const mine = matchArticle('m', { text: `${words(3, 60)}.\n\n${paragraph}\n\n${words(5, 80)}.`, language: 'es' });
  // Four words changed, far apart: 21 of its 37 shingles left (0.57, above the 0.5 a paragraph needs).
  const edited = paragraph
    .split(' ')
    .map((w, i) => (i % 10 === 5 ? 'distinta' : w))
    .join(' ');
  // Numbered: three numbers kept in order and 0.36 of its shingles (above the 0.25 such a paragraph needs, below 0.5).
  const numbered = `Hubo 14 heridos, 3 detenidos y 2024 evacuados en ${words(11, 12)} según ${words(13, 14)}.`;
  const renumbered = numbered
    .split(' ')
    .map((w, i) => (i > 8 && i % 5 === 0 ? 'otra' : w))
    .join(' ');
  for (const [theirsText, mineText] of [
    [`Nada que ver con esto, una noticia de otro lugar y de otro día.\n\n${edited}`, mine.text],
    [`Nada que ver con esto, una noticia de otro lugar y de otro día.\n\n${renumbered}`, `${mine.text}\n\n${numbered}`],
  ] as const) {
    const me = matchArticle('m', { text: mineText, language: 'es' });
    const theirs = matchArticle('t', { text: theirsText, language: 'es' });
    assert.ok(matchArticles(matchArticle('m', { text: mineText, language: 'es' }), matchArticle('t', { text: theirsText, language: 'es' })));
    assert.equal(mayMatch(me, theirs), true);
  }
});
