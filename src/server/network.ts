/**
 * The entity network over a snapshot of the store, for the API: entities seen in the same article or the same
 * sentence, and speakers who make claims about other entities, bounded to the top entities. (The outlets and who
 * copies or cites whom are `link/sources.ts`.)
 */
import type { EntityType } from '../core/doc.ts';
import type { EntitySummary, Snapshot } from './insights.ts';

export type GraphLink = 'article' | 'sentence' | 'quote';

export interface GraphNode extends EntitySummary {
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

const edgesPerNode = 6;

/** The entity network among the top `limit` entities (by article count), edges of the chosen link weighing at least `min`. */
export function entityGraph(snapshot: Snapshot, query: GraphQuery): EntityGraph {
  const candidates = snapshot.entities(query.type ? { type: query.type } : {});
  const top = candidates.slice(0, query.limit);
  const n = top.length;
  const slot = new Map(top.map((e, i) => [e.key, i]));
  // Counts in flat n × n arrays (n ≤ 200): pairs of every article and sentence are counted without building keys.
  const articles = new Uint32Array(n * n);
  const sentences = new Uint32Array(n * n);
  const quotes = new Uint32Array(n * n);
  const kept: number[] = [];
  const pairs = (keys: readonly string[], counts: Uint32Array) => {
    kept.length = 0;
    for (const key of keys) {
      const i = slot.get(key);
      if (i !== undefined) kept.push(i);
    }
    for (let a = 0; a < kept.length; a++) {
      for (let b = a + 1; b < kept.length; b++) {
        const i = kept[a]!;
        const j = kept[b]!;
        counts[i < j ? i * n + j : j * n + i]!++;
      }
    }
  };
  for (const { keys, sentences: inSentences } of snapshot.articleKeys().values()) {
    pairs(keys, articles);
    for (const sentence of inSentences) pairs(sentence, sentences);
  }
  for (const claim of snapshot.claimEntries()) {
    const i = slot.get(claim.speakerKey);
    if (i === undefined) continue;
    for (const about of claim.aboutKeys) {
      const j = slot.get(about);
      if (j !== undefined && j !== i) quotes[i * n + j]!++;
    }
  }
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
    totalEntities: candidates.length,
    totalEdges: chosen.length,
    limit: query.limit,
    min: query.min,
  };
}
