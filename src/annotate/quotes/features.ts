/**
 * Token features for the attribution tagger, as 32-bit hashes: computed once per token from
 * integer ids (no string building per feature), so tagging stays well above 100k words/s.
 * The same code serves training (scripts/train-attribution.ts) and tagging.
 */
import type { Sentence, Token } from '../../core/doc.ts';
import { fold } from './lexicon.ts';

/** Number of features per token (fixed, so features sit in one flat Int32Array). */
export const FEATURES_PER_TOKEN = 34;

/** FNV-1a over a string's UTF-16 units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(template + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

const SHAPE_CACHE = new Map<string, number>();
function shapeOf(word: string): number {
  const cached = SHAPE_CACHE.get(word);
  if (cached !== undefined) return cached;
  let shape = '';
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (shape.length === 0 || shape[shape.length - 1] !== c || shape.length > 4) shape += c;
  }
  const h = hashString(shape);
  if (SHAPE_CACHE.size < 50_000) SHAPE_CACHE.set(word, h);
  return h;
}

const OPEN_QUOTES = new Set(['“', '«', '„']);
const CLOSE_QUOTES = new Set(['”', '»']);
const THAT = new Set(['that', 'que', 'whether', 'if', ':']);

const bucket = (d: number) => (d < 0 ? 7 : d <= 2 ? d : d <= 4 ? 3 : d <= 8 ? 4 : d <= 15 ? 5 : 6);

/** What the featurizer needs about each token besides its text. */
export interface TokenContext {
  /** Folded word per token. */
  folded: string[];
  /** Index of the sentence of each token. */
  sentenceOf: Int32Array;
  /** Block (paragraph) boundaries: token index where each block starts, plus the token count. */
  blocks: number[];
}

/** Folded forms, sentence membership and paragraph blocks of a tokenized text. */
export function tokenContext(text: string, tokens: readonly Token[], sentences: readonly Sentence[]): TokenContext {
  const folded = tokens.map((t) => fold(t.text));
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((s, si) => sentenceOf.fill(si, s.tokenStart, s.tokenEnd));
  const blocks = [0];
  for (let i = 1; i < tokens.length; i++) {
    const gapStart = tokens[i - 1]!.end;
    const gapEnd = tokens[i]!.start;
    if (gapEnd > gapStart && text.slice(gapStart, gapEnd).includes('\n')) blocks.push(i);
  }
  blocks.push(tokens.length);
  return { folded, sentenceOf, blocks };
}

/**
 * Features of tokens `from..to` (one block) into `out` (FEATURES_PER_TOKEN per token, block-relative).
 * `cueWords` are the words treated as attribution cues (the hand lexicon plus those learned from data).
 */
export function blockFeatures(tokens: readonly Token[], ctx: TokenContext, from: number, to: number, cueWords: ReadonlySet<string>, out: Int32Array): void {
  const n = to - from;
  const { folded, sentenceOf } = ctx;
  const wid = new Int32Array(n + 4);
  const shape = new Int32Array(n + 4);
  const isCue = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  const mark = new Uint8Array(n);
  // padding ids for positions outside the block
  wid[0] = wid[1] = 1;
  wid[n + 2] = wid[n + 3] = 2;
  shape[0] = shape[1] = 1;
  shape[n + 2] = shape[n + 3] = 2;
  let quoted = 0;
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const w = folded[i]!;
    wid[k + 2] = hashString(w);
    shape[k + 2] = shapeOf(tokens[i]!.text);
    isCue[k] = cueWords.has(w) ? 1 : 0;
    const raw = tokens[i]!.text;
    if (OPEN_QUOTES.has(raw)) {
      mark[k] = 1;
      quoted = 1;
      inQuote[k] = 1;
    } else if (CLOSE_QUOTES.has(raw)) {
      mark[k] = 2;
      inQuote[k] = 1;
      quoted = 0;
    } else if (raw === '"' || raw === "''" || raw === '``') {
      mark[k] = quoted ? 2 : 1;
      inQuote[k] = 1;
      quoted = quoted ? 0 : 1;
    } else inQuote[k] = quoted;
  }
  // nearest cue left and right within the sentence; a "that"/":" after the left cue; quote marks seen in the sentence
  const cueLeft = new Int32Array(n).fill(-1);
  const cueRight = new Int32Array(n).fill(-1);
  const thatAfterCue = new Uint8Array(n);
  const closedBefore = new Uint8Array(n);
  const quoteAfter = new Uint8Array(n);
  let lastCue = -1;
  let lastSentence = -1;
  let sawThat = 0;
  let sawClose = 0;
  for (let k = 0; k < n; k++) {
    const s = sentenceOf[from + k]!;
    if (s !== lastSentence) {
      lastCue = -1;
      sawThat = 0;
      sawClose = 0;
      lastSentence = s;
    }
    cueLeft[k] = lastCue < 0 ? -1 : k - lastCue;
    thatAfterCue[k] = sawThat;
    closedBefore[k] = sawClose;
    if (isCue[k]) {
      lastCue = k;
      sawThat = 0;
    } else if (lastCue >= 0 && THAT.has(folded[from + k]!)) sawThat = 1;
    if (mark[k] === 2) sawClose = 1;
  }
  lastCue = -1;
  lastSentence = -1;
  let sawOpen = 0;
  for (let k = n - 1; k >= 0; k--) {
    const s = sentenceOf[from + k]!;
    if (s !== lastSentence) {
      lastCue = -1;
      sawOpen = 0;
      lastSentence = s;
    }
    cueRight[k] = lastCue < 0 ? -1 : lastCue - k;
    quoteAfter[k] = sawOpen;
    if (isCue[k]) lastCue = k;
    if (mark[k] !== 0) sawOpen = 1;
  }
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const p = k + 2;
    const s = sentenceOf[i]!;
    const sentenceStart = k === 0 || sentenceOf[i - 1] !== s ? 1 : 0;
    const sentenceEnd = k === n - 1 || sentenceOf[i + 1] !== s ? 1 : 0;
    const w = folded[i]!;
    const suffix = hashString(w.length > 3 ? w.slice(-3) : w);
    const cl = bucket(cueLeft[k]!);
    const cr = bucket(cueRight[k]!);
    const q = inQuote[k]! * 4 + mark[k]!;
    const o = k * FEATURES_PER_TOKEN;
    out[o] = mix(0, 0);
    out[o + 1] = mix(1, wid[p]!);
    out[o + 2] = mix(2, wid[p - 1]!);
    out[o + 3] = mix(3, wid[p + 1]!);
    out[o + 4] = mix(4, wid[p - 2]!);
    out[o + 5] = mix(5, wid[p + 2]!);
    out[o + 6] = mix(6, wid[p - 1]!, wid[p]!);
    out[o + 7] = mix(7, wid[p]!, wid[p + 1]!);
    out[o + 8] = mix(8, suffix);
    out[o + 9] = mix(9, shape[p]!);
    out[o + 10] = mix(10, shape[p - 1]!, shape[p]!, shape[p + 1]!);
    out[o + 11] = mix(11, q);
    out[o + 12] = mix(12, isCue[k]!, q);
    out[o + 13] = mix(13, cl, q);
    out[o + 14] = mix(14, cr, q);
    out[o + 15] = mix(15, cl, cr);
    out[o + 16] = mix(16, thatAfterCue[k]!, cl === 7 ? 0 : 1, q);
    out[o + 17] = mix(17, sentenceStart, sentenceEnd, q);
    out[o + 18] = mix(18, closedBefore[k]!, quoteAfter[k]!, q);
    out[o + 19] = mix(19, wid[p]!, q);
    out[o + 20] = mix(20, wid[p]!, cl);
    out[o + 21] = mix(21, wid[p]!, cr);
    out[o + 22] = mix(22, wid[p - 1]!, cr);
    out[o + 23] = mix(23, shape[p]!, cl, cr);
    out[o + 24] = mix(24, isCue[k]!, k > 0 ? isCue[k - 1]! : 2, k < n - 1 ? isCue[k + 1]! : 2);
    out[o + 25] = mix(25, wid[p - 1]!, wid[p + 1]!);
    out[o + 26] = mix(26, wid[p + 1]!, wid[p + 2]!);
    out[o + 27] = mix(27, wid[p - 2]!, wid[p - 1]!);
    out[o + 28] = mix(28, shape[p]!, q, sentenceEnd);
    out[o + 29] = mix(29, k + 1 < n ? mark[k + 1]! : 3, k > 0 ? mark[k - 1]! : 3, q);
    out[o + 30] = mix(30, wid[p + 1]!, isCue[k]!);
    out[o + 31] = mix(31, wid[p - 1]!, isCue[k]!);
    out[o + 32] = mix(32, Math.min(k, 3), Math.min(n - 1 - k, 3));
    out[o + 33] = mix(33, cl, thatAfterCue[k]!, closedBefore[k]!);
  }
}
