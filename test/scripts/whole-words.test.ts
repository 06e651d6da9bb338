import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WholeWords } from '../../scripts/lib/whole-words.ts';

/** The pattern the builder used to build for each word set: what `WholeWords` must find the same matches as. */
function wordPattern(words: readonly string[]): RegExp {
  const list = [...words].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

test('WholeWords finds what the whole-word pattern finds: boundaries of any script, longest word first, words with spaces', () => {
  const words = new WholeWords(['Ann', 'Ann Lee', 'Lee', "O'Neil", 'Río', 'The Post']);
  const text = "Ann Lee met Anna, Ann-Marie, O'Neil and Ann Leer; Río2 and Río. The Posts, The Post, xLee 3Lee Lee";
  const expected = [...text.matchAll(wordPattern(['Ann', 'Ann Lee', 'Lee', "O'Neil", 'Río', 'The Post']))].map((m) => ({ index: m.index, word: m[0] }));
  assert.deepEqual(words.matches(text), expected);
  assert.deepEqual(
    words.matches(text).map((m) => m.word),
    ['Ann Lee', 'Ann', "O'Neil", 'Ann', 'Río', 'The Post', 'Lee'],
  );
  assert.equal(
    words.replace('Ann Lee, Anna', (w) => w.toUpperCase()),
    'ANN LEE, Anna',
  );
  assert.deepEqual(new WholeWords().matches('Ann'), []);
});

test('WholeWords agrees with the pattern on random texts and word sets', () => {
  // Letters and digits of several scripts (an astral letter among them), marks and signs that are neither, spaces.
  const alphabet = ['a', 'b', 'A', 'é', 'ß', '中', '𝐀', '٣', '1', ' ', ' ', '-', "'", '.', '\u0301', '😀', '\n'];
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 2147483648;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  for (let round = 0; round < 1000; round++) {
    const chars = Array.from({ length: 1 + Math.floor(random() * 40) }, () => pick(alphabet));
    const text = chars.join('');
    // Words are whole code points (as names and outlets are), mostly cut from the text so that they occur in it.
    const words = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
          const start = Math.floor(random() * chars.length);
          const cut = chars.slice(start, start + 1 + Math.floor(random() * 5)).join('');
          return random() < 0.8 ? cut : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(alphabet)).join('');
        }),
      ),
    ];
    const expected = [...text.matchAll(wordPattern(words))].map((m) => ({ index: m.index, word: m[0] }));
    assert.deepEqual(new WholeWords(words).matches(text), expected, JSON.stringify({ text, words }));
  }
});
