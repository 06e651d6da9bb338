import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Grammar, gatedWordsEn } from './grammar.ts';
import * as lexicon from './lexicon.ts';
import { scan } from './scan.ts';

const samplesDir = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'samples', 'articles');

/** Every token's match with the first-token triggers, and with every matcher tried, as comparable strings. */
function matchesBothWays(text: string, language: string): [string[], string[]] {
  const toks = scan(text);
  const run = (exhaustive: boolean) => {
    const grammar = new Grammar(toks, language, language === 'es');
    grammar.exhaustive = exhaustive;
    return toks.map((_, i) => {
      const c = grammar.match(i);
      return c ? `${i}:${c.from}-${c.to} ${c.type} ${c.mod ?? ''} ${c.explicit ?? ''} ${c.message?.rule ?? ''}` : `${i}:-`;
    });
  };
  return [run(false), run(true)];
}

test('timex grammar: the first-token triggers skip only matchers that cannot match (sample articles)', () => {
  for (const file of readdirSync(samplesDir)) {
    const text = readFileSync(join(samplesDir, file), 'utf8');
    for (const language of ['en', 'es']) {
      const [fast, full] = matchesBothWays(text, language);
      assert.deepEqual(fast, full, `${file} read as ${language}`);
    }
  }
});

test('timex grammar: the first-token triggers skip only matchers that cannot match (lexicon word salad)', () => {
  const words = new Set<string>([
    'constructor',
    '1998',
    '12',
    '5',
    '10:30',
    '10.30',
    '10/11/2023',
    '2023-01',
    "'",
    '’',
    '90',
    's',
    'th',
    '.',
    ',',
    '-',
    '\n',
    'the',
    'of',
    'a',
    'ago',
    'later',
    'thousand',
    'noon',
    'midnight',
    'q',
    'el',
    'la',
    'de',
    'del',
    'hace',
    'cada',
    'every',
    'this',
    'last',
    'next',
  ]);
  for (const table of Object.values(lexicon)) {
    if (table instanceof Set) for (const w of table) words.add(w);
    else if (typeof table === 'object') for (const w of Object.keys(table)) words.add(w);
  }
  const salad = fc
    .array(fc.tuple(fc.constantFrom(...words), fc.boolean(), fc.constantFrom(' ', ' ', '', '-', '. ')), { maxLength: 40 })
    .map((parts) => parts.map(([w, cap, sep]) => sep + (cap ? w[0]!.toUpperCase() + w.slice(1) : w)).join(''));
  fc.assert(
    fc.property(salad, fc.constantFrom('en', 'es'), (text, language) => {
      const [fast, full] = matchesBothWays(text, language);
      assert.deepEqual(fast, full);
    }),
    { numRuns: 1000 },
  );
});

test('timex grammar: a gated first word, digit or apostrophe before any word the grammar or its lexicon names matches as with every matcher tried', () => {
  // Every word the grammar's source quotes, every lexicon word, and numbers of each shape: whatever a matcher can test.
  const source = readFileSync(join(fileURLToPath(import.meta.url), '..', 'grammar.ts'), 'utf8');
  const words = new Set<string>(['1998', '12', '5', '90', '10:30', '2.5', "'", '’', '-', ',', '.', 'company', 'he']);
  for (const [, w] of source.matchAll(/'([\p{Ll}-]+)'/gu)) words.add(w!);
  for (const table of Object.values(lexicon)) {
    if (table instanceof Set) for (const w of table) words.add(w);
    else if (typeof table === 'object') for (const w of Object.keys(table)) words.add(w);
  }
  const vocabulary = [...words];
  // What a matcher reads before its first token ("once a week", "for years", "at the time"), and after the second.
  const before = ['', 'once', 'for', 'at', 'in'];
  const after = [
    'years',
    'year',
    'day',
    'quarter',
    'century',
    'of 1998',
    '1998',
    '5th',
    'than two years',
    'thousand and one',
    '-year',
    'term',
    'future',
    'ago',
    'third quarter',
    'first half',
    'fiscal 1998',
    'of the year',
    'two years',
    '30 days',
    'a half years',
  ];
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const show = (c: ReturnType<Grammar['match']>) => (c ? `${c.from}-${c.to} ${c.type} ${c.mod ?? ''} ${c.explicit ?? ''}` : '-');
  let n = 0;
  // The gated words, and the digits, compounds and apostrophes that start only some matchers.
  for (const gated of [...gatedWordsEn, '1998', '5', '12', '90', '10:30', '2.5', '10/11/2023', '2023-01', "'", '’', "'98", '’90']) {
    for (const next of vocabulary) {
      for (const tail of [...after, vocabulary[(n * 31) % vocabulary.length]!]) {
        n += 1;
        const lead = before[n % before.length]!;
        const text = `${lead} ${n % 3 === 0 ? cap(gated) : gated} ${n % 2 === 0 ? cap(next) : next} ${tail}`;
        const toks = scan(text);
        const at = lead ? 1 : 0;
        const fast = new Grammar(toks, 'en', false);
        const full = new Grammar(toks, 'en', false);
        full.exhaustive = true;
        assert.equal(show(fast.match(at)), show(full.match(at)), text);
      }
    }
  }
});
