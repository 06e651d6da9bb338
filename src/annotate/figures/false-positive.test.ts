import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagTimexes } from '../timex/index.ts';
import { findFigures } from './index.ts';

/** Phrases that must yield no figure at all: years, dates, ages, times, references, ordinals, names with digits. */
const none: [string, string][] = [
  ['In 2019 the contract was signed.', 'en'],
  ['The talks resumed on March 10, 2023.', 'en'],
  ['The decree was published on 05.11.2025.', 'es'],
  ['A 25-year-old student was hit by a canister.', 'en'],
  ['Ferrand, 58, was absent from the hearing.', 'en'],
  ['Brizuela, de 63 años, llegó en 2023.', 'es'],
  ['Shooting broke out around 7:30 a.m. on the bridge.', 'en'],
  ['Rige un toque de queda de 20:00 a 05:00.', 'es'],
  ['The figures are on page 12 of the report.', 'en'],
  ['Call +51 1 234 5678 for details.', 'en'],
  ['It was the 3rd time and the 21st session.', 'en'],
  ['Fue la 2ª vez.', 'es'],
  ['She was one of the first to arrive.', 'en'],
  ['Fue uno de los primeros en llegar.', 'es'],
  ['Sources cited by Peru21 said so.', 'en'],
  ['The G20 summit and the COVID-19 pandemic.', 'en'],
  ['Article 117 of the constitution applies.', 'en'],
  ['The state of emergency lasts 30 days.', 'en'],
  ['He has been on the run for five weeks.', 'en'],
  ['Tomorrow there will be twenty more.', 'en'],
  ['A two-thirds majority is needed.', 'en'],
  ['Once the vote ended, he left.', 'en'],
  ['It happened once again in the 2000s.', 'en'],
];

for (const [text, language] of none) {
  test(`figures: no figure in ${JSON.stringify(text)}`, () => {
    const { timexes } = tagTimexes(text, { anchor: '2024-03-12', language });
    const found = findFigures(text, { language, timexes }).figures;
    assert.deepEqual(
      found.map((f) => [f.measure, f.text]),
      [],
    );
  });
}

/** Percentages and quantities without a measure context are `other`, never a toll. */
const other: [string, string][] = [
  ['Turnout reached 61% this year.', 'en'],
  ['More than 1,200 trucks were stranded.', 'en'],
  ['The road runs for 140 kilometres.', 'en'],
  ['Miles de familias viven del comercio.', 'es'],
];
for (const [text, language] of other) {
  test(`figures: only "other" in ${JSON.stringify(text)}`, () => {
    const { timexes } = tagTimexes(text, { anchor: '2024-03-12', language });
    assert.deepEqual([...new Set(findFigures(text, { language, timexes }).figures.map((f) => f.measure))], ['other']);
  });
}
