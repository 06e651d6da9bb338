import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FigureTerm } from '../../core/doc.ts';
import { tagTimexes } from '../timex/index.ts';
import { type FigureFact, findFigures } from './index.ts';
import { composeDuration } from './term.ts';

/** The duration figures of a fictional text. */
function terms(text: string, language = 'en'): FigureFact[] {
  const { timexes } = tagTimexes(text, { anchor: '2024-06-14', language });
  return findFigures(text, { language, timexes, published: '2024-06-14' }).figures.filter((f) => f.unit === 'duration');
}
const row = (f: FigureFact): [string, string | undefined, FigureTerm | undefined] => [f.measure, f.duration, f.term];

test('terms: compound durations in digits and words are one figure ("3 años y 6 meses" → P3Y6M)', () => {
  const cases: [string, string, string, string][] = [
    ['El juez condenó a Rafael Ostos a 3 años y 6 meses de prisión.', 'es', 'P3Y6M', '3 años y 6 meses'],
    ['The court sentenced Mara Vell to three years and six months in prison.', 'en', 'P3Y6M', 'three years and six months'],
    ['Ostos fue condenado a tres años y medio de cárcel.', 'es', 'P3Y6M', 'tres años y medio'],
    ['Vell was sentenced to 3 and a half years in jail.', 'en', 'P3Y6M', '3 and a half years'],
    ['Vell was sentenced to a year and a half in prison.', 'en', 'P1Y6M', 'a year and a half'],
    ['La jueza condenó a Ostos a dos años, cuatro meses y diez días de prisión.', 'es', 'P2Y4M10D', 'dos años, cuatro meses y diez días'],
    ['El juez dictó 36 meses de prisión preventiva contra Ostos.', 'es', 'P36M', '36 meses'],
  ];
  for (const [text, language, iso, surface] of cases) {
    const found = terms(text, language);
    assert.deepEqual(
      found.map((f) => [f.duration, f.text]),
      [[iso, surface]],
      text,
    );
  }
  assert.equal(
    composeDuration([
      [3, 'Y'],
      [6, 'M'],
    ]),
    'P3Y6M',
  );
  assert.equal(
    composeDuration([
      [1.5, 'Y'],
      [2, 'M'],
    ]),
    'P1Y8M',
  );
});

test('terms: the kind of term — prison, suspended, preventive detention, disqualification', () => {
  const cases: [string, string, FigureTerm['kind']][] = [
    ['A court in Norvale sentenced Ilse Marek to six years in prison.', 'en', 'prison'],
    ['Marek received a two-year suspended sentence.', 'en', 'suspended'],
    ['La jueza impuso a Ostos una pena de tres años de prisión condicional.', 'es', 'suspended'],
    ['A judge ordered 24 months of pretrial detention for Vell.', 'en', 'preventive'],
    ['El juez dictó 18 meses de prisión preventiva contra el exalcalde Tadeo Brun.', 'es', 'preventive'],
    ['Brun fue inhabilitado por 10 años para ejercer cargos públicos.', 'es', 'disqualification'],
    ['The court also barred Marek from public office for eight years.', 'en', 'disqualification'],
  ];
  for (const [text, language, kind] of cases) {
    const found = terms(text, language);
    assert.equal(found.length, 1, text);
    assert.equal(found[0]!.term?.kind, kind, text);
  }
  // "4 años de prisión y 10 de inhabilitación": each number keeps the kind written next to it.
  assert.deepEqual(
    terms('Tadeo Brun fue condenado a 4 años de prisión e inhabilitación por 10 años.', 'es').map((f) => [f.duration, f.term?.kind]),
    [
      ['P4Y', 'prison'],
      ['P10Y', 'disqualification'],
    ],
  );
});

test('terms: asked for by prosecutors vs imposed; a penalty the law provides is neither', () => {
  assert.deepEqual(terms('La Fiscalía pidió 12 años de prisión para Rafael Ostos.', 'es').map(row), [['other', 'P12Y', { kind: 'prison', status: 'requested' }]]);
  assert.deepEqual(terms('Prosecutors had sought a 15-year jail sentence for Marek.').map(row), [['other', 'P15Y', { kind: 'prison', status: 'requested' }]]);
  assert.deepEqual(
    terms('Los fiscales solicitaron 20 años de cárcel.', 'es').map((f) => f.term?.status),
    ['requested'],
  );
  assert.deepEqual(
    terms('La acusación coincide en que la pena debe incrementarse de 6 a 9 años.', 'es').map((f) => [f.duration, f.term?.status]),
    [['P9Y', 'requested']],
  );
  assert.deepEqual(terms('Marek was sentenced on Friday to 6 years in prison.').map(row), [['sentence', 'P6Y', { kind: 'prison', status: 'imposed', instance: 'first' }]]);
  assert.deepEqual(
    terms('Bribery charges carry prison sentences of between 5 and 12 years.').map((f) => [f.measure, f.duration, f.high, f.term]),
    [['other', 'P5Y', 12, { kind: 'prison' }]],
  );
});

test('terms: the instance — first instance, an appeal court, a term upheld or ratified', () => {
  assert.deepEqual(
    terms('El tribunal de apelación ratificó la condena de ocho años contra Ostos.', 'es').map((f) => f.term),
    [{ kind: 'prison', status: 'ratified', instance: 'appeal' }],
  );
  assert.deepEqual(
    terms("The appeals court upheld Marek's five-year sentence.").map((f) => f.term),
    [{ kind: 'prison', status: 'ratified', instance: 'appeal' }],
  );
  assert.deepEqual(
    terms("An appeals court reduced Vell's sentence to four years in prison.").map((f) => f.term),
    [{ kind: 'prison', status: 'imposed', instance: 'appeal' }],
  );
  assert.deepEqual(
    terms('En primera instancia, Ostos fue condenado a siete años de cárcel.', 'es').map((f) => f.term?.instance),
    ['first'],
  );
  // An article about the ruling on appeal: the other terms it lists are that ruling's, unless dated on their own.
  const text =
    'La Corte ratificó la sentencia de nueve años de prisión impuesta a Ilse Marek. Los otros acusados siguen condenados a tres años de cárcel. ' +
    'El 3 de marzo de 2022, Marek había sido condenada a nueve años de prisión.';
  assert.deepEqual(
    terms(text, 'es').map((f) => [f.duration, f.term?.status, f.term?.instance]),
    [
      ['P9Y', 'ratified', 'appeal'],
      ['P3Y', 'ratified', 'appeal'],
      ['P9Y', 'imposed', 'first'],
    ],
  );
});

test('terms: a list of terms sharing one unit, and a bare term in brackets after a name', () => {
  const found = terms('Los exjefes fueron sentenciados a 10, cuatro, tres y dos años de prisión.', 'es');
  assert.deepEqual(
    found.map((f) => [f.text, f.duration, f.term?.kind]),
    [
      ['10', 'P10Y', 'prison'],
      ['cuatro', 'P4Y', 'prison'],
      ['tres', 'P3Y', 'prison'],
      ['dos años', 'P2Y', 'prison'],
    ],
  );
  // An outlet calling sentences "detención preventiva": a conviction verb makes them prison terms.
  assert.deepEqual(
    terms('Fueron sentenciadas a 8 y 5 años de detención preventiva.', 'es').map((f) => f.term?.kind),
    ['prison', 'prison'],
  );
  const bracketed = terms('Los otros condenados son el general Tadeo Brun (dos años de prisión) y el coronel Aurelio Sáenz (tres años).', 'es');
  assert.deepEqual(
    bracketed.map((f) => f.duration),
    ['P2Y', 'P3Y'],
  );
});

test('terms: preventive detention served so far, and a deadline the court gives', () => {
  assert.deepEqual(
    terms('La sentencia llega 15 meses después de que fuera encarcelada preventivamente.', 'es').map((f) => [f.duration, f.term?.kind]),
    [['P15M', 'preventive']],
  );
  assert.deepEqual(terms('Los condenados tienen 15 días para presentar su apelación.', 'es').map(row), [['other', 'P15D', { kind: 'other' }]]);
});

/** Lengths of time that are no term: no figure at all. */
const noTerm: [string, string][] = [
  ['The state of emergency lasts 30 days.', 'en'],
  ['Seven weeks after his sentencing he is still at large.', 'en'],
  ['La condena llegó tres años después del juicio.', 'es'],
  ['Vivió siete meses con una bala alojada en el cráneo.', 'es'],
  ['The trial lasted two years and three months.', 'en'],
  ['Hace tres años y medio que Ostos dejó el cargo.', 'es'],
];
for (const [text, language] of noTerm) {
  test(`terms: no term in ${JSON.stringify(text)}`, () =>
    assert.deepEqual(
      terms(text, language).map((f) => f.text),
      [],
    ));
}
