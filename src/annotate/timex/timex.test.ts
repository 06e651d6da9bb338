import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, Timex } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { tagTimexes, timexStage } from './index.ts';

/** The timexes of `text` as `surface → TYPE value` strings, easy to read in a failing assert. */
const tag = (text: string, anchor: string | null, language = 'en', dayFirst?: boolean): string[] =>
  tagTimexes(text, { anchor, language, ...(dayFirst === undefined ? {} : { dayFirst }) }).timexes.map(show);
const show = (t: Timex) => `${t.text} → ${t.type} ${t.value}${t.mod ? ` ${t.mod}` : ''}`;
const timexValueOf = (text: string, surface: string, anchor: string | null, language = 'en'): string | undefined =>
  tagTimexes(text, { anchor, language }).timexes.find((t) => t.text === surface)?.value;

// Anchors: 2024-01-25 is a Thursday, 2023-01-10 a Tuesday.

test('timex: resolves "last December" against the article date', () => {
  assert.equal(timexValueOf('Prices rose last December.', 'last December', '2023-01-10'), '2022-12');
  assert.equal(timexValueOf('Prices rose last December.', 'last December', '2023-12-20'), '2022-12');
});

test('timex: reads "this January" forwards in a future-tense sentence and backwards in a past one', () => {
  assert.equal(timexValueOf('The council will vote this January.', 'this January', '2023-12-20'), '2024-01');
  assert.equal(timexValueOf('The council voted this January.', 'this January', '2023-12-20'), '2023-01');
});

test('timex: "on Tuesday" follows the tense of its sentence', () => {
  assert.equal(timexValueOf('The mayor resigned on Tuesday.', 'Tuesday', '2024-01-25'), '2024-01-23');
  assert.equal(timexValueOf('The mayor will resign on Tuesday.', 'Tuesday', '2024-01-25'), '2024-01-30');
});

test('timex: "last Monday" and "next Friday" are strictly before and after the article date', () => {
  assert.equal(timexValueOf('She spoke last Monday.', 'last Monday', '2024-01-22'), '2024-01-15');
  assert.equal(timexValueOf('She speaks next Friday.', 'next Friday', '2024-01-25'), '2024-01-26');
});

test('timex: expressions inside quoted speech are anchored the same way', () => {
  const out = tag('"We will meet the minister on Friday," the union leader said on Wednesday.', '2024-01-25');
  assert.deepEqual(out, ['Friday → DATE 2024-01-26', 'Wednesday → DATE 2024-01-24']);
});

test('timex: "a month earlier, in December" follows the date the narrative set', () => {
  const out = tag('In January 2023 the court ruled. A month earlier, in December, the police had raided the office.', '2024-06-01');
  assert.deepEqual(out, ['January 2023 → DATE 2023-01', 'A month earlier → DATE 2022-12', 'December → DATE 2022-12']);
});

test('timex: "two days later" and "the day before" move from the last set date', () => {
  const out = tag('The fire started on March 3, 2021. Two days later the mayor visited. The day before, nobody came.', '2024-01-25');
  assert.deepEqual(out, ['March 3, 2021 → DATE 2021-03-03', 'Two days later → DATE 2021-03-05', 'The day before → DATE 2021-03-04']);
});

test('timex: a bare month after a dated sentence stays in the narrative year', () => {
  const out = tag('In March 2019 the mine opened. In June, workers struck.', '2023-06-01');
  assert.deepEqual(out, ['March 2019 → DATE 2019-03', 'June → DATE 2019-06']);
});

test('timex: "since October 2023" tags the date, not the preposition', () => {
  assert.deepEqual(tag('Prices have doubled since October 2023.', '2024-01-25'), ['October 2023 → DATE 2023-10']);
});

test('timex: "for ten years" is a duration P10Y, never a date', () => {
  assert.deepEqual(tag('He governed the province for ten years.', '2024-01-25'), ['ten years → DURATION P10Y']);
});

test('timex: durations with modifiers and parts', () => {
  assert.deepEqual(tag('The talks lasted more than three years.', null), ['more than three years → DURATION P3Y MORE_THAN']);
  assert.deepEqual(tag('The strike lasted two hours and 30 minutes.', null), ['two hours and 30 minutes → DURATION PT2H30M']);
  assert.deepEqual(tag('a 24-hour curfew', null), ['24-hour → DURATION PT24H']);
  assert.deepEqual(tag('It took six months.', null), ['six months → DURATION P6M']);
});

test('timex: "three years ago" and "two weeks ago" are dates at the unit precision', () => {
  assert.equal(timexValueOf('The law passed three years ago.', 'three years ago', '2024-01-25'), '2021');
  assert.equal(timexValueOf('He left two weeks ago.', 'two weeks ago', '2024-01-25'), '2024-W02');
});

test('timex: today, yesterday, tonight and last night against the article day', () => {
  assert.deepEqual(tag('Yesterday the minister spoke; today she left and tonight she flies. Last night was calm.', '2024-01-25'), [
    'Yesterday → DATE 2024-01-24',
    'today → DATE 2024-01-25',
    'tonight → TIME 2024-01-25TNI',
    'Last night → TIME 2024-01-24TNI',
  ]);
});

test('timex: weeks, quarters, halves, seasons and decades', () => {
  assert.equal(timexValueOf('Sales fell last week.', 'last week', '2024-01-25'), '2024-W03');
  assert.equal(timexValueOf('Profit rose in the third quarter.', 'the third quarter', '2024-11-05'), '2024-Q3');
  assert.equal(timexValueOf('Output grew in the first half of 2010.', 'the first half of 2010', null), '2010-H1');
  assert.equal(timexValueOf('Prices fell last fall.', 'last fall', '2024-01-25'), '2023-FA');
  assert.equal(timexValueOf('It was popular in the 1990s.', 'the 1990s', null), '199');
  assert.equal(timexValueOf('Quipu ran in 2010-Q1?', '2010', null), undefined);
});

test('timex: present, past and future references', () => {
  assert.deepEqual(tag('Prices are now high; they recently rose and will fall in the future.', '2024-01-25'), ['now → DATE PRESENT_REF', 'recently → DATE PAST_REF', 'the future → DATE FUTURE_REF']);
});

test('timex: sets and clock times', () => {
  assert.deepEqual(tag('The market opens every Tuesday.', null), ['every Tuesday → SET XXXX-WXX-2']);
  assert.deepEqual(tag('Buses run daily.', null), ['daily → SET P1D']);
  assert.deepEqual(tag('The vote closed at 5 p.m. Tuesday.', '2024-01-25'), ['5 p.m. Tuesday → TIME 2024-01-23T17:00']);
});

test('timex: the anchor precision bounds what can be resolved', () => {
  assert.deepEqual(tag('They met yesterday and again last month; last year was worse.', '2023-01'), ['yesterday → DATE XXXX-XX-XX', 'last month → DATE 2022-12', 'last year → DATE 2022']);
  assert.deepEqual(tag('They met yesterday; last year was worse; on Tuesday too.', null), ['yesterday → DATE XXXX-XX-XX', 'last year → DATE XXXX', 'Tuesday → DATE XXXX-WXX-2']);
});

test('timex: marks values computed from an anchor', () => {
  const [last, fixed] = tagTimexes('Last year and in 1998.', { anchor: '2024-01-25', language: 'en' }).timexes;
  assert.equal(last?.anchored, true);
  assert.equal(fixed?.anchored, undefined);
});

test('timex: dotted dates are day-first in any language', () => {
  assert.deepEqual(tag('The decree of 10.01.2023 and 02.02.2023.', null), ['10.01.2023 → DATE 2023-01-10', '02.02.2023 → DATE 2023-02-02']);
});

test('timex: an English slash date is read month-first and flagged as ambiguous', () => {
  const { timexes, messages } = tagTimexes('Filed on 10/11/2023 in court.', { anchor: null, language: 'en' });
  assert.deepEqual(timexes.map(show), ['10/11/2023 → DATE 2023-10-11']);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.rule, 'timex:ambiguous-numeric-date');
  assert.deepEqual([messages[0]!.start, messages[0]!.end], [9, 19]);
});

test('timex: slash dates are day-first in Spanish, or when asked, without a message', () => {
  assert.deepEqual(tagTimexes('El 10/11/2023 se firmó.', { anchor: null, language: 'es' }), {
    timexes: [{ start: 3, end: 13, text: '10/11/2023', type: 'DATE', value: '2023-11-10' }],
    messages: [],
  });
  assert.equal(tagTimexes('Filed 10/11/2023.', { anchor: null, language: 'en', dayFirst: true }).messages.length, 0);
  assert.deepEqual(tag('Filed 25/11/2023.', null), ['25/11/2023 → DATE 2023-11-25']);
});

test('timex: ISO dates are read whole', () => {
  assert.deepEqual(tag('Published 2024-01-23.', null), ['2024-01-23 → DATE 2024-01-23']);
});

test('timex: Spanish "el pasado 11 de diciembre" and "hace dos semanas"', () => {
  assert.deepEqual(tag('El alcalde renunció el pasado 11 de diciembre, hace dos semanas.', '2024-01-15', 'es'), ['el pasado 11 de diciembre → DATE 2023-12-11', 'hace dos semanas → DATE 2024-W01']);
});

test('timex: Spanish relative days, weeks and durations', () => {
  assert.deepEqual(tag('Ayer llegó; mañana, viernes, se irá. La semana pasada hubo tres días de huelga.', '2024-01-25', 'es'), [
    'Ayer → DATE 2024-01-24',
    'mañana, viernes → DATE 2024-01-26',
    'La semana pasada → DATE 2024-W03',
    'tres días → DURATION P3D',
  ]);
  assert.deepEqual(tag('El contrato vence el próximo lunes.', '2024-01-25', 'es'), ['el próximo lunes → DATE 2024-01-29']);
  assert.deepEqual(tag('Gobernó durante diez años.', null, 'es'), ['diez años → DURATION P10Y']);
});

test('timex: Spanish numeric and written dates', () => {
  assert.deepEqual(tag('El decreto del 2 de febrero de 2023 y el 02.02.2023.', null, 'es'), ['del 2 de febrero de 2023 → DATE 2023-02-02', '02.02.2023 → DATE 2023-02-02']);
  assert.deepEqual(tag('Ocurrió en marzo de 2020 y en los años noventa.', null, 'es'), ['marzo de 2020 → DATE 2020-03', 'los años noventa → DATE 199']);
});

test('timex: the stage assigns the timexes layer from the doc text, date and language', () => {
  const doc: Doc = {
    id: 'd1',
    contentHash: 'h',
    text: 'The ministry said on Tuesday it would decide within two weeks.',
    meta: {
      title: null,
      outlet: null,
      authors: [],
      translator: null,
      published: '2024-01-25',
      datelinePlace: null,
      language: 'en',
      source: 'test',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sourceMap: [],
    messages: [],
  };
  const out = buildPipeline([timexStage]).run(doc, { check: true });
  assert.deepEqual(out.timexes?.map(show), ['Tuesday → DATE 2024-01-23', 'two weeks → DURATION P2W']);
  assert.equal(timexStage.requires.length, 0);
});

test('timex: a quarter without a year is the nearest one when the sentence looks ahead, the last one begun when it looks back', () => {
  // A month after September, results still to be reported are the quarter just ended.
  assert.equal(timexValueOf('Norvale Mills said it expects to report a third-quarter loss.', 'third-quarter', '2031-10-20'), '2031-Q3');
  assert.equal(timexValueOf('Norvale Mills expects a rise in the fourth quarter.', 'the fourth quarter', '2031-10-20'), '2031-Q4');
  // In February the third quarter ended five months ago and the next begins in five: a tie, which goes to the later one.
  assert.equal(timexValueOf('Norvale Mills will open the plant in the third quarter.', 'the third quarter', '2032-02-29'), '2032-Q3');
  assert.equal(timexValueOf('Norvale Mills closed the plant in the third quarter.', 'the third quarter', '2032-02-29'), '2031-Q3');
});

test('timex: a weekday takes the tense of the verb in its clause, not of a nearer one across a comma', () => {
  assert.equal(timexValueOf('The mayor will step down after the vote on Tuesday, aides said.', 'Tuesday', '2024-01-25'), '2024-01-30');
  // "planned" before a noun is an adjective and says nothing of the sentence's time; "lifted" does.
  assert.equal(timexValueOf('On Friday, when the envoy set aside a hastily planned visit, the ministry lifted its warning.', 'Friday', '2024-01-25'), '2024-01-19');
  assert.equal(timexValueOf('El gobierno anunció el martes que habrá elecciones.', 'el martes', '2024-01-25', 'es'), '2024-01-23');
  assert.equal(timexValueOf('El jueves, la policía detuvo a tres personas.', 'El jueves', '2024-01-26', 'es'), '2024-01-25');
});

test('timex: a date that ends a wait lies ahead, unless the story says the wait is over', () => {
  assert.equal(timexValueOf('The clerk put off until Tuesday any ruling on the permit.', 'Tuesday', '2024-01-25'), '2024-01-30');
  assert.equal(timexValueOf('The owners expect the sale of the mill to close by Dec. 15.', 'Dec. 15', '2031-11-05'), '2031-12-15');
  assert.equal(timexValueOf('Only two members had filed their reports by Wednesday.', 'Wednesday', '2024-01-25'), '2024-01-24');
  assert.equal(timexValueOf('Los vecinos piden que presente el plan antes de enero, lo que el alcalde consideró imposible.', 'enero', '2023-12-05', 'es'), '2024-01');
  // A fronted "Antes del sábado," takes the time of the clause it opens.
  assert.equal(timexValueOf('Antes del sábado, muchos socios ya se mostraban críticos.', 'del sábado', '2024-01-25', 'es'), '2024-01-20');
  assert.equal(timexValueOf('The board declared a dividend of five cents, payable Dec. 1.', 'Dec. 1', '2031-11-05'), '2031-12-01');
});

test('timex: "the year-earlier period" is the quarter the story is about, not one mentioned in passing', () => {
  const text =
    'Norvale Mills posted a 20% gain in third-quarter profit. After a flat second quarter, the company credited its tissue business. ' +
    'Pulp prices stayed weak. The comparison was helped by charges taken in the year-earlier period. Taxes in the 2031 period were lower than a year ago.';
  assert.equal(timexValueOf(text, 'the year-earlier period', '2031-11-01'), '2030-Q3');
  assert.equal(timexValueOf(text, 'a year ago', '2031-11-01'), '2030-Q3');
  // A whole year just named is what "year-earlier" then means.
  const yearText = 'Norvale Mills posted a third-quarter gain. Last year storm losses totaled $5 million. The year-earlier results were restated.';
  assert.equal(timexValueOf(yearText, 'year-earlier', '2031-11-01'), '2030');
});

test('timex: a year back from the story quarter is counted from the story, not from the last comparison', () => {
  const text = 'Harlow Savings posted a loss for the third quarter. For the quarter a year ago, it reported a profit. In the quarter a year earlier it broke even.';
  assert.deepEqual(tag(text, '2031-10-26'), ['the third quarter → DATE 2031-Q3', 'the quarter a year ago → DATE 2030-Q3', 'the quarter a year earlier → DATE 2030-Q3']);
  const restated = 'Harlow Savings reported a third-quarter loss. It earned $10 million in the year-ago quarter. The year-ago results were restated.';
  assert.equal(timexValueOf(restated, 'year-ago', '2031-11-01'), '2030-Q3');
});

test('timex: feasts on a fixed day and "el día 13" take their year from the tense like a bare date', () => {
  assert.equal(timexValueOf('El plazo, fijado hasta Navidad, podría romperse.', 'Navidad', '2031-12-01', 'es'), '2031-12-25');
  assert.equal(timexValueOf('Volverá al pueblo el día de Año Nuevo.', 'el día de Año Nuevo', '2031-12-01', 'es'), '2032-01-01');
  assert.equal(timexValueOf('Sales fell last Christmas.', 'last Christmas', '2031-12-01'), '2030-12-25');
  assert.equal(timexValueOf('The crew will be home on Christmas Eve.', 'Christmas Eve', '2031-12-01'), '2031-12-24');
  assert.deepEqual(tag('She flew to Christmas Island.', '2031-12-01'), []);
  assert.equal(timexValueOf('Desde hoy hasta el día 13 se representará en el teatro.', 'el día 13', '2031-06-10', 'es'), '2031-06-13');
  assert.deepEqual(tag('Cobran el día 5 de cada mes.', '2031-06-10', 'es'), ['cada mes → SET P1M']);
});

test('timex: a Spanish agency dateline with an abbreviated month is the day it names', () => {
  assert.deepEqual(tag('TARAPOTO, 12 mar (EFE). El alcalde inauguró el puente.', '2031-03-12', 'es'), ['12 mar → DATE 2031-03-12']);
  assert.deepEqual(tag('CUENCA, 3 dic. (EFE).- La junta votó.', '2031-12-04', 'es'), ['3 dic. → DATE 2031-12-03']);
  // Elsewhere "mar" is the sea.
  assert.deepEqual(tag('Había 12 mar y 3 cielos en el cuadro.', '2031-03-12', 'es'), []);
});
