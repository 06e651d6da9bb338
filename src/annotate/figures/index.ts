/**
 * The figures stage: quantities with what they count (deaths, injured, detained, votes, seats,
 * approval, money, troops, prison sentences), of whom, where, as of when, how firmly (approximation
 * markers), whether they are running totals, and itemized lists with a check that the parts add up;
 * for terms, their kind, status and instance (term.ts); for votes, tallies and shares (votes.ts); and who gave
 * the figure (counter.ts). Rule-based over a light scan of the text; uses the timexes layer for dates and,
 * when present, entities for places, people and counters.
 */
import type { DocMessage, EntityMention, Figure, FigureMeasure, FigureTerm, TextSpan, Timex } from '../../core/doc.ts';
import type { Stage } from '../../core/pipeline.ts';
import { SpanIndex } from '../../core/span-index.ts';
import { eventDate } from '../events/index.ts';
import {
  abstainWords,
  againstWords,
  ageAfter,
  approvalWords,
  approxMarkers,
  crowdVerbs,
  cueOf,
  cumulativeBefore,
  cumulativePhrases,
  framingNouns,
  perfectAuxiliaries,
  currencyAdjectives,
  currencySigns,
  currencyWords,
  determiners,
  disapprovalWords,
  forWords,
  nationwide,
  neededWords,
  notPlaces,
  peopleNouns,
  percentWords,
  placeNouns,
  placePrepositions,
  referenceWords,
  securityNouns,
  sinceWords,
  voteWords,
} from './lexicon.ts';
import { readNumber } from './numbers.ts';
import { chooseCounter, type CounterSpan, sentenceCounters } from './counter.ts';
import { composeDuration, readDuration, readTerm } from './term.ts';
import { isElectoral, percentVoteMeasure, readTally } from './votes.ts';
import { fold, type Piece, scanPieces, touching } from './scan.ts';

export { fold } from './scan.ts';
export { parseDigits } from './numbers.ts';

/**
 * What the figures layer carries beyond the core `Figure` type: whether the figure is a running total
 * and the date it counts from. (Proposed for `Figure` in src/core/doc.ts; stored as JSON either way.)
 */
export interface FigureExtras {
  /** A running total ("since October 29", "the toll rose to", "hasta ahora"). */
  cumulative?: boolean;
  /** The date a running total counts from (TIMEX3 calendar value). */
  since?: string;
}
export type FigureFact = Figure & FigureExtras;

export interface FigureOptions {
  language: string;
  timexes?: readonly Timex[];
  entities?: readonly EntityMention[];
  /** The article's date; a "since" date after it is a misread and is dropped with a message. */
  published?: string | null;
}

interface PlaceCand {
  start: number;
  end: number;
  /** Piece index where the name starts, and of the preposition before it (or the name itself). */
  piece: number;
  prep: number;
  /** `entity`: a LOC mention that no place pattern found, the last resort. */
  level: 'specific' | 'name' | 'area' | 'entity';
  clause: number;
  sentence: number;
}

interface Cand {
  from: number;
  to: number;
  start: number;
  end: number;
  value: number;
  high?: number;
  approx?: Figure['approx'];
  unit: string;
  duration?: string;
  term?: FigureTerm;
  /** Who gave the figure, as pieces of its sentence. */
  counter?: CounterSpan;
  /** The term's `first` instance is a default, which an article about an appeal ruling overrides. */
  termAssumed?: boolean;
  measure: FigureMeasure | null;
  cue?: number;
  confidence: number;
  subject?: { from: number; to: number };
  weakWord: boolean;
  sentence: number;
  clause: number;
  cumulative: boolean;
  since?: string;
  place?: PlaceCand;
  date?: string;
  /** The whole this figure is a part of ("Five of them", "Tumbá (17)"). */
  partOf?: Cand;
  parts?: Cand[];
  /** "the seventeen victims" in "Twelve of the seventeen victims": a back-reference, dated by nothing. */
  reference?: boolean;
  listPart?: boolean;
  nationwide?: boolean;
}

const functionWords = new Set([
  'the',
  'a',
  'an',
  'of',
  'de',
  'del',
  'la',
  'el',
  'los',
  'las',
  'and',
  'y',
  'or',
  'o',
  'were',
  'was',
  'are',
  'is',
  'have',
  'has',
  'had',
  'been',
  'be',
  'being',
  'han',
  'ha',
  'habian',
  'fueron',
  'fue',
  'son',
  'eran',
  'estan',
  'more',
  'than',
  'in',
  'en',
  'at',
  'on',
  'to',
  'for',
  'por',
  'para',
  'with',
  'con',
  'who',
  'that',
  'which',
  'que',
  'quienes',
  'mas',
  'per',
  'cent',
  'by',
  'from',
  'as',
  'into',
  'se',
  'lo',
  'le',
  'les',
  'su',
  'sus',
  'his',
  'her',
  'its',
  'their',
  'them',
  'ellos',
  'ellas',
  'these',
  'those',
  'estos',
  'estas',
  'this',
  'it',
  'not',
  'no',
  'would',
  'will',
  'could',
  'may',
  'might',
  'should',
  'can',
  'than',
  'about',
  'after',
  'before',
  'since',
  'desde',
  'during',
  'durante',
  'until',
  'hasta',
  'when',
  'where',
  'while',
  'if',
  'but',
  'pero',
  'sin',
  'without',
  'also',
  'tambien',
  'only',
  'solo',
  'just',
  'all',
  'todos',
  'todas',
  'other',
  'otros',
  'otras',
  'each',
  'cada',
  'per',
  'times',
  'veces',
  'out',
  'up',
  'down',
  'off',
  'over',
  'under',
  'so',
  'then',
  'now',
  'ya',
  'nationwide',
  'national',
  'nationally',
  'against',
  'favour',
  'contra',
  'there',
  'here',
  'away',
  'ago',
  'later',
  'earlier',
  'alli',
  'aqui',
  'atras',
]);
const statementVerbs = new Set([
  'said',
  'says',
  'told',
  'announced',
  'reported',
  'stated',
  'confirmed',
  'added',
  'declared',
  'dijo',
  'afirmo',
  'informo',
  'senalo',
  'anuncio',
  'declaro',
  'indico',
  'reporto',
  'confirmo',
  'preciso',
  'explico',
  'agrego',
  'sostuvo',
]);
const partitivePronouns = new Set(['them', 'these', 'those', 'ellos', 'ellas', 'estos', 'estas', 'esos', 'esas', 'whom', 'which', 'los', 'las', 'cuales']);
const fractionWords = new Set(['half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'fifth', 'fifths', 'tercio', 'tercios', 'cuarto', 'cuartos', 'mitad', 'quinto', 'quintos']);
/** Measures that can be running totals; a sentence, a vote or a sum of money is not. */
const runningMeasures = new Set<FigureMeasure>(['killed', 'injured', 'hospitalized', 'detained', 'missing', 'displaced']);
const weakWords = new Set(['one', 'a', 'an', 'un', 'una', 'uno']);

/** Finds the figures in `text`; never throws on any input. Returned figures are sorted, with `parts` as indices. */
export function findFigures(text: string, options: FigureOptions): { figures: FigureFact[]; messages: DocMessage[] } {
  const language = options.language === 'es' ? 'es' : 'en';
  const pieces = scanPieces(text);
  const timexes = options.timexes ?? [];
  const messages: DocMessage[] = [];
  if (pieces.length === 0) return { figures: [], messages };

  // Which pieces fall inside which timex.
  const inTimex = new Int32Array(pieces.length).fill(-1);
  for (let t = 0, k = 0; t < timexes.length; t++) {
    const tx = timexes[t]!;
    while (k < pieces.length && pieces[k]!.end <= tx.start) k++;
    for (let j = k; j < pieces.length && pieces[j]!.start < tx.end; j++) if (pieces[j]!.end > tx.start) inTimex[j] = t;
  }
  const pieceAt = (offset: number): number => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const phoneSpans = [...text.matchAll(/(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}|\+\d[\d\s.-]{6,}\d|\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{3,4}/g)]
    .filter((m) => (m[0].match(/\d/g)?.length ?? 0) >= 7)
    .map((m) => [m.index, m.index + m[0].length] as const);
  const inPhone = (p: Piece) => phoneSpans.some(([s, e]) => p.start >= s && p.end <= e);

  const places = findPlaces(pieces, inTimex, options.entities ?? []);
  const consumed = new Uint8Array(pieces.length);
  const cands: Cand[] = [];
  const lists = findLists(pieces, consumed, options.entities ?? []);
  const electoral = isElectoral(pieces);

  for (let i = 0; i < pieces.length; i++) {
    if (consumed[i]) continue;
    const p = pieces[i]!;
    if (p.kind === 'punct') continue;
    if (p.kind === 'word' && !mayStartNumber(p.key)) continue;
    const tIdx = inTimex[i]!;
    const tx = tIdx >= 0 ? timexes[tIdx]! : null;
    // A timex that is only a year-shaped number may be a count ("about 2000 protesters").
    if (tx && tx.type !== 'DURATION' && !(p.kind === 'num' && tx.start >= p.start && tx.end <= p.end && yearShapedCount(pieces, i))) continue;
    const tally = p.kind === 'num' ? readTally(pieces, i) : null;
    if (tally) {
      // "passed 101-6-10": for, against and abstentions, in that order.
      const order: FigureMeasure[] = ['votes_for', 'votes_against', 'abstentions'];
      tally.numbers.forEach((k, n) => {
        const q = pieces[k]!;
        cands.push({
          from: k,
          to: k + 1,
          start: q.start,
          end: q.end,
          value: Number(q.text),
          unit: 'count',
          measure: order[n]!,
          confidence: 0.8,
          weakWord: false,
          sentence: q.sentence,
          clause: q.clause,
          cumulative: false,
        });
      });
      i = tally.numbers[tally.numbers.length - 1]!;
      continue;
    }
    if (p.kind === 'num' && isNegativeNumber(pieces, i, text)) continue;
    if (inPhone(p)) continue;
    const read = readNumber(pieces, i, language);
    if (!read) continue;
    const cand = analyse(pieces, read, language, tx?.type === 'DURATION', electoral);
    if (!cand) {
      i = read.to - 1;
      continue;
    }
    cands.push(cand);
    i = Math.max(i, cand.to - 1);
  }

  // "tras la muerte de Efraín Ostos": a named person's death is one death, when the tagger says the name is a person's.
  for (const e of options.entities ?? []) {
    if (e.type !== 'PER') continue;
    const k = pieceAt(e.start);
    const of = pieces[k - 1];
    const noun = pieces[k - 2];
    if (!of || !noun || pieces[k]!.start !== e.start || !(of.key === 'de' || of.key === 'of') || !deathNouns.has(noun.key) || cands.some((c) => c.from <= k && k < c.to)) continue;
    const last = pieceAt(Math.max(e.start, e.end - 1));
    cands.push({
      from: k - 2,
      to: last + 1,
      start: noun.start,
      end: e.end,
      value: 1,
      unit: 'count',
      measure: 'killed',
      confidence: 0.6,
      weakWord: false,
      subject: { from: k, to: last + 1 },
      sentence: noun.sentence,
      clause: noun.clause,
      cumulative: false,
    });
  }

  // Parts and wholes: "N of them", "N of the M X", ellipsis "two in Huaranca and one in Alcaraví".
  linkPartitives(pieces, cands);
  for (const list of lists) attachList(pieces, list, cands, messages, text);
  cands.sort((a, b) => a.start - b.start || a.end - b.end);

  // Places and timexes by sentence, so each figure looks only at its own sentence (linear in the text).
  const placesBySentence = new Map<number, PlaceCand[]>();
  for (const pl of places) if (!consumed[pl.piece]) (placesBySentence.get(pl.sentence) ?? placesBySentence.set(pl.sentence, []).get(pl.sentence)!).push(pl);
  const timexesBySentence = new Map<number, Timex[]>();
  for (const tx of timexes) {
    const sentence = pieces[pieceAt(tx.start)]!.sentence;
    (timexesBySentence.get(sentence) ?? timexesBySentence.set(sentence, []).get(sentence)!).push(tx);
  }
  // An article about an appeal ruling ("ratificó la sentencia de diez años") tells the other terms it lists
  // as that ruling's ("también siguen condenados a diez años") unless their own sentence dates them.
  let appealRuling = false;
  for (const c of cands) {
    if (!c.term) continue;
    if (c.term.status === 'ratified') appealRuling = true;
    else if (appealRuling && c.termAssumed && c.term.status === 'imposed' && !(timexesBySentence.get(c.sentence) ?? []).some((tx) => tx.type === 'DATE' || tx.type === 'TIME'))
      c.term = { ...c.term, status: 'ratified', instance: 'appeal' };
  }
  const countersBySentence = new Map<number, ReturnType<typeof sentenceCounters>>();
  const entities = options.entities ?? [];
  for (const c of cands) {
    if (c.measure === null || (c.measure === 'other' && !c.term)) continue;
    let counters = countersBySentence.get(c.sentence);
    if (!counters) {
      const [a, b] = groupRange(pieces, 'sentences', c.sentence);
      counters = sentenceCounters(pieces, a, b, entities);
      countersBySentence.set(c.sentence, counters);
    }
    c.counter = chooseCounter(counters, c.from, c.to);
  }
  for (const c of cands) {
    if (c.measure === null || c.measure === 'other') continue;
    const sentenceTimexes = timexesBySentence.get(c.sentence) ?? [];
    if (runningMeasures.has(c.measure)) markCumulative(pieces, c, sentenceTimexes, pieceAt, options.published ?? null, messages);
    if (c.listPart) continue;
    c.place = choosePlace(pieces, c, placesBySentence.get(c.sentence) ?? []);
    if (!c.reference) c.date = chooseDate(pieces, c, sentenceTimexes, pieceAt);
    if (c.measure === 'sentence') {
      c.place = undefined;
      const who = sentencedPerson(pieces, c, options.entities ?? []);
      if (who) c.subject = who;
    }
  }
  for (const c of cands) {
    if (c.partOf) {
      c.cumulative = c.partOf.cumulative;
      if (c.partOf.since) c.since = c.partOf.since;
    }
  }

  const kept = cands.filter((c) => c.measure !== null && !(c.weakWord && (c.measure === 'other' || c.confidence < 0.6)));
  const index = new Map<Cand, number>();
  kept.forEach((c, k) => index.set(c, k));
  const figures: FigureFact[] = kept.map((c) => {
    const figure: FigureFact = { start: c.start, end: c.end, text: text.slice(c.start, c.end), measure: c.measure!, value: c.value, unit: c.unit, confidence: c.confidence };
    if (c.high !== undefined) figure.high = c.high;
    if (c.duration) figure.duration = c.duration;
    if (c.term) figure.term = c.term;
    if (c.counter) figure.counter = span(text, pieces[c.counter.from]!.start, pieces[c.counter.to - 1]!.end);
    if (c.approx) figure.approx = c.approx;
    if (c.subject) figure.subject = span(text, pieces[c.subject.from]!.start, pieces[c.subject.to - 1]!.end);
    if (c.place) figure.place = span(text, c.place.start, c.place.end);
    if (c.date) figure.date = c.date;
    if (c.cumulative) figure.cumulative = true;
    if (c.since) figure.since = c.since;
    const parts = c.parts?.filter((part) => index.has(part));
    if (parts && parts.length >= 2) {
      figure.parts = parts.map((part) => index.get(part)!).sort((a, b) => a - b);
      const sum = parts.reduce((s, part) => s + part.value, 0);
      figure.partsAddUp = Math.abs(sum - c.value) < 1e-9;
      if (!figure.partsAddUp) {
        messages.push({ start: c.start, end: c.end, rule: 'figures:parts-do-not-add-up', reason: `The parts listed add up to ${sum}, not to the total of ${c.value}.` });
      }
    }
    return figure;
  });
  messages.sort((a, b) => a.start - b.start || a.end - b.end);
  return { figures, messages };
}

const rangeCache = new WeakMap<readonly Piece[], { sentences: Map<number, [number, number]>; clauses: Map<number, [number, number]> }>();

/** The pieces of one sentence or clause, found once per scan (keeps the stage linear in the text). */
function group(pieces: readonly Piece[], kind: 'sentences' | 'clauses', id: number): readonly Piece[] {
  const [a, b] = groupRange(pieces, kind, id);
  return pieces.slice(a, b);
}

/** Piece index range [from, to) of one sentence or clause. */
function groupRange(pieces: readonly Piece[], kind: 'sentences' | 'clauses', id: number): [number, number] {
  let cached = rangeCache.get(pieces);
  if (!cached) {
    cached = { sentences: new Map(), clauses: new Map() };
    pieces.forEach((q, k) => {
      const s = cached!.sentences.get(q.sentence);
      if (s) s[1] = k + 1;
      else cached!.sentences.set(q.sentence, [k, k + 1]);
      const c = cached!.clauses.get(q.clause);
      if (c) c[1] = k + 1;
      else cached!.clauses.set(q.clause, [k, k + 1]);
    });
    rangeCache.set(pieces, cached);
  }
  return cached[kind].get(id) ?? [0, 0];
}

/** Per scan, per fact, per kind of group: the values by group id (maps of maps, so no key string is built per lookup). */
const factCache = new WeakMap<readonly Piece[], Map<string, { sentences: Map<number, unknown>; clauses: Map<number, unknown> }>>();

/**
 * A fact about one sentence or clause (whether it holds a vote word, where its cues are), computed once per scan: a
 * run-on text with thousands of numbers in one sentence would otherwise be read again for every number in it.
 */
function groupFact<T>(pieces: readonly Piece[], kind: 'sentences' | 'clauses', id: number, fact: string, compute: (from: number, to: number) => T): T {
  let facts = factCache.get(pieces);
  if (!facts) {
    facts = new Map();
    factCache.set(pieces, facts);
  }
  let byKind = facts.get(fact);
  if (!byKind) facts.set(fact, (byKind = { sentences: new Map(), clauses: new Map() }));
  const values = byKind[kind];
  if (values.has(id)) return values.get(id) as T;
  const [from, to] = groupRange(pieces, kind, id);
  const value = compute(from, to);
  values.set(id, value);
  return value;
}

function span(text: string, start: number, end: number): TextSpan {
  return { start, end, text: text.slice(start, end) };
}

const numberStarts = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty ' +
    'seventy eighty ninety a an dozens scores hundreds thousands millions several cero un una uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece ' +
    'catorce quince treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento quinientos quinientas mil decenas docenas cientos centenares miles millares varios varias'
  ).split(' '),
);

/** Whether a folded word may open a number ("seventeen", "diecisiete", "veintitrés", "doscientos"); a set lookup keeps the scan fast. */
function mayStartNumber(key: string): boolean {
  return numberStarts.has(key) || key.startsWith('dieci') || key.startsWith('veint') || ((key.endsWith('cientos') || key.endsWith('cientas')) && key.length > 7);
}

/** Digits that are not quantities: "Peru21", "G20", "COVID-19", "21st", "7:30", years, ages, references. */
function isNegativeNumber(pieces: readonly Piece[], i: number, text: string): boolean {
  const p = pieces[i]!;
  const prev = pieces[i - 1];
  const next = pieces[i + 1];
  if (prev && touching(prev, p) && prev.kind === 'word') return true;
  if (prev && touching(prev, p) && (prev.text === '-' || prev.text === '/' || prev.text === '#' || prev.text === '°') && pieces[i - 2]?.kind !== 'punct' && touching(pieces[i - 2], prev)) return true;
  if (prev && (prev.text === '#' || prev.text === 'º' || prev.text === 'nº') && touching(prev, p)) return true;
  if (next && touching(p, next) && next.kind === 'word' && !['m', 'bn', 'k'].includes(next.key)) return true;
  if (next && touching(p, next) && (next.text === ':' || next.text === '/') && pieces[i + 2]?.kind === 'num' && touching(next, pieces[i + 2])) return true;
  if (/^\d{4}$/.test(p.text) && Number(p.text) >= 1800 && Number(p.text) <= 2100 && !yearShapedCount(pieces, i)) return true;
  // Ages: "a 25-year-old", "58 years old", ", 58," after a name.
  if (next?.text === '-' && pieces[i + 2]?.key === 'year' && pieces[i + 3]?.text === '-' && pieces[i + 4]?.key === 'old') return true;
  if (next?.text === '-' && (pieces[i + 2]?.key === 'ano' || pieces[i + 2]?.key === 'anos')) return true;
  if (ageAfter.some((seq) => seq.every((w, k) => pieces[i + 1 + k]?.key === w))) return true;
  if (prev?.key === 'aged' || prev?.key === 'edad') return true;
  if (prev?.text === ',' && next?.text === ',' && pieces[i - 2]?.kind === 'word' && /^\p{Lu}/u.test(pieces[i - 2]!.text) && Number(p.text) < 120) return true;
  if (prev && prev.kind === 'word' && referenceWords.has(prev.key) && !(prev.key === 'no' && !touching(prev, pieces[i - 0]) && text[prev.end] !== '.')) return true;
  if (prev?.text === '.' && referenceWords.has(pieces[i - 2]?.key ?? '')) return true;
  // "bala (calibre) 22": a reference word in brackets before the number.
  if (prev?.text === ')' && referenceWords.has(pieces[i - 2]?.key ?? '')) return true;
  return false;
}

const deathNouns = new Set(['muerte', 'death', 'asesinato', 'killing', 'murder', 'fallecimiento', 'homicidio']);
const documentNouns = new Set([
  'reports',
  'report',
  'informes',
  'informe',
  'denuncias',
  'denuncia',
  'complaints',
  'querellas',
  'lawsuits',
  'demandas',
  'investigations',
  'investigaciones',
  'procesos',
  'expedientes',
  'files',
  'cases_',
  'videos',
  'photos',
  'fotos',
  'testimonies',
  'testimonios',
  'autopsias',
  'autopsies',
  'total',
]);
const yearPrepositions = new Set([
  'in',
  'en',
  'since',
  'desde',
  'de',
  'of',
  'del',
  'year',
  'ano',
  'until',
  'hasta',
  'by',
  'for',
  'el',
  'the',
  'from',
  'to',
  'a',
  'and',
  'y',
  'before',
  'after',
  'antes',
  'despues',
  'during',
  'durante',
]);
const approxWords = new Set(['about', 'around', 'some', 'nearly', 'almost', 'roughly', 'approximately', 'unos', 'unas', 'aproximadamente', 'casi']);

/** "about 2000 protesters", "unos 1900 manifestantes": a year-shaped number that counts people. */
function yearShapedCount(pieces: readonly Piece[], i: number): boolean {
  const prev = pieces[i - 1]?.key ?? '';
  if (approxWords.has(prev) || (prev === 'de' && (pieces[i - 2]?.key === 'alrededor' || pieces[i - 2]?.key === 'cerca'))) return true;
  const next = pieces[i + 1];
  return !!next && next.kind === 'word' && (peopleNouns.has(next.key) || cueOf(next.key)?.strength === 'weak') && !yearPrepositions.has(prev);
}

/** Reads the unit, measure and subject around a number; null when the number is not a figure. */
function analyse(
  pieces: readonly Piece[],
  read: { from: number; to: number; value: number; approx?: 'about' | 'at_least'; words: boolean },
  language: string,
  inDuration: boolean,
  electoral: boolean,
): Cand | null {
  const first = pieces[read.from]!;
  const sentence = first.sentence;
  const clause = first.clause;
  const sameClause = (k: number) => pieces[k] !== undefined && pieces[k]!.clause === clause;
  let to = read.to;
  let value = read.value;
  let high: number | undefined;
  let approx: Figure['approx'] | undefined = read.approx;
  let weakWord = read.words && weakWords.has(first.key) && read.to - read.from === 1;

  // "one of the", "uno de los", "two-thirds", "four more than", "three times".
  const nextKey = pieces[to]?.key;
  if (read.words && (nextKey === 'of' || nextKey === 'de') && weakWords.has(first.key) && read.to - read.from === 1) return null;
  if (nextKey && fractionWords.has(nextKey)) return null;
  if (pieces[to]?.text === '-' && fractionWords.has(pieces[to + 1]?.key ?? '')) return null;
  if (nextKey === 'more' || nextKey === 'times' || nextKey === 'veces' || nextKey === 'fewer' || nextKey === 'less') return null;
  if (nextKey === 'mas' && pieces[to + 1]?.key !== 'de') return null;

  // Approximation markers and ranges.
  let start = first.start;
  let from = read.from;
  for (const [words, kind] of approxMarkers) {
    const s = read.from - words.length;
    if (s < 0) continue;
    if (words.every((w, k) => pieces[s + k]!.key === w && pieces[s + k]!.clause === clause)) {
      approx = kind;
      start = pieces[s]!.start;
      from = s;
      break;
    }
  }
  // "An indigenous leader and four other people have died": the one named and the others make five.
  if ((nextKey === 'other' || nextKey === 'others' || nextKey === 'otras' || nextKey === 'otros') && (pieces[from - 1]?.key === 'and' || pieces[from - 1]?.key === 'y')) {
    for (let k = from - 2; k >= Math.max(0, from - 6) && pieces[k]!.clause === clause && pieces[k]!.kind === 'word'; k--) {
      const key = pieces[k]!.key;
      if (key === 'a' || key === 'an' || key === 'un' || key === 'una' || key === 'one') {
        value += 1;
        start = pieces[k]!.start;
        from = k;
        break;
      }
    }
  }
  const before = pieces[from - 1];
  const rangeWord = pieces[to];
  if (rangeWord && (rangeWord.key === 'to' || rangeWord.key === 'and' || rangeWord.key === 'y' || rangeWord.key === 'a' || (rangeWord.text === '-' && touching(pieces[to - 1], rangeWord)))) {
    const between = before && (before.key === 'between' || before.key === 'entre');
    const isRange = rangeWord.key === 'and' || rangeWord.key === 'y' ? between : !(before && (before.key === 'from' || before.key === 'de' || before.key === 'desde'));
    const second = isRange ? readNumber(pieces, to + 1, language) : null;
    if (second && second.value > value && second.words === read.words) {
      high = second.value;
      to = second.to;
      if (between) {
        start = before!.start;
        from -= 1;
      }
    }
  }

  // Units: percent, currency, duration.
  let unit = 'count';
  let duration: string | undefined;
  let end = pieces[to - 1]!.end;
  let measure: FigureMeasure | null = null;
  let confidence = 0.9;
  let cue: number | undefined;
  let term: FigureTerm | undefined;
  let termAssumed = false;
  const after = pieces[to];
  const sign = pieces[read.from - 1];
  if (after?.text === '%' || after?.key === 'percent' || (after?.key === 'per' && pieces[to + 1]?.key === 'cent') || (after?.key === 'por' && pieces[to + 1]?.key === 'ciento')) {
    unit = 'percent';
    to += after.text === '%' || after.key === 'percent' ? 1 : 2;
    end = pieces[to - 1]!.end;
  } else if (sign && (currencySigns[sign.text] || (sign.text === '/' && pieces[read.from - 2]?.text === 'S'))) {
    unit = sign.text === '/' ? 'PEN' : currencySigns[sign.text]!;
    const us = pieces[read.from - 2];
    if (sign.text === '$' && us && touching(us, sign) && us.kind === 'word' && us.key !== 'us') unit = us.key === 'r' ? 'BRL' : us.key === 'c' ? 'CAD' : us.key === 'a' ? 'AUD' : 'USD';
    start = Math.min(start, (sign.text === '/' ? pieces[read.from - 2]! : us && touching(us, sign) ? us : sign).start);
    measure = 'money';
  } else {
    const code = currencyAt(pieces, to);
    if (code) {
      unit = code.unit;
      to = code.to;
      end = pieces[to - 1]!.end;
      measure = 'money';
    } else {
      const dur = readDuration(pieces, to, value, language);
      if (dur) {
        // Durations count only as court or custody terms; everything else is a timex's business.
        const read = readTerm(pieces, from, dur.unitEnd, groupRange(pieces, 'sentences', sentence));
        if (!read) return null;
        if (high !== undefined) high *= dur.years / value;
        duration = dur.iso;
        unit = 'duration';
        value = dur.years;
        to = dur.to;
        end = pieces[to - 1]!.end;
        measure = read.measure;
        term = read.term;
        weakWord = false;
        termAssumed = read.instanceAssumed === true;
        confidence = read.confidence;
      } else if (inDuration) return null;
    }
  }

  // Subject: the people or things counted, right after the number.
  let subject: { from: number; to: number } | undefined;
  if (unit === 'count') {
    let k = to;
    if ((pieces[k]?.key === 'of' || pieces[k]?.key === 'de') && read.approx) k += 1;
    if (pieces[k]?.key === 'other' || pieces[k]?.key === 'otras' || pieces[k]?.key === 'otros') k += 1;
    const sFrom = k;
    let stop = -1;
    while (k < sFrom + 3 && k < pieces.length && pieces[k]!.kind === 'word' && pieces[k]!.clause === clause && !functionWords.has(pieces[k]!.key) && !isVerbish(pieces[k]!.key)) {
      const key = pieces[k]!.key;
      k += 1;
      if (peopleNouns.has(key) || cueOf(key) || /s$/.test(key)) {
        stop = k;
        // "police officers": a second people noun belongs to the same phrase.
        if (peopleNouns.has(pieces[k]?.key ?? '') && pieces[k]!.clause === clause) stop = k + 1;
        break;
      }
    }
    if (stop < 0 && k > sFrom) stop = sFrom + 1;
    // "Fourteen Dead": a cue word alone is what is said of them, not who they are.
    if (stop === sFrom + 1 && cueOf(pieces[sFrom]!.key)?.strength === 'strong') stop = -1;
    if (stop > sFrom) subject = { from: sFrom, to: stop };
  }

  // Measure from cues after and before the number.
  if (measure === null && unit !== 'percent') {
    const found = findCue(pieces, from, to, clause);
    if (found) {
      measure = found.measure;
      cue = found.piece;
      confidence = found.strength === 'strong' ? (found.piece >= to ? 0.9 : 0.85) : 0.6;
    }
    if ((!found || found.strength === 'weak') && unit === 'count') {
      const far = distantCue(pieces, from, to, clause);
      if (far) {
        measure = far.measure;
        cue = far.piece;
        confidence = 0.8;
      }
    }
    // Votes: "84 votes in favour, 29 against and five abstentions", "requería 80 votos".
    const vote = voteMeasure(pieces, from, to, sentence, clause);
    if (vote && (!found || found.strength === 'weak' || (cue !== undefined && Math.abs(cue - to) > 2))) {
      measure = vote;
      confidence = 0.85;
    }
    if (measure === null || measure === 'troops' || measure === 'protesters') {
      // A crowd that marched or gathered is a count of protesters.
      for (let k = to; k < to + 6 && sameClause(k); k++) {
        if (crowdVerbs.has(pieces[k]!.key) && pieces[k]!.key !== 'se') {
          measure = 'protesters';
          confidence = 0.6;
          break;
        }
      }
    }
  }
  if (unit === 'percent') {
    const words = group(pieces, 'clauses', clause).map((q) => q.key);
    const vote = percentVoteMeasure(
      pieces,
      from,
      to,
      words,
      group(pieces, 'sentences', sentence).map((q) => q.key),
      electoral,
    );
    // "the share of votes in support of X": the votes decide before "support" makes it an approval rating.
    const votesFirst = vote !== null && words.some((w) => voteWords.has(w));
    measure = votesFirst ? vote : words.some((w) => disapprovalWords.has(w)) ? 'disapproval' : words.some((w) => approvalWords.has(w)) ? 'approval' : (vote ?? 'other');
    confidence = measure === 'other' ? 0.4 : measure === 'approval' || measure === 'disapproval' ? 0.8 : 0.75;
  }
  if (subject) {
    const head = pieces[subject.to - 1]!.key;
    // "un informe", "una autopsia", "un total de": a lone "one" before a thing that is no person counts nothing.
    if (weakWord && !peopleNouns.has(head) && !cueOf(head)) return null;
    // "20 reports of deaths", "cinco querellas": documents about deaths are not deaths.
    if (documentNouns.has(head)) measure = 'other';
  }
  if (measure === null && subject) {
    measure = 'other';
    confidence = 0.4;
  }
  if (subject) end = Math.max(end, pieces[subject.to - 1]!.end);
  return {
    from,
    to: Math.max(to, subject?.to ?? 0),
    start,
    end,
    value,
    ...(high !== undefined ? { high } : {}),
    ...(approx ? { approx } : {}),
    unit,
    ...(duration ? { duration } : {}),
    ...(term ? { term } : {}),
    ...(termAssumed ? { termAssumed } : {}),
    measure,
    ...(cue !== undefined ? { cue } : {}),
    confidence,
    ...(subject ? { subject } : {}),
    weakWord,
    sentence,
    clause,
    cumulative: false,
  };
}

function isVerbish(key: string): boolean {
  return /^(?:were|was|have|has|had|died|killed|said|say|says|remain|remained|are|is|han|fueron|murieron|resultaron|quedaron|permanecen|siguen)$/.test(key);
}

/** ISO 8601 duration of an amount of years, months, weeks or days: 3.5 years → P3Y6M. */
export function isoDuration(amount: number, unit: 'Y' | 'M' | 'W' | 'D'): string {
  return composeDuration([[amount, unit]]);
}

/** A currency after a number: "dollars", "Antuvian pesos", "pesos antuvianos", "de dólares", "US dollars". */
function currencyAt(pieces: readonly Piece[], k: number): { unit: string; to: number } | null {
  let j = k;
  if (pieces[j]?.key === 'de') j += 1;
  const a = pieces[j];
  const b = pieces[j + 1];
  if (!a || a.kind !== 'word') return null;
  if (currencyWords[a.key]) {
    const adj = b && b.kind === 'word' ? currencyAdjectives[b.key] : undefined;
    if (a.key.startsWith('peso')) return { unit: adj ?? 'XXX', to: adj ? j + 2 : j + 1 };
    return { unit: currencyWords[a.key]!, to: j + 1 };
  }
  if (a.key === 'pesos' || a.key === 'peso') {
    const adj = b && b.kind === 'word' ? currencyAdjectives[b.key] : undefined;
    if (adj) return { unit: adj, to: j + 2 };
    // An unknown country's pesos still name money; "XXX" is ISO 4217's "no currency code".
    return { unit: 'XXX', to: b && b.kind === 'word' && /^\p{Ll}+(?:os|as)$/u.test(b.text) && b.key.length > 5 ? j + 2 : j + 1 };
  }
  if (b && b.kind === 'word' && (b.key === 'dollars' || b.key === 'pesos' || b.key === 'dolares') && /^\p{Lu}/u.test(a.text)) {
    return { unit: b.key === 'pesos' ? (currencyAdjectives[a.key] ?? 'XXX') : (currencyAdjectives[a.key] ?? 'USD'), to: j + 2 };
  }
  return null;
}

/** The nearest measure cue in the clause: after the number within 8 pieces, or before it within 4. */
function findCue(pieces: readonly Piece[], from: number, to: number, clause: number): { measure: FigureMeasure; strength: 'strong' | 'weak'; piece: number } | null {
  let best: { measure: FigureMeasure; strength: 'strong' | 'weak'; piece: number; dist: number } | null = null;
  let weak: { measure: FigureMeasure; strength: 'strong' | 'weak'; piece: number } | null = null;
  let own = clause;
  for (let k = to; k < to + 10 && k < pieces.length; k++) {
    const p = pieces[k]!;
    if (p.kind === 'num') break;
    if (p.clause !== own) {
      // "al menos 10 civiles, todos indígenas, fueron asesinados": step over a short aside between commas.
      const [a, b] = groupRange(pieces, 'clauses', p.clause);
      if (pieces[k - 1]?.text !== ',' || pieces[b - 1]?.text !== ',' || b - a > 4 || k !== a || own !== clause) break;
      own = pieces[b]?.clause ?? -1;
      k = b - 1;
      continue;
    }
    if (readNumber(pieces, k, 'es') && mayStartNumber(p.key) && !weakWords.has(p.key) && p.key !== 'once') break;
    const c = phraseCue(pieces, k) ?? cueOf(p.key);
    if (!c) continue;
    // "17 por homicidio frustrado", "attempted murder": an attempt kills no one.
    if (c.measure === 'killed' && (attempted.has(pieces[k + 1]?.key ?? '') || attempted.has(pieces[k - 1]?.key ?? ''))) break;
    if (c.strength === 'weak') {
      weak ??= { ...c, piece: k };
      continue;
    }
    best = { ...c, piece: k, dist: k - to };
    break;
  }
  for (let k = from - 1, d = 0; k >= 0 && d < 4; k--, d++) {
    const p = pieces[k]!;
    if (p.clause !== pieces[from]!.clause || p.kind === 'num' || p.key === 'and' || p.key === 'y' || p.key === 'while' || p.key === 'mientras') break;
    // "se cobró la vida de al menos siete personas", "claimed the lives of 12".
    const c = (p.key === 'vida' || p.key === 'vidas' || p.key === 'lives') && (pieces[k + 1]?.key === 'de' || pieces[k + 1]?.key === 'of') ? killedCue : cueOf(p.key);
    if (!c || c.strength === 'weak') continue;
    if (!best || d + 1 <= best.dist) best = { ...c, piece: k, dist: d + 1 };
    break;
  }
  if (best) return best;
  return weak;
}

const killedCue = { measure: 'killed', strength: 'strong' } as const;
const attempted = new Set(['frustrado', 'frustrada', 'frustrados', 'frustradas', 'tentativa', 'attempted', 'intento']);
const lifeVerbs = new Set(['perdieron', 'perdio', 'pierden', 'lost', 'lose', 'claimed', 'claiming', 'cost', 'costo', 'took', 'cobro', 'cobraron', 'segaron', 'dejaron']);

/** Killing told by a phrase: "perdieron la vida", "lost their lives", "has claimed at least 30 lives" (but not "saved 30 lives"). */
function phraseCue(pieces: readonly Piece[], k: number): { measure: FigureMeasure; strength: 'strong' } | undefined {
  const key = pieces[k]!.key;
  if (key === 'vida' || key === 'vidas' || key === 'life' || key === 'lives') {
    for (let j = k - 1; j >= Math.max(0, k - 8) && pieces[j]!.sentence === pieces[k]!.sentence; j--) if (lifeVerbs.has(pieces[j]!.key)) return killedCue;
  }
  return undefined;
}

/** "the number of people killed … now stands at 22", "mantiene en 31 la cifra de fallecidos": the cue of a running-total phrase anywhere in the clause. */
function distantCue(pieces: readonly Piece[], from: number, to: number, clause: number): { measure: FigureMeasure; piece: number } | null {
  const before = [pieces[from - 1]?.key, pieces[from - 2]?.key, pieces[from - 3]?.key];
  const framingNoun = groupFact(pieces, 'clauses', clause, 'framing-noun', (a, b) => anyIndex(a, b, (k) => framingNouns.has(pieces[k]!.key)));
  const framed =
    before.some((k) => k && cumulativeBefore.has(k)) ||
    groupFact(pieces, 'clauses', clause, 'framing-noun-of', (a, b) =>
      anyIndex(a, b, (k) => framingNouns.has(pieces[k]!.key) && k + 1 < b && (pieces[k + 1]!.key === 'of' || pieces[k + 1]!.key === 'de')),
    ) ||
    // "the latest count putting the number at 23", "elevan esa cifra a 84", "bajaron de 2.205 a 979".
    (framingNoun && ['at', 'a', 'en', 'to', 'de', 'from'].includes(before[0] ?? ''));
  // "the number of people arrested … had increased, from 438 to 592": a change between two counts of a thing framed in the sentence.
  const change =
    (['de', 'from'].includes(before[0] ?? '') && ['a', 'to'].includes(pieces[to]?.key ?? '') && pieces[to + 1]?.kind === 'num') ||
    (['a', 'to'].includes(before[0] ?? '') && pieces[from - 2]?.kind === 'num' && ['de', 'from'].includes(before[2] ?? ''));
  const sentence = pieces[from]!.sentence;
  const [a] = groupRange(pieces, 'sentences', sentence);
  const framedSentence = change && groupFact(pieces, 'sentences', sentence, 'first-framing-noun', (lo, hi) => firstIndex(lo, hi, (k) => framingNouns.has(pieces[k]!.key))) < from;
  if (!framed && !framedSentence) return null;
  const inClause = nearestCue(pieces, strongCues(pieces, 'clauses', clause), from, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  if (inClause) return inClause;
  // "la Defensoría reportó tres muertos, pero … la cifra subió a cinco": what the framed number counts is named earlier in its sentence.
  return framingNoun || framedSentence || before.some((k) => k && cumulativeBefore.has(k)) ? nearestCue(pieces, strongCues(pieces, 'sentences', sentence), from, a, from) : null;
}

/** The pieces of a sentence or clause whose word is a strong cue of a measure other than seats, in order. */
function strongCues(pieces: readonly Piece[], kind: 'sentences' | 'clauses', id: number): readonly number[] {
  return groupFact(pieces, kind, id, 'strong-cues', (a, b) => {
    const found: number[] = [];
    for (let k = a; k < b; k++) {
      const c = cueOf(pieces[k]!.key);
      if (c && c.strength === 'strong' && c.measure !== 'seats') found.push(k);
    }
    return found;
  });
}

/** Of the cue pieces in [lo, hi), the one nearest to `from` (the earlier one on a tie), found by bisection. */
function nearestCue(pieces: readonly Piece[], cues: readonly number[], from: number, lo: number, hi: number): { measure: FigureMeasure; piece: number; dist: number } | null {
  const left = bisect(0, cues.length, (k) => cues[k]! < from);
  const earlier = left > 0 && cues[left - 1]! >= lo && cues[left - 1]! < hi ? cues[left - 1]! : undefined;
  const later = left < cues.length && cues[left]! >= lo && cues[left]! < hi ? cues[left]! : undefined;
  const piece = earlier === undefined ? later : later === undefined || from - earlier <= later - from ? earlier : later;
  if (piece === undefined) return null;
  return { measure: cueOf(pieces[piece]!.key)!.measure, piece, dist: Math.abs(piece - from) };
}

/** The first index in [lo, hi) where `before` stops holding (it holds on a prefix of the range), or hi. */
function bisect(lo: number, hi: number, before: (k: number) => boolean): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function anyIndex(a: number, b: number, test: (k: number) => boolean): boolean {
  return firstIndex(a, b, test) < b;
}

/** The first index in [a, b) that passes `test`, or b. */
function firstIndex(a: number, b: number, test: (k: number) => boolean): number {
  for (let k = a; k < b; k++) if (test(k)) return k;
  return b;
}

function voteMeasure(pieces: readonly Piece[], from: number, to: number, sentence: number, clause: number): FigureMeasure | null {
  const hasVotes = groupFact(pieces, 'sentences', sentence, 'vote-word', (a, b) => anyIndex(a, b, (k) => voteWords.has(pieces[k]!.key)));
  const a = pieces[to]?.key;
  const b = pieces[to + 1]?.key;
  const c = pieces[to + 2]?.key;
  if (a && abstainWords.has(a)) return 'abstentions';
  if (!hasVotes) return null;
  const votesHere = a !== undefined && voteWords.has(a);
  const next = votesHere ? [b, c, pieces[to + 3]?.key] : [a, b, c];
  const before = [pieces[from - 1]?.key, pieces[from - 2]?.key, pieces[from - 3]?.key];
  if ([...next, ...before].some((w) => w && neededWords.has(w))) return 'votes_needed';
  if (next[0] === 'in' && next[1] && forWords.has(next[1])) return 'votes_for';
  if (next[0] === 'a' && next[1] === 'favor') return 'votes_for';
  if (next[0] === 'for' || next[0] === 'favor') return 'votes_for';
  // "por 64 votos contra 30": the votes before "contra" a number are the votes for.
  const n2 = votesHere ? pieces[to + 2] : pieces[to + 1];
  if (votesHere && (next[0] === 'contra' || next[0] === 'against' || next[0] === 'to') && n2 && (n2.kind === 'num' || mayStartNumber(n2.key))) return 'votes_for';
  if (next[0] && againstWords.has(next[0]) && next[0] !== 'no') return 'votes_against';
  if (next[0] === 'en' && next[1] === 'contra') return 'votes_against';
  if (next[0] && abstainWords.has(next[0])) return 'abstentions';
  if (votesHere) return 'votes_for';
  // "by 101 votes to 6", "por 101 votos contra 6": the number after the votes for is the votes against.
  if ((before[0] === 'to' || before[0] === 'contra') && ((before[1] && voteWords.has(before[1])) || pieces[from - 2]?.kind === 'num')) return 'votes_against';
  void clause;
  return null;
}

const countingVerbs = new Set([
  'registra',
  'registran',
  'registro',
  'reporta',
  'reportan',
  'reporto',
  'contabiliza',
  'contabilizo',
  'cuenta',
  'cuentan',
  'habla',
  'counts',
  'counted',
  'reports',
  'reported',
  'lists',
  'listed',
  'registers',
  'recorded',
  'records',
  'cites',
  'cita',
  'says',
  'dice',
  'senala',
  'estima',
  'estimates',
]);
const contrastWords = new Set(['mientras', 'while', 'whereas', 'but', 'pero', 'frente', 'versus', 'vs', 'against', 'contra', 'although', 'aunque']);
const wholeWords = new Set(['este', 'esta', 'estos', 'estas', 'ese', 'esa', 'esos', 'esas', 'ellos', 'ellas', 'this', 'that', 'these', 'those', 'them', 'the', 'dicho', 'dicha', 'tal']);

/** "N of them" and "N of the M X" take what the whole counts; coordinated bare numbers take it from their neighbour. */
function linkPartitives(pieces: readonly Piece[], cands: Cand[]): void {
  cands.sort((a, b) => a.start - b.start);
  for (let n = 0; n < cands.length; n++) {
    const c = cands[n]!;
    const of = pieces[c.to];
    const next = pieces[c.to + 1];
    if ((of?.key === 'of' || of?.key === 'de') && next) {
      if (partitivePronouns.has(next.key)) {
        const whole = [...cands.slice(0, n)].reverse().find((w) => w.measure && w.measure !== 'other' && c.sentence - w.sentence <= 1 && !w.partOf);
        if (whole) {
          const own = c.measure && c.measure !== 'other' && c.measure !== whole.measure && c.confidence >= 0.85;
          if (!own) {
            c.measure = whole.measure;
            c.unit = whole.unit;
            c.confidence = 0.75;
            c.partOf = whole;
            (whole.parts ??= []).push(c);
          }
        }
        continue;
      }
      const m = cands[n + 1];
      if ((next.key === 'the' || next.key === 'los' || next.key === 'las') && m && m.from === c.to + 2) {
        m.reference = true;
        if (m.measure) {
          c.measure = m.measure;
          c.unit = m.unit;
          c.confidence = Math.min(m.confidence, 0.85);
          if (m.subject) c.subject = m.subject;
        }
      }
    }
  }
  // "De este total, 18 se registraron después …": a part of the total stated just before.
  for (let n = 0; n < cands.length; n++) {
    const c = cands[n]!;
    if ((c.measure && c.measure !== 'other') || c.partOf) continue;
    const [a] = groupRange(pieces, 'sentences', c.sentence);
    if (c.from - a < 3 || c.from - a > 5) continue;
    const lead = pieces.slice(a, c.from).map((q) => q.key);
    if (lead.length < 3 || lead.length > 5 || lead[lead.length - 1] !== ',' || !(lead[0] === 'de' || lead[0] === 'of') || !wholeWords.has(lead[1]!)) continue;
    // "Of those killed, four …": the lead names what it counts; otherwise the total before it does.
    const named = lead.map((w) => cueOf(w)).find((cue) => cue?.strength === 'strong')?.measure;
    const whole = [...cands.slice(0, n)].reverse().find((w) => w.measure && w.measure !== 'other' && !w.partOf && c.sentence - w.sentence <= 1 && (!named || w.measure === named));
    if (!whole) {
      if (named) {
        c.measure = named;
        c.confidence = 0.7;
      }
      continue;
    }
    c.measure = whole.measure;
    c.unit = whole.unit;
    c.confidence = 0.7;
    c.partOf = whole;
    (whole.parts ??= []).push(c);
  }
  // Ellipsis: "eight deaths …, and 22 in its second", "two in Huaranca and one in Alcaraví", "96 civilians and 41 police officers had been injured".
  for (let n = 0; n < cands.length; n++) {
    const c = cands[n]!;
    if (c.measure && c.measure !== 'other') continue;
    if (c.subject && !peopleNouns.has(pieces[c.subject.to - 1]!.key)) continue;
    if (c.unit !== 'count') continue;
    const prev = cands[n - 1];
    const nxt = cands[n + 1];
    const joinBefore = pieces[c.from - 1];
    const linkedBack =
      prev &&
      prev.sentence === c.sentence &&
      prev.measure &&
      prev.measure !== 'other' &&
      joinBefore &&
      (joinBefore.key === 'and' || joinBefore.key === 'y' || joinBefore.text === ',' || joinBefore.key === 'while' || joinBefore.key === 'mientras');
    const joinAfter = pieces[c.to];
    const linkedForward = nxt && nxt.sentence === c.sentence && nxt.measure && nxt.measure !== 'other' && joinAfter && (joinAfter.key === 'and' || joinAfter.key === 'y') && nxt.from === c.to + 1;
    // "de 430 a 592", "from 438 to 592": the two ends of a change count the same thing.
    const changeBack =
      prev &&
      prev.sentence === c.sentence &&
      prev.measure &&
      prev.measure !== 'other' &&
      prev.to === c.from - 1 &&
      (joinBefore?.key === 'a' || joinBefore?.key === 'to') &&
      ['de', 'from'].includes(pieces[prev.from - 1]?.key ?? '');
    // "la oficina cuenta seis muertos, mientras que el Ministerio registra cuatro": another counter's count of the same thing.
    const counted =
      !c.subject &&
      prev &&
      prev.sentence === c.sentence &&
      prev.measure &&
      prev.measure !== 'other' &&
      countingVerbs.has(joinBefore?.key ?? '') &&
      (!pieces[c.to] || pieces[c.to]!.kind === 'punct') &&
      group(pieces, 'sentences', c.sentence).some((q) => q.start > prev.end && q.end <= c.start && contrastWords.has(q.key));
    const source = linkedForward ? nxt : linkedBack || changeBack || counted ? prev : undefined;
    if (!source) continue;
    c.measure = source.measure;
    c.unit = source.unit;
    c.confidence = 0.7;
    if (source.partOf) {
      c.partOf = source.partOf;
      source.partOf.parts!.push(c);
    }
  }
}

interface ListItem {
  nameFrom: number;
  num: number;
  close: number;
  value: number;
}

/** Itemized lists: "Ayacucho (9), Apurimac (6), Cusco (3) …", at least two items in one sentence. */
function findLists(pieces: readonly Piece[], consumed: Uint8Array, entities: readonly EntityMention[]): ListItem[][] {
  // "Ana Rulfo Quispe (23), Tadeo Brun (31)": a person's name before a number in brackets gives an age, not a count.
  const people = entities.filter((e) => e.type === 'PER');
  const isPerson = (item: ListItem) => people.some((e) => e.start <= pieces[item.nameFrom]!.start && pieces[item.num - 2]!.end <= e.end);
  const lists: ListItem[][] = [];
  let current: ListItem[] = [];
  let lastClose = -1;
  const flush = () => {
    if (current.length >= 2) {
      lists.push(current);
      for (const item of current) for (let k = item.nameFrom; k <= item.close; k++) consumed[k] = 1;
    }
    current = [];
  };
  for (let i = 1; i + 1 < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.kind !== 'num' || pieces[i - 1]!.text !== '(' || pieces[i + 1]!.text !== ')') continue;
    let k = i - 2;
    let nameFrom = -1;
    while (k >= 0) {
      const q = pieces[k]!;
      if (q.kind === 'word' && /^\p{Lu}/u.test(q.text)) nameFrom = k;
      else if (q.kind === 'word' && (q.key === 'de' || q.key === 'del' || q.key === 'la') && nameFrom === k + 1 && pieces[k - 1] && /^\p{Lu}/u.test(pieces[k - 1]!.text)) {
        /* a connector inside a name */
      } else break;
      k -= 1;
    }
    if (nameFrom < 0) continue;
    const value = Number(p.text.replace(/[.,](?=\d{3}\b)/g, ''));
    const item = { nameFrom, num: i, close: i + 1, value };
    if (isPerson(item)) {
      flush();
      consumed[i] = 1;
      lastClose = -1;
      continue;
    }
    const gap = lastClose >= 0 ? pieces.slice(lastClose + 1, nameFrom) : [];
    const joined = lastClose >= 0 && pieces[lastClose]!.sentence === p.sentence && gap.length <= 2 && gap.every((g) => g.text === ',' || g.key === 'and' || g.key === 'y' || g.text === ';');
    if (!joined) flush();
    current.push(item);
    lastClose = i + 1;
  }
  flush();
  return lists;
}

function attachList(pieces: readonly Piece[], list: ListItem[], cands: Cand[], messages: DocMessage[], text: string): void {
  const first = list[0]!;
  const sentence = pieces[first.num]!.sentence;
  const sum = list.reduce((s, item) => s + item.value, 0);
  const max = Math.max(...list.map((item) => item.value));
  // The list's own measure: a cue in its sentence before the first item ("the deaths break down as follows").
  let measure: FigureMeasure | null = null;
  for (let k = first.nameFrom - 1; k >= 0 && pieces[k]!.sentence === sentence; k--) {
    const c = cueOf(pieces[k]!.key);
    if (c && c.strength === 'strong') {
      measure = c.measure;
      break;
    }
  }
  const before = cands.filter((c) => c.end <= pieces[first.nameFrom]!.start && c.measure && c.measure !== 'other' && !c.partOf && !c.reference);
  let total = [...before].reverse().find((c) => c.sentence === sentence && (!measure || c.measure === measure));
  if (!total) {
    // A list explains a total stated shortly before it: the one it adds up to, else the nearest that could hold it.
    const window = before.filter((c) => sentence - c.sentence <= 6 && c.sentence < sentence && (!measure || c.measure === measure));
    total = [...window].reverse().find((c) => c.value === sum) ?? [...window].reverse().find((c) => sentence - c.sentence <= 1 && c.value >= max);
  }
  const listMeasure = measure ?? total?.measure ?? null;
  if (!listMeasure) return;
  for (const item of list) {
    const name = pieces[item.nameFrom]!;
    const nameEnd = item.num - 2;
    const part: Cand = {
      from: item.nameFrom,
      to: item.close + 1,
      start: name.start,
      end: pieces[item.close]!.end,
      value: item.value,
      unit: 'count',
      measure: listMeasure,
      confidence: 0.85,
      weakWord: false,
      sentence,
      clause: pieces[item.num]!.clause,
      cumulative: false,
      listPart: true,
      place: { start: name.start, end: pieces[nameEnd]!.end, piece: item.nameFrom, prep: item.nameFrom, level: 'name', clause: name.clause, sentence },
    };
    void nameEnd;
    if (total) part.partOf = total;
    cands.push(part);
    if (total) (total.parts ??= []).push(part);
  }
  void messages;
  void text;
}

/** Place candidates: a capitalized name after "in"/"at"/"en", "the city of X", "el puente de X", and LOC entities. */
function findPlaces(pieces: readonly Piece[], inTimex: Int32Array, entities: readonly EntityMention[]): PlaceCand[] {
  const out: PlaceCand[] = [];
  const nameFrom = (k: number): number => {
    // A run of capitalized words with "de"/"del"/"la" inside ("Puerto Quilla", "San Juan de Lurigancho").
    let j = k;
    while (j + 1 < pieces.length) {
      const n = pieces[j + 1]!;
      if (isCapAt(j + 1) && n.clause === pieces[k]!.clause) j += 1;
      else if ((n.key === 'de' || n.key === 'del' || n.key === 'la') && isCapAt(j + 2)) j += 2;
      else break;
    }
    return j;
  };
  const isCapAt = (k: number) => {
    const q = pieces[k];
    return !!q && q.kind === 'word' && /^\p{Lu}/u.test(q.text) && !notPlaces.has(q.key) && inTimex[k] === -1;
  };
  for (let i = 0; i < pieces.length; i++) {
    const prep = pieces[i]!;
    if (prep.kind !== 'word' || !(placePrepositions.has(prep.key) || prep.key === 'from')) continue;
    let k = i + 1;
    if (pieces[k] && determiners.has(pieces[k]!.key)) k += 1;
    // "in the Southern city of Juliaca", "en el puente de Chaupimayo", "from the Chaupimayo bridge"
    let found: PlaceCand | null = null;
    for (let skip = 0; skip <= 2 && !found; skip++) {
      const noun = pieces[k + skip];
      if (noun && placeNouns[noun.key] && (pieces[k + skip + 1]?.key === 'of' || pieces[k + skip + 1]?.key === 'de') && isCapAt(k + skip + 2)) {
        const s = k + skip + 2;
        const e = nameFrom(s);
        found = {
          start: pieces[s]!.start,
          end: pieces[e]!.end,
          piece: s,
          prep: i,
          level: placeNouns[noun.key] === 'area' ? 'area' : 'specific',
          clause: pieces[s]!.clause,
          sentence: pieces[s]!.sentence,
        };
      }
    }
    if (!found) {
      let s = k;
      // "in Antuvia's southern Tumbá province": skip a possessive and one adjective.
      if (isCapAt(s) && /['’]s$/.test(pieces[s]!.text)) {
        s += 1;
        if (pieces[s] && !isCapAt(s) && pieces[s]!.kind === 'word') s += 1;
      }
      if (isCapAt(s)) {
        let e = nameFrom(s);
        // "Tumbá Province" in a title-case headline: the noun is not part of the name.
        if (e > s && placeNouns[pieces[e]!.key]) e -= 1;
        const tail = pieces[e + 1];
        const level = tail && placeNouns[tail.key] ? (placeNouns[tail.key] === 'area' ? 'area' : 'specific') : 'name';
        // "from" is a source more often than a place: only "from the X bridge/town".
        if (prep.key !== 'from' || level === 'specific') {
          found = {
            start: pieces[s]!.start,
            end: /['’]s$/.test(pieces[e]!.text) ? pieces[e]!.end - 2 : pieces[e]!.end,
            piece: s,
            prep: i,
            level,
            clause: pieces[s]!.clause,
            sentence: pieces[s]!.sentence,
          };
        }
      }
    }
    if (found) out.push(found);
  }
  if (entities.length > 0) {
    // Only a person overrides a place pattern: headline title case makes the tagger call "Tumbá Province" an ORG.
    // Overlaps are looked up in span indexes, not by scanning every place for every entity: a 1 MB page names
    // thousands of each.
    const people = new SpanIndex(entities.filter((e) => e.type === 'PER'));
    const kept = out.filter((p) => people.overlapping(p.start, p.end).length === 0);
    const patterns = new SpanIndex(kept);
    // Entity places added below: the layer is sorted by start, so only the furthest end so far can reach the next one.
    let entityReach = -Infinity;
    for (const e of entities) {
      if (e.type !== 'LOC' || entityReach > e.start || patterns.overlapping(e.start, e.end).length > 0) continue;
      const k = firstPieceFrom(pieces, e.start);
      // "Antuvia's southern Tumbá province": a possessive names the country, not where it happened.
      if (k >= pieces.length || (pieces[k]!.end > e.end && /['’]s$/.test(pieces[k]!.text))) continue;
      kept.push({ start: e.start, end: e.end, piece: k, prep: k, level: 'entity', clause: pieces[k]!.clause, sentence: pieces[k]!.sentence });
      entityReach = Math.max(entityReach, e.end);
    }
    return kept.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** The first piece starting at or after `offset` (`pieces.length` when none does). */
function firstPieceFrom(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const orgWords = new Set([
  'court',
  'supreme',
  'chamber',
  'congress',
  'ministry',
  'office',
  'movimiento',
  'movement',
  'party',
  'partido',
  'tribunal',
  'sala',
  'corte',
  'suprema',
  'congreso',
  'ministerio',
  'fiscalia',
  'police',
  'policia',
  'government',
  'gobierno',
  'frente',
  'front',
  'alianza',
  'alliance',
  'union',
  'comision',
  'commission',
  'apelaciones',
]);
const pronounCaps = new Set([
  'its',
  'his',
  'her',
  'their',
  'the',
  'a',
  'an',
  'el',
  'la',
  'los',
  'las',
  'su',
  'sus',
  'un',
  'una',
  'he',
  'she',
  'they',
  'it',
  'in',
  'on',
  'at',
  'en',
  'since',
  'desde',
  'but',
  'pero',
  'and',
  'y',
  // Sentence-initial verbs and adverbs, which a capital makes look like a name ("Fue condenado a …").
  'fue',
  'fueron',
  'era',
  'eran',
  'es',
  'son',
  'sera',
  'ha',
  'han',
  'hay',
  'tambien',
  'also',
  'was',
  'were',
  'has',
  'had',
  'is',
  'are',
  'confirman',
  'condenan',
]);

/** Capitalized runs in a sentence that may name a person: not organizations, acronyms or sentence-initial function words. */
function nameRuns(pieces: readonly Piece[], sentence: number): { from: number; to: number }[] {
  const [a, b] = groupRange(pieces, 'sentences', sentence);
  const runs: { from: number; to: number }[] = [];
  for (let k = a; k < b; k++) {
    const q = pieces[k]!;
    if (q.kind !== 'word' || !/^\p{Lu}\p{Ll}/u.test(q.text) || pronounCaps.has(q.key) || notPlaces.has(q.key)) continue;
    let e = k + 1;
    while (e < b && pieces[e]!.kind === 'word' && /^\p{Lu}\p{Ll}/u.test(pieces[e]!.text)) e++;
    const words = pieces.slice(k, e).map((w) => w.key);
    if (!words.some((w) => orgWords.has(w)) && !/['’]s$/.test(pieces[e - 1]!.text)) runs.push({ from: k, to: e });
    k = e - 1;
  }
  return runs;
}

/** Who a prison sentence is for: "sentenced X", "la condena … contra X", "impuesta a X", else the person the sentence is about. */
function sentencedPerson(pieces: readonly Piece[], c: Cand, entities: readonly EntityMention[]): { from: number; to: number } | undefined {
  const runs = nameRuns(pieces, c.sentence);
  const people = entities.filter((e) => e.type === 'PER');
  const isPerson = (r: { from: number; to: number }) => people.length === 0 || people.some((e) => e.start <= pieces[r.from]!.start && pieces[r.to - 1]!.end <= e.end);
  const candidates = runs.filter(isPerson);
  for (const r of candidates) {
    const b1 = pieces[r.from - 1]?.key;
    const b2 = pieces[r.from - 2]?.key;
    if (b1 === 'sentenced' || b1 === 'contra' || b1 === 'against' || (b1 === 'a' && (b2 === 'impuesta' || b2 === 'condeno'))) return r;
  }
  const before = candidates.filter((r) => r.to <= c.from);
  return before[before.length - 1] ?? candidates[0];
}

const levelRank = { specific: 0, name: 1, area: 2, entity: 3 } as const;

function choosePlace(pieces: readonly Piece[], c: Cand, places: readonly PlaceCand[]): PlaceCand | undefined {
  if (groupFact(pieces, 'clauses', c.clause, 'nationwide', (a, b) => hasPhrase(pieces, a, b, nationwide))) return undefined;
  if (c.reference) {
    // "the seventeen victims in Tumbá": the place inside the noun phrase, before the verb.
    return places.find((p) => p.clause === c.clause && p.prep >= c.to && p.prep <= c.to + 1);
  }
  const anchor = c.cue !== undefined && c.cue > c.to ? c.cue : c.to - 1;
  const inClauseAfter = places.filter((p) => p.clause === c.clause && p.prep > anchor);
  if (inClauseAfter.length > 0) {
    return [...inClauseAfter].sort((a, b) => levelRank[a.level] - levelRank[b.level] || a.start - b.start)[0];
  }
  const afterNumber = places.filter((p) => p.clause === c.clause && p.prep >= c.to);
  if (afterNumber.length > 0) return [...afterNumber].sort((a, b) => levelRank[a.level] - levelRank[b.level] || a.start - b.start)[0];
  const inClauseBefore = places.filter((p) => p.clause === c.clause && p.start < c.start);
  if (inClauseBefore.length > 0) return inClauseBefore[inClauseBefore.length - 1];
  // The topic of the sentence before the number ("El día más grave fue … en el puente de Chaupimayo, donde … murieron 12"),
  // never for running totals, whose other clauses list where some of them died.
  if (c.cumulative) return undefined;
  const inSentenceBefore = places.filter((p) => p.sentence === c.sentence && p.start < c.start);
  return inSentenceBefore[inSentenceBefore.length - 1];
}

type DateOption = { value: string; clause: number; start: number };

/** The dates a sentence offers its counts, by the sentence's timexes: the same for every count of the sentence, so read once. */
const dateOptionsCache = new WeakMap<readonly Timex[], readonly DateOption[]>();

function chooseDate(pieces: readonly Piece[], c: Cand, timexes: readonly Timex[], pieceAt: (offset: number) => number): string | undefined {
  let options = dateOptionsCache.get(timexes);
  if (!options) {
    options = dateOptions(pieces, c, timexes, pieceAt);
    dateOptionsCache.set(timexes, options);
  }
  const after = options.filter((o) => o.clause === c.clause && o.start >= c.end);
  if (after.length) return after[0]!.value;
  const before = options.filter((o) => o.clause === c.clause && o.start < c.start);
  if (before.length) return before[before.length - 1]!.value;
  if (options.length === 0 || c.cumulative) return undefined;
  const later = options.filter((o) => o.start >= c.end);
  if (later.length) return later[0]!.value;
  return options[options.length - 1]!.value;
}

/** The timexes of the count's sentence that may date it: not a "since", a statement's day or a dateline. */
function dateOptions(pieces: readonly Piece[], c: Cand, timexes: readonly Timex[], pieceAt: (offset: number) => number): DateOption[] {
  const options: DateOption[] = [];
  for (const tx of timexes) {
    const k = pieceAt(tx.start);
    const q = pieces[k];
    if (!q || q.sentence !== c.sentence) continue;
    const value = eventDate(tx);
    if (!value) continue;
    if (c.since && isSinceTimex(pieces, k)) continue;
    if (isSinceTimex(pieces, k)) continue;
    const v1 = pieces[k - 1]?.key;
    const v2 = pieces[k - 2]?.key;
    if ((v1 && statementVerbs.has(v1)) || (v2 && statementVerbs.has(v2) && (v1 === 'on' || v1 === 'el' || v1 === 'this' || v1 === 'este'))) continue;
    // A dateline's date is the report's ("CHAUPIMAYO, Nov 11 2025 (Condorpress) -", "… 21 November 2025 —").
    const endPiece = pieceAt(Math.max(tx.start, tx.end - 1));
    let n1 = pieces[endPiece + 1];
    if (n1 && /^\d{4}$/.test(n1.text)) n1 = pieces[endPiece + 2];
    if (n1 && (n1.text === '(' || n1.text === '—' || n1.text === '–' || (n1.text === '-' && !touching(pieces[endPiece], n1)))) continue;
    options.push({ value, clause: q.clause, start: tx.start });
  }
  return options;
}

/** A past participle that makes a present perfect a count so far ("have died", "has killed", "have already seen", "han muerto"). */
function isPerfectParticiple(word: string | undefined): boolean {
  if (!word) return false;
  return ['died', 'killed', 'seen', 'led', 'occurred', 'risen', 'muerto', 'fallecido', 'perdido'].includes(word);
}

/** A timex that a running total counts from: "since the protests began on October 29", "desde el 29 de octubre". */
function isSinceTimex(pieces: readonly Piece[], k: number): boolean {
  for (let j = k - 1, d = 0; j >= 0 && d < 16; j--, d++) {
    const q = pieces[j]!;
    if (q.clause !== pieces[k]!.clause || q.kind === 'num') return false;
    if (sinceWords.has(q.key)) return true;
  }
  return false;
}

/** Whether one of the word sequences `phrases` lies wholly inside pieces [a, b). */
function hasPhrase(pieces: readonly Piece[], a: number, b: number, phrases: readonly (readonly string[])[]): boolean {
  return phrases.some((seq) => anyIndex(a, b - seq.length + 1, (k) => seq.every((w, j) => pieces[k + j]!.key === w)));
}

/**
 * Whether a present perfect of the clause ("have died", "han muerto") reaches the count: no "that"/"que" between the
 * auxiliary and the count. The auxiliary nearest the count on either side has the fewest words between, so only those
 * two are checked, against a running count of "that"s: a clause of thousands of counts and auxiliaries stays linear.
 */
function perfectReaches(pieces: readonly Piece[], c: Cand, base: number, stop: number): boolean {
  const auxiliaries = groupFact(pieces, 'clauses', c.clause, 'perfect-auxiliaries', (a, b) => {
    const found: number[] = [];
    for (let k = a; k < b; k++) {
      if (!perfectAuxiliaries.has(pieces[k]!.key)) continue;
      let v = k + 1;
      while (v < b && ['already', 'ya', 'been', 'sido', 'so', 'far'].includes(pieces[v]!.key)) v++;
      if (isPerfectParticiple(v < b ? pieces[v]!.key : undefined)) found.push(k);
    }
    return found;
  });
  if (auxiliaries.length === 0) return false;
  // `thats[k - base]`: how many "that"/"que" stand in the clause before piece k.
  const thats = groupFact(pieces, 'clauses', c.clause, 'that-counts', (a, b) => {
    const counts = new Int32Array(b - a + 1);
    for (let k = a; k < b; k++) counts[k - a + 1] = counts[k - a]! + (pieces[k]!.key === 'that' || pieces[k]!.key === 'que' ? 1 : 0);
    return counts;
  });
  const thatsIn = (from: number, to: number) => thats[to - base]! - thats[from - base]!;
  // The first piece of the clause that starts at or after the count; a count before the clause reads it whole.
  const countStart = pieces[c.from]!.start;
  const at = bisect(base, stop, (k) => pieces[k]!.start < countStart);
  if (at === stop) return true;
  const left = bisect(0, auxiliaries.length, (k) => auxiliaries[k]! < at);
  const before = auxiliaries[left - 1];
  const after = auxiliaries[left];
  return (before !== undefined && thatsIn(before + 1, at) === 0) || (after !== undefined && thatsIn(at, after) === 0);
}

function markCumulative(pieces: readonly Piece[], c: Cand, timexes: readonly Timex[], pieceAt: (o: number) => number, published: string | null, messages: DocMessage[]): void {
  const sentenceOf = (o: number) => pieces[pieceAt(o)]!.sentence;
  // What the clause says is computed once per clause (groupFact): a clause listing thousands of counts is read once.
  const [base, stop] = groupRange(pieces, 'clauses', c.clause);
  let cumulative = false;
  for (let k = c.from - 1, d = 0; k >= 0 && d < 4 && pieces[k]!.clause === c.clause; k--, d++) if (cumulativeBefore.has(pieces[k]!.key)) cumulative = true;
  if (groupFact(pieces, 'clauses', c.clause, 'cumulative-phrase', (a, b) => hasPhrase(pieces, a, b, cumulativePhrases))) cumulative = true;
  const sinceAt = groupFact(pieces, 'clauses', c.clause, 'since', (a, b) =>
    firstIndex(a, b, (k) => sinceWords.has(pieces[k]!.key) && !['then', 'entonces', 'ahi', 'there'].includes(k + 1 < b ? pieces[k + 1]!.key : '')),
  );
  if (sinceAt < stop) cumulative = true;
  // The present perfect counts up to now: "25 people have died during the protests", "protests that have already seen
  // around 60 killed", "han muerto 12" — but not "they have said" about a count of its own.
  // Only the count's own verb counts: "has claimed that nineteen were killed on January 9" is a point figure.
  if (!cumulative) cumulative = perfectReaches(pieces, c, base, stop);
  if (!cumulative) return;
  c.cumulative = true;
  if (sinceAt >= stop) return;
  const sinceOffset = pieces[sinceAt]!.start;
  for (const tx of timexes) {
    if (tx.start < sinceOffset || sentenceOf(tx.start) !== c.sentence) continue;
    const value = eventDate(tx);
    if (!value) continue;
    const k = pieceAt(tx.start);
    if (!isSinceTimex(pieces, k)) continue;
    if (published && value.slice(0, published.length) > published) {
      messages.push({
        start: tx.start,
        end: tx.end,
        rule: 'figures:since-after-report',
        reason: `A running total counts from ${value}, after the article's date ${published}; the date was left out.`,
      });
      return;
    }
    c.since = value;
    return;
  }
}

/** The pipeline stage: assigns the `figures` layer from the text, its timexes and (when present) entities. */
export const figuresStage: Stage<'figures'> = {
  name: 'figures',
  requires: ['timexes'],
  assigns: ['figures'],
  run(doc) {
    return findFigures(doc.text, { language: doc.meta.language, timexes: doc.timexes ?? [], entities: doc.entities ?? [], published: doc.meta.published });
  },
};
