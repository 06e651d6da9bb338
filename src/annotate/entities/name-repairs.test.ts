/** Person names cut out of the organization spans that wrap them, on fictional sentences. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCuedSurnames, extendByGivenNames, splitHeadedNames } from './name-repairs.ts';
import type { NameSpan } from './typing.ts';

/** The words of one sentence and a span over `first`..`last` (inclusive) of them. */
function spanOf(sentence: string, first: string, last: string, type: string): { forms: string[][]; span: NameSpan } {
  const words = sentence.split(' ');
  return { forms: [words], span: { s: 0, start: words.indexOf(first), end: words.lastIndexOf(last) + 1, type } };
}

const text = (forms: string[][], spans: NameSpan[]) => spans.map((m) => `${forms[m.s]!.slice(m.start, m.end).join(' ')}/${m.type}`);

test('headed names: "Gobierno de X Y" is the organization and the person; the portfolio after "of the" goes with the role', () => {
  const government = spanOf('las medidas del Gobierno de Aurelio Quintana Roca fueron criticadas', 'Gobierno', 'Roca', 'ORG');
  assert.deepEqual(text(government.forms, splitHeadedNames([government.span], government.forms)), ['Gobierno/ORG', 'Aurelio Quintana Roca/PER']);
  const office = spanOf('said Under Secretary of the Interior Tobías Arrieta on Monday', 'Interior', 'Arrieta', 'ORG');
  assert.deepEqual(text(office.forms, splitHeadedNames([office.span], office.forms)), ['Tobías Arrieta/PER']);
  const ministro = spanOf('el ministro de Defensa Rolando Ibáñez llegó', 'Defensa', 'Ibáñez', 'MISC');
  assert.deepEqual(text(ministro.forms, splitHeadedNames([ministro.span], ministro.forms)), ['Rolando Ibáñez/PER']);
});

test('headed names: organizations that only look like it stay whole', () => {
  for (const [sentence, first, last] of [
    // a government of a place, not of a person
    ['el Gobierno de Ciudad Vieja anunció', 'Gobierno', 'Vieja'],
    // a ministry's own name
    ['the Ministry of the Interior Affairs Office said', 'Interior', 'Office'],
    // a portfolio word not after "of" / "de": the start of an organization's name
    ['the Justice Reform Commission met', 'Justice', 'Commission'],
    // too short to hide a full name
    ['el Gobierno de Quintana dijo', 'Gobierno', 'Quintana'],
  ] as const) {
    const { forms, span } = spanOf(sentence, first, last, 'ORG');
    assert.deepEqual(splitHeadedNames([span], forms), [span], sentence);
  }
  const person = spanOf('said Interior Minister Tobías Arrieta', 'Tobías', 'Arrieta', 'PER');
  assert.deepEqual(splitHeadedNames([person.span], person.forms), [person.span]);
});

test('headed names: the surname after "de apellido" / "surnamed" is a person, found or retyped', () => {
  const forms = ['murió una persona de apellido Quintanilla en la vía'.split(' '), 'otro , de apellido Saravia Ledesma , no aparece'.split(' '), 'a man surnamed Arrieta was held'.split(' ')];
  const tagged: NameSpan[] = [
    { s: 1, start: 4, end: 6, type: 'ORG' },
    { s: 2, start: 0, end: 1, type: 'MISC' },
  ];
  const out = addCuedSurnames(tagged, forms);
  assert.deepEqual(text(forms, out), ['Quintanilla/PER', 'Saravia Ledesma/PER', 'a/MISC', 'Arrieta/PER']);
  // a sentence without the cue is left alone
  assert.deepEqual(addCuedSurnames([], ['el apellido es común'.split(' ')]), []);
});

test('name repairs: a given name left out before a person is put back when it begins another full name of the article', () => {
  const forms = ['Rosendo Alcides Pumari ( 52 )'.split(' '), 'Rosendo Ibarra Pumari ( 40 )'.split(' '), 'Ayer Ibarra habló'.split(' ')];
  const tagged: NameSpan[] = [
    { s: 0, start: 0, end: 3, type: 'PER' },
    { s: 1, start: 1, end: 3, type: 'PER' },
    { s: 2, start: 1, end: 2, type: 'PER' },
  ];
  // "Ayer" begins no name: "Ibarra" alone stays as tagged
  assert.deepEqual(text(forms, extendByGivenNames(tagged, forms)), ['Rosendo Alcides Pumari/PER', 'Rosendo Ibarra Pumari/PER', 'Ibarra/PER']);
  // a word that is part of another name is not taken
  const joined = [['Rosendo', 'Alcides', 'Pumari']];
  const apart: NameSpan[] = [
    { s: 0, start: 0, end: 1, type: 'ORG' },
    { s: 0, start: 1, end: 3, type: 'PER' },
  ];
  assert.deepEqual(extendByGivenNames(apart, joined), apart);
});
