/**
 * Paragraph fingerprints, computed once per article at ingest and stored beside its MinHash signature:
 * - word shingles per paragraph, whose MinHash LSH bands are blocking keys (`p…`), so a site that reprints four
 *   paragraphs of a wire story under its own lead meets that story even when the two articles as wholes differ;
 * - a language-independent *anchor* sequence per paragraph — numbers, normalized dates (the timex stage's values),
 *   folded names, in reading order — whose number-bearing pairs are blocking keys (`x…`) for translated copies and
 *   rewrites: "el 3 de marzo, 14 personas murieron en Antuvia" and "on March 3, 14 people died in Antuvia" share
 *   `d:03-03 14 n:antuvia` whatever their words.
 * Pure and deterministic; no store access.
 */
import type { EntityMention, Timex } from '../core/doc.ts';
import { SpanIndex } from '../core/span-index.ts';
import { mix, shingles } from './shingles.ts';

/** Words per paragraph shingle: shorter than the article's five, so one edited word spoils fewer shingles of a short paragraph. */
export const PARAGRAPH_SHINGLE = 4;
/** Hash functions per paragraph signature, cut into bands of `PARAGRAPH_ROWS`. */
export const PARAGRAPH_HASHES = 32;
export const PARAGRAPH_ROWS = 4;
/** A paragraph shorter than this carries too little to be a copy on its own ("Compartir:", a caption, a dateline). */
export const MIN_PARAGRAPH_WORDS = 8;

/** One paragraph of an article as fingerprinted: its offsets, its word count, its anchors. */
export interface ParagraphPrint {
  start: number;
  end: number;
  words: number;
  /** Language-independent tokens in reading order: `27`, `d:2019-11-10`, `n:morales`. */
  anchors: string[];
  /** Where each anchor starts in the text. */
  at: number[];
}

/** What fingerprinting reads from an annotated article. */
export interface PrintSource {
  text: string;
  language: string;
  timexes?: readonly Timex[] | undefined;
  entities?: readonly EntityMention[] | undefined;
}

/** Paragraphs as copies see them: blocks between blank lines, and lines inside a block when a line ends a sentence (texts without blank lines). */
export function copyParagraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start >= 0) out.push({ start, end });
    start = -1;
  };
  for (const m of text.matchAll(/[^\n]*(?:\n|$)/g)) {
    if (m[0] === '') break;
    const line = m[0].replace(/\s+$/, '');
    const lead = line.length - line.trimStart().length;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (start < 0) start = m.index + lead;
    end = m.index + line.length;
    // A line that ends a sentence ends a paragraph: one-line-per-paragraph texts (many scraped pages) are common.
    if (/[.!?:"”»)]$/.test(line)) flush();
  }
  flush();
  return out;
}

const numberWords: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  hundred: '100',
  dozen: '12',
  uno: '1',
  una: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
  diez: '10',
  once: '11',
  doce: '12',
  quince: '15',
  veinte: '20',
  treinta: '30',
  cien: '100',
  ciento: '100',
  docena: '12',
};
/** "una"/"one" and "once" are too often not numbers ("una persona", "once again") to anchor on. */
const ambiguousNumberWords = new Set(['one', 'uno', 'una', 'once']);

/** A written number as one value whatever the convention: "1.305" (es) and "1,305" (en) → 1305; "45,3" → 45.3. */
export function normalizeNumber(raw: string): string {
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(raw) && !/^\d{1,3}[.,]\d{3}$/.test(raw)) return raw.replace(/[.,]/g, '');
  // One group of three after a separator is ambiguous (1.305 es = 1,305 en, but 45.305 could be a decimal); both conventions fold to thousands.
  if (/^\d{1,3}[.,]\d{3}$/.test(raw)) return raw.replace(/[.,]/, '');
  return raw.replace(',', '.').replace(/\.0+$/, '');
}

/** Folds a name to the key both languages share: its last word, lower case, without diacritics ("Jeanine Áñez" → "anez"). */
export function nameAnchor(name: string): string | null {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/\p{L}+/gu);
  const last = words?.at(-1);
  return last && last.length > 2 ? `n:${last}` : null;
}

/**
 * A date as an anchor: a day by its month and day only (an undated page reads "November 10" as `XXXX-11-10`, its dated
 * source as `2019-11-10`), a month with its year; "2019" or "PRESENT_REF" tie nothing together ('' drops it).
 */
export function dateAnchor(value: string): string {
  const day = /^(?:\d{4}|XXXX)-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `d:${day[1]}-${day[2]}`;
  return /^\d{4}-\d{2}$/.test(value) ? `d:${value}` : '';
}

/** The anchors of `text` between `start` and `end` with their offsets: dates from the timexes, names from the entities, numbers elsewhere. */
export function paragraphAnchors(source: PrintSource, start: number, end: number): { anchors: string[]; at: number[] } {
  const found: { at: number; end: number; anchor: string }[] = [];
  for (const t of source.timexes ?? []) {
    if (t.end <= start || t.start >= end || t.type !== 'DATE') continue;
    found.push({ at: t.start, end: t.end, anchor: dateAnchor(t.value) });
  }
  for (const e of source.entities ?? []) {
    if (e.end <= start || e.start >= end || (e.type !== 'PER' && e.type !== 'LOC')) continue;
    const anchor = nameAnchor(e.text);
    if (anchor) found.push({ at: e.start, end: e.end, anchor });
  }
  // Words inside a date or a name are theirs; words come in text order, so the spans are swept once (words found
  // below never cover a later word).
  const spans = [...found].sort((a, b) => a.at - b.at);
  let next = 0;
  let reach = -1;
  const taken = (i: number) => {
    for (; next < spans.length && spans[next]!.at <= i; next++) reach = Math.max(reach, spans[next]!.end);
    return i < reach;
  };
  const slice = source.text.slice(start, end);
  for (const m of slice.matchAll(/\d+(?:[.,]\d+)*|\p{L}+/gu)) {
    const at = start + m.index;
    if (taken(at)) continue;
    if (/^\d/.test(m[0])) found.push({ at, end: at + m[0].length, anchor: normalizeNumber(m[0]) });
    else {
      const word = m[0].toLowerCase();
      const value = numberWords[word];
      if (value && !ambiguousNumberWords.has(word)) found.push({ at, end: at + m[0].length, anchor: value });
    }
  }
  const kept = found.filter((f) => f.anchor).sort((a, b) => a.at - b.at);
  return { anchors: kept.map((f) => f.anchor), at: kept.map((f) => f.at) };
}

/** The paragraph fingerprints of an article (paragraphs of at least `MIN_PARAGRAPH_WORDS` words). */
export function printParagraphs(source: PrintSource): ParagraphPrint[] {
  const out: ParagraphPrint[] = [];
  // Each paragraph is given only the dates and names that reach into it: handing every paragraph all of them took
  // 4 s on a 1 MB page of 8,000 paragraphs.
  const timexes = new SpanIndex(source.timexes ?? []);
  const entities = new SpanIndex(source.entities ?? []);
  for (const p of copyParagraphs(source.text)) {
    const words = (source.text.slice(p.start, p.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (words < MIN_PARAGRAPH_WORDS) continue;
    const own = { text: source.text, language: source.language, timexes: timexes.overlapping(p.start, p.end), entities: entities.overlapping(p.start, p.end) };
    out.push({ start: p.start, end: p.end, words, ...paragraphAnchors(own, p.start, p.end) });
  }
  return out;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h >>> 0);
}

/** Seeds of the paragraph hash family, fixed so keys are stable across runs and machines (distinct from the article family's). */
const SEEDS = Array.from({ length: PARAGRAPH_HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2f)));

/** The shingle set of one paragraph. */
export function paragraphShingles(text: string, p: { start: number; end: number }): Set<number> {
  return shingles(text.slice(p.start, p.end), PARAGRAPH_SHINGLE);
}

/** LSH blocking keys of the paragraphs: `p<band>:<hash>`, distinct over the article. */
export function paragraphKeys(text: string, prints: readonly ParagraphPrint[]): string[] {
  const keys = new Set<string>();
  const sig = new Uint32Array(PARAGRAPH_HASHES);
  for (const p of prints) {
    sig.fill(0xffffffff);
    for (const s of paragraphShingles(text, p)) {
      for (let i = 0; i < PARAGRAPH_HASHES; i++) {
        const h = mix(s ^ SEEDS[i]!);
        if (h < sig[i]!) sig[i] = h;
      }
    }
    for (let b = 0; b < PARAGRAPH_HASHES / PARAGRAPH_ROWS; b++) {
      let h = 0x811c9dc5 ^ b;
      for (let r = 0; r < PARAGRAPH_ROWS; r++) h = mix(Math.imul(h, 31) ^ sig[b * PARAGRAPH_ROWS + r]!);
      keys.add(`p${b}:${h.toString(36)}`);
    }
  }
  return [...keys];
}

/** Languages whose texts are compared across the language line (the bilingual check knows English and Spanish). */
export const translationLanguages = ['en', 'es'] as const;

/** Whether an anchor is a number or a date (the anchors that make two texts the same report). */
export const isNumber = (anchor: string): boolean => /^(?:\d|d:)/.test(anchor);

/**
 * Anchor keys (`x:<hash>`): each anchor paired with the next two, when a number or a date is in the pair (names alone
 * recur in every article about a story). Pairs rather than runs, so one anchor more or less on one side (a date the
 * other text leaves out) spoils few keys. The same in every language: they find translations and rewrites alike.
 */
export function anchorKeys(prints: readonly ParagraphPrint[]): string[] {
  const out = new Set<string>();
  for (const p of prints) {
    for (let i = 0; i < p.anchors.length; i++) {
      for (let k = i + 1; k <= i + 2 && k < p.anchors.length; k++) {
        const x = p.anchors[i]!;
        const y = p.anchors[k]!;
        if (x === y || !(isNumber(x) || isNumber(y))) continue;
        out.add(`x:${hashString(`${x} ${y}`).toString(36)}`);
      }
    }
  }
  return [...out];
}
