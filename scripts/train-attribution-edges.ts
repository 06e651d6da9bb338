/**
 * Trains the content-edge rankers (models/attribution-en-edges.bin.gz, src/annotate/quotes/edges.ts) on the tagger's
 * output on train articles the tagger was not trained on: the every-5th articles left out by
 * `train-attribution.ts --holdout 5 [--holdout-fold k]` (first pass and `--stack` second pass), tagged by those
 * held-out models; several folds, each with its own tagger, give more articles.
 * Settings (window, epochs) are chosen per edge by k-fold cross-validation over those articles (window 0 keeps the
 * tagger's edge); the script prints, per setting, how many tagged content fragments have that edge exactly on the
 * gold fragment's, and both edges for the chosen settings.
 *
 *   npx tsx scripts/train-attribution-edges.ts --model /tmp/ho1.bin.gz[,…] --stack-model /tmp/ho2.bin.gz[,…] [--holdout 5] [--holdout-fold 0[,…]]
 *     [--windows 4,6,8] [--epochs 5,10,20] [--margins 0,1,2,4,8] [--min-gain 0.005] [--folds 4] [--part 0/2] [--out models/attribution-en-edges.bin.gz]
 *   npx tsx scripts/train-attribution-edges.ts --jackknife DIR [--cv-out DIR2] [--content-edges DIR2] [--role cue] …
 *
 * `--jackknife DIR` uses the tagger pairs of `train-attribution.ts --jackknife DIR` (each fifth of train tagged as
 * unseen text; the fifths whose second pass is in DIR) and cross-validates over the same parts; `--cv-out DIR2` also writes each part's ranker,
 * trained without that part, as DIR2/<role>-edges-k.bin.gz (for scripts/attribution-errors.ts --jackknife DIR
 * --edges-cv DIR2); `--content-edges DIR2` moves the contents with those before learning cue or source edges.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildPipeline } from '../src/core/pipeline.ts';
import { tokensStage } from '../src/annotate/tokens/index.ts';
import { sentencesStage } from '../src/annotate/sentences/index.ts';
import { entitiesStage } from '../src/annotate/entities/index.ts';
import { AttributionModel, attributionLabels } from '../src/annotate/quotes/index.ts';
import { BEGIN_LABEL, EDGE_FEATURES, EXTENDED_EDGE_FEATURES, EdgeModel, contentFragments, endFeatures, endRange, startFeatures, startRange } from '../src/annotate/quotes/edges.ts';
import { docFromText, goldSpans, listBratPairs, readBratPair } from '../src/eval/attribution.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const dataDir = opt('data', '../shared/data/polnear/train');
const holdout = Number(opt('holdout', '5'));
const windows = opt('windows', '4,6,8').split(',').map(Number);
const epochChoices = opt('epochs', '5,10,20').split(',').map(Number);
// without --jackknife, cross-validation over the articles' index mod --folds; with it, over the tagger's parts (a part's ranker never learns from the part)
const folds = Number(opt('folds', '4'));
const bits = Number(opt('bits', '18'));
// --role cue (or source) learns that role's edges instead (models/attribution-en-cue-edges.bin.gz)
const roleArg = opt('role', 'content');
const role: keyof typeof BEGIN_LABEL = roleArg === 'cue' || roleArg === 'source' ? roleArg : 'content';
const out = opt('out', role === 'content' ? 'models/attribution-en-edges.bin.gz' : `models/attribution-en-${role}-edges.bin.gz`);
// one tagger pair per held-out fold: --model A,B --stack-model A2,B2 --holdout-fold 0,1 (train-attribution.ts --holdout-fold)
const jackknife = opt('jackknife', '');
// the parts whose tagger pair was trained (a second pass may be left out to save time)
const jackknifeFolds = [0, 1, 2, 3, 4].filter((k) => existsSync(`${jackknife}/second-${k}.bin.gz`));
const firstPasses = jackknife ? jackknifeFolds.map((k) => `${jackknife}/first-${k}.bin.gz`) : opt('model', '').split(',');
const secondPasses = jackknife ? jackknifeFolds.map((k) => `${jackknife}/second-${k}.bin.gz`) : opt('stack-model', '').split(',');
const heldOutFolds = jackknife ? jackknifeFolds : opt('holdout-fold', '0').split(',').map(Number);
const cvOut = opt('cv-out', '');
const contentEdges = opt('content-edges', '');
if (firstPasses.length !== secondPasses.length || firstPasses.length !== heldOutFolds.length) throw new Error('--model, --stack-model and --holdout-fold need one entry per held-out fold');
// --part 0/2 trains on the held-out articles whose index is 0 mod 2 only (attribution-errors.ts --part 1/2 then sorts
// the errors of the other half, which neither the tagger nor the ranker saw)
const [partIndex, partCount] = opt('part', '0/1').split('/').map(Number) as [number, number];
const MAX_WINDOW = Math.max(...windows);
const cvFolds = jackknife ? jackknifeFolds : [...Array(folds).keys()];
// --features 22: the extended candidate features (edges.ts EXTENDED_EDGE_FEATURES)
const F = Number(opt('features', String(EDGE_FEATURES)));
if (F !== EDGE_FEATURES && F !== EXTENDED_EDGE_FEATURES) throw new Error(`--features is ${EDGE_FEATURES} or ${EXTENDED_EDGE_FEATURES}`);

/** One edge decision: the candidates' features, their offsets from the tagged edge, and the gold candidate's offset. */
interface Instance {
  feats: Int32Array;
  offsets: Int32Array;
  gold: number;
}
/** A tagged content fragment that overlaps a gold one: its start and end decisions. */
interface Item {
  article: number;
  /** The cross-validation part: the tagger's part with --jackknife, else the article's index mod --folds. */
  fold: number;
  start: Instance;
  end: Instance;
}

const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage]);
const items: Item[] = [];
let taggedFragments = 0;
let articles = 0;
heldOutFolds.forEach((heldOut, set) => {
  const models = new Map<string, unknown>([
    ['attribution-en', AttributionModel.decode(readFileSync(firstPasses[set]!))],
    ['attribution-en-stack', AttributionModel.decode(readFileSync(secondPasses[set]!))],
  ]);
  if (contentEdges) models.set('attribution-en-edges', EdgeModel.decode(readFileSync(`${contentEdges}/content-edges-${heldOut}.bin.gz`)));
  const pairs = listBratPairs(dataDir)
    .filter((_, i) => i % holdout === heldOut)
    .filter((_, i) => i % partCount === partIndex);
  pairs.forEach((pair) => {
    const article = articles++;
    const { text, gold } = readBratPair(pair);
    const doc = pipeline.run(docFromText(text));
    const tokens = doc.tokens!;
    const { labels, tctx } = attributionLabels(doc, { models }, { edges: !!contentEdges, cueEdges: false });
    // gold content fragments as token ranges
    const goldRanges = goldSpans(gold.attributions)
      [role].flat()
      .map((f) => {
        let a = 0;
        while (a < tokens.length && tokens[a]!.end <= f.start) a++;
        let b = a;
        while (b < tokens.length && tokens[b]!.start < f.end) b++;
        return [a, b] as const;
      });
    for (const f of contentFragments(tctx, labels, BEGIN_LABEL[role])) {
      taggedFragments++;
      let target: readonly [number, number] | null = null;
      let most = 0;
      for (const g of goldRanges) {
        const shared = Math.min(g[1], f.end) - Math.max(g[0], f.start);
        if (shared > most) {
          most = shared;
          target = g;
        }
      }
      if (!target) continue;
      const v = { tokens, ctx: tctx, labels, from: tctx.blocks[f.block]!, to: tctx.blocks[f.block + 1]! };
      const instance = (lo: number, hi: number, edge: number, other: number, goldEdge: number, features: typeof startFeatures): Instance => {
        const feats = new Int32Array((hi - lo + 1) * F);
        const offsets = new Int32Array(hi - lo + 1);
        for (let c = lo; c <= hi; c++) {
          features(v, edge, c, feats, (c - lo) * F, other, F);
          offsets[c - lo] = c - edge;
        }
        return { feats, offsets, gold: goldEdge - edge };
      };
      const [slo, shi] = startRange(v, f.start, f.end, MAX_WINDOW);
      const [elo, ehi] = endRange(v, f.start, f.end, MAX_WINDOW);
      items.push({
        article,
        fold: jackknife ? heldOut : article % folds,
        start: instance(slo, shi, f.start, f.end, target[0], startFeatures),
        end: instance(elo, ehi, f.end, f.start, target[1], endFeatures),
      });
    }
  });
});
console.log(`${articles} held-out articles, ${taggedFragments} tagged ${role} fragments, ${items.length} overlapping a gold ${role}`);

const candidatesIn = (x: Instance, window: number) => [...x.offsets.keys()].filter((k) => Math.abs(x.offsets[k]!) <= window);

/** The averaged ranking perceptron over instances; returns the averaged weights. */
function train(instances: readonly Instance[], window: number, epochs: number): Float32Array {
  const size = 1 << bits;
  const mask = size - 1;
  const w = new Float32Array(size);
  const u = new Float32Array(size);
  let c = 1;
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = instances.map((_, i) => i);
  const score = (x: Instance, k: number) => {
    let sum = 0;
    for (let f = 0; f < F; f++) sum += w[x.feats[k * F + f]! & mask]!;
    return sum;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = instances[i]!;
      const ks = candidatesIn(x, window);
      const goldK = ks.find((k) => x.offsets[k] === x.gold);
      if (goldK === undefined) continue;
      let bestK = ks.find((k) => x.offsets[k] === 0)!;
      let best = score(x, bestK);
      for (const k of ks) {
        const s = score(x, k);
        if (s > best) {
          best = s;
          bestK = k;
        }
      }
      if (bestK !== goldK) {
        for (let f = 0; f < F; f++) {
          const g = x.feats[goldK * F + f]! & mask;
          const p = x.feats[bestK * F + f]! & mask;
          w[g]! += 1;
          u[g]! += c;
          w[p]! -= 1;
          u[p]! -= c;
        }
      }
      c++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / c;
  return w;
}

/** The offset the weights choose for an instance: another edge only when it outscores the tagged one by more than `margin` (as in edges.ts). */
function choose(weights: Float32Array, x: Instance, window: number, margin: number): number {
  const ks = candidatesIn(x, window);
  const mask = (1 << bits) - 1;
  const score = (k: number) => {
    let sum = 0;
    for (let f = 0; f < F; f++) sum += weights[x.feats[k * F + f]! & mask]!;
    return sum;
  };
  const kept = ks.find((k) => x.offsets[k] === 0)!;
  let arg = kept;
  let best = score(kept);
  for (const k of ks) {
    const s = score(k);
    if (s > best) {
      best = s;
      arg = k;
    }
  }
  return best > score(kept) + margin ? x.offsets[arg]! : 0;
}

const exactBefore = items.filter((it) => it.start.gold === 0 && it.end.gold === 0).length;
console.log(`tagged edges both exact: ${exactBefore} of ${items.length}; start ${items.filter((it) => it.start.gold === 0).length}, end ${items.filter((it) => it.end.gold === 0).length}`);
for (const window of windows) {
  const reach = (x: Instance) => candidatesIn(x, window).some((k) => x.offsets[k] === x.gold);
  console.log(
    `window ${window}: gold start reachable ${items.filter((it) => reach(it.start)).length}, end ${items.filter((it) => reach(it.end)).length}, both ${items.filter((it) => reach(it.start) && reach(it.end)).length} (oracle)`,
  );
}

type Edge = 'start' | 'end';
const margins = opt('margins', '0,1,2,4,8').split(',').map(Number);
/** Per margin, per item, whether the edge is right under k-fold CV with these settings (window 0: the tagged edge kept). */
function crossValidated(edge: Edge, window: number, epochs: number): Map<number, boolean[]> {
  const right = new Map(margins.map((m) => [m, new Array<boolean>(items.length).fill(false)]));
  for (const fold of cvFolds) {
    const weights =
      window === 0
        ? null
        : train(
            items.filter((it) => it.fold !== fold).map((it) => it[edge]),
            window,
            epochs,
          );
    items.forEach((it, i) => {
      if (it.fold !== fold) return;
      for (const m of margins) right.get(m)![i] = (weights ? choose(weights, it[edge], window, m) : 0) === it[edge].gold;
    });
  }
  return right;
}

// each edge keeps the tagger's choice (window 0) unless a ranker does better under cross-validation; a margin makes
// the ranker move an edge only when it is surer of another than of the tagged one
const chosen = { start: { window: 0, epochs: 0, margin: 0 }, end: { window: 0, epochs: 0, margin: 0 } };
const rightPerItem: Record<Edge, boolean[]> = { start: [], end: [] };
for (const edge of ['start', 'end'] as const) {
  let bestCount = -1;
  for (const window of [0, ...windows]) {
    for (const epochs of window === 0 ? [0] : epochChoices) {
      const byMargin = crossValidated(edge, window, epochs);
      for (const [margin, right] of byMargin) {
        if (window === 0 && margin !== margins[0]) continue;
        const count = right.filter(Boolean).length;
        console.log(`${edge}: window ${window}, ${epochs} epochs, margin ${margin}: ${count} of ${items.length} right, ${cvFolds.length}-fold CV`);
        if (count > bestCount) {
          bestCount = count;
          chosen[edge] = { window, epochs, margin: window === 0 ? 0 : margin };
          rightPerItem[edge] = right;
        }
      }
    }
  }
}
// a gain of a few fragments among this many settings is the luck of the draw: a ranker ships only when it beats the
// tagger's edge by at least --min-gain of the fragments (0.5% by default)
const minGain = Number(opt('min-gain', '0.005'));
for (const edge of ['start', 'end'] as const) {
  const kept = items.filter((it) => it[edge].gold === 0).length;
  const gained = rightPerItem[edge].filter(Boolean).length - kept;
  if (chosen[edge].window > 0 && gained < minGain * items.length) {
    console.log(`${edge}: the ranker gains ${gained} of ${items.length}, under ${minGain * 100}%: the tagger's edge is kept`);
    chosen[edge] = { window: 0, epochs: 0, margin: 0 };
    rightPerItem[edge] = items.map((it) => it[edge].gold === 0);
  }
}
const both = items.filter((_, i) => rightPerItem.start[i] && rightPerItem.end[i]).length;
console.log(`chosen: start ${JSON.stringify(chosen.start)}, end ${JSON.stringify(chosen.end)}; both edges exact ${both} of ${items.length} (before ${exactBefore}), ${cvFolds.length}-fold CV`);
const weightsFor = (edge: Edge, use: (it: Item) => boolean = () => true) =>
  chosen[edge].window === 0
    ? new Float32Array(1 << bits)
    : train(
        items.filter(use).map((it) => it[edge]),
        chosen[edge].window,
        chosen[edge].epochs,
      );
const header = {
  version: 1 as const,
  role,
  bits,
  ...(F !== EDGE_FEATURES ? { features: F } : {}),
  startWindow: chosen.start.window,
  endWindow: chosen.end.window,
  startEpochs: chosen.start.epochs,
  endEpochs: chosen.end.epochs,
  startMargin: chosen.start.margin,
  endMargin: chosen.end.margin,
  trainedOn: `PolNeAR v1.0.0 train, the ${articles} articles of folds ${heldOutFolds.join(', ')} of ${holdout}, each tagged by the tagger trained without its fold`,
};
const model = new EdgeModel(header, weightsFor('start'), weightsFor('end'));
const bytes = model.encode();
writeFileSync(out, bytes);
console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
if (cvOut) {
  for (const fold of cvFolds) {
    const use = (it: Item) => it.fold !== fold;
    writeFileSync(
      `${cvOut}/${role}-edges-${fold}.bin.gz`,
      new EdgeModel({ ...header, trainedOn: `${header.trainedOn}, without part ${fold}` }, weightsFor('start', use), weightsFor('end', use)).encode(),
    );
  }
  console.log(`wrote ${cvFolds.length} cross-validation rankers to ${cvOut}`);
}
