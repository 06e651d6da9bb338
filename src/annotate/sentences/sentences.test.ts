import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { needsShared, seedsDir } from '../../../test/helpers/shared.ts';
import fc from 'fast-check';
import type { Doc } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { tokenize, tokensStage } from '../tokens/index.ts';
import { sentencesStage, splitSentences } from './index.ts';

const SEEDS = pathToFileURL(`${seedsDir}/`);

const makeDoc = (text: string, language = 'en'): Doc => ({
  id: 't',
  contentHash: 'h',
  text,
  sourceMap: [],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language, source: 'test', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});

const split = (text: string, lang = 'en') => splitSentences(text, tokenize(text, lang), lang).map((s) => text.slice(s.start, s.end));

test('sentences: titles, initials and acronyms inside a sentence do not split it', () => {
  assert.deepEqual(split('Dr. Smith met Gen. J. Ríos. The U.S. Department of State said no. Then he left.'), ['Dr. Smith met Gen. J. Ríos.', 'The U.S. Department of State said no.', 'Then he left.']);
  assert.deepEqual(split('El Sr. Pérez llegó a EE.UU. el lunes. ¿Por qué? Nadie lo sabe.', 'es'), ['El Sr. Pérez llegó a EE.UU. el lunes.', '¿Por qué?', 'Nadie lo sabe.']);
});

test('sentences: closing quotes stay with their sentence; paragraphs and headlines split', () => {
  assert.deepEqual(split('“We will fight here.” Cerrón said so.\n\nHeadline Without Period\nBody text.'), ['“We will fight here.”', 'Cerrón said so.', 'Headline Without Period', 'Body text.']);
  assert.deepEqual(split('He works for Acme Inc. The firm said so.'), ['He works for Acme Inc.', 'The firm said so.']);
});

test('sentences: every token lands in exactly one sentence, for any text (fast-check)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      const doc = buildPipeline([tokensStage, sentencesStage]).run(makeDoc(text), { check: true });
      let next = 0;
      for (const s of doc.sentences!) {
        assert.equal(s.tokenStart, next);
        assert.ok(s.tokenEnd > s.tokenStart);
        next = s.tokenEnd;
      }
      assert.equal(next, doc.tokens!.length);
    }),
    { numRuns: 500 },
  );
});

test('sentences: real seed articles split where a reader would', (t) => {
  if (needsShared) return t.skip(needsShared);
  const files = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  for (const file of files) {
    const text = readFileSync(new URL(file, SEEDS), 'utf8');
    const doc = buildPipeline([tokensStage, sentencesStage]).run(makeDoc(text), { check: true });
    const sentences = doc.sentences!.map((s) => text.slice(s.start, s.end));
    // no sentence starts right after a title abbreviation, none runs across a blank line
    for (const s of sentences) {
      assert.ok(!/\n\s*\n/.test(s), `${file}: a sentence spans a paragraph break: ${s.slice(0, 80)}`);
      assert.ok(s.length < 1500, `${file}: an implausibly long sentence: ${s.slice(0, 80)}`);
    }
    for (let i = 1; i < doc.sentences!.length; i++) {
      const previous = doc.tokens![doc.sentences![i]!.tokenStart - 1]!.text;
      assert.ok(!/^(Dr|Mr|Mrs|Ms|Gen|Sr|Sra)\.$/.test(previous), `${file}: split after "${previous}"`);
    }
  }
  const seed0 = files.find((f) => f.startsWith('000'));
  if (seed0) {
    const text = readFileSync(new URL(seed0, SEEDS), 'utf8');
    const sentences = split(text);
    // Checked by their edges only: the seeds' own sentences are never copied into the repository.
    const at = sentences.findIndex((s) => s.includes('1997'));
    assert.ok(at >= 0 && sentences[at]!.startsWith('Cerrón lived') && sentences[at]!.endsWith('in 1997.'));
    assert.ok(sentences[at + 1]!.startsWith('Since then,') && sentences[at + 1]!.endsWith('regime.'));
    assert.ok(sentences.some((s) => s.startsWith('The Foreign Minister of Peru, Javier González-Olaechea')));
  }
});
