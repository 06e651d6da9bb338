import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { schemeOf, viterbi } from '../../src/annotate/entities/model.ts';
import { addSecondPass, SECOND_PASS_ROWS, SECOND_PASS_SLOTS, secondPassFeatures } from '../../scripts/lib-ner/second-pass-features.ts';

const scheme = schemeOf('BILOU');
const label = (l: string) => scheme.labels.indexOf(l);
const labels = (...ls: string[]) => Int32Array.from(ls, label);

test('NER second pass: a word gets features from the first pass elsewhere in the article, not from itself', () => {
  // invented story: "Rosa Vidal" a person in the first sentence, "Vidal" alone a place in the second
  const sentences = [
    ['Rosa', 'Vidal', 'llegó', 'a', 'Tarma'],
    ['Vidal', 'habló', 'en', 'Tarma'],
    ['Nadie', 'la', 'vio'],
  ];
  const first = [labels('B-PER', 'L-PER', 'O', 'O', 'U-LOC'), labels('U-LOC', 'O', 'O', 'U-LOC'), labels('O', 'O', 'O')];
  const feats = secondPassFeatures(sentences, first, scheme);
  assert.deepEqual(
    feats.map((f) => f.length),
    sentences.map((s) => s.length * SECOND_PASS_SLOTS),
  );
  const at = (s: number, i: number) => Array.from(feats[s]!.slice(i * SECOND_PASS_SLOTS, (i + 1) * SECOND_PASS_SLOTS));
  // lowercase words get nothing; a capitalized word seen nowhere else gets nothing but what its own mention says
  for (const i of [2, 3]) assert.ok(at(0, i).every((f) => f === -1));
  assert.ok(
    at(0, 0).every((f) => f === -1),
    'Rosa occurs once and its mention "Rosa Vidal" once',
  );
  assert.ok(
    at(2, 0).every((f) => f === -1),
    'Nadie occurs once',
  );
  // the lone "Vidal": the longer name elsewhere is a person, and it ends it; the other "Vidal" was a person
  const lone = at(1, 0);
  const lonePerson = at(0, 1);
  assert.ok(lone[5]! >= 0 && lone[0]! >= 0);
  assert.notEqual(lone[0], at(1, 3)[0], '"Vidal" (PER elsewhere) and "Tarma" (LOC elsewhere) differ in their majority');
  // "Vidal" inside "Rosa Vidal" has no longer name elsewhere containing it
  assert.equal(lonePerson[5], -1);
  // the two "Tarma" agree, so each sees the other's mention with the same text
  assert.ok(at(0, 4)[6]! >= 0 && at(0, 4)[6] === at(1, 3)[6]);
  for (const f of feats.flatMap((x) => Array.from(x))) assert.ok(f >= -1 && f < SECOND_PASS_ROWS);
});

test('NER second pass: with no feature firing the first pass stands; features index rows of the table (property)', () => {
  const L = scheme.L;
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.constantFrom('Ana', 'ana', 'Lima', 'LIMA', 'de', 'Banco', 'Sur', '.'), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (sentences, seed) => {
        let s = seed || 1;
        const rand = () => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return s / 2 ** 32;
        };
        const transitions = Float32Array.from({ length: (L + 1) * L }, () => rand() * 4 - 2);
        const first = sentences.map((forms) =>
          viterbi(
            Float32Array.from({ length: forms.length * L }, () => rand() * 10 - 5),
            forms.length,
            transitions,
            scheme,
          ),
        );
        const feats = secondPassFeatures(sentences, first, scheme);
        const weights = Float32Array.from({ length: SECOND_PASS_ROWS * L }, () => rand() - 0.5);
        sentences.forEach((forms, k) => {
          const scores = new Float32Array(forms.length * L);
          const any = addSecondPass(scores, feats[k]!, forms.length, weights, L);
          assert.equal(
            any,
            feats[k]!.some((f) => f >= 0),
          );
          if (!any) assert.ok(scores.every((v) => v === 0));
          forms.forEach((form, i) => {
            if (!/\p{Lu}/u.test(form)) assert.ok(feats[k]!.slice(i * SECOND_PASS_SLOTS, (i + 1) * SECOND_PASS_SLOTS).every((f) => f === -1));
          });
        });
      },
    ),
  );
});
