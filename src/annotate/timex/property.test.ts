import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { tagTimexes } from './index.ts';

const words = [
  'on',
  'Tuesday',
  'last',
  'December',
  'this',
  'January',
  'a',
  'month',
  'earlier',
  ',',
  'in',
  'since',
  'October',
  '2023',
  'two',
  'days',
  'later',
  '10.01.2023',
  '10/11/2023',
  'el',
  'pasado',
  '11',
  'de',
  'diciembre',
  'hace',
  'dos',
  'semanas',
  'the',
  'day',
  'before',
  'ago',
  'years',
  'for',
  'ten',
  'May',
  'March',
  'mañana',
  'hoy',
  '5',
  'p.m.',
  '12:30',
  '"',
  '.',
  '\n',
  '\r\n',
  '\u00a0',
  '👍',
  'שלום',
  '-',
  'every',
  'quarter',
  'third',
  "'",
  '90s',
  'year-ago',
  'the weekend',
  'más de',
  'los últimos',
  'al',
  'año',
];

const phrase = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((parts) => parts.join(' '));
const anchors = fc.constantFrom(null, '2024-01-25', '2023-01', '2023', '1999-12-31', '2024-02-29');
const languages = fc.constantFrom('en', 'es', 'und');

/** Any input: nothing throws, spans are inside the text, sorted, non-overlapping, and carry their own surface text. */
function checkInvariants(text: string, anchor: string | null, language: string): void {
  const { timexes, messages } = tagTimexes(text, { anchor, language });
  let lastEnd = 0;
  for (const t of timexes) {
    assert.ok(Number.isInteger(t.start) && Number.isInteger(t.end) && t.start < t.end && t.end <= text.length, `bad span ${t.start}..${t.end}`);
    assert.ok(t.start >= lastEnd, `overlap or disorder at ${t.start}`);
    assert.equal(t.text, text.slice(t.start, t.end));
    assert.ok(t.value.length > 0);
    lastEnd = t.end;
  }
  for (const m of messages) assert.ok(m.start >= 0 && m.end <= text.length && m.start <= m.end);
}

test('timex: any string never throws and yields valid, sorted, non-overlapping spans', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), anchors, languages, checkInvariants), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), anchors, languages, checkInvariants), { numRuns: 300 });
});

test('timex: date-like word salad never throws and keeps the invariants', () => {
  fc.assert(fc.property(phrase, anchors, languages, checkInvariants), { numRuns: 500 });
});
