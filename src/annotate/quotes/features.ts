/**
 * Token features for the attribution tagger, as 32-bit hashes: computed once per token from
 * integer ids (no string building per feature), so tagging stays well above 100k words/s.
 * The same code serves training (scripts/train-attribution.ts) and tagging.
 */
import type { EntityMention, Sentence, Token } from '../../core/doc.ts';
import { fold } from './lexicon.ts';

/** Number of features per token (fixed, so features sit in one flat Int32Array). */
export const FEATURES_PER_TOKEN = 48;
/**
 * Features a token gets in the second pass on top of the first 48: the first pass's labels around it and where
 * the first pass put cues in its sentence. A content's edges and its source depend on where the cue is, which the
 * first pass knows better than a word list does.
 */
export const STACKED_FEATURES = 12;

/** Word clusters (lowercase word → ids, coarse to fine), as read by entities' `readClusters`. */
export type ClusterMap = ReadonlyMap<string, readonly number[]>;

/** FNV-1a over a string's UTF-16 units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashes a feature template id with up to three integer values, as a signed 32-bit integer: the Int32Array rows
 * hold the same bits either way, and a signed result never needs a heap number (an unsigned one above 2³¹ did, for
 * half of the 48 features of every token).
 */
export function mix(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(template + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return h ^ (h >>> 15);
}

const SHAPE_CACHE = new Map<string, number>();
function shapeOf(word: string): number {
  const cached = SHAPE_CACHE.get(word);
  if (cached !== undefined) return cached;
  let shape = '';
  // The last UTF-16 unit appended, kept aside: indexing the string being built flattens it on every character,
  // quadratic in a long token (one of 150,000 characters took 33 s).
  let lastUnit = '';
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (shape.length === 0 || lastUnit !== c || shape.length > 4) {
      shape += c;
      lastUnit = c.charAt(c.length - 1);
    }
  }
  const h = hashString(shape);
  if (SHAPE_CACHE.size < 50_000) SHAPE_CACHE.set(word, h);
  return h;
}

const OPEN_QUOTES = new Set(['“', '«', '„']);
const CLOSE_QUOTES = new Set(['”', '»']);
const THAT = new Set(['that', 'que', 'whether', 'if', ':']);

/** Distance buckets: 0, 1, 2, 3–4, 5–8, 9–15, 16+, and 7 for none. */
export const bucket = (d: number) => (d < 0 ? 7 : d <= 2 ? d : d <= 4 ? 3 : d <= 8 ? 4 : d <= 15 ? 5 : 6);

/** What the featurizer needs about each token besides its text. */
export interface TokenContext {
  /** Folded word per token, and hashes of it, of its shape and of its last three letters. */
  folded: string[];
  word: Int32Array;
  shape: Int32Array;
  suffix: Int32Array;
  /** Index of the sentence of each token. */
  sentenceOf: Int32Array;
  /** Block (paragraph) boundaries: token index where each block starts, plus the token count. */
  blocks: number[];
  /** Coarse and fine word cluster per token (-1 unknown): a stand-in for part of speech. */
  coarse: Int32Array;
  fine: Int32Array;
  /** Entity tag per token: 0 none, else 2 × type + (1 at the mention's first token). */
  entity: Uint8Array;
}

const ENTITY_TYPES: Record<string, number> = { PER: 1, ORG: 2, LOC: 3, MISC: 4 };

/** What a word form reduces to, computed once per form and kept: folded form, hashes, clusters. */
interface WordAtoms {
  folded: string;
  word: number;
  shape: number;
  suffix: number;
  coarse: number;
  fine: number;
}

// One cache per cluster map (and one without): English (model, clusters) and Spanish (rules, none) articles
// alternate in a pile, and a single cache emptied at each switch was refilled for nearly every article.
const atomCaches = new WeakMap<ClusterMap, Map<string, WordAtoms>>();
const plainAtoms = new Map<string, WordAtoms>();

function atomsOf(raw: string, clusters: ClusterMap | null): WordAtoms {
  let atomCache = plainAtoms;
  if (clusters) {
    const own = atomCaches.get(clusters);
    if (own) atomCache = own;
    else atomCaches.set(clusters, (atomCache = new Map()));
  }
  const hit = atomCache.get(raw);
  if (hit) return hit;
  const folded = fold(raw);
  const ids = clusters?.get(folded);
  const atoms = {
    folded,
    word: hashString(folded),
    shape: shapeOf(raw),
    suffix: hashString(folded.length > 3 ? folded.slice(-3) : folded),
    coarse: ids?.[0] ?? -1,
    fine: ids?.[1] ?? -1,
  };
  if (atomCache.size > 200_000) atomCache.clear();
  atomCache.set(raw, atoms);
  return atoms;
}

/** Folded forms, hashes, clusters, entity tags, sentence membership and paragraph blocks of a tokenized text. */
export function tokenContext(text: string, tokens: readonly Token[], sentences: readonly Sentence[], clusters: ClusterMap | null = null, entities: readonly EntityMention[] = []): TokenContext {
  const n = tokens.length;
  const folded = new Array<string>(n);
  const word = new Int32Array(n);
  const shape = new Int32Array(n);
  const suffix = new Int32Array(n);
  const coarse = new Int32Array(n);
  const fine = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = atomsOf(tokens[i]!.text, clusters);
    folded[i] = a.folded;
    word[i] = a.word;
    shape[i] = a.shape;
    suffix[i] = a.suffix;
    coarse[i] = a.coarse;
    fine[i] = a.fine;
  }
  const entity = new Uint8Array(tokens.length);
  for (const m of entities) {
    const type = ENTITY_TYPES[m.type] ?? 4;
    for (let i = m.tokenStart; i < m.tokenEnd && i < tokens.length; i++) entity[i] = 2 * type + (i === m.tokenStart ? 1 : 0);
  }
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((s, si) => sentenceOf.fill(si, s.tokenStart, s.tokenEnd));
  const blocks = [0];
  for (let i = 1; i < tokens.length; i++) {
    const gapStart = tokens[i - 1]!.end;
    const gapEnd = tokens[i]!.start;
    if (gapEnd > gapStart && text.slice(gapStart, gapEnd).includes('\n')) blocks.push(i);
  }
  blocks.push(tokens.length);
  return { folded, word, shape, suffix, sentenceOf, blocks, coarse, fine, entity };
}

/** Per token of a block: inside quotation marks (1) or not, and whether it is an opening (1) or closing (2) mark. */
function quoteMarks(tokens: readonly Token[], from: number, to: number): { inQuote: Uint8Array; mark: Uint8Array } {
  const n = to - from;
  const inQuote = new Uint8Array(n);
  const mark = new Uint8Array(n);
  let quoted = 0;
  for (let k = 0; k < n; k++) {
    const raw = tokens[from + k]!.text;
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
  return { inQuote, mark };
}

/**
 * Features of the tokens `from`..`to` (one block, block-relative) into `out`: FEATURES_PER_TOKEN a token, rows `stride`
 * apart (a second pass leaves room for its STACKED_FEATURES after them, filled by `stackedFeatures`). `cueWords` are
 * the words treated as attribution cues (the hand lexicon plus those learned from data).
 */
export function blockFeatures(tokens: readonly Token[], ctx: TokenContext, from: number, to: number, cueWords: ReadonlySet<string>, out: Int32Array, stride = FEATURES_PER_TOKEN): void {
  const n = to - from;
  const { folded, sentenceOf } = ctx;
  const wid = new Int32Array(n + 4);
  const shape = new Int32Array(n + 4);
  const isCue = new Uint8Array(n);
  const { inQuote, mark } = quoteMarks(tokens, from, to);
  // padding ids for positions outside the block
  wid[0] = wid[1] = 1;
  wid[n + 2] = wid[n + 3] = 2;
  shape[0] = shape[1] = 1;
  shape[n + 2] = shape[n + 3] = 2;
  for (let k = 0; k < n; k++) {
    const i = from + k;
    wid[k + 2] = ctx.word[i]!;
    shape[k + 2] = ctx.shape[i]!;
    isCue[k] = cueWords.has(folded[i]!) ? 1 : 0;
  }
  // nearest cue left and right within the sentence; a "that"/":" after the left cue; quote marks seen in the sentence
  const cueLeft = new Int32Array(n).fill(-1);
  const cueLeftWord = new Int32Array(n);
  const cueRightWord = new Int32Array(n);
  const commasLeft = new Uint8Array(n);
  const commasRight = new Uint8Array(n);
  const fromStart = new Uint8Array(n);
  const toEnd = new Uint8Array(n);
  const cueRight = new Int32Array(n).fill(-1);
  const thatAfterCue = new Uint8Array(n);
  const closedBefore = new Uint8Array(n);
  const quoteAfter = new Uint8Array(n);
  let lastCue = -1;
  let lastSentence = -1;
  let sawThat = 0;
  let sawClose = 0;
  let commas = 0;
  let sentenceFirst = 0;
  for (let k = 0; k < n; k++) {
    const s = sentenceOf[from + k]!;
    if (s !== lastSentence) {
      lastCue = -1;
      sawThat = 0;
      sawClose = 0;
      commas = 0;
      sentenceFirst = k;
      lastSentence = s;
    }
    fromStart[k] = Math.min(k - sentenceFirst, 15);
    cueLeft[k] = lastCue < 0 ? -1 : k - lastCue;
    cueLeftWord[k] = lastCue < 0 ? 0 : wid[lastCue + 2]!;
    commasLeft[k] = Math.min(commas, 3);
    if (folded[from + k] === ',') commas++;
    thatAfterCue[k] = sawThat;
    closedBefore[k] = sawClose;
    if (isCue[k]) {
      lastCue = k;
      sawThat = 0;
      commas = 0;
    } else if (lastCue >= 0 && THAT.has(folded[from + k]!)) sawThat = 1;
    if (mark[k] === 2) sawClose = 1;
  }
  lastCue = -1;
  lastSentence = -1;
  let sawOpen = 0;
  let sentenceLast = n - 1;
  for (let k = n - 1; k >= 0; k--) {
    const s = sentenceOf[from + k]!;
    if (s !== lastSentence) {
      lastCue = -1;
      sawOpen = 0;
      commas = 0;
      sentenceLast = k;
      lastSentence = s;
    }
    toEnd[k] = Math.min(sentenceLast - k, 15);
    if (folded[from + k] === ',') commas++;
    cueRight[k] = lastCue < 0 ? -1 : lastCue - k;
    cueRightWord[k] = lastCue < 0 ? 0 : wid[lastCue + 2]!;
    commasRight[k] = Math.min(commas, 3);
    quoteAfter[k] = sawOpen;
    if (isCue[k]) {
      lastCue = k;
      commas = 0;
    }
    if (mark[k] !== 0) sawOpen = 1;
  }
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const p = k + 2;
    const s = sentenceOf[i]!;
    const sentenceStart = k === 0 || sentenceOf[i - 1] !== s ? 1 : 0;
    const sentenceEnd = k === n - 1 || sentenceOf[i + 1] !== s ? 1 : 0;
    const w = folded[i]!;
    const suffix = ctx.suffix[i]!;
    const cl = bucket(cueLeft[k]!);
    const cr = bucket(cueRight[k]!);
    const q = inQuote[k]! * 4 + mark[k]!;
    const o = k * stride;
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
    // word clusters stand in for part of speech: a clause edge is a change of word class
    const c0 = ctx.coarse[i]!;
    const cPrev = k > 0 ? ctx.coarse[i - 1]! : -2;
    const cNext = k < n - 1 ? ctx.coarse[i + 1]! : -2;
    out[o + 34] = mix(34, c0);
    out[o + 35] = mix(35, ctx.fine[i]!);
    out[o + 36] = mix(36, cPrev, c0);
    out[o + 37] = mix(37, c0, cNext);
    out[o + 38] = mix(38, k > 0 ? ctx.fine[i - 1]! : -2, q);
    out[o + 39] = mix(39, k < n - 1 ? ctx.fine[i + 1]! : -2, q);
    const e = ctx.entity[i]!;
    out[o + 40] = mix(40, e, q);
    out[o + 41] = mix(41, e, cl, cr);
    out[o + 42] = mix(42, cueLeftWord[k]!, cl);
    out[o + 43] = mix(43, cueRightWord[k]!, cr);
    out[o + 44] = mix(44, commasLeft[k]!, cl, q);
    out[o + 45] = mix(45, commasRight[k]!, cr, q);
    out[o + 46] = mix(46, fromStart[k]! >> 1, toEnd[k]! >> 1, cl === 7 && cr === 7 ? 0 : 1);
    out[o + 47] = mix(47, c0, cl, cr);
  }
}

/**
 * The second pass's own features (see STACKED_FEATURES) from the first pass's labels `first` for the block, written
 * after the first FEATURES_PER_TOKEN of each row of `out` (rows FEATURES_PER_TOKEN + STACKED_FEATURES apart).
 */
export function stackedFeatures(tokens: readonly Token[], ctx: TokenContext, from: number, to: number, first: Uint8Array, out: Int32Array): void {
  const FPT = FEATURES_PER_TOKEN + STACKED_FEATURES;
  const n = to - from;
  const { sentenceOf } = ctx;
  // word ids (padded by two as in blockFeatures) and quote-mark state, as the first pass saw them
  const wid = new Int32Array(n + 4);
  for (let k = 0; k < n; k++) wid[k + 2] = ctx.word[from + k]!;
  const { inQuote, mark } = quoteMarks(tokens, from, to);
  const isCue = (y: number) => y === 3 || y === 4;
  // nearest first-pass cue token left and right in the sentence, the word that begins that cue, and whether the
  // sentence has a first-pass source before / after the token
  const left = new Int32Array(n).fill(-1);
  const leftWord = new Int32Array(n);
  const right = new Int32Array(n).fill(-1);
  const rightWord = new Int32Array(n);
  const sourceBefore = new Uint8Array(n);
  const sourceAfter = new Uint8Array(n);
  // the token that begins each first-pass cue (its B- token, or the first of a run of I- tokens), found in one pass:
  // walking back from every token of a long run of cue labels would be quadratic in the run
  const cueBegin = new Int32Array(n);
  for (let k = 0; k < n; k++) cueBegin[k] = k > 0 && first[k] === 4 && isCue(first[k - 1]!) ? cueBegin[k - 1]! : k;
  let last = -1;
  let lastWord = 0;
  let source = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sentenceOf[from + k] !== sentenceOf[from + k - 1]) {
      last = -1;
      source = 0;
    }
    left[k] = last < 0 ? -1 : k - last;
    leftWord[k] = last < 0 ? 0 : lastWord;
    sourceBefore[k] = source;
    if (isCue(first[k]!)) {
      if (first[k] === 3 || last !== k - 1) lastWord = wid[k + 2]!;
      last = k;
    }
    if (first[k] === 1 || first[k] === 2) source = 1;
  }
  last = -1;
  source = 0;
  for (let k = n - 1; k >= 0; k--) {
    if (k === n - 1 || sentenceOf[from + k] !== sentenceOf[from + k + 1]) {
      last = -1;
      source = 0;
    }
    right[k] = last < 0 ? -1 : last - k;
    rightWord[k] = last < 0 ? 0 : lastWord;
    sourceAfter[k] = source;
    if (isCue(first[k]!)) {
      lastWord = wid[cueBegin[k]! + 2]!;
      last = k;
    }
    if (first[k] === 1 || first[k] === 2) source = 1;
  }
  for (let k = 0; k < n; k++) {
    const o = k * FPT + FEATURES_PER_TOKEN;
    const y = first[k]!;
    const prev = k > 0 ? first[k - 1]! : 9;
    const next = k < n - 1 ? first[k + 1]! : 9;
    const q = inQuote[k]! * 4 + mark[k]!;
    const pl = bucket(left[k]!);
    const pr = bucket(right[k]!);
    out[o] = mix(48, y, q);
    out[o + 1] = mix(49, prev, y);
    out[o + 2] = mix(50, y, next);
    out[o + 3] = mix(51, pl, pr);
    out[o + 4] = mix(52, pl, y, q);
    out[o + 5] = mix(53, pr, y, q);
    out[o + 6] = mix(54, leftWord[k]!, pl, sourceBefore[k]!);
    out[o + 7] = mix(55, rightWord[k]!, pr, sourceAfter[k]!);
    out[o + 8] = mix(56, k > 1 ? first[k - 2]! : 9, prev, y);
    out[o + 9] = mix(57, y, next, k < n - 2 ? first[k + 2]! : 9);
    out[o + 10] = mix(58, wid[k + 2]!, y);
    out[o + 11] = mix(59, sourceBefore[k]! * 2 + sourceAfter[k]!, left[k]! < 0 && right[k]! < 0 ? 0 : 1, y);
  }
}
