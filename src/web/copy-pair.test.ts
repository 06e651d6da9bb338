import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PairRow, pairRows } from './copy-pair.ts';

// Fictional: a wire story from Velmora and a site that reprints two of its paragraphs under its own lead, one figure changed.
const paragraphs = {
  lead: 'Ferry crews in Port Ysolde stopped work on Monday.',
  first: 'The harbour office said 40 sailings were cancelled before noon.',
  cut: 'A spokesman for the crews, Davor Kellan, declined to comment.',
  last: 'Talks with the operator resume on Thursday in Velmora.',
  own: 'Islanders queued for hours at the quay, our reporter saw.',
};
const original = [paragraphs.lead, paragraphs.first, paragraphs.cut, paragraphs.last].join('\n\n');
const copy = [paragraphs.own, paragraphs.first.replace('40', '45'), paragraphs.last].join('\n\n');
const span = (text: string, part: string) => ({ start: text.indexOf(part.slice(0, 20)), end: text.indexOf(part.slice(0, 20)) + part.length });
const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
const link = {
  extent: [
    { original: span(original, paragraphs.last), copy: span(copy, paragraphs.last), score: 1 },
    { original: span(original, paragraphs.first), copy: span(copy, paragraphs.first), score: 0.9 },
  ],
  changes: [{ original: at(original, '40'), copy: at(copy, '45'), note: 'this copy says 45 sailings where its source says 40' }],
};
const textOf = (row: PairRow, which: 'original' | 'copy') => row[which]?.runs.map((r) => r.text).join('') ?? null;

test("copy pair: shared paragraphs side by side in the copy's order, what only one side has on rows of its own", () => {
  const rows = pairRows(original, copy, link);
  assert.deepEqual(
    rows.map((r) => [r.shared, textOf(r, 'original')?.trim() ?? null, textOf(r, 'copy')?.trim() ?? null]),
    [
      [false, paragraphs.lead, paragraphs.own],
      [true, paragraphs.first, paragraphs.first.replace('40', '45')],
      [false, paragraphs.cut, null],
      [true, paragraphs.last, paragraphs.last],
    ],
  );
});

test('copy pair: a changed fact is its own run on both sides, with its note; every other character is plain text, once', () => {
  const rows = pairRows(original, copy, link);
  const changed = rows[1]!;
  assert.deepEqual(
    changed.original!.runs.filter((r) => r.change).map((r) => [r.text, r.change]),
    [['40', link.changes[0]!.note]],
  );
  assert.deepEqual(
    changed.copy!.runs.filter((r) => r.change).map((r) => r.text),
    ['45'],
  );
  // Nothing of either text is shown twice or lost (blank separators aside).
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  assert.equal(squeeze(rows.map((r) => textOf(r, 'original') ?? '').join('')), squeeze(original));
  assert.equal(squeeze(rows.map((r) => textOf(r, 'copy') ?? '').join('')), squeeze(copy));
});

test('copy pair: a paragraph the copy moved to the front shows no original text twice; no extent reads as one row per side', () => {
  const moved = [paragraphs.last, paragraphs.first].join('\n\n');
  const rows = pairRows(original, moved, {
    extent: [
      { original: span(original, paragraphs.last), copy: span(moved, paragraphs.last), score: 1 },
      { original: span(original, paragraphs.first), copy: span(moved, paragraphs.first), score: 1 },
    ],
  });
  const shown = rows.map((r) => textOf(r, 'original') ?? '').join('');
  for (const p of Object.values(paragraphs).slice(0, 4)) assert.equal(shown.split(p).length - 1, 1, p);
  assert.deepEqual(
    pairRows('One side.', 'Other side.', {}).map((r) => [r.shared, textOf(r, 'original'), textOf(r, 'copy')]),
    [[false, 'One side.', 'Other side.']],
  );
  // Offsets past the text (a stale link) are clipped, never thrown on.
  assert.doesNotThrow(() =>
    pairRows('short', 'short', {
      extent: [{ original: { start: 2, end: 99 }, copy: { start: 0, end: 99 }, score: 1 }],
      changes: [{ original: { start: 50, end: 60 }, copy: { start: 1, end: 3 }, note: 'x' }],
    }),
  );
});
