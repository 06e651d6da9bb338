/** Entity resolution across articles, on small fictional articles whose mentions are written by hand. */
import assert from 'node:assert/strict';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { Doc, EntityMention, EntityType, RoleFact } from '../core/doc.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { repositoryEngines } from '../../test/helpers/postgres.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { namePairKeys } from '../core/names.ts';
import { foldName, localNames, personShaped, roleKey, samePerson, withoutTitles } from './entity-names.ts';
import { linkArticles } from './link-articles.ts';

type Spec = [text: string, type: EntityType, refersTo?: string];

/** A doc whose text is its mentions in a row; `refersTo` names an earlier mention's text; roles are [mention text, role]. */
function makeDoc(label: string, mentions: Spec[], roles: [string, string][] = []): Doc {
  let text = `${label}: `;
  const entities: EntityMention[] = [];
  for (const [surface, type, refersTo] of mentions) {
    const start = text.length;
    text += `${surface}. `;
    const mention: EntityMention = { start, end: start + surface.length, text: surface, type, tokenStart: 0, tokenEnd: 0, confidence: 0.9 };
    if (refersTo) mention.refersTo = entities.findIndex((e) => e.text === refersTo);
    entities.push(mention);
  }
  const roleFacts: RoleFact[] = roles.map(([surface, role]) => {
    const entity = entities.findIndex((e) => e.text === surface);
    return { entity, role, start: entities[entity]!.start, end: entities[entity]!.end, text: surface };
  });
  const contentHash = createHash('sha256').update(text).digest('hex');
  return {
    id: contentHash.slice(0, 16),
    contentHash,
    text,
    sourceMap: [],
    messages: [],
    entities,
    roles: roleFacts,
    meta: {
      title: label,
      outlet: 'The Fictional Post',
      authors: [],
      translator: null,
      published: '2025-11-01',
      datelinePlace: null,
      language: 'en',
      source: label,
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
  };
}

const corpus = (): Doc[] => [
  makeDoc('a', [
    ['Ramiro Etxeberri Salcedo', 'PER'],
    ['Etxeberri', 'PER', 'Ramiro Etxeberri Salcedo'],
    ['Antuvia', 'LOC'],
  ]),
  makeDoc('b', [
    ['Ramiro Etxeberri', 'PER'],
    ['Antúvia', 'LOC'],
    ['Etxeberri', 'PER', 'Ramiro Etxeberri'],
  ]),
  makeDoc('c', [
    ['Etxeberri', 'PER'],
    ['Lucía Marván', 'PER'],
    ['Pablo Marván', 'PER'],
  ]),
  makeDoc('d', [
    ['Marván', 'PER'],
    ['Jeanine Olmedo', 'PER'],
  ]),
  makeDoc(
    'e',
    [
      ['Jenine Olmedo', 'PER'],
      ['Tomás Quiroga Bello', 'PER'],
    ],
    [['Tomás Quiroga Bello', 'ambassador']],
  ),
  makeDoc(
    'f',
    [
      ['Tomás Andrés Bello Quiroga', 'PER'],
      ['Bello', 'PER', 'Tomás Andrés Bello Quiroga'],
    ],
    [['Tomás Andrés Bello Quiroga', 'the Ruvian ambassador in Antuvia']],
  ),
  makeDoc(
    'g',
    [
      ['Tomás Ferrer', 'PER'],
      ['Supreme Court', 'ORG'],
      ['Supreme Court of Antuvia', 'ORG'],
    ],
    [['Tomás Ferrer', 'ambassador']],
  ),
  makeDoc(
    'h',
    [
      ['Elías Nicanor Sulca', 'PER'],
      ['Elías Benigno Sulca', 'PER'],
    ],
    [
      ['Elías Nicanor Sulca', 'ambassador'],
      ['Elías Benigno Sulca', 'ambassador'],
    ],
  ),
];

/** A doc with a headline line (its title) above a body line; `refersTo` names an earlier mention's text in either. */
function headlined(title: string, inTitle: Spec[], body: Spec[]): Doc {
  const doc = makeDoc(title, [...inTitle, ...body]);
  // The same mentions, the headline's on the title line and the body's below it.
  let text = '';
  const place = (m: EntityMention, at: number) => ({ ...m, start: at, end: at + m.text.length });
  const entities: EntityMention[] = [];
  const titleLine = inTitle.map(([surface]) => surface).join(' and ');
  for (const [i, [surface]] of inTitle.entries()) entities.push(place(doc.entities![i]!, titleLine.indexOf(surface)));
  text = `${titleLine}\n\nIn the body, `;
  for (const [i] of body.entries()) {
    const m = doc.entities![inTitle.length + i]!;
    entities.push(place(m, text.length));
    text += `${m.text} said so. `;
  }
  const contentHash = createHash('sha256').update(text).digest('hex');
  return { ...doc, id: contentHash.slice(0, 16), contentHash, text, entities, meta: { ...doc.meta, title: titleLine, source: title } };
}

/** Names that headlines, titles and slips of the pen make hard to link. */
const hard = (): Doc[] => [
  headlined('h1', [['Puerto Quilla Daily Claims', 'ORG']], [['Quilla', 'LOC']]),
  makeDoc('h2', [
    ['Puerto Quilla', 'PER'],
    ['Ramiro Etxeberri', 'PER'],
  ]),
  headlined(
    'h3',
    [['Etxeberri Manhunt', 'PER']],
    [
      ['Etxeberri', 'PER', 'Etxeberri Manhunt'],
      ['Ramiro Etxeberri', 'PER'],
    ],
  ),
  makeDoc('h4', [
    ['Mr Etxeberri', 'PER'],
    ['Congresswoman Valeria Ugarte Dávila', 'PER'],
    ['Ramiro Echeberri', 'PER'],
  ]),
  makeDoc('h5', [
    ['Valeria Ugarte Dávila', 'PER'],
    ['Ramiro Etxeberri', 'PER'],
    ['Daniela Quiroga', 'PER'],
  ]),
  makeDoc('h6', [
    ['Daniel Quiroga', 'PER'],
    ['Sebastián Ugarte Pons', 'PER'],
  ]),
];

/** Two-word names that end full names: one person's, two siblings', and one that a longer name takes back. */
const tails = (): Doc[] => [
  makeDoc('t1', [['Florencio Mamani Quispe', 'PER']]),
  makeDoc('t2', [
    ['Mamani Quispe', 'PER'],
    ['Lucía Ugarte Dávila', 'PER'],
  ]),
  makeDoc('t3', [
    ['Ugarte Dávila', 'PER'],
    ['Rosa Ugarte Dávila', 'PER'],
  ]),
  makeDoc('t4', [
    ['Pastor Mendieta', 'PER'],
    ['Jorge Pastor Mendieta', 'PER'],
  ]),
  makeDoc('t5', [['Pastor Mendieta Rojas', 'PER']]),
];

/** Names inside full names: one person's, two relatives', and one that a longer name settles first. */
const shortNames = (): Doc[] => [
  makeDoc('s1', [['Julián Corvalán', 'PER']]),
  makeDoc('s2', [
    ['Julián Tadeo Corvalán Ibarra', 'PER'],
    ['Teófilo Paredes', 'PER'],
  ]),
  makeDoc('s3', [
    ['Teófilo Andrés Paredes', 'PER'],
    ['Teófilo Marcelo Paredes', 'PER'],
  ]),
  makeDoc('s4', [
    ['Teófilo Andrés Paredes Lugo', 'PER'],
    ['Julián Tadeo Corvalán', 'PER'],
  ]),
];

/** Entity linking runs on both engines; each `link` call gets a fresh store. */
let open = repositoryEngines[0]!.open;

async function link(docs: Doc[]) {
  const repository = await open();
  await repository.migrate();
  for (const doc of docs) {
    await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
    await linkArticles(repository, [doc]);
  }
  const entityOf = async (name: string) => (await repository.entitiesNamed(foldName(name)))[0];
  return { repository, entityOf };
}

for (const engine of repositoryEngines) {
  const engineTest = (name: string, fn: () => Promise<void>) =>
    test(`${engine.name} ${name}`, { skip: engine.skip }, async () => {
      open = engine.open;
      await fn();
    });

  engineTest('entities: short forms, accents and a longer full name are one entity; the names it was called are its aliases', async () => {
    const { repository, entityOf } = await link(corpus());
    const ramiro = await entityOf('Ramiro Etxeberri Salcedo');
    assert.equal(await entityOf('Ramiro Etxeberri'), ramiro);
    // A bare "Etxeberri" in an article without the full name joins the only person with that word in their name.
    assert.equal(await entityOf('Etxeberri'), ramiro);
    const detail = (await repository.getEntity(ramiro!))!;
    assert.equal(detail.name, 'Ramiro Etxeberri Salcedo');
    assert.equal(detail.type, 'PER');
    assert.deepEqual(detail.aliases.map((a) => a.text).sort(), ['Etxeberri', 'Ramiro Etxeberri', 'Ramiro Etxeberri Salcedo']);
    assert.equal(detail.articleIds.length, 3);
    assert.equal(await entityOf('Antúvia'), await entityOf('Antuvia'));
    await repository.close();
  });

  engineTest('entities: two people sharing a surname stay apart, and a bare surname between them stays unresolved', async () => {
    const { repository, entityOf } = await link(corpus());
    const lucia = await entityOf('Lucía Marván');
    const pablo = await entityOf('Pablo Marván');
    assert.notEqual(lucia, pablo);
    const bare = await entityOf('Marván');
    assert.notEqual(bare, lucia);
    assert.notEqual(bare, pablo);
    await repository.close();
  });

  engineTest('entities: a spelling variant is the same person; the same role and shared names tie two different namings', async () => {
    const { repository, entityOf } = await link(corpus());
    assert.equal(await entityOf('Jenine Olmedo'), await entityOf('Jeanine Olmedo'));
    assert.equal(await entityOf('Tomás Quiroga Bello'), await entityOf('Tomás Andrés Bello Quiroga'));
    // Same role and first name, but no other name word in common: another person.
    assert.notEqual(await entityOf('Tomás Ferrer'), await entityOf('Tomás Quiroga Bello'));
    // Same role, first name and surname, another middle name in the same place: two people (brothers in one list).
    assert.notEqual(await entityOf('Elías Nicanor Sulca'), await entityOf('Elías Benigno Sulca'));
    assert.notEqual(await entityOf('Supreme Court'), await entityOf('Supreme Court of Antuvia'));
    await repository.close();
  });

  engineTest('entities: a headline run absorbs no one, a title in front is left out, and the name shown is the full name written most', async () => {
    const { repository, entityOf } = await link(hard());
    // "Puerto Quilla Daily Claims" is a headline run: it joins neither the place nor the names inside it.
    assert.notEqual(await entityOf('Puerto Quilla Daily Claims'), await entityOf('Puerto Quilla'));
    const ramiro = (await repository.getEntity((await entityOf('Ramiro Etxeberri'))!))!;
    // The body's "Etxeberri", which the tagger tied to the headline's "Etxeberri Manhunt", is Ramiro's; so are the
    // headline run holding his name, "Mr Etxeberri" and the slip "Ramiro Echeberri".
    assert.deepEqual(ramiro.aliases.map((a) => a.text).sort(), ['Etxeberri', 'Etxeberri Manhunt', 'Mr Etxeberri', 'Ramiro Echeberri', 'Ramiro Etxeberri']);
    assert.equal(ramiro.name, 'Ramiro Etxeberri');
    assert.equal(ramiro.key, 'ramiro etxeberri');
    const valeria = (await repository.getEntity((await entityOf('Valeria Ugarte Dávila'))!))!;
    assert.equal(valeria.name, 'Valeria Ugarte Dávila');
    assert.deepEqual(valeria.aliases.map((a) => a.text).sort(), ['Congresswoman Valeria Ugarte Dávila', 'Valeria Ugarte Dávila']);
    // A father and his daughter share two names but not the first; Daniel and Daniela are two people.
    assert.notEqual(await entityOf('Sebastián Ugarte Pons'), valeria.id);
    assert.notEqual(await entityOf('Daniel Quiroga'), await entityOf('Daniela Quiroga'));
    await repository.close();
  });

  engineTest('entities: a two-word name joins the one person whose full names end with it; between two it stays; a pairwise match takes it back', async () => {
    const { repository, entityOf } = await link(tails());
    assert.equal(await entityOf('Mamani Quispe'), await entityOf('Florencio Mamani Quispe'));
    const [lucia, rosa, both] = [await entityOf('Lucía Ugarte Dávila'), await entityOf('Rosa Ugarte Dávila'), await entityOf('Ugarte Dávila')];
    assert.ok(both !== lucia && both !== rosa && lucia !== rosa, 'siblings share both surnames');
    // "Pastor Mendieta" is "Pastor Mendieta Rojas" shortened: that match wins over the ending of "Jorge Pastor Mendieta".
    assert.equal(await entityOf('Pastor Mendieta'), await entityOf('Pastor Mendieta Rojas'));
    assert.notEqual(await entityOf('Pastor Mendieta'), await entityOf('Jorge Pastor Mendieta'));
    await repository.close();
  });

  engineTest("entities: a name inside one person's full names joins them; inside two people's it stays its own", async () => {
    const { repository, entityOf } = await link(shortNames());
    const julian = await entityOf('Julián Tadeo Corvalán Ibarra');
    assert.equal(await entityOf('Julián Corvalán'), julian);
    assert.equal(await entityOf('Julián Tadeo Corvalán'), julian);
    const [andres, marcelo, either] = [await entityOf('Teófilo Andrés Paredes Lugo'), await entityOf('Teófilo Marcelo Paredes'), await entityOf('Teófilo Paredes')];
    assert.equal(await entityOf('Teófilo Andrés Paredes'), andres);
    assert.ok(either !== andres && either !== marcelo && andres !== marcelo, '"Teófilo Paredes" fits two relatives');
    await repository.close();
  });

  engineTest('entities: the entities do not depend on the order the articles arrive in, and linking twice changes nothing', async () => {
    const snapshot = async (docs: Doc[]) => {
      const { repository, entityOf } = await link(docs);
      await linkArticles(repository, docs);
      const names = [
        'Ramiro Etxeberri Salcedo',
        'Ramiro Etxeberri',
        'Etxeberri',
        'Antuvia',
        'Lucía Marván',
        'Pablo Marván',
        'Marván',
        'Jeanine Olmedo',
        'Jenine Olmedo',
        'Tomás Quiroga Bello',
        'Tomás Andrés Bello Quiroga',
        'Tomás Ferrer',
        'Puerto Quilla',
        'Puerto Quilla Daily Claims',
        'Valeria Ugarte Dávila',
        'Daniel Quiroga',
        'Mamani Quispe',
        'Ugarte Dávila',
        'Pastor Mendieta',
        'Jorge Pastor Mendieta',
        'Julián Corvalán',
        'Julián Tadeo Corvalán',
        'Teófilo Paredes',
        'Teófilo Andrés Paredes',
        'Teófilo Marcelo Paredes',
      ];
      const ids = [];
      for (const n of names) ids.push(await entityOf(n));
      const counts = (await repository.listEntities({ limit: 100 })).items.map((e) => `${e.name}:${e.key}:${e.type}:${e.mentions}:${e.articles}`).sort();
      await repository.close();
      return { ids, counts };
    };
    const docs = () => [...corpus(), ...hard(), ...tails(), ...shortNames()];
    const forward = await snapshot(docs());
    assert.deepEqual(await snapshot(docs().reverse()), forward);
    // Random arrival orders, seeded so that a failure can be replayed.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 8; round++) {
      const shuffled = docs();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      assert.deepEqual(await snapshot(shuffled), forward, `order ${shuffled.map((d) => d.meta.source).join(' ')}`);
    }
  });
}

test('entity names: folding, person shapes, role heads and the pairwise rules', () => {
  assert.equal(foldName('González-Olaechea'), 'gonzalez olaechea');
  assert.equal(foldName('U.S.'), foldName('US'));
  assert.equal(personShaped('vladimir cerron rojas'), true);
  assert.equal(personShaped('supreme court'), false);
  assert.equal(personShaped('cerron'), false);
  assert.equal(roleKey('Foreign Minister of Peru'), 'minister');
  assert.equal(roleKey('el vicecanciller'), 'vicecanciller');
  assert.equal(roleKey('Vice Chancellor'), 'vicechancellor');
  assert.equal(samePerson({ key: 'keiko fujimori', roles: [] }, { key: 'alberto fujimori', roles: [] }), false);
  assert.equal(samePerson({ key: 'mercedes araoz', roles: [] }, { key: 'mercedez araoz', roles: [] }), true);
  assert.equal(samePerson({ key: 'vladimir cerron', roles: [] }, { key: 'vladimir cerron rojas', roles: [] }), true);
  // A slip of the pen in a given name, but not another given name.
  assert.equal(samePerson({ key: 'williams kaliman', roles: [] }, { key: 'william kaliman', roles: [] }), true);
  for (const [a, b] of [
    ['daniel quiroga', 'daniela quiroga'],
    ['mario marvan', 'maria marvan'],
    ['juan marvan', 'juana marvan'],
  ])
    assert.equal(samePerson({ key: a!, roles: [] }, { key: b!, roles: [] }), false, `${a} / ${b}`);
  // A doubled letter is one spelling; with two words alike a third may slip twice if it keeps its first and last letters;
  // a person may go by the second of two given names.
  assert.equal(samePerson({ key: 'ramiro otto', roles: [] }, { key: 'ramiro oto', roles: [] }), true);
  assert.equal(samePerson({ key: 'neybar quispe tarqui', roles: [] }, { key: 'nevar quispe tarqui', roles: [] }), true);
  assert.equal(samePerson({ key: 'mario quispe tarqui', roles: [] }, { key: 'marta quispe tarqui', roles: [] }), false);
  assert.equal(samePerson({ key: 'neybar tarqui', roles: [] }, { key: 'nevar tarqui', roles: [] }), false);
  assert.equal(samePerson({ key: 'tomas andres bello quiroga', roles: [] }, { key: 'andres bello', roles: [] }), true);
  assert.equal(samePerson({ key: 'tomas andres bello', roles: [] }, { key: 'andres bello', roles: [] }), false);
  // The given-name half and the surname half of one four-word name; not when a word is repeated or the surname moves.
  assert.equal(samePerson({ key: 'lucia marlene ortuno', roles: [] }, { key: 'lucia ortuno vidal', roles: [] }), true);
  assert.equal(samePerson({ key: 'lucia ortuno vidal', roles: [] }, { key: 'lucia marlene ortuno', roles: [] }), true);
  assert.equal(samePerson({ key: 'lucia marlene ortuno', roles: [] }, { key: 'lucia vidal ortuno', roles: [] }), false);
  assert.equal(samePerson({ key: 'lucia ortuno ortuno', roles: [] }, { key: 'lucia ortuno vidal', roles: [] }), false);
  assert.equal(withoutTitles('congresswoman valeria ugarte davila'), 'valeria ugarte davila');
  assert.equal(withoutTitles('mr etxeberri'), 'etxeberri');
  assert.equal(withoutTitles('president'), 'president');
  const names = localNames(corpus()[0]!);
  assert.deepEqual(
    names.map((n) => [n.key, n.mentions]),
    [
      ['antuvia', [2]],
      ['ramiro etxeberri salcedo', [0, 1]],
    ],
  );
  // A headline's bare surname goes to the one full name in the article that holds it; between two, it stays.
  const headline = localNames(
    makeDoc('h', [
      ['Marván', 'PER'],
      ['Lucía Marván', 'PER'],
    ]),
  );
  assert.deepEqual(
    headline.map((n) => [n.key, n.mentions]),
    [['lucia marvan', [0, 1]]],
  );
  const two = localNames(corpus()[2]!);
  assert.deepEqual(
    two.map((n) => n.key),
    ['etxeberri', 'lucia marvan', 'pablo marvan'],
  );
  assert.deepEqual(
    localNames(
      makeDoc('i', [
        ['Marván', 'PER'],
        ['Lucía Marván', 'PER'],
        ['Pablo Marván', 'PER'],
      ]),
    ).map((n) => n.key),
    ['lucia marvan', 'marvan', 'pablo marvan'],
  );
  // Headlines: the body's short form tied to a headline run goes to the body's full name, as does the run holding it;
  // a run that holds no name of the body stays apart and is no one's full name.
  const manhunt = localNames(hard()[2]!);
  assert.deepEqual(
    manhunt.map((n) => [n.key, n.mentions, n.person]),
    [['ramiro etxeberri', [0, 1, 2], true]],
  );
  const daily = localNames(headlined('h7', [['Puerto Quilla Daily Claims', 'PER']], [['Ramiro Etxeberri', 'PER']]));
  assert.deepEqual(
    daily.map((n) => [n.key, n.person]),
    [
      ['puerto quilla daily claims', false],
      ['ramiro etxeberri', true],
    ],
  );
  const held = localNames(headlined('h8', [['Puerto Quilla Daily Claims', 'ORG']], [['Puerto Quilla', 'LOC']]));
  assert.deepEqual(
    held.map((n) => [n.key, n.mentions, n.person]),
    [['puerto quilla', [0, 1], false]],
  );
});

test('entity names: every two full names the rules make one person share a word-pair blocking key; two that only share a first name do not', () => {
  const same: [string, string][] = [
    ['jenine olmedo', 'jeanine olmedo'],
    ['mercedes araoz', 'mercedez araoz'],
    ['ramiro echeberri', 'ramiro etxeberri'],
    ['vladimir cerron', 'vladimir cerron rojas'],
    ['tomas quiroga bello', 'tomas andres bello quiroga'],
    ['ramiro etxeberri salcedo', 'ramiro etxeberri'],
    ['lucia marlene ortuno', 'lucia ortuno vidal'],
  ];
  for (const [a, b] of same) {
    assert.ok(samePerson({ key: a, roles: ['ambassador'] }, { key: b, roles: ['ambassador'] }), `${a} / ${b}`);
    const shared = namePairKeys(a).filter((k) => namePairKeys(b).includes(k));
    assert.ok(shared.length > 0, `${a} / ${b}`);
  }
  assert.deepEqual(
    namePairKeys('carlos ferrer').filter((k) => namePairKeys('carlos quiroga').includes(k)),
    [],
  );
  // Any single slip of the pen in a surname of five letters or more keeps a key in common with the right spelling.
  const surname = 'etxeberri';
  for (let at = 0; at < surname.length; at++) {
    const slip = `${surname.slice(0, at)}q${surname.slice(at + 1)}`;
    assert.ok(
      namePairKeys(`ramiro ${slip}`).some((k) => namePairKeys(`ramiro ${surname}`).includes(k)),
      slip,
    );
  }
});

test('sqlite entities: a store linked before word-pair keys gets them from its migration, and goes on linking', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-pairs-'));
  const file = join(dir, 'store.db');
  try {
    const docs = corpus();
    let repository = new SqliteRepository(file);
    await repository.migrate();
    for (const doc of docs.slice(0, 4)) {
      await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
      await linkArticles(repository, [doc]);
    }
    await repository.close();
    // As a store of the previous version: no pair keys, the migration not run.
    const raw = new Database(file);
    for (const statement of undoneTo('0015_first_request_counts')) raw.prepare(statement).run();
    const pairs = raw.prepare("select count(*) as n from entity_name_tokens where token like '%|%'").get() as { n: number };
    assert.ok(pairs.n > 0);
    raw.prepare("delete from entity_name_tokens where token like '%|%' or token like '^%'").run();
    // …nor the later ones.
    raw.prepare('alter table entity_roles drop column text').run();
    raw.prepare('alter table entity_names drop column attached').run();
    raw.prepare('drop table settings').run();
    raw.prepare('alter table signatures drop column paragraphs').run();
    raw.prepare('drop index copies_changed').run();
    raw.prepare('alter table copies drop column detail').run();
    raw.prepare('drop table analysis_facts').run();
    raw.prepare('drop table analysis_findings').run();
    raw.prepare('drop table analysis_claim_terms').run();
    raw.prepare('drop table analysis_claims').run();
    raw.prepare('drop index articles_outlet_language').run();
    raw.prepare('drop table article_tallies').run();
    raw.prepare('drop index articles_published_seq').run();
    // …and with the indexes the first three had, which a later one drops.
    raw.prepare('create index copy_keys_article on copy_keys (article_id)').run();
    raw.prepare('create index articles_outlet on articles (outlet)').run();
    raw.prepare('create index articles_source on articles (source_id)').run();
    raw.prepare('create index articles_published on articles (published)').run();
    raw.prepare("delete from kysely_migration where name > '0003_entities'").run();
    raw.close();
    repository = new SqliteRepository(file);
    await repository.migrate();
    for (const doc of docs.slice(4)) {
      await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
      await linkArticles(repository, [doc]);
    }
    // "Jenine Olmedo" (article e) finds "Jeanine Olmedo" (article d, stored before the migration) through the backfilled keys.
    const [jeanine] = await repository.entitiesNamed(foldName('Jeanine Olmedo'));
    assert.equal((await repository.entitiesNamed(foldName('Jenine Olmedo')))[0], jeanine);
    await repository.close();
    const again = new Database(file);
    assert.ok((again.prepare("select count(*) as n from entity_name_tokens where token like '%|%'").get() as { n: number }).n >= pairs.n);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
