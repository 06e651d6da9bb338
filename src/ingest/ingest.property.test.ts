import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toRawOffset } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { isIsoDate } from '../core/iso-date.ts';
import { decodeBytes } from './decode.ts';
import { alignDecoded } from './html.ts';
import { textDrafts } from './text-article.ts';
import { parseTextDate } from './text-dates.ts';
import { readTextMetadata } from './text-metadata.ts';

const naughty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      'B',
      ' ',
      '\n',
      '\r\n',
      '\u00a0',
      '–',
      '|',
      ',',
      '.',
      '1',
      '2',
      'By ',
      'Posted by | x | Leave a comment',
      'date 2024-01-23',
      '😀',
      '\u202e',
      'ñ',
      '<u>',
      '</u>',
      '---\n',
    ),
    maxLength: 120,
  }),
);

test('text drafts: any text yields drafts whose characters map back to the same raw characters', () => {
  fc.assert(
    fc.property(naughty, (raw) => {
      for (const draft of textDrafts(raw)) {
        assert.ok(draft.text.length > 0);
        for (let i = 0; i < draft.text.length; i++) {
          if (/\s/.test(draft.text[i]!)) continue;
          assert.equal(raw[toRawOffset(draft.sourceMap, i)], draft.text[i]);
        }
      }
    }),
    { numRuns: 400 },
  );
});

test('text metadata: never throws, and any date it reads is a real ISO prefix', () => {
  fc.assert(
    fc.property(naughty, (text) => {
      const found = readTextMetadata(text);
      if (found.published !== null) assert.ok(isIsoDate(found.published));
      for (const [start, end] of found.drop) assert.ok(start >= 0 && start <= end && end <= text.length);
    }),
    { numRuns: 400 },
  );
});

test('text dates: reads the byline forms and refuses impossible dates', () => {
  assert.equal(parseTextDate('May 26, 2023'), '2023-05-26');
  assert.equal(parseTextDate('MARCH 10, 2023'), '2023-03-10');
  assert.equal(parseTextDate('02.02.2023'), '2023-02-02');
  assert.equal(parseTextDate('10.01.2023'), '2023-01-10');
  assert.equal(parseTextDate('24 January 2024'), '2024-01-24');
  assert.equal(parseTextDate('Dec 16 2010'), '2010-12-16');
  assert.equal(parseTextDate('3 de noviembre de 2025'), '2025-11-03');
  assert.equal(parseTextDate('martes, 3 de noviembre de 2025'), '2025-11-03');
  assert.equal(parseTextDate('31.02.2023'), null);
  assert.equal(parseTextDate('Junín 12, 2023'), null);
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (s) => {
      const value = parseTextDate(s);
      assert.ok(value === null || isIsoDate(value));
    }),
  );
});

test('decode: any bytes decode or fail with a typed error naming the item', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        const decoded = decodeBytes(bytes, 'item.txt');
        assert.ok(decoded.text.trim().length > 0);
      } catch (error) {
        assert.ok(error instanceof QuipuError && ['E_EMPTY', 'E_BINARY'].includes(error.code) && error.item === 'item.txt');
      }
    }),
    { numRuns: 500 },
  );
});

test('html alignment: entity-decoded text maps each character to its place in the source', () => {
  const html = 'Caf&eacute; &amp; co &#8220;x&#8221;\r\nend';
  const data = 'Café & co “x”\nend';
  const offsets = alignDecoded(html, 0, html.length, data);
  assert.equal(html[offsets[3]!], '&');
  assert.equal(html.slice(offsets[5]!, offsets[5]! + 5), '&amp;');
  assert.equal(html[offsets[data.indexOf('e', 14)]!], 'e');
});

test('text metadata: datelines without a year give their place; a word that is no month does not make one', () => {
  const place = (lead: string) => readTextMetadata(`A headline about the vote\n\n${lead} The rest of the story follows here.`).datelinePlace;
  assert.equal(place('OSTREL, March 11 (Reuters) -'), 'Ostrel');
  assert.equal(place('VILLA RUIZ, 11 mar (EFE).-'), 'Villa Ruiz');
  assert.equal(place('Tumbá, 11 de marzo —'), 'Tumbá');
  assert.equal(place('Lisca, Dec 16 2010 (IPS) -'), 'Lisca');
  assert.equal(place('Valmora, 24 horas (Reuters) -'), null);
  assert.equal(place('Valmora, Marchetti 11 (Reuters) -'), null);
});
