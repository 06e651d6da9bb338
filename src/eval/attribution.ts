/**
 * Attribution scoring on a folder in PolNeAR's layout (`text/*.txt`, brat `attributions/*.ann`).
 *
 * The tagger sees only the raw text: tokens → sentences → entities → quotes run on a Doc built from
 * the .txt (language 'en' unless told, no date). Source, cue and content spans are scored per role, each span a
 * list of fragments, by exact match (all fragments equal) and by token overlap (a predicted span earns
 * the share of its tokens that the best-matching gold span covers, and the other way round for recall).
 */
import { createHash } from 'node:crypto';
import { type Attribution, bareMeta, type Doc, type Span, type Token } from '../core/doc.ts';
import { type AnyStage, buildPipeline } from '../core/pipeline.ts';
import { tokensStage } from '../annotate/tokens/index.ts';
import { sentencesStage } from '../annotate/sentences/index.ts';
import { entitiesStage } from '../annotate/entities/index.ts';
import { quotesStage } from '../annotate/quotes/index.ts';
import { type GoldAttribution, listBratPairs, readBratPair } from './attribution-brat.ts';

export { codePointToUtf16, listBratPairs, parseBrat, readBratPair } from './attribution-brat.ts';
export type { BratDocument, BratPair, GoldAttribution } from './attribution-brat.ts';

export type AttributionRole = 'source' | 'cue' | 'content';
export const ATTRIBUTION_ROLES: readonly AttributionRole[] = ['source', 'cue', 'content'];

export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RoleScore {
  gold: number;
  predicted: number;
  /** Spans matched exactly (every fragment equal). */
  correct: number;
  exact: PrfScore;
  /** Proportional token overlap. */
  overlap: PrfScore;
}

export interface AttributionReport {
  dir: string;
  documents: number;
  words: number;
  goldAttributions: number;
  predictedAttributions: number;
  roles: Record<AttributionRole, RoleScore>;
  /** Whole attributions: source, cue and content all exact in one predicted relation (no source on both sides counts as equal). */
  linked: { gold: number; predicted: number; correct: number; exact: PrfScore };
  /** Speed of the quotes stage alone (its input layers already built), in tokens per second. */
  wordsPerSecond: number;
  /** Speed of the whole pipeline from raw text (tokens, sentences, entities, quotes). */
  pipelineWordsPerSecond: number;
  problems: string[];
}

/** Running counts for one role, summed over documents. */
export interface RoleTally {
  gold: number;
  predicted: number;
  correct: number;
  /** Sum over predicted spans of the best token-overlap share, and over gold spans. */
  precisionMass: number;
  recallMass: number;
}

const emptyTally = (): RoleTally => ({ gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 });

const prf = (precision: number, recall: number): PrfScore => ({
  precision,
  recall,
  f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
});

const keyOf = (fragments: readonly Span[]) => fragments.map((f) => `${f.start}-${f.end}`).join(',');

/** Token indices covered (even partly) by the fragments; tokens are sorted and disjoint. */
function tokenSet(tokens: readonly Token[], fragments: readonly Span[]): Set<number> {
  const out = new Set<number>();
  for (const f of fragments) {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < f.end; i++) out.add(i);
  }
  return out;
}

/** Adds one document's spans of one role to a tally: gold and predicted spans, each a fragment list; duplicates count once. */
export function tallyRole(tally: RoleTally, tokens: readonly Token[], gold: readonly (readonly Span[])[], predicted: readonly (readonly Span[])[]): void {
  const uniq = (spans: readonly (readonly Span[])[]) => {
    const seen = new Map<string, readonly Span[]>();
    for (const s of spans) if (s.length > 0) seen.set(keyOf(s), s);
    return seen;
  };
  const g = uniq(gold);
  const p = uniq(predicted);
  tally.gold += g.size;
  tally.predicted += p.size;
  for (const key of p.keys()) if (g.has(key)) tally.correct++;
  const gSets = [...g.values()].map((s) => tokenSet(tokens, s));
  const pSets = [...p.values()].map((s) => tokenSet(tokens, s));
  const best = (from: Set<number>[], to: Set<number>[]) => {
    let mass = 0;
    for (const a of from) {
      if (a.size === 0) continue;
      let top = 0;
      for (const b of to) {
        let shared = 0;
        for (const t of a) if (b.has(t)) shared++;
        if (shared > top) top = shared;
      }
      mass += top / a.size;
    }
    return mass;
  };
  tally.precisionMass += best(pSets, gSets);
  tally.recallMass += best(gSets, pSets);
}

/** Turns a tally into exact and overlap P/R/F1. */
export function scoreTally(t: RoleTally): RoleScore {
  return {
    gold: t.gold,
    predicted: t.predicted,
    correct: t.correct,
    exact: prf(t.predicted ? t.correct / t.predicted : 0, t.gold ? t.correct / t.gold : 0),
    overlap: prf(t.predicted ? t.precisionMass / t.predicted : 0, t.gold ? t.recallMass / t.gold : 0),
  };
}

/** The spans of each role in gold attributions. */
export function goldSpans(gold: readonly GoldAttribution[]): Record<AttributionRole, Span[][]> {
  return {
    source: gold.flatMap((a) => (a.source ? [a.source] : [])),
    cue: gold.map((a) => a.cue),
    content: gold.flatMap((a) => a.content),
  };
}

/** The spans of each role in predicted attributions. */
export function predictedSpans(quotes: readonly Attribution[]): Record<AttributionRole, Span[][]> {
  return {
    source: quotes.flatMap((a) => (a.source ? [[a.source]] : [])),
    cue: quotes.map((a) => [a.cue]),
    content: quotes.filter((a) => a.content.length > 0).map((a) => a.content),
  };
}

/** One attribution as a key: its source, cue and content fragments, each exact. */
const tripleKey = (source: readonly Span[] | null, cue: readonly Span[], content: readonly (readonly Span[])[]) => `${source ? keyOf(source) : '-'}|${keyOf(cue)}|${content.map(keyOf).join(';')}`;

/**
 * Counts whole attributions found exactly: a predicted relation is right when some gold attribution has the same
 * source, cue and content (its content fragments, in order). Duplicates count once on each side.
 */
export function tallyLinked(gold: readonly GoldAttribution[], predicted: readonly Attribution[]): { gold: number; predicted: number; correct: number } {
  const g = new Set(gold.map((a) => tripleKey(a.source, a.cue, [a.content.flat().sort((x, y) => x.start - y.start)])));
  const p = new Set(predicted.map((a) => tripleKey(a.source ? [a.source] : null, [a.cue], [a.content])));
  let correct = 0;
  for (const k of p) if (g.has(k)) correct++;
  return { gold: g.size, predicted: p.size, correct };
}

/** A bare Doc around a text, as ingest would build it without metadata. */
export function docFromText(text: string, language = 'en', source = 'eval'): Doc {
  const contentHash = createHash('sha256').update(text).digest('hex');
  return {
    id: contentHash.slice(0, 16),
    contentHash,
    text,
    meta: bareMeta(source, language),
    sourceMap: [],
    messages: [],
  };
}

export interface AttributionEvalOptions {
  /** Score only the first N articles (by name). */
  limit?: number;
  /** The stage under test; the shipped quotes stage by default. */
  stage?: AnyStage;
  /** Language the Doc is given ('en' by default: PolNeAR is English). */
  language?: string;
}

/** Scores the quotes stage on a PolNeAR-layout folder. */
export function evaluateAttributionDir(dir: string, options: AttributionEvalOptions = {}): AttributionReport {
  const stage = options.stage ?? quotesStage;
  const before = buildPipeline([tokensStage, sentencesStage, entitiesStage]);
  let pairs = listBratPairs(dir);
  if (options.limit !== undefined) pairs = pairs.slice(0, options.limit);
  const tallies: Record<AttributionRole, RoleTally> = { source: emptyTally(), cue: emptyTally(), content: emptyTally() };
  const problems: string[] = [];
  let words = 0;
  let goldCount = 0;
  let predCount = 0;
  const linked = { gold: 0, predicted: 0, correct: 0 };
  let stageMs = 0;
  let pipelineMs = 0;
  // models load on the first call: warm the stage once, untimed, so the speed is the tagging alone
  if (pairs[0]) stage.run(before.run(docFromText(readBratPair(pairs[0]).text, options.language ?? 'en')), { models: new Map() });
  for (const pair of pairs) {
    const { text, gold } = readBratPair(pair);
    problems.push(...gold.problems.map((p) => `${pair.name}: ${p}`));
    const t0 = performance.now();
    const doc = before.run(docFromText(text, options.language ?? 'en', pair.textPath));
    const t1 = performance.now();
    const quotes = stage.run(doc, { models: new Map() }).quotes ?? [];
    const t2 = performance.now();
    stageMs += t2 - t1;
    pipelineMs += t2 - t0;
    const tokens = doc.tokens ?? [];
    words += tokens.length;
    goldCount += gold.attributions.length;
    predCount += quotes.length;
    const g = goldSpans(gold.attributions);
    const p = predictedSpans(quotes);
    for (const role of ATTRIBUTION_ROLES) tallyRole(tallies[role], tokens, g[role], p[role]);
    const l = tallyLinked(gold.attributions, quotes);
    linked.gold += l.gold;
    linked.predicted += l.predicted;
    linked.correct += l.correct;
  }
  return {
    dir,
    documents: pairs.length,
    words,
    goldAttributions: goldCount,
    predictedAttributions: predCount,
    roles: { source: scoreTally(tallies.source), cue: scoreTally(tallies.cue), content: scoreTally(tallies.content) },
    linked: { ...linked, exact: prf(linked.predicted ? linked.correct / linked.predicted : 0, linked.gold ? linked.correct / linked.gold : 0) },
    wordsPerSecond: stageMs > 0 ? Math.round(words / (stageMs / 1000)) : 0,
    pipelineWordsPerSecond: pipelineMs > 0 ? Math.round(words / (pipelineMs / 1000)) : 0,
    problems,
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** A plain-text table of an attribution report. */
export function formatAttributionReport(report: AttributionReport): string {
  const lines = [
    `attribution: ${report.documents} documents, ${report.words} tokens, ${report.goldAttributions} gold / ${report.predictedAttributions} predicted attributions`,
    'role      gold  pred  exact P     R    F1 | overlap P     R    F1',
  ];
  for (const role of ATTRIBUTION_ROLES) {
    const r = report.roles[role];
    lines.push(
      `${role.padEnd(8)} ${String(r.gold).padStart(5)} ${String(r.predicted).padStart(5)}   ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)} |   ${pct(r.overlap.precision)} ${pct(r.overlap.recall)} ${pct(r.overlap.f1)}`,
    );
  }
  const l = report.linked;
  lines.push(
    `${'linked'.padEnd(8)} ${String(l.gold).padStart(5)} ${String(l.predicted).padStart(5)}   ${pct(l.exact.precision)} ${pct(l.exact.recall)} ${pct(l.exact.f1)} |   (source, cue and content exact in one attribution)`,
  );
  lines.push(`speed: quotes stage ${report.wordsPerSecond.toLocaleString('en')} words/s; whole pipeline ${report.pipelineWordsPerSecond.toLocaleString('en')} words/s`);
  if (report.problems.length) lines.push(`${report.problems.length} unreadable annotation lines (first: ${report.problems[0]})`);
  return lines.join('\n');
}
