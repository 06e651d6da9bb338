/**
 * An entity's page read in bounded pieces (its first articles by date along each name's mentions, aliases from the
 * counted forms, counts kept at ingest) equals the page made from every mention of the entity, for every entity of
 * the samples, whether each name is read alone or names in groups (store/name-groups.ts), on SQLite and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { entityCountKind } from '../analyze/graph.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import type { Repository } from '../store/repository.ts';
import { testOnBothEngines } from '../../test/helpers/postgres.ts';
import { samplesDir } from '../../test/helpers/shared.ts';
import { entityPage, entityPageFromMentions } from './insights.ts';
import { withEachNameRead } from '../../test/helpers/name-reads.ts';

async function samePages(repository: Repository): Promise<void> {
  await repository.migrate();
  const summary = await ingest([samplesDir], repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  const ids = (await repository.pageFindings({ kind: entityCountKind, limit: 100_000, offset: 0 })).items.map((f) => f.key);
  assert.ok(ids.length > 100, 'the samples have entities');
  let withRoles = 0;
  // Each name read alone (the default for the samples' entities), and the names read in groups.
  await withEachNameRead(async () => {
    for (const id of ids) await samePage(repository, id, () => withRoles++);
  });
  assert.ok(withRoles > 5, 'some entities have roles');
  await sameSharing(repository, ids);
}

/**
 * The entities sharing most articles with each entity, read from the kept pairs (the pairs it is second in along
 * their count, the first few and the ties at the cut) are the first of a full count from the mentions, at every cut.
 */
async function sameSharing(repository: Repository, ids: readonly string[]): Promise<void> {
  const counted = (id: string) => (repository as unknown as { sharedArticlesCounted(id: string, unpairedOnly: boolean): Promise<{ id: string; shared: number }[]> }).sharedArticlesCounted(id, false);
  let paired = 0;
  for (const id of ids) {
    const whole = (await counted(id)).sort((x, y) => y.shared - x.shared || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    if (whole.length > 3) paired++;
    for (const limit of [1, 2, 3, 5, 30]) assert.deepEqual(await repository.entitiesSharingArticles(id, limit), whole.slice(0, limit), `${id} ${limit}`);
  }
  assert.ok(paired > 20, 'entities share articles with several others');
}

async function samePage(repository: Repository, id: string, hasRoles: () => void): Promise<void> {
  const page = await entityPage(repository, id);
  assert.ok(page, id);
  const whole = await entityPageFromMentions(repository, id);
  assert.deepEqual(page, whole, id);
  if (page.roles.length > 0) hasRoles();
  // The samples' entities have fewer than a page of articles: the first few read by date are the whole list's first.
  const firsts = await repository.entityArticlesByDate(id, 3);
  assert.deepEqual(
    firsts.map((a) => a.articleId),
    whole!.articleList.slice(0, 3).map((a) => a.id),
    id,
  );
  const roles = await repository.entityRoles(id, 2);
  assert.deepEqual(
    roles.map((r) => `${r.articleId}:${r.start}`),
    whole!.roles.slice(0, 2).map((r) => `${r.article.id}:${r.start}`),
    id,
  );
}

testOnBothEngines('an entity page read in bounded pieces equals the page from every mention', samePages);
