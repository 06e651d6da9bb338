import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mix, SHINGLE, shingleWords, shingles, someShingle, wordHashes } from './shingles.ts';

/** FNV-1a of each folded word, the definition `wordHashes` must keep. */
function reference(text: string): number[] {
  return shingleWords(text).map((word) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return h >>> 0;
  });
}

/** The shingle set as it was built before the words were hashed from a table: strings folded, then chained. */
function referenceShingles(text: string, size: number): Set<number> {
  const hashes = reference(text);
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  const width = Math.min(size, hashes.length);
  for (let i = 0; i + width <= hashes.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < width; k++) h = mix(Math.imul(h, 0x01000193) ^ hashes[i + k]!);
    out.add(h);
  }
  return out;
}

test('shingles: every character folds from the table as the string folding does it, alone and between letters, marks and a Greek sigma', () => {
  for (let c = 0; c < 0x2200; c++) {
    const ch = String.fromCharCode(c);
    for (const text of [ch, `ab${ch}cd`, `Ma${ch}\u0301s ${ch}`, `ΟΔΟΣ${ch}`, `${ch}Σ ${ch}`, `e\u0301${ch}\u0323x`]) {
      assert.deepEqual([...wordHashes(text)], reference(text), `U+${c.toString(16)} in ${JSON.stringify(text)}`);
    }
  }
});

const alphabet = [
  ...'abcXYZ019 .,;:-\'"\n\t',
  ...'áÉñÑüçßæØİıŉǄǅǆªº²½×÷µ',
  '\u0301',
  '\u0323',
  '\u00ad',
  '\u200b',
  '\u2019',
  '\u201c',
  '\u2014',
  '\u20ac',
  '\u2028',
  '\ufeff',
  'Σ',
  'σ',
  'ς',
  'Ж',
  '中',
  '😀',
  '\ud800',
];

test('shingles: word hashes and shingle sets of random texts are those of the string folding', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 300 }), fc.integer({ min: 1, max: 6 }), (chars, size) => {
      const text = chars.join('');
      assert.deepEqual([...wordHashes(text)], reference(text));
      assert.deepEqual([...shingles(text, size)].sort(), [...referenceShingles(text, size)].sort());
    }),
    { numRuns: 2000 },
  );
  const text = 'Él dijo que 1.305 personas — según “la policía” — marcharon en Quíllac. Σ ΟΔΟΣ';
  assert.deepEqual([...shingles(text)].sort(), [...referenceShingles(text, SHINGLE)].sort());
});

test('shingles: someShingle stops at the first shingle that passes and sees a run shorter than one shingle as one', () => {
  const hashes = wordHashes('one two three four five six');
  const seen: number[] = [];
  assert.equal(
    someShingle(hashes, 0, hashes.length, 5, (h) => seen.push(h) === 1),
    true,
  );
  assert.equal(seen.length, 1);
  assert.deepEqual([...shingles('one two', 5)], [...referenceShingles('one two', 5)]);
  assert.equal(
    someShingle(hashes, 3, 3, 5, () => true),
    false,
  );
});
