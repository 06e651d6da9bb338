/**
 * Outlets across the pile from the store: articles, languages and dates per outlet and who copies whom are SQL
 * aggregates over the stored articles and copy links; who cites whom comes from the citation candidates each article
 * stored at ingest (`citationCandidates`), decided against the pile's outlets when asked. No article text is read.
 * What `quipu sources` prints and `/api/sources` pages through.
 */
import type { Doc } from '../core/doc.ts';
import { type CitationCandidate, citationCandidates } from '../link/citations.ts';
import { type CitingArticle, type Sources, sourcesFrom } from '../link/sources.ts';
import type { FactRecord, Repository } from '../store/repository.ts';

/** Fact kind: an article's citation candidates, with its outlet and date. */
export const citationKind = 'citation';

interface CitationFact {
  outlet: string | null;
  published: string | null;
  candidates: CitationCandidate[];
}

/** The article's citation fact (none when its text cites nothing). */
export function citationFacts(doc: Readonly<Doc>): Omit<FactRecord, 'articleId' | 'kind' | 'version'>[] {
  const candidates = citationCandidates(doc.id, doc.text, doc.meta.outlet);
  if (candidates.length === 0) return [];
  return [{ seq: 0, part: '', rank: '', data: JSON.stringify({ outlet: doc.meta.outlet, published: doc.meta.published, candidates } satisfies CitationFact) }];
}

/** Every article's stored citation candidates, a page at a time. */
async function* citingArticles(repository: Repository): AsyncGenerator<CitingArticle> {
  for (let offset = 0; ; offset += 500) {
    const page = await repository.pageFacts({ kind: citationKind, limit: 500, offset });
    for (const f of page.items) {
      const fact = JSON.parse(f.data) as CitationFact;
      yield { id: f.articleId, outlet: fact.outlet, published: fact.published, candidates: fact.candidates };
    }
    if (offset + 500 >= page.total) return;
  }
}

/** Outlets with their counts and dates, and the outlet-to-outlet copy and citation graph, from the store. */
export async function storedSources(repository: Repository): Promise<Sources> {
  const [outlets, copies] = await Promise.all([repository.outletCounts(), repository.copyCounts()]);
  const citing: CitingArticle[] = [];
  for await (const article of citingArticles(repository)) citing.push(article);
  return sourcesFrom(outlets, copies, citing);
}

/** A page of outlets (most articles first) with the edges that touch them, so the page's graph is whole. */
export async function sourcesPage(repository: Repository, paging: { limit: number; offset: number }) {
  const sources = await storedSources(repository);
  const items = sources.outlets.slice(paging.offset, paging.offset + paging.limit);
  const shown = new Set(items.map((o) => o.outlet));
  return { items, total: sources.outlets.length, ...paging, unknownOutlet: sources.unknownOutlet, edges: sources.edges.filter((e) => shown.has(e.from) || shown.has(e.to)) };
}
