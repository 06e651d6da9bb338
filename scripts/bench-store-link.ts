/**
 * The main thread's share of an ingest alone: storing and linking items already read and annotated, in one process,
 * with no annotation thread beside it, so its CPU and wall time are its own even on a loaded machine.
 *
 *   npx tsx scripts/bench-store-link.ts prepare CORPUS FILE   annotates CORPUS once (one thread) into FILE (v8 serialized)
 *   npx tsx scripts/bench-store-link.ts run FILE DB [--root DIR] [--count] [--commit-items N --commit-ms MS]
 *
 * `run` replays FILE through the ingest job of the checkout at DIR (default: this one) into a fresh store DB and prints
 * one JSON line: articles, seconds, CPU seconds, and with --count the SQL statements executed (better-sqlite3 calls,
 * which slows it: count and time in separate runs).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { RawItem } from '../src/ingest/extract.ts';
import type { ProcessedItem } from '../src/jobs/item-runner.ts';

const here = join(fileURLToPath(import.meta.url), '..', '..');
const [mode, first, second] = process.argv.slice(2);
const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

interface Recorded {
  item: RawItem;
  processed: ProcessedItem;
}

if (mode === 'prepare' && first && second) {
  const { readSources } = await import('../src/ingest/sources/index.ts');
  const { inThreadRunner } = await import('../src/jobs/item-runner.ts');
  const { defaultPipeline } = await import('../src/jobs/pipeline.ts');
  const runner = inThreadRunner(await defaultPipeline());
  const recorded: Recorded[] = [];
  for await (const event of readSources([first], {})) {
    if (event.kind === 'item') recorded.push({ item: event.item, processed: await runner.run(event.item) });
  }
  writeFileSync(second, serialize(recorded));
  console.log(JSON.stringify({ items: recorded.length }));
} else if (mode === 'run' && first && second) {
  const root = option('root') ?? here;
  const recorded = deserialize(readFileSync(first)) as Recorded[];
  const statements = option('count') !== undefined || process.argv.includes('--count') ? countStatements(root) : null;
  const { ingestItems } = (await import(pathToFileURL(join(root, 'src/jobs/ingest-job.ts')).href)) as typeof import('../src/jobs/ingest-job.ts');
  const { SqliteRepository } = (await import(pathToFileURL(join(root, 'src/store/sqlite/sqlite-repository.ts')).href)) as typeof import('../src/store/sqlite/sqlite-repository.ts');
  const { buildPipeline } = (await import(pathToFileURL(join(root, 'src/core/pipeline.ts')).href)) as typeof import('../src/core/pipeline.ts');
  for (const suffix of ['', '-wal', '-shm']) rmSync(second + suffix, { force: true });
  const repository = new SqliteRepository(second);
  await repository.migrate();
  const results = new Map(recorded.map((r) => [r.item.locator, r.processed]));
  // Every result ready at once: the job stores as fast as its thread can, as when annotation keeps ahead of it.
  const runner = { depth: 4, run: async (item: RawItem) => results.get(item.locator)!, warm: async () => {}, close: async () => {} };
  async function* events() {
    for (const { item } of recorded) yield { kind: 'item' as const, item };
  }
  if (statements) statements.total = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const commitItems = option('commit-items');
  const commitEvery = commitItems ? { items: Number(commitItems), ms: Number(option('commit-ms') ?? 1000) } : undefined;
  const summary = await ingestItems(events(), repository, { pipeline: buildPipeline([]), runner, ...(commitEvery ? { commitEvery } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await repository.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(second + suffix, { force: true });
  if (summary.failed.length > 0) throw new Error(`replay had failures: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  console.log(
    JSON.stringify({
      articles: summary.ingested,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      cpuMsPerArticle: (cpu.user + cpu.system) / 1e3 / summary.ingested,
      ...(statements ? { statements: statements.total, statementsPerArticle: statements.total / summary.ingested, commits: statements.commits } : {}),
    }),
  );
} else {
  throw new Error('usage: bench-store-link.ts prepare CORPUS FILE | run FILE DB [--root DIR] [--count]');
}

/** Counts the statements better-sqlite3 runs from now on (every `run`, `get`, `all`, `iterate` and `exec`). */
function countStatements(root: string): { total: number; commits: number } {
  const Database = createRequire(join(root, 'package.json'))('better-sqlite3') as typeof import('better-sqlite3');
  const counter = { total: 0, commits: 0 };
  const probe = new Database(':memory:');
  const Statement = probe.prepare('select 1').constructor as { prototype: Record<string, (...args: unknown[]) => unknown> };
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = Statement.prototype[method]!;
    Statement.prototype[method] = function (this: { source: string }, ...args: unknown[]) {
      counter.total++;
      if (/^\s*commit\b/i.test(this.source)) counter.commits++;
      return original.apply(this, args);
    };
  }
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (this: InstanceType<typeof Database>, source: string) {
    counter.total++;
    if (/^\s*commit\b/i.test(source)) counter.commits++;
    return exec.call(this, source);
  };
  return counter;
}
