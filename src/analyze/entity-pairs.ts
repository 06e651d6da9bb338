/**
 * How many articles and sentences each pair of entities shares, and how many claims each makes about the other, kept at
 * ingest so that the entity graph and an entity's co-occurring entities are read, not counted from every mention of
 * the pile on each request.
 *
 * Only pairs between entities in a few articles or more (`pairedEntityArticles`, schema.ts) are kept: most entities
 * are names seen once or twice, and their pairs were most of the rows an article wrote. A pair with one of those is
 * counted when asked for, from that entity's few articles (kysely-repository.ts `entityPairsAmong`). The kept entities
 * are listed (`paired_entities`): an entity that reaches the threshold has its pairs counted from its articles, one
 * that falls below it (a merge took names away, an article analysed again) has them removed.
 *
 * An article's share is worked out from what it stores (its names; the names of each sentence holding two or more and
 * of each claim's speaker and content: graph.ts's facts) and the entity each name belongs to. Entities change when
 * linking merges them, names never do: each name records the entity its articles were counted under (`paired_entity`),
 * and when a name has moved since, every counted article naming it is taken out under the old entities and counted
 * again under the new. A claim's speaker may be a name no article has linked yet (then its name without titles
 * speaks): when an article brings that name, the articles whose claims it speaks are counted again too. So the counts
 * are always those of the stored articles under today's entities, whatever order the articles came in, the same as
 * schema.ts `recountEntityPairs` counts them all at once.
 * An article is counted when it is analysed (it then holds an `analyzed` fact) and only then.
 */
import { compareCodePoints } from '../core/names.ts';
import type { AnalysisStore, EntityPairCount, FactRecord } from '../store/repository.ts';
import { pairedEntityArticles } from '../store/schema.ts';
import { type ClaimFact, claimKind, sentenceKind } from './graph.ts';

/** What an article's share is made from: its distinct names, those of each of its sentences that holds two or more, its claims' facts. */
export interface ArticleNames {
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
 * when the name tried first has none. Only pairs of two entities `kept` keeps are added.
 */
export function addArticleShare(
  article: ArticleNames,
  entityOf: (name: string) => string | undefined,
  sign: 1 | -1,
  into: Map<string, EntityPairCount>,
  kept: (entity: string) => boolean = () => true,
): void {
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
  const entitiesOf = (names: readonly string[]) => new Set(names.map(entityOf).filter((e): e is string => e !== undefined && kept(e)));
  add(entitiesOf(article.names), 'articles');
  for (const sentence of article.sentences) add(entitiesOf(sentence), 'sentences');
  for (const claim of article.claims) {
    if (claim.instead && entityOf(claim.instead) !== undefined) continue;
    const speaker = entityOf(claim.speaker);
    if (speaker === undefined || !kept(speaker)) continue;
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

/** An article's share from its names and its graph facts (`graphFacts` in graph.ts: sentence and claim facts). */
export function articleNames(names: Iterable<string>, facts: readonly Pick<FactRecord, 'kind' | 'part' | 'rank' | 'data'>[]): ArticleNames {
  const bySentence = new Map<string, string[]>();
  const claims: ArticleNames['claims'][number][] = [];
  for (const f of facts) {
    if (f.kind === sentenceKind) (bySentence.get(f.rank) ?? bySentence.set(f.rank, []).get(f.rank)!).push(f.part);
    else if (f.kind === claimKind) claims.push({ speaker: f.part, ...(JSON.parse(f.data) as ClaimFact) });
  }
  return { names: [...new Set(names)].sort(compareCodePoints), sentences: [...bySentence.values()], claims };
}

/** The stored names of these articles, and of each of their sentences that holds two or more (graph.ts's facts): a few reads for them all. */
async function storedNames(store: AnalysisStore, articleIds: readonly string[]): Promise<Map<string, ArticleNames>> {
  const names = await store.namesInArticles(articleIds);
  const facts = new Map<string, FactRecord[]>();
  for (const kind of [sentenceKind, claimKind]) for (const f of await store.factsOfArticles(articleIds, kind)) (facts.get(f.articleId) ?? facts.set(f.articleId, []).get(f.articleId)!).push(f);
  return new Map(articleIds.map((id) => [id, articleNames(names.get(id) ?? [], facts.get(id) ?? [])]));
}

const changedPairs = (deltas: Map<string, EntityPairCount>) => [...deltas.values()].filter((p) => p.articles !== 0 || p.sentences !== 0 || p.quotes !== 0 || p.quotesBack !== 0);

/** The analysed articles the names are in (named, or speaking in a claim), but `except`. */
async function articlesOfNames(store: AnalysisStore, nameIds: readonly string[], except: string): Promise<string[]> {
  if (nameIds.length === 0) return [];
  return [...new Set([...(await store.analyzedArticlesNaming(nameIds)), ...(await store.factArticles(claimKind, nameIds))])].filter((id) => id !== except);
}

/** The article whose count changes in a repair: counted before or not, counted after or not, and its share when known. */
interface Counted {
  id: string;
  before: boolean;
  after: boolean;
  article?: ArticleNames | undefined;
}

/**
 * A whole entity merged into another since its articles were counted: every name of `from` now `to`'s, `from` kept
 * before (its pairs stored) and `to` kept before and after. Its articles' pairs need not be counted again one by one:
 * an article that named `from` and not `to` adds to `to` just what it added to `from` (its stored pairs with `from`,
 * renamed). Only the articles that named both (where the two become one) are counted again.
 */
interface WholeMerge {
  from: string;
  to: string;
  /** The moved names (all of `from`'s). */
  names: ReadonlySet<string>;
}

/** The single whole merge the stale names make, if they make one and the rest are new names (see `WholeMerge`). */
async function wholeMerge(
  store: AnalysisStore,
  stale: readonly string[],
  moved: ReadonlyMap<string, { entity: string; paired: string | null }>,
  keptBefore: ReadonlySet<string>,
): Promise<WholeMerge | undefined> {
  const names = stale.filter((name) => (moved.get(name)?.paired ?? null) !== null);
  const first = names.length > 0 ? moved.get(names[0]!)! : undefined;
  if (!first || first.paired === first.entity) return undefined;
  const from = first.paired!;
  const to = first.entity;
  if (!keptBefore.has(from) || !keptBefore.has(to)) return undefined;
  if (names.some((name) => moved.get(name)!.paired !== from || moved.get(name)!.entity !== to)) return undefined;
  if ((await store.namesOfEntities([from])).length > 0) return undefined;
  return { from, to, names: new Set(names) };
}

/** `pair`, if one of `merge.from`'s, as a pair of `merge.to`, `sign` times; nothing for the pair of the two, or another's. */
function addRenamed(pair: EntityPairCount, merge: WholeMerge, sign: 1 | -1, into: Map<string, EntityPairCount>): void {
  const first = pair.a === merge.from;
  const other = first ? pair.b : pair.a;
  if (other === merge.to || (!first && pair.b !== merge.from)) return;
  // Claims by `from` about the other, and by the other about `from`.
  const by = first ? pair.quotes : pair.quotesBack;
  const about = first ? pair.quotesBack : pair.quotes;
  const toFirst = compareCodePoints(merge.to, other) < 0;
  const [a, b] = toFirst ? [merge.to, other] : [other, merge.to];
  const key = `${a} ${b}`;
  const row = into.get(key) ?? { a, b, articles: 0, sentences: 0, quotes: 0, quotesBack: 0 };
  into.set(key, row);
  row.articles += sign * pair.articles;
  row.sentences += sign * pair.sentences;
  row.quotes += sign * (toFirst ? by : about);
  row.quotesBack += sign * (toFirst ? about : by);
}

/**
 * Brings the pairs up to date after names moved (`stale`: not counted under their entity now, or new) and one article
 * is counted or taken out (`changed`), as the difference of every touched article's share before (its names' old
 * entities, the kept entities as listed) and after (their entities now, the kept entities now). An entity's articles
 * change only through the touched names and article: those entities alone are counted again against the threshold (one
 * kept before that can only have gained stays kept); one that reaches it has all its articles touched, its pairs then
 * counted; one that falls below it has its pairs removed. After a whole merge (`WholeMerge`) of a much-named entity,
 * its articles are touched through its stored pairs instead, and only those naming both entities are read.
 */
async function repairPairs(store: AnalysisStore, stale: readonly string[], changed: Counted): Promise<void> {
  const staleArticles = await articlesOfNames(store, stale, changed.id);
  if (staleArticles.length === 0 && changed.before === changed.after) {
    // No counted article names them: no entity gains or loses an article.
    await store.markNamesPaired(stale);
    return;
  }
  const own = changed.before === changed.after ? undefined : (changed.article ?? (await storedNames(store, [changed.id])).get(changed.id)!);
  const ownNames = own ? namesOfShare(own) : [];
  const moved = await store.namePairing([...stale, ...ownNames]);
  const losing = new Set<string>();
  const candidates = new Set<string>();
  for (const name of stale) {
    const p = moved.get(name);
    if (!p) continue;
    if (p.paired !== null) losing.add(p.paired);
    candidates.add(p.entity);
  }
  for (const name of ownNames) {
    const p = moved.get(name);
    if (!p) continue;
    if (changed.after) candidates.add(p.entity);
    else if (p.paired !== null) losing.add(p.paired);
  }
  for (const e of losing) candidates.add(e);
  const wasKept = await store.pairedEntities([...candidates]);
  const except = changed.after ? null : changed.id;
  // One not kept is in few articles (and those the touched names bring, read below anyway): counted whole, all in one
  // read. One kept may be in thousands: counted up to the threshold.
  const fresh = [...candidates].filter((e) => !wasKept.has(e));
  const shrinking = [...candidates].filter((e) => wasKept.has(e) && losing.has(e));
  const checked = new Set([...fresh, ...shrinking]);
  const counts = fresh.length > 0 ? await store.entityArticleCounts(fresh, except) : new Map<string, number>();
  const nowKept = new Set([...fresh.filter((e) => (counts.get(e) ?? 0) >= pairedEntityArticles), ...(await store.entitiesInArticles(shrinking, pairedEntityArticles, except))]);
  const added = [...checked].filter((e) => !wasKept.has(e) && nowKept.has(e)).sort(compareCodePoints);
  const removed = new Set([...checked].filter((e) => wasKept.has(e) && !nowKept.has(e)));
  const reached = await articlesOfNames(store, added.length > 0 ? await store.namesOfEntities(added) : [], changed.id);
  const whole = await wholeMerge(store, stale, moved, wasKept);
  const merge = whole && !removed.has(whole.to) ? whole : undefined;
  let touched = [...new Set([...staleArticles, ...reached])];
  const deltas = new Map<string, EntityPairCount>();
  if (merge) {
    // The merged articles that also named `to`, or that the other names touch, are counted one by one; the rest through
    // `from`'s stored pairs (which every counted article naming `from` added to), less those counted one by one below.
    // Read above when the merge's names are all that moved.
    const merged = merge.names.size === stale.length ? staleArticles : await articlesOfNames(store, [...merge.names], changed.id);
    const others = new Set([
      ...(await articlesOfNames(
        store,
        stale.filter((name) => !merge.names.has(name)),
        changed.id,
      )),
      ...reached,
    ]);
    const toNames = (await store.namesOfEntities([merge.to])).filter((name) => !merge.names.has(name));
    const both = await store.articlesNamingAmong(merged, toNames, claimKind);
    touched = [...others, ...merged.filter((id) => both.has(id) && !others.has(id))];
    for (const pair of await store.pairsOfEntity(merge.from)) addRenamed(pair, merge, 1, deltas);
  }
  touched.sort(compareCodePoints);
  // A few hundred articles at a time: a merge into a much-named entity touches many.
  for (let i = 0; i < touched.length || (i === 0 && own); i += 200) {
    const articles = [...(await storedNames(store, touched.slice(i, i + 200))).entries()].map(([id, article]) => ({ id, article, before: true, after: true }));
    if (i === 0 && own) articles.push({ id: changed.id, article: own, before: changed.before, after: changed.after });
    const pairing = await store.namePairing([...new Set(articles.flatMap((a) => namesOfShare(a.article)))]);
    const listed = await store.pairedEntities([...new Set([...pairing.values()].flatMap((p) => (p.paired === null ? [p.entity] : [p.entity, p.paired])))]);
    const keptNow = (e: string) => (checked.has(e) ? nowKept.has(e) : listed.has(e));
    const pairedOf = (name: string) => pairing.get(name)?.paired ?? undefined;
    for (const a of articles) {
      if (a.before) {
        addArticleShare(a.article, pairedOf, -1, deltas, (e) => listed.has(e));
        // What the article added to `from`, already moved to `to` through the stored pairs: taken back.
        if (merge) {
          const mine = new Map<string, EntityPairCount>();
          addArticleShare(a.article, pairedOf, 1, mine, (e) => listed.has(e));
          for (const pair of mine.values()) addRenamed(pair, merge, -1, deltas);
        }
      }
      if (a.after) addArticleShare(a.article, (name) => pairing.get(name)?.entity, 1, deltas, keptNow);
    }
    // The pairs of an entity no longer kept are removed whole below.
    await store.addEntityPairs(changedPairs(deltas).filter((p) => !removed.has(p.a) && !removed.has(p.b)));
    deltas.clear();
  }
  // A merge with no article to count one by one: its renamed pairs alone.
  if (deltas.size > 0) await store.addEntityPairs(changedPairs(deltas).filter((p) => !removed.has(p.a) && !removed.has(p.b)));
  await store.setPairedEntities(added, [...removed]);
  await store.markNamesPaired(changed.after && own ? [...stale, ...own.names] : stale);
}

/**
 * Counts again, under the entities their names belong to now, the counted articles (all but `articleId`, not counted
 * from now until `countEntityPairs`) that name a name whose entity changed since they were counted, or whose claims
 * speak by it or by a name new to the pile (which they were counted without); those names are then marked counted
 * under their entity. With `counted`, the article was counted before (it is analysed again): it is taken out, while
 * its facts are still those it was counted from.
 */
export async function recountMovedPairs(store: AnalysisStore, articleId: string, counted = false): Promise<void> {
  const stale = await store.unpairedNames();
  if (stale.length === 0 && !counted) return;
  await repairPairs(store, stale, { id: articleId, before: counted, after: false });
}

/**
 * Counts an article (analysed now, its facts stored) under its names' entities, and marks its names counted under
 * them. `article`: its share when the caller has it (`articleNames` of the facts it just stored), else read back.
 */
export async function countEntityPairs(store: AnalysisStore, articleId: string, article?: ArticleNames): Promise<void> {
  await repairPairs(store, [], { id: articleId, before: false, after: true, article });
}
