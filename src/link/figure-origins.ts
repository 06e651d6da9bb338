/**
 * How many independent origins stand behind each value of a figure group: articles that copy one another, cite one
 * another or carry the same wire agency's story are one origin (citations.ts), so "12 dead" said by six articles may
 * rest on two witnesses. Pure: the caller passes the pile's copy links and citations.
 */
import { type Citation, independentOrigins, type OriginArticle } from './citations.ts';
import type { Copy } from './copies.ts';
import { type FigureGroup, valueLabel } from './figure-groups.ts';

export interface ValueOrigins {
  /** The value as the group lists it (`12`, `10-12`, `P3Y6M`). */
  value: string;
  articles: number;
  /** Independent origins among those articles. */
  origins: number;
  /** Each origin's label (the outlet of its earliest article) and its articles. */
  groups: { origin: string; members: string[] }[];
}

/** Independent origins per value of `group`, in the group's order of values. */
export function valueOrigins(group: FigureGroup, articles: ReadonlyMap<string, OriginArticle>, copies: readonly Copy[], citations: readonly Citation[]): ValueOrigins[] {
  return group.values.map((value) => {
    const ids = [...new Set(group.reports.filter((r) => valueLabel(r) === value).map((r) => r.articleId))];
    const clusters = independentOrigins(
      ids.map((id) => articles.get(id) ?? { id }),
      copies,
      citations.filter((c) => ids.includes(c.citing)),
    );
    return { value, articles: ids.length, origins: clusters.length, groups: clusters.map((c) => ({ origin: c.origin, members: c.members })) };
  });
}
