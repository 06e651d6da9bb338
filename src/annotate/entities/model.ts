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
import { sharedArray } from '../shared-memory.ts';
import type { ClusterMap, DocCasing, FeatureConfig, Gazetteer } from './features.ts';
import {
  docHashes,
  documentCasing,
  fastPathSupported,
  FeatureExtractor,
  historyFeatures,
  historyHashes,
  historyIndex,
  normalizeForm,
  PAIR_FEATURES,
  pairHashes,
  pairPrefixes,
  updateHistory,
  wordTemplates,
  type PredictionHistory,
} from './features.ts';

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
  /** 1 for labels that continue a name (I-, L-): the ones `toIob2` writes as I-X. */
  inside: Uint8Array;
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
  const inside = Uint8Array.from(labels, (_, y) => (y > 0 && continues(y) ? 1 : 0));
  const predecessors = labels.map((_, to) => Int32Array.from(labels.map((__, from) => from).filter((from) => ok(from, to))));
  return {
    name,
    labels,
    L,
    allowed,
    canEnd,
    predecessors,
    typeOf,
    inside,
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
  /**
   * Score added to starting a name of each type (its B- and U- labels), chosen on dev after training
   * (scripts/lib-ner/type-bias.ts): a correction of the types' priors where the training and the news it is applied to
   * disagree (Spanish CoNLL's train makes places of what its dev calls organizations). Absent: no correction.
   */
  typeBias?: Partial<Record<(typeof TYPES)[number], number>>;
}

/**
 * Sparse weights: bucket → row of L quantized weights, through a direct bucket → row index
 * (4 bytes per bucket). Scores are summed as integers and scaled once, so the order in which
 * features are added never changes a score.
 */
export class WeightTable {
  constructor(
    /** rowOffset[bucket] = row × L, or -1 when the bucket has no weights. */
    readonly rowOffset: Int32Array,
    /** Weights in units of `scale`. */
    readonly q: Int16Array,
    readonly scale: number,
    hashBits: number,
    /** One bit per bucket: has a row (2²¹ buckets → 256 KB, where `rowOffset` takes 8 MB). */
    readonly present: Int32Array,
  ) {
    this.mask = (1 << hashBits) - 1;
  }

  readonly mask: number;

  /**
   * The table for the rows of `buckets` (in order) and their weights `q`, on shared memory so that other threads can be
   * handed it instead of decoding the file again (`NerModel.parts`).
   */
  static build(buckets: Uint32Array, q: Int16Array, scale: number, hashBits: number, L: number): WeightTable {
    const rowOffset = sharedArray(Int32Array, 1 << hashBits).fill(-1);
    const present = sharedArray(Int32Array, Math.max(1, (1 << hashBits) >>> 5));
    for (let r = 0; r < buckets.length; r++) {
      const b = buckets[r]!;
      rowOffset[b] = r * L;
      present[b >>> 5]! |= 1 << (b & 31);
    }
    return new WeightTable(rowOffset, q, scale, hashBits, present);
  }

  /** The row offset of a feature hash, -1 when it has no weights. */
  offset(hash: number): number {
    return this.rowOffset[hash & this.mask]!;
  }
}

/** What a thread needs to rebuild a decoded model without its file: typed arrays on shared memory, never copied. */
export interface NerModelParts {
  header: ModelHeader;
  rowOffset: Int32Array;
  q: Int16Array;
  present: Int32Array;
  /** With the header's type bias applied. */
  transitions: Float32Array;
}

/**
 * Per normalized lowercase form (shared by "Peru", "PERU", "peru"): the document-level evidence the
 * features read, valid while `doc` equals the document being tagged — no maps are built per document.
 */
interface KeyState {
  doc: number;
  /** Casings seen away from sentence starts (`documentCasing`). */
  seen: number;
  /** Types predicted so far in the document (`updateHistory`), when `hasHistory`. */
  counts: Int32Array;
  hasHistory: boolean;
}

/**
 * What the tagger keeps per word type (per raw form): its weight rows by role, resolved once,
 * so a token costs three row additions plus the few features that join it to its neighbours.
 */
interface WordEntry {
  /** `pairPrefixes` of its atoms (all the pair features need of it). */
  prefixes: Int32Array;
  /** Summed weights of the word as current, previous and next token: 3 × L integers. */
  rows: Int32Array;
  /** Row offsets (-1 = none) of its features two before, two after, and flags × sentence-initial. */
  prev2: number;
  next2: number;
  first: number;
  notFirst: number;
  /** Index of the casing class (1, 2, 4, 8 → 0…3) for the document features. */
  casing: number;
  /** Has an uppercase letter (only those consult the prediction history). */
  upper: boolean;
  state: KeyState;
}

/** Bounded so a long-running server does not grow without limit (≈ 0.5 KB an entry); cleared between documents only. */
const WORD_CACHE_LIMIT = 100_000;

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
  private readonly fast: boolean;
  private readonly words = new Map<string, WordEntry>();
  private readonly keys = new Map<string, KeyState>();
  private docCount = 0;
  private readonly pads: WordEntry[] = [];
  /** Summed weights of the two document-casing features per (casing class, casings seen, sentence-initial). */
  private readonly docRows: Int32Array;
  /** Summed weights of the two history features per (majority type + 1, type set). */
  private readonly historyRows: Int32Array;
  private sums = new Int32Array(0);
  private readonly pairs = new Int32Array(PAIR_FEATURES);
  /** Row offsets of one token's features beyond its three word rows. */
  private readonly extra = new Int32Array(PAIR_FEATURES + 3);

  constructor(header: ModelHeader, table: WeightTable, transitions: Float32Array, clusters: ClusterMap | null, gazetteer: Gazetteer | null = null) {
    this.header = header;
    this.table = table;
    this.transitions = transitions;
    this.scheme = schemeOf(header.scheme);
    this.extractor = new FeatureExtractor(header.features, clusters, gazetteer);
    this.fast = fastPathSupported(header.features);
    const L = this.scheme.L;
    this.docRows = new Int32Array(4 * 16 * 2 * L);
    this.historyRows = new Int32Array(5 * 16 * L);
    const addTo = (rows: Int32Array, base: number, hash: number) => {
      const off = table.offset(hash);
      if (off >= 0) for (let y = 0; y < L; y++) rows[base + y]! += table.q[off + y]!;
    };
    if (this.fast) {
      for (const row of this.extractor.paddingRows) this.pads.push(this.makeEntry(row, '', false));
      // left all zero when the model has no such features, so row 0 adds nothing
      if (header.features.docFeatures)
        for (let c = 0; c < 4; c++) {
          for (let seen = 0; seen < 16; seen++) {
            for (let first = 0; first < 2; first++) {
              const base = ((c * 16 + seen) * 2 + first) * L;
              for (const h of docHashes(1 << c, seen, first === 1)) addTo(this.docRows, base, h);
            }
          }
        }
      if (header.features.history)
        for (let major = -1; major < 4; major++) {
          for (let set = 0; set < 16; set++) {
            for (const h of historyHashes(major, set)) addTo(this.historyRows, ((major + 1) * 16 + set) * L, h);
          }
        }
    }
  }

  private makeEntry(atoms: Int32Array, key: string, upper: boolean): WordEntry {
    const L = this.scheme.L;
    const t = wordTemplates(atoms, this.header.features);
    const rows = new Int32Array(3 * L);
    const q = this.table.q;
    const add = (hashes: number[], base: number) => {
      for (const h of hashes) {
        const off = this.table.offset(h);
        if (off >= 0) for (let y = 0; y < L; y++) rows[base + y]! += q[off + y]!;
      }
    };
    add(t.current, 0);
    add(t.asPrev, L);
    add(t.asNext, 2 * L);
    const off = (h: number) => this.table.offset(h);
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { doc: -1, seen: 0, counts: new Int32Array(4), hasHistory: false }));
    return { prefixes: pairPrefixes(atoms), rows, prev2: off(t.asPrev2), next2: off(t.asNext2), first: off(t.first), notFirst: off(t.notFirst), casing: 31 - Math.clz32(t.casing), upper, state };
  }

  private entry(form: string): WordEntry {
    let e = this.words.get(form);
    if (e) return e;
    e = this.makeEntry(this.extractor.computeAtoms(form), normalizeForm(form).toLowerCase(), /\p{Lu}/u.test(form));
    this.words.set(form, e);
    return e;
  }

  /** Emission scores (tokens × labels) for one sentence, document evidence from the maps given (training and tests). */
  emissions(forms: readonly string[], docCasing: DocCasing | null, history: PredictionHistory | null = null): Float32Array {
    return this.emissionsByFeatures(forms, docCasing, history);
  }

  /** Emission scores for the sentence words[start, start + n) of the document being tagged (`docCount`). */
  private emissionsOf(words: readonly WordEntry[], start: number, n: number): Float32Array {
    const L = this.scheme.L;
    if (this.sums.length < n * L) this.sums = new Int32Array(n * L * 2);
    const sums = this.sums;
    const { q, rowOffset, mask, present } = this.table;
    const pairs = this.pairs;
    const pads = this.pads;
    const docRows = this.docRows;
    const historyRows = this.historyRows;
    const useDoc = this.header.features.docFeatures;
    const useHistory = this.header.features.history === true;
    const doc = this.docCount;
    const extra = this.extra;
    let p2 = pads[0]!,
      p1 = pads[1]!,
      c = n > 0 ? words[start]! : pads[2]!,
      n1 = n > 1 ? words[start + 1]! : pads[2 + (1 - n)]!;
    for (let i = 0; i < n; i++) {
      const n2 = i + 2 < n ? words[start + i + 2]! : pads[i + 4 - n]!;
      const base = i * L;
      const cr = c.rows,
        pr = p1.rows,
        nr = n1.rows;
      const state = c.state.doc === doc ? c.state : null;
      // document casing and history each come as one precomputed row (index 0 when the model has none)
      let d = 0;
      if (useDoc) d = ((c.casing * 16 + (state ? state.seen : 0)) * 2 + (i === 0 ? 1 : 0)) * L;
      const h = useHistory ? historyIndex(c.upper && state && state.hasHistory ? state.counts : null) * L : 0;
      for (let y = 0; y < L; y++) sums[base + y] = cr[y]! + pr[L + y]! + nr[2 * L + y]! + docRows[d + y]! + historyRows[h + y]!;
      // the row offsets of this token's remaining features, then one pass adding them
      pairHashes(p2.prefixes, p1.prefixes, c.prefixes, n1.prefixes, pairs);
      let m = 0;
      for (let k = 0; k < PAIR_FEATURES; k++) {
        // most pair features have no weights: a bit set small enough for the cache answers that first
        const b = pairs[k]! & mask;
        if ((present[b >>> 5]! & (1 << (b & 31))) !== 0) extra[m++] = rowOffset[b]!;
      }
      extra[m++] = p2.prev2;
      extra[m++] = n2.next2;
      extra[m++] = i === 0 ? c.first : c.notFirst;
      for (let k = 0; k < m; k++) {
        const off = extra[k]!;
        if (off >= 0) for (let y = 0; y < L; y++) sums[base + y]! += q[off + y]!;
      }
      p2 = p1;
      p1 = c;
      c = n1;
      n1 = n2;
    }
    const scores = new Float32Array(n * L);
    const scale = this.table.scale;
    for (let k = 0; k < n * L; k++) scores[k] = sums[k]! * scale;
    return scores;
  }

  /** The reference path: every feature hashed and looked up (`FeatureExtractor.extract`); the fast path must equal it. */
  emissionsByFeatures(forms: readonly string[], docCasing: DocCasing | null, history: PredictionHistory | null = null): Float32Array {
    const F = this.extractor.featuresPerToken;
    const n = forms.length;
    if (this.buffer.length < n * F) this.buffer = new Uint32Array(n * F * 2);
    this.extractor.extract(forms, this.buffer, docCasing);
    if (this.header.features.history) historyFeatures(forms, history, this.buffer, F, 0xffffffff);
    const L = this.scheme.L;
    const sums = new Int32Array(n * L);
    const { q, rowOffset, mask } = this.table;
    const buffer = this.buffer;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = i * F, end = k + F; k < end; k++) {
        const off = rowOffset[buffer[k]! & mask]!;
        if (off < 0) continue;
        for (let y = 0; y < L; y++) sums[base + y]! += q[off + y]!;
      }
    }
    const scores = new Float32Array(n * L);
    for (let k = 0; k < n * L; k++) scores[k] = sums[k]! * this.table.scale;
    return scores;
  }

  /** Tags one sentence: best BIO-valid label sequence and per-token confidences. */
  tag(forms: readonly string[], docCasing: DocCasing | null, history: PredictionHistory | null = null): TaggedSentence {
    const scores = this.emissions(forms, docCasing, history);
    const labels = viterbi(scores, forms.length, this.transitions, this.scheme);
    const confidence = marginalsOf(scores, forms.length, this.transitions, labels, this.header.temperature, this.scheme);
    return { labels, confidence };
  }

  /**
   * Tags the sentences of one document, with document casing and prediction history over them all.
   * Confidences are computed for the tokens of names only (0 elsewhere): that is all a mention needs.
   */
  tagDocument(sentences: readonly (readonly string[])[]): TaggedSentence[] {
    if (!this.fast) return this.tagDocumentByFeatures(sentences);
    if (this.words.size >= WORD_CACHE_LIMIT) {
      this.words.clear();
      this.keys.clear();
    }
    const doc = ++this.docCount;
    const words: WordEntry[] = [];
    const starts: number[] = [];
    for (const forms of sentences) {
      starts.push(words.length);
      for (let i = 0; i < forms.length; i++) {
        const w = this.entry(forms[i]!);
        words.push(w);
        const state = w.state;
        if (state.doc !== doc) {
          state.doc = doc;
          state.seen = 0;
          state.hasHistory = false;
        }
        // as `documentCasing`: the casings of each word away from sentence starts
        if (i > 0) state.seen |= 1 << w.casing;
      }
    }
    const typeOf = this.scheme.typeOf;
    const useHistory = this.header.features.history === true;
    return sentences.map((forms, s) => {
      const n = forms.length;
      const start = starts[s]!;
      const scores = this.emissionsOf(words, start, n);
      const labels = viterbi(scores, n, this.transitions, this.scheme);
      const confidence = marginalsOf(scores, n, this.transitions, labels, this.header.temperature, this.scheme, true);
      if (useHistory) {
        // as `updateHistory`
        for (let i = 0; i < n; i++) {
          const type = typeOf[labels[i]!]!;
          if (type < 0) continue;
          const state = words[start + i]!.state;
          if (!state.hasHistory) {
            state.hasHistory = true;
            state.counts.fill(0);
          }
          state.counts[type]!++;
        }
      }
      return { labels, confidence };
    });
  }

  private tagDocumentByFeatures(sentences: readonly (readonly string[])[]): TaggedSentence[] {
    const docCasing = this.header.features.docFeatures ? documentCasing(sentences) : null;
    const history = this.header.features.history ? new Map<string, Int32Array>() : null;
    return sentences.map((forms) => {
      const tagged = this.tag(forms, docCasing, history);
      if (history) updateHistory(history, forms, tagged.labels, this.scheme.typeOf);
      return tagged;
    });
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
    return gzipSync(Buffer.concat([head, json, vlen, vbuf, Buffer.from(q.buffer, q.byteOffset, q.byteLength), Buffer.from(transitions.buffer, transitions.byteOffset, transitions.byteLength)]), {
      level: 9,
    });
  }

  /** Reads a model written by `encode`. */
  static decode(gz: Uint8Array, resources: ClusterMap | null | ((header: ModelHeader) => { clusters: ClusterMap | null; gazetteer: Gazetteer | null })): NerModel {
    return NerModel.fromParts(NerModel.decodeParts(gz), typeof resources === 'function' ? resources : () => ({ clusters: resources, gazetteer: null }));
  }

  /**
   * The weights and transitions of a model file, on shared memory: decoded once by one thread, handed to the others
   * (`fromParts`), so a process holds them once however many annotation threads it runs.
   */
  static decodeParts(gz: Uint8Array): NerModelParts {
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
    const q16 = sharedArray(Int16Array, count);
    new Uint8Array(q16.buffer).set(buf.subarray(p, p + count * 2));
    p += count * 2;
    const transitions = new Float32Array((L + 1) * L);
    for (let i = 0; i < transitions.length; i++) transitions[i] = buf.readFloatLE(p + i * 4);
    const { rowOffset, present } = WeightTable.build(buckets, q16, header.scale, header.hashBits, L);
    return { header, rowOffset, q: q16, present, transitions: withTypeBias(transitions, schemeOf(header.scheme), header.typeBias) };
  }

  /** A model over decoded parts (the same shared memory, not a copy), with this thread's clusters and name list. */
  static fromParts(parts: NerModelParts, resources: (header: ModelHeader) => { clusters: ClusterMap | null; gazetteer: Gazetteer | null }): NerModel {
    const { header } = parts;
    const { clusters, gazetteer } = resources(header);
    return new NerModel(header, new WeightTable(parts.rowOffset, parts.q, header.scale, header.hashBits, parts.present), parts.transitions, clusters, gazetteer);
  }

  /** The same model file with its header changed (`patch` merged in): for settings chosen after training. */
  static reheader(gz: Uint8Array, patch: Partial<ModelHeader>): Buffer {
    const buf = gunzipSync(gz);
    if (buf.toString('ascii', 0, 5) !== 'QNER1') throw new Error('Not a Quipu NER model file (bad magic); retrain with `npm run train:ner`.');
    const jsonLen = buf.readUInt32LE(5);
    const header = { ...(JSON.parse(buf.toString('utf8', 9, 9 + jsonLen)) as ModelHeader), ...patch };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(9);
    head.write('QNER1', 0, 'ascii');
    head.writeUInt32LE(json.length, 5);
    return gzipSync(Buffer.concat([head, json, buf.subarray(9 + jsonLen)]), { level: 9 });
  }
}

/**
 * Transitions with `bias[type]` added into every label that starts a name of that type. Every token has exactly one
 * incoming transition (the first from the start row), so this is the same as adding it to those labels' emissions,
 * for Viterbi and the marginals alike, at no cost per token.
 */
export function withTypeBias(transitions: Float32Array, scheme: LabelScheme, bias: ModelHeader['typeBias']): Float32Array {
  const out = Float32Array.from(transitions);
  if (!bias) return out;
  const L = scheme.L;
  for (let to = 0; to < L; to++) {
    const label = scheme.labels[to]!;
    const type = scheme.typeOf[to]!;
    if (type < 0 || !(label.startsWith('B-') || label.startsWith('U-'))) continue;
    const b = bias[TYPES[type]!] ?? 0;
    for (let from = 0; from <= L; from++) out[from * L + to]! += b;
  }
  return out;
}

const NEG = -1e30;

/** Scratch buffers reused across sentences (tagging is synchronous, so one set per process is enough). */
let scratch = { size: 0, f64: [new Float64Array(0), new Float64Array(0), new Float64Array(0)], back: new Int32Array(0) };
function scratchFor(size: number): typeof scratch {
  if (scratch.size < size) {
    const n = Math.max(size, 2 * scratch.size);
    scratch = { size: n, f64: [new Float64Array(n), new Float64Array(n), new Float64Array(n)], back: new Int32Array(n) };
  }
  return scratch;
}

/** Best label sequence under the scheme's constraints. `trans` is (L+1)×L with the start row last. */
export function viterbi(scores: Float32Array, n: number, trans: Float32Array, scheme: LabelScheme): Int32Array {
  const { L, allowed: ALLOWED, canEnd, predecessors } = scheme;
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  const work = scratchFor(n * L);
  const delta = work.f64[0]!;
  const back = work.back;
  for (let y = 0; y < L; y++) delta[y] = ALLOWED[y] ? scores[y]! + trans[L * L + y]! : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const from = predecessors[y]!;
      for (let k = 0; k < from.length; k++) {
        const x = from[k]!;
        const v = delta[prev + x]! + trans[x * L + y]!;
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

function normalize(a: Float64Array, base: number, L: number): void {
  let sum = 0;
  for (let y = 0; y < L; y++) sum += a[base + y]!;
  if (sum > 0) for (let y = 0; y < L; y++) a[base + y]! /= sum;
}

const expCache = new WeakMap<Float32Array, { t: number; T: Float64Array; successors: Int32Array[] }>();

/** exp(t · transitions), zero where the scheme forbids the move, and each label's allowed successors; cached per transition matrix. */
function expTransitions(trans: Float32Array, t: number, scheme: LabelScheme): { T: Float64Array; successors: Int32Array[] } {
  const hit = expCache.get(trans);
  if (hit && hit.t === t) return hit;
  const L = scheme.L;
  const T = new Float64Array((L + 1) * L);
  for (let x = 0; x <= L; x++) {
    for (let y = 0; y < L; y++) T[x * L + y] = scheme.allowed[((x === L ? -1 : x) + 1) * L + y] ? Math.exp(t * trans[x * L + y]!) : 0;
  }
  const successors = Array.from({ length: L }, (_, x) => Int32Array.from({ length: L }, (__, y) => y).filter((y) => T[x * L + y] !== 0));
  const entry = { t, T, successors };
  expCache.set(trans, entry);
  return entry;
}

/**
 * Forward-backward marginals of the chosen labels (scaled, in probability space), scores multiplied by `temperature`.
 * With `namesOnly`, only the tokens from the first to the last name label get one (the rest stay 0), which is
 * all a mention's confidence needs: the forward pass stops at the last name, the backward pass at the first.
 */
export function marginalsOf(scores: Float32Array, n: number, trans: Float32Array, labels: Int32Array, temperature: number, scheme: LabelScheme, namesOnly = false): Float32Array {
  const { L, canEnd, predecessors } = scheme;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let first = 0;
  let last = n - 1;
  if (namesOnly) {
    while (first < n && labels[first] === 0) first++;
    if (first === n) return out;
    while (labels[last] === 0) last--;
  }
  const t = temperature;
  const { T, successors } = expTransitions(trans, t, scheme);
  const work = scratchFor(n * L);
  const [E, alpha, beta] = work.f64 as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let y = 0; y < L; y++) m = Math.max(m, scores[i * L + y]!);
    for (let y = 0; y < L; y++) E[i * L + y] = Math.exp(t * (scores[i * L + y]! - m));
  }
  for (let y = 0; y < L; y++) alpha[y] = T[L * L + y]! * E[y]!;
  normalize(alpha, 0, L);
  for (let i = 1; i <= last; i++) {
    const prev = (i - 1) * L;
    const base = i * L;
    for (let y = 0; y < L; y++) {
      let sum = 0;
      const from = predecessors[y]!;
      for (let k = 0; k < from.length; k++) {
        const x = from[k]!;
        sum += alpha[prev + x]! * T[x * L + y]!;
      }
      alpha[base + y] = sum * E[base + y]!;
    }
    normalize(alpha, base, L);
  }
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = canEnd[y]!;
  for (let i = n - 2; i >= first; i--) {
    const base = i * L;
    const next = base + L;
    for (let x = 0; x < L; x++) {
      // forbidden moves (T = 0) add exactly 0, so skipping them leaves the sum unchanged
      let sum = 0;
      const to = successors[x]!;
      for (let k = 0; k < to.length; k++) {
        const y = to[k]!;
        sum += T[x * L + y]! * E[next + y]! * beta[next + y]!;
      }
      beta[base + x] = sum;
    }
    normalize(beta, base, L);
  }
  for (let i = first; i <= last; i++) {
    let z = 0;
    for (let y = 0; y < L; y++) z += alpha[i * L + y]! * beta[i * L + y]!;
    const p = z > 0 ? (alpha[i * L + labels[i]!]! * beta[i * L + labels[i]!]!) / z : 0;
    out[i] = Math.min(1, Math.max(0, p));
  }
  return out;
}
