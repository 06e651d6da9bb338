/**
 * The NER model: hashed feature weights for BIO labels, a transition matrix, Viterbi decoding
 * under BIO constraints (I-X only after B-X or I-X), and per-token confidences from
 * forward-backward marginals over the same scores.
 *
 * File format (gzipped): "QNER1" magic, u32 header length, JSON header, then little-endian
 * u32 bucket ids (delta-coded as varints), i16 weights (rows × labels, scaled by header.scale),
 * f32 transitions ((labels + 1) × labels, the last row is the start state).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClusterMap, DocCasing, FeatureConfig, Gazetteer } from './features.ts';
import { FeatureExtractor, historyFeatures, type PredictionHistory } from './features.ts';

export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/**
 * A label encoding. BIO: O, then B-X and I-X per type. BILOU adds L-X (last token of a multi-token
 * name) and U-X (a one-token name), which lets the first-order model see both name edges.
 * Outside the model, tags are always IOB2.
 */
export interface LabelScheme {
  name: 'BIO' | 'BILOU';
  labels: readonly string[];
  L: number;
  /** allowed[(from + 1) * L + to], from = -1 at the sentence start. */
  allowed: Uint8Array;
  /** Labels a sentence may end with. */
  canEnd: Uint8Array;
  /** For each label, the labels that may precede it (not counting the start). */
  predecessors: readonly Int32Array[];
  /** Type index (TYPES order) of each label, -1 for O. */
  typeOf: Int8Array;
  /** IOB2 tag strings for a label sequence. */
  toIob2(labels: ArrayLike<number>): string[];
  /** Label indices for an IOB2 tag sequence. */
  fromIob2(tags: readonly string[]): Int32Array;
}

function makeScheme(name: 'BIO' | 'BILOU'): LabelScheme {
  const parts = name === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  const labels = ['O', ...TYPES.flatMap((t) => parts.map((p) => `${p}-${t}`))];
  const L = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const prefix = (y: number) => labels[y]![0]!;
  const typeOf = Int8Array.from(labels, (l) => (l === 'O' ? -1 : TYPES.indexOf(l.slice(2) as (typeof TYPES)[number])));
  // inside a name: after B- or I- (BILOU) / any B-, I- (BIO) the next label must continue the same type
  const opens = (y: number) => y > 0 && (name === 'BIO' ? false : prefix(y) === 'B' || prefix(y) === 'I');
  const continues = (y: number) => prefix(y) === 'I' || prefix(y) === 'L';
  const ok = (from: number, to: number): boolean => {
    if (from >= 0 && opens(from)) return continues(to) && typeOf[to] === typeOf[from];
    if (continues(to)) {
      if (name === 'BILOU') return false;
      return from >= 0 && typeOf[from] === typeOf[to];
    }
    return true;
  };
  const allowed = new Uint8Array((L + 1) * L);
  for (let from = -1; from < L; from++) for (let to = 0; to < L; to++) allowed[(from + 1) * L + to] = ok(from, to) ? 1 : 0;
  const canEnd = Uint8Array.from(labels, (_, y) => (opens(y) ? 0 : 1));
  const predecessors = labels.map((_, to) => Int32Array.from(labels.map((__, from) => from).filter((from) => ok(from, to))));
  return {
    name,
    labels,
    L,
    allowed,
    canEnd,
    predecessors,
    typeOf,
    toIob2(ys) {
      return Array.from(ys, (y) => {
        if (y === 0) return 'O';
        const p = prefix(y);
        return `${p === 'U' ? 'B' : p === 'L' ? 'I' : p}-${TYPES[typeOf[y]!]}`;
      });
    },
    fromIob2(tags) {
      const out = new Int32Array(tags.length);
      tags.forEach((tag, i) => {
        if (tag === 'O') return;
        let p = tag[0]!;
        const t = tag.slice(2);
        if (name === 'BILOU') {
          const last = tags[i + 1] !== `I-${t}`;
          p = p === 'B' ? (last ? 'U' : 'B') : last ? 'L' : 'I';
        }
        out[i] = index.get(`${p}-${t}`) ?? 0;
      });
      return out;
    },
  };
}

const SCHEMES = { BIO: makeScheme('BIO'), BILOU: makeScheme('BILOU') };

/** The label scheme by name. */
export function schemeOf(name: 'BIO' | 'BILOU' = 'BIO'): LabelScheme {
  return SCHEMES[name];
}

/** BIO labels, kept for callers that only need the plain scheme. */
export const LABELS: readonly string[] = SCHEMES.BIO.labels;

/** True when BIO label `to` may follow `from` (`from` = -1 at the sentence start). */
export function allowed(from: number, to: number, scheme: LabelScheme = SCHEMES.BIO): boolean {
  return scheme.allowed[(from + 1) * scheme.L + to] === 1;
}

export interface ModelHeader {
  version: 1;
  lang: string;
  hashBits: number;
  scale: number;
  rows: number;
  features: FeatureConfig;
  /** Scale applied to scores before the softmax that yields confidences. */
  temperature: number;
  /** Label encoding; BIO when absent. */
  scheme?: 'BIO' | 'BILOU';
  trainedOn?: string;
}

/** Sparse weights: bucket → row of L floats, through a direct bucket → row index (4 bytes per bucket). */
export class WeightTable {
  /** rowOffset[bucket] = row × L, or -1 when the bucket has no weights. */
  readonly rowOffset: Int32Array;
  readonly weights: Float32Array;
  readonly mask: number;

  constructor(buckets: Uint32Array, weights: Float32Array, hashBits: number, L: number) {
    this.mask = (1 << hashBits) - 1;
    this.rowOffset = new Int32Array(1 << hashBits).fill(-1);
    this.weights = weights;
    for (let r = 0; r < buckets.length; r++) this.rowOffset[buckets[r]!] = r * L;
  }
}

export interface TaggedSentence {
  /** Label index per token. */
  labels: Int32Array;
  /** Marginal probability of the chosen label per token. */
  confidence: Float32Array;
}

/** A loaded NER model for one language. */
export class NerModel {
  readonly header: ModelHeader;
  readonly extractor: FeatureExtractor;
  private readonly table: WeightTable;
  readonly scheme: LabelScheme;
  /** (L + 1) × L, row L is the start state. */
  readonly transitions: Float32Array;
  private buffer = new Uint32Array(0);

  constructor(header: ModelHeader, table: WeightTable, transitions: Float32Array, clusters: ClusterMap | null, gazetteer: Gazetteer | null = null) {
    this.header = header;
    this.table = table;
    this.transitions = transitions;
    this.scheme = schemeOf(header.scheme);
    this.extractor = new FeatureExtractor(header.features, clusters, gazetteer);
  }

  /** Emission scores (tokens × labels) for one sentence. */
  emissions(forms: readonly string[], docCasing: DocCasing | null, history: PredictionHistory | null = null): Float32Array {
    const F = this.extractor.featuresPerToken;
    const n = forms.length;
    if (this.buffer.length < n * F) this.buffer = new Uint32Array(n * F * 2);
    this.extractor.extract(forms, this.buffer, docCasing);
    if (this.header.features.history) historyFeatures(forms, history, this.buffer, F, 0xffffffff);
    const L = this.scheme.L;
    const scores = new Float32Array(n * L);
    const w = this.table.weights;
    const rowOffset = this.table.rowOffset;
    const mask = this.table.mask;
    const buffer = this.buffer;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = i * F, end = k + F; k < end; k++) {
        const off = rowOffset[buffer[k]! & mask]!;
        if (off < 0) continue;
        for (let y = 0; y < L; y++) scores[base + y]! += w[off + y]!;
      }
    }
    return scores;
  }

  /** Tags one sentence: best BIO-valid label sequence and per-token confidences. */
  tag(forms: readonly string[], docCasing: DocCasing | null, history: PredictionHistory | null = null): TaggedSentence {
    const scores = this.emissions(forms, docCasing, history);
    const labels = viterbi(scores, forms.length, this.transitions, this.scheme);
    const confidence = marginalsOf(scores, forms.length, this.transitions, labels, this.header.temperature, this.scheme);
    return { labels, confidence };
  }

  /** Serializes the model (gzipped binary). */
  static encode(header: Omit<ModelHeader, 'rows' | 'scale'>, buckets: Uint32Array, weights: Float32Array, transitions: Float32Array): Buffer {
    let max = 0;
    for (const v of weights) max = Math.max(max, Math.abs(v));
    const scale = max / 32767 || 1;
    const full: ModelHeader = { ...header, rows: buckets.length, scale };
    const json = Buffer.from(JSON.stringify(full), 'utf8');
    const varints: number[] = [];
    let prev = 0;
    for (const b of buckets) {
      let d = b - prev;
      prev = b;
      while (d >= 0x80) {
        varints.push((d & 0x7f) | 0x80);
        d = Math.floor(d / 128);
      }
      varints.push(d);
    }
    const q = new Int16Array(weights.length);
    for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scale);
    const head = Buffer.alloc(9);
    head.write('QNER1', 0, 'ascii');
    head.writeUInt32LE(json.length, 5);
    const vbuf = Buffer.from(varints);
    const vlen = Buffer.alloc(4);
    vlen.writeUInt32LE(vbuf.length, 0);
    return gzipSync(
      Buffer.concat([head, json, vlen, vbuf, Buffer.from(q.buffer, q.byteOffset, q.byteLength), Buffer.from(transitions.buffer, transitions.byteOffset, transitions.byteLength)]),
      { level: 9 },
    );
  }

  /** Reads a model written by `encode`. */
  static decode(
    gz: Uint8Array,
    resources: ClusterMap | null | ((header: ModelHeader) => { clusters: ClusterMap | null; gazetteer: Gazetteer | null }),
  ): NerModel {
    const buf = gunzipSync(gz);
    if (buf.toString('ascii', 0, 5) !== 'QNER1') throw new Error('Not a Quipu NER model file (bad magic); retrain with `npm run train:ner`.');
    const jsonLen = buf.readUInt32LE(5);
    const header = JSON.parse(buf.toString('utf8', 9, 9 + jsonLen)) as ModelHeader;
    let p = 9 + jsonLen;
    const vlen = buf.readUInt32LE(p);
    p += 4;
    const buckets = new Uint32Array(header.rows);
    let prev = 0;
    let q = p;
    for (let r = 0; r < header.rows; r++) {
      let d = 0;
      let mul = 1;
      for (;;) {
        const byte = buf[q++]!;
        d += (byte & 0x7f) * mul;
        if (byte < 0x80) break;
        mul *= 128;
      }
      prev += d;
      buckets[r] = prev;
    }
    p += vlen;
    const L = schemeOf(header.scheme).L;
    const count = header.rows * L;
    const weights = new Float32Array(count);
    const q16 = new Int16Array(buf.buffer.slice(buf.byteOffset + p, buf.byteOffset + p + count * 2));
    for (let i = 0; i < count; i++) weights[i] = q16[i]! * header.scale;
    p += count * 2;
    const transitions = new Float32Array((L + 1) * L);
    for (let i = 0; i < transitions.length; i++) transitions[i] = buf.readFloatLE(p + i * 4);
    const { clusters, gazetteer } = typeof resources === 'function' ? resources(header) : { clusters: resources, gazetteer: null };
    return new NerModel(header, new WeightTable(buckets, weights, header.hashBits, L), transitions, clusters, gazetteer);
  }
}

const NEG = -1e30;

/** Best label sequence under the scheme's constraints. `trans` is (L+1)×L with the start row last. */
export function viterbi(scores: Float32Array, n: number, trans: Float32Array, scheme: LabelScheme): Int32Array {
  const { L, allowed: ALLOWED, canEnd, predecessors } = scheme;
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  const delta = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) delta[y] = ALLOWED[y] ? scores[y]! + trans[L * L + y]! : NEG;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const from = predecessors[y]!;
      for (let k = 0; k < from.length; k++) {
        const x = from[k]!;
        const v = delta[(i - 1) * L + x]! + trans[x * L + y]!;
        if (v > best) {
          best = v;
          arg = x;
        }
      }
      delta[i * L + y] = best + scores[i * L + y]!;
      back[i * L + y] = arg;
    }
  }
  let best = NEG;
  for (let y = 0; y < L; y++) {
    if (canEnd[y] && delta[(n - 1) * L + y]! > best) {
      best = delta[(n - 1) * L + y]!;
      labels[n - 1] = y;
    }
  }
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + labels[i]!]!;
  return labels;
}

const expCache = new WeakMap<Float32Array, { t: number; T: Float64Array }>();

/** exp(t · transitions), zero where the scheme forbids the move; cached per transition matrix. */
function expTransitions(trans: Float32Array, t: number, scheme: LabelScheme): Float64Array {
  const hit = expCache.get(trans);
  if (hit && hit.t === t) return hit.T;
  const L = scheme.L;
  const T = new Float64Array((L + 1) * L);
  for (let x = 0; x <= L; x++) {
    for (let y = 0; y < L; y++) T[x * L + y] = scheme.allowed[((x === L ? -1 : x) + 1) * L + y] ? Math.exp(t * trans[x * L + y]!) : 0;
  }
  expCache.set(trans, { t, T });
  return T;
}

/** Forward-backward marginals of the chosen labels (scaled, in probability space), scores multiplied by `temperature`. */
export function marginalsOf(scores: Float32Array, n: number, trans: Float32Array, labels: Int32Array, temperature: number, scheme: LabelScheme): Float32Array {
  const { L, canEnd, predecessors } = scheme;
  const out = new Float32Array(n);
  if (n === 0) return out;
  const t = temperature;
  const T = expTransitions(trans, t, scheme);
  const E = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let y = 0; y < L; y++) m = Math.max(m, scores[i * L + y]!);
    for (let y = 0; y < L; y++) E[i * L + y] = Math.exp(t * (scores[i * L + y]! - m));
  }
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const normalize = (a: Float64Array, base: number) => {
    let sum = 0;
    for (let y = 0; y < L; y++) sum += a[base + y]!;
    if (sum > 0) for (let y = 0; y < L; y++) a[base + y]! /= sum;
  };
  for (let y = 0; y < L; y++) alpha[y] = T[L * L + y]! * E[y]!;
  normalize(alpha, 0);
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let sum = 0;
      const from = predecessors[y]!;
      for (let k = 0; k < from.length; k++) sum += alpha[(i - 1) * L + from[k]!]! * T[from[k]! * L + y]!;
      alpha[i * L + y] = sum * E[i * L + y]!;
    }
    normalize(alpha, i * L);
  }
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = canEnd[y]!;
  for (let i = n - 2; i >= 0; i--) {
    for (let x = 0; x < L; x++) {
      let sum = 0;
      for (let y = 0; y < L; y++) sum += T[x * L + y]! * E[(i + 1) * L + y]! * beta[(i + 1) * L + y]!;
      beta[i * L + x] = sum;
    }
    normalize(beta, i * L);
  }
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let y = 0; y < L; y++) z += alpha[i * L + y]! * beta[i * L + y]!;
    const p = z > 0 ? (alpha[i * L + labels[i]!]! * beta[i * L + labels[i]!]!) / z : 0;
    out[i] = Math.min(1, Math.max(0, p));
  }
  return out;
}
