/**
 * Finds the articles in a page that holds several: aggregator reposts end each piece with a
 * "May 27, 2023 Posted by | tags | , , | Leave a comment" line, which is where one article stops.
 */
import type { IsoDate } from '../core/iso-date.ts';
import { datePattern, parseTextDate } from './text-dates.ts';
import { splitLines } from './text-builder.ts';

export interface Segment {
  start: number;
  end: number;
  /** The date the page reposted the piece, from its terminator line. */
  reposted: IsoDate | null;
}

const terminator = new RegExp(String.raw`^\s*(${datePattern})?\s*(?:Posted by|Publicado por)\b.*\|\s*(?:Leave a comment|Deja un comentario|\d+ (?:Comments?|Comentarios?))\s*$`, 'iu');

/** Smallest trailing text after the last terminator that still counts as an article. */
const minTrailingArticle = 400;

/** Splits `text` into article segments; a page with no terminator lines is one segment. */
export function splitArticles(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (const line of splitLines(text)) {
    const match = terminator.exec(line.text);
    if (!match) continue;
    segments.push({ start, end: line.start, reposted: match[1] ? parseTextDate(match[1]) : null });
    start = line.end;
  }
  if (segments.length === 0) return [{ start: 0, end: text.length, reposted: null }];
  if (text.slice(start).trim().length >= minTrailingArticle) segments.push({ start, end: text.length, reposted: null });
  return segments.filter((segment) => text.slice(segment.start, segment.end).trim().length > 0);
}
