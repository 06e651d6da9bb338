/**
 * Averaged structured perceptron over hashed features, with Viterbi decoding under BIO constraints.
 * Training only: the tagger in src/annotate/entities reads the pruned, quantized result.
 */
import { documentCasing, type FeatureExtractor, historyFeatures, normalizeForm, updateHistory, type Gazetteer, type PredictionHistory } from '../../src/annotate/entities/features.ts';
import { type LabelScheme, viterbi } from '../../src/annotate/entities/model.ts';
import type { ConllDoc } from '../../src/eval/ner-conll.ts';
import { spansOf, toIob2 } from '../../src/eval/ner-conll.ts';

export interface Example {
  n: number;
  forms: readonly string[];
  /** Index of the document the sentence belongs to (sentences of a doc are consecutive). */
  doc: number;
  /** n × F feature buckets (already masked). */
  features: Uint32Array;
  gold: Int32Array;
}

/** Turns CoNLL docs into feature-extracted examples. */
export function featurize(docs: readonly ConllDoc[], extractor: FeatureExtractor, hashBits: number, scheme: LabelScheme, gazetteerFor?: (docIndex: number) => Gazetteer): Example[] {
  const mask = (1 << hashBits) - 1;
  const F = extractor.featuresPerToken;
  const examples: Example[] = [];
  docs.forEach((doc, docIndex) => {
    if (gazetteerFor) extractor.gazetteer = gazetteerFor(docIndex);
    const casing = extractor.config.docFeatures ? documentCasing(doc.sentences.map((s) => s.tokens)) : null;
    for (const s of doc.sentences) {
      const n = s.tokens.length;
      const features = new Uint32Array(n * F);
      extractor.extract(s.tokens, features, casing);
      for (let k = 0; k < features.length; k++) features[k] = features[k]! & mask;
      const gold = scheme.fromIob2(toIob2(s.tags));
      examples.push({ n, forms: s.tokens, doc: docIndex, features, gold });
    }
  });
  return examples;
}

/** Structured perceptron weights with the lazy-averaging trick (w − u / c gives the average). */
export class Perceptron {
  readonly L: number;
  readonly F: number;
  readonly w: Float32Array;
  readonly u: Float64Array;
  readonly tw: Float32Array;
  readonly tu: Float64Array;
  c = 1;

  constructor(
    readonly hashBits: number,
    featuresPerToken: number,
    readonly scheme: LabelScheme,
  ) {
    const L = (this.L = scheme.L);
    this.F = featuresPerToken;
    this.w = new Float32Array((1 << hashBits) * L);
    this.u = new Float64Array((1 << hashBits) * L);
    this.tw = new Float32Array((L + 1) * L);
    this.tu = new Float64Array((L + 1) * L);
  }

  scores(ex: Example, w: Float32Array): Float32Array {
    const { L, F } = this;
    const s = new Float32Array(ex.n * L);
    for (let i = 0; i < ex.n; i++) {
      for (let k = i * F; k < (i + 1) * F; k++) {
        const off = ex.features[k]! * L;
        for (let y = 0; y < L; y++) s[i * L + y]! += w[off + y]!;
      }
    }
    return s;
  }

  predict(ex: Example, w: Float32Array, tw: Float32Array): Int32Array {
    return viterbi(this.scores(ex, w), ex.n, tw, this.scheme);
  }

  private bump(index: number, delta: number) {
    this.w[index]! += delta;
    this.u[index]! += this.c * delta;
  }

  private bumpT(index: number, delta: number) {
    this.tw[index]! += delta;
    this.tu[index]! += this.c * delta;
  }

  /** One perceptron step on one sentence; returns the prediction (before the update). */
  train(ex: Example): Int32Array {
    const { L, F } = this;
    const pred = this.predict(ex, this.w, this.tw);
    let wrong = false;
    for (let i = 0; i < ex.n; i++) {
      const g = ex.gold[i]!;
      const p = pred[i]!;
      const gPrev = i === 0 ? L : ex.gold[i - 1]!;
      const pPrev = i === 0 ? L : pred[i - 1]!;
      if (g !== p) {
        wrong = true;
        for (let k = i * F; k < (i + 1) * F; k++) {
          const off = ex.features[k]! * L;
          this.bump(off + g, 1);
          this.bump(off + p, -1);
        }
      }
      if (g !== p || gPrev !== pPrev) {
        this.bumpT(gPrev * L + g, 1);
        this.bumpT(pPrev * L + p, -1);
      }
    }
    this.c++;
    void wrong;
    return pred;
  }

  /** Averaged weights. */
  averaged(): { w: Float32Array; tw: Float32Array } {
    const w = new Float32Array(this.w.length);
    for (let i = 0; i < w.length; i++) w[i] = this.w[i]! - this.u[i]! / this.c;
    const tw = new Float32Array(this.tw.length);
    for (let i = 0; i < tw.length; i++) tw[i] = this.tw[i]! - this.tu[i]! / this.c;
    return { w, tw };
  }
}

/** Keeps feature rows whose largest weight magnitude is at least `threshold`. */
export function prune(w: Float32Array, threshold: number, L: number): { buckets: Uint32Array; weights: Float32Array } {
  const rows = w.length / L;
  const keep: number[] = [];
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let y = 0; y < L; y++) max = Math.max(max, Math.abs(w[r * L + y]!));
    if (max >= threshold && max > 0) keep.push(r);
  }
  const weights = new Float32Array(keep.length * L);
  keep.forEach((r, i) => weights.set(w.subarray(r * L, (r + 1) * L), i * L));
  return { buckets: Uint32Array.from(keep), weights };
}

/** Fisher-Yates shuffle in place with a seeded xorshift, so runs are reproducible. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Groups examples by document, keeping sentence order inside each. */
export function byDocument(examples: readonly Example[]): Example[][] {
  const docs: Example[][] = [];
  for (const ex of examples) (docs[ex.doc] ??= []).push(ex);
  return docs.filter((d) => d !== undefined);
}

/**
 * Runs `step` over a document's sentences in order, filling the prediction-history slots first
 * (when the feature set uses them) and recording each sentence's prediction afterwards.
 */
export function withHistory(doc: readonly Example[], extractor: FeatureExtractor, hashBits: number, scheme: LabelScheme, step: (ex: Example) => Int32Array, width = extractor.featuresPerToken): void {
  const useHistory = extractor.config.history === true;
  const history: PredictionHistory = new Map();
  const mask = (1 << hashBits) - 1;
  for (const ex of doc) {
    if (useHistory) historyFeatures(ex.forms, history, ex.features, width, mask);
    const pred = step(ex);
    if (useHistory) updateHistory(history, ex.forms, pred, scheme.typeOf);
  }
}

const TYPE_BITS: Record<string, number> = { PER: 1, ORG: 2, LOC: 4, MISC: 8 };

/** A name list from the gold spans of `docs` (lowercased, punctuation normalized as the features see it). */
export function buildGazetteer(docs: readonly ConllDoc[], maxTokens: number): Gazetteer {
  const gazetteer: Gazetteer = new Map();
  for (const doc of docs) {
    for (const s of doc.sentences) {
      for (const span of spansOf(s.tags)) {
        if (span.end - span.start > maxTokens) continue;
        const key = s.tokens
          .slice(span.start, span.end)
          .map((t) => normalizeForm(t).toLowerCase())
          .join(' ');
        gazetteer.set(key, (gazetteer.get(key) ?? 0) | (TYPE_BITS[span.type] ?? 0));
      }
    }
  }
  return gazetteer;
}
