/**
 * Builds a new text out of pieces of a base text while keeping a source map back to it,
 * so every cut (boilerplate removed, tags stripped, a page split in parts) stays traceable.
 */
import type { SourceAnchor } from '../core/doc.ts';
import { toRawOffset } from '../core/doc.ts';

export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  /** Anchors from the built text into the base text. */
  readonly anchors: SourceAnchor[] = [];
  private nextBase = -1;

  constructor(private readonly base: string) {}

  /** Copies `base.slice(start, end)`, anchoring it unless it continues the previous copy. */
  copy(start: number, end: number): this {
    if (end <= start) return this;
    if (start !== this.nextBase) this.anchors.push({ textOffset: this.length, rawOffset: start });
    this.parts.push(this.base.slice(start, end));
    this.length += end - start;
    this.nextBase = end;
    return this;
  }

  /** Adds text that has no place in the base (a paragraph break between kept pieces). */
  insert(text: string): this {
    if (text.length === 0) return this;
    this.parts.push(text);
    this.length += text.length;
    this.nextBase = -1;
    return this;
  }

  get textLength(): number {
    return this.length;
  }

  endsWith(suffix: string): boolean {
    return this.toString().endsWith(suffix);
  }

  toString(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }
}

/**
 * Composes two maps: `outer` takes the new text into a base text, `inner` takes that base into the raw source.
 * The result takes the new text straight to the raw source, with an anchor wherever either map breaks.
 */
export function composeMaps(outer: readonly SourceAnchor[], inner: readonly SourceAnchor[], textLength: number): SourceAnchor[] {
  if (inner.length === 0) return [...outer];
  const result: SourceAnchor[] = [];
  outer.forEach((anchor, index) => {
    const pieceEnd = outer[index + 1]?.textOffset ?? textLength;
    const baseStart = anchor.rawOffset;
    const baseEnd = baseStart + (pieceEnd - anchor.textOffset);
    result.push({ textOffset: anchor.textOffset, rawOffset: toRawOffset(inner, baseStart) });
    // `inner` is in text order: only its anchors inside this piece are visited (scanning all of them for every piece
    // took 20 s on a 1 MB page of 8,000 paragraphs).
    for (let i = firstAnchorAfter(inner, baseStart); i < inner.length && inner[i]!.textOffset < baseEnd; i++) {
      result.push({ textOffset: anchor.textOffset + (inner[i]!.textOffset - baseStart), rawOffset: inner[i]!.rawOffset });
    }
  });
  return result;
}

/** The index of the first anchor of `anchors` (in text order) whose text offset is past `offset`. */
function firstAnchorAfter(anchors: readonly SourceAnchor[], offset: number): number {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (anchors[middle]!.textOffset <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Line records of a text: each line's start and end offsets (without its line break). */
export interface Line {
  start: number;
  end: number;
  text: string;
}

export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text.charCodeAt(i) === 10) {
      let end = i;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      lines.push({ start, end, text: text.slice(start, end) });
      start = i + 1;
    }
  }
  return lines;
}

/** Offsets of `text` with leading and trailing whitespace trimmed away. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}
