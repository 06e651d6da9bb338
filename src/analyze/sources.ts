/**
 * Outlets across the pile from the store: articles, languages and dates per outlet are an SQL aggregate over the stored
 * articles; who copies whom is counted per pair of outlets and kind as findings, recounted at ingest for the pairs an
 * article's copy links fall in; who cites whom is counted per citing outlet and name cited as findings too, kept at
 * ingest from the citation candidates each article stores (`citationCandidates`). A candidate that counts only when
 * the name it cites is an outlet of the pile is decided against the outlets stored so far, and again when the first
 * article of that outlet arrives (the candidates are indexed by the outlet name they need), so the counts do not depend
 * on the order the articles came in. No article text is read, and a request reads findings only.
 * What `quipu sources` prints and `/api/sources` pages through.
 */
import type { Doc } from '../core/doc.ts';
import { compareCodePoints } from '../core/names.ts';
import { type CitationCandidate, citationCandidates } from '../link/citations.ts';
import {
  type CitationCount,
  type CitationOccurrence,
  type CitingArticle,
  citationOccurrences,
  countCitations,
  outletKey,
  outletKeys,
  type SourceEdge,
  type Sources,
  sourcesFrom,
} from '../link/sources.ts';
import type { AnalysisStore, CopyCount, FactRecord, FindingRecord, OutletCount, Repository } from '../store/repository.ts';

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
function copyCounts(repository: FindingsReader): Promise<CopyCount[]> {
  return allFindings(repository, outletCopiesKind, (f) => {
    const [from, to, kind] = JSON.parse(f.key) as [string | null, string | null, string];
    const { copies, example } = JSON.parse(f.data) as { copies: number; example: string };
    const [copy, original] = example.split(' ') as [string, string];
    return { from, to, kind, copies, example: { copy, original } };
  });
}

/** Every article's stored citation candidates, a page at a time. */
async function* citingArticles(repository: Repository): AsyncGenerator<CitingArticle> {
  for (let offset = 0; ; offset += 500) {
    const page = await repository.pageFacts({ kind: citationKind, limit: 500, offset });
    for (const f of page.items) yield citingOf(f);
    if (offset + 500 >= page.total) return;
  }
}

const citingOf = (f: Pick<FactRecord, 'articleId' | 'data'>): CitingArticle => {
  const fact = JSON.parse(f.data) as CitationFact;
  return { id: f.articleId, outlet: fact.outlet, published: fact.published, candidates: fact.candidates };
};

/**
 * Fact kinds: the outlet names an article's candidates need to count (one fact per folded name, under it), and the
 * names its kept citations name (one fact per name of each, under its outlet and the name as written, ranked by
 * `citationRank` with the citation's span after). Findings: the outlet names of the pile (folded), and per citing
 * outlet and name, how many citations and the first. A marker finding says the counts were kept from the first article
 * (or rebuilt by `quipu reanalyze`); a store analysed before they were kept is read the slow way until then.
 */
export const citationWantsKind = 'citation-wants';
export const citesKind = 'cites';
export const outletNameKind = 'outlet-name';
export const outletCitesKind = 'outlet-cites';
/** Findings: the stored articles per outlet and language (`OutletCount`), recounted for an article's pair as it is analysed. */
export const outletArticlesKind = 'outlet-articles';
const citesMarker = { kind: 'outlet-findings-kept', key: 'kept' } as const;

const outletPart = (o: Pick<OutletCount, 'outlet' | 'language'>) => JSON.stringify([o.outlet, o.language]);

/** Replaces the findings of these pairs of outlet and language with their counts (a pair counted none has none). */
async function putOutletCounts(store: AnalysisStore, pairs: readonly string[], counts: readonly OutletCount[], version: number): Promise<void> {
  for (let i = 0; i < pairs.length; i += 300) {
    const some = new Set(pairs.slice(i, i + 300));
    await store.replaceFindings(
      outletArticlesKind,
      [...some],
      counts.filter((c) => some.has(outletPart(c))).map((c) => ({ kind: outletArticlesKind, key: outletPart(c), part: outletPart(c), verdict: null, rank: '', data: JSON.stringify(c), version })),
    );
  }
}

const citesPart = (from: string, name: string) => JSON.stringify([from, name]);

/** A fact's rank: the occurrence's rank, then the citation's span (which does not change the order: a rank is unique in its article). */
const citesRank = (o: CitationOccurrence) => `${o.rank} ${o.example.start} ${o.example.end}`;

/** The count a finding holds (`data`: how many; `rank`: the first citation's fact rank). */
function countOf(f: Pick<FindingRecord, 'key' | 'rank' | 'data'>): CitationCount {
  const [from, name] = JSON.parse(f.key) as [string, string];
  const words = f.rank.split(' ');
  const [start, end] = words.slice(-2).map(Number) as [number, number];
  return { from, name, citations: (JSON.parse(f.data) as { citations: number }).citations, rank: words.slice(0, -2).join(' '), example: { article: words[1]!, start, end } };
}

const outletNameRow = (key: string, version: number): FindingRecord => ({ kind: outletNameKind, key, part: key, verdict: null, rank: '', data: '', version });

/**
 * Stores the names the article's citations name, kept against the outlet names of the pile it needs (`known`: looked up
 * when not given), and returns the parts whose counts that changed.
 */
async function storeCites(store: AnalysisStore, article: CitingArticle, version: number, known?: ReadonlySet<string>): Promise<string[]> {
  const wanted = [...new Set(article.candidates.flatMap((c) => (c.outletKey !== undefined ? [c.outletKey] : [])))].sort(compareCodePoints);
  let keys = known;
  if (!keys) {
    const found = new Set<string>();
    for (const key of wanted) if (await store.finding(outletNameKind, key)) found.add(key);
    keys = found;
  }
  const facts = citationOccurrences(article, keys).map((o, seq) => ({ seq, part: citesPart(o.from, o.name), rank: citesRank(o), data: '', version }));
  const before = await store.factsOfArticle(article.id, citesKind);
  if (before.length === facts.length && before.every((f, i) => f.part === facts[i]!.part && f.rank === facts[i]!.rank)) return [];
  await store.putFacts(article.id, citesKind, facts);
  return [...new Set([...before, ...facts].map((f) => f.part))];
}

/** Recounts these parts (citing outlet and name) from the stored facts. */
async function recountCites(store: AnalysisStore, parts: readonly string[], version: number): Promise<void> {
  for (let i = 0; i < parts.length; i += 300) {
    const some = parts.slice(i, i + 300);
    const counts = await store.factCounts(citesKind, some);
    await store.replaceFindings(
      outletCitesKind,
      some,
      [...counts].map(([part, c]) => ({ kind: outletCitesKind, key: part, part, verdict: null, rank: c.firstRank, data: JSON.stringify({ citations: c.facts }), version })),
    );
  }
}

/**
 * After an article's facts are stored: its outlet and language are recounted, its outlet's name joins the pile's (the first article of an outlet decides again
 * the stored candidates that need it), its citations are counted, and the counts of the parts that changed recounted.
 * Idempotent, and the counts end the same whatever order the articles came in.
 */
export async function updateSourceFindings(store: AnalysisStore, doc: Readonly<Doc>, version: number): Promise<void> {
  await markSourcesStale(store, version);
  const pair = { outlet: doc.meta.outlet, language: doc.meta.language };
  await putOutletCounts(store, [outletPart(pair)], await store.outletCounts([pair]), version);
  if (!(await store.finding(citesMarker.kind, citesMarker.key))) {
    // Kept from the first article on: a store whose other articles were analysed before is read the slow way until reanalyzed.
    const analysed = await store.factCounts('analyzed', ['']);
    if ((analysed.get('')?.facts ?? 0) <= 1) await store.replaceFindings(citesMarker.kind, [citesMarker.key], [{ ...citesMarker, part: citesMarker.key, verdict: null, rank: '', data: '', version }]);
  }
  const key = outletKey(doc.meta.outlet);
  const isNew = key !== null && !(await store.finding(outletNameKind, key));
  if (isNew) await store.replaceFindings(outletNameKind, [key], [outletNameRow(key, version)]);
  // Its candidates as `citationFacts` stored them (none when its text cites nothing).
  const [own] = await store.factsOfArticle(doc.id, citationKind);
  const article = own ? citingOf(own) : { id: doc.id, outlet: doc.meta.outlet, published: doc.meta.published, candidates: [] };
  await store.putFacts(doc.id, citationWantsKind, wantsFacts(article.candidates, version));
  const parts = new Set(await storeCites(store, article, version));
  if (isNew) {
    const waiting = await store.factsInParts(citationWantsKind, [key]);
    for (const id of [...new Set(waiting.map((f) => f.articleId))].filter((id) => id !== doc.id)) {
      const [fact] = await store.factsOfArticle(id, citationKind);
      if (fact) for (const part of await storeCites(store, citingOf(fact), version)) parts.add(part);
    }
  }
  await recountCites(store, [...parts].sort(compareCodePoints), version);
}

function wantsFacts(candidates: readonly CitationCandidate[], version: number): Omit<FactRecord, 'articleId' | 'kind'>[] {
  const wanted = [...new Set(candidates.flatMap((c) => (c.outletKey !== undefined ? [c.outletKey] : [])))].sort(compareCodePoints);
  return wanted.map((key, seq) => ({ seq, part: key, rank: '', data: '', version }));
}

/** Rebuilds the outlet counts and names, every article's counted citations and their counts from the stored articles: what `quipu reanalyze` ends with. */
export async function rebuildCitationCounts(store: AnalysisStore, version: number): Promise<void> {
  for (const kind of [outletArticlesKind, outletNameKind, outletCitesKind, citesMarker.kind]) await store.clearFindings(kind);
  for (const kind of [citesKind, citationWantsKind]) await store.clearFacts(kind);
  const outlets = await store.outletCounts(null);
  await putOutletCounts(store, outlets.map(outletPart), outlets, version);
  const known = outletKeys(outlets.map((o) => o.outlet));
  const keys = [...known].sort(compareCodePoints);
  for (let i = 0; i < keys.length; i += 300) {
    const some = keys.slice(i, i + 300);
    await store.replaceFindings(
      outletNameKind,
      some,
      some.map((k) => outletNameRow(k, version)),
    );
  }
  const citing = await store.factParts(citationKind);
  for (let i = 0; i < citing.length; i += 300) {
    for (const fact of await store.factsInParts(citationKind, citing.slice(i, i + 300))) {
      const article = citingOf(fact);
      await store.putFacts(article.id, citationWantsKind, wantsFacts(article.candidates, version));
      await storeCites(store, article, version, known);
    }
  }
  await recountCites(store, await store.factParts(citesKind), version);
  await store.replaceFindings(citesMarker.kind, [citesMarker.key], [{ ...citesMarker, part: citesMarker.key, verdict: null, rank: '', data: '', version }]);
}

/** What reads every finding of a kind: the repository, or the store inside a linking transaction. */
type FindingsReader = Pick<Repository, 'findingsOfKind'>;

/**
 * Every stored finding of `kind`, each as `read` makes it: one read, by key (a few per outlet or pair of outlets; a page
 * at a time counted the kind again for every page).
 */
async function allFindings<T>(repository: FindingsReader, kind: string, read: (f: FindingRecord) => T): Promise<T[]> {
  return (await repository.findingsOfKind(kind)).map(read);
}

/**
 * The outlet counts and citation counts kept as findings, or (a store analysed before they were kept, until `quipu
 * reanalyze`) the counts made from the articles and every article's stored candidates.
 */
async function outletAndCitationCounts(repository: Repository): Promise<{ outlets: OutletCount[]; citations: CitationCount[] }> {
  const kept = await repository.pageFindings({ kind: citesMarker.kind, key: citesMarker.key, limit: 1, offset: 0 });
  if (kept.items.length > 0) return keptCounts(repository);
  const outlets = await repository.outletCounts();
  const known = outletKeys(outlets.map((o) => o.outlet));
  const occurrences: CitationOccurrence[] = [];
  for await (const article of citingArticles(repository)) for (const o of citationOccurrences(article, known)) occurrences.push(o);
  return { outlets, citations: countCitations(occurrences) };
}

/** The outlet and citation counts kept as findings. */
async function keptCounts(repository: FindingsReader): Promise<{ outlets: OutletCount[]; citations: CitationCount[] }> {
  const [outlets, citations] = await Promise.all([allFindings(repository, outletArticlesKind, (f) => JSON.parse(f.data) as OutletCount), allFindings(repository, outletCitesKind, countOf)]);
  return { outlets, citations };
}

/**
 * Findings: the outlets and their graph as `storedSources` answers (`sourcesFrom` over every outlet, copy and citation
 * count: at 50,000 articles 5,600 pairs of outlets, 157 ms to read and join on the first request after an upload),
 * made again by the batch rebuild (`rebuildSourcesSummary`) when an article marked it stale, as figure groups are.
 * Read only while no mark is pending; until then the counts are joined on request as before.
 */
export const sourcesSummaryKind = 'sources-summary';
export const sourcesStaleKind = 'sources-stale';
const summaryKey = 'summary';

/** Marks the sources' summary stale: an article changed an outlet's, a copy's or a citation's count. */
export async function markSourcesStale(store: AnalysisStore, version: number): Promise<void> {
  await store.replaceFindings(sourcesStaleKind, [summaryKey], [{ kind: sourcesStaleKind, key: summaryKey, part: summaryKey, verdict: null, rank: '', data: '', version }]);
}

/** Makes the sources' summary again when it is marked stale and the counts are kept; true when it was made. */
export async function rebuildSourcesSummary(store: AnalysisStore, version: number): Promise<boolean> {
  if (!(await store.finding(sourcesStaleKind, summaryKey)) || !(await store.finding(citesMarker.kind, citesMarker.key))) return false;
  const [{ outlets, citations }, copies] = await Promise.all([keptCounts(store), copyCounts(store)]);
  const summary = sourcesFrom(outlets, copies, citations);
  await store.replaceFindings(sourcesSummaryKind, [summaryKey], [{ kind: sourcesSummaryKind, key: summaryKey, part: summaryKey, verdict: null, rank: '', data: JSON.stringify(summary), version }]);
  await store.clearFindings(sourcesStaleKind);
  return true;
}

/**
 * Outlets with their counts and dates, and the outlet-to-outlet copy and citation graph, from the store: the summary
 * the last batch rebuild made while no article has changed the counts since, else joined from the counts.
 */
export async function storedSources(repository: Repository): Promise<Sources> {
  const kept = await repository.findingsWithKeys(sourcesSummaryKind, [summaryKey]);
  const summary = kept.get(summaryKey);
  if (summary && (await repository.findingsWithKeys(sourcesStaleKind, [summaryKey])).size === 0) return JSON.parse(summary.data) as Sources;
  return sourcesJoined(repository);
}

/** `storedSources` joined from the counts. */
export async function sourcesJoined(repository: Repository): Promise<Sources> {
  const [{ outlets, citations }, copies] = await Promise.all([outletAndCitationCounts(repository), copyCounts(repository)]);
  return sourcesFrom(outlets, copies, citations);
}

const touches = (e: SourceEdge, outlet: string) => e.from === outlet || e.to === outlet;

/**
 * A page of outlets (most articles first), each with how many edges it is on, and the strongest `edgesPerOutlet` edges
 * of each (an edge between two of them once, in the sources' order: strongest first). Every edge of the page's outlets
 * made 2.7 MB a page at 10,000 articles; `outletEdges` pages through one outlet's.
 */
export function sourcesPage(sources: Sources, paging: { limit: number; offset: number; edgesPerOutlet: number }) {
  const outlets = sources.outlets.slice(paging.offset, paging.offset + paging.limit);
  const counts = new Map(outlets.map((o) => [o.outlet, { edges: 0 }]));
  const kept = new Set<SourceEdge>();
  let edgeTotal = 0;
  // The edges are sorted strongest first: an outlet's first edges are its strongest.
  for (const e of sources.edges) {
    const ends = [counts.get(e.from), e.to === e.from ? undefined : counts.get(e.to)].filter((c) => c !== undefined);
    if (ends.length === 0) continue;
    edgeTotal++;
    for (const end of ends) if (end.edges++ < paging.edgesPerOutlet) kept.add(e);
  }
  return {
    items: outlets.map((o) => ({ ...o, edges: counts.get(o.outlet)!.edges })),
    total: sources.outlets.length,
    limit: paging.limit,
    offset: paging.offset,
    unknownOutlet: sources.unknownOutlet,
    edges: sources.edges.filter((e) => kept.has(e)),
    edgesPerOutlet: paging.edgesPerOutlet,
    edgeTotal,
  };
}

/** A page of one outlet's edges (copying or cited), strongest first. */
export function outletEdges(sources: Sources, outlet: string, paging: { limit: number; offset: number }) {
  const edges = sources.edges.filter((e) => touches(e, outlet));
  return { outlet, items: edges.slice(paging.offset, paging.offset + paging.limit), total: edges.length, ...paging };
}
