/**
 * Outlets across the pile from the store: articles, languages and dates per outlet are an SQL aggregate over the stored
 * articles; who copies whom is counted per pair of outlets and kind as findings, recounted at ingest for the pairs an
 * article's copy links fall in; who cites whom comes from the citation candidates each article stored at ingest
 * (`citationCandidates`), decided against the pile's outlets when asked. No article text is read.
 * What `quipu sources` prints and `/api/sources` pages through.
 */
import type { Doc } from '../core/doc.ts';
import { type CitationCandidate, citationCandidates } from '../link/citations.ts';
import { type CitingArticle, type Sources, sourcesFrom } from '../link/sources.ts';
import type { AnalysisStore, CopyCount, FactRecord, Repository } from '../store/repository.ts';

/** Fact kind: an article's citation candidates, with its outlet and date. */
export const citationKind = 'citation';

export interface CitationFact {
  outlet: string | null;
  published: string | null;
  candidates: CitationCandidate[];
}

/** The article's citation fact (none when its text cites nothing). */
export function citationFacts(doc: Readonly<Doc>): Omit<FactRecord, 'articleId' | 'kind' | 'version'>[] {
  const candidates = citationCandidates(doc.id, doc.text, doc.meta.outlet);
  if (candidates.length === 0) return [];
  // under the article's own id: origin counts read the facts of the articles they show (origins.ts)
  return [{ seq: 0, part: doc.id, rank: '', data: JSON.stringify({ outlet: doc.meta.outlet, published: doc.meta.published, candidates } satisfies CitationFact) }];
}

/** Fact kind: an article's copy links as the copy, one per link, under the pair of outlets and kind; findings: their counts. */
export const copyKind = 'copy-made';
export const outletCopiesKind = 'outlet-copies';

const pairOf = (from: string | null, to: string | null, kind: string) => JSON.stringify([from?.trim() || null, to?.trim() || null, kind]);

/** Stores, for each of these articles, its copy links as the copy (a link is always its copy's): what `quipu reanalyze` does. */
export async function storeCopyFacts(store: AnalysisStore, articleIds: readonly string[], version: number): Promise<string[]> {
  const byArticle = new Map(articleIds.map((id) => [id, [] as FactRecord[]]));
  const parts = new Set<string>();
  for (const l of await store.copyLinks(articleIds, 'copy')) {
    const part = pairOf(l.copyOutlet, l.originalOutlet, l.kind);
    parts.add(part);
    const list = byArticle.get(l.copyId)!;
    list.push({ articleId: l.copyId, kind: copyKind, seq: list.length, part, rank: `${l.copyId} ${l.originalId}`, data: '', version });
  }
  for (const [id, facts] of byArticle) await store.putFacts(id, copyKind, facts);
  return [...parts];
}

/** Recounts the copies of these pairs of outlets from the copy facts. */
export async function recountOutletCopies(store: AnalysisStore, parts: readonly string[], version: number): Promise<void> {
  const counts = await store.factCounts(copyKind, parts);
  await store.replaceFindings(
    outletCopiesKind,
    parts,
    [...counts].map(([part, c]) => ({ kind: outletCopiesKind, key: part, part, verdict: null, rank: '', data: JSON.stringify({ copies: c.facts, example: c.firstRank }), version })),
  );
}

/**
 * After an article is linked: each copy link it is on either side of (a link made now may have it as the original of
 * an article stored before) becomes a fact of the link's copy, once; the pairs of outlets of the links new to the facts
 * are counted up. Idempotent: a link already counted adds nothing.
 */
export async function updateOutletCopies(store: AnalysisStore, articleId: string, version: number): Promise<void> {
  const links = [...(await store.copyLinks([articleId], 'copy')), ...(await store.copyLinks([articleId], 'original'))];
  const added = await store.addFacts(
    copyKind,
    links.map((l) => ({ articleId: l.copyId, part: pairOf(l.copyOutlet, l.originalOutlet, l.kind), rank: `${l.copyId} ${l.originalId}`, data: '', version })),
  );
  const byPart = new Map<string, { copies: number; example: string }>();
  for (const f of added) {
    const had = byPart.get(f.part) ?? { copies: 0, example: f.rank };
    byPart.set(f.part, { copies: had.copies + 1, example: f.rank < had.example ? f.rank : had.example });
  }
  for (const [part, more] of [...byPart].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const before = await store.finding(outletCopiesKind, part);
    const had = before ? (JSON.parse(before.data) as { copies: number; example: string }) : { copies: 0, example: more.example };
    const data = { copies: had.copies + more.copies, example: more.example < had.example ? more.example : had.example };
    await store.replaceFindings(outletCopiesKind, [part], [{ kind: outletCopiesKind, key: part, part, verdict: null, rank: '', data: JSON.stringify(data), version }]);
  }
}

/** The stored copy counts per pair of outlets and kind. */
async function copyCounts(repository: Repository): Promise<CopyCount[]> {
  const out: CopyCount[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await repository.pageFindings({ kind: outletCopiesKind, limit: 500, offset });
    for (const f of page.items) {
      const [from, to, kind] = JSON.parse(f.key) as [string | null, string | null, string];
      const { copies, example } = JSON.parse(f.data) as { copies: number; example: string };
      const [copy, original] = example.split(' ') as [string, string];
      out.push({ from, to, kind, copies, example: { copy, original } });
    }
    if (offset + 500 >= page.total) return out;
  }
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
  const [outlets, copies] = await Promise.all([repository.outletCounts(), copyCounts(repository)]);
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
