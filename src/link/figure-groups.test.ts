import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FigureRecord, groupFigures, normalizePlace } from './figure-groups.ts';

const rec = (articleId: string, outlet: string, reported: string, value: number, extra: Partial<FigureRecord> = {}): FigureRecord =>
  ({ articleId, outlet, reported, measure: 'killed', value, unit: 'count', ...extra });

test('figure groups: a toll for one day and one place that differs is a conflict; places match without case or accents', () => {
  const groups = groupFigures([
    rec('a', 'Lumen', '2024-01-10', 17, { place: 'Lisca', date: '2024-01-09' }),
    rec('b', 'Lumen', '2024-01-11', 17, { place: 'LISCA', date: '2024-01-09' }),
    rec('c', 'Ostrel Post', '2024-03-10', 19, { place: 'Liscá', date: '2024-01-09' }),
  ]);
  assert.deepEqual(groups.map((g) => [g.verdict, g.values, g.outlets, g.date]), [['conflict', ['17', '19'], 2, '2024-01-09']]);
  assert.equal(normalizePlace('Tumbá Province'), 'tumba province');
});

test('figure groups: a running total that grows with the report date is evolving, not a conflict', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-11-05', 8, { cumulative: true, since: '2024-10-29' }),
    rec('b', 'B', '2024-11-11', 22, { cumulative: true, since: '2024-10-29' }),
    rec('c', 'C', '2024-11-19', 29, { cumulative: true }),
    rec('d', 'D', '2024-12-03', 31, { cumulative: true, since: '2024-10' }),
  ]);
  assert.deepEqual(groups.map((g) => [g.verdict, g.values, g.since]), [['evolving', ['8', '22', '29', '31'], '2024-10-29']]);
  // …and one that goes down is a conflict.
  const down = groupFigures([rec('a', 'A', '2024-11-05', 22, { cumulative: true }), rec('b', 'B', '2024-11-11', 8, { cumulative: true })]);
  assert.equal(down[0]!.verdict, 'conflict');
});

test('figure groups: "at least 12" agrees with 14; an undated report joins the only dated group of its place', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-11-11', 12, { approx: 'at_least', place: 'Varo', date: '2024-11-10' }),
    rec('b', 'B', '2024-11-12', 14, { place: 'Varo' }),
  ]);
  assert.deepEqual(groups.map((g) => [g.verdict, g.articles]), [['agree', 2]]);
});

test('figure groups: prison sentences group by the person, matching spelling variants; durations are compared', () => {
  const s = (id: string, subject: string, duration: string) => rec(id, id, '2024-10-10', 0, { measure: 'sentence', unit: 'duration', duration, subject });
  const groups = groupFigures([s('a', 'Ramiro Etxeberri Salcedo', 'P3Y6M'), s('b', 'Echeberri', 'P3Y'), s('c', 'Etxeberri', 'P3Y6M'), s('d', 'Dora Villca', 'P2Y')]);
  assert.deepEqual(groups.map((g) => [g.verdict, g.values, g.articles]), [['conflict', ['P3Y6M', 'P3Y'], 3], ['agree', ['P2Y'], 1]]);
});

test('figure groups: police and civilians are different counts; figures with no place, date or running total stay out', () => {
  const groups = groupFigures([
    rec('a', 'A', '2024-11-11', 23, { measure: 'injured', subject: 'officers', place: 'Varo', date: '2024-11-10' }),
    rec('b', 'B', '2024-11-11', 47, { measure: 'injured', subject: 'people', place: 'Varo', date: '2024-11-10' }),
    rec('c', 'C', '2024-11-11', 5),
    rec('d', 'D', '2024-11-11', 5, { measure: 'other', place: 'Varo' }),
  ]);
  assert.deepEqual(groups.map((g) => [g.key, g.verdict]), [['injured||varo|people|point|2024-11-10', 'agree'], ['injured||varo|security|point|2024-11-10', 'agree']]);
});
