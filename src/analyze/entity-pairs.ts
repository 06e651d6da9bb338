/**
 * How many articles and sentences each pair of entities shares, and how many claims each makes about the other, kept at
 * ingest so that the entity graph and an entity's co-occurring entities are read, not counted from every mention of
 * the pile on each request.
 *
 * An article's share is worked out from what it stores (its names; the names of each sentence holding two or more and
 * of each claim's speaker and content: graph.ts's facts) and the entity each name belongs to. Entities change when
 * linking merges them, names never do: each name records the entity its articles were counted under (`paired_entity`),
 * and when a name has moved since, every counted article naming it is taken out under the old entities and counted
 * again under the new. A claim's speaker may be a name no article has linked yet (then its name without titles
 * speaks): when an article brings that name, the articles whose claims it speaks are counted again too. So the counts
 * are always those of the stored articles under today's entities, whatever order the articles came in.
 * An article is counted when it is analysed (it then holds an `analyzed` fact) and only then.
 */
import { compareCodePoints } from '../core/names.ts';
import type { AnalysisStore, EntityPairCount } from '../store/repository.ts';
import { type ClaimFact, claimKind, sentenceKind } from './graph.ts';

/** What an article's share is made from: its distinct names, those of each of its sentences that holds two or more, its claims' facts. */
interface ArticleNames {
  names: readonly string[];
  sentences: readonly (readonly string[])[];
  /** Each claim fact: the speaker's name id as its part, the names in its content, and `instead` on a name tried second. */
  claims: readonly (ClaimFact & { speaker: string })[];
}

/**
 * Adds `sign` times the article's share to `into` (keyed `a b`, a < b): one article for each pair of distinct entities
 * among its names, one sentence for each of its sentences holding both, and per claim one from its speaker's entity to
 * each other entity its content names (`quotes` from a to b, `quotesBack` from b to a), as graph.ts reads them. A name
 * with no entity (not stored, or not linked yet) counts for nothing; a claim fact tried second (`instead`) counts only
 * when the name tried first has none.
 */
export function addArticleShare(article: ArticleNames, entityOf: (name: string) => string | undefined, sign: 1 | -1, into: Map<string, EntityPairCount>): void {
  const pairOf = (x: string, y: string) => {
    const [a, b] = compareCodePoints(x, y) < 0 ? [x, y] : [y, x];
    const key = `${a} ${b}`;
    const pair = into.get(key) ?? { a, b, articles: 0, sentences: 0, quotes: 0, quotesBack: 0 };
    into.set(key, pair);
    return pair;
  };
  const add = (entities: ReadonlySet<string>, field: 'articles' | 'sentences') => {
    const sorted = [...entities];
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairOf(sorted[i]!, sorted[j]!)[field] += sign;
  };
  const entitiesOf = (names: readonly string[]) => new Set(names.map(entityOf).filter((e): e is string => e !== undefined));
  add(entitiesOf(article.names), 'articles');
  for (const sentence of article.sentences) add(entitiesOf(sentence), 'sentences');
  for (const claim of article.claims) {
    if (claim.instead && entityOf(claim.instead) !== undefined) continue;
    const speaker = entityOf(claim.speaker);
    if (speaker === undefined) continue;
    for (const about of entitiesOf(claim.about)) {
      if (about === speaker) continue;
      const pair = pairOf(speaker, about);
      if (pair.a === speaker) pair.quotes += sign;
      else pair.quotesBack += sign;
    }
  }
}

/** Names a claim fact looks up: its speaker's, and the one tried first when it is tried second. */
const claimNames = (claim: ArticleNames['claims'][number]) => (claim.instead ? [claim.speaker, claim.instead] : [claim.speaker]);

/** Every name an article's share depends on (the ones its claims look up may be no name of its own). */
const namesOfShare = (article: ArticleNames) => [...article.names, ...article.claims.flatMap(claimNames)];

/** The stored names of these articles, and of each of their sentences that holds two or more (graph.ts's sentence facts). */
async function storedNames(store: AnalysisStore, articleIds: readonly string[]): Promise<Map<string, ArticleNames>> {
  const names = await store.namesInArticles(articleIds);
  const out = new Map<string, ArticleNames>();
  for (const id of articleIds) {
    const bySentence = new Map<string, string[]>();
    for (const f of await store.factsOfArticle(id, sentenceKind)) {
      const list = bySentence.get(f.rank) ?? [];
      bySentence.set(f.rank, list);
      list.push(f.part);
    }
    const claims = (await store.factsOfArticle(id, claimKind)).map((f) => ({ speaker: f.part, ...(JSON.parse(f.data) as ClaimFact) }));
    out.set(id, { names: names.get(id) ?? [], sentences: [...bySentence.values()], claims });
  }
  return out;
}

const changedPairs = (deltas: Map<string, EntityPairCount>) => [...deltas.values()].filter((p) => p.articles !== 0 || p.sentences !== 0 || p.quotes !== 0 || p.quotesBack !== 0);

/** Takes an article counted before out of the pair counts, under the entities its names were counted with. */
export async function uncountEntityPairs(store: AnalysisStore, articleId: string): Promise<void> {
  const article = (await storedNames(store, [articleId])).get(articleId)!;
  const paired = await store.namePairing(namesOfShare(article));
  const deltas = new Map<string, EntityPairCount>();
  addArticleShare(article, (name) => paired.get(name)?.paired ?? undefined, -1, deltas);
  await store.addEntityPairs(changedPairs(deltas));
}

/**
 * Counts again, under the entities their names belong to now, the counted articles (all but `except`, not counted at
 * the moment) that name a name whose entity changed since they were counted, or whose claims speak by it or by a name
 * new to the pile (which they were counted without); those names are then marked counted under their entity. A few
 * hundred articles at a time: a merge into a much-named entity touches many.
 */
export async function recountMovedPairs(store: AnalysisStore, except: string): Promise<void> {
  const stale = await store.unpairedNames();
  if (stale.length === 0) return;
  const articles = [...new Set([...(await store.analyzedArticlesNaming(stale)), ...(await store.factArticles(claimKind, stale))])].filter((id) => id !== except).sort(compareCodePoints);
  for (let i = 0; i < articles.length; i += 200) {
    const stored = await storedNames(store, articles.slice(i, i + 200));
    const pairing = await store.namePairing([...new Set([...stored.values()].flatMap(namesOfShare))]);
    const deltas = new Map<string, EntityPairCount>();
    for (const article of stored.values()) {
      addArticleShare(article, (name) => pairing.get(name)?.paired ?? undefined, -1, deltas);
      addArticleShare(article, (name) => pairing.get(name)?.entity, 1, deltas);
    }
    await store.addEntityPairs(changedPairs(deltas));
  }
  await store.markNamesPaired(stale);
}

/** Counts an article (analysed now, its facts stored) under its names' entities, and marks its names counted under them. */
export async function countEntityPairs(store: AnalysisStore, articleId: string): Promise<void> {
  const article = (await storedNames(store, [articleId])).get(articleId)!;
  const entityOf = await store.entitiesOfNames(namesOfShare(article));
  const deltas = new Map<string, EntityPairCount>();
  addArticleShare(article, (name) => entityOf.get(name), 1, deltas);
  await store.addEntityPairs(changedPairs(deltas));
  await store.markNamesPaired(article.names);
}
