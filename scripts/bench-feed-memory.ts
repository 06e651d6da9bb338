/**
 * Peak memory of reading a large feed: generates an RSS feed of N items (each a short article of its own), then reads
 * it in a child process, either through the sources alone (`read`) or through the real ingest into a new SQLite store
 * (`ingest`, the default pipeline in a worker), and prints the child's peak RSS.
 * `--mode cli` runs the built CLI instead (`quipu ingest`, the bundle in dist/ that an installed Quipu runs: no tsx,
 * one annotation thread per core but one unless QUIPU_THREADS says otherwise); build it first (`node scripts/build.mjs`).
 * `npx tsx scripts/bench-feed-memory.ts [--items 10000] [--mode read|ingest|cli] [--source feed|files]`;
 * QUIPU_BENCH_TRACE=1 prints each thread's memory every 5 s (the process's RSS, the thread's V8 heap used and reserved), to tell
 * the annotation threads' share from the main thread's.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    items: { type: 'string', default: '10000' },
    mode: { type: 'string', default: 'read' },
    source: { type: 'string', default: 'feed' },
    child: { type: 'string' },
    db: { type: 'string' },
  },
});

const places = ['Valmora', 'Quillabamba Alta', 'Port Ederra', 'San Teodoro del Monte', 'Lagunilla'];
const people = ['Ines Arrate', 'Tomás Vidal', 'Rosa Ychaso', 'Bruno Maldo', 'Celia Ortuzar'];

/** One generated article of a few paragraphs, distinct by its serial number. */
function articleHtml(serial: number): string {
  const place = places[serial % places.length]!;
  const person = people[(serial * 7) % people.length]!;
  const paragraphs = [
    `The council of ${place} voted on Tuesday to repair ${(serial % 40) + 3} bridges before the rains, after a debate that lasted into the night.`,
    `"We cannot wait another season," said ${person}, who chairs the works committee, adding that the budget would rise by ${(serial % 9) + 2} percent.`,
    `Residents of ${place} had complained since March about closed roads; ${(serial % 300) + 20} families were cut off for a week in the last storm.`,
    `The vote passed by ${(serial % 5) + 6} to ${(serial % 4) + 1}. Report number ${serial} of the generated feed.`,
  ];
  return paragraphs.map((p) => `<p>${p}</p>`).join('\n');
}

/** Writes an RSS 2.0 feed of `count` items to `path`, item by item, and returns its size in bytes. */
async function writeFeed(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>The Valmora Courier</title><link>https://courier.example/</link><language>en</language>\n',
  );
  for (let i = 1; i <= count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await write(
      `<item><title>Bridges vote, part ${i}</title><link>https://courier.example/news/${i}</link><guid>https://courier.example/news/${i}</guid>` +
        `<pubDate>Tue, ${day} Oct 2025 09:00:00 GMT</pubDate><dc:creator>Staff Writer ${i % 13}</dc:creator>` +
        `<content:encoded><![CDATA[${articleHtml(i)}]]></content:encoded></item>\n`,
    );
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** The feed's articles as one HTML page each, in folders of a thousand. */
async function writeFiles(folder: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const shard = join(folder, String(Math.floor(i / 1000)).padStart(2, '0'));
    mkdirSync(shard, { recursive: true });
    writeFileSync(join(shard, `a${i}.html`), `<!doctype html><html lang="en"><head><title>Bridges vote, part ${i}</title></head><body><article>${articleHtml(i)}</article></body></html>`);
  }
}

async function child(mode: string, feed: string, db: string): Promise<void> {
  const started = performance.now();
  if (process.env.QUIPU_BENCH_TRACE === '1') {
    // Where the memory goes while it runs: this thread's heap and buffers against the whole process.
    setInterval(() => {
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      process.stderr.write(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)} external ${mb(m.external)} buffers ${mb(m.arrayBuffers)}\n`);
    }, 5000).unref();
  }
  let items = 0;
  let failed = 0;
  if (mode === 'read') {
    const { readSources } = await import('../src/ingest/sources/index.ts');
    for await (const event of readSources([feed])) {
      if (event.kind === 'item') items++;
      else failed++;
    }
  } else {
    const { ingest } = await import('../src/jobs/ingest-job.ts');
    const { workerRunner } = await import('../src/jobs/item-runner.ts');
    const { defaultPipeline } = await import('../src/jobs/pipeline.ts');
    const { SqliteRepository } = await import('../src/store/sqlite/sqlite-repository.ts');
    const repository = new SqliteRepository(db);
    await repository.migrate();
    const runner = workerRunner({ timeoutMs: 60_000 });
    const summary = await ingest([feed], repository, { pipeline: await defaultPipeline(), runner });
    await runner.close();
    await repository.close();
    items = summary.ingested + summary.duplicates;
    failed = summary.failed.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ mode, items, failed, seconds: Number(seconds.toFixed(1)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

if (values.child) {
  await child(values.child, positionals[0] ?? '', values.db ?? '');
} else {
  const count = Number(values.items);
  const dir = mkdtempSync(join(tmpdir(), 'quipu-feed-memory-'));
  try {
    const feed = join(dir, 'feed.xml');
    const bytes = await writeFeed(feed, count);
    process.stderr.write(`feed: ${count} items, ${(bytes / 1024 / 1024).toFixed(1)} MB\n`);
    let input = feed;
    if (values.source === 'files') {
      // The same articles as one HTML file each, for comparison: what the ingest costs without the feed.
      input = join(dir, 'files');
      await writeFiles(input, count);
    }
    const db = join(dir, 'store.db');
    const args =
      values.mode === 'cli'
        ? ['--import', cliReporter(dir), new URL('../bin/quipu.js', import.meta.url).pathname, 'ingest', '--db', db, '--json', input]
        : ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', values.mode, '--db', db, input];
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (values.mode === 'cli') {
      // The CLI prints its summary; the reporter printed the peak on stderr as the process exited.
      const summary = JSON.parse(run.stdout) as { ingested: number; duplicates: number; failed: unknown[]; seconds: number };
      const items = summary.ingested + summary.duplicates;
      console.log(JSON.stringify({ mode: 'cli', items, failed: summary.failed.length, seconds: Number(summary.seconds.toFixed(1)), articlesPerSecond: Number((items / summary.seconds).toFixed(2)) }));
    } else process.stdout.write(run.stdout);
    process.exitCode = run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A module preloaded into the CLI's process: the same trace as the child's, and its peak RSS on stderr at exit. */
function cliReporter(dir: string): string {
  const path = join(dir, 'report-rss.mjs');
  writeFileSync(
    path,
    // Worker threads inherit --import, so each annotation thread prints its own heap too (a line per thread).
    `import { isMainThread, threadId } from 'node:worker_threads';
const mb = (n) => Math.round(n / 1024 / 1024);
const started = performance.now();
const thread = isMainThread ? 'main' : 'thread-' + threadId;
if (process.env.QUIPU_BENCH_TRACE === '1') setInterval(() => { const m = process.memoryUsage(); process.stderr.write(Math.round((performance.now() - started) / 1000) + ' s ' + thread + ' rss ' + mb(m.rss) + ' heap ' + mb(m.heapUsed) + ' of ' + mb(m.heapTotal) + ' external ' + mb(m.external) + ' buffers ' + mb(m.arrayBuffers) + '\\n'); }, 5000).unref();
if (isMainThread) process.on('exit', () => process.stderr.write(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\\n'));
`,
  );
  return path;
}
