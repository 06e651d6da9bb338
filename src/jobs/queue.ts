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
import { ingestItems, type IngestFailure, type IngestSummary } from './ingest-job.ts';
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

/** Processes one job: stores its articles, or records a permanent failure in the dead-letter queue; `runner` reads and annotates (default: this thread). */
export async function processJob(boss: PgBoss, data: IngestJobData, repository: Repository, pipeline: Pipeline, runner?: ItemRunner): Promise<IngestSummary> {
  const items: AsyncIterable<SourceEvent> =
    data.bytesBase64 !== undefined
      ? oneItem({
          locator: data.locator,
          bytes: Buffer.from(data.bytesBase64, 'base64'),
          contentType: data.contentType ?? '',
          charset: data.charset ?? null,
          ...(data.structured ? { structured: data.structured } : {}),
        })
      : readSources([data.locator], { allowPrivate: data.allowPrivate ?? false, ...(data.maxBytes ? { maxBytes: data.maxBytes } : {}) });
  const summary = await ingestItems(items, repository, { pipeline, ...(runner ? { runner } : {}) });
  const transient = summary.failed.filter((failure) => transientCodes.has(failure.code));
  // Throwing hands the job back to pg-boss, which retries it with backoff and, when retries run out, moves it to the dead letters.
  if (transient.length > 0) throw new Error(transient.map((f) => `${f.code}: ${f.message}`).join('; '));
  for (const failure of summary.failed) {
    await boss.send(deadLetterQueue, { locator: failure.item, code: failure.code, message: failure.message, at: new Date().toISOString() } satisfies DeadLetter);
  }
  return summary;
}

async function* oneItem(item: RawItem): AsyncGenerator<SourceEvent> {
  yield { kind: 'item', item };
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/**
 * Runs `concurrency` job loops in this process until stopped; with a `runner` (a pool of annotation threads) the loops
 * share it, so one process annotates on every core while its main thread stores and links. Each loop fetches one job, processes it
 * and fetches again at once; it sleeps only when the queue is empty (pg-boss's own `work` loop waits
 * out its polling interval even after a job, which caps a loop at two jobs a second).
 */
export async function runWorker(
  boss: PgBoss,
  repository: Repository,
  pipeline: Pipeline,
  options: { concurrency?: number; runner?: ItemRunner; idleSleepMs?: number; onJob?: (locator: string, summary: IngestSummary | Error) => void } = {},
): Promise<WorkerHandle> {
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const [job] = await boss.fetch<IngestJobData>(ingestQueue, { batchSize: 1 });
      if (!job) {
        await new Promise((resolve) => setTimeout(resolve, options.idleSleepMs ?? 500));
        continue;
      }
      try {
        const summary = await processJob(boss, job.data, repository, pipeline, options.runner);
        await boss.complete(ingestQueue, job.id);
        options.onJob?.(job.data.locator, summary);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        await boss.fail(ingestQueue, job.id, { message: failure.message });
        options.onJob?.(job.data.locator, failure);
      }
    }
  };
  const loops = Array.from({ length: options.concurrency ?? 1 }, () => loop().catch((error: Error) => process.stderr.write(`worker loop stopped: ${error.message}\n`)));
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
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
