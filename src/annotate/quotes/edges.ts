/**
 * Content edges, learned: the tagger finds most contents but puts their first or last token a few words off ("told
 * voters he is …" starts at "voters", not at "he"; "plans to expand …" at "plans"). For each content fragment the
 * tagger gave, two rankers choose its start and its end among the nearby token edges (within `window` tokens, never
 * taking a token another role holds), from the words, word classes and tagger labels on either side of each edge.
 *
 * Trained by scripts/train-attribution-edges.ts on the tagger's output on train articles it was not trained on.
 * File format (gzipped): "QEDG1", u32 header length, JSON header, then the start ranker's and the end ranker's kept
 * feature buckets (u32 ids) and weights (f32), each prefixed by its u32 count.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Token } from '../../core/doc.ts';
import { type TokenContext, bucket, mix } from './features.ts';

export interface EdgeModelHeader {
  version: 1;
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  /** How many tokens the start and the end may move either way (0: the tagger's edge is kept). */
  startWindow: number;
  endWindow: number;
  startEpochs: number;
  endEpochs: number;
  /** How much another edge must outscore the tagged one to be taken (absent in older files: 0). */
  startMargin?: number;
  endMargin?: number;
  /** The role whose edges it moves (absent in older files: content). */
  role?: 'content' | 'cue' | 'source';
  /** Features per candidate: EDGE_FEATURES, or EXTENDED_EDGE_FEATURES (absent in older files: EDGE_FEATURES). */
  features?: number;
  trainedOn: string;
}

/** Features of one candidate edge (a fixed count, so candidates sit in one flat array). */
export const EDGE_FEATURES = 18;
/** With the quotation marks inside the candidate span, the roles two tokens out and the distance to the sentence end. */
export const EXTENDED_EDGE_FEATURES = 22;

const CUE = (y: number) => y === 3 || y === 4;
/** A token's role from its label, 4 outside the block. */
const roleOf = (y: number | undefined) => (y === undefined ? 4 : y === 0 ? 0 : y <= 2 ? 1 : y <= 4 ? 2 : 3);

/** What the rankers read of one block: its labels as tagged and where the nearest cue is on either side. */
interface BlockView {
  tokens: readonly Token[];
  ctx: TokenContext;
  labels: Uint8Array;
  from: number;
  to: number;
  /** Quotation-mark counts over the block, filled on first use (quoteCounts). */
  quotes?: QuoteCounts;
}

interface QuoteCounts {
  open: Int32Array;
  close: Int32Array;
  straight: Int32Array;
}

const wordAt = (v: BlockView, i: number) => (i < v.from ? 1 : i >= v.to ? 2 : v.ctx.word[i]!);
const coarseAt = (v: BlockView, i: number) => (i < v.from || i >= v.to ? -2 : v.ctx.coarse[i]!);
const labelAt = (v: BlockView, i: number) => (i < v.from || i >= v.to ? undefined : v.labels[i]);
const newSentence = (v: BlockView, i: number) => (i <= v.from || i >= v.to || v.ctx.sentenceOf[i] !== v.ctx.sentenceOf[i - 1] ? 1 : 0);

/**
 * The quotation marks in tokens [a, b): 0 none, 1 balanced, 2 more opened than closed, 3 more closed than opened, 4 an
 * odd number of straight marks. A content that opens a quotation nearly always closes it ("“…,” she said").
 */
function quoteState(v: BlockView, a: number, b: number): number {
  const q = quoteCounts(v);
  const lo = Math.max(a, v.from) - v.from;
  const hi = Math.max(Math.min(b, v.to) - v.from, lo);
  const open = q.open[hi]! - q.open[lo]!;
  const close = q.close[hi]! - q.close[lo]!;
  const straight = q.straight[hi]! - q.straight[lo]!;
  return open > close ? 2 : close > open ? 3 : straight % 2 ? 4 : open + straight > 0 ? 1 : 0;
}

/** Running counts of opening, closing and straight double quotation marks over the block, computed once per view. */
function quoteCounts(v: BlockView): QuoteCounts {
  if (v.quotes) return v.quotes;
  const n = v.to - v.from;
  const q: QuoteCounts = { open: new Int32Array(n + 1), close: new Int32Array(n + 1), straight: new Int32Array(n + 1) };
  for (let k = 0; k < n; k++) {
    const t = v.tokens[v.from + k]!.text;
    q.open[k + 1] = q.open[k]! + (t === '“' || t === '«' ? 1 : 0);
    q.close[k + 1] = q.close[k]! + (t === '”' || t === '»' ? 1 : 0);
    q.straight[k + 1] = q.straight[k]! + (t === '"' ? 1 : 0);
  }
  v.quotes = q;
  return q;
}

/** Tokens from `i` to the end of the sentence of token i - 1 (0: `i` starts the next sentence or ends the block), capped at 8. */
function toSentenceEnd(v: BlockView, i: number): number {
  if (i <= v.from) return 8;
  const s = v.ctx.sentenceOf[i - 1];
  let k = i;
  while (k < v.to && k - i < 8 && v.ctx.sentenceOf[k] === s) k++;
  return k - i;
}

/** Tokens to the nearest cue token before `i` in its sentence (-1 none), and that cue's word. */
function cueBefore(v: BlockView, i: number): [number, number] {
  for (let k = i - 1; k >= v.from && v.ctx.sentenceOf[k] === v.ctx.sentenceOf[Math.min(i, v.to - 1)]; k--) if (CUE(v.labels[k]!)) return [i - k, v.ctx.word[k]!];
  return [-1, 0];
}

/** Tokens to the nearest cue token at or after `i` in its sentence (-1 none), and that cue's word. */
function cueAfter(v: BlockView, i: number): [number, number] {
  const s = v.ctx.sentenceOf[Math.max(i - 1, v.from)];
  for (let k = i; k < v.to && v.ctx.sentenceOf[k] === s; k++) if (CUE(v.labels[k]!)) return [k - i, v.ctx.word[k]!];
  return [-1, 0];
}

/**
 * Features of starting the fragment [s, e) at token `c` instead, into `out` at `o`; with `count` EXTENDED_EDGE_FEATURES,
 * four more that read the fragment's end `e`.
 */
export function startFeatures(v: BlockView, s: number, c: number, out: Int32Array, o: number, e = -1, count = EDGE_FEATURES): void {
  const d = Math.max(-15, Math.min(15, c - s)) + 16;
  const moved = c < s ? 0 : c === s ? 1 : 2;
  const w = wordAt(v, c);
  const wp = wordAt(v, c - 1);
  // the token before the edge as the tagger saw it: inside the content when the start moves later
  const rp = roleOf(labelAt(v, c - 1));
  const before = roleOf(labelAt(v, s - 1));
  const [cueDistance, cueWord] = cueBefore(v, c);
  out[o] = mix(100, d);
  out[o + 1] = mix(101, w);
  out[o + 2] = mix(102, wp);
  out[o + 3] = mix(103, wp, w);
  out[o + 4] = mix(104, rp, w);
  out[o + 5] = mix(105, coarseAt(v, c), coarseAt(v, c - 1));
  out[o + 6] = mix(106, c < v.to ? v.ctx.fine[c]! : -2);
  out[o + 7] = mix(107, w, moved);
  out[o + 8] = mix(108, before, w, moved);
  out[o + 9] = mix(109, c < v.to ? v.ctx.shape[c]! : 0, c > v.from ? v.ctx.shape[c - 1]! : 0);
  out[o + 10] = mix(110, newSentence(v, c), moved);
  out[o + 11] = mix(111, bucket(cueDistance), w);
  out[o + 12] = mix(112, w, wordAt(v, c + 1));
  out[o + 13] = mix(113, wordAt(v, c - 2), wp);
  out[o + 14] = mix(114, cueWord, w);
  out[o + 15] = mix(115, d, w);
  out[o + 16] = mix(116, coarseAt(v, c - 1), coarseAt(v, c), rp);
  out[o + 17] = mix(117, c < v.to ? v.ctx.entity[c]! : 0, rp, moved);
  if (count <= EDGE_FEATURES) return;
  const quotes = quoteState(v, c, e);
  out[o + 18] = mix(118, quotes, w);
  out[o + 19] = mix(119, quotes, moved, c < v.to && v.tokens[c]!.text.length === 1 ? v.ctx.word[c]! : 0);
  out[o + 20] = mix(120, rp, roleOf(labelAt(v, c - 2)), w);
  out[o + 21] = mix(121, bucket(cueDistance), moved, newSentence(v, c));
}

/**
 * Features of ending the fragment [s, e) before token `c` (exclusive) instead, into `out` at `o`; with `count`
 * EXTENDED_EDGE_FEATURES, four more that read the fragment's start `s`.
 */
export function endFeatures(v: BlockView, e: number, c: number, out: Int32Array, o: number, s = -1, count = EDGE_FEATURES): void {
  const d = Math.max(-15, Math.min(15, c - e)) + 16;
  const moved = c < e ? 0 : c === e ? 1 : 2;
  const last = wordAt(v, c - 1);
  const next = wordAt(v, c);
  const rn = roleOf(labelAt(v, c));
  const after = roleOf(labelAt(v, e));
  const [cueDistance, cueWord] = cueAfter(v, c);
  out[o] = mix(200, d);
  out[o + 1] = mix(201, last);
  out[o + 2] = mix(202, next);
  out[o + 3] = mix(203, last, next);
  out[o + 4] = mix(204, rn, last);
  out[o + 5] = mix(205, coarseAt(v, c - 1), coarseAt(v, c));
  out[o + 6] = mix(206, c - 1 >= v.from ? v.ctx.fine[c - 1]! : -2);
  out[o + 7] = mix(207, last, moved);
  out[o + 8] = mix(208, after, next, moved);
  out[o + 9] = mix(209, c - 1 >= v.from ? v.ctx.shape[c - 1]! : 0, c < v.to ? v.ctx.shape[c]! : 0);
  out[o + 10] = mix(210, newSentence(v, c), moved);
  out[o + 11] = mix(211, bucket(cueDistance), next);
  out[o + 12] = mix(212, wordAt(v, c - 2), last);
  out[o + 13] = mix(213, next, wordAt(v, c + 1));
  out[o + 14] = mix(214, cueWord, next);
  out[o + 15] = mix(215, d, last);
  out[o + 16] = mix(216, coarseAt(v, c - 1), coarseAt(v, c), rn);
  out[o + 17] = mix(217, c < v.to ? v.ctx.entity[c]! : 0, rn, moved);
  if (count <= EDGE_FEATURES) return;
  const quotes = quoteState(v, s, c);
  out[o + 18] = mix(218, quotes, last);
  out[o + 19] = mix(219, quotes, moved, c > v.from && v.tokens[c - 1]!.text.length === 1 ? v.ctx.word[c - 1]! : 0);
  out[o + 20] = mix(220, rn, roleOf(labelAt(v, c + 1)), next);
  out[o + 21] = mix(221, toSentenceEnd(v, c), moved);
}

/**
 * The candidate starts of the fragment [s, e): earlier over untagged tokens only, later as long as a token is left,
 * at most `window` either way.
 */
export function startRange(v: BlockView, s: number, e: number, window: number): [number, number] {
  let lo = s;
  while (lo > v.from && s - lo < window && v.labels[lo - 1] === 0) lo--;
  return [lo, Math.min(s + window, e - 1)];
}

/** The candidate (exclusive) ends of the fragment [s, e): later over untagged tokens only, earlier down to s + 1. */
export function endRange(v: BlockView, s: number, e: number, window: number): [number, number] {
  let hi = e;
  while (hi < v.to && hi - e < window && v.labels[hi] === 0) hi++;
  return [Math.max(s + 1, e - window), hi];
}

/** The B- label of each role (model.ts LABELS). */
export const BEGIN_LABEL = { source: 1, cue: 3, content: 5 } as const;

/** A fragment of one role in the labels: tokens [start, end) of one block. */
export interface ContentFragment {
  start: number;
  end: number;
  block: number;
}

/** The fragments of the role whose B- label is `begin` (BEGIN_LABEL), block by block. */
export function contentFragments(ctx: TokenContext, labels: Uint8Array, begin = 5): ContentFragment[] {
  const out: ContentFragment[] = [];
  for (let b = 0; b + 1 < ctx.blocks.length; b++) {
    const to = ctx.blocks[b + 1]!;
    for (let i = ctx.blocks[b]!; i < to; i++) {
      if (labels[i] !== begin && labels[i] !== begin + 1) continue;
      let j = i + 1;
      while (j < to && labels[j] === begin + 1) j++;
      out.push({ start: i, end: j, block: b });
      i = j - 1;
    }
  }
  return out;
}

/** The learned edge rankers. */
export class EdgeModel {
  readonly mask: number;

  constructor(
    readonly header: EdgeModelHeader,
    /** Start and end ranker weights, 2^bits each. */
    readonly start: Float32Array,
    readonly end: Float32Array,
  ) {
    this.mask = (1 << header.bits) - 1;
  }

  /** Features per candidate. */
  get features(): number {
    return this.header.features ?? EDGE_FEATURES;
  }

  /** Score of each of `n` candidates whose features are in `feats`. */
  scores(weights: Float32Array, feats: Int32Array, n: number): Float32Array {
    const out = new Float32Array(n);
    const F = this.features;
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let f = 0; f < F; f++) sum += weights[feats[k * F + f]! & this.mask]!;
      out[k] = sum;
    }
    return out;
  }

  /** Serializes the model, dropping zero weights. */
  encode(): Uint8Array {
    const part = (w: Float32Array) => {
      const ids: number[] = [];
      for (let i = 0; i < w.length; i++) if (w[i] !== 0) ids.push(i);
      const count = Buffer.alloc(4);
      count.writeUInt32LE(ids.length);
      return [count, Buffer.from(new Uint32Array(ids).buffer), Buffer.from(new Float32Array(ids.map((i) => w[i]!)).buffer)];
    };
    const header = Buffer.from(JSON.stringify(this.header));
    const head = Buffer.alloc(9);
    head.write('QEDG1', 0, 'latin1');
    head.writeUInt32LE(header.length, 5);
    return gzipSync(Buffer.concat([head, header, ...part(this.start), ...part(this.end)]), { level: 9 });
  }

  /** Reads a model written by `encode`. */
  static decode(gz: Uint8Array): EdgeModel {
    const buf = gunzipSync(gz);
    if (buf.toString('latin1', 0, 5) !== 'QEDG1') throw new Error('not a content-edge model (bad magic)');
    const headerLength = buf.readUInt32LE(5);
    const header = JSON.parse(buf.toString('utf8', 9, 9 + headerLength)) as EdgeModelHeader;
    let pos = 9 + headerLength;
    const part = () => {
      const count = buf.readUInt32LE(pos);
      pos += 4;
      const ids = new Uint32Array(buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + count * 4));
      pos += count * 4;
      const values = new Float32Array(buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + count * 4));
      pos += count * 4;
      const w = new Float32Array(1 << header.bits);
      ids.forEach((id, k) => {
        w[id] = values[k]!;
      });
      return w;
    };
    const start = part();
    const end = part();
    return new EdgeModel(header, start, end);
  }
}

/** Index of the best-scoring candidate, when it outscores the tagger's own edge (`keep`) by more than `margin`; else `keep`. */
function best(scores: Float32Array, keep: number, margin: number): number {
  let arg = keep;
  for (let k = 0; k < scores.length; k++) if (scores[k]! > scores[arg]!) arg = k;
  return scores[arg]! > scores[keep]! + margin ? arg : keep;
}

/** Moves each fragment of the model's role (content unless it says otherwise) to the start and end it ranks best (labels changed in place). */
export function moveContentEdges(tokens: readonly Token[], ctx: TokenContext, labels: Uint8Array, model: EdgeModel): void {
  const { startWindow, endWindow } = model.header;
  const begin = BEGIN_LABEL[model.header.role ?? 'content'];
  const tagged = labels.slice();
  const F = model.features;
  const feats = new Int32Array((2 * Math.max(startWindow, endWindow) + 1) * F);
  let view: BlockView | null = null;
  for (const f of contentFragments(ctx, tagged, begin)) {
    // the rankers read the labels as tagged; the edges move in `labels`; one view per block
    const v: BlockView = view && view.from === ctx.blocks[f.block] ? view : { tokens, ctx, labels: tagged, from: ctx.blocks[f.block]!, to: ctx.blocks[f.block + 1]! };
    view = v;
    const [slo, shi] = startRange(v, f.start, f.end, startWindow);
    for (let c = slo; c <= shi; c++) startFeatures(v, f.start, c, feats, (c - slo) * F, f.end, F);
    const start = slo + best(model.scores(model.start, feats, shi - slo + 1), f.start - slo, model.header.startMargin ?? 0);
    const [elo, ehi] = endRange(v, start, f.end, endWindow);
    for (let c = elo; c <= ehi; c++) endFeatures(v, f.end, c, feats, (c - elo) * F, f.start, F);
    const end = elo + best(model.scores(model.end, feats, ehi - elo + 1), f.end - elo, model.header.endMargin ?? 0);
    if (start === f.start && end === f.end) continue;
    for (let i = Math.min(start, f.start); i < Math.max(end, f.end); i++) labels[i] = i < start || i >= end ? 0 : i === start ? begin : begin + 1;
  }
}
