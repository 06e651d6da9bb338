/**
 * Outlets across the pile: their articles, languages and dates, and the outlet-to-outlet graph of who copies
 * (stored copy links) and who cites whom (citations found in the text). Pure: the caller passes the articles.
 */
import type { ArticleMeta } from '../core/doc.ts';
import type { CopyCount, CopyRecord, OutletCount } from '../store/repository.ts';
import { type CitationCandidate, citationCandidates, keepCitations, nameKey } from './citations.ts';

/** What the outlet view needs of an article. */
export interface SourceArticle {
  id: string;
  text: string;
  meta: Pick<ArticleMeta, 'outlet' | 'language' | 'published'>;
}

export interface OutletRow {
  outlet: string;
  articles: number;
  languages: string[];
  earliest: string | null;
  latest: string | null;
  /** Its articles that copy another outlet's, and its articles that other outlets copy. */
  copiesMade: number;
  copiedBy: number;
  /** Citations of outlets in the pile, and of names outside it (the most cited first, at most 10). */
  citationsMade: number;
  citesOutside: { name: string; citations: number }[];
}

export interface SourceEdge {
  /** The outlet that copies or cites. */
  from: string;
  /** The outlet copied or cited. */
  to: string;
  /** Copies by kind (syndicated, repost; pull quotes are not copies of an article). */
  syndicated: number;
  repost: number;
  citations: number;
  /** One example of each relation: the copying article and its original, or the citing article and the phrase. */
  copyExample?: { copy: string; original: string };
  citationExample?: { article: string; start: number; end: number };
}

export interface Sources {
  outlets: OutletRow[];
  edges: SourceEdge[];
  /** Articles without an outlet, counted apart. */
  unknownOutlet: number;
}

const unknown = '(unknown outlet)';

/** An article's citation candidates (`citationCandidates`), with its outlet as stored. */
export interface CitingArticle {
  id: string;
  outlet: string | null;
  published: string | null;
  candidates: readonly CitationCandidate[];
}

/** The name an outlet is cited by, folded (`nameKey` of the outlet as `sourcesFrom` shows it), or null for no outlet. */
export function outletKey(outlet: string | null | undefined): string | null {
  const name = outlet?.trim();
  return name ? nameKey(name) : null;
}

/** The folded names of these outlets: what a citation that needs an outlet is kept against (`keepCitations`). */
export function outletKeys(outlets: Iterable<string | null | undefined>): Set<string> {
  const out = new Set<string>();
  for (const outlet of outlets) {
    const key = outletKey(outlet);
    if (key !== null) out.add(key);
  }
  return out;
}

/** Padded so that code-point order is number order. */
const pad = (n: number) => String(n).padStart(6, '0');

/**
 * Orders citations as `sourcesFrom` meets them, in code-point order: the newest citing article first (undated last, then
 * by id), then its citations in text order and each one's names in turn. The date is written descending: each UTF-16
 * unit as four hex digits of its complement, ended by `~` (so a longer date, later, sorts first); no date is `\u007f`.
 */
export function citationRank(published: string | null, articleId: string, citation: number, name: number): string {
  let date = '\u007f';
  if (published !== null) {
    date = '';
    for (let i = 0; i < published.length; i++) date += (0xffff - published.charCodeAt(i)).toString(16).padStart(4, '0');
    date += '~';
  }
  return `${date} ${articleId} ${pad(citation)} ${pad(name)}`;
}

/** One name one citation of an article names, kept against the pile's outlets, with the article's outlet and the citation's place. */
export interface CitationOccurrence {
  /** The citing article's outlet as `sourcesFrom` names it. */
  from: string;
  /** The name cited, as written. */
  name: string;
  /** Where it falls among all citations (`citationRank`). */
  rank: string;
  example: { article: string; start: number; end: number };
}

/** Citations of one outlet's articles of one name (as written): how many, and the first by rank. */
export interface CitationCount {
  from: string;
  name: string;
  citations: number;
  rank: string;
  example: { article: string; start: number; end: number };
}

/** The names an article's citations name, kept against the folded names of the pile's outlets (`outletKeys`). */
export function citationOccurrences(article: CitingArticle, known: ReadonlySet<string>): CitationOccurrence[] {
  const from = article.outlet?.trim() || unknown;
  return keepCitations(article.candidates, known).flatMap((citation, i) =>
    citation.names.map((name, k) => ({ from, name, rank: citationRank(article.published, article.id, i, k), example: { article: article.id, start: citation.span.start, end: citation.span.end } })),
  );
}

/** The occurrences counted per citing outlet and name, each with its first (least rank). */
export function countCitations(occurrences: Iterable<CitationOccurrence>): CitationCount[] {
  const counts = new Map<string, CitationCount>();
  for (const o of occurrences) {
    const id = `${o.from}\u0000${o.name}`;
    const had = counts.get(id);
    if (!had) counts.set(id, { from: o.from, name: o.name, citations: 1, rank: o.rank, example: { ...o.example } });
    else {
      had.citations++;
      if (o.rank < had.rank) {
        had.rank = o.rank;
        had.example = { ...o.example };
      }
    }
  }
  return [...counts.values()];
}

/** Outlets with their counts and dates, and the outlet-to-outlet copy and citation graph (stored copies, citations found in the text). */
export function sourcesOf(articles: readonly SourceArticle[], copies: readonly CopyRecord[]): Sources {
  const counts = new Map<string, OutletCount>();
  for (const a of articles) {
    const id = `${a.meta.outlet}\u0000${a.meta.language}`;
    const row = counts.get(id) ?? { outlet: a.meta.outlet, language: a.meta.language, articles: 0, earliest: null, latest: null };
    row.articles++;
    const published = a.meta.published;
    if (published && (!row.earliest || published < row.earliest)) row.earliest = published;
    if (published && (!row.latest || published > row.latest)) row.latest = published;
    counts.set(id, row);
  }
  const outletOf = new Map(articles.map((a) => [a.id, a.meta.outlet]));
  const copyCounts = new Map<string, CopyCount>();
  for (const c of copies) {
    const from = outletOf.get(c.copyId) ?? null;
    const to = outletOf.get(c.originalId) ?? null;
    const id = `${from}\u0000${to}\u0000${c.kind}`;
    const row = copyCounts.get(id) ?? { from, to, kind: c.kind, copies: 0, example: { copy: c.copyId, original: c.originalId } };
    row.copies++;
    if (c.copyId < row.example.copy || (c.copyId === row.example.copy && c.originalId < row.example.original)) row.example = { copy: c.copyId, original: c.originalId };
    copyCounts.set(id, row);
  }
  const known = outletKeys(articles.map((a) => a.meta.outlet));
  const occurrences = articles.flatMap((a) =>
    citationOccurrences({ id: a.id, outlet: a.meta.outlet, published: a.meta.published, candidates: citationCandidates(a.id, a.text, a.meta.outlet) }, known),
  );
  return sourcesFrom([...counts.values()], [...copyCounts.values()], countCitations(occurrences));
}

/** Latest date first, undated last, then by code (the order a walk from the newest article meets the languages). */
const byLatest = (a: { latest: string | null; language: string }, b: { latest: string | null; language: string }) =>
  Number(a.latest === null) - Number(b.latest === null) || (a.latest! > b.latest! ? -1 : a.latest! < b.latest! ? 1 : 0) || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0);

/**
 * The outlet view from counts: what `sourcesOf` computes over articles in memory and src/analyze/sources.ts reads
 * from the store (SQL aggregates, and the citation counts kept at ingest). Independent of the order of its inputs.
 */
export function sourcesFrom(outletCounts: readonly OutletCount[], copyCounts: readonly CopyCount[], citationCounts: readonly CitationCount[]): Sources {
  const outlets = new Map<string, OutletRow & { langs: OutletCount[] }>();
  let unknownOutlet = 0;
  for (const count of outletCounts) {
    const name = count.outlet?.trim();
    if (!name) {
      unknownOutlet += count.articles;
      continue;
    }
    let row = outlets.get(name);
    if (!row) {
      row = { outlet: name, articles: 0, languages: [], earliest: null, latest: null, copiesMade: 0, copiedBy: 0, citationsMade: 0, citesOutside: [], langs: [] };
      outlets.set(name, row);
    }
    row.articles += count.articles;
    row.langs.push(count);
    if (count.earliest && (!row.earliest || count.earliest < row.earliest)) row.earliest = count.earliest;
    if (count.latest && (!row.latest || count.latest > row.latest)) row.latest = count.latest;
  }
  // Two outlet names that fold alike ("The Ledger", "Ledger") are cited as the one with more articles (then the first by code point).
  const byKey = new Map<string, string>();
  for (const row of [...outlets.values()].sort((a, b) => b.articles - a.articles || (a.outlet < b.outlet ? -1 : 1))) {
    if (!byKey.has(nameKey(row.outlet))) byKey.set(nameKey(row.outlet), row.outlet);
  }
  const edges = new Map<string, SourceEdge>();
  const edge = (from: string, to: string): SourceEdge => {
    const id = `${from}\u0000${to}`;
    let found = edges.get(id);
    if (!found) {
      found = { from, to, syndicated: 0, repost: 0, citations: 0 };
      edges.set(id, found);
    }
    return found;
  };
  const nameOf = (outlet: string | null) => outlet?.trim() || unknown;
  for (const copy of copyCounts) {
    if (copy.kind !== 'syndicated' && copy.kind !== 'repost') continue;
    const from = nameOf(copy.from);
    const to = nameOf(copy.to);
    const e = edge(from, to);
    e[copy.kind] += copy.copies;
    const x = copy.example;
    if (!e.copyExample || x.copy < e.copyExample.copy || (x.copy === e.copyExample.copy && x.original < e.copyExample.original)) e.copyExample = { ...x };
    if (from !== to) {
      const a = outlets.get(from);
      const b = outlets.get(to);
      if (a) a.copiesMade += copy.copies;
      if (b) b.copiedBy += copy.copies;
    }
  }
  const outside = new Map<string, Map<string, number>>();
  // In the order of each count's first citation (its rank): an edge gets its example from the first that lands on it,
  // and the names cited outside are met in the order the citations are.
  const inOrder = [...citationCounts].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  for (const count of inOrder) {
    const from = count.from;
    const to = byKey.get(nameKey(count.name));
    if (to === undefined) {
      const counts = outside.get(from) ?? new Map<string, number>();
      counts.set(count.name, (counts.get(count.name) ?? 0) + count.citations);
      outside.set(from, counts);
      continue;
    }
    if (to === from) continue;
    const e = edge(from, to);
    e.citations += count.citations;
    e.citationExample ??= { ...count.example };
    const row = outlets.get(from);
    if (row) row.citationsMade += count.citations;
  }
  for (const [outlet, counts] of outside) {
    const row = outlets.get(outlet);
    if (row)
      row.citesOutside = [...counts]
        .map(([name, citations]) => ({ name, citations }))
        .sort((a, b) => b.citations - a.citations || a.name.localeCompare(b.name))
        .slice(0, 10);
  }
  const rows = [...outlets.values()].map(({ langs, ...row }): OutletRow => {
    // One language once, however many spellings of the outlet carry it.
    const seen = new Map<string, { latest: string | null; language: string }>();
    for (const l of langs) {
      const had = seen.get(l.language);
      if (!had || byLatest(l, had) < 0) seen.set(l.language, { latest: l.latest, language: l.language });
    }
    return { ...row, languages: [...seen.values()].sort(byLatest).map((l) => l.language) };
  });
  return {
    outlets: rows.sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet)),
    edges: [...edges.values()].sort((a, b) => b.syndicated + b.repost + b.citations - (a.syndicated + a.repost + a.citations) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    unknownOutlet,
  };
}
