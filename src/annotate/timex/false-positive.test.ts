import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagTimexes } from './index.ts';

/** Phrases that must yield no timex at all (compromise's false-positive fixtures, in our own sentences). */
const none: [string, string][] = [
  ['en', 'The mayor of Junín resigned.'],
  ['es', 'El alcalde de Junín renunció.'],
  ['en', 'Castillo sat in the front row.'],
  ['en', 'Theresa May said the vote was lost.'],
  ['en', 'Prime Minister May spoke to reporters.'],
  ['en', 'Thousands joined the march on Lima.'],
  ['en', 'Students march through the capital.'],
  ['en', 'The Sun reported the story first.'],
  ['en', 'A Sunday Times reporter asked for comment.'],
  ['en', 'Officials counted 2,023 people at the rally.'],
  ['en', 'The home side won 1-0.'],
  ['en', 'Call 555-2023 or (01) 426-7788 for details.'],
  ['en', 'Reach the office on +51 1 2023 4567.'],
  ['en', 'A 6-year-old boy was found.'],
  ['en', 'It was a second chance for the party.'],
  ['en', 'They paid $2023 in fees.'],
  ['en', 'The town imports three-quarters of its water.'],
  ['es', 'La marcha llegó a la Plaza de Mayo.'],
  ['es', 'Vivía en la Calle 28 de Julio, en Lima.'],
  ['es', 'El cantante Plácido Domingo actuó.'],
  ['es', 'Viajó a Santo Domingo con su familia.'],
  ['es', 'La inflación subió hasta el 5,5 %, el 3 por ciento.'],
  ['es', 'Según el diario El Comercio, el partido ganó.'],
  ['es', 'El futuro del club depende de los socios.'],
];

for (const [language, text] of none) {
  test(`timex: finds nothing in "${text}" (${language})`, () => {
    const { timexes } = tagTimexes(text, { anchor: '2024-01-25', language });
    assert.deepEqual(
      timexes.map((t) => `${t.text} → ${t.value}`),
      [],
    );
  });
}

test('timex: "for ten years" is only ever a duration', () => {
  const { timexes } = tagTimexes('He ruled for ten years.', { anchor: '2024-01-25', language: 'en' });
  assert.deepEqual(
    timexes.map((t) => [t.text, t.type, t.value]),
    [['ten years', 'DURATION', 'P10Y']],
  );
});

test('timex: "May" is a month when a date needs it', () => {
  const { timexes } = tagTimexes('The vote is on May 5, and talks resume in May.', { anchor: '2024-01-25', language: 'en' });
  assert.deepEqual(
    timexes.map((t) => t.text),
    ['May 5', 'May'],
  );
});
