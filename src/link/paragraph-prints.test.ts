import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bilingualOverlap } from './bilingual.ts';
import { anchorKeys, copyParagraphs, dateAnchor, normalizeNumber, paragraphAnchors, printParagraphs } from './paragraph-prints.ts';

test('paragraph prints: numbers fold across conventions, dates keep month and day, "2019" and PRESENT_REF anchor nothing', () => {
  assert.deepEqual(['1.305', '1,305', '2,780,966', '45,3', '45.3', '27'].map(normalizeNumber), ['1305', '1305', '2780966', '45.3', '45.3', '27']);
  assert.deepEqual(['2019-11-10', 'XXXX-11-10', '2021-03', '2019', 'PRESENT_REF', 'P3Y'].map(dateAnchor), ['d:11-10', 'd:11-10', 'd:2021-03', '', '', '']);
});

test('paragraph prints: an English and a Spanish sentence that say the same thing share their anchors in order', () => {
  const en = 'Since the president resigned on November 10, 27 people have died in Tumbá, the Ombudsman said.';
  const es = 'Desde que el presidente renunció el 10 de noviembre, 27 personas han muerto en Tumbá, según la Defensoría.';
  const anchors = (text: string, date: string, place: string) =>
    paragraphAnchors(
      {
        text,
        language: 'en',
        timexes: [{ start: text.indexOf(date), end: text.indexOf(date) + date.length, text: date, type: 'DATE', value: '2025-11-10' }],
        entities: [{ start: text.indexOf(place), end: text.indexOf(place) + place.length, text: place, type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 1 }],
      },
      0,
      text.length,
    ).anchors;
  assert.deepEqual(anchors(en, 'November 10', 'Tumbá'), ['d:11-10', '27', 'n:tumba']);
  assert.deepEqual(anchors(es, '10 de noviembre', 'Tumbá'), ['d:11-10', '27', 'n:tumba']);
  assert.ok(bilingualOverlap(en, es) >= 0.5, `${bilingualOverlap(en, es)}`);
  assert.ok(bilingualOverlap(en, 'El mercado de Tumbá abrió sus puertas con precios más altos que la semana pasada.') < 0.3);
});

test('paragraph prints: one line per paragraph when lines end sentences; blank lines otherwise', () => {
  const text = 'First paragraph ends here.\nSecond one, on its own line.\n\nThird block\nwrapped over two lines.';
  assert.deepEqual(
    copyParagraphs(text).map((p) => text.slice(p.start, p.end)),
    ['First paragraph ends here.', 'Second one, on its own line.', 'Third block\nwrapped over two lines.'],
  );
});

test('paragraph prints: any text — offsets inside it, one offset per anchor, keys stable', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (text) => {
      const prints = printParagraphs({ text, language: 'es' });
      for (const p of prints) {
        assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length);
        assert.equal(p.anchors.length, p.at.length);
        for (const at of p.at) assert.ok(p.start <= at && at < p.end);
      }
      assert.deepEqual(anchorKeys(prints), anchorKeys(printParagraphs({ text, language: 'es' })));
    }),
    { numRuns: 300 },
  );
});
