/**
 * User search text to a safe full-text query. User input is never passed through as query syntax:
 * it is read into words, quoted phrases, `-excluded` words, `OR` and trailing-`*` prefixes, and rebuilt.
 */
import { QuipuError } from '../core/errors.ts';

export interface SearchTerm {
  /** Words of the term; several words form a phrase. */
  words: string[];
  prefix: boolean;
  negated: boolean;
}

/** A query is an OR of groups; each group is an AND of terms. */
export type ParsedQuery = SearchTerm[][];

const maxQueryLength = 500;

/** Parses the user's query, or throws E_CONFIG with a message fit for a 400 answer. */
export function parseSearchQuery(input: string): ParsedQuery {
  if (input.length > maxQueryLength) throw new QuipuError('E_CONFIG', `The search query is longer than ${maxQueryLength} characters.`);
  const groups: ParsedQuery = [[]];
  const pattern = /(-)?"([^"]*)"?|(\S+)/gu;
  for (const match of input.matchAll(pattern)) {
    const negated = Boolean(match[1]) || (match[3]?.startsWith('-') ?? false);
    if (match[3] === 'OR') {
      if (groups.at(-1)!.length > 0) groups.push([]);
      continue;
    }
    const raw = match[2] ?? match[3]!.replace(/^-/, '');
    const prefix = !match[2] && raw.endsWith('*');
    const words = raw.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) continue;
    groups.at(-1)!.push({ words, prefix, negated });
  }
  const usable = groups.filter((group) => group.some((term) => !term.negated));
  if (usable.length === 0) throw new QuipuError('E_CONFIG', 'The search query has no words to look for.');
  return usable;
}

/** Renders a parsed query as an FTS5 MATCH expression, every word quoted. */
export function toFts5(query: ParsedQuery): string {
  return query
    .map((group) => {
      const positive = group
        .filter((t) => !t.negated)
        .map(renderFtsTerm)
        .join(' AND ');
      const negative = group
        .filter((t) => t.negated)
        .map((t) => ` NOT ${renderFtsTerm(t)}`)
        .join('');
      return `(${positive}${negative})`;
    })
    .join(' OR ');
}

function renderFtsTerm(term: SearchTerm): string {
  const phrase = `"${term.words.join(' ').replace(/"/g, '""')}"`;
  return term.prefix ? `${phrase} *` : phrase;
}

/** All words of the positive terms, for highlighting. */
export function positiveWords(query: ParsedQuery): string[] {
  return query.flatMap((group) => group.filter((t) => !t.negated).flatMap((t) => t.words));
}
