/**
 * A copy and its original as rows to read side by side: each shared paragraph (the link's extent) on one row, the
 * original's paragraph left and the copy's right; between them, what only one of the two has (the copy's own lead, a
 * paragraph it cut), on a row of its own. Each side is cut into runs of plain text and changed facts, so the view can
 * mark a fact without ever handling the text as markup. Pure: offsets in, rows out.
 */

export interface Span {
  start: number;
  end: number;
}

/** What the pair view needs of a copy link: where the shared paragraphs are and what changed (API offsets). */
export interface PairLink {
  extent?: { original: Span; copy: Span; score: number }[];
  changes?: { original: Span; copy: Span; note: string }[];
}

/** A run of one side's text: plain, or a changed fact with its note. */
export interface Run {
  text: string;
  change?: string;
}

export interface PairSide extends Span {
  runs: Run[];
}

export interface PairRow {
  /** True for a paragraph the two share (aligned by the extent); false for text only one side has. */
  shared: boolean;
  /** How close the shared paragraphs are, 0–1. */
  score?: number;
  original: PairSide | null;
  copy: PairSide | null;
}

/** `text[start, end)`, white space at its edges left out, cut into runs at the changes inside it; blank text gives null. */
function side(text: string, span: Span, changes: readonly { at: Span; note: string }[]): PairSide | null {
  let start = Math.max(0, Math.min(span.start, text.length));
  let end = Math.max(start, Math.min(span.end, text.length));
  // The blank lines between paragraphs belong to neither side's reading; without them rows start level.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start === end) return null;
  const runs: Run[] = [];
  let at = start;
  for (const c of changes) {
    if (c.at.start < at || c.at.end > end || c.at.start >= c.at.end) continue;
    if (c.at.start > at) runs.push({ text: text.slice(at, c.at.start) });
    runs.push({ text: text.slice(c.at.start, c.at.end), change: c.note });
    at = c.at.end;
  }
  if (at < end) runs.push({ text: text.slice(at, end) });
  return { start, end, runs };
}

/** The parts of `[0, length)` that no span covers, in order. */
function uncovered(length: number, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) out.push({ start: at, end: s.start });
    at = Math.max(at, s.end);
  }
  if (at < length) out.push({ start: at, end: length });
  return out;
}

/**
 * The rows of a pair, in the copy's order. The original's text outside the shared paragraphs (what the copy cut) comes
 * once, on the row before the first shared paragraph that follows it in the original, so a paragraph the copy moved
 * leaves no text shown twice or lost.
 */
export function pairRows(original: string, copy: string, link: PairLink): PairRow[] {
  const extent = [...(link.extent ?? [])].sort((a, b) => a.copy.start - b.copy.start);
  const byStart = (a: { at: Span }, b: { at: Span }) => a.at.start - b.at.start;
  const inOriginal = (link.changes ?? []).map((c) => ({ at: c.original, note: c.note })).sort(byStart);
  const inCopy = (link.changes ?? []).map((c) => ({ at: c.copy, note: c.note })).sort(byStart);
  const cut = uncovered(
    original.length,
    extent.map((p) => p.original),
  );
  const rows: PairRow[] = [];
  let next = 0;
  /** The copy's text in `c`, beside the original's cut text that ends by `before`. */
  const gap = (before: number, c: Span) => {
    const left: PairSide[] = [];
    for (; next < cut.length && cut[next]!.end <= before; next++) {
      const s = side(original, cut[next]!, inOriginal);
      if (s) left.push(s);
    }
    const right = side(copy, c, inCopy);
    if (right || left.length > 0) rows.push({ shared: false, original: left[0] ?? null, copy: right });
    for (const s of left.slice(1)) rows.push({ shared: false, original: s, copy: null });
  };
  let copyAt = 0;
  for (const part of extent) {
    if (part.copy.start < copyAt) continue;
    gap(part.original.start, { start: copyAt, end: part.copy.start });
    rows.push({ shared: true, score: part.score, original: side(original, part.original, inOriginal), copy: side(copy, part.copy, inCopy) });
    copyAt = part.copy.end;
  }
  gap(original.length, { start: copyAt, end: copy.length });
  return rows;
}
