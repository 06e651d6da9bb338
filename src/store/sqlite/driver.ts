/**
 * How kysely talks to SQLite here: transactions begin immediate, migrations run inside one, reads outside a
 * transaction go to their own connection, and a long run of statements lets the event loop turn.
 *
 * better-sqlite3 is synchronous and kysely's own driver hands its one connection to one caller at a time, so while the
 * server stored and linked a large item (one transaction of thousands of statements, seconds on a 1 MB page) no API
 * request could even be read, let alone answered from the store. Here a transaction pauses (setImmediate) every few
 * milliseconds of statements, and a read outside any transaction runs on a second connection, which WAL lets see the
 * last committed state while the writer works. Writes outside a transaction wait for the writer as before.
 */
import type Database from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type DialectAdapter, type Driver, type QueryCompiler, type QueryResult, SqliteAdapter, SqliteDialect, type SqliteDialectConfig } from 'kysely';

/** What the driver needs of a better-sqlite3 database (the statement cache in sqlite-repository.ts provides it). */
export interface NativeDatabase {
  prepare(sql: string): Database.Statement;
  /** False once SQLite has rolled back the open transaction on its own (after a full disk or an I/O error). */
  readonly inTransaction: boolean;
  close(): void;
}

/**
 * Transactions grouped into one commit: each runs as a savepoint inside one `begin immediate … commit` (still all or
 * nothing on its own), and the group commits when a holder asks. `epoch` counts the group's commits; a failed commit,
 * or a rollback SQLite made of the whole group, is recorded with the epoch it lost, so each holder learns whether
 * writes it made since its own last commit were lost, whoever committed them.
 */
interface Batch {
  holders: number;
  /** Whether the group's transaction is open. */
  begun: boolean;
  epoch: number;
  failure: { epoch: number; error: Error } | null;
}

/** The savepoint each transaction of a batch runs in. */
const batchSavepoint = 'quipu_batched';

/** How long statements may run back to back before the event loop gets a turn (milliseconds). */
const sliceMs = 10;
let sliceStarted = performance.now();

/** Gives the event loop a turn when statements have held it for a slice: requests are read and answered in between. */
async function yieldEveryFewMs(): Promise<void> {
  if (performance.now() - sliceStarted < sliceMs) return;
  await new Promise((resolve) => setImmediate(resolve));
  sliceStarted = performance.now();
}

function run(db: NativeDatabase, query: CompiledQuery): QueryResult<unknown> {
  const statement = db.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** One caller at a time on the writing connection. */
class Mutex {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** A caller's connection: bound to the writer for a transaction, else each statement goes where it may run. */
class Lease implements DatabaseConnection {
  /** The writer, while this lease holds a transaction on it. */
  writer: NativeDatabase | null = null;
  /** Whether that transaction is a savepoint in a batch. */
  batched = false;

  constructor(private readonly driver: SplitSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await yieldEveryFewMs();
    if (this.writer) return run(this.writer, query) as QueryResult<R>;
    return this.driver.outsideTransaction(query) as Promise<QueryResult<R>>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of (await this.executeQuery<R>(query)).rows) yield { rows: [row] };
  }
}

export class SplitSqliteDriver implements Driver {
  readonly #writerLock = new Mutex();
  #batch: Batch | null = null;

  constructor(
    private readonly writer: NativeDatabase,
    /** A second connection for reads outside transactions; null (an in-memory store) reads through the writer. */
    private readonly reader: NativeDatabase | null,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this);
  }

  /** A statement outside any transaction: a read on the reader, anything else on the writer once it is free. */
  async outsideTransaction(query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (this.reader) {
      const statement = this.reader.prepare(query.sql);
      // Only what returns rows and changes nothing: an INSERT … RETURNING returns rows too.
      if (statement.reader && statement.readonly) return run(this.reader, query);
    }
    await this.#writerLock.lock();
    try {
      return run(this.writer, query);
    } finally {
      this.#writerLock.unlock();
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    await this.#writerLock.lock();
    const batch = this.#batch;
    try {
      // A deferred transaction would start as a reader and be refused its upgrade at once when another process wrote
      // in between ("database is locked", no busy wait): taken at the start, the write lock is had or waited for.
      if (!batch?.begun) {
        // Each transaction of a batch is a savepoint, and a savepoint keeps the pages it first changes in a journal of
        // its own: in a temporary file, a write system call for each of about 2,000 pages an article's linking touches
        // (783,811 calls for 300 bench articles, against 180,052 with it in memory). Only while a batch is open: a
        // migration's or a recount's sort of the whole pile would hold all of it in memory.
        if (batch) run(this.writer, CompiledQuery.raw('pragma temp_store = memory'));
        run(this.writer, CompiledQuery.raw('begin immediate'));
      }
      if (batch) {
        batch.begun = true;
        run(this.writer, CompiledQuery.raw(`savepoint ${batchSavepoint}`));
      }
    } catch (error) {
      this.#writerLock.unlock();
      throw error;
    }
    lease.writer = this.writer;
    lease.batched = batch !== null;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed commit leaves the transaction to the rollback kysely sends next.
    run(this.writer, CompiledQuery.raw((connection as Lease).batched ? `release ${batchSavepoint}` : 'commit'));
    this.#end(connection as Lease);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (!(connection as Lease).batched) run(this.writer, CompiledQuery.raw('rollback'));
      else if (this.writer.inTransaction) {
        // Only this transaction's writes go: the batch's earlier transactions stay, to be committed with it.
        run(this.writer, CompiledQuery.raw(`rollback to ${batchSavepoint}`));
        run(this.writer, CompiledQuery.raw(`release ${batchSavepoint}`));
      } else if (this.#batch) {
        // SQLite rolled the whole batch back itself (a full disk, an I/O error): its earlier transactions are lost too.
        this.#lose(this.#batch, new Error('the store rolled back the open write batch after an error'));
      }
    } finally {
      this.#end(connection as Lease);
    }
  }

  /**
   * Starts (or joins) grouping the transactions that follow into one commit; returns the epoch a holder's first
   * `commitBatch` checks from.
   */
  startBatch(): number {
    this.#batch ??= { holders: 0, begun: false, epoch: 0, failure: null };
    this.#batch.holders++;
    return this.#batch.epoch;
  }

  /**
   * Commits the batch's writes once no transaction is running; throws when writes made since `since` (the epoch this
   * holder last saw) were lost, by this commit or an earlier one. `end` lets this holder go: with the last one gone,
   * transactions commit on their own again. Returns the epoch to check from next time.
   */
  async commitBatch(since: number, end: boolean): Promise<number> {
    await this.#writerLock.lock();
    const batch = this.#batch;
    try {
      if (!batch) return since;
      if (batch.begun) {
        try {
          run(this.writer, CompiledQuery.raw('commit'));
          batch.begun = false;
          batch.epoch++;
        } catch (error) {
          if (this.writer.inTransaction) run(this.writer, CompiledQuery.raw('rollback'));
          this.#lose(batch, error as Error);
        }
      }
      if (end && --batch.holders === 0) {
        this.#batch = null;
        if (!this.writer.inTransaction) run(this.writer, CompiledQuery.raw('pragma temp_store = default'));
      }
      if (batch.failure && batch.failure.epoch >= since) throw batch.failure.error;
      return batch.epoch;
    } finally {
      this.#writerLock.unlock();
    }
  }

  #lose(batch: Batch, error: Error): void {
    batch.failure = { epoch: batch.epoch, error };
    batch.begun = false;
    batch.epoch++;
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#savepointCommand(connection, 'savepoint', name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#savepointCommand(connection, 'rollback to', name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#savepointCommand(connection, 'release', name, compile);
  }

  async #savepointCommand(connection: DatabaseConnection, command: string, name: string, _compile: QueryCompiler['compileQuery']): Promise<void> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`a savepoint name must be an identifier, got ${JSON.stringify(name)}`);
    await connection.executeQuery(CompiledQuery.raw(`${command} ${name}`));
  }

  #end(lease: Lease): void {
    if (!lease.writer) return;
    lease.writer = null;
    this.#writerLock.unlock();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A transaction kysely left open (it never does) must not keep the writer forever.
    this.#end(connection as Lease);
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    this.writer.close();
  }
}

/**
 * SQLite runs DDL inside transactions, but kysely's adapter says it does not, so its migrator read the migration state
 * and ran the migrations outside any transaction and without a lock: two processes opening one new store both saw a
 * migration pending and the second found its table (or column) already made. Said true, the migrator reads the state
 * and migrates inside one transaction, which begins immediate: the second process waits for the write lock and then
 * reads a state with nothing left to do.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** The dialect for a store: `writer` for transactions and writes, `reader` (when not null) for reads outside them. */
export class SplitSqliteDialect extends SqliteDialect {
  /** The one driver kysely is given (the repository starts and commits write batches on it). */
  readonly driver: SplitSqliteDriver;

  constructor(writer: NativeDatabase, reader: NativeDatabase | null) {
    super({ database: writer } as unknown as SqliteDialectConfig);
    this.driver = new SplitSqliteDriver(writer, reader);
  }

  override createDriver(): Driver {
    return this.driver;
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
