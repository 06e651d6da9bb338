/**
 * The embedded store: one SQLite file through better-sqlite3, FTS5 for search, WAL for readers
 * that do not block the writer.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { QuipuError } from '../../core/errors.ts';
import { highlightClose, highlightOpen, KyselyRepository, paging, splitHighlights, summaryFromRow } from '../kysely-repository.ts';
import type { LinkStore, Page, SearchHit, WriteBatch } from '../repository.ts';
import type { ArticlesTable, Database as Schema } from '../schema.ts';
import { parseSearchQuery, toFts5 } from '../search-query.ts';
import { type NativeDatabase, SplitSqliteDialect, type SplitSqliteDriver } from './driver.ts';
import { nativeLinkStore, type Prepare } from './native-link-store.ts';
import { StatementCache } from './statement-cache.ts';

export class SqliteRepository extends KyselyRepository {
  readonly engine = 'sqlite' as const;

  protected async lockForLinking(): Promise<void> {
    // One writer at a time is SQLite's own rule: the transaction is the lock.
  }

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let native: Database.Database;
    try {
      native = new Database(file);
    } catch (error) {
      throw new QuipuError('E_STORE', `Cannot open the store at ${file}: ${(error as Error).message}`, file, { cause: error });
    }
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    // A short wait inside SQLite, which blocks the thread; longer waits are awaited retries (retryBusy), which do not.
    native.pragma('busy_timeout = 100');
    // 16 MB of page cache rather than 64: a long ingest fills it in its first thousand items and holds it to the end,
    // against a feed ingest's 400 MB (docs/limits.md); the pages it drops are still in the OS's file cache.
    // A checkpoint (which syncs the file) every 10,000 pages of log rather than 1,000: linking one article dirties a
    // hundred scattered pages, and with the default every tenth ingest paid for a sync (median link time 16 ms → 6 ms on
    // the link bench).
    native.pragma('cache_size = -16384');
    native.pragma('wal_autocheckpoint = 10000');
    // A second connection answers reads while the first is inside a long write (an in-memory store has only one).
    let reader: Database.Database | null = null;
    if (file !== ':memory:') {
      reader = new Database(file);
      reader.pragma('busy_timeout = 100');
      // A smaller cache than the writer's: an ingest reads little outside its transactions, and the API's reads are short.
      reader.pragma('cache_size = -16384');
    }
    const writer = withStatementCache(native);
    const dialect = new SplitSqliteDialect(writer, reader && withStatementCache(reader));
    super(new Kysely<Schema>({ dialect }), file);
    this.#driver = dialect.driver;
    this.#prepare = (text) => writer.prepare(text);
  }

  readonly #driver: SplitSqliteDriver;
  /** Prepared statements on the writing connection, where every linking transaction runs. */
  readonly #prepare: Prepare;

  protected override linkStore(trx: Kysely<Schema>): LinkStore {
    return nativeLinkStore(super.linkStore(trx), this.#prepare);
  }

  override writeBatch(): WriteBatch {
    const driver = this.#driver;
    let since = driver.startBatch();
    let ended = false;
    const commit = async (end: boolean) => {
      if (ended) throw new QuipuError('E_CONFIG', 'This write batch has ended');
      ended = end;
      try {
        since = await driver.commitBatch(since, end);
      } catch (error) {
        throw new QuipuError('E_STORE', `Could not commit the write batch to ${this.location}: ${(error as Error).message}; none of its writes since the last commit was stored`, this.location, {
          cause: error,
        });
      }
    };
    return { commit: () => commit(false), end: () => commit(true) };
  }

  protected override isBusy(error: unknown): boolean {
    return /^SQLITE_(BUSY|LOCKED)/.test(((error as { code?: unknown } | null)?.code as string) ?? '');
  }

  async search(query: string, options: { limit?: number; offset?: number } = {}): Promise<Page<SearchHit>> {
    const match = toFts5(parseSearchQuery(query));
    const { limit, offset } = paging(options);
    const total = await sql<{ n: number }>`select count(*) as n from articles_fts where articles_fts match ${match}`.execute(this.db);
    const rows = await sql<ArticlesTable & { score: number; snippet: string }>`
      select a.*, bm25(articles_fts, 4.0, 1.0) as score,
             snippet(articles_fts, 1, ${highlightOpen}, ${highlightClose}, '…', 24) as snippet
      from articles_fts join articles a on a.seq = articles_fts.rowid
      where articles_fts match ${match}
      order by score limit ${limit} offset ${offset}`.execute(this.db);
    return {
      items: rows.rows.map((row) => ({ article: summaryFromRow(row), score: -row.score, ...splitHighlights(row.snippet) })),
      total: Number(total.rows[0]?.n ?? 0),
      limit,
      offset,
    };
  }
}

/**
 * The database as kysely sees it, with prepared statements kept by their SQL: kysely prepares every query anew, and
 * preparing costs as much as running the small statements linking issues by the thousand.
 */
function withStatementCache(native: Database.Database): NativeDatabase {
  const cache = new StatementCache((text) => native.prepare(text));
  return {
    get inTransaction() {
      return native.inTransaction;
    },
    prepare: (text: string) => cache.get(text),
    close: () => native.close(),
  };
}
