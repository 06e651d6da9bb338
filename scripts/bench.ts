/**
 * `npm run bench`: ingest throughput and memory on a synthetic corpus (scripts/lib/corpus.ts: `realistic`, fictional news
 * of which about one article in six copies a recent one, or `recombined`, the samples' paragraphs recombined).
 * Each run is a fresh child process (so peak RSS is its own) into a fresh store; figures are medians.
 * The peer, run side by side on the same files, is the floor: read each file and store its raw text
 * with FTS5 and no extraction at all. The ratio says what extraction and metadata cost on top of I/O.
 *
 * Then the API and UI figures at the same size (scripts/bench-api.ts, also `npm run bench:api`).
 *
 * Options: --articles N (default 10000), --runs N (default 3), --corpus realistic|recombined|html (default realistic;
 * html: the realistic articles, each an HTML page),
 * --keep (keep the corpus in .bench/), --no-api,
 * --baseline DIR (a checkout of other code, e.g. `git worktree add /tmp/old main`: its ingest runs as a third row,
 * side by side with this one on the same corpus, so a change is measured as a ratio under the same machine load),
 * --built (a row for the installed `quipu ingest` from the built bundle, beside the same job run through tsx).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchStages } from './bench-stages.ts';
import { type CorpusKind, corpusKinds, generateCorpus } from './lib/corpus.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const articles = option('articles', 10_000);
const runs = option('runs', 3);
const corpusAt = args.indexOf('--corpus');
const corpus = (corpusAt >= 0 ? args[corpusAt + 1] : 'realistic') as CorpusKind;
if (!corpusKinds.includes(corpus)) throw new Error(`--corpus takes ${corpusKinds.join(' or ')}, not ${corpus}`);
const benchDir = join(root, '.bench');
const corpusDir = join(benchDir, `corpus-${corpus}-${articles}`);

const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? args[baselineAt + 1]! : null;
type Mode = 'quipu' | 'floor' | 'baseline' | 'cli';
// --built adds a row for the installed command (`quipu ingest` from the built bundle, no tsx): what a user runs, and
// whose memory the targets are about; the `quipu` row runs the same job from the sources through tsx.
const built = args.includes('--built');
const modes: Mode[] = [...(['quipu', 'baseline', 'cli', 'floor'] as const)].filter((mode) => (mode !== 'baseline' || baseline) && (mode !== 'cli' || built));

interface RunResult {
  articles: number;
  items: number;
  bytes: number;
  seconds: number;
  maxRssMb: number;
  /** User + system CPU of the whole child (every thread), from /usr/bin/time; NaN where it is absent. */
  cpuSeconds: number;
}

/** CPU time is the steady measure on a shared machine: wall time moves with the other load, CPU time much less. */
const timeCommand = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function runChild(mode: Mode, run: number): RunResult {
  const db = join(benchDir, `${mode}-${run}.db`);
  if (mode === 'cli') return runCli(db);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const script = join(mode === 'baseline' ? baseline! : root, 'scripts', 'bench-ingest-run.ts');
  const command = [process.execPath, '--import', 'tsx', script, mode === 'baseline' ? 'quipu' : mode, corpusDir, db];
  const timeFile = `${db}.time`;
  const output = timeCommand
    ? execFileSync(timeCommand, ['-f', '%U %S', '-o', timeFile, ...command], { encoding: 'utf8', maxBuffer: 1 << 24 })
    : execFileSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  let cpuSeconds = Number.NaN;
  if (timeCommand) {
    const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    cpuSeconds = user! + system!;
    rmSync(timeFile, { force: true });
  }
  return { ...(JSON.parse(output.trim().split('\n').at(-1)!) as Omit<RunResult, 'cpuSeconds'>), cpuSeconds };
}

/** `quipu ingest CORPUS --db DB` from bin/quipu.js: wall time, CPU and peak RSS from /usr/bin/time, articles from the store. */
function runCli(db: string): RunResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  if (!timeCommand) throw new Error("--built needs /usr/bin/time (Debian package time) for the CLI run's CPU and memory");
  const timeFile = `${db}.time`;
  const started = performance.now();
  execFileSync(timeCommand, ['-f', '%U %S %M', '-o', timeFile, process.execPath, join(root, 'bin', 'quipu.js'), 'ingest', corpusDir, '--db', db], { stdio: 'ignore' });
  const seconds = (performance.now() - started) / 1000;
  const [user, system, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  const store = new Database(db, { readonly: true });
  const { count } = store.prepare('select count(*) as count from articles').get() as { count: number };
  store.close();
  const files = readdirSync(corpusDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const bytes = files.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  for (const suffix of ['', '-wal', '-shm', '.time']) rmSync(db + suffix, { force: true });
  return { articles: count, items: files.length, bytes, seconds, maxRssMb: maxRssKb! / 1024, cpuSeconds: user! + system! };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

generateCorpus(root, corpusDir, articles, corpus);
console.log(`corpus: ${articles} synthetic articles, ${corpus} (${corpus === 'html' ? 'every one an HTML page' : '90% text, 10% HTML'}) in ${corpusDir}; ${runs} runs each, alternating`);
const results: Record<Mode, RunResult[]> = { quipu: [], floor: [], baseline: [], cli: [] };
for (let run = 0; run < runs; run++) {
  for (const mode of modes) {
    const result = runChild(mode, run);
    results[mode].push(result);
    console.log(`  run ${run + 1} ${mode.padEnd(8)} ${result.articles} articles in ${result.seconds.toFixed(2)} s, CPU ${result.cpuSeconds.toFixed(1)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB`);
  }
}
const row = (mode: Mode) => {
  const r = results[mode];
  const seconds = median(r.map((x) => x.seconds));
  return {
    articlesPerSecond: median(r.map((x) => x.articles / x.seconds)),
    mbPerSecond: median(r.map((x) => x.bytes / 1024 / 1024 / x.seconds)),
    peakRssMb: median(r.map((x) => x.maxRssMb)),
    seconds,
    cpuSeconds: median(r.map((x) => x.cpuSeconds)),
    articles: r[0]!.articles,
  };
};
const quipu = row('quipu');
const floor = row('floor');
const line = (label: string, r: ReturnType<typeof row>) =>
  console.log(
    `${label.padEnd(30)}${r.articlesPerSecond.toFixed(1).padStart(10)} ${r.mbPerSecond.toFixed(2).padStart(9)} ${r.peakRssMb.toFixed(0).padStart(13)} ${r.cpuSeconds.toFixed(1).padStart(8)} ${String(r.articles).padStart(10)}`,
  );
console.log('\ningest (median of runs)          articles/s      MB/s   peak RSS MB    CPU s   articles');
line('quipu ingest (extract+store)', quipu);
if (built) line('quipu ingest, installed CLI', row('cli'));
line('floor (read + raw FTS insert)', floor);
if (baseline) {
  const old = row('baseline');
  line('baseline (--baseline code)', old);
  console.log(
    `ratio baseline/floor: ${(old.articlesPerSecond / floor.articlesPerSecond).toFixed(3)}; quipu/baseline: ${(quipu.articlesPerSecond / old.articlesPerSecond).toFixed(2)}× articles/s, ${(old.cpuSeconds / quipu.cpuSeconds).toFixed(2)}× less CPU`,
  );
}
console.log(`ratio quipu/floor: ${(quipu.articlesPerSecond / floor.articlesPerSecond).toFixed(3)} of the floor's throughput`);
if (built) console.log(`ratio installed CLI/floor: ${(row('cli').articlesPerSecond / floor.articlesPerSecond).toFixed(3)} of the floor's throughput`);
if (!args.includes('--keep')) rmSync(corpusDir, { recursive: true, force: true });
benchStages();
if (!args.includes('--no-api')) {
  // Its own process: the API bench starts a server and a browser, and reuses its store in .bench/ across runs.
  const api = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-api.ts'), '--articles', String(articles)], { stdio: 'inherit' });
  if (api.status !== 0) process.exitCode = api.status ?? 1;
}
if (!args.includes('--no-link')) {
  // Linking at scale (issue 6): store + link 100,000 synthetic articles beside a store-only floor; --link-articles N.
  const at = args.indexOf('--link-articles');
  const link = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-link.ts'), '--articles', at >= 0 ? args[at + 1]! : '100000'], { stdio: 'inherit' });
  if (link.status !== 0) process.exitCode = link.status ?? 1;
}
