/**
 * Rewriting an annotated Doc's text without annotating it again: a set of span replacements is applied to the text and
 * every standoff offset (every layer, the messages, the source map) is moved with it. Annotation is the slow part of
 * ingest; a bench that needs many annotated articles of a realistic shape annotates a few and rewrites them.
 */
import type { Doc, SourceAnchor } from '../../src/core/doc.ts';
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
  const move = (offset: number): number => {
    // The last replacement starting before the offset (a span that ends where a replacement starts stays before it).
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
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
 * Moves every `start`/`end` pair found in a layer value and refreshes the `text` beside it. Walked generically rather
 * than layer by layer, so a span field added to a layer later (a figure's counter, a quote's recipient) moves too.
 */
function respanValue(value: unknown, move: (offset: number) => number, text: string): void {
  if (Array.isArray(value)) {
    for (const item of value) respanValue(item, move, text);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    record.start = move(record.start);
    record.end = move(record.end);
    if (typeof record.text === 'string') record.text = text.slice(record.start as number, record.end as number);
  }
  for (const [key, child] of Object.entries(record)) if (key !== 'text' && typeof child === 'object') respanValue(child, move, text);
}

/**
 * A copy of `doc` with `edits` applied to its text, every layer, message and source anchor moved to match, and its hash
 * and id recomputed. `moveRaw` moves offsets of the raw item, edited apart (several docs may share it) with the same
 * words changed at the places the source map pairs, so that the map stays true between anchors.
 */
export function respanDoc(doc: Doc, edits: readonly Replacement[], moveRaw: (offset: number) => number): Doc {
  const { text, move } = applyReplacements(doc.text, edits);
  const copy = structuredClone(doc);
  const { id: _id, contentHash: _hash, text: _text, meta: _meta, sourceMap: _map, messages, ...layers } = copy;
  respanValue(layers, move, text);
  respanValue(messages, move, text);
  const hash = contentHash(text);
  const sourceMap: SourceAnchor[] = doc.sourceMap.map((anchor) => ({ textOffset: move(anchor.textOffset), rawOffset: moveRaw(anchor.rawOffset) }));
  return { ...copy, id: hash.slice(0, 16), contentHash: hash, text, sourceMap, messages };
}
