import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { foldPlace, loadPlaceNames } from './place-names.ts';
import { retypeNames, type NameSpan } from './typing.ts';

const places = loadPlaceNames();

/**
 * Invented sentences with names in brackets and the tagger's type after them: "[Azuay]PER". Returns the token forms
 * (split on spaces) and the spans; `retyped` gives each name's type after the prior.
 */
function parse(sentences: string[]): { forms: string[][]; spans: NameSpan[]; names: string[] } {
  const forms: string[][] = [];
  const spans: NameSpan[] = [];
  const names: string[] = [];
  sentences.forEach((sentence, s) => {
    const words: string[] = [];
    for (const part of sentence.split(/(\[[^\]]+\][A-Z]+)/).filter((p) => p.trim() !== '')) {
      const named = /^\[([^\]]+)\]([A-Z]+)$/.exec(part);
      const tokens = (named ? named[1]! : part).trim().split(/\s+/);
      if (named) {
        spans.push({ s, start: words.length, end: words.length + tokens.length, type: named[2]! });
        names.push(named[1]!);
      }
      words.push(...tokens);
    }
    forms.push(words);
  });
  return { forms, spans, names };
}

const retyped = (...sentences: string[]): string[] => {
  const { forms, spans, names } = parse(sentences);
  retypeNames(spans, forms, places);
  return spans.map((m, i) => `${names[i]} ${m.type}`);
};

test('place names: countries in English and Spanish, ISO regions with and without "El", cities; accents folded', () => {
  assert.equal(places.kindOf(foldPlace('Bolivia')), 'country');
  assert.equal(places.kindOf(foldPlace('Perú')), 'country');
  assert.equal(places.kindOf(foldPlace('Germany')), 'country');
  assert.equal(places.kindOf(foldPlace('Alemania')), 'country');
  assert.equal(places.kindOf(foldPlace('AZUAY')), 'region');
  assert.equal(places.kindOf(foldPlace('Beni')), 'region');
  assert.equal(places.kindOf(foldPlace('Valle del Cauca')), 'region');
  assert.equal(places.kindOf(foldPlace('Otavalo')), 'city');
  assert.equal(places.kindOf(foldPlace('Zumbaqui')), undefined);
  assert.equal(places.kindOf(foldPlace('Paz')), undefined, '"La Paz" keeps its article: "Paz" is a surname');
});

test('typing prior: a known place typed PER or ORG becomes LOC', () => {
  assert.deepEqual(retyped('Los bloqueos siguen en [Azuay]PER y [Cotopaxi]PER .'), ['Azuay LOC', 'Cotopaxi LOC']);
  assert.deepEqual(retyped('[Argentina]ORG cerró la frontera .'), ['Argentina LOC']);
  assert.deepEqual(retyped('Two marchers died in [Otavalo]ORG on Tuesday .'), ['Otavalo LOC']);
  assert.deepEqual(retyped('Los comités del departamento de [Antioquia]ORG marcharon .'), ['Antioquia LOC']);
  assert.deepEqual(retyped('Llegaron a [Tarqui]PER , [Azuay]PER .'), ['Tarqui PER', 'Azuay LOC']);
});

test('typing prior: a title, a role or an institution word before the name keeps it a person or an organization', () => {
  assert.deepEqual(retyped('Lo dijo el alcalde [Trinidad]PER ayer .'), ['Trinidad PER']);
  assert.deepEqual(retyped('Mr. [Washington]PER declined to comment .'), ['Washington PER']);
  assert.deepEqual(retyped('Protestaron en la Universidad de [Antioquia]ORG .'), ['Antioquia ORG']);
  // "Moreno" is an Argentine city, but here it is the surname of the woman named before
  assert.deepEqual(retyped('[Rosa Moreno]PER habló . Luego [Moreno]PER se fue .'), ['Rosa Moreno PER', 'Moreno PER']);
});

test('typing prior: a city named as an organization stays one without a place cue (teams and clubs)', () => {
  assert.deepEqual(retyped('[Barcelona]ORG ganó al [Sevilla]ORG .'), ['Barcelona ORG', 'Sevilla ORG']);
  assert.deepEqual(retyped('El gol del [Valencia]ORG llegó tarde .'), ['Valencia ORG']);
  assert.deepEqual(retyped('[Chicago]ORG beat [Boston]ORG 4-2 .'), ['Chicago ORG', 'Boston ORG']);
});

test('typing prior: a coordinated list takes its majority type, but not over a full person name', () => {
  assert.deepEqual(retyped('Hubo bloqueos en [Oruro]LOC , [Pando]LOC , [Zumbaqui]PER y [Tarija]LOC .'), [
    'Oruro LOC', 'Pando LOC', 'Zumbaqui LOC', 'Tarija LOC',
  ]);
  assert.deepEqual(retyped('Firmaron [Oruro]LOC , [Pando]LOC y [Ana Quispe]PER .'), ['Oruro LOC', 'Pando LOC', 'Ana Quispe PER']);
  // commas without a conjunction are an apposition, not a list
  assert.deepEqual(retyped('Vio a [Zumbaqui]PER , [Oruro]LOC , [Pando]LOC , en mayo .'), ['Zumbaqui PER', 'Oruro LOC', 'Pando LOC']);
});

test('typing prior: a name keeps the type most of its mentions have in the article', () => {
  assert.deepEqual(retyped('Marcharon desde [Chaupimayo]LOC .', 'En [Chaupimayo]LOC hubo heridos .', 'Según [Chaupimayo]PER , no .'), [
    'Chaupimayo LOC', 'Chaupimayo LOC', 'Chaupimayo LOC',
  ]);
  // the vote does not undo a first name
  assert.deepEqual(retyped('[Ana Tupac]ORG .', '[Ana Tupac]ORG .', '[Ana Tupac]PER habló .'), ['Ana Tupac ORG', 'Ana Tupac ORG', 'Ana Tupac PER']);
});

test('typing prior: an institution word or an all-caps acronym outside a headline is an organization', () => {
  assert.deepEqual(retyped('Según [Andes Rights Watch]PER , hubo abusos .'), ['Andes Rights Watch ORG']);
  assert.deepEqual(retyped('El partido [MTQ]PER anunció su retiro .'), ['MTQ ORG']);
  // a headline in capitals, and a name the article also writes in title case, stay people
  assert.deepEqual(retyped('[TUPAC]PER WINS .'), ['TUPAC PER']);
  assert.deepEqual(retyped('[ROJO]PER habló .', 'Luego [Rojo]PER se fue .'), ['ROJO PER', 'Rojo PER']);
});

test('typing prior: any tokens and spans, nothing throws and every span keeps a type', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.nat(), (forms, seed) => {
      const spans: NameSpan[] = [];
      forms.forEach((f, s) => {
        for (let i = seed % 2; i < f.length; i += 2) spans.push({ s, start: i, end: i + 1, type: ['PER', 'ORG', 'LOC', 'MISC'][(seed + i) % 4]! });
      });
      retypeNames(spans, forms, places);
      assert.ok(spans.every((m) => ['PER', 'ORG', 'LOC', 'MISC'].includes(m.type)));
    }),
  );
});
