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
  assert.deepEqual(retyped('Hubo bloqueos en [Oruro]LOC , [Pando]LOC , [Zumbaqui]PER y [Tarija]LOC .'), ['Oruro LOC', 'Pando LOC', 'Zumbaqui LOC', 'Tarija LOC']);
  assert.deepEqual(retyped('Firmaron [Oruro]LOC , [Pando]LOC y [Ana Quispe]PER .'), ['Oruro LOC', 'Pando LOC', 'Ana Quispe PER']);
  // commas without a conjunction are an apposition, not a list
  assert.deepEqual(retyped('Vio a [Zumbaqui]PER , [Oruro]LOC , [Pando]LOC , en mayo .'), ['Zumbaqui PER', 'Oruro LOC', 'Pando LOC']);
});

test('typing prior: a name keeps the type most of its mentions have in the article', () => {
  assert.deepEqual(retyped('Marcharon desde [Chaupimayo]LOC .', 'En [Chaupimayo]LOC hubo heridos .', 'Según [Chaupimayo]PER , no .'), ['Chaupimayo LOC', 'Chaupimayo LOC', 'Chaupimayo LOC']);
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

test('typing prior: an organization noun before or in an apposition after a name makes it an organization', () => {
  assert.deepEqual(retyped('Lo informó el diario [Tintero]MISC ayer .'), ['Tintero ORG']);
  assert.deepEqual(retyped('Según la ONG , [Sismos]MISC , hubo abusos .'), ['Sismos ORG']);
  assert.deepEqual(retyped('[Sismos]MISC , un grupo no gubernamental que cuenta víctimas , habló .'), ['Sismos ORG']);
  assert.deepEqual(retyped('[Paxfor]PER , a nongovernmental organization based in Tumbá , said so .'), ['Paxfor ORG']);
  // not a person after the noun, not an English compound, not "a group of" people, not the name the apposition gives
  assert.deepEqual(retyped('Habló la empresa [Ana Quispe]PER .'), ['Ana Quispe PER']);
  assert.deepEqual(retyped('[Ana]PER , the party leader , spoke .'), ['Ana PER']);
  assert.deepEqual(retyped('Near [Tumbá]LOC , a group of boys waited .'), ['Tumbá LOC']);
  assert.deepEqual(retyped('[Ana]PER , [Rosa]PER y [Eva]PER , el grupo Trino , cantaron .'), ['Ana PER', 'Rosa PER', 'Eva PER']);
});

test('typing prior: a name in parentheses after a dateline is the agency; after an organization, its abbreviation', () => {
  assert.deepEqual(retyped('QUITO , Oct. 13 ( [Noticel]LOC ) -- Two died .'), ['Noticel ORG']);
  assert.deepEqual(retyped('LIMA ( [Noticel]PER ) — Dos murieron .'), ['Noticel ORG']);
  // a story code with digits, parentheses that do not follow a known place, a known place in parentheses
  assert.deepEqual(retyped('LIMA ( [PM2041]MISC ) .'), ['PM2041 MISC']);
  assert.deepEqual(retyped('EL CRONISTA ( [Tumbá Norte]LOC ) - Dos murieron .'), ['Tumbá Norte LOC']);
  assert.deepEqual(retyped('El [Instituto de Paz del Sur]ORG ( [Inpasur]PER ) informó .'), ['Instituto de Paz del Sur ORG', 'Inpasur ORG']);
  assert.deepEqual(retyped('Ganó el [Club Estrella Roja]ORG ( [Zumbaqui]LOC ) .'), ['Club Estrella Roja ORG', 'Zumbaqui LOC']);
});

test('typing prior: a name headed by a place word before a known place, or by an administrative word, is a place', () => {
  assert.deepEqual(retyped('Murieron en el [Valle de Oaxaca]ORG .'), ['Valle de Oaxaca LOC']);
  assert.deepEqual(retyped('Es intendenta de la [Región Centralina]MISC .'), ['Región Centralina LOC']);
  // a ministry and a military region are bodies; a land word without a known place may be a club
  assert.deepEqual(retyped('Lo dijo el [Departamento de Estado]ORG .'), ['Departamento de Estado ORG']);
  assert.deepEqual(retyped('Según la [Región Militar Norteña]ORG , no .'), ['Región Militar Norteña ORG']);
  assert.deepEqual(retyped('Ganó el [Cerro Trinitario]ORG .'), ['Cerro Trinitario ORG']);
});

test('typing prior: a place noun before an unknown one-word "person", and a place cue before a pair, say place', () => {
  assert.deepEqual(retyped('Hubo heridos en el puente de [Chaupimayo]PER .'), ['Chaupimayo LOC']);
  assert.deepEqual(retyped('Recordaron la masacre de [Ana Quispe]PER .'), ['Ana Quispe PER']);
  assert.deepEqual(retyped('Hubo cortes en sectores de [Chaupimayo]ORG y [Otavalo]ORG .'), ['Chaupimayo ORG', 'Otavalo LOC']);
  assert.deepEqual(retyped('[Otavalo]ORG y [Chaupimayo]ORG empataron .'), ['Otavalo ORG', 'Chaupimayo ORG']);
  // a role in a body the tagger took for a place: "el director de" the police force
  assert.deepEqual(retyped('Habló el director de [Vigilantes]LOC , Ana Ruiz .'), ['Vigilantes ORG']);
  assert.deepEqual(retyped('Habló el director de [Bolivia]LOC .'), ['Bolivia LOC']);
});

test('typing prior: a mention whose own words give its type outweighs one bare guess in the article vote', () => {
  assert.deepEqual(retyped('[Sismos]MISC dijo que no .', 'Las cifras de [Sismos]MISC , un grupo no gubernamental , suben .'), ['Sismos ORG', 'Sismos ORG']);
});

test('typing prior: a lone word that ends a full person name of the article is that person', () => {
  assert.deepEqual(retyped('Murió [Ramiro Quelcahuanca]PER .', 'Nadie sabe la edad de [Quelcahuanca]LOC .'), ['Ramiro Quelcahuanca PER', 'Quelcahuanca PER']);
  // not after a particle, not an acronym, not an organization, not a known place
  assert.deepEqual(retyped('Rezó a [Domingo de Silvas]PER .', 'Visitó [Silvas]LOC .'), ['Domingo de Silvas PER', 'Silvas LOC']);
  assert.deepEqual(retyped('Habló [Ana Quelcata]PER .', 'Ganó el [Quelcata]ORG .'), ['Ana Quelcata PER', 'Quelcata ORG']);
  assert.deepEqual(retyped('Habló [Ana Quito]PER .', 'Llegó a [Quito]LOC .'), ['Ana Quito PER', 'Quito LOC']);
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
