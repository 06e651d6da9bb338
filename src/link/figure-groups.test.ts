import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, Figure } from '../core/doc.ts';
import { figureRecords, type FigureRecord, groupFigures, normalizePlace } from './figure-groups.ts';

const rec = (articleId: string, outlet: string, reported: string, value: number, extra: Partial<FigureRecord> = {}): FigureRecord => ({
  articleId,
  outlet,
  reported,
  measure: 'killed',
  value,
  unit: 'count',
  ...extra,
});

test('figure groups: a toll for one day and one place that differs is a conflict; places match without case or accents', () => {
  const groups = groupFigures([
    rec('a', 'Lumen', '2024-01-10', 17, { place: 'Lisca', date: '2024-01-09' }),
    rec('b', 'Lumen', '2024-01-11', 17, { place: 'LISCA', date: '2024-01-09' }),
    rec('c', 'Ostrel Post', '2024-03-10', 19, { place: 'Liscá', date: '2024-01-09' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.values, g.outlets, g.date]),
    [['conflict', ['17', '19'], 2, '2024-01-09']],
  );
  assert.equal(normalizePlace('Tumbá Province'), 'tumba province');
});

test('figure groups: a running total that grows with the report date is evolving, not a conflict', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-11-05', 8, { cumulative: true, since: '2024-10-29' }),
    rec('b', 'B', '2024-11-11', 22, { cumulative: true, since: '2024-10-29' }),
    rec('c', 'C', '2024-11-19', 29, { cumulative: true }),
    rec('d', 'D', '2024-12-03', 31, { cumulative: true, since: '2024-10' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.values, g.since]),
    [['evolving', ['8', '22', '29', '31'], '2024-10-29']],
  );
  // …and one that goes down is a conflict.
  const down = groupFigures([rec('a', 'A', '2024-11-05', 22, { cumulative: true }), rec('b', 'B', '2024-11-11', 8, { cumulative: true })]);
  assert.equal(down[0]!.verdict, 'conflict');
});

test('figure groups: "at least 12" agrees with 14; an undated report joins the only dated group of its place', () => {
  const groups = groupFigures([rec('a', 'A', '2024-11-11', 12, { approx: 'at_least', place: 'Varo', date: '2024-11-10' }), rec('b', 'B', '2024-11-12', 14, { place: 'Varo' })]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.articles]),
    [['agree', 2]],
  );
});

test('figure groups: prison sentences group by the person, matching spelling variants; durations are compared', () => {
  const s = (id: string, subject: string, duration: string) => rec(id, id, '2024-10-10', 0, { measure: 'sentence', unit: 'duration', duration, subject });
  const groups = groupFigures([s('a', 'Ramiro Etxeberri Salcedo', 'P3Y6M'), s('b', 'Echeberri', 'P3Y'), s('c', 'Etxeberri', 'P3Y6M'), s('d', 'Dora Villca', 'P2Y')]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.values, g.articles]),
    [
      ['conflict', ['P3Y6M', 'P3Y'], 3],
      ['agree', ['P2Y'], 1],
    ],
  );
});

test('figure groups: police and civilians are different counts; figures with no place, date or running total stay out', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-11-11', 23, { measure: 'injured', subject: 'officers', place: 'Varo', date: '2024-11-10' }),
    rec('b', 'B', '2024-11-11', 47, { measure: 'injured', subject: 'people', place: 'Varo', date: '2024-11-10' }),
    rec('c', 'C', '2024-11-11', 5),
    rec('d', 'D', '2024-11-11', 5, { measure: 'other', place: 'Varo' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.verdict]),
    [
      ['injured||varo|people|2024-11-10', 'agree'],
      ['injured||varo|security|2024-11-10', 'agree'],
    ],
  );
});

test('figure groups: reports of one count join one group whatever their wording; a count rising with its reference date is evolving, with why', () => {
  // Undated pages: the reference date comes from the sentence, so they still order.
  const groups = groupFigures([
    rec('a', 'A', '', 4, { place: 'Varo', ref: '2024-03-02', refFrom: 'sentence' }),
    rec('b', 'B', '', 9, { place: 'Varo', cumulative: true, ref: '2024-03-04', refFrom: 'sentence' }),
    rec('c', 'C', '2024-03-09', 15, { place: 'Varo', date: '2024-03-08' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.values, g.why]),
    [['evolving', ['4', '9', '15'], 'values rise with the reference date: 4 (2024-03-02) → 15 (2024-03-08)']],
  );
});

test('figure groups: same day, different counters is a conflict between official counters and a scope difference against an NGO list', () => {
  const official = groupFigures([
    rec('a', 'A', '2024-05-02', 6, { place: 'Ostrelia', counter: 'the ombudsman', ref: '2024-05-02', refFrom: 'article' }),
    rec('a', 'A', '2024-05-02', 4, { place: 'Ostrelia', counter: 'el Ministerio de Gobierno', ref: '2024-05-02', refFrom: 'article' }),
  ]);
  assert.deepEqual(
    official.map((g) => [g.verdict, g.why]),
    [['conflict', 'same day (2024-05-02), different counters: ombudsman 6, government 4']],
  );
  const ngo = groupFigures([
    rec('a', 'A', '2024-05-09', 42, { place: 'Ostrelia', counter: 'la Defensoría del Pueblo', ref: '2024-05-09', refFrom: 'article' }),
    rec('b', 'B', '2024-05-09', 47, { place: 'Ostrelia', counter: 'non-governmental organizations', ref: '2024-05-09', refFrom: 'article' }),
  ]);
  assert.deepEqual(
    ngo.map((g) => [g.verdict, g.why]),
    [['scope', 'same day (2024-05-09), different counters count differently: ombudsman 42, NGOs 47']],
  );
});

test('figure groups: two values in one article are a scope difference; one far-off value among agreeing reports is an outlier', () => {
  const parts = groupFigures([rec('a', 'A', '2024-06-01', 32, { place: 'Lisca' }), rec('a', 'A', '2024-06-01', 18, { place: 'Lisca' }), rec('b', 'B', '2024-06-01', 32, { place: 'Lisca' })]);
  assert.deepEqual(
    parts.map((g) => [g.verdict, g.why]),
    [['scope', 'one article gives 32 and 18: different things counted']],
  );
  const far = groupFigures(['a', 'b', 'c', 'd'].map((id) => rec(id, id, '2024-06-01', 12, { place: 'Lisca' })).concat(rec('e', 'e', '2024-06-01', 120, { place: 'Lisca' })));
  assert.deepEqual(
    far.map((g) => [g.verdict, g.why]),
    [['outlier', '120 is far from all other reports (12)']],
  );
});

test('figure groups: an appeal that sets another term supersedes the first instance; a request or a ban is never compared with a prison term', () => {
  const s = (id: string, duration: string, term: FigureRecord['term']) => rec(id, id, '2024-10-10', 0, { measure: 'sentence', unit: 'duration', duration, subject: 'Dora Villca', term });
  const groups = groupFigures([
    s('a', 'P8Y', { kind: 'prison', instance: 'first' }),
    s('b', 'P8Y', { kind: 'prison', instance: 'first' }),
    s('c', 'P6Y', { kind: 'prison', instance: 'appeal' }),
    s('d', 'P12Y', { kind: 'prison', status: 'requested' }),
    s('e', 'P2Y', { kind: 'disqualification' }),
    s('f', 'P18M', { kind: 'preventive' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.verdict, g.values]),
    [
      ['sentence|disqualification|villca|people', 'agree', ['P2Y']],
      ['sentence|preventive|villca|people', 'agree', ['P18M']],
      ['sentence|prison-requested|villca|people', 'agree', ['P12Y']],
      ['sentence|prison|villca|people', 'superseded', ['P8Y', 'P6Y']],
    ],
  );
  assert.equal(groups[3]!.why, "the appeal's 6 years replaces the first instance's 8 years");
});

test("figure records: an undated page takes each figure's date from its sentence, else the latest year it names; a date goes with the nearest figure, never the whole a part is taken from", () => {
  const text = 'On 3 March the toll in Varo rose to 9. Twelve of the twenty victims died on 2 March. Lisca counted 4.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const figure = (s: string, value: number): Figure => ({ ...span(s), measure: 'killed', value, unit: 'count', confidence: 1 });
  const doc: Doc = {
    id: 'x',
    contentHash: 'x',
    text,
    sourceMap: [],
    messages: [],
    meta: { title: null, outlet: 'Lumen', authors: [], translator: null, published: null, datelinePlace: null, language: 'en', source: 'x', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
    sentences: [
      { start: 0, end: at(' Twelve'), tokenStart: 0, tokenEnd: 0 },
      { start: at('Twelve'), end: at(' Lisca'), tokenStart: 0, tokenEnd: 0 },
      { start: at('Lisca'), end: text.length, tokenStart: 0, tokenEnd: 0 },
    ],
    timexes: [
      { ...span('3 March'), type: 'DATE', value: '2024-03-03' },
      { ...span('2 March'), type: 'DATE', value: '2024-03-02' },
    ],
    figures: [figure('9', 9), figure('Twelve', 12), figure('twenty', 20), figure('4', 4)],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => [r.value, r.ref ?? null, r.refFrom ?? null]),
    [
      [9, '2024-03-03', 'sentence'],
      [12, '2024-03-02', 'sentence'],
      [20, '2024', 'narrative'],
      [4, '2024', 'narrative'],
    ],
  );
});

test('figure groups: an account written months later does not turn a toll that rose at the time into a conflict', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-04-02', 3, { place: 'Varo', date: '2024-04-02' }),
    rec('b', 'B', '2024-04-03', 6, { place: 'Varo', date: '2024-04-02' }),
    rec('c', 'C', '2024-04-04', 8, { place: 'Varo', date: '2024-04-03' }),
    rec('d', 'D', '2024-11-20', 7, { place: 'Varo', date: '2024-04-02' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.why]),
    [['evolving', 'values rise with the reference date: 3 (2024-04-02) → 8 (2024-04-03); later accounts: 7']],
  );
});

test('figure records: a running total whose sentence names no place counts for the country the article names; a town count keeps its town', () => {
  const text = 'Protests in Bolivia go on. The toll has risen to 30. In Quillacollo, 8 died.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'y',
    contentHash: 'y',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-02-02',
      datelinePlace: null,
      language: 'en',
      source: 'y',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    entities: [
      { ...span('Bolivia'), type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 1 },
      { ...span('Quillacollo'), type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 1 },
    ],
    figures: [
      { ...span('30'), measure: 'killed', value: 30, unit: 'count', cumulative: true, confidence: 1 },
      { ...span('8'), measure: 'killed', value: 8, unit: 'count', place: span('Quillacollo'), confidence: 1 },
    ],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => [r.value, r.placeKey, r.placeLevel, r.placeName]),
    [
      [30, 'BO', 'country', 'Bolivia'],
      [8, 'BO.02.quillacollo', 'city', 'Quillacollo'],
    ],
  );
});

test("figure groups: an article that dates a first report of 3 and then 8 tells a rise, not a dispute with another article's 8", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-04-03', 3, { place: 'Varo', ref: '2024-04-02', refFrom: 'figure' }),
    rec('a', 'A', '2024-04-03', 8, { place: 'Varo', ref: '2024-04-03', refFrom: 'article' }),
    rec('b', 'B', '2024-04-03', 8, { place: 'Varo', ref: '2024-04-02', refFrom: 'sentence' }),
  ]);
  assert.deepEqual(
    groups.map((g) => g.verdict),
    ['evolving'],
  );
});

test("figure groups: one article's breakdown of its own total goes to a group of parts; a value it dates apart is the count's history", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-04-05', 18, { place: 'Varo', cumulative: true }),
    rec('a', 'A', '2024-04-05', 3, { place: 'Varo', subject: 'children' }),
    rec('a', 'A', '2024-04-05', 5, { place: 'Varo', ref: '2024-04-01', refFrom: 'sentence' }),
    rec('b', 'B', '2024-04-06', 19, { place: 'Varo', cumulative: true }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.values]),
    [
      ['killed||varo|people|2024-04-01', ['5', '18', '19']],
      ['killed||varo|people|part|2024-04-05', ['3']],
    ],
  );
});

test('figure groups: pages with no date do not overturn the course the dated reports give; they are named in the why', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-04-02', 40, { place: 'Varo', cumulative: true }),
    rec('b', 'B', '2024-04-05', 40, { place: 'Varo', cumulative: true }),
    { ...rec('c', 'C', '', 25, { place: 'Varo', cumulative: true }), reported: null },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.verdict, g.why]),
    [['agree', 'every report fits 40; undated: 25']],
  );
});

test('figure groups: an appeal that upheld the term supersedes nothing, so another length stays a conflict', () => {
  const s = (id: string, duration: string, term: FigureRecord['term']) => rec(id, id, '2024-10-10', 0, { measure: 'sentence', unit: 'duration', duration, subject: 'Dora Villca', term });
  const groups = groupFigures([s('a', 'P3Y6M', { kind: 'prison', status: 'imposed', instance: 'first' }), s('b', 'P3Y', { kind: 'prison', status: 'ratified', instance: 'appeal' })]);
  assert.deepEqual(
    groups.map((g) => g.verdict),
    ['conflict'],
  );
});

test('figure groups: "Chaupimayo de Tumbá" puts Chaupimayo, named alone elsewhere, inside Tumbá; "Quispal" without its article is "El Quispal"', () => {
  const at = (id: string, place: string, placeKey: string, value: number, extra: Partial<FigureRecord> = {}) =>
    rec(id, id, '2024-05-02', value, { place, placeKey, placeLevel: 'local', placeName: place, date: '2024-05-01', ...extra });
  const groups = groupFigures([
    at('a', 'Chaupimayo', 'BO..chaupimayo', 4),
    at('b', 'Chaupimayo de Tumbá', '..chaupimayo de tumba', 4, { placeWithin: '..tumba' }),
    at('c', 'Tumbá', 'BO..tumba', 4),
    at('d', 'El Quispal', 'BO..el quispal', 2),
    at('e', 'Quispal', 'BO..quispal', 2),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.articles]),
    [
      ['killed||BO..el quispal|people|2024-05-01', 2],
      ['killed||BO..tumba|people|2024-05-01', 3],
    ],
  );
});

test('figure groups: two counters that each keep a rising count are two series, compared day by day; an undated page takes the day of the counts it repeats', () => {
  const o = (id: string, reported: string, value: number) =>
    rec(id, id, reported, value, { place: 'Ostrelia', counter: 'la Defensoría del Pueblo', cumulative: true, ...(reported ? { ref: reported, refFrom: 'article' as const } : {}) });
  const m = (id: string, reported: string, value: number) =>
    rec(id, id, reported, value, { place: 'Ostrelia', counter: 'el Ministerio de Gobierno', cumulative: true, ...(reported ? { ref: reported, refFrom: 'article' as const } : {}) });
  const groups = groupFigures([
    o('a', '2024-05-02', 11),
    m('a', '2024-05-02', 6),
    o('b', '2024-05-05', 14),
    o('c', '2024-05-07', 17),
    m('c', '2024-05-07', 12),
    // An undated page: the ombudsman's 14 was the count of 5 May, so its ministry's 9 is of that day too.
    o('u', '', 14),
    m('u', '', 9),
  ]);
  const shown = groups.map((g) => [g.key, g.verdict, g.values.join(' ')]);
  assert.deepEqual(shown, [
    ['killed||ostrelia|people|2024-05-02|by:government', 'evolving', '9 6 12'],
    ['killed||ostrelia|people|2024-05-02|by:ombudsman', 'evolving', '14 11 17'],
    ['killed||ostrelia|people|2024-05-02|on:2024-05-02', 'conflict', '11 6'],
    ['killed||ostrelia|people|2024-05-02|on:2024-05-05', 'conflict', '14 9'],
    ['killed||ostrelia|people|2024-05-02|on:2024-05-07', 'conflict', '17 12'],
  ]);
});

test("figure groups: a breakdown that adds up to the article's total is its parts whatever day it names; vague amounts and one named victim are no count", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-05-08', 9, { place: 'Ostrelia', ref: '2024-05-08', refFrom: 'article' }),
    rec('a', 'A', '2024-05-08', 4, { place: 'Ostrelia', ref: '2024-05-07', refFrom: 'sentence' }),
    rec('a', 'A', '2024-05-08', 3, { place: 'Ostrelia', ref: '2024-05-07', refFrom: 'sentence' }),
    rec('a', 'A', '2024-05-08', 2, { place: 'Ostrelia', ref: '2024-05-07', refFrom: 'sentence' }),
    rec('b', 'B', '2024-05-08', 10, { place: 'Ostrelia', ref: '2024-05-08', refFrom: 'article' }),
    rec('c', 'C', '2024-05-08', 24, { place: 'Ostrelia', approx: 'at_least', vague: true }),
    rec('d', 'D', '2024-05-09', 1, { place: 'Ostrelia', subject: 'Marta Quiroga' }),
    // "of 13 dead, 12 …": a part; "of the 30 dead in the region, 8 in Ostrelia": Ostrelia's own count.
    rec('f', 'F', '2024-05-08', 13, { place: 'Ostrelia' }),
    rec('f', 'F', '2024-05-08', 12, { place: 'Ostrelia', partOf: 13 }),
    rec('g', 'G', '2024-05-08', 8, { place: 'Ostrelia', partOf: 30 }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.values.join(' ')]),
    [
      ['killed||ostrelia|people|2024-05-08', '9 10 13 8'],
      ['killed||ostrelia|people|part|2024-05-07', '4 3 2 12'],
    ],
  );
});

test("figure groups: a report that joins a counter's series without naming it is that counter's in the day's comparison; values apart on one day are no rise", () => {
  const o = (id: string, day: string, value: number, counter?: string) =>
    rec(id, id, day, value, { place: 'Ostrelia', cumulative: true, ref: day, refFrom: 'article', ...(counter ? { counter } : {}) });
  const groups = groupFigures([
    o('a', '2024-05-02', 12, 'la Defensoría del Pueblo'),
    o('a', '2024-05-02', 5),
    o('b', '2024-05-05', 14, 'la Defensoría del Pueblo'),
    o('c', '2024-05-05', 8, 'el Ministerio de Gobierno'),
    o('d', '2024-05-07', 16, 'la Defensoría del Pueblo'),
    o('d', '2024-05-07', 10, 'el Ministerio de Gobierno'),
  ]);
  const day = groups.find((g) => g.key.endsWith('on:2024-05-02'))!;
  assert.deepEqual([day.verdict, day.why], ['conflict', 'same day (2024-05-02), different counters: ombudsman 12, government 5']);
  const sameDay = groupFigures([130, 176, 205].map((v, i) => rec(`p${i}`, `P${i}`, '2024-06-03', v, { place: 'Varo', measure: 'detained', ref: '2024-06-03', refFrom: 'article' })));
  assert.equal(sameDay[0]!.verdict, 'conflict');
});

test('figure records: a country named inside a longer name outweighs the namesake abroad of a town; an institution read as the place is none', () => {
  const text = 'Según el Ministerio del Interior de Uruguay, 4 personas murieron en San Pedro. Según la Fiscalía, 9 murieron.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'z',
    contentHash: 'z',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'z',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sentences: [
      { start: 0, end: at(' Según la'), tokenStart: 0, tokenEnd: 0 },
      { start: at('Según la'), end: text.length, tokenStart: 0, tokenEnd: 0 },
    ],
    entities: [{ ...span('Interior de Uruguay'), type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 1 }],
    figures: [
      { ...span('4'), measure: 'killed', value: 4, unit: 'count', place: span('San Pedro'), confidence: 1 },
      { ...span('9'), measure: 'killed', value: 9, unit: 'count', place: span('Fiscalía'), confidence: 1 },
    ],
  };
  const records = figureRecords(doc);
  assert.equal(records[0]!.placeKey, 'UY..san pedro');
  // The second count takes the article's one place, not the prosecution's name.
  assert.deepEqual([records[1]!.place, records[1]!.placeKey], [undefined, 'UY..san pedro']);
});

test("figure groups: within one counter's series, an article's total and a part of it are no disagreement", () => {
  const r = (id: string, day: string, value: number, counter: string) => rec(id, id, day, value, { place: 'Ostrelia', cumulative: true, ref: day, refFrom: 'article', counter });
  const groups = groupFigures([
    r('a', '2024-06-01', 61, 'la Fiscalía'),
    r('a', '2024-06-01', 27, 'la Fiscalía'),
    r('b', '2024-06-01', 70, 'la Defensoría del Pueblo'),
    r('c', '2024-06-03', 72, 'la Defensoría del Pueblo'),
    r('d', '2024-06-03', 61, 'la Fiscalía'),
  ]);
  const prosecution = groups.find((g) => g.key.endsWith('by:prosecution'))!;
  assert.deepEqual([prosecution.verdict, prosecution.why], ['agree', "every article's count fits 61; one article also gives 27, a part of it"]);
});

test('figure groups: an article that sets two counters side by side compares them at its own time, and "at least 36" beside 41 is two counts', () => {
  const r = (id: string, reported: string, value: number, counter: string, extra: Partial<FigureRecord> = {}) =>
    rec(id, id, reported, value, { place: 'Ostrelia', cumulative: true, ref: reported, refFrom: 'article', counter, ...extra });
  const groups = groupFigures([
    r('a', '2024-05-03', 15, 'la Defensoría del Pueblo'),
    r('b', '2024-05-06', 26, 'la Defensoría del Pueblo'),
    r('c', '2024-05-13', 36, 'the ombudsman', { approx: 'at_least', ref: '2024-05-11', refFrom: 'sentence' }),
    r('c', '2024-05-13', 41, 'non-governmental organizations'),
    r('d', '2024-05-20', 50, 'non-governmental organizations'),
    r('e', '2024-05-06', 33, 'non-governmental organizations'),
  ]);
  const compared = groups.find((g) => g.key.endsWith('on:article c'))!;
  assert.deepEqual([compared.verdict, compared.values], ['scope', ['36', '41']]);
});

test('figure records: the reporting clause that closes a long sentence names the counter of the count before it', () => {
  const text =
    'Treinta vecinos de Ostrel perdieron la vida desde que comenzó el cierre de caminos en las tres provincias del sur y la costa, informó este lunes la Defensoría del Pueblo. Murieron 3 en Lisca, en un país donde el Gobierno prometió calma.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'w',
    contentHash: 'w',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'w',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sentences: [
      { start: 0, end: at(' Murieron'), tokenStart: 0, tokenEnd: 0 },
      { start: at('Murieron'), end: text.length, tokenStart: 0, tokenEnd: 0 },
    ],
    figures: [
      { ...span('Treinta'), measure: 'killed', value: 30, unit: 'count', confidence: 1 },
      { ...span('3'), measure: 'killed', value: 3, unit: 'count', confidence: 1 },
    ],
  };
  // The second sentence names the government, but not in a clause that reports the count.
  assert.deepEqual(
    figureRecords(doc).map((r) => r.counter ?? null),
    ['Defensoría', null],
  );
});

test("figure groups: a count an article dates only by itself joins the day its comparison names; two organizations' lists differ in scope", () => {
  const r = (id: string, reported: string, value: number, counter: string, extra: Partial<FigureRecord> = {}) =>
    rec(id, id, reported, value, { place: 'Ostrelia', cumulative: true, ref: reported, refFrom: 'article', counter, ...extra });
  const groups = groupFigures([
    r('a', '2024-05-03', 15, 'la Defensoría del Pueblo'),
    r('b', '2024-05-06', 26, 'la Defensoría del Pueblo'),
    r('c', '2024-05-13', 36, 'the ombudsman', { ref: '2024-05-11', refFrom: 'sentence' }),
    r('c', '2024-05-13', 41, 'non-governmental organizations'),
    r('d', '2024-05-12', 36, 'la Defensoría', { ref: '2024-05-11', refFrom: 'sentence' }),
    r('d', '2024-05-12', 33, 'Vigía Andina', { ref: '2024-05-11', refFrom: 'sentence', counterFamily: 'ngo' }),
    r('e', '2024-05-20', 50, 'non-governmental organizations'),
  ]);
  const day = groups.find((g) => g.key.endsWith('on:2024-05-11'))!;
  assert.deepEqual([day.verdict, day.values.slice().sort()], ['scope', ['33', '36', '41']]);
  // The article's own comparison stays beside the day's.
  assert.ok(groups.some((g) => g.key.endsWith('on:article c')));
});

test('figure records: arrests for breaking a curfew and eye injuries are narrower counts, grouped apart from all arrests and all injured', () => {
  const text = 'Van 900 detenidos en Ostrelia. Los detenidos durante el toque de queda subieron de 40 a 59. Hay 300 heridos, 12 con lesiones oculares.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const count = (s: string, measure: Figure['measure']): Figure => ({ ...span(s), measure, value: Number(s), unit: 'count', confidence: 1 });
  const doc: Doc = {
    id: 'v',
    contentHash: 'v',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'v',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    figures: [count('900', 'detained'), count('40', 'detained'), count('59', 'detained'), count('300', 'injured'), count('12', 'injured')],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => r.scope ?? null),
    [null, 'curfew', 'curfew', null, 'eye'],
  );
  const keys = groupFigures(figureRecords(doc).map((r) => ({ ...r, place: 'Ostrelia' }))).map((g) => g.key.split('|')[3]);
  assert.ok(keys.includes('curfew') && keys.includes('eye'));
});

test('figure records: a place named as an office\'s seat is not where the count is; the police "in" a town are', () => {
  const text = 'En Villa Ruiz murió una persona. La Defensoría del Pueblo en Tumbá reportó 5 heridos. Hubo 7 heridos en choques con la policía en Lisca.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'u',
    contentHash: 'u',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'u',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    figures: [
      { ...span('una'), measure: 'killed', value: 1, unit: 'count', place: span('Villa Ruiz'), confidence: 1 },
      { ...span('5'), measure: 'injured', value: 5, unit: 'count', place: span('Tumbá'), confidence: 1 },
      { ...span('7'), measure: 'injured', value: 7, unit: 'count', place: span('Lisca'), confidence: 1 },
    ],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => r.placeName ?? null),
    ['Villa Ruiz', null, 'Lisca'],
  );
  // (The article names two places, so the count with none takes neither.)
});

test("figure records: a count in an article that names only a province is its country's; the items of an itemized total are its parts", () => {
  const text = 'En la provincia de Apurímac hubo 12 heridos. El paro deja 40 detenidos: 31 hombres y 9 mujeres.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const count = (s: string, measure: Figure['measure'], extra: Partial<Figure> = {}): Figure => ({ ...span(s), measure, value: Number(s), unit: 'count', confidence: 1, ...extra });
  const doc: Doc = {
    id: 't',
    contentHash: 't',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 't',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    figures: [count('12', 'injured', { place: span('Apurímac') }), count('40', 'detained', { parts: [2, 3], partsAddUp: true }), count('31', 'detained'), count('9', 'detained')],
  };
  const records = figureRecords(doc);
  assert.deepEqual(
    records.map((r) => [r.placeKey, r.partOf ?? null]),
    [
      ['PE.iso-APU', null],
      ['PE', null],
      ['PE', 40],
      ['PE', 40],
    ],
  );
});

test('figure records: an organization that opens its sentence as the one reporting is the counter of the counts after it', () => {
  const text = 'Vigía Andina de Ostrelia publicó este sábado el balance de los tres meses de paro en el sur, con 61 homicidios. La Red Lisca presentó querellas por 12 detenciones.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 's',
    contentHash: 's',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 's',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sentences: [
      { start: 0, end: at(' La Red'), tokenStart: 0, tokenEnd: 0 },
      { start: at('La Red'), end: text.length, tokenStart: 0, tokenEnd: 0 },
    ],
    entities: [
      { ...span('Vigía Andina'), type: 'ORG', tokenStart: 0, tokenEnd: 0, confidence: 1 },
      { ...span('Red Lisca'), type: 'ORG', tokenStart: 0, tokenEnd: 0, confidence: 1 },
    ],
    figures: [
      { ...span('61'), measure: 'killed', value: 61, unit: 'count', confidence: 1 },
      { ...span('12'), measure: 'detained', value: 12, unit: 'count', confidence: 1 },
    ],
  };
  // An organization that names no public office keeps a civil-society count; filing cases is no count given.
  assert.deepEqual(
    figureRecords(doc).map((r) => [r.counter ?? null, r.counterFamily ?? null]),
    [
      ['Vigía Andina', 'ngo'],
      [null, null],
    ],
  );
});

test('figure records: a sentence that names a national office after its country counts for the country, unless it names a place of its own', () => {
  const text = 'En el puerto de Lisca murió un guardia. La Fiscalía del Perú investiga la muerte de 23 personas. Hubo 4 muertos cerca de Arequipa, con las Fuerzas Armadas del Perú.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'r',
    contentHash: 'r',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'r',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    sentences: [
      { start: 0, end: at(' La Fiscalía'), tokenStart: 0, tokenEnd: 0 },
      { start: at('La Fiscalía'), end: at(' Hubo'), tokenStart: 0, tokenEnd: 0 },
      { start: at('Hubo'), end: text.length, tokenStart: 0, tokenEnd: 0 },
    ],
    entities: [
      { ...span('Fiscalía del Perú'), type: 'ORG', tokenStart: 0, tokenEnd: 0, confidence: 1 },
      { ...span('Arequipa'), type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 1 },
      { ...span('Fuerzas Armadas del Perú'), type: 'ORG', tokenStart: 0, tokenEnd: 0, confidence: 1 },
    ],
    figures: [
      { ...span('un'), measure: 'killed', value: 1, unit: 'count', place: span('Lisca'), confidence: 1 },
      { ...span('23'), measure: 'killed', value: 23, unit: 'count', confidence: 1 },
      { ...span('4'), measure: 'killed', value: 4, unit: 'count', confidence: 1 },
    ],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => r.placeKey),
    ['PE..lisca', 'PE', 'PE..lisca'],
  );
});

test('figure records: a person read as the counter counts for the office the article names beside them; "official figures" name no office', () => {
  const text = 'La ministra de Gobierno, Ana Quiroga, visitó Lisca. Quiroga dijo que hubo 640 detenidos. Otros 3 murieron en Lisca, según Red Ostrel, cerca de la Defensoría.';
  const at = (s: string) => text.indexOf(s);
  const span = (s: string) => ({ start: at(s), end: at(s) + s.length, text: s });
  const doc: Doc = {
    id: 'q',
    contentHash: 'q',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: 'Lumen',
      authors: [],
      translator: null,
      published: '2024-03-03',
      datelinePlace: null,
      language: 'es',
      source: 'q',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    entities: [
      { ...span('Ana Quiroga'), type: 'PER', tokenStart: 0, tokenEnd: 0, confidence: 1 },
      { ...span('Red Ostrel'), type: 'ORG', tokenStart: 0, tokenEnd: 0, confidence: 1 },
    ],
    figures: [
      { ...span('640'), measure: 'detained', value: 640, unit: 'count', counter: { start: at('Quiroga dijo'), end: at('Quiroga dijo') + 7, text: 'Quiroga' }, confidence: 1 },
      { ...span('3'), measure: 'killed', value: 3, unit: 'count', counter: span('Red Ostrel'), confidence: 1 },
    ],
  };
  assert.deepEqual(
    figureRecords(doc).map((r) => r.counter),
    ['La ministra de Gobierno, Ana Quiroga', 'Red Ostrel'],
  );
  const groups = groupFigures([
    rec('a', 'A', '2024-05-01', 30, { place: 'Ostrelia', counter: 'the official figures' }),
    rec('b', 'B', '2024-05-01', 30, { place: 'Ostrelia', counter: 'the Ministry' }),
  ]);
  assert.deepEqual(groups[0]!.counters, ['government']);
});

test("figure groups: one death told apart below the same counter's total in one article is part of that total", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-05-01', 2, { place: 'Ostrelia', counter: 'the presidency' }),
    rec('a', 'A', '2024-05-01', 1, { place: 'Ostrelia', counter: 'the presidency' }),
    rec('b', 'B', '2024-05-02', 3, { place: 'Ostrelia', counter: 'the presidency' }),
  ]);
  const count = groups.find((g) => g.key === 'killed||ostrelia|people|2024-05-01')!;
  assert.deepEqual([count.verdict, count.values], ['evolving', ['2', '3']]);
});

/** A Spanish article of one paragraph with the given LOC names and figures, published on `published`. */
function article(id: string, text: string, published: string, locs: string[], figures: (span: (s: string, from?: number) => Figure['place'] & {}) => Figure[]): Doc {
  const span = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, text: s });
  const entities = locs.map((name) => ({ ...span(name), type: 'LOC' as const, tokenStart: 0, tokenEnd: 0, confidence: 1 }));
  const meta = { title: null, outlet: 'Lumen', authors: [], translator: null, published, datelinePlace: null, language: 'es', source: id, via: null, canonicalUrl: null, partIndex: 0, partCount: 1 };
  return { id, contentHash: id, text, sourceMap: [], messages: [], meta, entities, figures: figures(span) };
}

test('figure records: a toll that names no place is that of the place the other tolls name more often than all others together', () => {
  const text = 'En Perú sigue el paro. En Villa Ruiz murieron 4 personas. En Villa Ruiz hubo 20 heridos. Un hospital de Chaupimayo recibió 2 heridos. Tres personas murieron en la noche.';
  const doc = article('h', text, '2024-03-03', ['Perú', 'Villa Ruiz', 'Chaupimayo'], (span) => [
    { ...span('4'), measure: 'killed', value: 4, unit: 'count', place: span('Villa Ruiz'), confidence: 1 },
    { ...span('20'), measure: 'injured', value: 20, unit: 'count', place: span('Villa Ruiz', text.indexOf('20') - 20), confidence: 1 },
    { ...span('2 heridos'), measure: 'injured', value: 2, unit: 'count', place: span('Chaupimayo'), confidence: 1 },
    { ...span('Tres personas'), measure: 'killed', value: 3, unit: 'count', confidence: 1 },
  ]);
  assert.equal(figureRecords(doc).at(-1)!.placeName, 'Villa Ruiz');
  // Two places named as often leave the toll to the country.
  const even = article('e', text.replace('En Villa Ruiz hubo 20', 'En Chaupimayo hubo 20'), '2024-03-03', ['Perú', 'Villa Ruiz', 'Chaupimayo'], (span) => [
    { ...span('4'), measure: 'killed', value: 4, unit: 'count', place: span('Villa Ruiz'), confidence: 1 },
    { ...span('20'), measure: 'injured', value: 20, unit: 'count', place: span('Chaupimayo'), confidence: 1 },
    { ...span('Tres personas'), measure: 'killed', value: 3, unit: 'count', confidence: 1 },
  ]);
  assert.equal(figureRecords(even).at(-1)!.placeKey, 'PE');
});

test("figure records: a count added to an earlier one or left over from a total is marked; groups set it apart below the article's total", () => {
  const text =
    'En Villa Ruiz murieron 9 personas. Después murieron dos heridos más. Las otras cuatro fueron trasladadas. La cifra subió, sumando un fallecido a la lista. The prefect raised the toll by five. Hubo tres muertos más que en 2020.';
  const doc = article('m', text, '2024-03-03', ['Villa Ruiz'], (span) =>
    ['9 personas', 'dos heridos', 'cuatro', 'un fallecido', 'five', 'tres muertos'].map((s, i) => ({ ...span(s), measure: 'killed', value: [9, 2, 4, 1, 5, 3][i]!, unit: 'count', confidence: 1 })),
  );
  assert.deepEqual(
    figureRecords(doc).map((r) => [r.value, r.added ?? false]),
    [
      [9, false],
      [2, true],
      [4, true],
      [1, true],
      [5, true],
      [3, false],
    ],
    '"tres muertos más que" compares, it adds nothing',
  );
  // Those an added count lists, after it in its clause, are added too; a count in the next sentence is not.
  const listed = 'En Villa Ruiz murieron 9 personas. La cifra creció con dos fallecidos más, un chofer y un niño. Un hombre murió ayer.';
  const items = article('l', listed, '2024-03-03', ['Villa Ruiz'], (span) =>
    ['9 personas', 'dos fallecidos', 'un chofer', 'un niño', 'Un hombre'].map((s, i) => ({ ...span(s), measure: 'killed', value: [9, 2, 1, 1, 1][i]!, unit: 'count', confidence: 1 })),
  );
  assert.deepEqual(
    figureRecords(items).map((r) => r.added ?? false),
    [false, true, true, true, false],
  );
  const groups = groupFigures([
    rec('a', 'A', '2024-04-05', 8, { place: 'Varo' }),
    rec('a', 'A', '2024-04-05', 3, { place: 'Varo', added: true, ref: '2024-04-04', refFrom: 'figure' }),
    rec('b', 'B', '2024-04-06', 8, { place: 'Varo' }),
    // Another place's "otros diez" is that place's own count: nothing larger of it in its article to be added to.
    rec('b', 'B', '2024-04-06', 10, { place: 'Tumbá', added: true }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.values]),
    [
      ['killed||tumba|people|2024-04-06', ['10']],
      ['killed||varo|people|2024-04-05', ['8']],
      ['killed||varo|people|part|2024-04-04', ['3']],
    ],
  );
});

test("figure groups: a count that names no counter is a part of its article's largest count of any counter", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-04-05', 7, { place: 'Varo', counter: 'the ministry' }),
    rec('a', 'A', '2024-04-05', 2, { place: 'Varo', subject: 'bodies' }),
    rec('b', 'B', '2024-04-06', 8, { place: 'Varo', counter: 'the ombudsman' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.values]),
    [
      ['killed||varo|people|2024-04-05', ['7', '8']],
      ['killed||varo|people|part|2024-04-05', ['2']],
    ],
  );
});

test('figure groups: an article that gives one count two values of its own is a finding of its own; two running totals of it are the count as it stood and stands', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-05-01', 9, { place: 'Ostrelia', cumulative: true }),
    rec('b', 'B', '2024-05-03', 14, { place: 'Ostrelia', cumulative: true }),
    rec('c', 'C', '', 12, { reported: null, place: 'Ostrelia', cumulative: true }),
    rec('c', 'C', '', 7, { reported: null, place: 'Ostrelia', cumulative: true, approx: 'at_least' }),
    rec('d', 'D', '2024-05-04', 11, { place: 'Ostrelia', counter: 'the ombudsman' }),
  ]);
  const own = groups.filter((g) => g.key.includes('|in:'));
  assert.deepEqual(
    own.map((g) => [g.key, g.verdict, g.values]),
    [['killed||ostrelia|people|2024-05-01|in:c', 'evolving', ['12', '7']]],
  );
  // Not running totals: counts side by side, judged as such.
  const side = groupFigures([rec('a', 'A', '2024-05-01', 9, { place: 'Ostrelia' }), rec('b', 'B', '2024-05-01', 5, { place: 'Ostrelia' }), rec('b', 'B', '2024-05-01', 6, { place: 'Ostrelia' })]);
  assert.deepEqual(
    side.filter((g) => g.key.includes('|in:')).map((g) => [g.key, g.verdict]),
    [['killed||ostrelia|people|2024-05-01|in:b', 'scope']],
  );
});

test('figure records: members of the army or the police are security forces, counted apart from civilians', () => {
  const text = 'En Villa Ruiz hubo 40 heridos. Retuvieron a 21 miembros del Ejército. Retuvieron a 9 miembros de la comunidad.';
  const doc = article('s', text, '2024-03-03', ['Villa Ruiz'], (span) => [
    { ...span('40'), measure: 'injured', value: 40, unit: 'count', place: span('Villa Ruiz'), confidence: 1 },
    { ...span('21 miembros'), measure: 'detained', value: 21, unit: 'count', subject: span('miembros'), confidence: 1 },
    { ...span('9 miembros'), measure: 'detained', value: 9, unit: 'count', subject: span('miembros', text.indexOf('9 miembros')), confidence: 1 },
  ]);
  const records = figureRecords(doc);
  assert.deepEqual(
    records.map((r) => r.subject ?? null),
    [null, 'miembros del Ejército', 'miembros'],
  );
  assert.deepEqual(
    groupFigures(records).map((g) => [g.key, g.values]),
    [
      ['detained||..villa ruiz|people|2024-03-03', ['9']],
      ['detained||..villa ruiz|security|2024-03-03', ['21']],
      ['injured||..villa ruiz|people|2024-03-03', ['40']],
    ],
  );
});

test("figure groups: an article's civilians are a part of its count of everyone; a count two offices give together is neither's series", () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-05-03', 13, { place: 'Ostrelia', counter: 'the ombudsman' }),
    rec('a', 'A', '2024-05-03', 11, { place: 'Ostrelia', counter: 'the ombudsman', subject: 'civilians', ref: '2024-04-20', refFrom: 'figure' }),
    rec('b', 'B', '2024-05-05', 24, { place: 'Ostrelia', counter: 'the ombudsman' }),
    rec('c', 'C', '2024-05-06', 30, { place: 'Ostrelia', counter: 'the prosecutor' }),
    rec('d', 'D', '2024-05-09', 35, { place: 'Ostrelia', counter: 'the prosecutor' }),
    rec('e', 'E', '2024-05-23', 40, { place: 'Ostrelia', counter: "the prosecutor and the ombudsman's office" }),
    rec('f', 'F', '2024-05-24', 40, { place: 'Ostrelia', counter: 'la Fiscalía y la Defensoría' }),
  ]);
  const values = (key: string) => groups.find((g) => g.key === key)?.values;
  assert.deepEqual(values('killed||ostrelia|people|part|2024-04-20'), ['11']);
  assert.deepEqual(values('killed||ostrelia|people|2024-05-03|by:ombudsman'), ['13', '24']);
  assert.deepEqual(values('killed||ostrelia|people|2024-05-03|by:ombudsman+prosecution'), ['40']);
});

test('figure records: a name after "hospital de" the gazetteer does not know is a building, not a place; a region named beside its one town tells where the town is', () => {
  const text = 'En Villa Ruiz murieron 4 personas. Otro cuerpo está en el hospital de Clarisas, con 2 heridos. Murieron 3 en la noche.';
  const doc = article('b', text, '2024-03-03', ['Perú', 'Villa Ruiz'], (span) => [
    { ...span('4'), measure: 'killed', value: 4, unit: 'count', place: span('Villa Ruiz'), confidence: 1 },
    { ...span('2 heridos'), measure: 'injured', value: 2, unit: 'count', place: span('Clarisas'), confidence: 1 },
    { ...span('3 en'), measure: 'killed', value: 3, unit: 'count', confidence: 1 },
  ]);
  assert.deepEqual(
    figureRecords(doc).map((r) => r.placeName ?? null),
    ['Villa Ruiz', 'Villa Ruiz', 'Villa Ruiz'],
  );
  // No figure names a place: a town written three times (once inside a hospital's name) beside its region, named as
  // often, is where the count is.
  const town = 'Murieron 12 personas. El paro siguió en Huanta y en Ayacucho. En Huanta y Ayacucho hubo marchas. El Hospital de Huanta atendió a la gente de Ayacucho.';
  const inTown = article('t', town, '2024-03-03', ['Huanta', 'Ayacucho'], (span) => [{ ...span('12 personas'), measure: 'killed', value: 12, unit: 'count', confidence: 1 }]);
  assert.equal(figureRecords(inTown)[0]!.placeKey, 'PE.05.huanta');
});
