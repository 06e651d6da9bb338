import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Doc } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { QuipuError } from '../../core/errors.ts';
import { createTokensStage, maxTokens, tokenize, tokenizeByPattern, tokensStage } from './index.ts';

const texts = (s: string, lang = 'en') => tokenize(s, lang).map((t) => t.text);

/** Tokens plus the gaps between them rebuild the text, and the gaps are whitespace only. */
function assertRoundTrip(text: string, lang: string) {
  const tokens = tokenize(text, lang);
  let rebuilt = '';
  let at = 0;
  for (const token of tokens) {
    assert.ok(token.start >= at, 'tokens are sorted and disjoint');
    assert.ok(token.end > token.start, 'no empty tokens');
    assert.equal(token.text, text.slice(token.start, token.end));
    const gap = text.slice(at, token.start);
    assert.match(gap, /^[\s\u200B\u200C\u2060\u180E]*$/u, `gap ${JSON.stringify(gap)} holds only whitespace`);
    rebuilt += gap + token.text;
    at = token.end;
  }
  rebuilt += text.slice(at);
  assert.equal(rebuilt, text);
}

const makeDoc = (text: string, language = 'en'): Doc => ({
  id: 't',
  contentHash: 'h',
  text,
  sourceMap: [],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language, source: 'test', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});

test('tokens: round trip holds for any string (fast-check), in both languages', () => {
  const pieces = fc.constantFrom(
    'Dr.',
    'U.S.',
    "Peru's",
    'González-Olaechea',
    'Perú',
    ' ',
    '\r\n',
    '\u00a0',
    '\u200b',
    '“',
    '”',
    '’s',
    '🇵🇪',
    '👩‍👩‍👧',
    '👍🏽',
    'مرحبا',
    'שלום',
    '\u202e',
    '5.93',
    'https://x.org/a.',
    '@h',
    '#t',
    '...',
    '—',
    '\ud800',
    "n't",
    'EE.UU.',
  );
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(text, fc.constantFrom('en', 'es', 'und'), (s, lang) => assertRoundTrip(s, lang)),
    { numRuns: 1500 },
  );
});

test('tokens: the hand-written scanner gives exactly the tokens of the pattern alone (fast-check)', () => {
  const pieces = fc.constantFrom(
    'Peru',
    'perú',
    'ÀÿØ',
    'ªµ',
    '²',
    '١',
    'e\u0301',
    ' ',
    '\n',
    '\r\n',
    '\t',
    '\u00a0',
    '\u200b',
    '.',
    ',',
    ';',
    ':',
    '!',
    '?',
    '(',
    ')',
    '"',
    "'",
    '’',
    '“',
    '«',
    '-',
    '–',
    '/',
    '@',
    '#',
    '&',
    '%',
    '+',
    '_',
    '[',
    '{',
    '1',
    '12',
    '1,000',
    '12:30',
    '5.93',
    'U.S.',
    'Dr.',
    'J.',
    'Sr.',
    'EE.UU.',
    'e.g.',
    'www.',
    '.com',
    'https://',
    'ana@x.pe',
    "n't",
    "'s",
    '...',
    '--',
    '!!',
    "''",
    '🇵🇪',
    '👍🏽',
    '\ud800',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(text, fc.constantFrom('en', 'es'), (s, lang) => assert.deepEqual(tokenize(s, lang), tokenizeByPattern(s, lang))),
    { numRuns: 3000 },
  );
});

test('tokens: the stage passes validate on odd input (CRLF, NBSP, RTL, emoji, lone surrogate)', () => {
  const doc = buildPipeline([tokensStage]).run(makeDoc('Hola\r\nmundo\u00a0“¡Perú!” مرحبا 👩‍👩‍👧 \ud800 end.'), { check: true });
  assert.ok(doc.tokens!.length > 5);
});

test('tokens: abbreviations keep their period; initials too', () => {
  assert.deepEqual(texts('Dr. Smith met Gen. Ríos and J. R. Tolkien in the U.S. on Jan. 5.'), [
    'Dr.',
    'Smith',
    'met',
    'Gen.',
    'Ríos',
    'and',
    'J.',
    'R.',
    'Tolkien',
    'in',
    'the',
    'U.S.',
    'on',
    'Jan.',
    '5',
    '.',
  ]);
  assert.deepEqual(texts('El Sr. Pérez vive en la Av. Arequipa; la Sra. Ruiz, en EE.UU.', 'es'), [
    'El',
    'Sr.',
    'Pérez',
    'vive',
    'en',
    'la',
    'Av.',
    'Arequipa',
    ';',
    'la',
    'Sra.',
    'Ruiz',
    ',',
    'en',
    'EE.UU.',
  ]);
  assert.deepEqual(texts('a then-U.S. envoy at 5 p.m. today'), ['a', 'then-U.S.', 'envoy', 'at', '5', 'p.m.', 'today']);
});

test('tokens: negative list — periods that are not abbreviations are split off', () => {
  for (const [input, expected] of [
    ['He lived in Cuba.', ['He', 'lived', 'in', 'Cuba', '.']],
    ['It was 1997. Then', ['It', 'was', '1997', '.', 'Then']],
    ['the end. The', ['the', 'end', '.', 'The']],
    ['see www.peru21.pe.', ['see', 'www.peru21.pe', '.']],
    ['Nothing, no.', ['Nothing', ',', 'no', '.']],
  ] as const) {
    assert.deepEqual(texts(input), expected, input);
  }
});

test('tokens: CoNLL-style splits — clitics, punctuation, curly quotes; hyphens and decimals stay whole', () => {
  assert.deepEqual(texts("Peru's president didn't say “no” (10%)."), ['Peru', "'s", 'president', 'did', "n't", 'say', '“', 'no', '”', '(', '10', '%', ')', '.']);
  assert.deepEqual(texts('the Island’s regime'), ['the', 'Island', '’s', 'regime']);
  assert.deepEqual(texts('González-Olaechea paid $5.93, 1,000 and 6-4 on 1996-08-22.'), ['González-Olaechea', 'paid', '$', '5.93', ',', '1,000', 'and', '6-4', 'on', '1996-08-22', '.']);
  assert.deepEqual(texts("O'Brien of AT&T"), ["O'Brien", 'of', 'AT&T']);
  // Spanish keeps apostrophes inside words and has no English clitics
  assert.deepEqual(texts("d'Esquadra's", 'es'), ["d'Esquadra's"]);
});

test('tokens: URLs, e-mails, handles, hashtags and emoji are single tokens', () => {
  assert.deepEqual(texts('Read https://example.com/a?b=1, write to ana@diario.pe, follow @Peru21noticias #Perú 🇵🇪👍🏽'), [
    'Read',
    'https://example.com/a?b=1',
    ',',
    'write',
    'to',
    'ana@diario.pe',
    ',',
    'follow',
    '@Peru21noticias',
    '#Perú',
    '🇵🇪',
    '👍🏽',
  ]);
});

test('tokens: an article over the token limit is refused with E_TOO_COMPLEX naming its source, not tokenized in part', () => {
  const stage = createTokensStage(1000);
  const doc = (text: string): Doc => ({ ...makeDoc(text), meta: { ...makeDoc(text).meta, source: '/tmp/angles.html' } });
  assert.equal(stage.run(doc('<'.repeat(1000)), { models: new Map() }).tokens.length, 1000);
  assert.throws(
    () => stage.run(doc('<'.repeat(1001)), { models: new Map() }),
    (error: unknown) =>
      error instanceof QuipuError && error.code === 'E_TOO_COMPLEX' && error.item === '/tmp/angles.html' && /1,001 tokens, over the limit of 1,000 one article may hold/.test(error.message),
  );
  // the default limit leaves a megabyte of prose through
  assert.ok(maxTokens >= 250_000);
});
