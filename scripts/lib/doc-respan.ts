/**
 * Rewriting an annotated Doc's text without annotating it again: a set of span replacements is applied to the text and
 * every standoff offset (every layer, the messages, the source map) is moved with it. Annotation is the slow part of
 * ingest; a bench that needs many annotated articles of a realistic shape annotates a few and rewrites them.
 */
import type { Doc } from '../../src/core/doc.ts';
import { contentHash } from '../../src/ingest/extract.ts';

/** `text.slice(start, end)` becomes `text`. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The text with the replacements applied (they must not overlap), and where each old offset lands in it. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): { text: string; move: (offset: number) => number } {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  // For each replacement, its start in the new text.
  const newStarts: number[] = [];
  let at = 0;
  let length = 0;
  for (const r of sorted) {
    if (r.start < at) throw new Error(`overlapping replacements at ${r.start}`);
    parts.push(text.slice(at, r.start), r.text);
    length += r.start - at;
    newStarts.push(length);
    length += r.text.length;
    at = r.end;
  }
  parts.push(text.slice(at));
  // The last replacement starting before an offset (a span that ends where a replacement starts stays before it), -1
  // if none: the one found for the offset before or the next, as offsets are mostly asked for in order, else searched.
  let hint = -1;
  const startsBefore = (i: number, offset: number) => (i < 0 || (i < sorted.length && sorted[i]!.start < offset)) && (i + 1 >= sorted.length || sorted[i + 1]!.start >= offset);
  const move = (offset: number): number => {
    let last = hint;
    if (!startsBefore(last, offset)) {
      if (startsBefore(last + 1, offset)) last++;
      else {
        let lo = 0;
        let hi = sorted.length - 1;
        last = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid]!.start < offset) {
            last = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
      }
    }
    hint = last;
    if (last < 0) return offset;
    const r = sorted[last]!;
    const newStart = newStarts[last]!;
    // Inside a replaced span (a span boundary within a replaced word): as far into the new word, at most its end.
    if (offset < r.end) return newStart + Math.min(offset - r.start, r.text.length);
    return newStart + r.text.length + (offset - r.end);
  };
  return { text: parts.join(''), move };
}

/**
 * A deep copy of a layer value with every `start`/`end` pair found in it moved and the `text` beside it refreshed.
 * Walked generically rather than layer by layer, so a span field added to a layer later (a figure's counter, a quote's
 * recipient) moves too. Copying and moving in one walk: a `structuredClone` of the doc and a second walk to move it
 * were most of the synthetic bench builder's CPU (docs hold hundreds of tokens and source anchors).
 */
function respanned(value: unknown, move: (offset: number) => number, text: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value) copy.push(respanned(item, move, text));
    return copy;
  }
  const record = value as Record<string, unknown>;
  const span = typeof record.start === 'number' && typeof record.end === 'number';
  const start = span ? move(record.start as number) : 0;
  const end = span ? move(record.end as number) : 0;
  const copy: Record<string, unknown> = {};
  // Own keys only: the doc is plain data.
  for (const key in record) {
    const child = record[key];
    if (span && key === 'start') copy.start = start;
    else if (span && key === 'end') copy.end = end;
    else if (key === 'text') copy.text = span && typeof child === 'string' ? text.slice(start, end) : structuredClone(child);
    else copy[key] = respanned(child, move, text);
  }
  return copy;
}

/**
 * A copy of `doc` with `edits` applied to its text, every layer, message and source anchor moved to match, and its hash
 * and id recomputed. `moveRaw` moves offsets of the raw item, edited apart (several docs may share it) with the same
 * words changed at the places the source map pairs, so that the map stays true between anchors. The doc is plain data
 * (as stored: JSON), which the copy is made of; its meta is copied as it is.
 */
export function respanDoc(doc: Doc, edits: readonly Replacement[], moveRaw: (offset: number) => number): Doc {
  const { text, move } = applyReplacements(doc.text, edits);
  const hash = contentHash(text);
  const replaced: Partial<Record<keyof Doc, unknown>> = {
    id: hash.slice(0, 16),
    contentHash: hash,
    text,
    sourceMap: doc.sourceMap.map((anchor) => ({ textOffset: move(anchor.textOffset), rawOffset: moveRaw(anchor.rawOffset) })),
  };
  const copy: Record<string, unknown> = {};
  const record = doc as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key in replaced) copy[key] = replaced[key as keyof Doc];
    else copy[key] = key === 'meta' ? structuredClone(doc.meta) : respanned(record[key], move, text);
  }
  return copy as unknown as Doc;
}
