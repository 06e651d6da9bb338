/**
 * The newsroom's ingest queue on PostgreSQL, through pg-boss: `enqueue` turns inputs into jobs,
 * `runWorker` pulls them on any machine, fetches, annotates and stores them.
 *
 * pg-boss over graphile-worker: on Node 20 graphile-worker 0.16 recovers a killed worker's jobs only
 * when their 4-hour lock expires, while pg-boss re-queues an expired job within seconds
 * (`expireInSeconds` + maintenance); it also has retries with exponential backoff and a dead-letter
 * queue built in. Both lock jobs with SKIP LOCKED in the same database, so there is no other service.
 */
import PgBoss from 'pg-boss';
import type { ErrorCode } from '../core/errors.ts';
import type { Pipeline } from '../core/pipeline.ts';
import type { RawItem } from '../ingest/extract.ts';
import { isUrl, readSources, type SourceEvent, type SourceOptions } from '../ingest/sources/index.ts';
import type { Repository } from '../store/repository.ts';
import { type IngestEvent, ingestItems, type IngestFailure, type IngestSummary } from './ingest-job.ts';
import type { ItemRunner } from './item-runner.ts';

export const ingestQueue = 'quipu-ingest';
export const deadLetterQueue = 'quipu-ingest-dead';

/** Failures worth retrying: the network, not the item. */
const transientCodes = new Set<ErrorCode>(['E_NETWORK', 'E_TIMEOUT', 'E_STORE']);

export interface IngestJobData {
  locator: string;
  /** A local file's bytes travel in the job, so a worker on another machine needs no shared disk. */
  bytesBase64?: string;
  contentType?: string;
  charset?: string | null;
  structured?: RawItem['structured'];
  allowPrivate?: boolean;
  maxBytes?: number;
}

export interface DeadLetter {
  locator: string;
  code: ErrorCode | 'E_RETRIES_EXHAUSTED';
  message: string;
  at: string;
}

export interface QueueSettings {
  /** Seconds a job may stay active before it is taken back (a worker killed mid-job). */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Days completed jobs are kept before pg-boss deletes them. */
  retentionDays?: number;
  /** Seconds between pg-boss maintenance passes (expiry, retention). */
  maintenanceIntervalSeconds?: number;
}

/** Starts pg-boss on the store's database and makes sure the queues exist. */
export async function openQueue(url: string, settings: QueueSettings = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (error) => process.stderr.write(`queue: ${error.message}\n`));
  await boss.start();
  const queue = {
    retryLimit: settings.retryLimit ?? 5,
    retryDelay: settings.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: settings.expireInSeconds ?? 300,
    retentionDays: settings.retentionDays ?? 7,
  };
  if (!(await boss.getQueue(deadLetterQueue))) await boss.createQueue(deadLetterQueue, { name: deadLetterQueue, retentionDays: 30 });
  if (!(await boss.getQueue(ingestQueue))) await boss.createQueue(ingestQueue, { name: ingestQueue, ...queue, deadLetter: deadLetterQueue });
  // Only a process that was given settings changes them: an enqueuer must not reset what the workers were started with.
  else if (Object.keys(settings).some((key) => key !== 'maintenanceIntervalSeconds')) await boss.updateQueue(ingestQueue, { name: ingestQueue, ...queue, deadLetter: deadLetterQueue });
  return boss;
}

/**
 * Enqueues the inputs: local files (folders expanded) as jobs carrying their bytes, URLs and feeds
 * as jobs a worker fetches. Local items that cannot even be read are reported here, not enqueued.
 */
export async function enqueue(boss: PgBoss, inputs: readonly string[], options: SourceOptions = {}): Promise<{ enqueued: number; failed: IngestFailure[] }> {
  let enqueued = 0;
  const failed: IngestFailure[] = [];
  const local = inputs.filter((input) => !isUrl(input));
  for (const url of inputs.filter(isUrl)) {
    await boss.send(ingestQueue, { locator: url, allowPrivate: options.allowPrivate ?? false, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) } satisfies IngestJobData);
    enqueued++;
  }
  for await (const event of readSources(local, options)) {
    if (event.kind === 'failure') {
      failed.push({ item: event.error.item ?? event.locator, code: event.error.code, message: event.error.message });
      continue;
    }
    const { item } = event;
    const data: IngestJobData = {
      locator: item.locator,
      bytesBase64: Buffer.from(item.bytes).toString('base64'),
      contentType: item.contentType,
      charset: item.charset,
      ...(item.structured ? { structured: item.structured } : {}),
    };
    await boss.send(ingestQueue, data);
    enqueued++;
  }
  return { enqueued, failed };
}

/** The items of one job: the file its data carries, or what its URL or feed holds (fetched now). */
function jobItems(data: IngestJobData): AsyncIterable<SourceEvent> {
  return data.bytesBase64 !== undefined
    ? oneItem({
        locator: data.locator,
        bytes: Buffer.from(data.bytesBase64, 'base64'),
        contentType: data.contentType ?? '',
        charset: data.charset ?? null,
        ...(data.structured ? { structured: data.structured } : {}),
      })
    : readSources([data.locator], { allowPrivate: data.allowPrivate ?? false, ...(data.maxBytes ? { maxBytes: data.maxBytes } : {}) });
}

/**
 * Ends a job once every item of it is stored or failed: a transient failure hands the job back to pg-boss, which retries
 * it with backoff and, when retries run out, moves it to the dead letters; a permanent one is a dead letter at once.
 */
async function settleJob(boss: PgBoss, job: PgBoss.Job<IngestJobData>, summary: IngestSummary): Promise<IngestSummary | Error> {
  const transient = summary.failed.filter((failure) => transientCodes.has(failure.code));
  if (transient.length > 0) {
    const error = new Error(transient.map((f) => `${f.code}: ${f.message}`).join('; '));
    await boss.fail(ingestQueue, job.id, { message: error.message });
    return error;
  }
  for (const failure of summary.failed) {
    await boss.send(deadLetterQueue, { locator: failure.item, code: failure.code, message: failure.message, at: new Date().toISOString() } satisfies DeadLetter);
  }
  await boss.complete(ingestQueue, job.id);
  return summary;
}

async function* oneItem(item: RawItem): AsyncGenerator<SourceEvent> {
  yield { kind: 'item', item };
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** A fetched job while its items go through the ingest: how many it yielded, how many of those are reported. */
interface JobInFlight {
  job: PgBoss.Job<IngestJobData>;
  yielded: number;
  /** Whether all of its items have been yielded. */
  read: boolean;
  summary: IngestSummary;
}

/**
 * Runs jobs in this process until stopped, up to `concurrency` fetched at once; with a `runner` (a pool of annotation
 * threads) items are annotated on every core while the main thread stores and links. While the queue has jobs, they
 * stream through one ingest: items are stored in the order they were fetched, with the store's write batching and one
 * rebuild of stale figure groups every couple of hundred items, as `quipu ingest` does (a run per job rebuilt them
 * after every item, and regrouping a measure reads every stored figure of it). A job is completed once each of its
 * items is stored or failed. The loop sleeps only when the queue is empty (pg-boss's own `work` loop waits out its
 * polling interval even after a job, which caps it at two jobs a second).
 */
export async function runWorker(
  boss: PgBoss,
  repository: Repository,
  pipeline: Pipeline,
  options: { concurrency?: number; runner?: ItemRunner; idleSleepMs?: number; onJob?: (locator: string, summary: IngestSummary | Error) => void } = {},
): Promise<WorkerHandle> {
  let stopping = false;
  const batchSize = Math.max(1, options.concurrency ?? 1);
  const finish = (locator: string, result: IngestSummary | Error) => options.onJob?.(locator, result);

  /** One ingest over the jobs fetched until the queue is empty (or the worker stops); returns how many jobs it took. */
  const session = async (): Promise<number> => {
    // Jobs in fetch order; the ingest reports each item it was given once, in the order it was given them.
    const jobs: JobInFlight[] = [];
    let taken = 0;
    let settling: Promise<unknown> = Promise.resolve();
    const settleReady = () => {
      while (jobs.length > 0 && jobs[0]!.read && jobs[0]!.summary.items === jobs[0]!.yielded) {
        const { job, summary } = jobs.shift()!;
        // A job pg-boss could not be told about is taken back when it expires, and retried: the worker goes on.
        settling = settling.then(() =>
          settleJob(boss, job, summary).then(
            (result) => finish(job.data.locator, result),
            (error: Error) => process.stderr.write(`queue: could not settle ${job.data.locator}: ${error.message}\n`),
          ),
        );
      }
    };
    const report = (event: IngestEvent) => {
      const current = jobs.find((j) => j.summary.items < j.yielded)!;
      current.summary.items++;
      if (event.kind === 'item-done') {
        for (const article of event.articles) {
          if (article.status === 'inserted') current.summary.ingested++;
          else current.summary.duplicates++;
        }
        current.summary.articles.push(...event.articles);
      } else current.summary.failed.push(event.failure);
      settleReady();
    };
    async function* events(): AsyncGenerator<SourceEvent> {
      while (!stopping) {
        const fetched = await boss.fetch<IngestJobData>(ingestQueue, { batchSize });
        if (fetched.length === 0) return;
        taken += fetched.length;
        for (const job of fetched) {
          const entry: JobInFlight = { job, yielded: 0, read: false, summary: { ingested: 0, duplicates: 0, failed: [], warnings: [], articles: [], items: 0, bytes: 0, seconds: 0 } };
          jobs.push(entry);
          try {
            for await (const event of jobItems(job.data)) {
              entry.yielded++;
              yield event;
            }
          } finally {
            entry.read = true;
            settleReady();
          }
        }
      }
    }
    try {
      await ingestItems(events(), repository, { pipeline, ...(options.runner ? { runner: options.runner } : {}), onEvent: report });
    } catch (error) {
      // The ingest itself failed (the store went away): jobs not yet settled are handed back to be retried.
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const { job } of jobs.splice(0)) {
        settling = settling.then(async () => {
          await boss.fail(ingestQueue, job.id, { message: failure.message }).catch(() => undefined);
          finish(job.data.locator, failure);
        });
      }
    }
    await settling;
    return taken;
  };

  const loop = (async () => {
    while (!stopping) {
      if ((await session()) === 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, options.idleSleepMs ?? 500));
    }
  })().catch((error: Error) => process.stderr.write(`worker loop stopped: ${error.message}\n`));
  return {
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

export interface QueueReport {
  queued: number;
  retrying: number;
  active: number;
  completed: number;
  failed: number;
  deadLetters: DeadLetter[];
}

/** What the queue holds now, with the dead letters and their errors. */
export async function queueReport(boss: PgBoss, url: string, limit = 50): Promise<QueueReport> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  try {
    const states = await client.query<{ state: string; n: string }>('select state, count(*) as n from pgboss.job where name = $1 group by state', [ingestQueue]);
    const count = (state: string) => Number(states.rows.find((row) => row.state === state)?.n ?? 0);
    const dead = await client.query<{ data: DeadLetter | IngestJobData; output: { message?: string } | null }>(
      'select data, output from pgboss.job where name = $1 order by created_on desc limit $2',
      [deadLetterQueue, limit],
    );
    return {
      queued: count('created'),
      retrying: count('retry'),
      active: count('active'),
      completed: count('completed'),
      failed: count('failed'),
      deadLetters: dead.rows.map(({ data, output }) => ('code' in data ? data : { locator: data.locator, code: 'E_RETRIES_EXHAUSTED', message: output?.message ?? 'retries exhausted', at: '' })),
    };
  } finally {
    await client.end();
  }
}
