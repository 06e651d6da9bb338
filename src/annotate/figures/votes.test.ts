import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagTimexes } from '../timex/index.ts';
import { findFigures } from './index.ts';
import { parseDigits } from './numbers.ts';

/** [measure, value, unit] of each figure in a fictional text. */
function read(text: string, language = 'en'): [string, number, string][] {
  const { timexes } = tagTimexes(text, { anchor: '2024-06-14', language });
  return findFigures(text, { language, timexes, published: '2024-06-14' }).figures.map((f) => [f.measure, f.value, f.unit]);
}

test('votes: tallies in every common form', () => {
  const tally = [
    ['votes_for', 101, 'count'],
    ['votes_against', 6, 'count'],
    ['abstentions', 10, 'count'],
  ];
  assert.deepEqual(read('The Lisca assembly passed the bill 101-6-10.'), tally);
  assert.deepEqual(read('El proyecto fue aprobado 101–6–10 en la asamblea de Lisca.', 'es'), tally);
  assert.deepEqual(read('La ley fue aprobada con 101 votos a favor, seis en contra y 10 abstenciones.', 'es'), tally);
  assert.deepEqual(read('The motion was carried by 101 votes to 6.'), [
    ['votes_for', 101, 'count'],
    ['votes_against', 6, 'count'],
  ]);
  assert.deepEqual(read('La reforma fue aprobada por 64 votos contra 30.', 'es'), [
    ['votes_for', 64, 'count'],
    ['votes_against', 30, 'count'],
  ]);
  assert.deepEqual(read('The Norvale council voted 7-2 to close the square.'), [
    ['votes_for', 7, 'count'],
    ['votes_against', 2, 'count'],
  ]);
});

test('votes: a share of the vote, with decimal points or commas, is votes_for', () => {
  assert.deepEqual(read("In the Norvale election, Ana Ostin led with 45.3 percent to Iker Vell's 38.2 percent."), [
    ['votes_for', 45.3, 'percent'],
    ['votes_for', 38.2, 'percent'],
  ]);
  assert.deepEqual(read('La alianza obtuvo el 45,28% de los votos, frente al 30,1% del partido de Vell.', 'es'), [
    ['votes_for', 45.28, 'percent'],
    ['votes_for', 30.1, 'percent'],
  ]);
  assert.deepEqual(read('Ostin ganó con el 96,78 % de los votos.', 'es'), [['votes_for', 96.78, 'percent']]);
  assert.deepEqual(read('Resultados de la elección en Lisca:\nAna Ostin 52,40%\nIker Vell 41,05%', 'es'), [
    ['votes_for', 52.4, 'percent'],
    ['votes_for', 41.05, 'percent'],
  ]);
  assert.deepEqual(read('The share of votes in support of Vell stayed at 36.51 percent.'), [['votes_for', 36.51, 'percent']]);
});

test('votes: the count done, the turnout, a margin and a threshold are no share of the vote', () => {
  assert.deepEqual(read('With 83 percent of the vote counted, Ostin led the Norvale election.'), [['other', 83, 'percent']]);
  assert.deepEqual(read('The turnout at the election was 88.31 percent.'), [['other', 88.31, 'percent']]);
  assert.deepEqual(read('En la elección, la diferencia entre ambos candidatos es de 9,48%.', 'es'), [['other', 9.48, 'percent']]);
  assert.deepEqual(read('El conteo de la elección llegó al 98,35% de las actas escrutadas.', 'es'), [['other', 98.35, 'percent']]);
  assert.deepEqual(read('To win the election outright, Ostin needed more than 40 percent of the vote.'), [['votes_needed', 40, 'percent']]);
  // Outside a vote a percentage is still what it was.
  assert.deepEqual(read('Inflation in Norvale reached 4.5%.'), [['other', 4.5, 'percent']]);
});

test('votes: hyphenated numbers outside a vote are no tally', () => {
  assert.deepEqual(read('The Norvale side won the final 3-1 after extra time.'), []);
  assert.deepEqual(read('Call 555-123-4567 for tickets.'), []);
});

test('votes: vote counts with mixed separators ("2.213,616 votos")', () => {
  assert.equal(parseDigits('2.213,616', 'es'), 2213616);
  assert.equal(parseDigits('2,780,966', 'es'), 2780966);
  assert.equal(parseDigits('1.234,5', 'es'), 1234.5);
  assert.deepEqual(read('Iker Vell obtenía 37,01% con 2.213,616 votos.', 'es'), [
    ['votes_for', 37.01, 'percent'],
    ['votes_for', 2213616, 'count'],
  ]);
});
