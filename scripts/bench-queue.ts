/**
 * `npm run bench:queue`: articles/s with 1, 2 and 4 worker processes pulling from the PostgreSQL
 * queue into a PostgreSQL store, beside one in-process SQLite ingest of the same corpus.
 * Each configuration gets a fresh database; the corpus is enqueued first (not timed), then the
 * clock runs from the workers' start until the store holds every article.
 *
 * Options: --articles N (default 5000), --runs N (default 1), --workers 1,2,4, --pg URL (admin connection).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateCorpus } from './lib/corpus.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const articles = Number(value('articles', '5000'));
const runs = Number(value('runs', '1'));
const workerCounts = value('workers', '1,2,4').split(',').map(Number);
const admin = value('pg', process.env.QUIPU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const corpusDir = join(root, '.bench', `corpus-${articles}`);
const bin = join(root, 'bin', 'quipu.js');

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `quipu_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

async function countArticles(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('select count(*) as n from articles')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** CPU time is the steady measure on a shared machine: each worker runs under /usr/bin/time where it exists. */
const timeCommand = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

async function queueRun(workers: number): Promise<{ seconds: number; stored: number; cpuSeconds: number }> {
  const database = await freshDatabase();
  const timeFiles = Array.from({ length: workers }, (_, i) => join(root, '.bench', `queue-worker-${i}.time`));
  try {
    execFileSync(process.execPath, [bin, 'ingest', '--queue', corpusDir, '--db', database.url, '--json'], { stdio: 'ignore' });
    const started = performance.now();
    const children: ChildProcess[] = timeFiles.map((timeFile) => {
      const worker = [process.execPath, bin, 'worker', '--db', database.url, '--exit-when-idle', '--json'];
      return timeCommand ? spawn(timeCommand, ['-f', '%U %S', '-o', timeFile, ...worker], { stdio: 'ignore' }) : spawn(worker[0]!, worker.slice(1), { stdio: 'ignore' });
    });
    let stored = 0;
    while (stored < articles) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stored = await countArticles(database.url);
      if (children.every((child) => child.exitCode !== null)) break;
    }
    const seconds = (performance.now() - started) / 1000;
    // Workers stop on their own once the queue is idle (--exit-when-idle), so /usr/bin/time, which a signal would end
    // before it wrote anything, reports each of them; one that lingers is stopped.
    const exits = Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve)))));
    const linger = setTimeout(() => {
      for (const child of children) child.kill('SIGTERM');
    }, 120_000);
    await exits;
    clearTimeout(linger);
    // Each worker's user + system CPU, every thread of it (the annotation pool included), from the start to its exit.
    let cpuSeconds = timeCommand ? 0 : Number.NaN;
    for (const timeFile of timeFiles.filter((file) => timeCommand && existsSync(file))) {
      const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      cpuSeconds += user! + system!;
      rmSync(timeFile, { force: true });
    }
    return { seconds, stored, cpuSeconds };
  } finally {
    await database.drop();
  }
}

function sqliteRun(): { seconds: number; stored: number; cpuSeconds: number } {
  const db = join(root, '.bench', `queue-bench-sqlite.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-ingest-run.ts'), 'quipu', corpusDir, db], { encoding: 'utf8' });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; articles: number; cpuSeconds: number };
  return { seconds: result.seconds, stored: result.articles, cpuSeconds: result.cpuSeconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

generateCorpus(root, corpusDir, articles);
console.log(`queue bench: ${articles} articles, ${runs} run(s) per configuration, ${workerCounts.join('/')} worker processes, on ${(await import('node:os')).cpus().length} cores`);
const rows: { name: string; rate: number; cpuMs: number }[] = [];
for (const workers of workerCounts) {
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await queueRun(workers);
    if (result.stored !== articles) throw new Error(`${workers} workers stored ${result.stored} of ${articles}`);
    rates.push(result.stored / result.seconds);
    cpu.push((result.cpuSeconds * 1000) / result.stored);
    console.log(`  postgres, ${workers} worker(s): ${result.stored} articles in ${result.seconds.toFixed(1)} s, worker CPU ${result.cpuSeconds.toFixed(1)} s`);
  }
  rows.push({ name: `postgres queue, ${workers} worker process${workers > 1 ? 'es' : ''}`, rate: median(rates), cpuMs: median(cpu) });
}
const sqliteRates: number[] = [];
const sqliteCpu: number[] = [];
for (let run = 0; run < runs; run++) {
  const result = sqliteRun();
  sqliteRates.push(result.stored / result.seconds);
  sqliteCpu.push((result.cpuSeconds * 1000) / result.stored);
  console.log(`  sqlite, in process: ${result.stored} articles in ${result.seconds.toFixed(1)} s, CPU ${result.cpuSeconds.toFixed(1)} s`);
}
rows.push({ name: 'sqlite, one process (no queue)', rate: median(sqliteRates), cpuMs: median(sqliteCpu) });
const baseline = rows[0]!.rate;
const sqlite = rows.at(-1)!.rate;
// PostgreSQL's own CPU (its server processes) is not in the workers' figure.
console.log('\nconfiguration                          articles/s   vs 1 worker   vs sqlite   client CPU ms/article');
for (const row of rows)
  console.log(
    `${row.name.padEnd(38)} ${row.rate.toFixed(1).padStart(10)} ${(row.rate / baseline).toFixed(2).padStart(13)} ${(row.rate / sqlite).toFixed(2).padStart(11)} ${row.cpuMs.toFixed(0).padStart(23)}`,
  );
