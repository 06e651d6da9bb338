/**
 * The attribution tagger: an averaged structured perceptron over hashed token features, labels
 * O / B-I × Source, Cue, Content, Viterbi-decoded per paragraph under BIO constraints.
 *
 * File format (gzipped): "QATT1", u32 header length, JSON header, then for each kept feature bucket
 * a varint delta of its id and LABELS i16 weights (scaled by header.scale), then the transitions as f32.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { sharedArray } from '../shared-memory.ts';
import type { ClusterMap } from './features.ts';

export const LABELS = ['O', 'B-S', 'I-S', 'B-C', 'I-C', 'B-Q', 'I-Q'] as const;
export const L = LABELS.length;
export type Role = 'S' | 'C' | 'Q';

/** allowed[(from + 1) * L + to]: I-X only after B-X or I-X; from = -1 at the block start. */
export const ALLOWED: Uint8Array = (() => {
  const out = new Uint8Array((L + 1) * L);
  for (let from = -1; from < L; from++) {
    for (let to = 0; to < L; to++) {
      const inside = to === 2 || to === 4 || to === 6;
      out[(from + 1) * L + to] = !inside || (from >= 0 && (from === to || from === to - 1)) ? 1 : 0;
    }
  }
  return out;
})();

export interface AttributionModelHeader {
  version: 1;
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  scale: number;
  /** Cue words learned from the training data (added to the hand lexicon). */
  cueWords: string[];
  trainedOn: string;
  epochs: number;
  /** The word-cluster file in models/ whose ids are features (clusters-en.tsv.gz), when the model uses clusters. */
  clusters?: string;
  /** A second-pass model: its features include the first pass's labels (features.ts, STACKED_FEATURES). */
  stacked?: boolean;
}

/** Row stride of the weight table: L labels padded to 8, so a feature's row is 16 aligned bytes. */
const STRIDE = 8;

export class AttributionModel {
  readonly mask: number;
  /** The clusters named by `header.clusters`, attached by the loader (models are never read from disk here). */
  clusters: ClusterMap | null = null;
  /**
   * Emission weights as the file stores them, int16 × 1/scale, STRIDE per bucket: 16 bytes a row instead of
   * 28 for float32, so more of the 48 lookups per token hit the cache.
   */
  readonly table: Int16Array;

  constructor(
    readonly header: AttributionModelHeader,
    /** buckets × L emission weights (rounded to the file's int16 precision), or the int16 table itself. */
    weights: Float32Array | Int16Array,
    /** (L + 1) × L transition weights; row 0 is the block start. */
    readonly transitions: Float32Array,
    readonly featuresPerToken: number,
  ) {
    this.mask = (1 << header.bits) - 1;
    if (weights instanceof Int16Array) this.table = weights;
    else {
      this.table = new Int16Array((1 << header.bits) * STRIDE);
      for (let b = 0; b < 1 << header.bits; b++) {
        for (let y = 0; y < L; y++) this.table[b * STRIDE + y] = Math.max(-32767, Math.min(32767, Math.round(weights[b * L + y]! * header.scale)));
      }
    }
  }

  /**
   * Best label sequence for `n` tokens whose features are in `feats`, `stride` apart (a first pass reads the first
   * featuresPerToken of the wider rows a second pass fills in).
   */
  decode(feats: Int32Array, n: number, out: Uint8Array = new Uint8Array(n), stride = this.featuresPerToken): Uint8Array {
    if (n === 0) return out;
    const sums = new Int32Array(n * STRIDE);
    addRows(this.table, STRIDE, 0, this.mask, feats, 0, n, stride, 0, this.featuresPerToken, sums);
    return labelsOf(sums, n, this.header.scale, this.transitions, out);
  }

  /** Serializes the model, dropping buckets whose weights all round to zero. */
  encode(): Uint8Array {
    const rows: number[] = [];
    const buckets = 1 << this.header.bits;
    for (let b = 0; b < buckets; b++) {
      for (let y = 0; y < L; y++) {
        if (this.table[b * STRIDE + y] !== 0) {
          rows.push(b);
          break;
        }
      }
    }
    const ids: number[] = [];
    let last = 0;
    for (const b of rows) {
      let d = b - last;
      last = b;
      while (d >= 0x80) {
        ids.push((d & 0x7f) | 0x80);
        d >>>= 7;
      }
      ids.push(d);
    }
    const w = new Int16Array(rows.length * L);
    rows.forEach((b, r) => {
      for (let y = 0; y < L; y++) w[r * L + y] = this.table[b * STRIDE + y]!;
    });
    const header = Buffer.from(JSON.stringify({ ...this.header, rows: rows.length, idBytes: ids.length, featuresPerToken: this.featuresPerToken }));
    const head = Buffer.alloc(9);
    head.write('QATT1', 0, 'latin1');
    head.writeUInt32LE(header.length, 5);
    return gzipSync(Buffer.concat([head, header, Buffer.from(ids), Buffer.from(w.buffer), Buffer.from(this.transitions.buffer)]), { level: 9 });
  }

  /** Reads a model written by `encode`. */
  static decode(gz: Uint8Array): AttributionModel {
    const buf = gunzipSync(gz);
    if (buf.toString('latin1', 0, 5) !== 'QATT1') throw new Error('not an attribution model (bad magic)');
    const headerLength = buf.readUInt32LE(5);
    const header = JSON.parse(buf.toString('utf8', 9, 9 + headerLength)) as AttributionModelHeader & { rows: number; idBytes: number; featuresPerToken: number };
    let pos = 9 + headerLength;
    const rows: number[] = [];
    let last = 0;
    const idEnd = pos + header.idBytes;
    while (pos < idEnd) {
      let d = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = buf[pos++]!;
        d |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      last += d;
      rows.push(last);
    }
    const w = new Int16Array(buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + rows.length * L * 2));
    pos += rows.length * L * 2;
    const transitions = new Float32Array(buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + (L + 1) * L * 4));
    // on shared memory, so that annotation threads are handed the table (`parts`) instead of each decoding the file
    const table = sharedArray(Int16Array, (1 << header.bits) * STRIDE);
    rows.forEach((b, r) => {
      for (let y = 0; y < L; y++) table[b * STRIDE + y] = w[r * L + y]!;
    });
    const { rows: _r, idBytes: _i, featuresPerToken, ...rest } = header;
    return new AttributionModel(rest, table, transitions, featuresPerToken);
  }

  /** What another thread needs to rebuild this model (`fromParts`): its table is shared memory when decoded, not copied. */
  parts(): AttributionModelParts {
    return { header: this.header, table: this.table, transitions: this.transitions, featuresPerToken: this.featuresPerToken };
  }

  /** The model `parts()` came from, over the same table. */
  static fromParts(parts: AttributionModelParts): AttributionModel {
    return new AttributionModel(parts.header, parts.table, parts.transitions, parts.featuresPerToken);
  }
}

/**
 * A first pass and the second pass that reads its labels, decoded together over one table whose rows hold both models'
 * weights side by side (32 bytes, half a cache line): the features the passes share are looked up once for both, the
 * second pass's part of them summed while the first pass decodes, so the second pass adds only its own features.
 * Scores are sums of integers, so the order of the additions leaves every score, and every label, as decoding each
 * model alone gives them.
 */
export class StackedDecoder {
  /** buckets × 16: the first model's row (L weights, padded to 8), then the second's. */
  readonly table: Int16Array;
  /** The second model's sums over the shared features, per token of the block the first pass decoded last. */
  private partial = new Int32Array(0);

  constructor(
    readonly first: AttributionModel,
    readonly second: AttributionModel,
    table?: Int16Array,
  ) {
    this.table = table ?? StackedDecoder.pairTables(first.table, second.table, first.header.bits);
  }

  /** Whether the two models can share one table: the same buckets, and the second reads all of the first's features. */
  static fits(first: AttributionModel, second: AttributionModel): boolean {
    return first.header.bits === second.header.bits && second.featuresPerToken >= first.featuresPerToken;
  }

  /** The interleaved table of two STRIDE-wide tables (on shared memory, so threads are handed it, not copy it). */
  static pairTables(first: Int16Array, second: Int16Array, bits: number): Int16Array {
    const buckets = 1 << bits;
    const table = sharedArray(Int16Array, buckets * 2 * STRIDE);
    for (let b = 0; b < buckets; b++) {
      for (let y = 0; y < STRIDE; y++) {
        table[b * 2 * STRIDE + y] = first[b * STRIDE + y]!;
        table[b * 2 * STRIDE + STRIDE + y] = second[b * STRIDE + y]!;
      }
    }
    return table;
  }

  /** The first pass over a block (as `first.decode(feats, n, out, stride)`), keeping the second's shared sums. */
  decodeFirst(feats: Int32Array, n: number, out: Uint8Array, stride: number): Uint8Array {
    if (n === 0) return out;
    const { first, table } = this;
    if (this.partial.length < n * STRIDE) this.partial = new Int32Array(n * STRIDE * 2);
    const partial = this.partial.fill(0, 0, n * STRIDE);
    const sums = new Int32Array(n * STRIDE);
    // a few tokens at a time, so the second model's half of each row is read while its cache line is still near
    for (let t = 0; t < n; t += 8) {
      const end = Math.min(n, t + 8);
      addRows(table, 2 * STRIDE, 0, first.mask, feats, t, end, stride, 0, first.featuresPerToken, sums);
      addRows(table, 2 * STRIDE, STRIDE, first.mask, feats, t, end, stride, 0, first.featuresPerToken, partial);
    }
    return labelsOf(sums, n, first.header.scale, first.transitions, out);
  }

  /** The second pass over the block `decodeFirst` read last (as `second.decode(feats, n)`), rows `stride` apart. */
  decodeSecond(feats: Int32Array, n: number, stride: number): Uint8Array {
    const out = new Uint8Array(n);
    if (n === 0) return out;
    const { second } = this;
    const sums = this.partial.slice(0, n * STRIDE);
    addRows(this.table, 2 * STRIDE, STRIDE, second.mask, feats, 0, n, stride, this.first.featuresPerToken, second.featuresPerToken, sums);
    return labelsOf(sums, n, second.header.scale, second.transitions, out);
  }
}

/**
 * Adds to the L sums of each token in [t0, t1) (STRIDE apart in `sums`) the weights of its features [f0, f1) (rows
 * `stride` apart in `feats`), a bucket's weights being L int16 at bucket × `width` + `shift` in `table`. Integer sums: exact in any order.
 */
function addRows(table: Int16Array, width: number, shift: number, mask: number, feats: Int32Array, t0: number, t1: number, stride: number, f0: number, f1: number, sums: Int32Array): void {
  for (let t = t0; t < t1; t++) {
    const o = t * STRIDE;
    let s0 = sums[o]!,
      s1 = sums[o + 1]!,
      s2 = sums[o + 2]!,
      s3 = sums[o + 3]!,
      s4 = sums[o + 4]!,
      s5 = sums[o + 5]!,
      s6 = sums[o + 6]!;
    const base = t * stride;
    for (let f = f0; f < f1; f++) {
      const row = (feats[base + f]! & mask) * width + shift;
      s0 += table[row]!;
      s1 += table[row + 1]!;
      s2 += table[row + 2]!;
      s3 += table[row + 3]!;
      s4 += table[row + 4]!;
      s5 += table[row + 5]!;
      s6 += table[row + 6]!;
    }
    sums[o] = s0;
    sums[o + 1] = s1;
    sums[o + 2] = s2;
    sums[o + 3] = s3;
    sums[o + 4] = s4;
    sums[o + 5] = s5;
    sums[o + 6] = s6;
  }
}

/** Best labels from per-token integer sums (STRIDE apart) of weights in units of 1/`scale`. */
function labelsOf(sums: Int32Array, n: number, scale: number, transitions: Float32Array, out: Uint8Array): Uint8Array {
  const score = new Float32Array(n * L);
  const inv = 1 / scale;
  for (let t = 0; t < n; t++) for (let y = 0; y < L; y++) score[t * L + y] = sums[t * STRIDE + y]! * inv;
  return viterbi(score, transitions, n, out);
}

/** An attribution model as plain data that can be posted to a worker thread. */
export interface AttributionModelParts {
  header: AttributionModelHeader;
  table: Int16Array;
  transitions: Float32Array;
  featuresPerToken: number;
}

/** Viterbi over emission scores (n × L) and transitions ((L + 1) × L) under the BIO constraints. */
export function viterbi(score: Float32Array, transitions: Float32Array, n: number, out: Uint8Array): Uint8Array {
  const NEG = -1e30;
  const delta = new Float32Array(n * L);
  const back = new Uint8Array(n * L);
  for (let y = 0; y < L; y++) delta[y] = ALLOWED[y] ? score[y]! + transitions[y]! : NEG;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        if (!ALLOWED[(x + 1) * L + y]) continue;
        const v = delta[(t - 1) * L + x]! + transitions[(x + 1) * L + y]!;
        if (v > best) {
          best = v;
          arg = x;
        }
      }
      delta[t * L + y] = best + score[t * L + y]!;
      back[t * L + y] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (delta[(n - 1) * L + y]! > best) {
      best = delta[(n - 1) * L + y]!;
      arg = y;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * L + arg]!;
  }
  return out;
}
