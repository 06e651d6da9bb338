/**
 * The store the API benches read: the samples plus `count` synthetic articles (0: the samples alone), built once into
 * .bench/ and reused by later runs (a `.done` file beside the store marks a finished build). Two ways to build it:
 * - `synthetic` (the default): a pool of annotated articles re-skinned into `count`, stored, linked and analyzed as
 *   ingest does (scripts/lib/synthetic-store.ts). A stopped build goes on where it stopped when run again, and a build
 *   starts from the largest finished smaller store.
 * - `ingest`: the synthetic corpus (scripts/lib/corpus.ts) through the full ingest, annotation included (about 0.1 s of
 *   CPU an article): the reference the synthetic store's shape is checked against, at a size both can build.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { generateCorpus } from './corpus.ts';
import { buildSyntheticStore, syntheticProgress } from './synthetic-store.ts';

export type StoreSource = 'synthetic' | 'ingest';
export const storeSources: readonly StoreSource[] = ['synthetic', 'ingest'];

/** `--source synthetic|ingest` from a script's arguments. */
export function storeSourceOption(args: readonly string[]): StoreSource {
  const at = args.indexOf('--source');
  const value = at >= 0 ? args[at + 1] : 'synthetic';
  if (!storeSources.includes(value as StoreSource)) throw new Error(`--source takes ${storeSources.join(' or ')}, not ${value}`);
  return value as StoreSource;
}

/** Path of a ready store of the samples plus `count` synthetic articles; builds it first when missing. */
export async function apiBenchStore(root: string, count: number, log: (line: string) => void = console.log, source: StoreSource = 'synthetic'): Promise<string> {
  const benchDir = join(root, '.bench');
  // The samples alone are the same store either way; an ingest-built store keeps the name it always had.
  const db = join(benchDir, count > 0 && source === 'synthetic' ? `api-${count}-synthetic.db` : `api-${count}.db`);
  if (existsSync(`${db}.done`)) return db;
  mkdirSync(benchDir, { recursive: true });
  const synthetic = source === 'synthetic' && count > 0;
  if (!synthetic) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  else if (!existsSync(db)) startFromSmaller(benchDir, count, db, log);
  log(`building the API bench store: samples + ${count} ${source === 'synthetic' ? 're-skinned' : 'ingested'} synthetic articles into ${db} (once; reused while ${db}.done exists)`);
  const repository = new SqliteRepository(db);
  await repository.migrate();
  const started = performance.now();
  let stored: number;
  try {
    stored = synthetic ? await buildSyntheticStore(root, repository, count, { log, resume: syntheticProgress(db) }) : await ingestCorpus(root, benchDir, repository, count);
  } finally {
    await repository.close();
  }
  log(`  ${stored} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  writeFileSync(`${db}.done`, `${stored}\n`);
  return db;
}

/**
 * A synthetic store of N is the first N articles of any larger one (the same draws in the same order), so a build
 * starts from the largest finished smaller store when there is one; a stopped build goes on from its own store.
 */
function startFromSmaller(benchDir: string, count: number, db: string, log: (line: string) => void): void {
  const smaller = readdirSync(benchDir)
    .map((name) => /^api-(\d+)-synthetic\.db\.done$/.exec(name))
    .filter((match) => match !== null && Number(match[1]) < count)
    .map((match) => Number(match![1]))
    .sort((a, b) => b - a)[0];
  if (smaller === undefined) return;
  const from = join(benchDir, `api-${smaller}-synthetic.db`);
  for (const suffix of ['', '-wal']) if (existsSync(from + suffix)) copyFileSync(from + suffix, db + suffix);
  log(`  starting from the finished store of ${smaller} (${from})`);
}

async function ingestCorpus(root: string, benchDir: string, repository: SqliteRepository, count: number): Promise<number> {
  const corpusDir = join(benchDir, `corpus-${count}`);
  if (count > 0) generateCorpus(root, corpusDir, count);
  const summary = await ingest([join(root, 'samples', 'articles'), ...(count > 0 ? [corpusDir] : [])], repository, { pipeline: await defaultPipeline() });
  if (summary.failed.length > 0) throw new Error(`bench corpus had failures: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  return summary.ingested;
}
