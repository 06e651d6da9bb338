/**
 * One benchmark run in its own process: `quipu` ingests the corpus through the real job, store and thread pool
 * (as `quipu ingest` does: one annotation thread per core but one, or QUIPU_THREADS);
 * `floor` reads the same files and inserts their raw text into an FTS5 table, nothing else.
 * Prints one JSON line: articles, items, bytes, seconds, peak RSS.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ingest } from '../src/jobs/ingest-job.ts';
import { defaultItemTimeoutMs, defaultThreads, workerRunner } from '../src/jobs/item-runner.ts';
import { defaultPipeline } from '../src/jobs/pipeline.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';

const [mode, corpus, db] = process.argv.slice(2) as ['quipu' | 'floor', string, string];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : /\.(txt|html)$/.test(e.name) ? [join(dir, e.name)] : []));
}

const started = performance.now();
let result: { articles: number; items: number; bytes: number };
if (mode === 'quipu') {
  const repository = new SqliteRepository(db);
  await repository.migrate();
  const runner = workerRunner({ timeoutMs: defaultItemTimeoutMs(), threads: defaultThreads() });
  const summary = await ingest([corpus], repository, { pipeline: await defaultPipeline(), runner });
  await runner.close();
  await repository.close();
  if (summary.failed.length > 0) throw new Error(`bench corpus had failures: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  result = { articles: summary.ingested, items: summary.items, bytes: summary.bytes };
} else {
  const native = new Database(db);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.exec(`create table docs(id integer primary key, path text, text text);
    create virtual table docs_fts using fts5(text, content='docs', content_rowid='id', tokenize="unicode61 remove_diacritics 2")`);
  const insert = native.prepare('insert into docs(path, text) values (?, ?)');
  const index = native.prepare('insert into docs_fts(rowid, text) values (?, ?)');
  let bytes = 0;
  const files = listFiles(corpus).sort();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    native.transaction(() => {
      const { lastInsertRowid } = insert.run(file, text);
      index.run(lastInsertRowid, text);
    })();
  }
  native.close();
  result = { articles: files.length, items: files.length, bytes };
}
const seconds = (performance.now() - started) / 1000;
/** CPU seconds of this process's main thread (storing and linking), from Linux's per-thread counters; null elsewhere. */
function mainThreadCpu(): number | null {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat)) return null;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks of 1/100 s
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
console.log(JSON.stringify({ ...result, seconds, maxRssMb: maxRSS / 1024, cpuSeconds: (userCPUTime + systemCPUTime) / 1e6, mainCpuSeconds: mainThreadCpu() }));
