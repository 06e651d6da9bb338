/**
 * Trains the attribution tagger (models/attribution-en.bin.gz) on PolNeAR's train split.
 *
 *   npx tsx scripts/train-attribution.ts [--data ../shared/data/polnear/train] [--epochs 16] [--bits 18] [--out models/attribution-en.bin.gz]
 *   npx tsx scripts/train-attribution.ts --stack [--folds 5]     # the second pass, models/attribution-en-stack.bin.gz
 *   npx tsx scripts/train-attribution.ts --jackknife DIR [--folds 5]  # a tagger pair per fifth of train, trained without it
 *
 * Each article is tokenized and split into sentences by the shipped stages; gold Source/Cue/Content
 * fragments become B/I tags on the tokens they cover; an averaged structured perceptron learns the tags.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tokenize } from '../src/annotate/tokens/index.ts';
import { splitSentences } from '../src/annotate/sentences/index.ts';
import { entitiesStage, modelPath, readClusters } from '../src/annotate/entities/index.ts';
import { docFromText } from '../src/eval/attribution.ts';
import { FEATURES_PER_TOKEN, STACKED_FEATURES, blockFeatures, stackedFeatures, tokenContext } from '../src/annotate/quotes/features.ts';
import { CUE_WORDS, fold } from '../src/annotate/quotes/lexicon.ts';
import { ALLOWED, AttributionModel, L, viterbi } from '../src/annotate/quotes/model.ts';
import { listBratPairs, readBratPair } from '../src/eval/attribution-brat.ts';
import type { Span, Token } from '../src/core/doc.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const dataDir = opt('data', '../shared/data/polnear/train');
const epochs = Number(opt('epochs', '16'));
const bits = Number(opt('bits', '18'));
// --stack trains the second pass (models/attribution-en-stack.bin.gz) over jackknifed first-pass labels
const stack = args.includes('--stack');
const folds = Number(opt('folds', '5'));
const out = opt('out', stack ? 'models/attribution-en-stack.bin.gz' : 'models/attribution-en.bin.gz');
const minCount = Number(opt('cue-min-count', '4'));
const minRatio = Number(opt('cue-min-ratio', '0.35'));
// --holdout 5 trains on all but every 5th article, so scripts/attribution-errors.ts can look at errors on unseen train text
const holdout = Number(opt('holdout', '0'));
// --holdout-fold 1 leaves out the articles whose index is 1 mod the holdout instead (0 by default)
const holdoutFold = Number(opt('holdout-fold', '0'));

interface Block {
  feats: Int32Array;
  gold: Uint8Array;
  n: number;
}

const ROLE_B = { S: 1, C: 3, Q: 5 } as const;

function goldTags(tokens: readonly Token[], roles: { role: 'S' | 'C' | 'Q'; fragments: Span[] }[]): Uint8Array {
  const tags = new Uint8Array(tokens.length);
  for (const { role, fragments } of roles) {
    for (const f of fragments) {
      let first = true;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        if (t.end <= f.start) continue;
        if (t.start >= f.end) break;
        if (tags[i] !== 0) {
          first = false;
          continue;
        }
        tags[i] = first ? ROLE_B[role] : ROLE_B[role] + 1;
        first = false;
      }
    }
  }
  return tags;
}

const t0 = Date.now();
const CLUSTERS = 'clusters-en.tsv.gz';
const clusters = readClusters(readFileSync(modelPath(CLUSTERS)));
const pairs = listBratPairs(dataDir).filter((_, i) => !holdout || i % holdout !== holdoutFold);
const docs = pairs.map((pair) => {
  const { text, gold } = readBratPair(pair);
  const tokens = tokenize(text, 'en');
  const sentences = splitSentences(text, tokens, 'en');
  const entities = entitiesStage.run({ ...docFromText(text), tokens, sentences }, { models: new Map() }).entities ?? [];
  const roles: { role: 'S' | 'C' | 'Q'; fragments: Span[] }[] = [];
  const seen = new Set<string>();
  for (const a of gold.attributions) {
    const add = (role: 'S' | 'C' | 'Q', fragments: Span[]) => {
      const key = `${role}${fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;
      if (seen.has(key)) return;
      seen.add(key);
      roles.push({ role, fragments });
    };
    if (a.source) add('S', a.source);
    add('C', a.cue);
    for (const c of a.content) add('Q', c);
  }
  roles.sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start);
  return { text, tokens, sentences, entities, tags: goldTags(tokens, roles) };
});

// cue words learned from the data: folded words tagged as (part of) a cue often enough (in the articles `use` keeps)
function learnCueWords(use: (doc: number) => boolean): string[] {
  const cueCount = new Map<string, number>();
  const allCount = new Map<string, number>();
  docs.forEach((d, di) => {
    if (!use(di)) return;
    d.tokens.forEach((t, i) => {
      const w = fold(t.text);
      allCount.set(w, (allCount.get(w) ?? 0) + 1);
      if (d.tags[i] === 3 || d.tags[i] === 4) cueCount.set(w, (cueCount.get(w) ?? 0) + 1);
    });
  });
  return [...cueCount]
    .filter(([w, c]) => c >= minCount && c / allCount.get(w)! >= minRatio && /\p{L}/u.test(w))
    .map(([w]) => w)
    .sort();
}
const learned = learnCueWords(() => true);
const cueWords = new Set([...CUE_WORDS, ...learned]);
console.log(`${docs.length} articles, ${learned.length} learned cue words (${learned.filter((w) => !CUE_WORDS.has(w)).length} new)`);

const contexts = docs.map((d) => tokenContext(d.text, d.tokens, d.sentences, clusters, d.entities));

/** Every non-empty block of every article, with its article's index; `firstPass` adds the stacked features. */
function featurizeBlocks(firstPass: ((doc: number, from: number, to: number) => Uint8Array) | null, words = cueWords): (Block & { doc: number; from: number; to: number })[] {
  const F = firstPass ? FEATURES_PER_TOKEN + STACKED_FEATURES : FEATURES_PER_TOKEN;
  const out: (Block & { doc: number; from: number; to: number })[] = [];
  docs.forEach((d, di) => {
    const ctx = contexts[di]!;
    for (let b = 0; b + 1 < ctx.blocks.length; b++) {
      const from = ctx.blocks[b]!;
      const to = ctx.blocks[b + 1]!;
      const n = to - from;
      if (n === 0) continue;
      const feats = new Int32Array(n * F);
      blockFeatures(d.tokens, ctx, from, to, words, feats, F);
      if (firstPass) stackedFeatures(d.tokens, ctx, from, to, firstPass(di, from, to), feats);
      out.push({ feats, gold: d.tags.slice(from, to), n, doc: di, from, to });
    }
  });
  return out;
}

/** The averaged structured perceptron over `blocks`: emission weights (buckets × L) and transitions. */
function trainPerceptron(blocks: readonly Block[], F: number, label: string): { w: Float32Array; tw: Float32Array } {
  const tokenCount = blocks.reduce((sum, b) => sum + b.n, 0);
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const w = new Float32Array(buckets * L);
  const u = new Float32Array(buckets * L);
  const tw = new Float32Array((L + 1) * L);
  const tu = new Float32Array((L + 1) * L);
  let c = 1;
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = blocks.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const bi of order) {
      const { feats, gold, n } = blocks[bi]!;
      const score = new Float32Array(n * L);
      for (let t = 0; t < n; t++) {
        for (let f = 0; f < F; f++) {
          const row = (feats[t * F + f]! & mask) * L;
          for (let y = 0; y < L; y++) score[t * L + y]! += w[row + y]!;
        }
      }
      const pred = viterbi(score, tw, n, new Uint8Array(n));
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = pred[t]!;
        const gPrev = t === 0 ? -1 : gold[t - 1]!;
        const pPrev = t === 0 ? -1 : pred[t - 1]!;
        if (g !== p) {
          errors++;
          for (let f = 0; f < F; f++) {
            const row = (feats[t * F + f]! & mask) * L;
            w[row + g]! += 1;
            u[row + g]! += c;
            w[row + p]! -= 1;
            u[row + p]! -= c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          if (ALLOWED[(gPrev + 1) * L + g]) {
            tw[(gPrev + 1) * L + g]! += 1;
            tu[(gPrev + 1) * L + g]! += c;
          }
          tw[(pPrev + 1) * L + p]! -= 1;
          tu[(pPrev + 1) * L + p]! -= c;
        }
      }
      c++;
    }
    if (epoch === epochs || epoch % 4 === 0) console.log(`${label} epoch ${epoch}: ${errors} token errors (${((errors / tokenCount) * 100).toFixed(2)}%) ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / c;
  for (let i = 0; i < tw.length; i++) tw[i] = tw[i]! - tu[i]! / c;
  return { w, tw };
}

const header = (stacked: boolean, words = learned, articles = docs.length) => ({
  version: 1 as const,
  bits,
  scale: 64,
  cueWords: words.filter((x) => !CUE_WORDS.has(x)),
  epochs,
  clusters: CLUSTERS,
  trainedOn: `PolNeAR v1.0.0 train (${articles} articles)${stacked ? `, second pass over ${folds}-fold first-pass labels` : ''}`,
  ...(stacked ? { stacked: true } : {}),
});

const jackknife = opt('jackknife', '');
let model: AttributionModel;
if (jackknife) {
  // --jackknife DIR: a tagger pair for each fifth of train, trained without it (DIR/first-k.bin.gz, DIR/second-k.bin.gz),
  // so every train article can be tagged as unseen text (for the edge rankers and cross-validated error counts).
  // The cue words of tagger k are learned without fifth k. Its second pass learns from the jackknifed first-pass
  // labels of the other fifths (over the partition the shipped second pass is stacked on): those come from first passes
  // that saw fifth k, but the second pass never sees fifth k's gold or text. Several processes given the same DIR
  // share the work: each claims a model by creating its .lock file, and the second passes wait for every first pass.
  const claim = (file: string) => {
    try {
      writeFileSync(`${file}.lock`, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false;
    }
  };
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const wordsOf = [...Array(folds).keys()].map((fold) => learnCueWords((di) => di % folds !== fold));
  const articlesWithout = (fold: number) => docs.length - Math.ceil((docs.length - fold) / folds);
  for (let fold = 0; fold < folds; fold++) {
    const file = `${jackknife}/first-${fold}.bin.gz`;
    if (existsSync(file) || !claim(file)) continue;
    const plain = featurizeBlocks(null, new Set([...CUE_WORDS, ...wordsOf[fold]!])).filter((b) => b.doc % folds !== fold);
    const { w, tw } = trainPerceptron(plain, FEATURES_PER_TOKEN, `first pass without ${fold + 1}/${folds}`);
    writeFileSync(file, new AttributionModel(header(false, wordsOf[fold], articlesWithout(fold)), w, tw, FEATURES_PER_TOKEN).encode());
  }
  // every article's first-pass labels, from the stored first pass trained without its fifth
  const firstPass = docs.map((d) => new Uint8Array(d.tokens.length));
  for (let fold = 0; fold < folds; fold++) {
    const file = `${jackknife}/first-${fold}.bin.gz`;
    while (!existsSync(file)) sleep(5000);
    sleep(1000);
    const foldModel = AttributionModel.decode(readFileSync(file));
    const words = new Set([...CUE_WORDS, ...foldModel.header.cueWords]);
    docs.forEach((d, di) => {
      if (di % folds !== fold) return;
      const ctx = contexts[di]!;
      for (let b = 0; b + 1 < ctx.blocks.length; b++) {
        const from = ctx.blocks[b]!;
        const n = ctx.blocks[b + 1]! - from;
        if (n === 0) continue;
        const feats = new Int32Array(n * FEATURES_PER_TOKEN);
        blockFeatures(d.tokens, ctx, from, from + n, words, feats, FEATURES_PER_TOKEN);
        firstPass[di]!.set(foldModel.decode(feats, n), from);
      }
    });
  }
  for (let fold = 0; fold < folds; fold++) {
    const file = `${jackknife}/second-${fold}.bin.gz`;
    if (existsSync(file) || !claim(file)) continue;
    const words = wordsOf[fold]!;
    const stacked = featurizeBlocks((di, from, to) => firstPass[di]!.slice(from, to), new Set([...CUE_WORDS, ...words])).filter((b) => b.doc % folds !== fold);
    const { w, tw } = trainPerceptron(stacked, FEATURES_PER_TOKEN + STACKED_FEATURES, `second pass without ${fold + 1}/${folds}`);
    writeFileSync(file, new AttributionModel(header(true, words, articlesWithout(fold)), w, tw, FEATURES_PER_TOKEN + STACKED_FEATURES).encode());
  }
  console.log(`done: the tagger pairs this process claimed are in ${jackknife}`);
  process.exit(0);
}
if (!stack) {
  const blocks = featurizeBlocks(null);
  console.log(`${blocks.length} blocks, features in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  const { w, tw } = trainPerceptron(blocks, FEATURES_PER_TOKEN, 'pass 1');
  model = new AttributionModel(header(false), w, tw, FEATURES_PER_TOKEN);
} else {
  // The second pass learns from first-pass labels as the shipped first pass will give them on unseen text:
  // each article's labels come from a first pass trained without its fold (jackknife).
  // --first-pass FILE keeps the jackknifed labels between runs (they depend only on the first pass's settings)
  const cacheFile = opt('first-pass', '');
  const plain = featurizeBlocks(null);
  const firstPass = docs.map((d) => new Uint8Array(d.tokens.length));
  const cachedLabels = cacheFile && existsSync(cacheFile) ? gunzipSync(readFileSync(cacheFile)) : null;
  if (cachedLabels) {
    let at = 0;
    for (const labels of firstPass) {
      labels.set(cachedLabels.subarray(at, at + labels.length));
      at += labels.length;
    }
  }
  for (let fold = 0; fold < (cachedLabels ? 0 : folds); fold++) {
    const { w, tw } = trainPerceptron(
      plain.filter((b) => b.doc % folds !== fold),
      FEATURES_PER_TOKEN,
      `fold ${fold + 1}/${folds}`,
    );
    const foldModel = new AttributionModel(header(false), w, tw, FEATURES_PER_TOKEN);
    for (const b of plain) if (b.doc % folds === fold) firstPass[b.doc]!.set(foldModel.decode(b.feats, b.n), b.from);
  }
  if (cacheFile && !cachedLabels) writeFileSync(cacheFile, gzipSync(Buffer.concat(firstPass)));
  const stacked = featurizeBlocks((di, from, to) => firstPass[di]!.slice(from, to));
  const F2 = FEATURES_PER_TOKEN + STACKED_FEATURES;
  const { w, tw } = trainPerceptron(stacked, F2, 'pass 2');
  model = new AttributionModel(header(true), w, tw, F2);
}
const bytes = model.encode();
writeFileSync(out, bytes);
console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
