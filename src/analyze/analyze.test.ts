/**
 * The stored findings, kept current one article at a time, equal what the grouping functions give over the whole
 * pile at once (the samples, and the seeds when ../shared is there).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { compareCodePoints } from '../core/names.ts';
import { dateConflicts, happeningReports } from '../link/date-conflicts.ts';
import { type EventReport, groupEvents } from '../link/event-groups.ts';
import { figureRecords, groupFigures } from '../link/figure-groups.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import type { Repository, StoredArticle } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { allDateConflicts, allEvents, allFigureGroups } from './read.ts';
import { reanalyze } from './reanalyze.ts';
import { analysisVersion, rebuildAllFindings } from './update.ts';
import { hasShared, needsShared, repoRoot, samplesDir, seedsDir } from '../../test/helpers/shared.ts';
import { generateCorpus } from '../../scripts/lib/corpus.ts';

const asDoc = (a: StoredArticle): Doc => ({ id: a.id, contentHash: a.contentHash, text: a.text, meta: a.meta, sourceMap: a.sourceMap, messages: a.messages, ...a.layers });

/** The findings computed over the whole stored pile at once, with the entities as the store holds them now. */
async function fromScratch(repository: Repository) {
  const docs: Doc[] = [];
  for await (const article of repository.allArticles()) docs.push(asDoc(article));
  docs.sort((a, b) => compareCodePoints(a.id, b.id));
  const entityOf = new Map<string, Map<number, string>>();
  for (const d of docs) entityOf.set(d.id, await repository.articleEntities(d.id));
  const types = new Map<string, string>();
  for (const map of entityOf.values()) for (const id of map.values()) if (!types.has(id)) types.set(id, (await repository.getEntity(id))!.type);
  const figures = groupFigures(docs.flatMap(figureRecords)).filter((g) => g.articles > 1);
  const dates = dateConflicts(docs.flatMap((d) => happeningReports(d, entityOf.get(d.id)!, (id) => types.get(id) === 'PER')));
  const reports: EventReport[] = docs.flatMap((d) =>
    (d.events ?? [])
      .filter((e) => !e.inherited)
      .map((e) => {
        const ids = [...new Set(e.entities.map((i) => entityOf.get(d.id)!.get(i)).filter((x): x is string => !!x))];
        return {
          articleId: d.id,
          published: d.meta.published,
          date: e.date,
          start: e.start,
          end: e.end,
          text: d.text.slice(e.start, e.end),
          entities: ids.map((id) => ({ id, type: types.get(id) ?? 'MISC' })),
        };
      }),
  );
  return { figures, dates, events: groupEvents(reports) };
}

async function ingested(inputs: string[], findingsRebuildItems?: number): Promise<Repository> {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  const summary = await ingest(inputs, repository, { pipeline: await defaultPipeline(), ...(findingsRebuildItems ? { findingsRebuildItems } : {}) });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  return repository;
}

/** Every stored finding, in its stored form. */
async function findings(repository: Repository): Promise<string> {
  return JSON.stringify([await allFigureGroups(repository), await allDateConflicts(repository), await allEvents(repository)]);
}

async function storedAgainstScratch(repository: Repository): Promise<void> {
  const expected = await fromScratch(repository);
  // JSON both sides: the stored findings went through it, and a missing field is not an undefined one.
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
  assert.deepEqual(plain(await allFigureGroups(repository)), plain(expected.figures));
  const dates = (await allDateConflicts(repository)).map((c) => ({ ...c, reports: c.reports.map(({ title: _t, text: _x, ...r }) => r) }));
  assert.deepEqual(plain(dates), plain(expected.dates));
  assert.deepEqual(plain(await allEvents(repository)), plain(expected.events));
  assert.ok(expected.figures.length > 0 && expected.events.length > 0, 'the pile has findings to compare');
}

describe('analyze: stored findings equal the whole-pile computation', () => {
  let samples: Repository;
  before(async () => {
    samples = await ingested([samplesDir]);
  });
  after(() => samples.close());

  test('on the samples', async () => {
    await storedAgainstScratch(samples);
  });

  test('on the seeds', { skip: needsShared }, async () => {
    if (!hasShared) return;
    const seeds = await ingested([seedsDir]);
    await storedAgainstScratch(seeds);
    await seeds.close();
  });

  test('reanalyze: rebuilds the same findings, from nothing as from the stored ones, and every article is at this version', async () => {
    const before = await findings(samples);
    await reanalyze(samples);
    assert.equal(await findings(samples), before);
    // A store linked before the findings were kept: no facts, no findings.
    await samples.linkTransaction(async (link) => {
      for (const kind of ['figure-group', 'date-conflict', 'event', 'entity-type']) await link.analysis.clearFindings(kind);
    });
    assert.equal((await allFigureGroups(samples)).length, 0);
    const seen: (number | string)[] = [];
    const { articles } = await reanalyze(samples, (_done, total) => seen.push(total));
    assert.equal(await findings(samples), before);
    assert.ok(seen.includes('findings'));
    const versions = await samples.analysisVersions();
    assert.deepEqual(
      versions.filter((v) => v.layer === 'articles'),
      [{ layer: 'articles', version: analysisVersion, rows: articles }],
    );
    assert.ok(versions.every((v) => v.version === analysisVersion));
  });
});

/** The stored rows of the figure groups and what their regrouping keeps beside them, parts included. */
async function figureRows(repository: Repository): Promise<string> {
  const rows = [];
  for (const kind of ['figure-group', 'figure-place-grouped', 'figure-regroup', 'figure-stale']) {
    const page = await repository.pageFindings({ kind, limit: 100_000, offset: 0 });
    rows.push(page.items.map((f) => [f.key, f.part, f.verdict, f.rank, f.data]));
  }
  return JSON.stringify(rows);
}

describe('analyze: figure groups regrouped every few articles, in any order', () => {
  let corpus: string;
  before(() => {
    corpus = mkdtempSync(join(tmpdir(), 'quipu-figure-orders-'));
    generateCorpus(repoRoot, corpus, 30);
  });
  after(() => rmSync(corpus, { recursive: true, force: true }));

  test('random subsets and orders of the samples and a synthetic corpus: the groups of a full rebuild and of the whole pile', async () => {
    const files = [
      ...readdirSync(samplesDir).map((f) => join(samplesDir, f)),
      ...readdirSync(corpus, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(txt|html)$/.test(f))
        .map((f) => join(corpus, f)),
    ];
    let state = 20251;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const shuffled = <T>(list: readonly T[]) =>
      list
        .map((x) => ({ x, r: random() }))
        .sort((a, b) => a.r - b.r)
        .map(({ x }) => x);
    const subset = shuffled(files).slice(0, Math.floor(files.length * 0.7));
    const seen = new Set<string>();
    for (const [order, every] of [
      [subset, 2],
      [shuffled(subset), 3],
      [shuffled(subset), 5],
    ] as const) {
      const repository = await ingested([...order], every);
      try {
        const incremental = await figureRows(repository);
        await storedAgainstScratch(repository);
        await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
        assert.equal(await figureRows(repository), incremental, 'regrouped by cluster = rebuilt from every fact');
        seen.add(incremental);
      } finally {
        await repository.close();
      }
    }
    assert.equal(seen.size, 1, 'the same rows whatever the order');
  });
});
