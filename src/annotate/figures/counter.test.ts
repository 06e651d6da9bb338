import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntityMention } from '../../core/doc.ts';
import { tagTimexes } from '../timex/index.ts';
import { findFigures } from './index.ts';

/** [value, counter text] of each figure that is not `other` in a fictional text. */
function counters(text: string, language = 'en', entities: EntityMention[] = []): [number, string | undefined][] {
  const { timexes } = tagTimexes(text, { anchor: '2024-06-14', language });
  return findFigures(text, { language, timexes, entities, published: '2024-06-14' })
    .figures.filter((f) => f.measure !== 'other')
    .map((f) => [f.value, f.counter?.text]);
}
const entity = (text: string, name: string, type: EntityMention['type']): EntityMention => {
  const start = text.indexOf(name);
  return { start, end: start + name.length, text: name, type, tokenStart: 0, tokenEnd: 0, confidence: 0.9 };
};

test('counter: "según X", "according to X", "de acuerdo con X"', () => {
  assert.deepEqual(counters('Según la Defensoría del Pueblo, 12 personas murieron en Lisca.', 'es'), [[12, 'la Defensoría del Pueblo']]);
  assert.deepEqual(counters('At least 42 people have been killed in Norvale, according to the ombudsman.'), [[42, 'the ombudsman']]);
  assert.deepEqual(counters('De acuerdo con datos de la Fiscalía, 30 personas fueron detenidas.', 'es'), [[30, 'la Fiscalía']]);
  assert.deepEqual(counters('Forty people were injured, according to the Inter-Valley Health Commission.'), [[40, 'the Inter-Valley Health Commission']]);
});

test('counter: the subject of a reporting verb, before it or after it', () => {
  assert.deepEqual(counters('The ombudsman said 12 people had died in Ostrel.'), [[12, 'The ombudsman']]);
  assert.deepEqual(counters('Five residents of Ostrel have died in the floods, the regional ombudsman’s office said Friday.'), [[5, 'the regional ombudsman’s office']]);
  assert.deepEqual(counters('Doce personas murieron en Lisca, informó la Fiscalía.', 'es'), [[12, 'la Fiscalía']]);
  assert.deepEqual(counters('La Alianza de Organizaciones por la Paz documentó 296 civiles heridos.', 'es'), [[296, 'La Alianza de Organizaciones por la Paz']]);
  assert.deepEqual(counters('Hasta ahora el balance deja siete fallecidos, según informó el Ministerio del Interior.', 'es'), [[7, 'el Ministerio del Interior']]);
  assert.deepEqual(counters('El número de fallecidos aumentó a siete, informó hoy la Oficina del Defensor.', 'es'), [[7, 'la Oficina del Defensor']]);
  assert.deepEqual(counters('El Instituto de Ciencias Forenses (ICF) confirmó la muerte de ocho personas.', 'es'), [[8, 'El Instituto de Ciencias Forenses (ICF)']]);
  assert.deepEqual(counters('Las autoridades citaron ocho decesos, con datos brindados por la Oficina del Defensor.', 'es'), [[8, 'la Oficina del Defensor']]);
});

test('counter: two counters in one sentence each keep their own figure', () => {
  const text = 'La oficina del defensor cuenta seis personas fallecidas en Lisca, mientras que el Ministerio del Interior registra cuatro.';
  assert.deepEqual(counters(text, 'es'), [
    [6, 'La oficina del defensor'],
    [4, 'el Ministerio del Interior'],
  ]);
  const both = 'La Defensoría del Pueblo informó de tres muertos por la mañana, y por la tarde la cifra subió a cinco.';
  assert.deepEqual(counters(both, 'es'), [
    [3, 'La Defensoría del Pueblo'],
    [5, 'La Defensoría del Pueblo'],
  ]);
  assert.deepEqual(counters('Para el Ministerio de Gobierno, los fallecidos son seis.', 'es'), [[6, 'el Ministerio de Gobierno']]);
});

test('counter: none when the sentence names no one, and never a place or a sentence-initial word', () => {
  assert.deepEqual(counters('Twelve people died in Lisca on Monday.'), [[12, undefined]]);
  assert.deepEqual(counters('Ayer informó que 12 personas murieron.', 'es'), [[12, undefined]]);
  const text = 'En Norvale informaron 12 muertos.';
  assert.deepEqual(counters(text, 'es', [entity(text, 'Norvale', 'LOC')]), [[12, undefined]]);
  const named = 'Cifras dijo el martes que 40 personas han sido asesinadas.';
  assert.deepEqual(counters(named, 'es', [entity(named, 'Cifras', 'ORG')]), [[40, 'Cifras']]);
});
