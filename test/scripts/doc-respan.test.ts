import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Doc, toRawOffset } from '../../src/core/doc.ts';
import { applyReplacements, type Replacement, respanDoc } from '../../scripts/lib/doc-respan.ts';

test('applyReplacements moves offsets before, at the edges of, inside and after a replaced span', () => {
  const { text, move } = applyReplacements('ab CDE fg', [{ start: 3, end: 6, text: 'X' }]);
  assert.equal(text, 'ab X fg');
  assert.deepEqual([0, 3, 4, 5, 6, 9].map(move), [0, 3, 4, 4, 4, 7]);
  assert.throws(() =>
    applyReplacements('abcdef', [
      { start: 0, end: 3, text: '' },
      { start: 2, end: 4, text: '' },
    ]),
  );
});

/** Every span of the fixture, by the words it should cover after the edit. */
function fixture(): { doc: Doc; raw: string } {
  const text = 'Title\n\nMayor Ilsa Trennick said 4 people were hurt in Varrow. Trennick left.';
  const raw = `<h1>Title</h1><p>${text.slice(7)}</p>`;
  const span = (word: string, from = 0) => {
    const start = text.indexOf(word, from);
    return { start, end: start + word.length, text: word };
  };
  const tokens = [...text.matchAll(/\p{L}+|\d+|[.]/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const name = span('Ilsa Trennick');
  const doc: Doc = {
    id: 'x',
    contentHash: 'x',
    text,
    meta: {
      title: 'Title',
      outlet: null,
      authors: [],
      translator: null,
      published: '2025-05-03',
      datelinePlace: null,
      language: 'en',
      source: 'a',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sourceMap: [
      { textOffset: 0, rawOffset: 4 },
      { textOffset: 7, rawOffset: 17 },
    ],
    messages: [{ start: name.start, end: name.end, rule: 'test:rule', reason: 'a name' }],
    tokens,
    sentences: [{ start: span('Mayor').start, end: span('left.').end, tokenStart: 1, tokenEnd: tokens.length }],
    entities: [
      { ...name, type: 'PER', tokenStart: 2, tokenEnd: 4, confidence: 0.9 },
      { ...span('Varrow'), type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 0.9 },
      { ...span('Trennick', name.end), type: 'PER', tokenStart: 0, tokenEnd: 0, confidence: 0.9, refersTo: 0 },
    ],
    figures: [{ ...span('4 people'), measure: 'injured', value: 4, unit: 'count', subject: span('people'), place: span('Varrow'), confidence: 0.8 }],
    quotes: [
      {
        ...span('Mayor Ilsa Trennick said 4 people were hurt in Varrow'),
        cue: span('said'),
        source: { ...name, kind: 'named', entity: 0 },
        content: [span('4 people were hurt in Varrow')],
        form: 'indirect',
        hedge: 'reported',
        confidence: 0.7,
      },
    ],
  };
  return { doc, raw };
}

test('respanDoc renames words in the text and the raw item, and every layer, message and anchor follows', () => {
  const { doc, raw } = fixture();
  const edits: Replacement[] = [];
  const renames: Record<string, string> = { Ilsa: 'Jo', Trennick: 'Quenbaliton', Varrow: 'Mi', '4': '17' };
  for (const [from, to] of Object.entries(renames)) for (const m of doc.text.matchAll(new RegExp(`\\b${from}\\b`, 'g'))) edits.push({ start: m.index, end: m.index + from.length, text: to });
  const rawEdits = edits.map((e) => ({ start: toRawOffset(doc.sourceMap, e.start), end: toRawOffset(doc.sourceMap, e.end), text: e.text }));
  const newRaw = applyReplacements(raw, rawEdits);
  const after = respanDoc(doc, edits, newRaw.move);

  assert.equal(after.text, 'Title\n\nMayor Jo Quenbaliton said 17 people were hurt in Mi. Quenbaliton left.');
  assert.deepEqual(
    after.entities!.map((e) => e.text),
    ['Jo Quenbaliton', 'Mi', 'Quenbaliton'],
  );
  assert.deepEqual(
    after.tokens!.map((t) => t.text),
    doc.tokens!.map((t) => (t.text in renames ? renames[t.text] : t.text)),
  );
  for (const t of after.tokens!) assert.equal(after.text.slice(t.start, t.end), t.text);
  const figure = after.figures![0]!;
  assert.deepEqual([figure.text, figure.subject!.text, figure.place!.text], ['17 people', 'people', 'Mi']);
  const quote = after.quotes![0]!;
  assert.equal(after.text.slice(quote.start, quote.end), 'Mayor Jo Quenbaliton said 17 people were hurt in Mi');
  assert.deepEqual([quote.cue.text, quote.source!.text, quote.content[0]!.text], ['said', 'Jo Quenbaliton', '17 people were hurt in Mi']);
  assert.equal(after.text.slice(after.sentences![0]!.start, after.sentences![0]!.end), 'Mayor Jo Quenbaliton said 17 people were hurt in Mi. Quenbaliton left.');
  assert.equal(after.text.slice(after.messages[0]!.start, after.messages[0]!.end), 'Jo Quenbaliton');
  // The source map still pairs each word of the text with the same word of the raw item.
  for (const t of after.tokens!) assert.equal(newRaw.text.slice(toRawOffset(after.sourceMap, t.start), toRawOffset(after.sourceMap, t.end)), t.text);
  assert.notEqual(after.contentHash, doc.contentHash);
  assert.equal(after.id, after.contentHash.slice(0, 16));
  // The original is left as it was.
  assert.equal(doc.entities![0]!.text, 'Ilsa Trennick');
});
