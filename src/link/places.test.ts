import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryCode, resolvePlace, within } from './places.ts';
import { type FigureRecord, groupFigures } from './figure-groups.ts';

test('places: a city sits inside its division inside its country; a seat stands for its division; unknown names stay local', () => {
  const city = resolvePlace('Quillacollo', ['BO']);
  const division = resolvePlace('Cochabamba', ['BO']);
  const country = resolvePlace('Bolivia');
  assert.deepEqual([city.level, division.level, country.level], ['city', 'region', 'country']);
  assert.ok(within(city, division) && within(division, country) && within(city, country));
  assert.ok(!within(country, city) && !within(resolvePlace('Quito', ['EC']), country));
  assert.equal(countryCode('Bolivia'), 'BO');
  assert.equal(countryCode('Colombia'), 'CO');
  // An invented place is local, placed in the article's country; without a country it has none.
  assert.deepEqual(resolvePlace('Chaupimayo', ['BO']), { key: 'BO..chaupimayo', level: 'local', country: 'BO', region: null });
  assert.equal(resolvePlace('Tumbá').level, 'local');
  // Title-case headline words around a known name do not hide it.
  assert.equal(resolvePlace('Bolivia Protests Against Interim').key, 'BO');
});

test('figure groups: a count for a division joins the only city count inside it; a national count stays apart', () => {
  const rec = (id: string, value: number, place: string, ref: string): FigureRecord => {
    const node = resolvePlace(place, ['BO']);
    return { articleId: id, outlet: id, reported: ref, measure: 'killed', value, unit: 'count', place, placeKey: node.key, placeLevel: node.level, placeName: place, ref, refFrom: 'article' };
  };
  const groups = groupFigures([rec('a', 5, 'Quillacollo', '2024-02-01'), rec('b', 8, 'Cochabamba', '2024-02-02'), rec('c', 30, 'Bolivia', '2024-02-02'), rec('d', 34, 'Bolivia', '2024-02-05')]);
  assert.deepEqual(
    groups.map((g) => [g.key, g.verdict, g.values]),
    [
      ['killed||BO.02.quillacollo|people|2024-02-01', 'evolving', ['5', '8']],
      ['killed||BO|people|2024-02-02', 'evolving', ['30', '34']],
    ],
  );
});

test("places: a province no town is named after is a region of its country, with or without the article's country", () => {
  assert.deepEqual(resolvePlace('Apurímac'), { key: 'PE.iso-APU', level: 'region', country: 'PE', region: 'iso-APU' });
  assert.ok(within(resolvePlace('Pastaza', ['EC']), resolvePlace('Ecuador')));
  // A seat that shares its division's name stays the division of the gazetteer of cities.
  assert.equal(resolvePlace('Arequipa', ['PE']).key, 'PE.04');
});
