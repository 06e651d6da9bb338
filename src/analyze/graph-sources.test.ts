/**
 * The entity graph and the outlet view read from stored state (graph.ts, sources.ts): on the samples, the graphs equal
 * the golden file written when they were checked equal to the server's old whole-pile computation in memory (a
 * reviewed change rewrites it with QUIPU_UPDATE_GOLDEN=1); the outlets equal `sourcesOf` over every article, on the samples
 * and the seeds; and the same in 5 arrival orders and after `quipu reanalyze`, the same on SQLite
 * and PostgreSQL, and the same from `quipu sources --json`, /api/sources and /api/graph.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { sourcesOf } from '../link/sources.ts';
import { createApp } from '../server/app.ts';
import { goldenJson } from '../../test/helpers/golden-json.ts';
import { openRepository } from '../store/open.ts';
import type { Repository } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { entityCountKind, entityGraph, type GraphQuery } from './graph.ts';
import { reanalyze } from './reanalyze.ts';
import { storedSources } from './sources.ts';
import { assertPairsAsCounted } from '../../test/helpers/entity-pairs.ts';
import { createTestDatabase, needsPostgres } from '../../test/helpers/postgres.ts';
import { hasShared, needsShared, repoRoot, samplesDir, seedsDir } from '../../test/helpers/shared.ts';

const queries: GraphQuery[] = [
  { limit: 40, link: 'sentence', min: 1 },
  { limit: 40, link: 'article', min: 1 },
  { limit: 40, link: 'quote', min: 1 },
  { limit: 150, link: 'sentence', min: 1 },
  { limit: 200, link: 'article', min: 2 },
  { limit: 80, link: 'sentence', min: 1, type: 'PER' },
  { limit: 5, link: 'article', min: 1, type: 'LOC' },
];

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** Every graph of `queries` and the outlet view, as the store answers them. */
async function stored(repository: Repository): Promise<string> {
  const graphs = [];
  for (const q of queries) graphs.push(await entityGraph(repository, q));
  return JSON.stringify({ graphs, sources: await storedSources(repository) });
}

async function ingested(inputs: string[], repository: Repository = new SqliteRepository(':memory:')): Promise<Repository> {
  await repository.migrate();
  const summary = await ingest(inputs, repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  return repository;
}

/** The entity counts kept one article at a time (update.ts) against a count of every stored mention. */
async function countsKept(repository: Repository): Promise<void> {
  const stored = await repository.pageFindings({ kind: entityCountKind, limit: 100_000, offset: 0 });
  const counted = await repository.linkTransaction((link) => link.analysis.entityCounts(null));
  assert.deepEqual(new Map(stored.items.map((f) => [f.key, JSON.parse(f.data)])), counted);
  assert.ok(counted.size > 10, 'the pile has entities to count');
  // The pairs kept one article at a time (entity-pairs.ts) against a count of them all, and no name left to recount.
  const entities = [...counted.keys()];
  const kept = await repository.entityPairsAmong(entities);
  assert.deepEqual(await repository.linkTransaction((link) => link.analysis.unpairedNames()), []);
  // …and every pair, kept or counted when asked for, and the entities whose pairs are kept, against a count in memory.
  await assertPairsAsCounted(repository);
  await repository.linkTransaction((link) => link.analysis.recountEntityPairs());
  assert.deepEqual(kept, await repository.entityPairsAmong(entities));
  assert.ok(kept.some((p) => p.sentences > 1) && kept.some((p) => p.articles > 2), 'pairs share articles and sentences');
}

/** The stored graphs against their golden file (when given), and the stored outlets against the whole-pile computation. */
async function againstMemory(repository: Repository, golden?: string): Promise<void> {
  await countsKept(repository);
  if (golden) {
    const graphs = [];
    for (const q of queries) graphs.push({ query: q, graph: await entityGraph(repository, q) });
    const path = join(repoRoot, 'test', 'golden', golden);
    if (process.env.QUIPU_UPDATE_GOLDEN === '1') writeFileSync(path, goldenJson(plain(graphs)));
    assert.deepEqual(plain(graphs), JSON.parse(readFileSync(path, 'utf8')));
  }
  const dense = await entityGraph(repository, { limit: 40, link: 'sentence', min: 1 });
  assert.ok(dense.nodes.length > 5 && dense.edges.some((e) => e.sentences > 0) && dense.edges.some((e) => e.articles > e.sentences), 'the pile has a graph to compare');
  const articles = [];
  for await (const a of repository.allArticles()) articles.push({ id: a.id, text: a.text, meta: a.meta });
  const sources = await storedSources(repository);
  assert.deepEqual(plain(sources), plain(sourcesOf(articles, await repository.listCopies())));
  assert.ok(sources.outlets.length > 3, 'the pile has outlets to compare');
}

describe('analyze: the entity graph and the outlets from stored state', () => {
  let samples: Repository;
  before(async () => {
    samples = await ingested([samplesDir]);
  });
  after(() => samples.close());

  test('equal the golden graphs and the whole-pile outlets on the samples', async () => {
    await againstMemory(samples, 'samples-graph.json');
    const quotes = await entityGraph(samples, { limit: 40, link: 'quote', min: 1 });
    assert.ok(quotes.edges.length > 0, 'someone speaks about someone in the samples');
    const { edges } = await storedSources(samples);
    assert.ok(edges.some((e) => e.syndicated > 0) && edges.some((e) => e.citations > 0), 'outlets copy and cite each other in the samples');
  });

  test('equal the whole-pile outlets on the seeds', { skip: needsShared }, async () => {
    if (!hasShared) return;
    const seeds = await ingested([seedsDir]);
    await againstMemory(seeds);
    await seeds.close();
  });

  test('the same in 5 arrival orders, and after reanalyze', async () => {
    const expected = await stored(samples);
    let state = 5;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const files = readdirSync(samplesDir)
      .filter((n) => /^\d+[-_]/.test(n))
      .sort()
      .map((n) => join(samplesDir, n));
    for (let round = 0; round < 5; round++) {
      const order = [...files];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const repository = await ingested(order);
      assert.equal(await stored(repository), expected, `order ${order.map((f) => f.slice(-12)).join(' ')}`);
      await countsKept(repository);
      await repository.close();
    }
    await reanalyze(samples);
    assert.equal(await stored(samples), expected);
  });

  test('the same on PostgreSQL as on SQLite', { skip: needsPostgres }, async () => {
    const { url, drop } = await createTestDatabase();
    try {
      const repository = await ingested([samplesDir], openRepository(url));
      assert.equal(await stored(repository), await stored(samples));
      await repository.close();
    } finally {
      await drop();
    }
  });

  test('quipu sources --json, /api/sources and /api/graph answer the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quipu-sources-'));
    try {
      const db = join(dir, 'store.db');
      const repository = await ingested([samplesDir], openRepository(db));
      const expected = await storedSources(repository);
      const app = createApp({ repository, pipeline: await defaultPipeline(), allowPrivate: false, maxUploadBytes: 1 << 20, logError: () => undefined });
      const api = async (path: string) => {
        const response = await app.request(path);
        assert.equal(response.status, 200, path);
        return (await response.json()) as Record<string, unknown>;
      };
      // Every edge, when each outlet may give 50 (the samples' outlets have fewer); each outlet counts those it is on.
      const page = await api('/api/sources?limit=500&edgesPerOutlet=50');
      const counted = expected.outlets.map((o) => ({ ...o, edges: expected.edges.filter((e) => e.from === o.outlet || e.to === o.outlet).length }));
      assert.deepEqual(
        page,
        plain({
          items: counted,
          total: expected.outlets.length,
          limit: 500,
          offset: 0,
          unknownOutlet: expected.unknownOutlet,
          edges: expected.edges,
          edgesPerOutlet: 50,
          edgeTotal: expected.edges.length,
        }),
      );
      const first = await api('/api/sources?limit=2&offset=1');
      assert.deepEqual(first.items, plain(counted.slice(1, 3)));
      assert.equal(await api('/api/graph?link=article&limit=30').then(JSON.stringify), JSON.stringify(await entityGraph(repository, { limit: 30, link: 'article', min: 1 })));
      await repository.close();
      const cli = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), 'sources', '--json', '--db', db], { encoding: 'utf8', timeout: 600_000 });
      assert.equal(cli.status, 0, cli.stderr);
      assert.deepEqual(JSON.parse(cli.stdout), plain(expected));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
