/**
 * The store the API bench reads: the samples plus a synthetic corpus of `count` articles (0: the samples alone),
 * ingested once through the real job into .bench/ and reused by later runs (a `.done` file beside the store marks a
 * finished ingest).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { generateCorpus } from './corpus.ts';

/** Path of a ready store of the samples plus `count` synthetic articles; ingests it first when missing. */
export async function apiBenchStore(root: string, count: number, log: (line: string) => void = console.log): Promise<string> {
  const benchDir = join(root, '.bench');
  const db = join(benchDir, `api-${count}.db`);
  if (existsSync(`${db}.done`)) return db;
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const corpusDir = join(benchDir, `corpus-${count}`);
  if (count > 0) generateCorpus(root, corpusDir, count);
  log(`building the API bench store: samples + ${count} synthetic articles into ${db} (once; reused while ${db}.done exists)`);
  const repository = new SqliteRepository(db);
  await repository.migrate();
  const started = performance.now();
  const summary = await ingest([join(root, 'samples', 'articles'), ...(count > 0 ? [corpusDir] : [])], repository, { pipeline: await defaultPipeline() });
  await repository.close();
  if (summary.failed.length > 0) throw new Error(`bench corpus had failures: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  log(`  ${summary.ingested} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  writeFileSync(`${db}.done`, `${summary.ingested}\n`);
  return db;
}
