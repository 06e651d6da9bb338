/**
 * The entity labels kept for lists (schema.ts 0024, kysely-repository.ts `relabelStaleEntities`) are the names, keys
 * and types the entities' forms give: after ingest, after merges (both entities marked by the triggers), after a new
 * article adds forms, and after migration 0024 on a store made before it; an entity marked stale is read from its
 * forms until the next batch rebuild. On SQLite and PostgreSQL, on the samples.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawStoreEngines } from '../../test/helpers/raw-store.ts';
import { samplesDir } from '../../test/helpers/shared.ts';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';
import { rebuildStaleFindings } from '../analyze/update.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import type { Repository } from './repository.ts';

type Rows = (query: string) => Promise<Record<string, unknown>[]>;

const entityIds = async (rows: Rows) => (await rows('select distinct entity_id from entity_names order by entity_id')).map((r) => String(r.entity_id));
const staleCount = async (rows: Rows) => Number((await rows('select count(*) as n from entity_labels_stale'))[0]!.n);

/** The labels as lists read them, and the same read from every entity's forms (all marked stale, then the marks put back). */
async function labelsAndForms(repository: Repository, rows: Rows, rewrite: (statements: readonly string[]) => Promise<unknown>): Promise<[unknown, unknown]> {
  const ids = await entityIds(rows);
  const kept = Object.fromEntries(await repository.entityNames(ids));
  const marked = (await rows('select entity_id from entity_labels_stale')).map((r) => String(r.entity_id));
  await rewrite(['insert into entity_labels_stale (entity_id) select distinct entity_id from entity_names where entity_id not in (select entity_id from entity_labels_stale)']);
  const fromForms = Object.fromEntries(await repository.entityNames(ids));
  await rewrite([`delete from entity_labels_stale${marked.length > 0 ? ` where entity_id not in (${marked.map((id) => `'${id}'`).join(', ')})` : ''}`]);
  return [kept, fromForms];
}

const rebuild = (repository: Repository) => repository.linkTransaction(({ analysis }) => rebuildStaleFindings(analysis));

for (const engine of rawStoreEngines) {
  describe(`entity labels (${engine.name})`, { skip: engine.skip }, () => {
    test('equal the names their forms give after ingest, merges, new forms and migration 0024', async () => {
      const store = await engine.open();
      try {
        let repository = store.repository;
        await repository.migrate();
        const summary = await ingest([samplesDir], repository, { pipeline: await defaultPipeline() });
        assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed.slice(0, 2)));
        // The ingest's last batch rebuild labelled every entity.
        assert.equal(await staleCount(store.rows), 0);
        assert.ok(Number((await store.rows('select count(*) as n from entity_labels'))[0]!.n) > 100);
        let [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after ingest');

        // Merges: the two entities of the most-named pair of different names are marked, read from forms until the rebuild.
        const big = (await store.rows('select entity_id, count(*) as n from entity_names group by entity_id order by count(*) desc, entity_id limit 6')).map((r) => String(r.entity_id));
        await repository.linkTransaction(async (link) => {
          await link.mergeEntity(big[5]!, big[0]!);
          await link.mergeEntity(big[4]!, big[1]!);
        });
        const marked = (await store.rows('select entity_id from entity_labels_stale order by entity_id')).map((r) => String(r.entity_id));
        assert.deepEqual(marked, [big[0]!, big[1]!, big[4]!, big[5]!].sort());
        [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after merges, before the rebuild');
        await rebuild(repository);
        assert.equal(await staleCount(store.rows), 0);
        assert.deepEqual((await store.rows(`select entity_id from entity_labels where entity_id in ('${big[5]}', '${big[4]}')`)).length, 0, 'merged-away entities lose their labels');
        [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after merges and the rebuild');

        // Forms written again (a form's count grown) mark their entity.
        await store.run(['update entity_forms set mentions = mentions + 50 where name_id = (select min(id) from entity_names where entity_id = (select min(entity_id) from entity_labels))']);
        assert.equal(await staleCount(store.rows), 1);
        [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after a form changed');
        await rebuild(repository);

        // A store made before 0024: every entity starts stale, and the next rebuild labels them all.
        repository = await store.rewritten(undoneTo('0023_kept_counts', repository.engine));
        await repository.migrate();
        assert.equal(await staleCount(store.rows), (await entityIds(store.rows)).length);
        [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after migration 0024, before the rebuild');
        await rebuild(repository);
        assert.equal(await staleCount(store.rows), 0);
        [kept, fromForms] = await labelsAndForms(repository, store.rows, store.run);
        assert.deepEqual(kept, fromForms, 'after migration 0024 and the rebuild');
      } finally {
        await store.drop();
      }
    });
  });
}
