/**
 * The stored findings, kept current one article at a time, equal what the grouping functions give over the whole
 * pile at once (the samples, and the seeds when ../shared is there).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
import { hasShared, needsShared, samplesDir, seedsDir } from '../../test/helpers/shared.ts';

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
    (d.events ?? []).filter((e) => !e.inherited).map((e) => {
      const ids = [...new Set(e.entities.map((i) => entityOf.get(d.id)!.get(i)).filter((x): x is string => !!x))];
      return { articleId: d.id, published: d.meta.published, date: e.date, start: e.start, end: e.end, text: d.text.slice(e.start, e.end), entities: ids.map((id) => ({ id, type: types.get(id) ?? 'MISC' })) };
    }),
  );
  return { figures, dates, events: groupEvents(reports) };
}

async function storedAgainstScratch(inputs: string[]): Promise<void> {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  const summary = await ingest(inputs, repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  const expected = await fromScratch(repository);
  // JSON both sides: the stored findings went through it, and a missing field is not an undefined one.
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
  assert.deepEqual(plain(await allFigureGroups(repository)), plain(expected.figures));
  const dates = (await allDateConflicts(repository)).map((c) => ({ ...c, reports: c.reports.map(({ title: _t, text: _x, ...r }) => r) }));
  assert.deepEqual(plain(dates), plain(expected.dates));
  assert.deepEqual(plain(await allEvents(repository)), plain(expected.events));
  assert.ok(expected.figures.length > 0 && expected.events.length > 0, 'the pile has findings to compare');
  await repository.close();
}

describe('analyze: stored findings equal the whole-pile computation', () => {
  test('on the samples', async () => {
    await storedAgainstScratch([samplesDir]);
  });

  test('on the seeds', { skip: needsShared }, async () => {
    if (hasShared) await storedAgainstScratch([seedsDir]);
  });
});
