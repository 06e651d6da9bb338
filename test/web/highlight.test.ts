import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findTerms, parseFragment, queryTerms, segment, snippetMarks } from '../../src/web/highlight.ts';

test('segment: overlapping marks become non-overlapping segments that cover the text exactly', () => {
  const segments = segment(20, [
    { start: 2, end: 8, kind: 'timex' },
    { start: 5, end: 12, kind: 'entity' },
    { start: 15, end: 15, kind: 'empty' },
    { start: 18, end: 25, kind: 'outside' },
  ]);
  assert.deepEqual(
    segments.map((s) => [s.start, s.end, s.marks.map((m) => m.kind).join('+')]),
    [
      [0, 2, ''],
      [2, 5, 'timex'],
      [5, 8, 'timex+entity'],
      [8, 12, 'entity'],
      [12, 20, ''],
    ],
  );
});

test('segment: any marks — segments tile [0, length) and each lists exactly the marks covering it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 })), { maxLength: 12 }), (length, pairs) => {
      const marks = pairs.map(([start, end], i) => ({ start, end, kind: `m${i}` }));
      const segments = segment(length, marks);
      let at = 0;
      for (const s of segments) {
        assert.equal(s.start, at);
        assert.ok(s.end > s.start || length === 0);
        at = s.end;
        const expected = marks.filter((m) => m.start >= 0 && m.end <= length && m.start < m.end && m.start <= s.start && m.end >= s.end);
        assert.deepEqual(s.marks, expected);
      }
      assert.equal(at, length);
    }),
  );
});

test('findTerms: diacritics- and case-insensitive, whole words, prefixes, phrases; offsets into the original', () => {
  const text = 'En Junín, JUNIN y junineros; Etxeberri dijo "estado de emergencia".';
  const spans = (q: string) => findTerms(text, queryTerms(q)).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans('junin'), ['Junín', 'JUNIN']);
  assert.deepEqual(spans('junin*'), ['Junín', 'JUNIN', 'junineros']);
  assert.deepEqual(spans('"estado de emergencia" -Junin'), ['estado de emergencia']);
  assert.deepEqual(spans('etxeberri OR nothing'), ['Etxeberri']);
  assert.deepEqual(spans('-only'), []);
});

test('findTerms: decomposed accents and astral characters keep offsets right', () => {
  const text = '😀 Peru\u0301 y Perú 😀';
  const found = findTerms(text, queryTerms('peru'));
  assert.deepEqual(
    found.map((s) => text.slice(s.start, s.end)),
    ['Peru\u0301', 'Perú'],
  );
});

test('parseFragment: only a non-empty range inside the text', () => {
  assert.deepEqual(parseFragment('#3-9', 10), { start: 3, end: 9 });
  assert.equal(parseFragment('#9-3', 10), null);
  assert.equal(parseFragment('#3-11', 10), null);
  assert.equal(parseFragment('#token=abc', 10), null);
});

test('snippetMarks: sound server highlights are kept; shifted ones are replaced by the query words found here', () => {
  const snippet = 'after Ramiro Etxeberri failed';
  const good: [number, number][] = [[13, 22]];
  assert.deepEqual(snippetMarks(snippet, good, 'Etxeberri'), [{ start: 13, end: 22 }]);
  assert.deepEqual(snippetMarks(snippet, [[15, 24]], 'Etxeberri'), [{ start: 13, end: 22 }]);
  assert.deepEqual(snippetMarks(snippet, [], 'nothing'), []);
});
