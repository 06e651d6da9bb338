/**
 * The entity network computed the old way, over the in-memory snapshot: kept only so that a test can check the stored
 * network (src/analyze/graph.ts, what /api/graph serves) against it while the snapshot exists; it goes with the snapshot.
 */
import { countPairs, type EntityGraph, type GraphCounts, graphFromCounts, type GraphQuery } from '../analyze/graph.ts';
import type { Snapshot } from './insights.ts';

/** The entity network among the snapshot's top `limit` entities (by article count), edges of the chosen link weighing at least `min`. */
export function snapshotEntityGraph(snapshot: Snapshot, query: GraphQuery): EntityGraph {
  const candidates = snapshot.entities(query.type ? { type: query.type } : {});
  const top = candidates.slice(0, query.limit);
  const n = top.length;
  const slot = new Map(top.map((e, i) => [e.key, i]));
  const counts: GraphCounts = { articles: new Uint32Array(n * n), sentences: new Uint32Array(n * n), quotes: new Uint32Array(n * n) };
  const slots = (keys: readonly string[]) => keys.flatMap((key) => (slot.has(key) ? [slot.get(key)!] : []));
  for (const { keys, sentences } of snapshot.articleKeys().values()) {
    countPairs(slots(keys), n, counts.articles);
    for (const sentence of sentences) countPairs(slots(sentence), n, counts.sentences);
  }
  for (const claim of snapshot.claimEntries()) {
    const i = slot.get(claim.speakerKey);
    if (i === undefined) continue;
    for (const about of claim.aboutKeys) {
      const j = slot.get(about);
      if (j !== undefined && j !== i) counts.quotes[i * n + j]!++;
    }
  }
  return graphFromCounts(top, candidates.length, counts, query);
}
