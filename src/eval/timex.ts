/**
 * TIMEX scorer after the TempEval-3 Task A rules: strict (same extent) and relaxed (any overlap)
 * extent P/R/F1, type and value accuracy over relaxed matches, and value F1 — all micro-averaged.
 * The document creation time is never scored; the tagger sees only the text and the DCT value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Timex } from '../core/doc.ts';
import { tagTimexes } from '../annotate/timex/index.ts';
import { parseSpanishTimexTsv, parseTimeml, type GoldTimex, type GoldTimexDoc } from './timex-corpus.ts';

export { parseSpanishTimexTsv, parseTimeml, type GoldTimex, type GoldTimexDoc } from './timex-corpus.ts';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  matches: number;
}

/** A gold/system disagreement, kept when `details` is asked for. */
export interface TimexMistake {
  doc: string;
  kind: 'missed' | 'spurious' | 'extent' | 'type' | 'value';
  gold?: { text: string; type: string; value: string };
  system?: { text: string; type: string; value: string };
  context: string;
}

export interface TimexReport {
  corpus: string;
  documents: number;
  gold: number;
  system: number;
  strict: PRF;
  relaxed: PRF;
  /** Correct types / relaxed matches. */
  typeAccuracy: number;
  /** Correct values / relaxed matches. */
  valueAccuracy: number;
  /** typeAccuracy × relaxed F1. */
  typeF1: number;
  /** valueAccuracy × relaxed F1 (the TempEval-3 ranking score). */
  valueF1: number;
  /** Characters tagged per second (tagging time only). */
  charsPerSecond: number;
  mistakes?: TimexMistake[];
}

export interface TimexEvalOptions {
  /** Which documents to score: our development part (every 5th TimeML file by name, every 5th Spanish document in file order), the rest, or all. */
  split?: 'dev' | 'rest' | 'all';
  /** Keep every disagreement in `report.mistakes`. */
  details?: boolean;
}

interface Counts {
  documents: number;
  gold: number;
  system: number;
  strict: number;
  relaxedGold: number;
  relaxedSystem: number;
  typeOk: number;
  valueOk: number;
  chars: number;
  ms: number;
  mistakes: TimexMistake[];
}

type Scored = Pick<Timex, 'start' | 'end' | 'type' | 'value'> & { text?: string };

const emptyCounts = (): Counts => ({
  documents: 0,
  gold: 0,
  system: 0,
  strict: 0,
  relaxedGold: 0,
  relaxedSystem: 0,
  typeOk: 0,
  valueOk: 0,
  chars: 0,
  ms: 0,
  mistakes: [],
});

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Scores one document's system mentions against its gold ones, adding to `counts`. */
function scoreDoc(doc: GoldTimexDoc, system: readonly Scored[], counts: Counts, details: boolean): void {
  counts.documents += 1;
  counts.gold += doc.gold.length;
  counts.system += system.length;
  const context = (s: { start: number; end: number }) => doc.text.slice(Math.max(0, s.start - 60), s.start) + '[' + doc.text.slice(s.start, s.end) + ']' + doc.text.slice(s.end, s.end + 40);
  const show = (s: Scored | GoldTimex) => ({ text: doc.text.slice(s.start, s.end), type: s.type, value: s.value });
  const usedSystem = new Set<number>();
  for (const gold of doc.gold) {
    // Prefer the exact extent, then the system mention with the largest overlap.
    let best = -1;
    let bestOverlap = 0;
    system.forEach((sys, index) => {
      if (usedSystem.has(index) || !overlaps(gold, sys)) return;
      const shared = Math.min(gold.end, sys.end) - Math.max(gold.start, sys.start) + (sys.start === gold.start && sys.end === gold.end ? 1e9 : 0);
      if (shared > bestOverlap) {
        best = index;
        bestOverlap = shared;
      }
    });
    if (best < 0) {
      if (details) counts.mistakes.push({ doc: doc.id, kind: 'missed', gold: show(gold), context: context(gold) });
      continue;
    }
    usedSystem.add(best);
    const sys = system[best]!;
    counts.relaxedGold += 1;
    counts.relaxedSystem += 1;
    const strict = sys.start === gold.start && sys.end === gold.end;
    if (strict) counts.strict += 1;
    if (sys.type === gold.type) counts.typeOk += 1;
    if (sys.value === gold.value) counts.valueOk += 1;
    if (details) {
      const kind = sys.value !== gold.value ? 'value' : sys.type !== gold.type ? 'type' : !strict ? 'extent' : null;
      if (kind) counts.mistakes.push({ doc: doc.id, kind, gold: show(gold), system: show(sys), context: context(gold) });
    }
  }
  if (details) {
    system.forEach((sys, index) => {
      if (!usedSystem.has(index)) counts.mistakes.push({ doc: doc.id, kind: 'spurious', system: show(sys), context: context(sys) });
    });
  }
}

const prf = (matchesSystem: number, matchesGold: number, system: number, gold: number): PRF => {
  const precision = system === 0 ? 0 : matchesSystem / system;
  const recall = gold === 0 ? 0 : matchesGold / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, matches: matchesGold };
};

function report(corpus: string, counts: Counts, details: boolean): TimexReport {
  const relaxed = prf(counts.relaxedSystem, counts.relaxedGold, counts.system, counts.gold);
  const strict = prf(counts.strict, counts.strict, counts.system, counts.gold);
  const typeAccuracy = counts.relaxedGold === 0 ? 0 : counts.typeOk / counts.relaxedGold;
  const valueAccuracy = counts.relaxedGold === 0 ? 0 : counts.valueOk / counts.relaxedGold;
  return {
    corpus,
    documents: counts.documents,
    gold: counts.gold,
    system: counts.system,
    strict,
    relaxed,
    typeAccuracy,
    valueAccuracy,
    typeF1: typeAccuracy * relaxed.f1,
    valueF1: valueAccuracy * relaxed.f1,
    charsPerSecond: counts.ms > 0 ? Math.round((counts.chars / counts.ms) * 1000) : 0,
    ...(details ? { mistakes: counts.mistakes } : {}),
  };
}

function tagTimed(doc: GoldTimexDoc, language: string, counts: Counts): Timex[] {
  const t0 = performance.now();
  const { timexes } = tagTimexes(doc.text, { anchor: doc.dct, language });
  counts.ms += performance.now() - t0;
  counts.chars += doc.text.length;
  return timexes;
}

/** Lists the `.tml` files under `dir` (recursively), sorted by file name. */
export function listTimemlFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isFile()) {
      if (path.endsWith('.tml')) files.push(path);
      return;
    }
    for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return files.sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : a < b ? -1 : 1));
}

/** Our development part of a corpus: every 5th item in corpus order (the 0th, 5th, …); the rest stays unseen. */
export function developmentSplit<T>(items: readonly T[], split: 'dev' | 'rest' | 'all'): T[] {
  if (split === 'all') return [...items];
  return items.filter((_, index) => (index % 5 === 0) === (split === 'dev'));
}

/** Tags every TimeML file under `dir` from its text and DCT alone and scores it against its gold TIMEX3s. */
export function evaluateTimexDir(dir: string, options: TimexEvalOptions = {}): TimexReport {
  const split = options.split ?? 'all';
  const counts = emptyCounts();
  for (const file of developmentSplit(listTimemlFiles(dir), split)) {
    const doc = parseTimeml(readFileSync(file, 'utf8'), basename(file));
    scoreDoc(doc, tagTimed(doc, 'en', counts), counts, options.details ?? false);
  }
  return report(split === 'all' ? dir : `${dir} (${split})`, counts, options.details ?? false);
}

/** Widens each predicted span to the corpus tokens it touches, so it is judged on the gold tokenization. */
export function alignToTokens<S extends { start: number; end: number }>(spans: readonly S[], tokens: readonly { start: number; end: number }[]): S[] {
  const out: S[] = [];
  let lastEnd = -1;
  for (const span of spans) {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < tokens.length && tokens[last]!.start < span.end) last += 1;
    if (last === lo) continue;
    const start = tokens[lo]!.start;
    const end = tokens[last - 1]!.end;
    if (start < lastEnd) continue;
    out.push({ ...span, start, end });
    lastEnd = end;
  }
  return out;
}

/**
 * Scores the Spanish TimeBank BIO file: text rebuilt from tokens, tagged, predictions aligned back to tokens. `split`
 * takes every 5th document in file order as the development part, as for TimeML folders.
 */
export function evaluateTimexSpanishTsv(file: string, options: TimexEvalOptions = {}): TimexReport {
  const split = options.split ?? 'all';
  const counts = emptyCounts();
  for (const doc of developmentSplit(parseSpanishTimexTsv(readFileSync(file, 'utf8')), split)) {
    const system = alignToTokens(tagTimed(doc, 'es', counts), doc.tokens ?? []);
    scoreDoc(doc, system, counts, options.details ?? false);
  }
  return report(split === 'all' ? file : `${file} (${split})`, counts, options.details ?? false);
}

/** Renders a report as a plain-text table. */
export function formatTimexReport(report: TimexReport): string {
  const pct = (x: number) => (x * 100).toFixed(2).padStart(6);
  const rows: [string, string, string, string][] = [
    ['strict extent', pct(report.strict.precision), pct(report.strict.recall), pct(report.strict.f1)],
    ['relaxed extent', pct(report.relaxed.precision), pct(report.relaxed.recall), pct(report.relaxed.f1)],
  ];
  const lines = [
    `TIMEX ${report.corpus}: ${report.documents} documents, ${report.gold} gold, ${report.system} system`,
    '| measure          |      P |      R |     F1 |',
    '|------------------|--------|--------|--------|',
    ...rows.map(([name, p, r, f]) => `| ${name.padEnd(16)} | ${p} | ${r} | ${f} |`),
    '',
    '| attribute | accuracy |     F1 |',
    '|-----------|----------|--------|',
    `| type      |   ${pct(report.typeAccuracy)} | ${pct(report.typeF1)} |`,
    `| value     |   ${pct(report.valueAccuracy)} | ${pct(report.valueF1)} |`,
  ];
  if (report.charsPerSecond > 0) lines.push('', `speed: ${report.charsPerSecond.toLocaleString('en-US')} chars/s`);
  return lines.join('\n');
}
