/**
 * Trains the NER second pass (./second-pass-features.ts) on jackknifed first-pass output and chooses its
 * step and epochs by cross-validation over the same folds; dev is scored once at the end as the untouched check.
 *
 *   tsx scripts/train-ner.ts --lang es --cv 5 --dump /tmp/ner-es      # the held-out first pass of each fold (≈ 30 min)
 *   tsx scripts/lib-ner/second-pass.ts --lang es --dump /tmp/ner-es [--learner crf|perceptron] [--steps 0.01,0.1,1] [--epochs 3] [--slots 5,6]
 *
 * Measured, not shipped: it did not beat the first pass on cross-validation (src/annotate/entities/README.md, "Second
 * pass"), so the tagger has no second pass and this script writes nothing. `scripts/train-ner.ts --cv K --stack P` is
 * the other variant tried: a second tagger retrained whole with these features beside the first pass's.
 *
 * The second pass adds its weights to the first pass's emission scores, so it learns them against first passes of one
 * scale (a fold's tagger: one shuffle, four fifths of train) and is applied to another (the shipped tagger: three
 * shuffles summed, all of train). Both are brought to one unit: the mean spread (standard deviation over labels) of a
 * token's emission scores, measured on text the tagger did not train on (a fold's own held-out stories; for the shipped
 * tagger, unlabeled Reuters Spanish news from `unlabeled-es`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize } from 'node:v8';
import { documentCasing, updateHistory } from '../../src/annotate/entities/features.ts';
import { readClusters } from '../../src/annotate/entities/index.ts';
import { NerModel, type LabelScheme, viterbi } from '../../src/annotate/entities/model.ts';
import { addSecondPass, SECOND_PASS_ROWS, SECOND_PASS_SLOTS, secondPassFeatures } from './second-pass-features.ts';
import { type ConllDoc, parseConll, splitAtDatelines, toIob2 } from '../../src/eval/ner-conll.ts';
import { scoreNer } from '../../src/eval/ner.ts';
import { shuffle } from './perceptron.ts';

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'es' },
    dump: { type: 'string' },
    steps: { type: 'string', default: '0.03,0.1,0.3' },
    epochs: { type: 'string', default: '8' },
    seed: { type: 'string', default: '7' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') },
    models: { type: 'string', default: resolve(import.meta.dirname, '../../models') },
    learner: { type: 'string', default: 'crf' },
    slots: { type: 'string' },
  },
});

const SPLITS = {
  en: { train: 'conll2003/train.txt', dev: 'conll2003/valid.txt', unlabeled: 'unlabeled-en/reuters21578.txt' },
  es: { train: 'conll2002-es/esp.train', dev: 'conll2002-es/esp.testa', unlabeled: 'unlabeled-es/mldoc_reuters_es_1996_1997.txt' },
} as const;

/** One sentence as the second pass sees it: first-pass scores (in spread units), labels, features and the gold. */
interface Item {
  n: number;
  scores: Float32Array;
  first: Int32Array;
  features: Int32Array;
  gold: Int32Array;
  transitions: Float32Array;
  fold: number;
}

/** Mean over tokens of the standard deviation of a token's emission scores over labels. */
function spread(sentences: readonly { scores: Float32Array }[], L: number): number {
  let sum = 0;
  let tokens = 0;
  for (const { scores } of sentences) {
    for (let i = 0; i < scores.length / L; i++) {
      let m = 0;
      for (let y = 0; y < L; y++) m += scores[i * L + y]!;
      m /= L;
      let v = 0;
      for (let y = 0; y < L; y++) v += (scores[i * L + y]! - m) ** 2;
      sum += Math.sqrt(v / L);
      tokens++;
    }
  }
  return sum / tokens;
}

const scaled = (a: Float32Array, by: number) => Float32Array.from(a, (v) => v / by);

/** Averaged perceptron over the second pass's weights, the first pass's scores held fixed; `after(epoch, w)` per epoch. */
function train(items: readonly Item[], scheme: LabelScheme, epochs: number, step: number, seed: number, after: (epoch: number, w: Float32Array) => void): void {
  const L = scheme.L;
  const w = new Float32Array(SECOND_PASS_ROWS * L);
  const u = new Float64Array(w.length);
  let c = 1;
  const order = items.filter((it) => it.features.some((f) => f >= 0));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const it of shuffle(order, seed * 1000 + epoch)) {
      const s = Float32Array.from(it.scores);
      addSecondPass(s, it.features, it.n, w, L);
      const pred = viterbi(s, it.n, it.transitions, scheme);
      for (let i = 0; i < it.n; i++) {
        const g = it.gold[i]!;
        const p = pred[i]!;
        if (g === p) continue;
        for (let k = i * SECOND_PASS_SLOTS; k < (i + 1) * SECOND_PASS_SLOTS; k++) {
          const f = it.features[k]!;
          if (f < 0) continue;
          w[f * L + g]! += step;
          u[f * L + g]! += c * step;
          w[f * L + p]! -= step;
          u[f * L + p]! -= c * step;
        }
      }
      c++;
    }
    after(
      epoch,
      Float32Array.from(w, (v, i) => v - u[i]! / c),
    );
  }
}

const expCache = new WeakMap<Float32Array, Float64Array>();
/** exp(transitions), zero where the scheme forbids the move; cached per matrix. */
function expOf(trans: Float32Array, scheme: LabelScheme): Float64Array {
  let e = expCache.get(trans);
  if (!e) {
    const L = scheme.L;
    e = new Float64Array((L + 1) * L);
    for (let x = 0; x <= L; x++) for (let y = 0; y < L; y++) e[x * L + y] = scheme.allowed[((x === L ? -1 : x) + 1) * L + y] ? Math.exp(trans[x * L + y]!) : 0;
    expCache.set(trans, e);
  }
  return e;
}

/** Token marginals p(yᵢ = y) into `out` (n × L) under scores `s` and transitions `trans`; returns log Z. */
function forwardBackward(s: Float32Array, n: number, trans: Float32Array, scheme: LabelScheme, out: Float64Array): number {
  const L = scheme.L;
  const T = expOf(trans, scheme);
  const E = new Float64Array(n * L);
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  let logZ = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let y = 0; y < L; y++) m = Math.max(m, s[i * L + y]!);
    logZ += m;
    for (let y = 0; y < L; y++) E[i * L + y] = Math.exp(s[i * L + y]! - m);
  }
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let y = 0; y < L; y++) {
      let sum = 0;
      if (i === 0) sum = T[L * L + y]!;
      else for (let x = 0; x < L; x++) sum += alpha[(i - 1) * L + x]! * T[x * L + y]!;
      alpha[i * L + y] = sum * E[i * L + y]!;
      z += alpha[i * L + y]!;
    }
    for (let y = 0; y < L; y++) alpha[i * L + y]! /= z;
    logZ += Math.log(z);
  }
  let end = 0;
  for (let y = 0; y < L; y++) end += alpha[(n - 1) * L + y]! * scheme.canEnd[y]!;
  logZ += Math.log(end);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = scheme.canEnd[y]!;
  for (let i = n - 2; i >= 0; i--) {
    let z = 0;
    for (let x = 0; x < L; x++) {
      let sum = 0;
      for (let y = 0; y < L; y++) sum += T[x * L + y]! * E[(i + 1) * L + y]! * beta[(i + 1) * L + y]!;
      beta[i * L + x] = sum;
      z += sum;
    }
    for (let x = 0; x < L; x++) beta[i * L + x]! /= z;
  }
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let y = 0; y < L; y++) z += alpha[i * L + y]! * beta[i * L + y]!;
    for (let y = 0; y < L; y++) out[i * L + y] = (alpha[i * L + y]! * beta[i * L + y]!) / z;
  }
  return logZ;
}

/** Log-likelihood of the gold labels under scores `s` and transitions `trans` given log Z. */
function goldScore(s: Float32Array, gold: Int32Array, trans: Float32Array, L: number): number {
  let v = 0;
  for (let i = 0; i < gold.length; i++) v += s[i * L + gold[i]!]! + trans[(i === 0 ? L : gold[i - 1]!) * L + gold[i]!]!;
  return v;
}

/** The first pass's scores and transitions times `alpha` (a temperature fitted on training output). */
function withAlpha(items: readonly Item[], alpha: number): Item[] {
  const cache = new Map<Float32Array, Float32Array>();
  return items.map((it) => {
    let t = cache.get(it.transitions);
    if (!t) cache.set(it.transitions, (t = Float32Array.from(it.transitions, (v) => v * alpha)));
    return { ...it, scores: Float32Array.from(it.scores, (v) => v * alpha), transitions: t };
  });
}

/** The temperature of the first pass with the best gold log-likelihood over `items` (a grid). */
function fitAlpha(items: readonly Item[], scheme: LabelScheme): number {
  const L = scheme.L;
  let best = { alpha: 1, ll: -Infinity };
  const sample = items.filter((_, i) => i % 4 === 0);
  for (const alpha of [0.25, 0.5, 1, 2, 4, 8]) {
    let ll = 0;
    for (const it of withAlpha(sample, alpha)) ll += goldScore(it.scores, it.gold, it.transitions, L) - forwardBackward(it.scores, it.n, it.transitions, scheme, new Float64Array(it.n * L));
    if (ll > best.ll) best = { alpha, ll };
  }
  return best.alpha;
}

/**
 * The second pass as a CRF over the first pass's fixed scores (times `alpha`): its weights by AdaGrad on the gold
 * log-likelihood with an L2 penalty `l2`; `after(epoch, w)` per epoch.
 */
function trainCrf(items: readonly Item[], scheme: LabelScheme, epochs: number, l2: number, seed: number, after: (epoch: number, w: Float32Array) => void): void {
  const L = scheme.L;
  const w = new Float32Array(SECOND_PASS_ROWS * L);
  const g2 = new Float64Array(w.length).fill(1e-6);
  const rate = 0.2;
  const order = items.filter((it) => it.features.some((f) => f >= 0));
  let marg = new Float64Array(0);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const it of shuffle(order, seed * 1000 + epoch)) {
      const s = Float32Array.from(it.scores);
      addSecondPass(s, it.features, it.n, w, L);
      if (marg.length < it.n * L) marg = new Float64Array(it.n * L * 2);
      forwardBackward(s, it.n, it.transitions, scheme, marg);
      for (let i = 0; i < it.n; i++) {
        for (let k = i * SECOND_PASS_SLOTS; k < (i + 1) * SECOND_PASS_SLOTS; k++) {
          const f = it.features[k]!;
          if (f < 0) continue;
          for (let y = 0; y < L; y++) {
            const j = f * L + y;
            const grad = marg[i * L + y]! - (it.gold[i] === y ? 1 : 0) + l2 * w[j]!;
            g2[j]! += grad * grad;
            w[j]! -= (rate * grad) / Math.sqrt(g2[j]!);
          }
        }
      }
    }
    after(epoch, Float32Array.from(w));
  }
}

/** Second-pass labels of `items` with weights `w`. */
function tagAll(items: readonly Item[], w: Float32Array, scheme: LabelScheme): Int32Array[] {
  return items.map((it) => {
    const s = Float32Array.from(it.scores);
    return addSecondPass(s, it.features, it.n, w, scheme.L) ? viterbi(s, it.n, it.transitions, scheme) : it.first;
  });
}

const f1Of = (items: readonly Item[], labels: readonly Int32Array[], scheme: LabelScheme) =>
  scoreNer(
    items.map((it) => scheme.toIob2(it.gold)),
    labels.map((l) => scheme.toIob2(l)),
  ).overall.f1 * 100;

/** The first pass of a shipped tagger over documents, as it tags them (document casing, history), scores unscaled. */
function firstPass(model: NerModel, docs: readonly (readonly (readonly string[])[])[]): { scores: Float32Array; labels: Int32Array }[][] {
  const { features } = model.header;
  return docs.map((sentences) => {
    const casing = features.docFeatures ? documentCasing(sentences) : null;
    const history = features.history ? new Map<string, Int32Array>() : null;
    return sentences.map((forms) => {
      const scores = model.emissions(forms, casing, history);
      const labels = viterbi(scores, forms.length, model.transitions, model.scheme);
      if (history) updateHistory(history, forms, labels, model.scheme.typeOf);
      return { scores, labels };
    });
  });
}

/** Unlabeled news as documents of sentences (one document a line, crude tokens): only the score spread is read from it. */
function unlabeledDocs(file: string, limit: number): string[][][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(0, limit)
    .map((line) => {
      const sentences: string[][] = [[]];
      for (const token of line.match(/[\p{L}\p{N}]+(?:[.'-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? []) {
        sentences[sentences.length - 1]!.push(token);
        if (token === '.') sentences.push([]);
      }
      return sentences.filter((s) => s.length > 0);
    })
    .filter((d) => d.length > 0);
}

function main() {
  const lang = values.lang as 'en' | 'es';
  if (!values.dump) throw new Error('second-pass: --dump P is required (the prefix given to `train-ner.ts --cv K --dump P`).');
  const trainDocs: ConllDoc[] = splitAtDatelines(parseConll(readFileSync(join(values.data!, SPLITS[lang].train), 'utf8')));
  const modelFile = join(values.models!, `ner-${lang}.bin.gz`);
  const shipped = NerModel.decode(readFileSync(modelFile), () => ({ clusters: readClusters(readFileSync(join(values.models!, `clusters-${lang}.tsv.gz`))), gazetteer: null }));
  const scheme = shipped.scheme;
  const L = scheme.L;
  // the held-out first pass of every training story, from the fold that did not see it
  const first: { scores: Float32Array; labels: Int32Array }[][] = trainDocs.map(() => []);
  const foldOf = new Int32Array(trainDocs.length).fill(-1);
  const foldTransitions: Float32Array[] = [];
  const foldSpread: number[] = [];
  for (let fold = 0; ; fold++) {
    let dump: { k: number; transitions: Float32Array; sentences: { doc: number; labels: Int32Array; scores: Float32Array }[] };
    try {
      dump = deserialize(readFileSync(`${values.dump}.fold${fold}.v8`));
    } catch {
      break;
    }
    foldSpread[fold] = spread(dump.sentences, L);
    foldTransitions[fold] = scaled(dump.transitions, foldSpread[fold]!);
    for (const s of dump.sentences) {
      first[s.doc]!.push({ scores: scaled(s.scores, foldSpread[fold]!), labels: s.labels });
      foldOf[s.doc] = fold;
    }
  }
  const k = foldTransitions.length;
  trainDocs.forEach((d, i) => {
    if (first[i]!.length !== d.sentences.length) throw new Error(`second-pass: story ${i} has ${d.sentences.length} sentences but ${first[i]!.length} in the dumps (all ${k} folds dumped?)`);
  });
  console.log(`[${lang}] ${k} folds; first-pass spread per fold ${foldSpread.map((s) => s.toFixed(2)).join(', ')}`);
  const items: Item[][] = trainDocs.map((d, i) => {
    const feats = secondPassFeatures(
      d.sentences.map((s) => s.tokens),
      first[i]!.map((f) => f.labels),
      scheme,
    );
    // `--slots 5,6`: only those feature slots (an ablation)
    if (values.slots !== undefined) {
      const keep = new Set(values.slots.split(',').map(Number));
      for (const f of feats) for (let x = 0; x < f.length; x++) if (!keep.has(x % SECOND_PASS_SLOTS)) f[x] = -1;
    }
    return d.sentences.map((s, j) => ({
      n: s.tokens.length,
      scores: first[i]![j]!.scores,
      first: first[i]![j]!.labels,
      features: feats[j]!,
      gold: scheme.fromIob2(toIob2(s.tags)),
      transitions: foldTransitions[foldOf[i]!]!,
      fold: foldOf[i]!,
    }));
  });
  const all = items.flat();
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const steps = values.steps!.split(',').map(Number);
  // the CRF's steps are its L2 penalties; the perceptron's, its update size
  const crf = values.learner === 'crf';
  const learn = crf ? trainCrf : train;
  const before: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const held = all.filter((it) => it.fold === fold);
    before.push(
      f1Of(
        held,
        held.map((it) => it.first),
        scheme,
      ),
    );
  }
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`[${lang}] first pass, held-out F1: mean ${mean(before).toFixed(2)} (folds ${before.map((f) => f.toFixed(2)).join(', ')})`);
  // cross-validation: the second pass of fold k learns from the other folds' stories
  let chosen = { step: 0, epoch: 0, mean: -1, folds: [] as number[] };
  for (const step of steps) {
    const perEpoch: number[][] = Array.from({ length: epochs }, () => []);
    for (let fold = 0; fold < k; fold++) {
      const rest = all.filter((it) => it.fold !== fold);
      const alpha = crf ? fitAlpha(rest, scheme) : 1;
      const held = withAlpha(
        all.filter((it) => it.fold === fold),
        alpha,
      );
      learn(withAlpha(rest, alpha), scheme, epochs, step, seed, (epoch, w) => perEpoch[epoch - 1]!.push(f1Of(held, tagAll(held, w, scheme), scheme)));
      if (step === steps[0]) console.log(`[${lang}] fold ${fold + 1}: first-pass temperature ${alpha}`);
    }
    perEpoch.forEach((folds, e) => {
      const m = mean(folds);
      console.log(`[${lang}] step ${step} epoch ${e + 1}: held-out F1 mean ${m.toFixed(2)} (folds ${folds.map((f) => f.toFixed(2)).join(', ')})`);
      if (m > chosen.mean) chosen = { step, epoch: e + 1, mean: m, folds };
    });
  }
  console.log(
    `[${lang}] cv chooses step ${chosen.step}, ${chosen.epoch} epochs: held-out F1 ${mean(before).toFixed(2)} → ${chosen.mean.toFixed(2)} (folds ${chosen.folds.map((f) => f.toFixed(2)).join(', ')})`,
  );
  // the shipped second pass: all training stories, the chosen settings
  let weights: Float32Array = new Float32Array(0);
  const alpha = crf ? fitAlpha(all, scheme) : 1;
  learn(withAlpha(all, alpha), scheme, chosen.epoch, chosen.step, seed, (epoch, w) => {
    if (epoch === chosen.epoch) weights = w;
  });
  // dev, untouched until here: the shipped first pass, then the second pass in the shipped tagger's units
  const shippedSpread = spread(firstPass(shipped, unlabeledDocs(join(values.data!, SPLITS[lang].unlabeled), 400)).flat(), L);
  // α·(scores / spread) + w ranks labels as scores + w · spread / α does
  const modelWeights = Float32Array.from(weights, (v) => (v * shippedSpread) / alpha);
  const devDocs = splitAtDatelines(parseConll(readFileSync(join(values.data!, SPLITS[lang].dev), 'utf8')));
  const devFirst = firstPass(
    shipped,
    devDocs.map((d) => d.sentences.map((s) => s.tokens)),
  );
  const gold: string[][] = [];
  const pass1: string[][] = [];
  const pass2: string[][] = [];
  devDocs.forEach((d, i) => {
    const forms = d.sentences.map((s) => s.tokens);
    const feats = secondPassFeatures(
      forms,
      devFirst[i]!.map((f) => f.labels),
      scheme,
    );
    d.sentences.forEach((s, j) => {
      const { scores, labels } = devFirst[i]![j]!;
      const adjusted = Float32Array.from(scores);
      const changed = addSecondPass(adjusted, feats[j]!, s.tokens.length, modelWeights, L);
      gold.push(s.tags);
      pass1.push(scheme.toIob2(labels));
      pass2.push(scheme.toIob2(changed ? viterbi(adjusted, s.tokens.length, shipped.transitions, scheme) : labels));
    });
  });
  const d1 = scoreNer(gold, pass1);
  const d2 = scoreNer(gold, pass2);
  const fmt = (r: typeof d1) =>
    `${(r.overall.f1 * 100).toFixed(2)} (${Object.entries(r.perType)
      .map(([t, s]) => `${t} ${(s.f1 * 100).toFixed(2)}`)
      .join(', ')})`;
  console.log(`[${lang}] shipped tagger spread on unlabeled text ${shippedSpread.toFixed(2)}; dev F1, tagger alone: first pass ${fmt(d1)} → second pass ${fmt(d2)}`);
}

main();
