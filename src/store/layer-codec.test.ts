import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Doc, Token } from '../core/doc.ts';
import { decodeLayer, encodeLayer } from './layer-codec.ts';
import { testDoc } from './test-docs.ts';

/** A text cut into tokens at random places, with random gaps between them (whitespace, or nothing). */
const tokenized = fc.array(fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.constantFrom('', ' ', '\n\n', ' — ')), { maxLength: 40 }).map((pieces) => {
  let text = '';
  const tokens: Token[] = [];
  for (const [word, gap] of pieces) {
    text += gap;
    tokens.push({ start: text.length, end: text.length + word.length, text: word });
    text += word;
  }
  return { ...testDoc('d1', text), tokens };
});

test('layer codec: tokens stored as offsets come back as they were (property)', () => {
  fc.assert(
    fc.property(tokenized, (doc) => {
      const stored = encodeLayer(doc, 'tokens');
      assert.ok(!stored.includes('"text"'), 'no token text is stored');
      assert.deepEqual(decodeLayer('tokens', stored, doc.text), doc.tokens);
    }),
  );
});

test('layer codec: tokens stored whole before, or that break the rule, are kept whole; other layers are JSON', () => {
  const doc: Doc = { ...testDoc('d2', 'Ana dijo hola.'), tokens: [{ start: 0, end: 3, text: 'Ana' }] };
  assert.deepEqual(decodeLayer('tokens', JSON.stringify(doc.tokens), doc.text), doc.tokens);
  const odd: Doc = { ...doc, tokens: [{ start: 0, end: 3, text: 'ANA' }] };
  assert.equal(encodeLayer(odd, 'tokens'), JSON.stringify(odd.tokens));
  const overlapping: Doc = {
    ...doc,
    tokens: [
      { start: 0, end: 8, text: 'Ana dijo' },
      { start: 4, end: 8, text: 'dijo' },
    ],
  };
  assert.deepEqual(decodeLayer('tokens', encodeLayer(overlapping, 'tokens'), doc.text), overlapping.tokens);
  const sentences: Doc = { ...doc, sentences: [{ start: 0, end: 14, tokenStart: 0, tokenEnd: 1 }] };
  assert.equal(encodeLayer(sentences, 'sentences'), JSON.stringify(sentences.sentences));
  assert.deepEqual(decodeLayer('sentences', encodeLayer(sentences, 'sentences'), doc.text), sentences.sentences);
});
