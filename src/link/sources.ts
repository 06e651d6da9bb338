/**
 * Outlets across the pile: their articles, languages and dates, and the outlet-to-outlet graph of who copies
 * (stored copy links) and who cites whom (citations found in the text). Pure: the caller passes the articles.
 */
import type { ArticleMeta } from '../core/doc.ts';
import type { CopyRecord } from '../store/repository.ts';
import { findCitations, nameKey } from './citations.ts';

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

/** Outlets with their counts and dates, and the outlet-to-outlet copy and citation graph (stored copies, citations found in the text). */
export function sourcesOf(articles: readonly SourceArticle[], copies: readonly CopyRecord[]): Sources {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const outlets = new Map<string, OutletRow>();
  const byKey = new Map<string, string>();
  let unknownOutlet = 0;
  for (const article of articles) {
    const name = article.meta.outlet?.trim();
    if (!name) {
      unknownOutlet++;
      continue;
    }
    let row = outlets.get(name);
    if (!row) {
      row = { outlet: name, articles: 0, languages: [], earliest: null, latest: null, copiesMade: 0, copiedBy: 0, citationsMade: 0, citesOutside: [] };
      outlets.set(name, row);
      byKey.set(nameKey(name), name);
    }
    row.articles++;
    if (!row.languages.includes(article.meta.language)) row.languages.push(article.meta.language);
    const published = article.meta.published;
    if (published) {
      if (!row.earliest || published < row.earliest) row.earliest = published;
      if (!row.latest || published > row.latest) row.latest = published;
    }
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
  const outletOf = (id: string) => byId.get(id)?.meta.outlet?.trim() || unknown;
  for (const copy of copies) {
    if (copy.kind !== 'syndicated' && copy.kind !== 'repost') continue;
    const from = outletOf(copy.copyId);
    const to = outletOf(copy.originalId);
    const e = edge(from, to);
    e[copy.kind]++;
    e.copyExample ??= { copy: copy.copyId, original: copy.originalId };
    if (from !== to) {
      const a = outlets.get(from);
      const b = outlets.get(to);
      if (a) a.copiesMade++;
      if (b) b.copiedBy++;
    }
  }
  const outside = new Map<string, Map<string, number>>();
  const known = [...outlets.keys()];
  for (const article of articles) {
    const from = article.meta.outlet?.trim() || unknown;
    for (const citation of findCitations(article.id, article.text, { outlets: known, ownOutlet: article.meta.outlet })) {
      for (const name of citation.names) {
        const to = byKey.get(nameKey(name));
        if (to === undefined) {
          const counts = outside.get(from) ?? new Map<string, number>();
          counts.set(name, (counts.get(name) ?? 0) + 1);
          outside.set(from, counts);
          continue;
        }
        if (to === from) continue;
        const e = edge(from, to);
        e.citations++;
        e.citationExample ??= { article: article.id, start: citation.span.start, end: citation.span.end };
        const row = outlets.get(from);
        if (row) row.citationsMade++;
      }
    }
  }
  for (const [outlet, counts] of outside) {
    const row = outlets.get(outlet);
    if (row) row.citesOutside = [...counts].map(([name, citations]) => ({ name, citations })).sort((a, b) => b.citations - a.citations || a.name.localeCompare(b.name)).slice(0, 10);
  }
  return {
    outlets: [...outlets.values()].sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet)),
    edges: [...edges.values()].sort((a, b) => b.syndicated + b.repost + b.citations - (a.syndicated + a.repost + a.citations) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    unknownOutlet,
  };
}
