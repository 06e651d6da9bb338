/**
 * What is stored does not depend on how the ingest ran: the samples (and the seeds, when ../shared is present) ingested
 * one item at a time in this thread, and through the pool of annotation threads with results stored in input order
 * (as `quipu ingest` runs), give byte-identical exports and byte-identical stored articles, layers and copy links.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { exportJson } from '../../src/export/json.ts';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { type ItemRunner, workerRunner } from '../../src/jobs/item-runner.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { needsShared, samplesDir, seedsDir } from '../helpers/shared.ts';

const pool = workerRunner({ timeoutMs: 120_000, threads: 2 });
after(() => pool.close());

/** Everything the store gives back about the pile, as one string; only the ingest time is left out. */
async function storedAfterIngest(inputs: string[], runner: ItemRunner | null): Promise<string> {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  const summary = await ingest(inputs, repository, { pipeline: await defaultPipeline(), ...(runner ? { runner } : {}) });
  assert.deepEqual(summary.failed, []);
  const articles = [];
  for await (const { ingestedAt: _ingestedAt, ...article } of repository.allArticles()) articles.push(article);
  const stored = JSON.stringify({ export: await exportJson(repository), articles, copies: await repository.listCopies(), summary: summary.articles });
  await repository.close();
  return stored;
}

for (const [name, dir, skip] of [
  ['samples', samplesDir, false],
  ['seeds', seedsDir, needsShared],
] as const) {
  test(`export equality: the ${name} stored through the thread pool are byte-identical to the ${name} stored one item at a time`, { skip, timeout: 600_000 }, async () => {
    const oneAtATime = await storedAfterIngest([dir], null);
    const pooled = await storedAfterIngest([dir], pool);
    assert.ok(oneAtATime.length > 10_000, 'the store holds the pile');
    // Compared as strings, not deeply: key order and number formatting are part of what a user's diff of two exports sees.
    assert.equal(pooled, oneAtATime);
  });
}
