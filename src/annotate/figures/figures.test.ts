import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { validate } from '../../core/validate.ts';
import { tagTimexes } from '../timex/index.ts';
import { timexStage } from '../timex/index.ts';
import { figuresStage, findFigures, type FigureFact, isoDuration, parseDigits } from './index.ts';

/** The figures of a fictional text, with its timexes anchored to `published`. */
function figs(text: string, language = 'en', published = '2024-03-12'): FigureFact[] {
  const { timexes } = tagTimexes(text, { anchor: published, language });
  return findFigures(text, { language, timexes, published }).figures;
}
const one = (text: string, language = 'en', published = '2024-03-12') => {
  const found = figs(text, language, published).filter((f) => f.measure !== 'other');
  assert.equal(found.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(found.map((f) => [f.measure, f.value, f.text]))}`);
  return found[0]!;
};

test('figures: "19 protesters killed on January 9 in Juliaca-like town" gets measure, subject, place and the referenced date', () => {
  const f = one('Nineteen protesters were killed on January 9 in Valdomar, the regional office said.', 'en', '2024-01-20');
  assert.deepEqual([f.measure, f.value, f.unit, f.subject?.text, f.place?.text, f.date], ['killed', 19, 'count', 'protesters', 'Valdomar', '2024-01-09']);
});

test('figures: the date is never the report date; a sentence without a date gives none', () => {
  assert.equal(one('At least 7 people died in Ostrel.', 'en', '2024-01-20').date, undefined);
  assert.equal(one('OSTREL, Jan 20 2024 (Lumen) - Seven people died in Ostrel.', 'en', '2024-01-20').date, undefined);
});

test('figures: approximation markers in English and Spanish', () => {
  const cases: [string, string, string][] = [
    ['about 40 people were injured', 'en', 'about'],
    ['more than 300 people were detained', 'en', 'more_than'],
    ['nearly 20 people died', 'en', 'nearly'],
    ['at least 12 people were killed', 'en', 'at_least'],
    ['over 500 protesters were arrested', 'en', 'more_than'],
    ['some 200 people were hurt', 'en', 'about'],
    ['alrededor de 40 personas resultaron heridas', 'es', 'about'],
    ['más de 300 personas fueron detenidas', 'es', 'more_than'],
    ['al menos 12 personas murieron', 'es', 'at_least'],
    ['casi 20 manifestantes fallecieron', 'es', 'nearly'],
  ];
  for (const [text, language, approx] of cases) assert.equal(one(text, language).approx, approx, text);
});

test('figures: numbers in words, English and Spanish, and vague amounts', () => {
  assert.equal(one('Seventeen people were killed.').value, 17);
  assert.equal(one('Diecisiete personas murieron.', 'es').value, 17);
  assert.equal(one('One hundred and forty people were detained.').value, 140);
  assert.equal(one('Treinta y dos personas fueron detenidas.', 'es').value, 32);
  assert.equal(one('Twenty-one officers were injured.').value, 21);
  assert.deepEqual([one('A dozen people were injured.').value, one('A dozen people were injured.').approx], [12, 'about']);
  assert.deepEqual([one('Dozens of people were arrested.').value, one('Dozens of people were arrested.').approx], [24, 'at_least']);
  assert.equal(one('Decenas de personas fueron detenidas.', 'es').approx, 'at_least');
});

test('figures: digits with either separator convention', () => {
  assert.equal(parseDigits('1,200', 'en'), 1200);
  assert.equal(parseDigits('200.000', 'es'), 200000);
  assert.equal(parseDigits('3.5', 'en'), 3.5);
  assert.equal(parseDigits('3,5', 'es'), 3.5);
  assert.equal(parseDigits('1,234,567', 'en'), 1234567);
  assert.equal(parseDigits('1.234,5', 'es'), 1234.5);
});

test('figures: prison sentences as ISO durations ("three and a half years" → P3Y6M)', () => {
  const cases: [string, string, string][] = [
    ['A court sentenced Tomas Ferrand to 3 years in prison.', 'en', 'P3Y'],
    ['A court sentenced Tomas Ferrand to three and a half years behind bars.', 'en', 'P3Y6M'],
    ['Tomas Ferrand was sentenced on Monday to 3.5 years in prison.', 'en', 'P3Y6M'],
    ['El tribunal condenó a Tomás Ferrand a tres años y medio de prisión.', 'es', 'P3Y6M'],
    ['La condena de tres años de prisión contra Tomás Ferrand fue confirmada.', 'es', 'P3Y'],
    ['He received a four-year prison term.', 'en', 'P4Y'],
  ];
  for (const [text, language, duration] of cases) {
    const f = one(text, language);
    assert.deepEqual([f.measure, f.unit, f.duration], ['sentence', 'duration', duration], text);
  }
  assert.equal(one('A court sentenced Tomas Ferrand to 3 years in prison.').subject?.text, 'Tomas Ferrand');
  assert.equal(isoDuration(1.5, 'Y'), 'P1Y6M');
});

test('figures: a requested sentence is not a sentence but a term asked for, and a stretch of time is no figure', () => {
  assert.deepEqual(
    figs('The prosecutor had sought six years in prison for him.').map((f) => [f.measure, f.duration, f.term]),
    [['other', 'P6Y', { kind: 'prison', status: 'requested' }]],
  );
  assert.deepEqual(figs('Seven weeks after his sentencing he is still at large.'), []);
});

test('figures: votes for, against, abstaining and needed; seats', () => {
  const found = figs('The motion passed with 84 votes in favour, 29 against and five abstentions, above the 80 votes required in the 120-seat chamber.');
  assert.deepEqual(
    found.map((f) => [f.measure, f.value]),
    [
      ['votes_for', 84],
      ['votes_against', 29],
      ['abstentions', 5],
      ['votes_needed', 80],
      ['seats', 120],
    ],
  );
  const es = figs('La moción obtuvo 70 votos a favor, 33 en contra y cuatro abstenciones.', 'es');
  assert.deepEqual(
    es.map((f) => [f.measure, f.value]),
    [
      ['votes_for', 70],
      ['votes_against', 33],
      ['abstentions', 4],
    ],
  );
});

test('figures: approval and disapproval percentages; a bare percentage is other', () => {
  assert.deepEqual(
    figs('The president has an approval rating of 15%, while 78% disapprove.').map((f) => [f.measure, f.value, f.unit]),
    [
      ['approval', 15, 'percent'],
      ['disapproval', 78, 'percent'],
    ],
  );
  assert.deepEqual(
    figs('Turnout reached 61%.').map((f) => [f.measure, f.unit]),
    [['other', 'percent']],
  );
  assert.deepEqual(
    figs('La desaprobación del Congreso llega al 91 por ciento.', 'es').map((f) => [f.measure, f.value]),
    [['disapproval', 91]],
  );
});

test('figures: money with its currency', () => {
  assert.deepEqual(
    figs('The works were inflated by roughly 38 million dollars.').map((f) => [f.measure, f.value, f.unit, f.approx]),
    [['money', 38e6, 'USD', 'about']],
  );
  assert.deepEqual(
    figs('The fine was $2.5 million.').map((f) => [f.measure, f.value, f.unit]),
    [['money', 2.5e6, 'USD']],
  );
  assert.deepEqual(
    figs('Una multa de 5 millones de soles.', 'es').map((f) => [f.measure, f.value, f.unit]),
    [['money', 5e6, 'PEN']],
  );
  assert.deepEqual(
    figs('A reward of 200,000 Ostrelian pesos was offered.').map((f) => [f.measure, f.unit]),
    [['money', 'XXX']],
  );
});

test('figures: troops, detained, hospitalized, injured among security forces', () => {
  assert.equal(one('The government mobilised 140,000 soldiers.').measure, 'troops');
  assert.equal(one('Nine people were detained overnight.').measure, 'detained');
  assert.equal(one('Sixty-nine people remain hospitalized.').measure, 'hospitalized');
  const f = one('Police said 23 officers had been injured.');
  assert.deepEqual([f.measure, f.subject?.text], ['injured', 'officers']);
});

test('figures: running totals ("since", "the toll rose to", "hasta ahora") and their start date', () => {
  const a = one('Eight people have died since the protests began on October 29, the office said.', 'en', '2024-11-05');
  assert.deepEqual([a.cumulative, a.since, a.date], [true, '2024-10-29', undefined]);
  assert.equal(one('The death toll rose to 22 on Tuesday.', 'en', '2024-11-12').cumulative, true);
  assert.equal(one('Hasta ahora han fallecido 31 personas.', 'es').cumulative, true);
  assert.equal(one('Five people were killed on Monday in Ostrel.').cumulative, undefined);
  // "since then" counts from the last report, not from the start.
  assert.equal(one('The seven deaths recorded since then include four in Ostrel.').cumulative, undefined);
});

test('figures: itemized lists become parts with places, and partsAddUp checks the total', () => {
  const text = 'Officials said 25 people have died. By region, the deaths break down as follows: Norvale (9), Ostrel (6), San Teodoro (10).';
  const found = figs(text);
  const total = found.find((f) => f.value === 25)!;
  assert.deepEqual(
    total.parts!.map((k) => [found[k]!.place?.text, found[k]!.value, found[k]!.measure]),
    [
      ['Norvale', 9, 'killed'],
      ['Ostrel', 6, 'killed'],
      ['San Teodoro', 10, 'killed'],
    ],
  );
  assert.equal(total.partsAddUp, true);
  const bad = findFigures('Some 412 people were detained: Norvale (153), Ostrel (117), Lisca (130).', { language: 'en', timexes: [] });
  const badTotal = bad.figures.find((f) => f.value === 412)!;
  assert.equal(badTotal.partsAddUp, false);
  assert.deepEqual(
    bad.messages.map((m) => [m.rule, m.reason]),
    [['figures:parts-do-not-add-up', 'The parts listed add up to 400, not to the total of 412.']],
  );
});

test('figures: a prose breakdown ("Five of them died in X, two in Y and one in Z") is a list too', () => {
  const found = figs('Eight people have died so far. Five of them died in Norvale province, two in Ostrel and one in Lisca.');
  const total = found.find((f) => f.value === 8)!;
  assert.deepEqual(
    total.parts!.map((k) => [found[k]!.value, found[k]!.place?.text]),
    [
      [5, 'Norvale'],
      [2, 'Ostrel'],
      [1, 'Lisca'],
    ],
  );
  assert.equal(total.partsAddUp, true);
});

test('figures: the place prefers the specific one ("at the X bridge in Y province") and a Spanish "en el puente de X"', () => {
  assert.equal(one('Fourteen people were killed on Monday at the Varo bridge in the Norvale province.').place?.text, 'Varo');
  assert.equal(one('Murieron 14 personas en el puente de Varo el 10 de noviembre.', 'es', '2024-11-14').place?.text, 'Varo');
  assert.equal(one('Memorials were held in the city of Lisca for the 17 people killed Monday.', 'en', '2024-01-10').place?.text, 'Lisca');
  // A running total does not take a place from another clause.
  assert.equal(one('In Norvale, where 29 people have been killed since October, the mood is grim.').place, undefined);
});

test('figures: "N of the M victims" — the part takes the verb\'s place and date, the whole only its own', () => {
  const found = figs('Twelve of the seventeen victims in Norvale died at the Varo bridge on November 10.', 'en', '2024-11-19');
  assert.deepEqual(
    found.map((f) => [f.value, f.measure, f.place?.text, f.date]),
    [
      [12, 'killed', 'Varo', '2024-11-10'],
      [17, 'killed', 'Norvale', undefined],
    ],
  );
});

test('figures: the stage runs after timex in a pipeline and its output validates', () => {
  const text = 'LISCA, March 3 (Lumen) - At least 12 people were killed on Monday in Lisca, and 40 were injured.';
  const doc: Doc = {
    id: 'd',
    contentHash: 'h',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-05',
      datelinePlace: null,
      language: 'en',
      source: 'x',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
  };
  const out = buildPipeline([timexStage, figuresStage]).run(doc, { check: true });
  validate(out);
  assert.deepEqual(
    out.figures!.map((f) => [f.measure, f.value, f.date ?? null]),
    [
      ['killed', 12, '2024-03-04'],
      ['injured', 40, '2024-03-04'],
    ],
  );
  assert.throws(() => buildPipeline([figuresStage]), /requires timexes/);
});
