import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { tagTimexes } from '../timex/index.ts';
import { findFigures } from './index.ts';

const pieces = [
  '12',
  'twelve',
  'doce',
  'killed',
  'muertos',
  'at least',
  'más de',
  ' ',
  ', ',
  '. ',
  '\n',
  '\r\n',
  '\u00a0',
  'since',
  'desde',
  'October 29',
  'in Lisca',
  'en el puente de Varo',
  '(',
  ')',
  'Lisca (3)',
  'Varo (4)',
  ' and ',
  '%',
  '$',
  'years',
  'años y medio',
  'prison',
  'votes',
  '1,200',
  '3.5',
  '😀',
  'مرحبا',
  '\u200f',
  'One of the',
  '-',
  'Peru21',
  '7:30',
  'a dozen',
  'dozens of',
  '120-seat',
];

function check(text: string) {
  const { timexes } = tagTimexes(text, { anchor: '2024-03-12', language: 'en' });
  for (const language of ['en', 'es']) {
    const { figures, messages } = findFigures(text, { language, timexes, published: '2024-03-12' });
    let prev = -1;
    figures.forEach((f, k) => {
      assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `figure ${k} out of range`);
      assert.ok(f.start >= prev, 'figures sorted');
      prev = f.start;
      assert.equal(f.text, text.slice(f.start, f.end));
      for (const s of [f.place, f.subject]) if (s) assert.equal(s.text, text.slice(s.start, s.end));
      assert.ok(Number.isFinite(f.value));
      for (const p of f.parts ?? []) assert.ok(p >= 0 && p < figures.length && p !== k);
    });
    for (const m of messages) assert.ok(m.start >= 0 && m.end <= text.length);
  }
}

test('figures: any string → valid sorted figures, no throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 200 });
});

test('figures: sentences built from figure words → valid sorted figures, no throw', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
      check,
    ),
    { numRuns: 500 },
  );
});
