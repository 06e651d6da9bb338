import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, Token } from './doc.ts';
import { bareMeta, toRawOffset } from './doc.ts';
import { QuipuError } from './errors.ts';
import { isIsoDate, isoFromMachineDate, precisionOf } from './iso-date.ts';
import { buildPipeline, type Stage } from './pipeline.ts';
import { validate } from './validate.ts';

const makeDoc = (text: string): Doc => ({
  id: 'a1',
  contentHash: 'h',
  text,
  meta: bareMeta('test'),
  sourceMap: [{ textOffset: 0, rawOffset: 0 }],
  messages: [],
});

const whitespaceTokens: Stage<'tokens'> = {
  name: 'tokens',
  requires: [],
  assigns: ['tokens'],
  run(doc) {
    const tokens: Token[] = [];
    for (const m of doc.text.matchAll(/\S+/g)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    return { tokens };
  },
};

test('pipeline: merges only declared layers and validates after each stage', () => {
  const doc = buildPipeline([whitespaceTokens]).run(makeDoc('Ana met Bo.'), { check: true });
  assert.deepEqual(
    doc.tokens?.map((t) => t.text),
    ['Ana', 'met', 'Bo.'],
  );
});

test('pipeline: refuses a stage whose requirement no earlier stage assigns', () => {
  const sentences: Stage<'sentences'> = { name: 'sentences', requires: ['tokens'], assigns: ['sentences'], run: () => ({ sentences: [] }) };
  assert.throws(
    () => buildPipeline([sentences]),
    (e: unknown) => e instanceof QuipuError && e.code === 'E_PIPELINE' && /requires tokens/.test(e.message),
  );
  assert.doesNotThrow(() => buildPipeline([whitespaceTokens, sentences]));
});

test('validate: rejects a span whose stored text disagrees with the slice', () => {
  const doc = { ...makeDoc('Peru and Cuba'), tokens: [{ start: 0, end: 4, text: 'Perú' }] };
  assert.throws(() => validate(doc), /stores "Perú"/);
});

test('validate: rejects entity edges that cut a token', () => {
  const doc = {
    ...makeDoc('Peru and Cuba'),
    tokens: [
      { start: 0, end: 4, text: 'Peru' },
      { start: 5, end: 8, text: 'and' },
    ],
    entities: [{ start: 0, end: 3, text: 'Per', type: 'LOC' as const, tokenStart: 0, tokenEnd: 1, confidence: 1 }],
  };
  assert.throws(() => validate(doc), /token edges/);
});

test('toRawOffset: maps through piecewise anchors', () => {
  const map = [
    { textOffset: 0, rawOffset: 16 },
    { textOffset: 10, rawOffset: 40 },
  ];
  assert.equal(toRawOffset(map, 0), 16);
  assert.equal(toRawOffset(map, 9), 25);
  assert.equal(toRawOffset(map, 12), 42);
});

test('iso dates: prefixes carry their precision and reject impossible days', () => {
  assert.equal(precisionOf('2023'), 'year');
  assert.equal(precisionOf('2023-01'), 'month');
  assert.equal(precisionOf('2023-01-10'), 'day');
  assert.ok(!isIsoDate('2023-02-30'));
  assert.equal(isoFromMachineDate('2024-01-23T22:10:00-05:00'), '2024-01-23');
  assert.equal(isoFromMachineDate('Tue, 23 Jan 2024 22:10:00 -0500'), '2024-01-23');
  assert.equal(isoFromMachineDate('not a date'), null);
});
