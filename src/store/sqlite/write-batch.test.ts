import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { QuipuError } from '../../core/errors.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import type { SourceEvent } from '../../ingest/sources/index.ts';
import { type IngestEvent, ingestItems } from '../../jobs/ingest-job.ts';
import type { ItemRunner } from '../../jobs/item-runner.ts';
import type { LinkStore, Repository, WriteBatch } from '../repository.ts';
import type { Database as Schema } from '../schema.ts';
import { testDoc, testSource } from '../test-docs.ts';
import { SqliteRepository } from './sqlite-repository.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const doc = (id: string, text: string) => testDoc(id, text, { title: `Report ${id}` });
const source = testSource;
const titles = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select title from articles order by title').pluck().all() as string[];
  } finally {
    db.close();
  }
};

test('write batch: transactions are savepoints in one commit; a failing one loses only its own writes; other connections see the batch once committed', async () => {
  const file = join(dir, 'savepoints.db');
  const repository = new SqliteRepository(file);
  await repository.migrate();
  const batch = repository.writeBatch();
  assert.ok(batch);
  await repository.saveArticles(source('/tmp/a.txt', 'a'), [doc('a', 'The council of Valmora met.')]);
  // A transaction that fails after writing: its article is rolled back, the one before it stays in the batch.
  await assert.rejects(
    repository.linkTransaction(async (link) => {
      await link.addCopyKeys('a', ['k1', 'k2'], new Uint32Array([1, 2]));
      throw new Error('linking failed part way');
    }),
    /part way/,
  );
  await repository.saveArticles(source('/tmp/b.txt', 'b'), [doc('b', 'The mayor of Valmora spoke.')]);
  assert.deepEqual(titles(file), [], 'another connection sees nothing before the commit');
  await batch.commit();
  assert.deepEqual(titles(file), ['Report a', 'Report b']);
  const db = new Database(file, { readonly: true });
  assert.equal(db.prepare('select count(*) from copy_keys').pluck().get(), 0, 'the failed transaction left nothing');
  db.close();
  // Once the batch has ended, each transaction commits on its own again.
  await batch.end();
  await repository.saveArticles(source('/tmp/c.txt', 'c'), [doc('c', 'The river rose.')]);
  assert.deepEqual(titles(file), ['Report a', 'Report b', 'Report c']);
  await assert.rejects(batch.commit(), (error: unknown) => error instanceof QuipuError && error.code === 'E_CONFIG');
  await repository.close();
});

/** A store that says where its writing connection keeps temporary files (0: the default, 2: memory) inside a linking transaction. */
class TempStoreProbe extends SqliteRepository {
  #trx: Kysely<Schema> | null = null;
  protected override linkStore(trx: Kysely<Schema>): LinkStore {
    this.#trx = trx;
    return super.linkStore(trx);
  }
  tempStore(): Promise<number> {
    return this.linkTransaction(async () => (await sql<{ temp_store: number }>`pragma temp_store`.execute(this.#trx!)).rows[0]!.temp_store);
  }
}

test('write batch: savepoints keep their journal in memory while a batch is open, and temporary files go back to the default after', async () => {
  const repository = new TempStoreProbe(join(dir, 'temp-store.db'));
  await repository.migrate();
  assert.equal(await repository.tempStore(), 0, 'no batch: the default');
  const batch = repository.writeBatch();
  assert.equal(await repository.tempStore(), 2, 'in a batch: memory');
  await batch.commit();
  assert.equal(await repository.tempStore(), 2, 'after a commit the batch goes on');
  await batch.end();
  assert.equal(await repository.tempStore(), 0, 'the batch ended: the default again, for sorts of the whole pile');
  await repository.close();
});

/** Items whose text is their locator's name, read by a runner that fails the ones named in `bad`. */
function itemsAndRunner(names: readonly string[], bad: ReadonlySet<string>): { events: AsyncIterable<SourceEvent>; runner: ItemRunner } {
  async function* events(): AsyncIterable<SourceEvent> {
    for (const name of names) yield { kind: 'item', item: { locator: `/tmp/${name}.txt`, bytes: Buffer.from(name), contentType: 'text/plain', charset: 'utf-8' } };
  }
  const runner: ItemRunner = {
    async run(item) {
      const name = Buffer.from(item.bytes).toString();
      if (bad.has(name)) throw new QuipuError('E_UNREADABLE', `${item.locator}: unreadable`, item.locator);
      return { kind: 'text', charset: 'utf-8', raw: name, warnings: [], docs: [doc(name, `The council of Valmora met about ${name}.`)] };
    },
    async warm() {},
    async close() {},
  };
  return { events: events(), runner };
}

test('ingest job: with a write batch, items are reported in input order once committed, and a bad item fails alone', async () => {
  const file = join(dir, 'ingest.db');
  const repository = new SqliteRepository(file);
  await repository.migrate();
  const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
  const { events, runner } = itemsAndRunner(names, new Set(['n4']));
  const seen: string[] = [];
  const onEvent = (event: IngestEvent) => {
    const item = event.kind === 'item-done' ? event.item : event.failure.item;
    seen.push(`${event.kind} ${item}`);
    // An item is told done only once another connection can read it.
    if (event.kind === 'item-done') assert.ok(titles(file).includes(`Report ${item.slice(5, -4)}`), `${item} reported before it was committed`);
  };
  const summary = await ingestItems(events, repository, { pipeline: buildPipeline([]), runner, onEvent, commitEvery: { items: 3, ms: 60_000 } });
  await repository.close();
  assert.deepEqual(
    seen,
    names.map((n) => `${n === 'n4' ? 'item-failed' : 'item-done'} /tmp/${n}.txt`),
  );
  assert.equal(summary.ingested, 6);
  assert.deepEqual(
    summary.failed.map((f) => f.code),
    ['E_UNREADABLE'],
  );
  assert.deepEqual(
    titles(file),
    names.filter((n) => n !== 'n4').map((n) => `Report ${n}`),
  );
});

test('ingest job: when a commit fails, every item since the last commit is reported failed with the store error, and the ingest goes on', async () => {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  let commits = 0;
  // The store's own batch, with its second commit failing as a full disk would.
  const writeBatch = (): WriteBatch => {
    const batch = repository.writeBatch()!;
    return {
      commit: async () => {
        await batch.commit();
        if (++commits === 2) throw new QuipuError('E_STORE', 'Could not commit the write batch: database or disk is full');
      },
      end: () => batch.end(),
    };
  };
  const failing = new Proxy(repository, {
    get: (target, key) => {
      if (key === 'writeBatch') return writeBatch;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Repository;
  const names = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
  const { events, runner } = itemsAndRunner(names, new Set());
  const summary = await ingestItems(events, failing, { pipeline: buildPipeline([]), runner, commitEvery: { items: 3, ms: 60_000 } });
  await repository.close();
  assert.deepEqual(
    summary.articles.map((a) => a.id),
    ['m1', 'm2', 'm3', 'm7'],
  );
  assert.deepEqual(
    summary.failed.map((f) => [f.item, f.code]),
    ['m4', 'm5', 'm6'].map((n) => [`/tmp/${n}.txt`, 'E_STORE']),
  );
  assert.match(summary.failed[0]!.message, /disk is full/);
});
