/**
 * quotes: who said what — attribution relations (source, cue, content), their form, hedging and
 * nesting, in English and Spanish.
 *
 * English uses the averaged-perceptron tagger in models/attribution-en.bin.gz (trained on PolNeAR by
 * scripts/train-attribution.ts); Spanish, and English without a model, use the rule tagger. Both give
 * Source / Cue / Content tags that `buildAttributions` turns into relations. Claims put without a source
 * ("it is being said that …", "se dice que …") become attributions with `source: null`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Attribution, Doc, Token } from '../../core/doc.ts';
import { modelsUrl } from '../../core/package-paths.ts';
import type { Stage, StageContext } from '../../core/pipeline.ts';
import { QuipuError } from '../../core/errors.ts';
import { readClusters } from '../entities/index.ts';
import { clusterMap } from '../shared-clusters.ts';
import { FEATURES_PER_TOKEN, STACKED_FEATURES, type TokenContext, blockFeatures, stackedFeatures, tokenContext } from './features.ts';
import { anyCaseless, CUE_WORDS, SPECULATIVE_PATTERNS, UNSOURCED_PATTERNS } from './lexicon.ts';
import { EdgeModel, moveContentEdges } from './edges.ts';
import { AttributionModel, type AttributionModelParts, StackedDecoder } from './model.ts';
import { adoptedModelParts } from '../model-parts.ts';
import { markPassives } from './passive.ts';
import { buildAttributions, fragmentsOf } from './relations.ts';
import { ruleLabels } from './rules.ts';

export { AttributionModel } from './model.ts';
export { EdgeModel } from './edges.ts';
export { hedgeOf } from './hedge.ts';
export { listClaims, type Claim, type ClaimFilter, type StoredArticle } from './claims.ts';

const MODEL_URL = new URL('attribution-en.bin.gz', modelsUrl());
const STACK_URL = new URL('attribution-en-stack.bin.gz', modelsUrl());
let cached: { model: AttributionModel; cueWords: Set<string> } | null | undefined;
let cachedStack: AttributionModel | null | undefined;
const EDGES_URL = new URL('attribution-en-edges.bin.gz', modelsUrl());
const CUE_EDGES_URL = new URL('attribution-en-cue-edges.bin.gz', modelsUrl());
let cachedEdges: EdgeModel | null | undefined;
let cachedCueEdges: EdgeModel | null | undefined;

const partsCache = new Map<'first' | 'stack', AttributionModelParts | null>();

/**
 * The decoded tables of the first-pass or second-pass attribution model (null when its file is absent): those another
 * thread handed this one (`adoptModelParts`), else decoded here once per process.
 */
export function attributionModelParts(pass: 'first' | 'stack'): AttributionModelParts | null {
  const given = adoptedModelParts()?.attribution[pass];
  if (given !== undefined) return given;
  if (!partsCache.has(pass)) {
    const url = pass === 'first' ? MODEL_URL : STACK_URL;
    partsCache.set(pass, existsSync(url) ? AttributionModel.decode(readFileSync(url)).parts() : null);
  }
  return partsCache.get(pass)!;
}

let pairedCache: Int16Array | null | undefined;

/**
 * The shipped first and second passes' tables interleaved for `StackedDecoder` (null without both): the one another
 * thread handed this one, else built here once per process, on shared memory like the tables it is made from.
 */
export function attributionPairedTable(): Int16Array | null {
  const given = adoptedModelParts()?.attribution.paired;
  if (given !== undefined) return given;
  if (pairedCache === undefined) {
    const first = attributionModelParts('first');
    const stack = attributionModelParts('stack');
    pairedCache = first && stack && first.header.bits === stack.header.bits ? StackedDecoder.pairTables(first.table, stack.table, first.header.bits) : null;
  }
  return pairedCache;
}

/** The parts of a pass if this thread has them already (never reads a file). */
function loadedParts(pass: 'first' | 'stack'): AttributionModelParts | null | undefined {
  return adoptedModelParts()?.attribution[pass] ?? partsCache.get(pass);
}

/** Loads (once per process) the English attribution model; null when the file is absent (rules are used). */
export function loadAttributionModel(): AttributionModel | null {
  if (cached === undefined) {
    const parts = attributionModelParts('first');
    cached = parts ? withCues(withClusters(AttributionModel.fromParts(parts))) : null;
  }
  return cached?.model ?? null;
}

/** Loads (once per process) the second-pass model, which reads the first pass's labels; null when absent. */
export function loadStackModel(): AttributionModel | null {
  if (cachedStack === undefined) {
    const parts = attributionModelParts('stack');
    cachedStack = parts ? withClusters(AttributionModel.fromParts(parts), true) : null;
  }
  return cachedStack;
}

/** Loads (once per process) the content-edge model (edges.ts); null when absent (edges stay as tagged). */
export function loadEdgeModel(): EdgeModel | null {
  if (cachedEdges === undefined) cachedEdges = existsSync(EDGES_URL) ? EdgeModel.decode(readFileSync(EDGES_URL)) : null;
  return cachedEdges;
}

/** Loads (once per process) the cue-edge model; null when absent (cue edges stay as tagged). */
export function loadCueEdgeModel(): EdgeModel | null {
  if (cachedCueEdges === undefined) cachedCueEdges = existsSync(CUE_EDGES_URL) ? EdgeModel.decode(readFileSync(CUE_EDGES_URL)) : null;
  return cachedCueEdges;
}

/** Checks the model's feature layout and attaches the word clusters its header names (a first pass's). */
function withClusters(model: AttributionModel, stacked = false): AttributionModel {
  const expected = stacked ? FEATURES_PER_TOKEN + STACKED_FEATURES : FEATURES_PER_TOKEN;
  if (model.featuresPerToken !== expected || (model.header.stacked ?? false) !== stacked) {
    throw new QuipuError(
      'E_CONFIG',
      `attribution model${stacked ? ' (second pass)' : ''} has ${model.featuresPerToken} features per token, this code computes ${expected}; retrain with \`npx tsx scripts/train-attribution.ts${stacked ? ' --stack' : ''}\`.`,
    );
  }
  // a second pass reads the token context the first pass built with its clusters
  if (!stacked && model.header.clusters && !model.clusters) {
    const file = new URL(model.header.clusters, modelsUrl());
    if (!existsSync(file)) throw new QuipuError('E_CONFIG', `word clusters ${model.header.clusters} for the attribution model missing at ${file.pathname}.`);
    model.clusters = clusterMap(file, readClusters);
  }
  return model;
}

const cueCache = new WeakMap<AttributionModel, Set<string>>();
function withCues(model: AttributionModel) {
  const cueWords = new Set([...CUE_WORDS, ...model.header.cueWords]);
  cueCache.set(model, cueWords);
  return { model, cueWords };
}
function cueWordsOf(model: AttributionModel): Set<string> {
  return cueCache.get(model) ?? withCues(model).cueWords;
}

const decoders = new WeakMap<AttributionModel, StackedDecoder>();

/**
 * The two passes decoded over one table, built once per pair of models (null when they do not fit one table); the
 * shipped pair's is the process's shared one (`attributionPairedTable`).
 */
function stackedDecoder(first: AttributionModel, second: AttributionModel): StackedDecoder | null {
  const known = decoders.get(first);
  if (known?.second === second) return known;
  if (!StackedDecoder.fits(first, second)) return null;
  const shipped = loadedParts('first')?.table === first.table && loadedParts('stack')?.table === second.table;
  const decoder = new StackedDecoder(first, second, (shipped && attributionPairedTable()) || undefined);
  decoders.set(first, decoder);
  return decoder;
}

/**
 * Tags every token with the model, paragraph by paragraph; with a second-pass model, each paragraph is tagged again
 * with the first pass's labels as features.
 */
export function modelLabels(
  doc: Readonly<Doc>,
  model: AttributionModel,
  ctx = tokenContext(doc.text, doc.tokens ?? [], doc.sentences ?? [], model.clusters, doc.entities),
  second: AttributionModel | null = null,
): Uint8Array {
  const tokens = doc.tokens ?? [];
  const labels = new Uint8Array(tokens.length);
  const cueWords = cueWordsOf(model);
  const F = second ? FEATURES_PER_TOKEN + STACKED_FEATURES : FEATURES_PER_TOKEN;
  let feats = new Int32Array(256 * F);
  let first = new Uint8Array(256);
  const paired = second ? stackedDecoder(model, second) : null;
  for (let b = 0; b + 1 < ctx.blocks.length; b++) {
    const from = ctx.blocks[b]!;
    const to = ctx.blocks[b + 1]!;
    const n = to - from;
    if (n === 0) continue;
    if (feats.length < n * F) feats = new Int32Array(n * F * 2);
    blockFeatures(tokens, ctx, from, to, cueWords, feats, F);
    if (!second) {
      labels.set(model.decode(feats, n), from);
      continue;
    }
    if (first.length < n) first = new Uint8Array(n * 2);
    const firstPass = paired ? paired.decodeFirst(feats, n, first.subarray(0, n), F) : model.decode(feats, n, first.subarray(0, n), F);
    stackedFeatures(tokens, ctx, from, to, firstPass, feats);
    labels.set(paired ? paired.decodeSecond(feats, n, F) : second.decode(feats, n), from);
  }
  return labels;
}

/**
 * "According to the police, the mayor … was about to be arrested.": after a sentence-initial "according
 * to" / "según", the source ends at the first comma and the rest of the sentence is the content, whatever
 * the tagger saw there (PolNeAR is univocal: nothing inside a content has another role).
 */
function leadingAccordingTo(tokens: readonly Token[], ctx: TokenContext, labels: Uint8Array): void {
  const { folded, sentenceOf } = ctx;
  for (let i = 0; i + 1 < labels.length; i++) {
    if (labels[i] !== 3 || !(folded[i] === 'segun' || (folded[i] === 'according' && labels[i + 1] === 4))) continue;
    if (i > 0 && sentenceOf[i - 1] === sentenceOf[i] && !/^(and|but|y|pero|["“«])$/u.test(folded[i - 1]!)) continue;
    let j = i + 1;
    while (j < labels.length && labels[j] === 4) j++;
    if (labels[j] !== 1) continue;
    let k = j + 1;
    while (k < labels.length && labels[k] === 2 && folded[k] !== ',') k++;
    if (folded[k] !== ',' || sentenceOf[k] !== sentenceOf[i]) continue;
    let end = k + 1;
    while (end < labels.length && sentenceOf[end] === sentenceOf[i]) end++;
    while (end > k + 1 && /^[.!?…]+$/u.test(tokens[end - 1]!.text)) end--;
    if (end - k - 1 < 2) continue;
    for (let m = j + 1; m <= k; m++) if (labels[m] === 1 || labels[m] === 2) labels[m] = m === k ? 0 : 2;
    labels[k] = 0;
    for (let m = k + 1; m < end; m++) labels[m] = m === k + 1 ? 5 : 6;
    i = end;
  }
}

const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);

/**
 * "… on his X account: “…”": a span after a possessive is what the speaker owns (a channel, an account), not the
 * speaker. Its source tags go; the cue then finds the speaker named before it.
 */
export function ownedIsNoSource(ctx: TokenContext, labels: Uint8Array): void {
  for (let i = 1; i < labels.length; i++) {
    if (labels[i] !== 1 || !POSSESSIVES.has(ctx.folded[i - 1]!) || labels[i - 1] !== 0) continue;
    let j = i;
    do labels[j++] = 0;
    while (j < labels.length && labels[j] === 2);
  }
}

/** Joins content fragments the tagger split with nothing but O tokens (at most `gap`) between them, in one sentence. */
function mergeContent(ctx: TokenContext, labels: Uint8Array, gap: number): void {
  let lastQ = -1;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y === 5 && lastQ >= 0 && i - lastQ - 1 <= gap && ctx.sentenceOf[lastQ] === ctx.sentenceOf[i]) {
      for (let k = lastQ + 1; k <= i; k++) labels[k] = 6;
    }
    if (y === 5 || y === 6) lastQ = i;
    else if (y !== 0) lastQ = -1;
  }
}

/**
 * A paragraph that ends a quote it never opened ("If it is verified …, and at most … relations,” González-Olaechea
 * told Peru21." — seed 000 lost its opening mark): when a content ends at a closing mark with no opening mark
 * before it in the paragraph (and the tagger saw some content before the mark), and a cue follows within a few
 * tokens, the quote runs from the paragraph start to the mark.
 */
function quoteWithoutOpening(tokens: readonly Token[], ctx: TokenContext, labels: Uint8Array): void {
  for (let b = 0; b + 1 < ctx.blocks.length; b++) {
    const from = ctx.blocks[b]!;
    const to = ctx.blocks[b + 1]!;
    let contentSeen = false;
    for (let t = from; t < to; t++) {
      const raw = tokens[t]!.text;
      if (raw === '“' || raw === '"' || raw === '«') break;
      if (labels[t] === 5 || labels[t] === 6) contentSeen = true;
      // the tagger may have ended the content a clause early; a content before the mark is enough
      if (raw !== '”' || !contentSeen) continue;
      let cue = t + 1;
      while (cue < to && cue - t <= 4 && labels[cue] !== 3) cue++;
      if (cue >= to || labels[cue] !== 3) break;
      for (let k = from; k <= t; k++) labels[k] = k === from ? 5 : 6;
      break;
    }
  }
}

/** Tags claims put without a source: the hedge phrase as the cue, the rest of the sentence as content. */
const UNSOURCED_ANY = [...UNSOURCED_PATTERNS, ...SPECULATIVE_PATTERNS];
/** Whether a text holds any of them: one scan of a whole text instead of seven. */
const hasUnsourced = anyCaseless(UNSOURCED_ANY);

function markUnsourced(doc: Readonly<Doc>, labels: Uint8Array): void {
  const tokens = doc.tokens ?? [];
  // most articles have none of these phrases: one pass over the whole text before any per-sentence work
  if (!hasUnsourced(doc.text)) return;
  for (const s of doc.sentences ?? []) {
    const sentence = doc.text.slice(s.start, s.end);
    for (const pattern of UNSOURCED_ANY) {
      const m = pattern.exec(sentence);
      if (!m) continue;
      const start = s.start + m.index;
      const end = start + m[0].length;
      let a = s.tokenStart;
      while (a < s.tokenEnd && tokens[a]!.start < start) a++;
      let b = a;
      while (b < s.tokenEnd && tokens[b]!.end <= end) b++;
      // the content starts at its "that" / "que" (PolNeAR keeps it), over a few words: "se dice en los pasillos del ministerio que …"
      let c = b;
      if (!/\b(?:that|que)$/iu.test(m[0])) {
        for (let t = b; t < Math.min(b + 8, s.tokenEnd); t++) {
          if (/^(?:that|que)$/iu.test(tokens[t]!.text)) {
            c = t;
            break;
          }
          if (/^[.!?…:;«»“”"]$/u.test(tokens[t]!.text)) break;
        }
      }
      if (c === b && c < s.tokenEnd && /^[:,]$/u.test(tokens[c]!.text)) c++;
      let e = s.tokenEnd;
      while (e > c && /^[.!?…]+$/u.test(tokens[e - 1]!.text)) e--;
      if (b === a || e - c < 2) continue;
      // the phrase outranks whatever the tagger saw there ("It" is no source of "it is being said")
      if (labels[e]! === 4 || labels[e]! === 6 || labels[e]! === 2) continue;
      for (let i = a; i < b; i++) labels[i] = i === a ? 3 : 4;
      for (let i = b; i < c; i++) labels[i] = 0;
      for (let i = c; i < e; i++) labels[i] = i === c ? 5 : 6;
      break;
    }
  }
}

export interface QuotesOptions {
  /** 'model' (English default when the model is present), or 'rules'. */
  tagger?: 'model' | 'rules';
  /** Move content edges with the learned edge model (English model tagger; default true when the model is shipped). */
  edges?: boolean;
  /** Move cue edges with the learned cue-edge model (default true when the model is shipped). */
  cueEdges?: boolean;
}

/** The tags the quotes stage turns into relations, with the token context they were computed from. */
export interface AttributionLabels {
  labels: Uint8Array;
  tctx: TokenContext;
  lang: 'en' | 'es';
}

/**
 * Tags every token Source / Cue / Content (model.ts LABELS) and applies the label repairs; `edges: false` leaves the
 * content edges as the tagger put them (how scripts/train-attribution-edges.ts sees them).
 */
export function attributionLabels(doc: Readonly<Doc>, ctx: StageContext = { models: new Map() }, options: QuotesOptions = {}): AttributionLabels {
  const lang = doc.meta.language === 'es' ? 'es' : 'en';
  const tokens = doc.tokens ?? [];
  const fromCtx = ctx.models.get('attribution-en');
  const model = lang === 'en' && options.tagger !== 'rules' ? (fromCtx instanceof AttributionModel ? withClusters(fromCtx) : loadAttributionModel()) : null;
  // a first pass given by the caller pairs only with a second pass (and edge model) given with it (they are trained together)
  const stackFromCtx = ctx.models.get('attribution-en-stack');
  const second = !model ? null : fromCtx instanceof AttributionModel ? (stackFromCtx instanceof AttributionModel ? withClusters(stackFromCtx, true) : null) : loadStackModel();
  const edgesFromCtx = ctx.models.get('attribution-en-edges');
  const edges = !model || options.edges === false ? null : fromCtx instanceof AttributionModel ? (edgesFromCtx instanceof EdgeModel ? edgesFromCtx : null) : loadEdgeModel();
  const cueEdgesFromCtx = ctx.models.get('attribution-en-cue-edges');
  const cueEdges = !model || options.cueEdges === false ? null : fromCtx instanceof AttributionModel ? (cueEdgesFromCtx instanceof EdgeModel ? cueEdgesFromCtx : null) : loadCueEdgeModel();
  const tctx = tokenContext(doc.text, tokens, doc.sentences ?? [], model?.clusters ?? null, doc.entities);
  const labels = model ? modelLabels(doc, model, tctx, second) : ruleLabels(doc, lang);
  if (model) {
    leadingAccordingTo(tokens, tctx, labels);
    ownedIsNoSource(tctx, labels);
    mergeContent(tctx, labels, 3);
    quoteWithoutOpening(tokens, tctx, labels);
    if (edges) moveContentEdges(tokens, tctx, labels, edges);
    // after the contents, so the content ranker sees the cues as it learned them
    if (cueEdges) moveContentEdges(tokens, tctx, labels, cueEdges);
  }
  markPassives(doc, tctx, labels);
  markUnsourced(doc, labels);
  return { labels, tctx, lang };
}

/** Finds attribution relations in a doc with tokens, sentences and entities. */
export function findAttributions(doc: Readonly<Doc>, ctx: StageContext = { models: new Map() }, options: QuotesOptions = {}): Attribution[] {
  const { labels, tctx, lang } = attributionLabels(doc, ctx, options);
  const tokens = doc.tokens ?? [];
  const blockOf = new Int32Array(tokens.length);
  for (let b = 0; b + 1 < tctx.blocks.length; b++) blockOf.fill(b, tctx.blocks[b]!, tctx.blocks[b + 1]!);
  return buildAttributions(doc, fragmentsOf(labels, blockOf), tctx.sentenceOf, lang, blockOf);
}

/** The quotes stage: attribution relations by `doc.meta.language` (Spanish by rules, others as English). */
export const quotesStage: Stage<'quotes'> = {
  name: 'quotes',
  requires: ['tokens', 'sentences', 'entities'],
  assigns: ['quotes'],
  run(doc, ctx) {
    return { quotes: findAttributions(doc, ctx) };
  },
};

/** A quotes stage with options (the rule tagger for English, for instance). */
export function createQuotesStage(options: QuotesOptions = {}): Stage<'quotes'> {
  return { ...quotesStage, run: (doc, ctx) => ({ quotes: findAttributions(doc, ctx, options) }) };
}
