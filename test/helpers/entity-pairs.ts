/**
 * The entity pairs a store answers (src/analyze/entity-pairs.ts, kysely-repository.ts `entityPairsAmong` and
 * `entitiesSharingArticles`) against a count from every analysed article's stored names and facts, made here in
 * memory: every pair (those kept and those counted when asked for), the entities whose pairs are kept, and each
 * entity's co-occurring entities.
 */
import assert from 'node:assert/strict';
import { addArticleShare, articleNames } from '../../src/analyze/entity-pairs.ts';
import { claimKind, sentenceKind } from '../../src/analyze/graph.ts';
import { compareCodePoints } from '../../src/core/names.ts';
import type { EntityPairCount, Repository } from '../../src/store/repository.ts';
import { pairedEntityArticles } from '../../src/store/schema.ts';

/** What the comparison found, for a test to check that the pile exercises both kinds of pair. */
export interface PairsCounted {
  entities: number;
  kept: number;
  /** Pairs with an entity whose pairs are not kept. */
  unkeptPairs: number;
  /** Kept entities whose co-occurring list (30) holds an entity whose pairs are not kept. */
  keptListingUnkept: number;
}

export async function assertPairsAsCounted(repository: Repository): Promise<PairsCounted> {
  const ids: string[] = [];
  for await (const a of repository.allArticles()) ids.push(a.id);
  const counted = await repository.linkTransaction(async (link) => {
    const store = link.analysis;
    const analysed = new Set((await store.factsOfArticles(ids, 'analyzed')).map((f) => f.articleId));
    const articles = ids.filter((id) => analysed.has(id));
    const names = await store.namesInArticles(articles);
    const facts = [...(await store.factsOfArticles(articles, sentenceKind)), ...(await store.factsOfArticles(articles, claimKind))];
    const shares = articles.map((id) =>
      articleNames(
        names.get(id) ?? [],
        facts.filter((f) => f.articleId === id),
      ),
    );
    const entityOf = await store.entitiesOfNames([...new Set(shares.flatMap((s) => [...s.names, ...s.claims.flatMap((c) => (c.instead ? [c.speaker, c.instead] : [c.speaker]))]))]);
    const pairs = new Map<string, EntityPairCount>();
    const articlesOf = new Map<string, number>();
    for (const share of shares) {
      addArticleShare(share, (name) => entityOf.get(name), 1, pairs);
      // The articles an entity is in: named, or speaking by one of its names in a claim.
      for (const e of new Set([...share.names, ...share.claims.map((c) => c.speaker)].flatMap((n) => entityOf.get(n) ?? []))) articlesOf.set(e, (articlesOf.get(e) ?? 0) + 1);
    }
    const entities = [...new Set(entityOf.values())].sort(compareCodePoints);
    const kept = new Set(entities.filter((e) => (articlesOf.get(e) ?? 0) >= pairedEntityArticles));
    assert.deepEqual([...(await store.pairedEntities(entities))].sort(compareCodePoints), [...kept], 'the entities whose pairs are kept');
    return { pairs, entities, kept };
  });
  const { entities, kept } = counted;
  const pairs = [...counted.pairs.values()].filter((p) => p.articles !== 0 || p.quotes !== 0 || p.quotesBack !== 0).sort((x, y) => compareCodePoints(x.a, y.a) || compareCodePoints(x.b, y.b));
  assert.deepEqual(await repository.entityPairsAmong(entities), pairs, 'every pair among every entity');
  let keptListingUnkept = 0;
  for (const id of entities) {
    const shared = pairs
      .flatMap((p) => (p.articles > 0 && (p.a === id || p.b === id) ? [{ id: p.a === id ? p.b : p.a, shared: p.articles }] : []))
      .sort((x, y) => y.shared - x.shared || compareCodePoints(x.id, y.id))
      .slice(0, 30);
    assert.deepEqual(await repository.entitiesSharingArticles(id, 30), shared, `the entities sharing articles with ${id}`);
    if (kept.has(id) && shared.some((s) => !kept.has(s.id))) keptListingUnkept++;
  }
  return { entities: entities.length, kept: kept.size, unkeptPairs: pairs.filter((p) => !kept.has(p.a) || !kept.has(p.b)).length, keptListingUnkept };
}
