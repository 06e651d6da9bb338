import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntityMention } from '../../core/doc.ts';
import { tagTimexes } from '../timex/index.ts';
import { type FigureFact, findFigures } from './index.ts';

/** The figures of a fictional text that are not `other`. */
function figs(text: string, language = 'en', entities: EntityMention[] = []): FigureFact[] {
  const { timexes } = tagTimexes(text, { anchor: '2024-06-14', language });
  return findFigures(text, { language, timexes, entities, published: '2024-06-14' }).figures.filter((f) => f.measure !== 'other');
}
const mv = (text: string, language = 'en', entities: EntityMention[] = []) => figs(text, language, entities).map((f) => [f.measure, f.value]);

test('counts: numbers in words in both languages, ranges and approximations', () => {
  assert.deepEqual(mv('Diecisiete personas murieron y veintitrés resultaron heridas en Lisca.', 'es'), [
    ['killed', 17],
    ['injured', 23],
  ]);
  assert.deepEqual(mv('One hundred and one people were detained in Norvale.'), [['detained', 101]]);
  assert.deepEqual(mv('Doscientos manifestantes fueron detenidos en Ostrel.', 'es'), [['detained', 200]]);
  const range = figs('Entre 20 y 25 personas murieron en Lisca.', 'es')[0]!;
  assert.deepEqual([range.value, range.high, range.approx], [20, 25, undefined]);
  const about = figs('About 2000 protesters marched through Norvale on Tuesday.')[0]!;
  assert.deepEqual([about.measure, about.value, about.approx, about.subject?.text], ['protesters', 2000, 'about', 'protesters']);
  assert.deepEqual(mv('La Fiscalía había documentado una veintena de muertes en Lisca.', 'es'), [['killed', 20]]);
  assert.deepEqual(mv('Se registraron 11 fallecidos y 1 340 heridos en Ostrel.', 'es'), [
    ['killed', 11],
    ['injured', 1340],
  ]);
});

test('counts: deaths told without the usual words', () => {
  assert.deepEqual(mv('Al menos 11 civiles perdieron la vida en Lisca.', 'es'), [['killed', 11]]);
  assert.deepEqual(mv('The unrest has claimed at least 30 lives since the vote.'), [['killed', 30]]);
  assert.deepEqual(mv('La represión se cobró la vida de al menos siete personas.', 'es'), [['killed', 7]]);
  assert.deepEqual(mv('Al menos 10 civiles, todos campesinos, fueron asesinados en Ostrel.', 'es'), [['killed', 10]]);
  assert.deepEqual(mv('El informe revela 83 homicidios durante el paro.', 'es'), [['killed', 83]]);
  assert.deepEqual(mv('Se había manejado la cifra de ocho decesos.', 'es'), [['killed', 8]]);
  assert.deepEqual(mv('La protesta ya deja una víctima mortal.', 'es'), [['killed', 1]]);
  assert.deepEqual(mv('A police officer and two other people were killed in Lisca.'), [['killed', 3]]);
  const named = 'Las marchas siguieron tras la muerte de Efraín Ostos en Lisca.';
  const start = named.indexOf('Efraín');
  assert.deepEqual(mv(named, 'es', [{ start, end: start + 'Efraín Ostos'.length, text: 'Efraín Ostos', type: 'PER', confidence: 0.9 } as EntityMention]), [['killed', 1]]);
});

test('counts: a count named earlier in the sentence, a change, another counter, a part of a total', () => {
  assert.deepEqual(mv('La oficina contó tres muertos al mediodía, y al anochecer la cifra subió a cinco.', 'es'), [
    ['killed', 3],
    ['killed', 5],
  ]);
  assert.deepEqual(mv('In Norvale the toll keeps climbing, and the newest tally puts the number at 23.'), [['killed', 23]]);
  assert.deepEqual(mv('En Lisca los retenidos por el toque de queda aumentaron de 430 a 592.', 'es'), [
    ['detained', 430],
    ['detained', 592],
  ]);
  assert.deepEqual(mv('La oficina cuenta seis personas fallecidas, mientras que el Ministerio registra cuatro.', 'es'), [
    ['killed', 6],
    ['killed', 4],
  ]);
  const found = figs('Desde que empezó el conflicto hubo 32 fallecidos. De este total, 18 murieron en Lisca.', 'es');
  assert.deepEqual(
    found.map((f) => [f.measure, f.value]),
    [
      ['killed', 32],
      ['killed', 18],
    ],
  );
  assert.deepEqual(found[0]!.parts, undefined);
  assert.deepEqual(mv('Of those killed, four were from Norvale and three from Ostrel.'), [
    ['killed', 4],
    ['killed', 3],
  ]);
});

test('counts: people treated and eye injuries are injured, not killed', () => {
  assert.deepEqual(mv('La oficina contabilizó 8 fallecidos y 1.340 personas que recibieron atención médica.', 'es'), [
    ['killed', 8],
    ['injured', 1340],
  ]);
  assert.deepEqual(mv('Se registraron 464 víctimas de trauma ocular.', 'es'), [['injured', 464]]);
  assert.deepEqual(mv('The report puts deaths at 8 and those treated in hospitals at 1,340.'), [
    ['killed', 8],
    ['injured', 1340],
  ]);
});

test('counts: what is counted stays in subject ("one police officer", "16 civilians", "menores")', () => {
  const found = figs('At least 17 people died, 16 civilians and one police officer, in Norvale.');
  assert.deepEqual(
    found.map((f) => [f.value, f.subject?.text]),
    [
      [17, 'people'],
      [16, 'civilians'],
      [1, 'police officer'],
    ],
  );
  assert.equal(figs('Un agente murió en Lisca.', 'es')[0]?.subject?.text, 'agente');
  assert.equal(figs('Tres menores fueron detenidos.', 'es')[0]?.subject?.text, 'menores');
});

/** Phrases that hold a number but must yield no death toll. */
const noToll: [string, string][] = [
  ['About 2000 protesters gathered for the funeral in Lisca.', 'en'],
  ['One police officer was injured in the clashes.', 'en'],
  ['Un informe de la oficina llegó el lunes.', 'es'],
  ['La autopsia de una persona fue aplazada.', 'es'],
  ['The office reviewed 20 reports of deaths.', 'en'],
  ['Las víctimas: Ana Rulfo Quispe (23), Tadeo Brun (31).', 'es'],
  ['Doctors saved 30 lives in the Lisca hospital.', 'en'],
  ['In 2019 protesters marched in Norvale.', 'en'],
  ['Fueron muertos con escopeta, con bala (calibre) 22, según el forense.', 'es'],
  ['Se registraron 17 denuncias por homicidio frustrado en Lisca.', 'es'],
  ['Police in Ostrel opened 4 cases of attempted murder.', 'en'],
];
for (const [text, language] of noToll) {
  test(`counts: no death toll in ${JSON.stringify(text)}`, () => {
    const entities: EntityMention[] = [];
    for (const name of ['Ana Rulfo Quispe', 'Tadeo Brun']) {
      const at = text.indexOf(name);
      if (at >= 0) entities.push({ start: at, end: at + name.length, text: name, type: 'PER', confidence: 0.9 } as EntityMention);
    }
    assert.deepEqual(
      figs(text, language, entities)
        .filter((f) => f.measure === 'killed')
        .map((f) => f.text),
      [],
    );
  });
}

test('counts: people held ("la retención de 23") are a detention count, not the measure of the sentence before', () => {
  assert.deepEqual(mv('El ministerio dijo que 12 policías resultaron heridos en Lisca. Luego informó de la retención de 23 guardias.', 'es'), [
    ['injured', 12],
    ['detained', 23],
  ]);
});
