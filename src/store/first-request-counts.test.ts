/**
 * Migration 0015 on a store made before it: the article tallies and the source count are counted from the stored
 * articles and sources, and each entity's count by mentions is copied from its count by articles, equal to what
 * ingest writes (src/analyze/graph.ts `entityCountFindings`). The store before 0015 is made by undoing 0015 on a
 * fresh one, in raw SQL, on each engine.
 */
import assert from 'node:assert/strict';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase, needsPostgres } from '../../test/helpers/postgres.ts';
import { entityCountFindings, entityMentionsKind } from '../analyze/graph.ts';
import { PostgresRepository } from './postgres/postgres-repository.ts';
import type { FindingRecord, Repository } from './repository.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';
import { testDoc, testSource } from './test-docs.ts';

/** What 0015 adds, undone: the store as a release before it left it. */
const undo0015 = (engine: 'sqlite' | 'postgres') => [
  ...undoneTo('0015_first_request_counts', engine),
  'drop table article_tallies',
  "delete from settings where key = 'source-count'",
  `delete from analysis_findings where kind = '${entityMentionsKind}'`,
  'drop index articles_published_seq',
  'create index articles_published on articles (published)',
  "delete from kysely_migration where name = '0015_first_request_counts'",
];

const counts = new Map([
  ['e1', { articles: 3, mentions: 12 }],
  ['e2', { articles: 1, mentions: 1 }],
  ['e3', { articles: 12, mentions: 40 }],
  ['e4', { articles: 3, mentions: 12 }],
]);
const types = new Map([
  ['e1', 'PER'],
  ['e3', 'ORG'],
  ['e4', 'PER'],
]);
const totals = new Map([...counts].map(([id, c]) => [id, { nameArticles: c.articles }]));
const written = entityCountFindings([...counts.keys()], counts, totals, types, 5);

/** Stores articles of two sources and the entity counts, then undoes 0015 with `run`; returns what the store answered before. */
async function storeBefore(repository: Repository, run: (statement: string) => Promise<void>) {
  await repository.migrate();
  await repository.saveArticles(testSource('a', 'A'), [
    testDoc('a1', 'A fictional ferry \u{1F6A2} sailed from Ollanta.', { outlet: 'Valmora Wire', published: '2025-09-30' }),
    testDoc('a2', 'No date on this one.', { outlet: null, language: 'es' }),
  ]);
  await repository.saveArticles(testSource('b', 'B'), [testDoc('b1', 'The harbour of Ollanta reopened.', { outlet: 'Valmora Wire', published: '2025-10-02' })]);
  await repository.linkTransaction(async (link) => {
    for (const kind of [...new Set(written.map((f) => f.kind))])
      await link.analysis.replaceFindings(
        kind,
        [...counts.keys()],
        written.filter((f) => f.kind === kind),
      );
  });
  const before = { stats: await repository.stats(), list: await repository.listArticles({ limit: 10 }) };
  for (const statement of undo0015(repository.engine)) await run(statement);
  return before;
}

async function checkMigrated(repository: Repository, before: { stats: unknown; list: unknown }): Promise<void> {
  await repository.migrate();
  assert.deepEqual(await repository.stats(), before.stats);
  assert.deepEqual(await repository.listArticles({ limit: 10 }), before.list);
  const strip = (f: FindingRecord) => ({ ...f, version: Number(f.version) });
  const mentions = await repository.pageFindings({ kind: entityMentionsKind, order: 'rank', limit: 100, offset: 0 });
  assert.deepEqual(
    mentions.items.map(strip),
    written
      .filter((f) => f.kind === entityMentionsKind)
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.key < b.key ? -1 : 1))
      .map(strip),
  );
  // Most mentioned first, ties by id.
  assert.deepEqual(
    mentions.items.map((f) => f.key),
    ['e3', 'e1', 'e4', 'e2'],
  );
  // A store migrated so goes on counting as one made after 0015.
  await repository.saveArticles(testSource('c', 'C'), [testDoc('c1', 'Later news from Ollanta.', { outlet: 'Valmora Wire', published: '2026-01-01' })]);
  const stats = await repository.stats();
  assert.deepEqual({ articles: stats.articles, sources: stats.sources, latest: stats.published.latest }, { articles: 4, sources: 3, latest: '2026-01-01' });
  assert.equal(await repository.articleCount(), 4);
  // `quipu reanalyze` counts them all again: the same as kept.
  await repository.recountArticles();
  assert.deepEqual(await repository.stats(), stats);
}

test('migration 0015 counts the articles and sources of a store made before it, and ranks its entities by mentions (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-0015-'));
  try {
    const file = join(dir, 'store.db');
    const repository = new SqliteRepository(file);
    const before = await storeBefore(repository, async () => undefined);
    await repository.close();
    const raw = new Database(file);
    for (const statement of undo0015('sqlite')) raw.exec(statement);
    raw.close();
    const again = new SqliteRepository(file);
    try {
      await checkMigrated(again, before);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 0015 counts the articles and sources of a store made before it, and ranks its entities by mentions (PostgreSQL)', { skip: needsPostgres }, async () => {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const repository = new PostgresRepository(database.url, { poolSize: 2 });
  try {
    const before = await storeBefore(repository, async (statement) => {
      await client.query(statement);
    });
    await checkMigrated(repository, before);
  } finally {
    await repository.close();
    await client.end();
    await database.drop();
  }
});

test('articles of the same outlets stored at once by two PostgreSQL writers are all counted, without a deadlock', { skip: needsPostgres }, async () => {
  const database = await createTestDatabase();
  const one = new PostgresRepository(database.url, { poolSize: 2 });
  const two = new PostgresRepository(database.url, { poolSize: 2 });
  try {
    await one.migrate();
    const outlets = ['Valmora Wire', 'Ollanta Courier', 'Harbour Post', null];
    // Each source holds articles of every outlet, the two writers' in opposite orders of outlet.
    const sources = (writer: string, order: readonly (string | null)[]) =>
      Array.from({ length: 12 }, (_, i) => ({
        source: testSource(`${writer}-${i}`, `${writer} ${i}`),
        docs: order.map((outlet, k) => testDoc(`${writer}${i}x${k}`, `Story ${k} of item ${i} from ${writer}.`, { outlet, published: `2025-0${1 + (k % 9)}-1${i % 10}` })),
      }));
    const write = async (repository: Repository, items: ReturnType<typeof sources>) => {
      for (const { source, docs } of items) await repository.saveArticles(source, docs);
    };
    await Promise.all([write(one, sources('p', outlets)), write(two, sources('q', [...outlets].reverse()))]);
    const stats = await one.stats();
    assert.deepEqual({ articles: stats.articles, sources: stats.sources }, { articles: 96, sources: 24 });
    assert.deepEqual(
      stats.outlets.map((o) => o.articles),
      [24, 24, 24, 24],
    );
    const kept = await one.stats();
    await one.recountArticles();
    assert.deepEqual(await one.stats(), kept);
  } finally {
    await one.close();
    await two.close();
    await database.drop();
  }
});
