/**
 * Trains the NER taggers (averaged structured perceptron) and writes models/ner-{en,es}.bin.gz.
 *
 *   tsx scripts/train-ner.ts [--lang en|es|all] [--epochs N] [--scheme BIO|BILOU] [--history|--no-history]
 *                            [--seed 7,11,13] [--gazetteer [--gazetteer-source train|npm]] [--extra] [--levels N] [--no-doc] [--bits 21]
 *                            [--prune 0.05] [--no-type-bias] [--out models] [--cv K [--cv-only 0,1] [--dump P | --stack P]]
 *
 * `--cv K`: k-fold cross-validation on the training split instead of training a model (nothing is written): stories are
 * dealt into K folds, each fold is tagged by a tagger trained on the others, and the mean held-out F1 after each epoch
 * tells which epoch count the training data alone would choose and what F1 to expect on unseen text (before the typing
 * prior and the type bias, which are not refitted per fold). Dev is not read for it. `--dump P` keeps each fold's held-out
 * first pass for `scripts/lib-ner/second-pass.ts`; `--stack P` cross-validates a second tagger over those first passes.
 *
 * Trains on CoNLL-2003 train.txt (English) and CoNLL-2002 esp.train (Spanish) and picks the epoch
 * by F1 on the dev split (valid.txt, esp.testa). The test splits are never read.
 * Word clusters (models/clusters-{lang}.tsv.gz) are used when present in --out; they are rebuilt by
 * `tsx scripts/lib-ner/train-clusters.ts` (a few minutes per language), not by this script.
 * Without flags the shipped settings (PRESETS) are used: about 2.5 min (en) + 6 min (es) on one busy core.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { readClusters } from '../src/annotate/entities/index.ts';
import {
  DEFAULT_FEATURES,
  documentCasing as documentCasingOf,
  FeatureExtractor,
  GAZETTEER_MAX_TOKENS,
  HISTORY_SLOTS,
  mix,
  updateHistory,
  type FeatureConfig,
} from '../src/annotate/entities/features.ts';
import { marginalsOf, NerModel, schemeOf, viterbi } from '../src/annotate/entities/model.ts';
import { SECOND_PASS_SLOTS, secondPassFeatures } from './lib-ner/second-pass-features.ts';
import { parseConll, spansOf, splitAtDatelines } from '../src/eval/ner-conll.ts';
import { scoreNer } from '../src/eval/ner.ts';
import { npmGazetteer } from './lib-ner/npm-gazetteer.ts';
import { tuneTypeBias } from './lib-ner/type-bias.ts';
import { buildGazetteer, byDocument, featurize, Perceptron, prune, shuffle, withHistory, type Example } from './lib-ner/perceptron.ts';

const { values: flags } = parseArgs({
  options: {
    lang: { type: 'string', default: 'all' },
    epochs: { type: 'string' },
    bits: { type: 'string', default: '21' },
    levels: { type: 'string' },
    'no-doc': { type: 'boolean', default: false },
    doc: { type: 'boolean', default: false },
    'no-cluster-window': { type: 'boolean', default: false },
    history: { type: 'boolean' },
    'no-history': { type: 'boolean', default: false },
    scheme: { type: 'string' },
    gazetteer: { type: 'boolean', default: false },
    'gazetteer-source': { type: 'string', default: 'train' },
    'no-type-bias': { type: 'boolean', default: false },
    extra: { type: 'boolean', default: false },
    patience: { type: 'string', default: '4' },
    folds: { type: 'string', default: '5' },
    prune: { type: 'string', default: '0.05' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    seed: { type: 'string' },
    cv: { type: 'string' },
    'cv-only': { type: 'string' },
    dump: { type: 'string' },
    stack: { type: 'string' },
  },
});

/**
 * The settings of the shipped models, chosen on dev (see src/annotate/entities/README.md);
 * flags override them. Averaging three shuffles helps Spanish only (and Spanish history
 * features pay off only together with it).
 */
const PRESETS = {
  en: { epochs: '18', history: true, scheme: 'BILOU', seed: '7', doc: true },
  es: { epochs: '16', history: true, scheme: 'BILOU', seed: '7,11,13', doc: true },
} as const;

let values = { ...flags };

const SPLITS = {
  en: { train: 'conll2003/train.txt', dev: 'conll2003/valid.txt' },
  es: { train: 'conll2002-es/esp.train', dev: 'conll2002-es/esp.testa' },
} as const;

function trainLanguage(lang: 'en' | 'es') {
  const t0 = performance.now();
  const preset = PRESETS[lang];
  values = {
    ...flags,
    epochs: flags.epochs ?? preset.epochs,
    history: flags['no-history'] ? false : (flags.history ?? preset.history),
    scheme: flags.scheme ?? preset.scheme,
    seed: flags.seed ?? preset.seed,
  };
  const trainDocs = splitAtDatelines(parseConll(readFileSync(join(values.data!, SPLITS[lang].train), 'utf8')));
  const devDocs = splitAtDatelines(parseConll(readFileSync(join(values.data!, SPLITS[lang].dev), 'utf8')));
  const clusterFile = join(values.out!, `clusters-${lang}.tsv.gz`);
  const clusters = existsSync(clusterFile) ? readClusters(readFileSync(clusterFile)) : null;
  const available = clusters ? Math.min(...[...clusters.values()].slice(0, 100).map((ids) => ids.length)) : 0;
  const levels = values.levels !== undefined ? Math.min(Number(values.levels), available) : available;
  const config: FeatureConfig = {
    ...DEFAULT_FEATURES,
    clusterLevels: levels,
    docFeatures: values['no-doc'] ? false : values.doc || PRESETS[lang].doc,
    clusterWindow: !values['no-cluster-window'],
    history: values.history,
    gazetteer: values.gazetteer,
    extra: values.extra,
  };
  const bits = Number(values.bits);
  const scheme = schemeOf(values.scheme as 'BIO' | 'BILOU');
  const labelsOf = (pred: Int32Array) => scheme.toIob2(pred);
  const extractor = new FeatureExtractor(config, clusters);
  // the name list: for training features, built without the sentence's own fold (jackknife), so the
  // tagger learns how far to trust it on names it has not seen; for dev and shipping, from all of train
  // (`--gazetteer-source npm`: name lists from npm packages, the same for training, dev and shipping: no fold sees itself)
  const folds = Number(values.folds);
  const fromNpm = values['gazetteer-source'] === 'npm';
  const fullGazetteer = !config.gazetteer ? null : fromNpm ? npmGazetteer(lang) : buildGazetteer(trainDocs, GAZETTEER_MAX_TOKENS);
  const foldGazetteers = !config.gazetteer
    ? []
    : Array.from({ length: folds }, (_, k) =>
        fromNpm
          ? fullGazetteer!
          : buildGazetteer(
              trainDocs.filter((_, d) => d % folds !== k),
              GAZETTEER_MAX_TOKENS,
            ),
      );
  const train = featurize(trainDocs, extractor, bits, scheme, config.gazetteer ? (d) => foldGazetteers[d % folds]! : undefined);
  extractor.gazetteer = fullGazetteer;
  const dev = featurize(devDocs, extractor, bits, scheme);
  const devGold = dev.map((ex) => labelsOf(ex.gold));
  console.log(
    `[${lang}] ${trainDocs.length}/${devDocs.length} docs, ${train.length} train / ${dev.length} dev sentences, ${extractor.featuresPerToken} features/token, ` +
      `clusters: ${levels} levels, doc features: ${config.docFeatures}; featurized in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );

  const trainDocs2 = byDocument(train);
  const devDocs2 = byDocument(dev);
  if (values.cv !== undefined) {
    crossValidate(lang, trainDocs2, Number(values.cv), extractor, bits, scheme, config.history ?? false);
    return;
  }
  // with history features sentences must stay in document order; otherwise shuffle sentences
  const units: Example[][] = config.history ? trainDocs2 : train.map((ex) => [ex]);
  const scoreDev = (model: Perceptron, w: Float32Array, tw: Float32Array) => {
    const predByExample = new Map<Example, string[]>();
    for (const doc of devDocs2) {
      withHistory(doc, extractor, bits, scheme, (ex) => {
        const pred = model.predict(ex, w, tw);
        predByExample.set(ex, labelsOf(pred));
        return pred;
      });
    }
    return scoreNer(
      devGold,
      dev.map((ex) => predByExample.get(ex)!),
    ).overall;
  };
  const epochs = Number(values.epochs);
  const runSeed = (seed: number) => {
    const model = new Perceptron(bits, extractor.featuresPerToken, scheme);
    let best: { f1: number; epoch: number; w: Float32Array; tw: Float32Array } = { f1: -1, epoch: 0, w: new Float32Array(0), tw: new Float32Array(0) };
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let wrong = 0;
      for (const unit of shuffle(units, seed * 1000 + epoch)) {
        withHistory(unit, extractor, bits, scheme, (ex) => {
          const pred = model.train(ex);
          if (pred.some((y, i) => y !== ex.gold[i])) wrong++;
          return pred;
        });
      }
      const { w, tw } = model.averaged();
      const overall = scoreDev(model, w, tw);
      console.log(
        `[${lang}] seed ${seed} epoch ${epoch}: ${wrong} wrong train sentences; dev P ${(overall.precision * 100).toFixed(2)} R ${(overall.recall * 100).toFixed(2)} F1 ${(overall.f1 * 100).toFixed(2)}`,
      );
      if (overall.f1 > best.f1) best = { f1: overall.f1, epoch, w, tw };
      else if (epoch - best.epoch >= Number(values.patience)) break;
    }
    return { best, model };
  };
  // several shuffles, weights averaged: a cheap ensemble of linear models
  const seeds = values.seed!.split(',').map(Number);
  let best: { f1: number; epoch: number; w: Float32Array; tw: Float32Array } | null = null;
  for (const seed of seeds) {
    const { best: b, model } = runSeed(seed);
    if (!best) best = b;
    else {
      for (let i = 0; i < best.w.length; i++) best.w[i]! += b.w[i]!;
      for (let i = 0; i < best.tw.length; i++) best.tw[i]! += b.tw[i]!;
      const overall = scoreDev(model, best.w, best.tw);
      console.log(`[${lang}] average of ${seeds.indexOf(seed) + 1} seeds: dev F1 ${(overall.f1 * 100).toFixed(2)}`);
      best = { f1: overall.f1, epoch: Math.max(best.epoch, b.epoch), w: best.w, tw: best.tw };
    }
  }
  if (!best) throw new Error('no seeds given');
  const { buckets, weights } = prune(best.w, Number(values.prune), scheme.L);
  const bytes = NerModel.encode({ version: 1, lang, hashBits: bits, features: config, temperature: 1, scheme: scheme.name, trainedOn: SPLITS[lang].train }, buckets, weights, best.tw);
  mkdirSync(values.out!, { recursive: true });
  const outFile = join(values.out!, `ner-${lang}.bin.gz`);
  writeFileSync(outFile, bytes);
  // the shipped (pruned, quantized) model, scored through the same path the stage uses
  const shipped = NerModel.decode(bytes, () => ({ clusters, gazetteer: fullGazetteer }));
  // type priors corrected on dev where they pay (scripts/lib-ner/type-bias.ts); the model then tags with them
  const typeBias = values['no-type-bias'] ? null : tuneTypeBias(shipped, devDocs, (line) => console.log(`[${lang}] ${line}`)).bias;
  if (fullGazetteer) {
    const lines = [...fullGazetteer].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, bits]) => `${name}\t${bits}`);
    writeFileSync(join(values.out!, `gazetteer-${lang}.tsv.gz`), gzipSync(lines.join('\n') + '\n', { level: 9 }));
  }
  const devTagged: { forms: string[]; scores: Float32Array; labels: Int32Array }[] = [];
  for (const doc of devDocs) {
    const casing = config.docFeatures ? documentCasingOf(doc.sentences.map((s) => s.tokens)) : null;
    const history = config.history ? new Map<string, Int32Array>() : null;
    for (const s of doc.sentences) {
      const scores = shipped.emissions(s.tokens, casing, history);
      const labels = viterbi(scores, s.tokens.length, shipped.transitions, scheme);
      if (history) updateHistory(history, s.tokens, labels, scheme.typeOf);
      devTagged.push({ forms: s.tokens, scores, labels });
    }
  }
  const devLabels = devTagged.map((d) => d.labels);
  const shippedScore = scoreNer(devGold, devLabels.map(labelsOf)).overall;
  // confidence = mean marginal of a mention's labels; pick the temperature with the best log loss on dev mentions
  let bestT = { t: 1, loss: Infinity };
  for (const t of [0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1]) {
    let loss = 0;
    let count = 0;
    devTagged.forEach((d, k) => {
      const labels = devLabels[k]!;
      const marg = marginalsOf(d.scores, d.forms.length, shipped.transitions, labels, t, scheme);
      const gold = new Set(spansOf(devGold[k]!).map((x) => `${x.start}:${x.end}:${x.type}`));
      for (const span of spansOf(labelsOf(labels))) {
        let c = 0;
        for (let i = span.start; i < span.end; i++) c += marg[i]!;
        c = Math.min(1 - 1e-6, Math.max(1e-6, c / (span.end - span.start)));
        loss -= gold.has(`${span.start}:${span.end}:${span.type}`) ? Math.log(c) : Math.log(1 - c);
        count++;
      }
    });
    if (loss / count < bestT.loss) bestT = { t, loss: loss / count };
  }
  const final = NerModel.encode(
    { version: 1, lang, hashBits: bits, features: config, temperature: bestT.t, scheme: scheme.name, trainedOn: SPLITS[lang].train, ...(typeBias ? { typeBias } : {}) },
    buckets,
    weights,
    best.tw,
  );
  writeFileSync(outFile, final);
  console.log(`[${lang}] confidence temperature ${bestT.t} (dev mention log loss ${bestT.loss.toFixed(3)})`);
  console.log(
    `[${lang}] best epoch ${best.epoch} dev F1 ${(best.f1 * 100).toFixed(2)}; shipped ${outFile} ` +
      `(${(final.length / 1e6).toFixed(2)} MB, ${buckets.length} rows) dev F1 ${(shippedScore.f1 * 100).toFixed(2)}; ` +
      `total ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
}

/**
 * K-fold cross-validation on the training stories: the held-out F1 after each epoch, per fold and averaged, for the
 * shipped settings (the first shuffle seed only when several are averaged: K trainings of each would not fit a session).
 */
function crossValidate(lang: string, docs: Example[][], k: number, extractor: FeatureExtractor, bits: number, scheme: ReturnType<typeof schemeOf>, history: boolean) {
  if (!Number.isInteger(k) || k < 2) throw new Error(`--cv expects a number of folds of 2 or more, got ${values.cv}`);
  const epochs = Number(values.epochs);
  const seed = Number(values.seed!.split(',')[0]);
  const labelsOf = (pred: Int32Array) => scheme.toIob2(pred);
  const perEpoch: number[][] = Array.from({ length: epochs }, () => []);
  // `--stack P`: a second-pass tagger retrained whole, its rows widened by the second-pass features of each story's
  // held-out first pass (the dumps of an earlier `--cv K --dump P`): the same folds, so a fold's test stories carry
  // labels from a tagger that did not see them, as its training stories do
  let width = extractor.featuresPerToken;
  if (values.stack !== undefined) ({ docs, width } = stacked(docs, values.stack, k, extractor, bits, scheme));
  // `--cv-only 0,2`: only those folds (to run folds in separate processes); `--dump P`: each fold's held-out emissions,
  // labels and transitions after the last epoch go to P.foldN.v8 (the first pass a second-pass tagger learns from), and
  // only the last epoch is scored
  const only = values['cv-only'] !== undefined ? new Set(values['cv-only'].split(',').map(Number)) : null;
  for (let fold = 0; fold < k; fold++) {
    if (only && !only.has(fold)) continue;
    const t0 = performance.now();
    const heldOut = docs.filter((_, d) => d % k === fold);
    const trainOn = docs.filter((_, d) => d % k !== fold);
    const units: Example[][] = history ? trainOn : trainOn.flat().map((ex) => [ex]);
    const gold = heldOut.flat().map((ex) => labelsOf(ex.gold));
    const model = new Perceptron(bits, width, scheme);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const unit of shuffle(units, seed * 1000 + epoch)) withHistory(unit, extractor, bits, scheme, (ex) => model.train(ex), width);
      if (values.dump !== undefined && epoch < epochs) continue;
      const { w, tw } = model.averaged();
      const predicted: string[][] = [];
      const dumped: { doc: number; labels: Int32Array; scores: Float32Array }[] = [];
      for (const doc of heldOut)
        withHistory(
          doc,
          extractor,
          bits,
          scheme,
          (ex) => {
            const pred = model.predict(ex, w, tw);
            predicted.push(labelsOf(pred));
            if (values.dump !== undefined) dumped.push({ doc: docs.indexOf(doc), labels: pred, scores: model.scores(ex, w) });
            return pred;
          },
          width,
        );
      if (values.dump !== undefined) writeFileSync(`${values.dump}.fold${fold}.v8`, serialize({ fold, k, transitions: tw, sentences: dumped }));
      const f1 = scoreNer(gold, predicted).overall.f1 * 100;
      perEpoch[epoch - 1]!.push(f1);
      console.log(`[${lang}] cv fold ${fold + 1}/${k} epoch ${epoch}: held-out F1 ${f1.toFixed(2)}`);
    }
    console.log(`[${lang}] cv fold ${fold + 1}/${k}: ${trainOn.length} stories trained, ${heldOut.length} held out, ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  }
  const means = perEpoch.map((f) => (f.length ? f.reduce((a, b) => a + b, 0) / f.length : -1));
  const best = means.indexOf(Math.max(...means));
  for (const [i, m] of means.entries()) if (m >= 0) console.log(`[${lang}] cv epoch ${i + 1}: mean held-out F1 ${m.toFixed(2)} (folds ${perEpoch[i]!.map((f) => f.toFixed(2)).join(', ')})`);
  console.log(`[${lang}] cv chooses epoch ${best + 1} (mean held-out F1 ${means[best]!.toFixed(2)}); the preset says ${epochs}, mean there ${means[epochs - 1]!.toFixed(2)}`);
}

/** Training stories with `SECOND_PASS_SLOTS` hashed second-pass features inserted before each token's history slots. */
function stacked(docs: Example[][], dump: string, k: number, extractor: FeatureExtractor, bits: number, scheme: ReturnType<typeof schemeOf>): { docs: Example[][]; width: number } {
  const labels: Int32Array[][] = docs.map(() => []);
  for (let fold = 0; fold < k; fold++) {
    const d = deserialize(readFileSync(`${dump}.fold${fold}.v8`)) as { sentences: { doc: number; labels: Int32Array }[] };
    for (const s of d.sentences) labels[s.doc]!.push(s.labels);
  }
  const F = extractor.featuresPerToken;
  const W = F + SECOND_PASS_SLOTS;
  const tail = extractor.config.history ? HISTORY_SLOTS : 0;
  const mask = (1 << bits) - 1;
  const out = docs.map((doc, d) => {
    if (labels[d]!.length !== doc.length) throw new Error(`--stack: story ${d} has ${doc.length} sentences, the dumps ${labels[d]!.length}`);
    const feats = secondPassFeatures(
      doc.map((ex) => ex.forms),
      labels[d]!,
      scheme,
    );
    return doc.map((ex, j) => {
      const features = new Uint32Array(ex.n * W);
      for (let i = 0; i < ex.n; i++) {
        features.set(ex.features.subarray(i * F, (i + 1) * F - tail), i * W);
        for (let slot = 0; slot < SECOND_PASS_SLOTS; slot++) features[i * W + F - tail + slot] = (mix(0x57ac + slot, feats[j]![i * SECOND_PASS_SLOTS + slot]! + 1) & mask) >>> 0;
      }
      return { ...ex, features };
    });
  });
  return { docs: out, width: W };
}

const langs = flags.lang === 'all' ? (['en', 'es'] as const) : [flags.lang as 'en' | 'es'];
for (const lang of langs) trainLanguage(lang);
