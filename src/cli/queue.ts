/** `quipu ingest --queue`, `quipu worker`, `quipu jobs`: the newsroom's queue on PostgreSQL. */
import { QuipuError } from '../core/errors.ts';
import { defaultItemTimeoutMs, defaultThreads, workerRunner } from '../jobs/item-runner.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { enqueue, ingestQueue, openQueue, queueReport, type QueueSettings, runWorker } from '../jobs/queue.ts';
import { isPostgresUrl } from '../store/open.ts';
import type { IngestCommandOptions } from './ingest.ts';
import { printJson, printTable, safe, style, withRepository } from './output.ts';

export interface QueueOptions {
  db: string;
  jobTimeout?: number;
  retries?: number;
  maintenanceSeconds?: number;
}

function requirePostgres(db: string): void {
  if (!isPostgresUrl(db)) {
    throw new QuipuError('E_CONFIG', `The queue lives in PostgreSQL: pass --db postgres://… (or set QUIPU_DB); "${db}" is a SQLite file`);
  }
}

function settings(options: QueueOptions): QueueSettings {
  return {
    ...(options.jobTimeout ? { expireInSeconds: options.jobTimeout } : {}),
    ...(options.retries !== undefined ? { retryLimit: options.retries } : {}),
    ...(options.maintenanceSeconds ? { maintenanceIntervalSeconds: options.maintenanceSeconds } : {}),
  };
}

export async function enqueueCommand(inputs: string[], options: IngestCommandOptions & QueueOptions): Promise<void> {
  requirePostgres(options.db);
  // The store's schema must exist before workers write to it.
  await withRepository(options.db, async () => undefined);
  const boss = await openQueue(options.db, settings(options));
  try {
    const result = await enqueue(boss, inputs, {
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      allowPrivate: options.allowPrivate,
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    });
    if (options.json) printJson(result);
    else {
      process.stdout.write(`${style.bold(`${result.enqueued} items enqueued`)}, ${result.failed.length} unreadable\n`);
      for (const failure of result.failed) process.stdout.write(`  ✗ ${safe(failure.message)} [${failure.code}]\n`);
    }
    if (result.failed.length > 0) process.exitCode = 1;
  } finally {
    await boss.stop({ graceful: true, wait: true });
  }
}

export async function workerCommand(options: QueueOptions & { concurrency?: number; itemTimeout?: number; exitWhenIdle: boolean; json: boolean }): Promise<void> {
  requirePostgres(options.db);
  // The store commits without waiting for its WAL to reach the disk: pg-boss's synchronous commit of each job's
  // completion, after its items are stored, flushes theirs too (postgres-repository.ts).
  await withRepository(
    options.db,
    async (repository) => {
      const boss = await openQueue(options.db, settings(options));
      const pipeline = await defaultPipeline();
      // Items are read and annotated on a pool of threads (every core but one), with the per-item time budget of `quipu ingest`.
      const runner = workerRunner({ timeoutMs: options.itemTimeout ? options.itemTimeout * 1000 : defaultItemTimeoutMs(), threads: defaultThreads() });
      // Enough jobs at once to keep every thread busy while the main thread stores and links.
      const concurrency = options.concurrency ?? runner.depth ?? 1;
      let done = 0;
      let failed = 0;
      const worker = await runWorker(boss, repository, pipeline, {
        concurrency,
        runner,
        onJob(locator, result) {
          done++;
          if (result instanceof Error) failed++;
          if (!options.json) {
            const line =
              result instanceof Error ? `✗ ${locator}: ${result.message} (will retry)` : `✓ ${locator}: ${result.ingested} new, ${result.duplicates} duplicate, ${result.failed.length} failed`;
            process.stdout.write(`${safe(line)}\n`);
          }
        },
      });
      const stopped = new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (options.exitWhenIdle) {
          let idle = 0;
          const timer = setInterval(async () => {
            // Jobs queued, retrying or active, on pg-boss's own connections: the full report opened a connection (a new
            // server process) every second and read the dead letters too.
            idle = (await boss.getQueueSize(ingestQueue, { before: 'completed' })) === 0 ? idle + 1 : 0;
            if (idle >= 2) {
              clearInterval(timer);
              resolve();
            }
          }, 1000);
        }
      });
      process.stderr.write(`worker: up to ${concurrency} jobs at once on ${safe(repository.engine)}; Ctrl-C stops\n`);
      await stopped;
      await worker.stop();
      await runner.close();
      await boss.stop({ graceful: true, wait: true });
      if (options.json) printJson({ jobs: done, failed });
    },
    { asyncCommit: true },
  );
}

export async function jobsCommand(options: QueueOptions & { json: boolean; limit: number }): Promise<void> {
  requirePostgres(options.db);
  const boss = await openQueue(options.db, settings(options));
  try {
    const report = await queueReport(boss, options.db, options.limit);
    if (options.json) return printJson(report);
    printTable(['queued', 'retrying', 'active', 'completed', 'failed', 'dead letters'], [[report.queued, report.retrying, report.active, report.completed, report.failed, report.deadLetters.length]]);
    if (report.deadLetters.length > 0) {
      process.stdout.write(`\n${style.bold('Dead letters')} (items that will not be retried)\n`);
      printTable(
        ['code', 'item', 'error'],
        report.deadLetters.map((d) => [d.code, d.locator, d.message]),
        2,
      );
    }
  } finally {
    await boss.stop({ graceful: true, wait: true });
  }
}
