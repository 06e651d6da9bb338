/**
 * Pure text helpers of the document viewer: overlapping marks (timexes, entities, search hits, a URL fragment)
 * flattened into non-overlapping segments, and diacritics-insensitive search-word matching with offsets into the original text.
 * No DOM here, so node tests can check them.
 */

export interface Mark {
  start: number;
  end: number;
  /** CSS class(es) of the mark: `timex`, `entity entity-PER`, `hit`, `fragment`. */
  kind: string;
  /** Shown as a tooltip. */
  label?: string;
}

export interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/** Splits `[0, length)` at every mark edge; each segment lists the marks covering it (in input order). */
export function segment(length: number, marks: readonly Mark[]): Segment[] {
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= length && m.start < m.end);
  const edges = new Set<number>([0, length]);
  for (const mark of valid) {
    edges.add(mark.start);
    edges.add(mark.end);
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let active: Mark[] = [];
  let next = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    active = active.filter((m) => m.end > start);
    while (next < byStart.length && byStart[next]!.start <= start) active.push(byStart[next++]!);
    const covering = active.filter((m) => m.start <= start && m.end >= end);
    segments.push({ start, end, marks: valid.filter((m) => covering.includes(m)) });
  }
  return segments;
}

export interface QueryTerm {
  words: string[];
  prefix: boolean;
}

/** The positive terms of a search query, read as the store reads it: words, "phrases", -excluded, OR, prefix*. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const match of query.matchAll(/(-)?"([^"]*)"?|(\S+)/gu)) {
    if (match[3] === 'OR') continue;
    if (match[1] || match[3]?.startsWith('-')) continue;
    const raw = match[2] ?? match[3]!;
    const words = fold(raw).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length > 0) terms.push({ words, prefix: !match[2] && raw.endsWith('*') });
  }
  return terms;
}

/** Lower-case without diacritics. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Where the terms occur in `text`, as offsets into `text` itself (folding never shifts them). */
export function findTerms(text: string, terms: readonly QueryTerm[], max = 500): { start: number; end: number }[] {
  if (terms.length === 0) return [];
  // Fold character by character, remembering where each folded unit came from.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const piece = fold(text.slice(i, i + width));
    folded += piece;
    for (let k = 0; k < piece.length; k++) origin.push(i);
    i += width;
  }
  origin.push(text.length);
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = terms.map((t) => t.words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+') + (t.prefix ? '[\\p{L}\\p{N}]*' : ''));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const found: { start: number; end: number }[] = [];
  for (const match of folded.matchAll(pattern)) {
    const start = origin[match.index]!;
    const endUnit = match.index + match[0].length;
    // The end is the start of the next original character after the last folded unit of the match.
    let end = origin[endUnit]!;
    if (endUnit < origin.length - 1 && origin[endUnit - 1] === end) end = origin.find((o, k) => k > endUnit && o > end) ?? text.length;
    found.push({ start, end });
    if (found.length >= max) break;
  }
  return found;
}

/** A `#start-end` fragment, when it names a non-empty range inside a text of `length` units. */
export function parseFragment(hash: string, length: number): { start: number; end: number } | null {
  const match = /^#(\d{1,9})-(\d{1,9})$/.exec(hash);
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= length ? { start, end } : null;
}

/** Maps a clean-text offset to the raw source through the article's anchors. */
export { toRawOffset } from '../core/doc.ts';

/**
 * The marks of a search snippet: the server's highlights when each of them covers a query word, else the query words
 * found in the snippet here. (The store can shift its offsets when it collapses whitespace; a wrong mark misleads.)
 */
export function snippetMarks(snippet: string, highlights: readonly [number, number][], query: string): { start: number; end: number }[] {
  const terms = queryTerms(query);
  const found = findTerms(snippet, terms);
  const sound = highlights.every(([start, end]) => start < end && end <= snippet.length && found.some((f) => f.start === start && f.end === end));
  return sound && highlights.length > 0 ? highlights.map(([start, end]) => ({ start, end })) : found;
}
