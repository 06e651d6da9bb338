/**
 * NER evaluation on CoNLL files with conlleval's exact-span rules:
 * a predicted entity counts only when its type, first and last token all match a gold entity.
 * The tagger sees the tokens alone, never the tags.
 */
import { loadNerModel, loadPlaceNames, tagSentences } from '../annotate/entities/index.ts';
import { type ConllSentence, parseConll, spansOf, splitAtDatelines } from './ner-conll.ts';

export { parseConll, spansOf, toIob2 } from './ner-conll.ts';

export interface NerScore {
  precision: number;
  recall: number;
  f1: number;
  /** Entities in the gold file, in the prediction, and exactly matched. */
  gold: number;
  predicted: number;
  correct: number;
}

export interface NerReport {
  lang: 'en' | 'es';
  documents: number;
  sentences: number;
  tokens: number;
  /** Token-level accuracy of the IOB2 labels (conlleval's "accuracy"). */
  accuracy: number;
  overall: NerScore;
  perType: Record<string, NerScore>;
  /** Tagging speed over the file (tokens per second, feature extraction and decoding included). */
  wordsPerSecond: number;
}

const score = (gold: number, predicted: number, correct: number): NerScore => {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
};

/** Scores predicted tag sequences against gold ones (both IOB1 or IOB2, any mix) by exact spans. */
export function scoreNer(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): Pick<NerReport, 'overall' | 'perType' | 'accuracy'> {
  if (gold.length !== predicted.length) throw new Error(`scoreNer: ${gold.length} gold sentences but ${predicted.length} predicted.`);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'predicted' | 'correct') => {
    const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    c[key]++;
    counts.set(type, c);
  };
  let tokens = 0;
  let correctTokens = 0;
  gold.forEach((goldTags, s) => {
    const predTags = predicted[s]!;
    if (goldTags.length !== predTags.length) throw new Error(`scoreNer: sentence ${s} has ${goldTags.length} gold tags but ${predTags.length} predicted.`);
    const g = spansOf(goldTags);
    const p = spansOf(predTags);
    const goldKeys = new Set(g.map((x) => `${x.start}:${x.end}:${x.type}`));
    for (const x of g) bump(x.type, 'gold');
    for (const x of p) {
      bump(x.type, 'predicted');
      if (goldKeys.has(`${x.start}:${x.end}:${x.type}`)) bump(x.type, 'correct');
    }
    const gi = toIob2Local(goldTags);
    const pi = toIob2Local(predTags);
    tokens += gi.length;
    for (let i = 0; i < gi.length; i++) if (gi[i] === pi[i]) correctTokens++;
  });
  const perType: Record<string, NerScore> = {};
  let tg = 0,
    tp = 0,
    tc = 0;
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perType[type] = score(c.gold, c.predicted, c.correct);
    tg += c.gold;
    tp += c.predicted;
    tc += c.correct;
  }
  return { overall: score(tg, tp, tc), perType, accuracy: tokens === 0 ? 0 : correctTokens / tokens };
}

function toIob2Local(tags: readonly string[]): string[] {
  const out = tags.map(() => 'O');
  for (const span of spansOf(tags)) {
    out[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i < span.end; i++) out[i] = `I-${span.type}`;
  }
  return out;
}

/** Tags the tokens of a CoNLL file with the shipped model for `lang` and scores the result. */
export function evaluateNer(conllText: string, lang: 'en' | 'es', options: { consistency?: boolean; prior?: boolean } = {}): NerReport {
  const docs = splitAtDatelines(parseConll(conllText));
  const model = loadNerModel(lang);
  // the typing prior runs as in the entities stage unless `prior: false` asks for the bare tagger
  const tagOptions = { consistency: options.consistency, places: options.prior === false ? undefined : loadPlaceNames() };
  const gold: string[][] = [];
  const predicted: string[][] = [];
  let tokens = 0;
  const started = performance.now();
  for (const doc of docs) {
    const forms = doc.sentences.map((s: ConllSentence) => s.tokens);
    const tags = tagSentences(model, forms, tagOptions).map((t) => t.tags);
    doc.sentences.forEach((s, i) => {
      gold.push(s.tags);
      predicted.push(tags[i]!);
      tokens += s.tokens.length;
    });
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    lang,
    documents: docs.length,
    sentences: gold.length,
    tokens,
    ...scoreNer(gold, predicted),
    wordsPerSecond: seconds > 0 ? tokens / seconds : 0,
  };
}

/** Renders a report as a plain-text table (conlleval's layout, percentages with two decimals). */
export function formatNerReport(report: NerReport): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const row = (name: string, s: NerScore) =>
    `${name.padEnd(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(6)} ${String(s.predicted).padStart(6)} ${String(s.correct).padStart(6)}`;
  const lines = [
    `NER ${report.lang}: ${report.documents} documents, ${report.sentences} sentences, ${report.tokens} tokens; ` +
      `accuracy ${(100 * report.accuracy).toFixed(2)}%; ${Math.round(report.wordsPerSecond)} words/s`,
    `${'type'.padEnd(8)} ${'prec'.padStart(6)} ${'rec'.padStart(6)} ${'F1'.padStart(6)} ${'gold'.padStart(6)} ${'pred'.padStart(6)} ${'corr'.padStart(6)}`,
    ...Object.entries(report.perType).map(([type, s]) => row(type, s)),
    row('overall', report.overall),
  ];
  return lines.join('\n');
}
