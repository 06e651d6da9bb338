/** `quipu ingest`: a progress bar on a terminal, then a summary of what was stored and what failed. */
import cliProgress from 'cli-progress';
import { countItems } from '../ingest/sources/index.ts';
import { type IngestSummary, ingest } from '../jobs/ingest-job.ts';
import { defaultItemTimeoutMs, defaultThreads, workerRunner } from '../jobs/item-runner.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { printJson, printTable, safe, style, withRepository } from './output.ts';

export interface IngestCommandOptions {
  db: string;
  include?: string[];
  exclude?: string[];
  allowPrivate: boolean;
  maxBytes?: number;
  timeout?: number;
  /** Seconds one item may take to be read and annotated. */
  itemTimeout?: number;
  json: boolean;
}

export async function ingestCommand(inputs: string[], options: IngestCommandOptions): Promise<void> {
  const summary = await runIngest(inputs, options);
  if (options.json) printJson(summary);
  else printIngestSummary(summary);
  if (summary.failed.length > 0) process.exitCode = 1;
}

/** Runs the ingest with a progress bar when stderr is a terminal. */
export async function runIngest(inputs: string[], options: IngestCommandOptions): Promise<IngestSummary> {
  const sourceOptions = {
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    allowPrivate: options.allowPrivate,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.timeout ? { fetch: { timeoutMs: options.timeout } } : {}),
  };
  const bar =
    process.stderr.isTTY && !options.json
      ? new cliProgress.SingleBar(
          { format: ' {bar} {value}/{total} items | {articles} articles | {failed} failed | {item}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : null;
  let articles = 0;
  let failed = 0;
  if (bar) bar.start(await countItems(inputs, sourceOptions), 0, { articles, failed, item: '' });
  return withRepository(options.db, async (repository) => {
    const pipeline = await defaultPipeline();
    // Annotation threads on every core but this one's; this thread stores and links what they return, in input order.
    const runner = workerRunner({ timeoutMs: options.itemTimeout ? options.itemTimeout * 1000 : defaultItemTimeoutMs(), threads: defaultThreads() });
    try {
      return await ingest(inputs, repository, {
        ...sourceOptions,
        pipeline,
        runner,
        onEvent(event) {
          if (!bar) return;
          if (event.kind === 'item-done') articles += event.articles.length;
          else failed++;
          const item = event.kind === 'item-done' ? event.item : event.failure.item;
          if (bar.getProgress() >= 1) bar.setTotal(bar.getTotal() + 1);
          bar.increment(1, { articles, failed, item: safe(item.split('/').pop() ?? '').slice(0, 40) });
        },
      });
    } finally {
      bar?.stop();
      await runner.close();
    }
  });
}

export function printIngestSummary(summary: IngestSummary): void {
  if (summary.articles.length > 0) {
    printTable(
      ['id', 'status', 'published', 'outlet', 'lang', 'title'],
      summary.articles.map((a) => [a.id.slice(0, 10), a.status, a.published ?? '', a.outlet ?? '', a.language, a.title ?? '(untitled)']),
      5,
    );
  }
  const line =
    `${summary.ingested} ingested, ${summary.duplicates} duplicate${summary.duplicates === 1 ? '' : 's'}, ${summary.failed.length} failed` +
    ` (${summary.items} items, ${(summary.bytes / 1024).toFixed(0)} KB in ${summary.seconds.toFixed(1)} s)`;
  process.stdout.write(`\n${style.bold(line)}\n`);
  for (const failure of summary.failed) process.stdout.write(`  ✗ ${safe(failure.message)} [${failure.code}]\n`);
  for (const warning of summary.warnings) process.stdout.write(`  ! ${safe(warning)}\n`);
}
