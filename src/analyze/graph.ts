/**
 * The entity network from stored state: entities seen in the same article or the same sentence, and speakers who make
 * claims about other entities, among the entities named in the most articles. Nothing here remembers an entity: each
 * article stores, at ingest, which of its names share a sentence and which names its claims speak by and about (facts
 * keyed by name id, which never change); a request maps those names to the entities they belong to now. So the
 * network stays right when linking merges two entities later, and does not depend on the order articles came in.
 * Each entity's article and mention counts are kept as findings, recounted for the entities an article touches.
 */
import type { Doc, EntityType } from '../core/doc.ts';
import { foldName, withoutTitles } from '../link/entity-names.ts';
import { nameId } from '../link/link-entities.ts';
import type { AnalysisStore, FactRecord, FindingRecord, Repository } from '../store/repository.ts';
import { claimsInArticle } from './claims.ts';

export type GraphLink = 'article' | 'sentence' | 'quote';

/** An entity as the graph shows it (the key, name and type `/api/entities` shows). */
export interface GraphEntity {
  key: string;
  id?: string;
  name: string;
  type: EntityType;
  mentions: number;
  articles: number;
}

export interface GraphNode extends GraphEntity {
  /** Edges of this node among those returned. */
  degree: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** The count the chosen link measures (articles, sentences or claims). */
  weight: number;
  /** Articles both appear in. */
  articles: number;
  /** Sentences both appear in. */
  sentences: number;
  /** Claims by `source` whose content mentions `target`, and by `target` about `source`. */
  quotes: number;
  quotesBack: number;
}

export interface EntityGraph {
  link: GraphLink;
  nodes: GraphNode[];
  /** For `quote`, directed from speaker to the entity named; otherwise `source` < `target`. Strongest first. */
  edges: GraphEdge[];
  /** Entities that pass the type filter, of which the top `limit` by article count are the nodes. */
  totalEntities: number;
  /** Edges of the chosen link with at least `min` weight among the nodes, before the cap of 6 per node. */
  totalEdges: number;
  limit: number;
  min: number;
}

export interface GraphQuery {
  limit: number;
  link: GraphLink;
  min: number;
  type?: EntityType;
}

/** Counts among `n` nodes in flat n × n arrays: `articles` and `sentences` at [i·n + j] for i < j, `quotes` from speaker i to j. */
export interface GraphCounts {
  articles: Uint32Array;
  sentences: Uint32Array;
  quotes: Uint32Array;
}

const edgesPerNode = 6;

/** Fact kinds: names sharing a sentence, and the names a claim speaks by and about. */
export const sentenceKind = 'graph-sentence';
export const claimKind = 'graph-claim';
/** Findings: each entity's counts, ranked by articles then mentions, its type as the verdict. */
export const entityCountKind = 'entity-count';

/** One name id per linked mention, in the sentence it starts in (sorted layers: one sweep). */
function sentenceOfMentions(doc: Readonly<Doc>, names: ReadonlyMap<number, string>): Map<number, Set<string>> {
  const sentences = doc.sentences ?? [];
  const out = new Map<number, Set<string>>();
  let s = 0;
  (doc.entities ?? []).forEach((mention, i) => {
    while (s < sentences.length && sentences[s]!.end <= mention.start) s++;
    const name = names.get(i);
    if (!name || s >= sentences.length || sentences[s]!.start > mention.start) return;
    const set = out.get(s) ?? new Set<string>();
    out.set(s, set.add(name));
  });
  return out;
}

/** What one claim's fact holds: the names of the linked mentions in its content; `instead` on a speaker key tried second. */
export interface ClaimFact {
  claim: number;
  about: string[];
  /** This row's speaker name counts only when no stored name is `instead` (the speaker's name as written, with its titles). */
  instead?: string;
}

/**
 * The graph's facts of one article (its linked mentions given as mention index → name id): the names sharing each
 * sentence that holds two or more, one row per sentence and name (`part` the name id, `rank` the sentence); and per
 * claim with a speaker, the speaker's name id as `part` (tried as written, then without titles) and the names in its content.
 */
export function graphFacts(doc: Readonly<Doc>, names: ReadonlyMap<number, string>): { kind: string; facts: Omit<FactRecord, 'articleId' | 'kind' | 'version'>[] }[] {
  const sentences: Omit<FactRecord, 'articleId' | 'kind' | 'version'>[] = [];
  for (const [s, set] of [...sentenceOfMentions(doc, names)].sort((a, b) => a[0] - b[0])) {
    if (set.size < 2) continue;
    for (const name of [...set].sort()) sentences.push({ seq: sentences.length, part: name, rank: String(s).padStart(8, '0'), data: '' });
  }
  const claims: Omit<FactRecord, 'articleId' | 'kind' | 'version'>[] = [];
  claimsInArticle(doc).forEach(({ claim, mentions }, i) => {
    const speaker = claim.speakerEntity ? foldName(claim.speakerEntity) : '';
    if (!speaker) return;
    const about = new Set<string>();
    for (const k of mentions) {
      const name = names.get(k);
      if (name) about.add(name);
    }
    if (about.size === 0) return;
    const data: ClaimFact = { claim: i, about: [...about].sort() };
    claims.push({ seq: claims.length, part: nameId(speaker), rank: '', data: JSON.stringify(data) });
    const bare = withoutTitles(speaker);
    if (bare && bare !== speaker) claims.push({ seq: claims.length, part: nameId(bare), rank: '', data: JSON.stringify({ ...data, instead: nameId(speaker) } satisfies ClaimFact) });
  });
  return [
    { kind: sentenceKind, facts: sentences },
    { kind: claimKind, facts: claims },
  ];
}

/** Padded so that code-point order is number order; the larger count first. */
const descending = (n: number) => String(1e10 - n).padStart(11, '0');

/** Findings: per entity, the sum of its names' article counts its count was made with (`updateEntityCounts`). */
export const entityCountBasisKind = 'entity-count-basis';
/**
 * Findings: each entity's counts again, ranked by mentions (then id, the key): the order `/api/entities` pages in, read
 * along the index, its type as the verdict for the type filter.
 */
export const entityMentionsKind = 'entity-mentions';
/** Every kind of finding `putEntityCounts` writes (what a rebuild clears first). */
export const entityCountKinds = [entityCountKind, entityCountBasisKind, entityMentionsKind] as const;

/**
 * Each entity's counts as findings (an entity with no mention left, merged away, has none), and beside each the sum of
 * its names' article counts (`totals`) they were made with.
 */
export function entityCountFindings(
  entityIds: readonly string[],
  counts: ReadonlyMap<string, { articles: number; mentions: number }>,
  totals: ReadonlyMap<string, { nameArticles: number }>,
  types: ReadonlyMap<string, string>,
  version: number,
): FindingRecord[] {
  return entityIds.flatMap((id): FindingRecord[] => {
    const c = counts.get(id);
    const t = totals.get(id);
    if (!c || !t) return [];
    return [
      { kind: entityCountKind, key: id, part: id, verdict: types.get(id) ?? 'MISC', rank: descending(c.articles) + descending(c.mentions), data: JSON.stringify(c), version },
      { kind: entityCountBasisKind, key: id, part: id, verdict: null, rank: '', data: String(t.nameArticles), version },
      // the migration 0015 makes these from the counts above in SQL: the same rank and data, as `descending` writes them
      { kind: entityMentionsKind, key: id, part: id, verdict: types.get(id) ?? 'MISC', rank: descending(c.mentions), data: JSON.stringify(c), version },
    ];
  });
}

/** Stores the counts of these entities and what they were made with (both kinds of finding). */
export async function putEntityCounts(
  store: AnalysisStore,
  entityIds: readonly string[],
  counts: ReadonlyMap<string, { articles: number; mentions: number }>,
  types: ReadonlyMap<string, string>,
  version: number,
): Promise<void> {
  const findings = entityCountFindings(entityIds, counts, await store.nameTotals(entityIds), types, version);
  for (const kind of entityCountKinds)
    await store.replaceFindings(
      kind,
      entityIds,
      findings.filter((f) => f.kind === kind),
    );
}

/**
 * Brings up to date the counts of the entities an article touches without counting their mentions, which grow with
 * the pile: an entity's mentions are the sum kept on its names, and its articles go up by one when its names' article
 * counts grew, since its count was made, by the number of its names the article holds (the article is new to them);
 * they stay when the names did not grow (the article linked again). An entity in `recount` (its names moved), with no
 * count yet, or whose names grew otherwise (a store linked before counts were kept) is counted from its mentions.
 * `held`: per entity, how many of its names the article holds.
 */
export async function updateEntityCounts(
  store: AnalysisStore,
  entityIds: readonly string[],
  recount: ReadonlySet<string>,
  held: ReadonlyMap<string, number>,
  types: ReadonlyMap<string, string>,
  version: number,
): Promise<void> {
  const totals = await store.nameTotals(entityIds);
  const counts = new Map<string, { articles: number; mentions: number }>();
  const again: string[] = [];
  const counted = await store.findings(entityCountKind, entityIds);
  const bases = await store.findings(entityCountBasisKind, entityIds);
  for (const id of entityIds) {
    const now = totals.get(id);
    if (!now) continue;
    const count = recount.has(id) ? null : (counted.get(id) ?? null);
    const basis = count && (bases.get(id) ?? null);
    const grown = basis ? now.nameArticles - Number(basis.data) : -1;
    if (!count || (grown !== 0 && grown !== (held.get(id) ?? 0))) {
      again.push(id);
      continue;
    }
    const { articles } = JSON.parse(count.data) as { articles: number };
    counts.set(id, { articles: articles + (grown > 0 ? 1 : 0), mentions: now.mentions });
  }
  for (const [id, c] of await store.entityCounts(again)) counts.set(id, c);
  await putEntityCounts(store, entityIds, counts, types, version);
}

/**
 * The entities named in the most articles (then mentions, then name), at most `limit`, and how many pass the type
 * filter: read along the findings' rank, with the ties at the cut read whole so the name decides them.
 */
async function topEntities(repository: Repository, limit: number, type?: EntityType): Promise<{ top: GraphEntity[]; total: number }> {
  const query = { kind: entityCountKind, ...(type ? { verdict: type } : {}), order: 'rank' as const };
  const page = await repository.pageFindings({ ...query, limit, offset: 0 });
  const rows = new Map(page.items.map((f) => [f.key, f]));
  const last = page.items.at(-1);
  if (last && page.total > page.items.length) {
    for (let offset = 0; ; offset += 500) {
      const ties = await repository.pageFindings({ ...query, rankFrom: last.rank, rankBefore: `${last.rank}~`, limit: 500, offset });
      for (const f of ties.items) rows.set(f.key, f);
      if (offset + 500 >= ties.total) break;
    }
  }
  const shown = await repository.entityNames([...rows.keys()]);
  const entities = [...rows.values()].map((f): GraphEntity => {
    const counts = JSON.parse(f.data) as { articles: number; mentions: number };
    const e = shown.get(f.key);
    // the URL key `keyOfStored` (read.ts) makes; read.ts imports update.ts, which imports this file
    return { key: (e?.key ?? f.key).replace(/ /g, '-'), id: f.key, name: e?.name ?? f.key, type: (e?.type ?? f.verdict ?? 'MISC') as EntityType, mentions: counts.mentions, articles: counts.articles };
  });
  entities.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.name.localeCompare(b.name));
  return { top: entities.slice(0, limit), total: page.total };
}

/** The entity network among the top `limit` entities (by article count), edges of the chosen link weighing at least `min`, from the store. */
export async function entityGraph(repository: Repository, query: GraphQuery): Promise<EntityGraph> {
  const { top, total } = await topEntities(repository, query.limit, query.type);
  const n = top.length;
  const slot = new Map(top.map((e, i) => [e.id!, i]));
  const counts: GraphCounts = { articles: new Uint32Array(n * n), sentences: new Uint32Array(n * n), quotes: new Uint32Array(n * n) };

  // What each pair shares, and says of each other: kept at ingest between entities in a few articles (entity-pairs.ts),
  // counted from its articles for an entity in fewer (the top entities seldom are).
  for (const pair of await repository.entityPairsAmong([...slot.keys()])) {
    const [i, j] = [slot.get(pair.a)!, slot.get(pair.b)!];
    counts.articles[i < j ? i * n + j : j * n + i] = pair.articles;
    counts.sentences[i < j ? i * n + j : j * n + i] = pair.sentences;
    counts.quotes[i * n + j] = pair.quotes;
    counts.quotes[j * n + i] = pair.quotesBack;
  }
  return graphFromCounts(top, total, counts, query);
}

/** The graph's edges from the counts among `top`: weighed by the chosen link, at least `min`, at most a few per node. */
export function graphFromCounts(top: readonly GraphEntity[], totalEntities: number, counts: GraphCounts, query: GraphQuery): EntityGraph {
  const n = top.length;
  const { articles, sentences, quotes } = counts;
  const edges: GraphEdge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = articles[i * n + j]!;
      const forth = quotes[i * n + j]!;
      const back = quotes[j * n + i]!;
      if (a === 0 && forth === 0 && back === 0) continue;
      const [source, target] = top[i]!.key < top[j]!.key ? [i, j] : [j, i];
      edges.push({
        source: top[source]!.key,
        target: top[target]!.key,
        weight: 0,
        articles: a,
        sentences: sentences[i * n + j]!,
        quotes: quotes[source * n + target]!,
        quotesBack: quotes[target * n + source]!,
      });
    }
  }
  let chosen = edges;
  if (query.link === 'quote') {
    // Each direction of a quote edge is its own edge.
    chosen = chosen.flatMap((e) => [
      ...(e.quotes > 0 ? [{ ...e, weight: e.quotes }] : []),
      ...(e.quotesBack > 0 ? [{ ...e, source: e.target, target: e.source, quotes: e.quotesBack, quotesBack: e.quotes, weight: e.quotesBack }] : []),
    ]);
  } else {
    for (const e of chosen) e.weight = query.link === 'article' ? e.articles : e.sentences;
  }
  chosen = chosen.filter((e) => e.weight >= query.min).sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  // The strongest edges first, at most a few per node so that a dense pile still draws as a readable picture.
  const degree = new Map<string, number>();
  const shown: GraphEdge[] = [];
  for (const e of chosen) {
    const ds = degree.get(e.source) ?? 0;
    const dt = degree.get(e.target) ?? 0;
    if (ds >= edgesPerNode && dt >= edgesPerNode) continue;
    degree.set(e.source, ds + 1);
    degree.set(e.target, dt + 1);
    shown.push(e);
  }
  return {
    link: query.link,
    nodes: top.map((e) => ({ ...e, degree: degree.get(e.key) ?? 0 })),
    edges: shown,
    totalEntities,
    totalEdges: chosen.length,
    limit: query.limit,
    min: query.min,
  };
}
