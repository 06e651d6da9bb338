/**
 * Reading and annotating one raw item, either in this thread or in a worker thread under a time budget.
 * A page that makes jsdom or a grammar spin cannot be interrupted from inside JavaScript; a worker can be
 * terminated, so the item fails with E_TIMEOUT naming it, the batch goes on, and a server keeps answering.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { annotationModelParts } from '../annotate/shared-models.ts';
import { type ErrorCode, QuipuError } from '../core/errors.ts';
import type { Pipeline } from '../core/pipeline.ts';
import { type ExtractedItem, extractItem, type RawItem } from '../ingest/extract.ts';

/** An item read and annotated: what the store needs. */
export type ProcessedItem = ExtractedItem;

/** Turns one raw item into annotated docs, or throws a QuipuError naming it. */
export interface ItemRunner {
  /** May be called again before an earlier item's result is back: a runner with several threads works on them at once. */
  run(item: RawItem): Promise<ProcessedItem>;
  /**
   * How many items the ingest may hand over before it takes the first result back (default 1): enough to keep every
   * thread busy while the calling thread stores, and few enough that memory stays flat however long the input.
   */
  readonly depth?: number;
  /** Resolves once the runner can take an item at once (its worker started and warmed); measurements wait on it. */
  warm(): Promise<void>;
  /** Stops any worker; the runner may not be used afterwards. */
  close(): Promise<void>;
}

/** Extraction and annotation in the calling thread, with no time budget (tests, and pipelines that cannot be sent to a worker). */
export function inThreadRunner(pipeline: Pipeline): ItemRunner {
  return {
    async run(item) {
      const extracted = await extractItem(item);
      return { ...extracted, docs: extracted.docs.map((doc) => pipeline.run(doc)) };
    },
    async warm() {},
    async close() {},
  };
}

/** Budgets for the worker runner; see docs/limits.md. */
export interface WorkerRunnerOptions {
  /** Time one item may take to be read and annotated, once the worker is ready. */
  timeoutMs: number;
  /** Time a fresh worker may take to load its models before the first item. */
  startupMs?: number;
  /** Heap of the worker, in MB: a page that would exhaust it fails alone instead of killing the process. */
  maxHeapMb?: number;
  /** Worker threads annotating at once (default 1); `defaultThreads()` gives one per core but one. */
  threads?: number;
}

/**
 * One annotation thread per core but one (at least one), or `QUIPU_THREADS`. The thread that starts the pool stores,
 * links and analyses every item and is the slower side: over 1,000 bench articles on two cores it used 41 s of CPU,
 * the two annotation threads 16 s and 4 s. A second annotation thread there mostly paid for its own start, heap and
 * warm-up: with one, the whole ingest took 9% less CPU and its peak RSS fell from 568 to 470 MB.
 */
export function defaultThreads(): number {
  const raw = process.env.QUIPU_THREADS;
  if (raw === undefined || raw === '') return Math.max(1, availableParallelism() - 1);
  const threads = Number(raw);
  if (!Number.isInteger(threads) || threads < 1) throw new QuipuError('E_CONFIG', `QUIPU_THREADS takes a whole number of threads, 1 or more, not ${JSON.stringify(raw)}`);
  return threads;
}

/** Default per-item budget, or `QUIPU_ITEM_TIMEOUT` seconds. */
export function defaultItemTimeoutMs(): number {
  const raw = process.env.QUIPU_ITEM_TIMEOUT;
  if (raw === undefined || raw === '') return 60_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new QuipuError('E_CONFIG', `QUIPU_ITEM_TIMEOUT takes a positive number of seconds, not ${JSON.stringify(raw)}`);
  return Math.round(seconds * 1000);
}

/** What the worker sends back. */
export type WorkerReply = { kind: 'ready' } | { kind: 'done'; id: number; result: ProcessedItem } | { kind: 'failed'; id: number; error: { code: ErrorCode; message: string; item?: string } };

/** What the worker is sent. */
export interface WorkerRequest {
  id: number;
  item: RawItem;
}

interface Pending {
  id: number;
  item: RawItem;
  resolve: (result: ProcessedItem) => void;
  reject: (error: QuipuError) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * A pool of `threads` worker threads with the default pipeline, each reused across items and replaced after an
 * overrun. An item goes to the first idle thread, so a slow page holds up one thread, never the others; results come
 * back as each finishes, and the caller (the ingest job) puts them back in input order.
 */
export function workerRunner(options: WorkerRunnerOptions): ItemRunner {
  const threads = Array.from({ length: Math.max(1, options.threads ?? 1) }, () => singleWorker(options));
  const busy = threads.map(() => false);
  const waiting: { item: RawItem; resolve: (result: ProcessedItem) => void; reject: (error: unknown) => void }[] = [];
  let closed = false;

  const dispatch = () => {
    for (let slot = 0; slot < threads.length && waiting.length > 0; slot++) {
      if (busy[slot]) continue;
      const next = waiting.shift()!;
      busy[slot] = true;
      threads[slot]!.run(next.item)
        .then(next.resolve, next.reject)
        .finally(() => {
          busy[slot] = false;
          dispatch();
        });
    }
  };

  return {
    depth: threads.length * 2,
    run(item) {
      if (closed) return Promise.reject(new QuipuError('E_CONFIG', 'The item runner is closed'));
      return new Promise<ProcessedItem>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        dispatch();
      });
    },
    async warm() {
      await Promise.all(threads.map((thread) => thread.warm()));
    },
    async close() {
      closed = true;
      for (const left of waiting.splice(0)) left.reject(new QuipuError('E_CONFIG', `${left.item.locator}: the item runner was closed before it was read`, left.item.locator));
      await Promise.all(threads.map((thread) => thread.close()));
    },
  };
}

/** One worker thread, items one at a time, replaced after an overrun or a crash. */
function singleWorker(options: WorkerRunnerOptions): ItemRunner {
  const startupMs = options.startupMs ?? 180_000;
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let pending: Pending | null = null;
  let nextId = 1;
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();

  const discard = () => {
    const dead = worker;
    worker = null;
    ready = null;
    if (dead) void dead.terminate();
  };

  const settle = (error: QuipuError | null, result?: ProcessedItem) => {
    const current = pending;
    if (!current) return;
    pending = null;
    if (current.timer) clearTimeout(current.timer);
    if (error) current.reject(error);
    else current.resolve(result!);
  };

  const start = (): Promise<void> => {
    const created = new Worker(workerEntry(), {
      // The models' weight tables are shared memory: decoded once here, held once however many threads annotate.
      workerData: { entry: workerModule(), models: annotationModelParts() },
      // V8's own young generation, 8 MB: left to V8 it grows to 32 MB and stays, empty, between items. With two threads
      // of a long ingest each keeping a little garbage (heap.ts) and SQLite a smaller cache, it was the difference between
      // a 10,000-item feed over and under 400 MB (docs/limits.md). (Before those, the cap changed no peak: 1,000 bench
      // articles, three runs each, 546 MB median with and without; a thread's scavenges are 13% more frequent.)
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 2048, maxYoungGenerationSizeMb: 8 },
      // A stray log from a library in the worker goes to stderr, never into the JSON a script reads on stdout.
      stdout: true,
    });
    created.stdout.pipe(process.stderr);
    created.unref();
    worker = created;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        discard();
        reject(new QuipuError('E_PIPELINE', `The annotation worker did not start within ${startupMs / 1000} s`));
      }, startupMs);
      created.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (pending && reply.id === pending.id) {
          settle(reply.kind === 'failed' ? new QuipuError(reply.error.code, reply.error.message, reply.error.item) : null, reply.kind === 'done' ? reply.result : undefined);
        }
      });
      const died = (why: string, code: ErrorCode) => {
        clearTimeout(timer);
        if (worker === created) {
          worker = null;
          ready = null;
        }
        const item = pending?.item.locator;
        if (item) settle(new QuipuError(code, `${item}: ${why}`, item));
        else reject(new QuipuError('E_PIPELINE', `The annotation worker stopped: ${why}`));
      };
      created.on('error', (error: Error & { code?: string }) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? died(`reading it needed more than the worker's ${options.maxHeapMb ?? 2048} MB of memory`, 'E_TOO_COMPLEX') : died(error.message, 'E_UNREADABLE'),
      );
      created.on('exit', (code) => {
        if (worker === created || pending) died(`the worker exited (code ${code})`, 'E_UNREADABLE');
      });
    });
  };

  const runOne = async (item: RawItem): Promise<ProcessedItem> => {
    if (closed) throw new QuipuError('E_CONFIG', 'The item runner is closed');
    ready ??= start();
    try {
      await ready;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new QuipuError('E_PIPELINE', `${item.locator}: ${message}`, item.locator, { cause: error });
    }
    const current = worker!;
    return new Promise<ProcessedItem>((resolve, reject) => {
      const id = nextId++;
      pending = { id, item, resolve, reject, timer: null };
      pending.timer = setTimeout(() => {
        discard();
        settle(new QuipuError('E_TIMEOUT', `${item.locator}: reading and annotating took longer than ${options.timeoutMs / 1000} s (QUIPU_ITEM_TIMEOUT)`, item.locator));
      }, options.timeoutMs);
      current.postMessage({ id, item } satisfies WorkerRequest);
    });
  };

  return {
    run(item) {
      const result = chain.then(() => runOne(item));
      chain = result.catch(() => undefined);
      return result;
    },
    async warm() {
      await chain;
      ready ??= start();
      await ready;
    },
    async close() {
      closed = true;
      await chain;
      discard();
    },
  };
}

/** The module the worker runs: the bundle's sibling file, or the TypeScript source through a tsx bootstrap. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.mjs') ? new URL('./item-worker.mjs', import.meta.url) : new URL('./item-worker-boot.mjs', import.meta.url);
}

function workerModule(): string {
  return new URL('./item-worker.ts', import.meta.url).href;
}
