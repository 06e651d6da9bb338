/**
 * The entity pairs kept at ingest (entity-pairs.ts): an article's share, and the counts a store made before migration
 * 0016 gets from it, on SQLite and PostgreSQL, equal to those kept one article at a time; the pairs kept only between
 * entities in a few articles, the others counted when asked for, through merges that bring an entity to the threshold
 * and take it below. (graph-sources.test.ts checks the kept counts against a recount in 5 arrival orders, where later
 * articles merge earlier entities.)
 */
import assert from 'node:assert/strict';
import { entityPage, entityPageFromMentions } from '../server/insights.ts';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { EntityPairCount, Repository } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { assertPairsAsCounted } from '../../test/helpers/entity-pairs.ts';
import { createTestDatabase, needsPostgres, testOnBothEngines } from '../../test/helpers/postgres.ts';
import { samplesDir } from '../../test/helpers/shared.ts';
import type { Doc, EntityMention } from '../core/doc.ts';
import { linkArticles } from '../link/link-articles.ts';
import { testDoc, testSource } from '../store/test-docs.ts';
import { pairedEntityArticles } from '../store/schema.ts';
import { addArticleShare, recountMovedPairs } from './entity-pairs.ts';
import { claimKind, entityCountKind } from './graph.ts';
import { analyzeAfterLink } from './update.ts';

test('an article counts once per pair of its entities, once per sentence holding both, once per claim by one naming the other', () => {
  const entityOf = new Map([
    ['n-ana', 'e2'],
    ['n-ana-full', 'e2'],
    ['n-port', 'e1'],
    ['n-guild', 'e3'],
  ]);
  const into = new Map<string, EntityPairCount>();
  const article = {
    names: ['n-ana', 'n-ana-full', 'n-port', 'n-guild', 'n-unlinked'],
    // Two names of one entity share a sentence with no one else: no pair; the port and Ana twice.
    sentences: [
      ['n-ana', 'n-ana-full'],
      ['n-ana', 'n-port'],
      ['n-port', 'n-ana-full', 'n-guild'],
    ],
    claims: [
      // Ana on the port and the guild (and herself: no pair).
      { speaker: 'n-ana-full', claim: 0, about: ['n-port', 'n-guild', 'n-ana'] },
      // The port's speaker as written (with a title) is no stored name: its name without the title speaks.
      { speaker: 'n-port-titled', claim: 1, about: ['n-ana'] },
      { speaker: 'n-port', claim: 1, about: ['n-ana'], instead: 'n-port-titled' },
      // The guild's name as written is stored: it speaks, and the name tried second does not.
      { speaker: 'n-guild', claim: 2, about: ['n-ana'] },
      { speaker: 'n-port', claim: 2, about: ['n-ana'], instead: 'n-guild' },
    ],
  };
  addArticleShare(article, (name) => entityOf.get(name), 1, into);
  assert.deepEqual(
    [...into.values()].sort((a, b) => a.a.localeCompare(b.a) || a.b.localeCompare(b.b)),
    [
      { a: 'e1', b: 'e2', articles: 1, sentences: 2, quotes: 1, quotesBack: 1 },
      { a: 'e1', b: 'e3', articles: 1, sentences: 1, quotes: 0, quotesBack: 0 },
      { a: 'e2', b: 'e3', articles: 1, sentences: 1, quotes: 1, quotesBack: 1 },
    ],
  );
  addArticleShare(article, (name) => entityOf.get(name), -1, into);
  assert.ok([...into.values()].every((p) => p.articles === 0 && p.sentences === 0 && p.quotes === 0 && p.quotesBack === 0));
});

async function ingestedSamples(repository: Repository): Promise<{ entities: string[]; pairs: EntityPairCount[] }> {
  await repository.migrate();
  const summary = await ingest([samplesDir], repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  const entities = (await repository.pageFindings({ kind: entityCountKind, limit: 100_000, offset: 0 })).items.map((f) => f.key);
  const pairs = await repository.entityPairsAmong(entities);
  assert.ok(pairs.length > 50, 'the samples have entity pairs');
  return { entities, pairs };
}

test('migrations 0016 and 0017 count the entity pairs and date the mentions of a store made before them (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-0016-'));
  try {
    const file = join(dir, 'store.db');
    const repository = new SqliteRepository(file);
    const { entities, pairs } = await ingestedSamples(repository);
    await repository.close();
    const raw = new Database(file);
    for (const statement of undoneTo('0015_first_request_counts')) raw.exec(statement);
    raw.close();
    const again = new SqliteRepository(file);
    try {
      await again.migrate();
      assert.deepEqual(await again.entityPairsAmong(entities), pairs);
      // …and 0017 dates its mentions: entity pages read by date are the pages from every mention.
      for (const id of entities.slice(0, 40)) assert.deepEqual(await entityPage(again, id), await entityPageFromMentions(again, id), id);
      assert.deepEqual(await again.linkTransaction((link) => link.analysis.unpairedNames()), []);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the count of every pair at once equals the pairs kept at ingest (PostgreSQL)', { skip: needsPostgres }, async () => {
  const { url, drop } = await createTestDatabase();
  try {
    const repository = openRepository(url);
    try {
      const { entities, pairs } = await ingestedSamples(repository);
      await repository.linkTransaction((link) => link.analysis.recountEntityPairs());
      assert.deepEqual(await repository.entityPairsAmong(entities), pairs);
    } finally {
      await repository.close();
    }
  } finally {
    await drop();
  }
});

/** A fictional article naming these places, one sentence each. */
function placesDoc(id: string, places: readonly string[]): Doc {
  let text = '';
  const entities: EntityMention[] = [];
  for (const place of places) {
    const start = text.length;
    text += `${place} `;
    entities.push({ start, end: start + place.length, text: place, type: 'LOC', tokenStart: 0, tokenEnd: 0, confidence: 0.9 });
    text += 'was quiet. ';
  }
  return { ...testDoc(id, text), entities };
}

/** The entity of the name `place` (one each: places are linked by their whole name). */
async function entityOf(repository: Repository, place: string): Promise<string> {
  const [id] = await repository.entitiesNamed(place.toLowerCase());
  assert.ok(id, place);
  return id;
}

/**
 * Kept pairs only between entities in `pairedEntityArticles` (3) articles or more: Vardelo and Mirra are in three,
 * Ostel and Tazo in two, Pelu and Cantor in one. Merging Ostel into Tazo brings it to three (its pairs counted from its
 * articles); taking Ostel's name out again leaves Tazo at two (its pairs removed), and every answer stays the count.
 */
async function mergesAcrossTheThreshold(repository: Repository): Promise<void> {
  assert.equal(pairedEntityArticles, 3);
  await repository.migrate();
  const docs = [
    placesDoc('d1', ['Vardelo', 'Mirra', 'Ostel']),
    placesDoc('d2', ['Vardelo', 'Mirra', 'Pelu']),
    placesDoc('d3', ['Vardelo', 'Cantor']),
    placesDoc('d4', ['Mirra', 'Tazo']),
    placesDoc('d5', ['Tazo', 'Ostel']),
  ];
  for (const doc of docs) {
    await repository.saveArticles(testSource(doc.id, doc.text), [doc]);
    await linkArticles(repository, [doc], undefined, analyzeAfterLink);
  }
  const vardelo = await entityOf(repository, 'Vardelo');
  const mirra = await entityOf(repository, 'Mirra');
  const ostel = await entityOf(repository, 'Ostel');
  const tazo = await entityOf(repository, 'Tazo');
  const kept = () => repository.linkTransaction((link) => link.analysis.pairedEntities([vardelo, mirra, ostel, tazo]));
  let counted = await assertPairsAsCounted(repository);
  assert.deepEqual(await kept(), new Set([vardelo, mirra]));
  assert.ok(counted.unkeptPairs > 0 && counted.keptListingUnkept > 0, 'pairs with an entity not kept are answered');
  // Tazo takes Ostel's name: in d1, d4 and d5 now.
  await repository.linkTransaction(async (link) => {
    await link.mergeEntity(ostel, tazo);
    await recountMovedPairs(link.analysis, '');
  });
  counted = await assertPairsAsCounted(repository);
  assert.deepEqual(await kept(), new Set([vardelo, mirra, tazo]));
  assert.deepEqual(
    (await repository.entityPairsAmong([mirra, tazo])).map((p) => p.articles),
    [2],
  );
  // Ostel's name leaves again, for an entity of its own: Tazo is back to two articles.
  const [ostelName] = (await repository.namesOfEntities([tazo])).filter((n) => n !== tazo);
  await repository.linkTransaction(async (link) => {
    await link.setNameEntity(ostelName!, ostelName!);
    await recountMovedPairs(link.analysis, '');
  });
  counted = await assertPairsAsCounted(repository);
  assert.deepEqual(await kept(), new Set([vardelo, mirra]));
  // A later article takes Pelu to… one more; and Cantor's third article makes it kept, counted at ingest.
  for (const doc of [placesDoc('d6', ['Cantor', 'Pelu', 'Mirra']), placesDoc('d7', ['Cantor', 'Tazo'])]) {
    await repository.saveArticles(testSource(doc.id, doc.text), [doc]);
    await linkArticles(repository, [doc], undefined, analyzeAfterLink);
  }
  counted = await assertPairsAsCounted(repository);
  assert.ok((await kept()).has(tazo), 'Tazo is in three articles again');
  // The whole count at once keeps the same entities and pairs.
  await repository.linkTransaction((link) => link.analysis.recountEntityPairs());
  assert.deepEqual(await assertPairsAsCounted(repository), counted);
}

testOnBothEngines('pairs are kept between entities in a few articles, through merges across the threshold', mergesAcrossTheThreshold);

test('on the samples, every pair and co-occurring list is the count, kept or not', async () => {
  const repository = new SqliteRepository(':memory:');
  try {
    await ingestedSamples(repository);
    const counted = await assertPairsAsCounted(repository);
    assert.ok(counted.kept > 10 && counted.unkeptPairs > 50 && counted.keptListingUnkept > 5, JSON.stringify(counted));
  } finally {
    await repository.close();
  }
});

/**
 * A whole merge of an entity whose pairs are kept into another: the pairs come out as counted, while the only articles
 * read one by one are those that named both (the others move through the merged entity's stored pairs). On the
 * samples, three merges in a row of the kept entities that speak in claims the most, each into the kept entity it
 * shares most articles with (so some articles name both, in sentences and in claims).
 */
testOnBothEngines('a whole merge of kept entities reads only the articles naming both, and its pairs are the count', async (repository) => {
  await ingestedSamples(repository);
  for (let round = 0; round < 3; round++) {
    const counted = (await repository.pageFindings({ kind: entityCountKind, limit: 100_000, offset: 0 })).items.map((f) => f.key);
    const { from, to, naming, both } = await repository.linkTransaction(async (link) => {
      const store = link.analysis;
      const kept = [...(await store.pairedEntities(counted))].sort();
      const speaking = await Promise.all(kept.map(async (id) => ({ id, claims: (await store.factArticles(claimKind, await store.namesOfEntities([id]))).length })));
      speaking.sort((a, b) => b.claims - a.claims || a.id.localeCompare(b.id));
      const from = speaking[0]!.id;
      const sharing = (await store.pairsOfEntity(from))
        .filter((p) => kept.includes(p.a === from ? p.b : p.a))
        .sort((a, b) => b.articles - a.articles || a.a.localeCompare(b.a) || a.b.localeCompare(b.b));
      const shared = sharing[0]!;
      const to = shared.a === from ? shared.b : shared.a;
      const namesOf = async (id: string) =>
        new Set([...(await store.analyzedArticlesNaming(await store.namesOfEntities([id]))), ...(await store.factArticles(claimKind, await store.namesOfEntities([id])))]);
      const ofFrom = await namesOf(from);
      const ofTo = await namesOf(to);
      return { from, to, naming: ofFrom, both: new Set([...ofFrom].filter((id) => ofTo.has(id))) };
    });
    assert.ok(both.size > 0 && both.size < naming.size, `round ${round}: some of ${from}'s articles name ${to} too, not all`);
    const read = new Set<string>();
    await repository.linkTransaction(async (link) => {
      await link.mergeEntity(from, to);
      const watched = {
        ...link.analysis,
        factsOfArticles(ids: readonly string[], kind: string) {
          for (const id of ids) read.add(id);
          return link.analysis.factsOfArticles(ids, kind);
        },
      };
      await recountMovedPairs(watched, '');
    });
    assert.deepEqual([...read].sort(), [...both].sort(), `round ${round}: the articles read one by one`);
    await assertPairsAsCounted(repository);
  }
});
