/**
 * The ingest job: sources → extract → annotate → store. Items are read and annotated by the runner (a pool of
 * threads in the CLI) while this thread stores and links them in input order. A bad item is recorded with its
 * error and the batch goes on; each item's articles are stored in one transaction.
 */
import type { Doc } from '../core/doc.ts';
import { asQuipuError, type ErrorCode, QuipuError } from '../core/errors.ts';
import type { Pipeline } from '../core/pipeline.ts';
import type { RawItem } from '../ingest/extract.ts';
import { readSources, type SourceEvent, type SourceOptions } from '../ingest/sources/index.ts';
import { analyzeAfterLink, rebuildStaleFindings } from '../analyze/update.ts';
import { linkArticles } from '../link/link-articles.ts';
import type { Repository } from '../store/repository.ts';
import { collectWhenGrown } from './heap.ts';
import { type ItemRunner, inThreadRunner, type ProcessedItem } from './item-runner.ts';

export interface IngestedArticle {
  id: string;
  status: 'inserted' | 'duplicate';
  source: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  language: string;
  part: number;
}

export interface IngestFailure {
  item: string;
  code: ErrorCode;
  message: string;
}

export interface IngestSummary {
  ingested: number;
  duplicates: number;
  failed: IngestFailure[];
  warnings: string[];
  articles: IngestedArticle[];
  items: number;
  bytes: number;
  seconds: number;
}

export type IngestEvent = { kind: 'item-done'; item: string; articles: IngestedArticle[] } | { kind: 'item-failed'; failure: IngestFailure };

export interface IngestJobOptions extends SourceOptions {
  pipeline: Pipeline;
  /** Where items are read and annotated; default: this thread, with `pipeline` and no time budget. */
  runner?: ItemRunner;
  onEvent?: (event: IngestEvent) => void;
  /**
   * Items stored between two batch rebuilds of stale figure groups; the last rebuild, after the last item, always runs.
   * Default: at least 200, and spaced so that rebuilding takes about a fifth of the ingest's time at most (`RebuildSpacing`).
   * What is stored at the end does not depend on it (a rebuild regroups what the stale marks name from the stored
   * figures): a bulk build that wants no findings on the way sets it high and regroups once.
   */
  findingsRebuildItems?: number;
  /**
   * How often the store commits when it can group transactions (`Repository.writeBatch`): after this many items or
   * this many milliseconds since the last commit, whichever comes first (default 64 items, 5000 ms). An item is
   * reported done once its writes are committed.
   */
  commitEvery?: { items: number; ms: number };
}

/** Ingests every input into the repository and reports what happened to each item. */
export function ingest(inputs: readonly string[], repository: Repository, options: IngestJobOptions): Promise<IngestSummary> {
  return ingestItems(readSources(inputs, options), repository, options);
}

/**
 * When a long ingest rebuilds the figure groups its items made stale: after `items` items at least, and never before
 * the time since the last rebuild ended is `(1 - share) / share` times what that rebuild took. A rebuild regroups the
 * years of the clusters new figures join, whose size grows with the pile: at a fixed count of items its share of the
 * time grew with the pile too (about 53 ms an article at 25,000 articles against 14 at 5,000); spaced by its own cost
 * it stays near `share` (a little over: the next costs more than the last), and a long backfill shows its findings a little later the larger the pile.
 */
export class RebuildSpacing {
  #items = 0;
  #lastEnded = performance.now();
  #lastTook = 0;

  constructor(
    private readonly items: number,
    private readonly share: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#lastEnded = now();
  }

  /** One more item stored; true when a rebuild is due now. */
  itemStored(): boolean {
    this.#items++;
    return this.#items >= this.items && this.now() - this.#lastEnded >= (this.#lastTook * (1 - this.share)) / this.share;
  }

  /** Runs `rebuild`, and counts from its end. */
  async rebuild(rebuild: () => Promise<unknown>): Promise<void> {
    const started = this.now();
    await rebuild();
    this.#lastEnded = this.now();
    this.#lastTook = this.#lastEnded - started;
    this.#items = 0;
  }
}

/** At least this many items between two rebuilds of stale figure groups, of which rebuilding takes at most `rebuildShare`. */
const itemsPerFindingsRebuild = 200;
const rebuildShare = 0.2;

/**
 * Items per commit: a commit writes every page the batch dirtied once (an index page touched by each of 64 articles is
 * written once, not 64 times). Five seconds rather than one: on a busy machine a second held two to five articles, and
 * each commit wrote their scattered pages again (pwrite calls for 300 bench articles under load: 193,627 with 1 s,
 * 73,172 with 64 items a commit). The batch holds the store's write lock, so other writers wait up to five seconds
 * (they retry for two minutes), and an item shows as done up to five seconds after it is stored.
 */
const defaultCommitEvery = { items: 64, ms: 5000 };

/**
 * Heap growth at which the storing thread collects its garbage (heap.ts). Its live heap (the store, the linking caches)
 * grows with the store, and V8 keeps reserving room in proportion: with 32 a 10,000-item feed peaked at 395 MB. At 16
 * it peaked at 374 MB, but the thread that bounds ingest spent about 30% more CPU an article in full collections
 * (bench store 2,000 → 2,400 articles: 55.4 against 42.0–43.2 ms an article; docs/limits.md).
 */
const storingThreadMarginMb = 32;

/** Ingests a stream of raw items (or failures to report), as sources or a queue job yield them. */
export async function ingestItems(
  events: AsyncIterable<SourceEvent>,
  repository: Repository,
  options: Pick<IngestJobOptions, 'pipeline' | 'runner' | 'onEvent' | 'findingsRebuildItems' | 'commitEvery'>,
): Promise<IngestSummary> {
  const started = performance.now();
  const runner = options.runner ?? inThreadRunner(options.pipeline);
  const summary: IngestSummary = { ingested: 0, duplicates: 0, failed: [], warnings: [], articles: [], items: 0, bytes: 0, seconds: 0 };
  const reportFailure = (item: string, error: unknown) => {
    const quipuError = asQuipuError(error, item);
    const failure = { item: quipuError.item ?? item, code: quipuError.code, message: quipuError.message };
    summary.failed.push(failure);
    options.onEvent?.({ kind: 'item-failed', failure });
  };
  const reportDone = (locator: string, articles: IngestedArticle[]) => {
    for (const article of articles) {
      if (article.status === 'inserted') summary.ingested++;
      else summary.duplicates++;
    }
    summary.articles.push(...articles);
    options.onEvent?.({ kind: 'item-done', item: locator, articles });
  };

  // With a write batch, items are reported in input order once their writes are committed: a commit that fails
  // turns every item since the last one into a failure, since none of their writes is stored.
  const batch = repository.writeBatch();
  const commitEvery = options.commitEvery ?? defaultCommitEvery;
  type Outcome = { locator: string; articles: IngestedArticle[] } | { locator: string; error: unknown };
  let uncommitted: Outcome[] = [];
  let batchStarted = performance.now();
  let committing: Promise<void> = Promise.resolve();
  const report = (outcome: Outcome) => ('error' in outcome ? reportFailure(outcome.locator, outcome.error) : reportDone(outcome.locator, outcome.articles));
  const commit = async () => {
    const outcomes = uncommitted;
    uncommitted = [];
    let lost: unknown = null;
    try {
      await batch?.commit();
    } catch (error) {
      lost = error;
    }
    for (const outcome of outcomes)
      report(
        lost && !('error' in outcome)
          ? { locator: outcome.locator, error: new QuipuError('E_STORE', `Could not store ${outcome.locator}: ${(lost as Error).message}`, outcome.locator, { cause: lost }) }
          : outcome,
      );
  };
  const settle = async (outcome: Outcome) => {
    if (!batch) return report(outcome);
    uncommitted.push(outcome);
    // After a failure at once: if SQLite rolled the whole batch back, the items before it are told now.
    if ('error' in outcome || uncommitted.length >= commitEvery.items || performance.now() - batchStarted >= commitEvery.ms) await commit();
  };
  const fail = (item: string, error: unknown) => settle({ locator: item, error });

  // Items in input order, each being read and annotated by the runner (several at once on a pool) while this thread
  // stores and links the oldest: the store sees exactly the order a one-at-a-time ingest gives it.
  const inFlight: { locator: string; outcome: Promise<{ item: RawItem; processed: ProcessedItem } | { error: unknown }> }[] = [];
  const depth = Math.max(1, runner.depth ?? 1);
  const storeOldest = async () => {
    const { locator, outcome } = inFlight.shift()!;
    // While this thread waits on annotation, the batch is committed on time: it holds the store's write lock.
    const wait = uncommitted.length > 0 ? setTimeout(() => (committing = commit()), Math.max(0, batchStarted + commitEvery.ms - performance.now())) : null;
    const settled = await outcome;
    if (wait) clearTimeout(wait);
    await committing;
    if (uncommitted.length === 0) batchStarted = performance.now();
    if ('error' in settled) return fail(locator, settled.error);
    let articles: IngestedArticle[];
    try {
      articles = await store(settled.item, settled.processed);
    } catch (error) {
      return fail(locator, error);
    }
    await settle({ locator, articles });
  };
  const store = async (item: RawItem, extracted: ProcessedItem) => {
    const { locator } = item;
    summary.warnings.push(...extracted.warnings);
    const docs: Doc[] = extracted.docs;
    const results = await repository.saveArticles({ locator, kind: extracted.kind, contentType: item.contentType, charset: extracted.charset, raw: extracted.raw }, docs);
    // Duplicates are linked again too: a retried job whose first try stored the article but died before linking
    // still gets its links, and linking twice stores nothing twice.
    await linkArticles(
      repository,
      docs.filter((doc, index) => (results[index]!.existingId ?? doc.id) === doc.id),
      undefined,
      analyzeAfterLink,
    );
    return results.map((result, index): IngestedArticle => {
      const { meta } = docs[index]!;
      return {
        id: result.existingId ?? result.id,
        status: result.status,
        source: locator,
        title: meta.title,
        outlet: meta.outlet,
        published: meta.published,
        language: meta.language,
        part: meta.partIndex,
      };
    });
  };

  // A cadence asked for is kept exactly; the default is spaced by what rebuilding costs.
  const spacing = new RebuildSpacing(options.findingsRebuildItems ?? itemsPerFindingsRebuild, options.findingsRebuildItems === undefined ? rebuildShare : 1);
  const rebuildStale = () => spacing.rebuild(() => repository.linkTransaction((link) => rebuildStaleFindings(link.analysis)));
  try {
    await ingestAll();
  } finally {
    // What was stored before a source failed is committed and reported, as when each item committed on its own.
    await committing;
    await commit();
    await batch?.end();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;

  async function ingestAll() {
    try {
      for await (const event of events) {
        summary.items++;
        if (spacing.itemStored()) await rebuildStale();
        if (event.kind === 'failure') {
          inFlight.push({ locator: event.locator, outcome: Promise.resolve({ error: event.error }) });
        } else {
          const { item } = event;
          summary.bytes += item.bytes.length;
          inFlight.push({
            locator: item.locator,
            outcome: runner.run(item).then(
              (processed) => ({ item, processed }),
              (error: unknown) => ({ error }),
            ),
          });
        }
        while (inFlight.length >= depth) {
          await storeOldest();
          // Memory stays flat however long the input: the stored item's docs are garbage now, and what linking read.
          collectWhenGrown(storingThreadMarginMb);
        }
      }
    } finally {
      // Items already read are stored even when the source fails part way, as they were when items went one at a time.
      while (inFlight.length > 0) await storeOldest();
    }
    await rebuildStale();
  }
}
