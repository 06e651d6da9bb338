/**
 * `npm run bench`: ingest throughput and memory on a synthetic corpus recombined from the samples.
 * Each run is a fresh child process (so peak RSS is its own) into a fresh store; figures are medians.
 * The peer, run side by side on the same files, is the floor: read each file and store its raw text
 * with FTS5 and no extraction at all. The ratio says what extraction and metadata cost on top of I/O.
 *
 * Options: --articles N (default 10000), --runs N (default 3), --keep (keep the corpus in .bench/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const articles = option('articles', 10_000);
const runs = option('runs', 3);
const benchDir = join(root, '.bench');
const corpusDir = join(benchDir, `corpus-${articles}`);

interface RunResult {
  articles: number;
  items: number;
  bytes: number;
  seconds: number;
  maxRssMb: number;
}

/** Recombines the samples' paragraphs into `count` distinct articles with bylines, plus some HTML pages. */
function generateCorpus(count: number): void {
  if (existsSync(join(corpusDir, 'done'))) return;
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const samples = readdirSync(join(root, 'samples', 'articles')).filter((f) => f.endsWith('.txt'));
  const paragraphs = samples.flatMap((f) =>
    readFileSync(join(root, 'samples', 'articles', f), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 25 && !/Posted by/.test(p)),
  );
  const outlets = ['Condorpress', 'The Andean Ledger', 'Meridian Monitor', 'Pacific Current', 'Radio Cumbre', 'El Faro de Quilla', 'Commons Desk'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: 4 + Math.floor(random() * 5) }, () => pick(paragraphs));
    const outlet = pick(outlets);
    const date = `${pick(months)} ${1 + Math.floor(random() * 28)}, ${2020 + Math.floor(random() * 6)}`;
    const title = `Report ${i + 1}: ${body[0]!.split(/\s+/).slice(0, 8).join(' ')}`;
    // The serial number keeps every article's content hash distinct, as in a real pile.
    const text = `${title}\n\nBy Staff Writer ${i % 97} – ${outlet} – ${date}\n\n${body.join('\n\n')}\n\nFile ${i + 1} of the synthetic corpus.\n`;
    const shard = join(corpusDir, String(Math.floor(i / 1000)).padStart(2, '0'));
    mkdirSync(shard, { recursive: true });
    if (i % 10 === 0) {
      const html = `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="${outlet}">` +
        `<script>var tracking = ${i};</script><style>body{margin:0}</style></head><body><nav><a href="/">Home</a></nav>` +
        `<article><h1>${title}</h1>${body.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}<p>File ${i + 1}.</p></article><footer>© ${outlet}</footer></body></html>`;
      writeFileSync(join(shard, `a${i}.html`), html);
    } else writeFileSync(join(shard, `a${i}.txt`), text);
  }
  writeFileSync(join(corpusDir, 'done'), '');
}

function runChild(mode: 'quipu' | 'floor', run: number): RunResult {
  const db = join(benchDir, `${mode}-${run}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-ingest-run.ts'), mode, corpusDir, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  return JSON.parse(output.trim().split('\n').at(-1)!) as RunResult;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

generateCorpus(articles);
console.log(`corpus: ${articles} synthetic articles (90% text, 10% HTML) in ${corpusDir}; ${runs} runs each, alternating`);
const results: Record<'quipu' | 'floor', RunResult[]> = { quipu: [], floor: [] };
for (let run = 0; run < runs; run++) {
  for (const mode of ['quipu', 'floor'] as const) {
    const result = runChild(mode, run);
    results[mode].push(result);
    console.log(`  run ${run + 1} ${mode.padEnd(5)} ${result.articles} articles in ${result.seconds.toFixed(2)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB`);
  }
}
const row = (mode: 'quipu' | 'floor') => {
  const r = results[mode];
  const seconds = median(r.map((x) => x.seconds));
  return {
    articlesPerSecond: median(r.map((x) => x.articles / x.seconds)),
    mbPerSecond: median(r.map((x) => x.bytes / 1024 / 1024 / x.seconds)),
    peakRssMb: median(r.map((x) => x.maxRssMb)),
    seconds,
    articles: r[0]!.articles,
  };
};
const quipu = row('quipu');
const floor = row('floor');
console.log('\ningest (median of runs)        articles/s      MB/s   peak RSS MB   articles');
console.log(`quipu ingest (extract+store)  ${quipu.articlesPerSecond.toFixed(0).padStart(10)} ${quipu.mbPerSecond.toFixed(2).padStart(9)} ${quipu.peakRssMb.toFixed(0).padStart(13)} ${String(quipu.articles).padStart(10)}`);
console.log(`floor (read + raw FTS insert) ${floor.articlesPerSecond.toFixed(0).padStart(10)} ${floor.mbPerSecond.toFixed(2).padStart(9)} ${floor.peakRssMb.toFixed(0).padStart(13)} ${String(floor.articles).padStart(10)}`);
console.log(`ratio quipu/floor: ${(quipu.articlesPerSecond / floor.articlesPerSecond).toFixed(3)} of the floor's throughput`);
if (!args.includes('--keep')) rmSync(corpusDir, { recursive: true, force: true });
