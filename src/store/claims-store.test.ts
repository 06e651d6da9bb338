/**
 * A speaker's claims, latest first, read along each of its names' index (`pageClaims`' fast path) are the page the one
 * query over every claim of the speaker gives, for every speaker of the samples, at every offset, whether each name is
 * read alone or names in groups (name-groups.ts), on both engines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { entityCountKind } from '../analyze/graph.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { needsPostgres, withPostgresRepository } from '../../test/helpers/postgres.ts';
import { samplesDir } from '../../test/helpers/shared.ts';
import { withEachNameRead } from '../../test/helpers/name-reads.ts';
import { pageClaims, pageClaimsWhere } from './claims-store.ts';
import type { Repository } from './repository.ts';
import type { Database as Schema, Engine } from './schema.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';

async function samePages(repository: Repository, engine: Engine): Promise<void> {
  await repository.migrate();
  const summary = await ingest([samplesDir], repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  // The query builder behind the repository: the test asks both ways of paging the same store.
  const db = (repository as unknown as { db: Kysely<Schema> }).db;
  const ids = (await repository.pageFindings({ kind: entityCountKind, limit: 100_000, offset: 0 })).items.map((f) => f.key);
  let speakers = 0;
  await withEachNameRead(async () => {
    for (const id of ids) {
      const query = { speakerEntity: id, sort: 'published' as const, descending: true };
      const whole = await pageClaimsWhere(db, engine, query, { limit: 500, offset: 0 });
      if (whole.total === 0) continue;
      speakers++;
      for (const paging of [
        { limit: 500, offset: 0 },
        { limit: 2, offset: 0 },
        { limit: 2, offset: 1 },
        { limit: 3, offset: whole.total - 1 },
      ]) {
        assert.deepEqual(await pageClaims(db, engine, query, paging), await pageClaimsWhere(db, engine, query, paging), `${id} ${JSON.stringify(paging)}`);
      }
    }
  });
  assert.ok(speakers > 40, 'the samples have speakers');
}

test("a speaker's claims read name by name are the page of the whole query (SQLite)", async () => {
  const repository = new SqliteRepository(':memory:');
  try {
    await samePages(repository, 'sqlite');
  } finally {
    await repository.close();
  }
});

test("a speaker's claims read name by name are the page of the whole query (PostgreSQL)", { skip: needsPostgres }, async () => {
  await withPostgresRepository((repository) => samePages(repository, 'postgres'));
});
