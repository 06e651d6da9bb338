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
import type { Attribution, Doc } from '../../core/doc.ts';
import { modelsUrl } from '../../core/package-paths.ts';
import type { Stage, StageContext } from '../../core/pipeline.ts';
import { FEATURES_PER_TOKEN, blockFeatures, tokenContext } from './features.ts';
import { CUE_WORDS, SPECULATIVE_PATTERNS, UNSOURCED_PATTERNS } from './lexicon.ts';
import { AttributionModel } from './model.ts';
import { buildAttributions, fragmentsOf } from './relations.ts';
import { ruleLabels } from './rules.ts';

export { AttributionModel } from './model.ts';
export { hedgeOf } from './hedge.ts';
export { listClaims, type Claim, type ClaimFilter, type StoredArticle } from './claims.ts';

const MODEL_URL = new URL('attribution-en.bin.gz', modelsUrl());
let cached: { model: AttributionModel; cueWords: Set<string> } | null | undefined;

/** Loads (once per process) the English attribution model; null when the file is absent (rules are used). */
export function loadAttributionModel(): AttributionModel | null {
  if (cached === undefined) {
    cached = existsSync(MODEL_URL) ? withCues(AttributionModel.decode(readFileSync(MODEL_URL))) : null;
  }
  return cached?.model ?? null;
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

/** Tags every token with the model, paragraph by paragraph. */
export function modelLabels(doc: Readonly<Doc>, model: AttributionModel, ctx = tokenContext(doc.text, doc.tokens ?? [], doc.sentences ?? [])): Uint8Array {
  const tokens = doc.tokens ?? [];
  const labels = new Uint8Array(tokens.length);
  const cueWords = cueWordsOf(model);
  let feats = new Int32Array(256 * FEATURES_PER_TOKEN);
  for (let b = 0; b + 1 < ctx.blocks.length; b++) {
    const from = ctx.blocks[b]!;
    const to = ctx.blocks[b + 1]!;
    const n = to - from;
    if (n === 0) continue;
    if (feats.length < n * FEATURES_PER_TOKEN) feats = new Int32Array(n * FEATURES_PER_TOKEN * 2);
    blockFeatures(tokens, ctx, from, to, cueWords, feats);
    labels.set(model.decode(feats, n), from);
  }
  return labels;
}

/** Tags claims put without a source: the hedge phrase as the cue, the rest of the sentence as content. */
function markUnsourced(doc: Readonly<Doc>, labels: Uint8Array): void {
  const tokens = doc.tokens ?? [];
  for (const s of doc.sentences ?? []) {
    const sentence = doc.text.slice(s.start, s.end);
    for (const pattern of [...UNSOURCED_PATTERNS, ...SPECULATIVE_PATTERNS]) {
      const m = pattern.exec(sentence);
      if (!m) continue;
      const start = s.start + m.index;
      const end = start + m[0].length;
      let a = s.tokenStart;
      while (a < s.tokenEnd && tokens[a]!.start < start) a++;
      let b = a;
      while (b < s.tokenEnd && tokens[b]!.end <= end) b++;
      let c = b;
      if (c < s.tokenEnd && /^(that|que|:|,)$/iu.test(tokens[c]!.text)) c++;
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
}

/** Finds attribution relations in a doc with tokens, sentences and entities. */
export function findAttributions(doc: Readonly<Doc>, ctx: StageContext = { models: new Map() }, options: QuotesOptions = {}): Attribution[] {
  const lang = doc.meta.language === 'es' ? 'es' : 'en';
  const tokens = doc.tokens ?? [];
  const tctx = tokenContext(doc.text, tokens, doc.sentences ?? []);
  const fromCtx = ctx.models.get('attribution-en');
  const model = lang === 'en' && options.tagger !== 'rules' ? (fromCtx instanceof AttributionModel ? fromCtx : loadAttributionModel()) : null;
  const labels = model ? modelLabels(doc, model, tctx) : ruleLabels(doc, lang);
  markUnsourced(doc, labels);
  const blockOf = new Int32Array(tokens.length);
  for (let b = 0; b + 1 < tctx.blocks.length; b++) blockOf.fill(b, tctx.blocks[b]!, tctx.blocks[b + 1]!);
  return buildAttributions(doc, fragmentsOf(labels, blockOf), tctx.sentenceOf, lang);
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
