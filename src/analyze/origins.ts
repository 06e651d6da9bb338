/**
 * What independent-origin counts need, kept as facts at analysis time so that no surface reads the pile for them: each
 * article's citation candidates (link/citations.ts, before the pile's outlets are known) under its id, and the names it
 * can be cited by (its outlet and authors, folded) each with its origin fields. A reader then resolves the citations of
 * the articles it shows against the articles of the names they cite, as `resolveCitations` would against the whole pile.
 */
import type { Doc } from '../core/doc.ts';
import { type Citation, keepCitations, nameKey, type OriginArticle, resolveCitations } from '../link/citations.ts';
import { type CitationFact, citationKind } from './sources.ts';
import type { AnalysisStore, FactRecord, Repository } from '../store/repository.ts';

/** Stores the names the article can be cited by (its citation candidates are the outlet view's fact: sources.ts). */
export async function storeOriginFacts(store: AnalysisStore, doc: Readonly<Doc>, version: number): Promise<void> {
  const origin: OriginArticle = { id: doc.id, outlet: doc.meta.outlet, authors: doc.meta.authors, published: doc.meta.published };
  const keys = [
    ...new Set(
      [doc.meta.outlet, ...doc.meta.authors]
        .filter((n): n is string => !!n)
        .map(nameKey)
        .filter(Boolean),
    ),
  ];
  await store.putFacts(
    doc.id,
    'origin-name',
    keys.map((key, seq) => ({ seq, part: key, rank: '', data: JSON.stringify(origin), version })),
  );
}

/** Every stored fact of `kind` in `parts`, a few hundred parts and a page at a time. */
async function factsIn(repository: Repository, kind: string, parts: readonly string[]): Promise<FactRecord[]> {
  const out: FactRecord[] = [];
  const unique = [...new Set(parts)];
  for (let i = 0; i < unique.length; i += 300) {
    for (let offset = 0; ; offset += 500) {
      const page = await repository.pageFacts({ kind, parts: unique.slice(i, i + 300), limit: 500, offset });
      out.push(...page.items);
      if (offset + 500 >= page.total) break;
    }
  }
  return out;
}

/**
 * The origin fields of these articles and their citations, resolved against the pile (the latest article of the cited
 * outlet or author published no later than the citing one). An "according to X" counts when X is an outlet word or
 * an outlet of the pile. Reads the facts of these articles and of the names they cite, never the whole pile.
 */
export async function storedOrigins(repository: Repository, articleIds: readonly string[]): Promise<{ articles: Map<string, OriginArticle>; citations: Citation[] }> {
  const articles = new Map<string, OriginArticle>();
  for (let i = 0; i < articleIds.length; i += 300) {
    for (const a of await repository.articleSummaries(articleIds.slice(i, i + 300))) articles.set(a.id, { id: a.id, outlet: a.meta.outlet, authors: a.meta.authors, published: a.meta.published });
  }
  const candidates = (await factsIn(repository, citationKind, [...articles.keys()])).map((f) => (JSON.parse(f.data) as CitationFact).candidates);
  const cited = new Set(candidates.flat().flatMap((c) => [...c.names.map(nameKey), ...(c.outletKey !== undefined ? [c.outletKey] : [])]));
  const named = new Map<string, OriginArticle>();
  for (const f of await factsIn(repository, 'origin-name', [...cited])) named.set(f.articleId, JSON.parse(f.data) as OriginArticle);
  const outlets = new Set([...named.values()].flatMap((a) => (a.outlet ? [nameKey(a.outlet)] : [])));
  const citations = candidates.flatMap((list) => keepCitations(list, outlets));
  return { articles, citations: resolveCitations(citations, [...new Map([...named, ...articles]).values()]) };
}
