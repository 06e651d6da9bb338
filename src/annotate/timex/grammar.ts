/**
 * The timex grammar: hand-written matchers over the stage's own tokens, one family per kind of
 * expression (calendar dates, relative dates, durations, sets, clock times, fuzzy references),
 * in English and Spanish. Each match says which tokens it covers, its TIMEX3 type, and how to
 * compute its value once the anchor, the narrative and the tense are known.
 */
import type { DocMessage, TimexType } from '../../core/doc.ts';
import type { Unit } from './calendar.ts';
import {
  fuzzyCountEn,
  fuzzyCountEs,
  monthAbbrevEn,
  monthAbbrevEs,
  monthsEn,
  monthsEs,
  numbersEn,
  numbersEs,
  ordinalsEn,
  ordinalsEs,
  partsOfDayEn,
  partsOfDayEs,
  seasonsEn,
  seasonsEs,
  unitMultiplier,
  unitsEn,
  unitsEs,
  weekdaysEn,
  weekdaysEs,
} from './lexicon.ts';
import { fixed, periodOf, relative, relativeSpan, resolvePart, resolveSpec, resolveTime, type DateSpec, type Dir, type Resolver } from './resolve.ts';
import type { Tok } from './scan.ts';

export interface Cand {
  /** Token range [from, to). */
  from: number;
  to: number;
  type: TimexType;
  resolve: Resolver;
  mod?: string;
  /** The mention states its own year: it may set the narrative's reference date. */
  explicit?: boolean;
  message?: Omit<DocMessage, 'start' | 'end'>;
}

interface Num {
  /** null for a vague count ("several", "unos"). */
  n: number | null;
  to: number;
}

const durationLetter: Record<Unit, string> = {
  century: 'CE',
  decade: 'DE',
  year: 'Y',
  half: 'H',
  quarter: 'Q',
  month: 'M',
  week: 'W',
  weekend: 'WE',
  day: 'D',
  hour: 'H',
  minute: 'M',
  second: 'S',
};

/** A TIMEX3 duration value: `P3Y`, `PT2H`, `PXM`; decades and centuries in years (`P10Y`), halves in months. */
export function durationValue(unit: Unit, n: number | null): string {
  const timeUnit = unit === 'hour' || unit === 'minute' || unit === 'second';
  const prefix = timeUnit ? 'PT' : 'P';
  if (n === null) return `${prefix}X${unit === 'decade' ? 'DE' : unit === 'century' ? 'CE' : unit === 'half' ? 'M' : unit === 'weekend' ? 'WE' : durationLetter[unit]}`;
  let count = n;
  let letter = durationLetter[unit];
  if (unit === 'decade') {
    count = n * 10;
    letter = 'Y';
  }
  if (unit === 'century') {
    count = n * 100;
    letter = 'Y';
  }
  if (unit === 'half') {
    count = n * 6;
    letter = 'M';
  }
  if (unit === 'weekend') {
    count = n * 2;
    letter = 'D';
  }
  if (!Number.isInteger(count)) {
    // "a year and a half" → P18M, "5 1/2 hours" → PT5H30M.
    const smaller: Partial<Record<string, [string, number]>> = { Y: ['M', 12], M: ['D', 30], W: ['D', 7], D: ['H', 24], H: ['M', 60], Q: ['M', 3] };
    const step = smaller[letter];
    if (step && unit === 'hour') return `PT${Math.floor(count)}H${Math.round((count % 1) * 60)}M`;
    if (step && unit === 'day') return `PT${Math.round(count * 24)}H`;
    if (step) return `${prefix}${Math.round(count * step[1])}${step[0]}`;
  }
  return `${prefix}${count}${letter}`;
}

const modWordsEn: [string[], string][] = [
  [['more', 'than'], 'MORE_THAN'],
  [['less', 'than'], 'LESS_THAN'],
  [['fewer', 'than'], 'LESS_THAN'],
  [['at', 'least'], 'EQUAL_OR_MORE'],
  [['no', 'more', 'than'], 'EQUAL_OR_LESS'],
  [['up', 'to'], 'EQUAL_OR_LESS'],
  [['about'], 'APPROX'],
  [['around'], 'APPROX'],
  [['approximately'], 'APPROX'],
  [['roughly'], 'APPROX'],
  [['nearly'], 'APPROX'],
  [['almost'], 'APPROX'],
  [['some'], 'APPROX'],
  [['over'], 'MORE_THAN'],
  [['just', 'over'], 'MORE_THAN'],
  [['just', 'under'], 'LESS_THAN'],
  [['under'], 'LESS_THAN'],
];
const modWordsEs: [string[], string][] = [
  [['más', 'de'], 'MORE_THAN'],
  [['menos', 'de'], 'LESS_THAN'],
  [['al', 'menos'], 'EQUAL_OR_MORE'],
  [['por', 'lo', 'menos'], 'EQUAL_OR_MORE'],
  [['casi'], 'APPROX'],
  [['cerca', 'de'], 'APPROX'],
  [['alrededor', 'de'], 'APPROX'],
  [['unos'], 'APPROX'],
  [['unas'], 'APPROX'],
  [['aproximadamente'], 'APPROX'],
];

const timeZones = new Set(['est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'gmt', 'utc', 'bst', 'cet', 'cest']);
const yearBlockersBefore = new Set([
  '$',
  '€',
  '£',
  '#',
  'no',
  'nº',
  'number',
  'flight',
  'route',
  'room',
  'model',
  'article',
  'artículo',
  'ley',
  'law',
  'code',
  'código',
  'km',
  'vuelo',
  'número',
  'page',
  'página',
  'resolution',
  'resolución',
]);
const yearBlockersAfter = new Set([
  '%',
  'people',
  'persons',
  'personas',
  'votes',
  'votos',
  'percent',
  'dollars',
  'dólares',
  'euros',
  'pesos',
  'soles',
  'million',
  'millones',
  'feet',
  'meters',
  'metros',
  'km',
  'kilometers',
  'kilómetros',
  'miles',
  'tons',
  'toneladas',
  'workers',
  'trabajadores',
  'troops',
  'soldiers',
  'soldados',
  'students',
  'estudiantes',
  'families',
  'familias',
  'cases',
  'casos',
  'deaths',
  'muertos',
  'units',
  'unidades',
  'shares',
  'acciones',
  'points',
  'puntos',
  'hectares',
  'hectáreas',
  'cars',
  'homes',
  'houses',
  'viviendas',
  'jobs',
  'empleos',
  'por',
  'mil',
  'hours',
  'horas',
  'minutes',
  'minutos',
  'days',
  'días',
  'years',
  'años',
  'pages',
  'páginas',
  'deputies',
  'diputados',
  'habitantes',
  'inhabitants',
]);
const monthContextEn = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'of',
  'early',
  'late',
  'mid',
  'last',
  'next',
  'this',
  'through',
  'from',
  'during',
  'before',
  'after',
  'on',
  'to',
  'end',
  'beginning',
  'start',
  'middle',
  'between',
  'and',
  'or',
  'until',
  'each',
  'every',
  'that',
  'past',
  'coming',
  'dated',
]);
const partNames = new Set(['morning', 'afternoon', 'evening', 'night']);

/** Tables the matchers read, made once here rather than on every call. */
const leadModsEn: Record<string, string> = { early: 'START', late: 'END', mid: 'MID', 'mid-': 'MID' };
const edgeModsEn: Record<string, string> = { beginning: 'START', start: 'START', end: 'END', middle: 'MID', close: 'END', turn: 'START' };
const yearOffsetsEn: Record<string, number> = { this: 0, last: -1, next: 1 };
const dayOffsetsEn: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1, tonight: 0 };
const dirsEn: Record<string, number> = { last: -1, past: -1, previous: -1, next: 1, coming: 1, this: 0, current: 0, present: 0 };
const setAdverbsEn: Record<string, string> = { daily: 'P1D', weekly: 'P1W', monthly: 'P1M', yearly: 'P1Y', annually: 'P1Y', hourly: 'PT1H', nightly: 'P1D' };
const decadeModsEn: Record<string, string> = { early: 'START', late: 'END', mid: 'MID' };
const decadeWordsEn: Record<string, number> = { twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9 };
const edgeModsEs: Record<string, string> = {
  principios: 'START',
  comienzos: 'START',
  inicios: 'START',
  finales: 'END',
  fines: 'END',
  mediados: 'MID',
  final: 'END',
  principio: 'START',
  comienzo: 'START',
  inicio: 'START',
  fin: 'END',
  mitad: 'MID',
};
const decadeWordsEs: Record<string, number> = { veinte: 2, treinta: 3, cuarenta: 4, cincuenta: 5, sesenta: 6, setenta: 7, ochenta: 8, noventa: 9 };
const setAdjectivesEs: Record<string, string> = {
  anual: 'P1Y',
  anuales: 'P1Y',
  mensual: 'P1M',
  mensuales: 'P1M',
  diario: 'P1D',
  diaria: 'P1D',
  diarios: 'P1D',
  diarias: 'P1D',
  semanal: 'P1W',
  semanales: 'P1W',
  diariamente: 'P1D',
  anualmente: 'P1Y',
  mensualmente: 'P1M',
  semanalmente: 'P1W',
  trimestral: 'P3M',
  trimestrales: 'P3M',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A DATE with a fixed value over tokens [i, to). */
const fixedDate = (i: number, value: string, to = i + 1): Cand => ({ from: i, to, type: 'DATE', resolve: fixed(value) });

/** A candidate over tokens [i, to). */
const dateAt = (i: number, to: number, resolve: Resolver, type: TimexType = 'DATE', mod?: string): Cand => ({ from: i, to, type, resolve, ...(mod ? { mod } : {}) });

// ---- first-token triggers --------------------------------------------------------------------
// Most tokens cannot begin an expression, and trying all the matchers on each was most of the
// stage's time. Each list below is read off its matcher's own code: the words it tests, or looks up
// in a lexicon, at its first token. On a word outside its list a matcher returns null, so `match`
// does not call it. Digits, numeric compounds and apostrophes ('98) try every matcher.

const FUZZY = 1;
const CALENDAR = 2;
const RELATIVE = 4;
const DURATION = 8;
const SET = 16;
/** quarterEn, partEs. */
const PART = 32;
const DECADE = 64;
const TIME = 128;
const NUMERIC = 256;
const ALL = 511;
/**
 * What an English digit, numeric compound or apostrophe may start. fuzzyEn, relativeEn and setEn read words only; a
 * compound ("10:30", "2.5", "10/11/2023") is a clock time, a count or a numeric date, never a year or a day; "'98"
 * and "'90s" are years and decades.
 */
const DIGITS_EN = CALENDAR | DURATION | PART | DECADE | TIME;
const COMPOUND_EN = DURATION | TIME | NUMERIC;
const APOSTROPHE_EN = CALENDAR | PART | DECADE;

const keys = (table: Record<string, unknown>): string[] => Object.keys(table);

/**
 * The matchers each first word may start. Most words start none, and a table lookup must first hash the word (a fresh
 * string for every token): `seen` turns most of them away by a signature of their length and first and last letters.
 */
class Triggers {
  private readonly words = new Map<string, number>();
  private readonly seen = new Uint8Array(1 << 14);

  constructor(starts: readonly (readonly [number, readonly string[]])[]) {
    for (const [bit, words] of starts)
      for (const w of words) {
        this.words.set(w, (this.words.get(w) ?? 0) | bit);
        this.seen[signature(w)] = 1;
      }
  }

  get(w: string): number {
    return this.seen[signature(w)] === 0 ? 0 : (this.words.get(w) ?? 0);
  }
}

const signature = (w: string) => (w.length & 15) | ((w.charCodeAt(0) & 31) << 4) | ((w.charCodeAt(w.length - 1) & 31) << 9);

const triggerTable = (starts: readonly (readonly [number, readonly string[]])[]) => new Triggers(starts);

/** The first words of the feasts `holiday` reads. */
const feastStartsEn = ['christmas', 'new', 'halloween'];
const feastStartsEs = ['navidad', 'nochebuena', 'nochevieja', 'año'];

// ---- second-token gates -----------------------------------------------------------------------
// The commonest triggers are function words ("the", "a", "that", "about") and counts ("two", "several") that begin
// an expression only before a few kinds of word; they made nine in ten of the matchers' calls. Every matcher such a
// word triggers tests the token after it against the words its entry below lists (read off those matchers, as the
// triggers are), or takes a digit, a numeric compound, an apostrophe or a hyphen there; before any other token they
// match nothing, so `match` does not call them.

/** Set on a first word whose entry in `gatesEn` lists what must follow it. */
const GATED = 1 << 10;

const countStartsEn = ['a', 'an', 'half', 'couple', 'dozens', 'hundreds', 'few', 'dozen', ...fuzzyCountEn, ...keys(numbersEn)];
/** What durationEn lets stand between a count and its unit ("a full year", "some long years"). */
const countFillersEn = ['more', 'additional', 'straight', 'consecutive', 'full', 'long'];
/** quarterEn after its article: "the fiscal", "the latest", "the third", "the Q". */
const quarterNextEn = ['fiscal', 'flat', 'strong', 'weak', 'disappointing', 'record', 'latest', 'same', 'q', ...keys(ordinalsEn)];
/** dateCoreEn after a direction ("this Tuesday", "this March", "this Christmas", "this summer", "this the 8th"). */
const dateCoreNextEn = [...feastStartsEn, ...keys(weekdaysEn), ...keys(monthsEn), ...keys(monthAbbrevEn), ...keys(seasonsEn), 'the'];
/** durationEn after a count ("two full years", "twenty-four hours", "one and a half"). */
const afterCountEn = [...countFillersEn, ...keys(unitsEn)];
/** A modifier of a count without a second word ("about", "nearly"): a count or "the" must follow. */
const afterModEn = [...countStartsEn, 'the'];

const gatesEn = new Map<string, ReadonlySet<string>>(
  Object.entries({
    the: [
      // fuzzyEn
      'past',
      'future',
      'near',
      'distant',
      'foreseeable',
      'short',
      'long',
      'medium',
      'time',
      'moment',
      'present',
      // calendarEn ("the end of", "the year 1998", "the summer", "the weekend"; "the 8th" takes a digit)
      ...keys(edgeModsEn),
      'year',
      'weekend',
      ...keys(seasonsEn),
      // relativeEn
      'day',
      'coming',
      'current',
      'next',
      'following',
      'previous',
      'preceding',
      'prior',
      'same',
      'quarter',
      'latest',
      'recent',
      'most',
      ...keys(unitsEn),
      // durationEn: "the fiscal year", a span word, a count
      'fiscal',
      'last',
      'first',
      'final',
      'initial',
      ...countStartsEn,
      ...quarterNextEn,
      // decadeEn
      ...keys(decadeModsEn),
      ...keys(decadeWordsEn),
    ],
    // durationEn (a count: "a few", "a couple", "a full year", a unit), setEn ("once a week"), quarterEn ("a third-quarter")
    a: ['few', 'couple', 'dozen', 'half', ...afterCountEn, ...quarterNextEn],
    an: ['few', 'couple', 'dozen', 'half', ...afterCountEn],
    // calendarEn (dateCoreEn after a direction), relativeEn ("this morning", "this fiscal year", "this century"), quarterEn
    this: [...dateCoreNextEn, ...keys(partsOfDayEn), 'fiscal', ...keys(unitsEn), ...quarterNextEn],
    // relativeEn ("that week", "that same day"), quarterEn
    that: [...keys(unitsEn), 'same', ...quarterNextEn],
    these: ['days'],
    its: quarterNextEn,
    their: quarterNextEn,
    // durationEn's count modifiers: the second word of a two-word one, a count or "the" after a one-word one
    more: ['than'],
    less: ['than'],
    fewer: ['than'],
    at: ['least'],
    no: ['more'],
    up: ['to'],
    just: ['over', 'under'],
    about: afterModEn,
    around: afterModEn,
    approximately: afterModEn,
    roughly: afterModEn,
    nearly: afterModEn,
    almost: afterModEn,
    over: afterModEn,
    under: afterModEn,
    // "some" is a modifier ("some 30 years") and a count ("some years")
    some: [...afterModEn, ...afterCountEn],
    // counts: durationEn ("two years", "twenty-four hours", "one and a half"), spelledYear ("two thousand", "nineteen ninety")
    ...Object.fromEntries([...keys(numbersEn), 'several', 'many', 'numerous'].filter((w) => w !== 'a' && w !== 'an').map((w) => [w, [...afterCountEn, ...keys(numbersEn), 'and', 'thousand', 'of']])),
    // setEn: "every other week", "every Monday", "every March", "every two years"
    every: ['other', ...keys(weekdaysEn), ...keys(monthsEn), ...keys(monthAbbrevEn), ...countStartsEn, ...keys(unitsEn)],
    each: ['other', ...keys(weekdaysEn), ...keys(monthsEn), ...keys(monthAbbrevEn), ...countStartsEn, ...keys(unitsEn)],
    // quarterEn alone: "third quarter", "first half"
    ...Object.fromEntries(
      keys(ordinalsEn)
        .filter((w) => w !== 'last' && w !== 'second')
        .map((w) => [w, ['quarter', 'half']]),
    ),
  }).map(([word, next]) => [word, new Set(next)]),
);

/** The gated first words, for the test that tries each before every word the grammar names. */
export const gatedWordsEn: readonly string[] = [...gatesEn.keys()];

const triggersEn = triggerTable([
  [FUZZY, ['now', 'currently', 'nowadays', 'presently', 'current', 'recently', 'lately', 'formerly', 'previously', 'future', 'earlier', 'these', 'recent', 'the', 'present']],
  [
    CALENDAR,
    [
      ...keys(leadModsEn),
      'the',
      'fiscal',
      'last',
      'past',
      'previous',
      'next',
      'coming',
      'this',
      'that',
      ...keys(weekdaysEn),
      ...keys(monthsEn),
      ...keys(monthAbbrevEn),
      ...keys(seasonsEn),
      'nineteen',
      'eighteen',
      'two',
      ...feastStartsEn,
    ],
  ],
  [RELATIVE, [...keys(dayOffsetsEn), ...keys(dirsEn), 'the', 'that', 'earlier', 'later', 'year', 'month']],
  [
    DURATION,
    [
      ...modWordsEn.map(([words]) => words[0]!),
      'the',
      'past',
      'last',
      'previous',
      'recent',
      'preceding',
      'next',
      'coming',
      'following',
      'a',
      'an',
      'half',
      'couple',
      'dozens',
      'hundreds',
      ...fuzzyCountEn,
      ...keys(numbersEn),
      ...keys(unitsEn),
    ],
  ],
  [SET, [...keys(setAdverbsEn), 'every', 'each', 'a', 'per']],
  [PART, ['the', 'its', 'their', 'this', 'that', 'a', 'fiscal', 'flat', 'strong', 'weak', 'disappointing', 'record', 'latest', 'same', 'q', ...keys(ordinalsEn)]],
  [DECADE, ['the', ...keys(decadeModsEn)]],
  [TIME, ['noon', 'midday', 'midnight']],
  [GATED, gatedWordsEn],
]);

const triggersEs = triggerTable([
  [
    FUZZY,
    [
      'ahora',
      'actualmente',
      'actual',
      'actuales',
      'recientemente',
      'recién',
      'últimamente',
      'reciente',
      'recientes',
      'entonces',
      'futuro',
      'futura',
      'futuros',
      'futuras',
      'más',
      'hoy',
      'la',
      'estos',
      'estas',
      'el',
      'este',
      'ese',
      'aquel',
      'del',
      'un',
      'largo',
      'corto',
      'medio',
      'próximo',
      'próxima',
      'próximos',
      'próximas',
      'pasado',
      'pasada',
      'pasados',
      'pasadas',
    ],
  ],
  [CALENDAR, ['el', 'del', 'al', 'este', 'esta', 'ese', 'aquel', 'los', 'pasado', 'pasada', 'próximo', 'próxima', 'proximo', 'día', ...feastStartsEs, ...keys(weekdaysEs), ...keys(monthsEs)]],
  [
    RELATIVE,
    [
      'hoy',
      'ayer',
      'anteayer',
      'mañana',
      'pasado',
      'el',
      'al',
      'la',
      'del',
      'los',
      'las',
      'este',
      'esta',
      'estos',
      'pasada',
      'anterior',
      'próximo',
      'próxima',
      'presente',
      'actual',
      'mes',
      'fin',
      'anoche',
      'ese',
      'esa',
      'aquel',
      'aquella',
      'dicho',
      'dicha',
      'a',
      ...keys(seasonsEs),
      ...keys(unitsEs),
      ...keys(edgeModsEs),
    ],
  ],
  [DURATION, ['hace', 'hacía', 'dentro', ...modWordsEs.map(([words]) => words[0]!), 'los', 'las', 'un', ...fuzzyCountEs, ...keys(numbersEs), ...keys(unitsEs)]],
  [SET, [...keys(setAdjectivesEs), 'cada', 'todos', 'todas', 'al', 'por']],
  [PART, ['el', 'del', 'al', 'este', ...keys(ordinalsEs)]],
  [TIME, ['las', 'la']],
]);

/** The longer of two candidates; the earlier one on a tie. */
const longer = (best: Cand | null, c: Cand | null): Cand | null => (c !== null && c.to > c.from && (best === null || c.to > best.to) ? c : best);

/** Matches timex expressions in a token stream. */
export class Grammar {
  readonly es: boolean;
  private readonly months: Record<string, number>;
  private readonly weekdays: Record<string, number>;
  private readonly units: Record<string, Unit>;
  private readonly numbers: Record<string, number>;
  private readonly triggers: Triggers;
  /** Try every matcher at every token, ignoring the first-token triggers (for tests that check the triggers). */
  exhaustive = false;

  constructor(
    private readonly toks: readonly Tok[],
    language: string,
    private readonly dayFirst: boolean,
  ) {
    this.es = language === 'es';
    this.triggers = this.es ? triggersEs : triggersEn;
    this.months = this.es ? monthsEs : monthsEn;
    this.weekdays = this.es ? weekdaysEs : weekdaysEn;
    this.units = this.es ? unitsEs : unitsEn;
    this.numbers = this.es ? numbersEs : numbersEn;
  }

  // ---- token helpers -------------------------------------------------------------------------

  private w(i: number): string {
    return this.toks[i]?.lower ?? '';
  }

  private is(i: number, ...words: string[]): boolean {
    const w = this.toks[i]?.lower;
    return w !== undefined && words.includes(w);
  }

  /** True when token i touches the previous one (no space between). */
  private glued(i: number): boolean {
    const a = this.toks[i - 1];
    const b = this.toks[i];
    return a !== undefined && b !== undefined && a.end === b.start;
  }

  private seq(i: number, words: readonly string[]): number {
    for (let k = 0; k < words.length; k += 1) if (this.w(i + k) !== words[k]) return -1;
    return i + words.length;
  }

  /** Skips a hyphen glued on both sides ("third-quarter", "mid-1990"). */
  private hyphen(i: number): number {
    return this.w(i) === '-' && this.glued(i) && this.glued(i + 1) ? i + 1 : i;
  }

  private sameSentence(i: number, j: number): boolean {
    return this.toks[i]?.sentence === this.toks[j]?.sentence;
  }

  private isPunctOrEnd(i: number): boolean {
    const t = this.toks[i];
    return t === undefined || t.kind === 'p' || !this.sameSentence(i - 1, i);
  }

  // ---- atoms ----------------------------------------------------------------------------------

  /** A count: digits, number words ("twenty-four", "treinta y cinco"), or a vague one ("several"). */
  number(i: number): Num | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.kind === 'n' && t.text.length <= 4) {
      const n = Number(t.text);
      const frac = this.toks[i + 1];
      if (frac && frac.kind === 'x' && /^1\/2$/.test(frac.text)) return { n: n + 0.5, to: i + 2 };
      return { n, to: i + 1 };
    }
    if (t.kind === 'x' && /^\d+[.,]\d+$/.test(t.text) && !/^\d{1,2}[.:]\d{2}$/.test(t.text)) return { n: Number(t.text.replace(',', '.')), to: i + 1 };
    if (t.kind !== 'w') return null;
    const w = t.lower;
    if (this.es) {
      if (w === 'un' && this.is(i + 1, 'par') && this.is(i + 2, 'de')) return { n: 2, to: i + 3 };
      if (fuzzyCountEs.has(w)) return { n: null, to: i + 1 };
      const n = numbersEs[w];
      if (n === undefined) return null;
      if (n >= 30 && n < 100 && this.is(i + 1, 'y') && (numbersEs[this.w(i + 2)] ?? 99) < 10) return { n: n + numbersEs[this.w(i + 2)]!, to: i + 3 };
      if (n === 1 && this.is(i + 1, 'y') && this.is(i + 2, 'medio', 'media')) return { n: 1.5, to: i + 3 };
      return { n, to: i + 1 };
    }
    if (w === 'a' || w === 'an') {
      if (this.is(i + 1, 'few')) return { n: null, to: i + 2 };
      if (this.is(i + 1, 'couple')) return { n: 2, to: this.is(i + 2, 'of') ? i + 3 : i + 2 };
      if (this.is(i + 1, 'dozen')) return { n: 12, to: i + 2 };
      if (this.is(i + 1, 'half')) return { n: 0.5, to: i + 2 };
      return { n: 1, to: i + 1 };
    }
    if (w === 'half' && this.is(i + 1, 'a', 'an')) return { n: 0.5, to: i + 2 };
    if (w === 'couple' && this.is(i + 1, 'of')) return { n: 2, to: i + 2 };
    if (w === 'dozens' || w === 'hundreds') return this.is(i + 1, 'of') ? { n: null, to: i + 2 } : null;
    if (fuzzyCountEn.has(w) && !['recent', 'coming', 'past', 'next', 'last'].includes(w)) return { n: null, to: i + 1 };
    const n = numbersEn[w];
    if (n === undefined || w === 'hundred' || w === 'dozen') return null;
    if (n >= 20 && n < 100 && n % 10 === 0) {
      const j = this.hyphen(i + 1);
      const unit = numbersEn[this.w(j)];
      if (unit !== undefined && unit < 10 && unit > 0 && this.w(j) !== 'a' && this.w(j) !== 'an') return { n: n + unit, to: j + 1 };
    }
    if (this.is(i + 1, 'and') && this.is(i + 2, 'a') && this.is(i + 3, 'half')) return { n: n + 0.5, to: i + 4 };
    return { n, to: i + 1 };
  }

  private unit(i: number): { unit: Unit; plural: boolean; to: number; mult: number } | null {
    const w = this.w(i);
    const unit = this.units[w];
    if (!unit) return null;
    return { unit, plural: w.endsWith('s') && w !== 'mes', to: i + 1, mult: unitMultiplier[w] ?? 1 };
  }

  /** A day of the month, 1–31, with an optional glued ordinal suffix ("5th"). */
  private dayOfMonth(i: number): { d: number; to: number } | null {
    const t = this.toks[i];
    if (!t || t.kind !== 'n' || t.text.length > 2) return null;
    const d = Number(t.text);
    if (d < 1 || d > 31) return null;
    if (this.glued(i + 1) && this.is(i + 1, 'st', 'nd', 'rd', 'th', 'º', 'o')) return { d, to: i + 2 };
    if (this.es && this.is(i + 1, 'º', '°') && this.glued(i + 1)) return { d, to: i + 2 };
    // "5,000" and "5.5" are not days; the tokenizer keeps them whole.
    return { d, to: i + 1 };
  }

  /** A four-digit year (or "'98"), refusing numbers that are amounts, codes or parts of phone numbers. */
  year(i: number, standalone = false): { y: number; to: number } | null {
    const t = this.toks[i];
    if (!t) return null;
    if ((t.lower === "'" || t.lower === '’') && this.toks[i + 1]?.kind === 'n' && this.toks[i + 1]!.text.length === 2 && this.glued(i + 1)) {
      if (this.glued(i + 2) && this.is(i + 2, 's')) return null;
      const n = Number(this.toks[i + 1]!.text);
      return { y: n < 40 ? 2000 + n : 1900 + n, to: i + 2 };
    }
    if (t.kind !== 'n' || t.text.length !== 4) return null;
    const y = Number(t.text);
    if (y < (standalone ? 1800 : 1000) || y > 2099) return null;
    const before = this.toks[i - 1];
    const after = this.toks[i + 1];
    if (before && (before.kind === 'n' || before.kind === 'x') && this.sameSentence(i - 1, i) && before.end >= t.start - 1) return null;
    if (after && (after.kind === 'n' || after.kind === 'x') && after.start <= t.end + 1) return null;
    if (before && this.glued(i) && ['-', '/', '.', ':', '$', '€', '£', '#', '+'].includes(before.text)) return null;
    if (after && this.glued(i + 1) && (['-', '/', ':', '%', '°', 'º'].includes(after.text) || after.kind === 'w') && !(after.lower === 's')) return null;
    if (standalone) {
      if (before && yearBlockersBefore.has(before.lower)) return null;
      if (after && yearBlockersAfter.has(after.lower)) return null;
      if (after && after.lower === 's' && this.glued(i + 1)) return null;
    }
    return { y, to: i + 1 };
  }

  /** A month name, with care for names that are also words ("May", "March", Spanish "Mayo" in "Plaza de Mayo"). */
  month(i: number, strong = false): { m: number; to: number } | null {
    const t = this.toks[i];
    if (!t || t.kind !== 'w') return null;
    const w = t.lower;
    if (this.es) {
      const m = monthsEs[w];
      if (m !== undefined) {
        // Spanish writes months in lower case: a capitalized one inside a sentence names a place ("Plaza de Mayo", "Avenida 17 de Junio").
        const prev = this.toks[i - 1];
        if (t.cap && prev && prev.sentence === t.sentence && (prev.kind === 'w' || prev.kind === 'n') && !(prev.lower === 'de' && this.year(i + 2))) {
          if (!strong || (prev.lower === 'de' && this.toks[i - 3]?.cap && this.toks[i - 3]!.sentence === t.sentence)) return null;
        }
        return { m, to: i + 1 };
      }
      return null;
    }
    if (!t.cap) return null;
    const full = monthsEn[w];
    if (full !== undefined) {
      if ((w === 'may' || w === 'march') && !strong) {
        const prev = this.w(i - 1);
        const next = this.toks[i + 1];
        const nextIsDate = next !== undefined && (next.kind === 'n' || (next.lower === ',' && this.toks[i + 2]?.kind === 'n'));
        if (!nextIsDate && !(monthContextEn.has(prev) && !(next?.cap && next.kind === 'w'))) return null;
      }
      return { m: full, to: i + 1 };
    }
    const abbr = monthAbbrevEn[w];
    if (abbr !== undefined) {
      if (this.is(i + 1, '.') && this.glued(i + 1)) return { m: abbr, to: i + 2 };
      if (this.toks[i + 1]?.kind === 'n' && w !== 'mar' && w !== 'jun') return { m: abbr, to: i + 1 };
    }
    return null;
  }

  /** A weekday name; capitalized in English, and not the start of a title like "Sunday Times". */
  weekday(i: number): { dow: number; to: number } | null {
    const t = this.toks[i];
    if (!t || t.kind !== 'w') return null;
    const dow = this.weekdays[t.lower];
    if (dow === undefined) return null;
    if (!this.es && !t.cap) return null;
    const next = this.toks[i + 1];
    if (!this.es && next && next.kind === 'w' && next.cap && next.sentence === t.sentence && this.months[next.lower] === undefined) return null;
    if (this.es && t.cap) {
      // "Santo Domingo", "Plácido Domingo": a capitalized weekday after a name is a name.
      const prev = this.toks[i - 1];
      if (prev && prev.cap && prev.sentence === t.sentence && !['El', 'Este', 'Hoy', 'Ayer', 'Mañana', 'Cada', 'Del', 'Al'].includes(prev.text)) return null;
      if (next && next.kind === 'w' && next.cap && next.sentence === t.sentence) return null;
    }
    return { dow, to: i + 1 };
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** The longest expression starting at token i, or null. */
  match(i: number): Cand | null {
    return i >= 0 && i < this.toks.length ? this.matchWith(i, this.starts(i)) : null;
  }

  /** Every expression in the text, left to right: the longest at each token, then on from its end. */
  matchAll(): Cand[] {
    const found: Cand[] = [];
    const n = this.toks.length;
    for (let i = 0; i < n; ) {
      const can = this.starts(i);
      const c = can === 0 ? null : this.matchWith(i, can);
      if (c) {
        found.push(c);
        i = c.to;
      } else i += 1;
    }
    return found;
  }

  /** The matchers that may start at token i: none for most tokens (see the first-token triggers and the second-token gates). */
  private starts(i: number): number {
    const t = this.toks[i]!;
    if (t.kind === 'p') return t.text === "'" || t.text === '’' ? (this.exhaustive || this.es ? ALL : APOSTROPHE_EN) : 0;
    if (this.exhaustive) return ALL;
    if (t.kind === 'n') return this.es ? ALL : DIGITS_EN;
    if (t.kind === 'x') return this.es ? ALL : COMPOUND_EN;
    const can = this.triggers.get(t.lower);
    return can & GATED && !this.followed(i + 1, t.lower) ? 0 : can;
  }

  /** The longest expression at token i among the matchers in `can`. */
  private matchWith(i: number, can: number): Cand | null {
    if (can === 0) return null;
    // The matchers in a fixed order, keeping the longest (the first on a tie).
    let best: Cand | null = null;
    if (this.es) {
      if (can & FUZZY) best = longer(best, this.fuzzyEs(i));
      if (can & CALENDAR) best = longer(best, this.calendarEs(i));
      if (can & RELATIVE) best = longer(best, this.relativeEs(i));
      if (can & DURATION) best = longer(best, this.durationEs(i));
      if (can & SET) best = longer(best, this.setEs(i));
      if (can & PART) best = longer(best, this.partEs(i));
      if (can & TIME) best = longer(best, this.timeEs(i));
      if (can & NUMERIC) best = longer(best, this.numericDate(i));
    } else {
      if (can & FUZZY) best = longer(best, this.fuzzyEn(i));
      if (can & CALENDAR) best = longer(best, this.calendarEn(i));
      if (can & RELATIVE) best = longer(best, this.relativeEn(i));
      if (can & DURATION) best = longer(best, this.durationEn(i));
      if (can & SET) best = longer(best, this.setEn(i));
      if (can & PART) best = longer(best, this.quarterEn(i));
      if (can & DECADE) best = longer(best, this.decadeEn(i));
      if (can & TIME) best = longer(best, this.timeEn(i));
      if (can & NUMERIC) best = longer(best, this.numericDate(i));
    }
    if (best && best.type === 'DATE' && !this.es) {
      const tail = this.seq(best.to, ['or', 'later']) > 0 || this.seq(best.to, ['and', 'beyond']) > 0 ? 'EQUAL_OR_MORE' : this.seq(best.to, ['or', 'earlier']) > 0 ? 'EQUAL_OR_LESS' : null;
      if (tail) best = { ...best, to: best.to + 2, mod: tail };
    }
    return best ? this.withTimeAfter(best) : null;
  }

  /** Whether token k may follow the gated first word `first` (see the second-token gates). */
  private followed(k: number, first: string): boolean {
    const t = this.toks[k];
    if (!t) return false;
    if (t.kind === 'n' || t.kind === 'x' || t.text === "'" || t.text === '’' || t.text === '-') return true;
    return gatesEn.get(first)?.has(t.lower) ?? true;
  }

  /** Extends a date with a clock time right after it ("Tuesday, 10 a.m."), or a time with a date after it. */
  private withTimeAfter(c: Cand): Cand {
    if (c.type === 'DATE' && !/^(?:DUR|SET)/.test(c.type)) {
      let j = c.to;
      if (this.is(j, ',')) j += 1;
      const time = this.clock(j);
      if (time && this.sameSentence(c.from, j) && j - c.to <= 1) {
        return { from: c.from, to: time.to, type: 'TIME', resolve: resolveTime(time.time, c.resolve), explicit: c.explicit };
      }
    }
    return c;
  }

  /** A clock time: "10 a.m.", "10:30", "5 p.m. EST", "noon", "las 10.30 horas". */
  clock(i: number): { time: string; to: number } | null {
    const t = this.toks[i];
    if (!t) return null;
    if (!this.es) {
      if (t.lower === 'noon' || t.lower === 'midday') return { time: '12:00', to: i + 1 };
      if (t.lower === 'midnight') return { time: '24:00', to: i + 1 };
    }
    let h: number;
    let min = 0;
    let j = i + 1;
    const hm = /^(\d{1,2})[:.](\d{2})$/.exec(t.text);
    if (t.kind === 'x' && hm) {
      h = Number(hm[1]);
      min = Number(hm[2]);
      if (t.text.includes('.') && !this.es) return null;
    } else if (t.kind === 'n' && t.text.length <= 2) {
      h = Number(t.text);
    } else return null;
    if (h > 24 || min > 59) return null;
    let meridian: string | null = null;
    let zulu = false;
    if (!this.es) {
      const a = this.w(j);
      if ((a === 'a' || a === 'p') && this.is(j + 1, '.') && this.is(j + 2, 'm') && this.glued(j + 1) && this.glued(j + 2)) {
        meridian = a;
        j += this.is(j + 3, '.') && this.glued(j + 3) ? 4 : 3;
      } else if (a === 'am' || a === 'pm') {
        meridian = a[0]!;
        j += 1;
      } else if (a === 'o' && this.is(j + 1, "'", '’') && this.is(j + 2, 'clock')) {
        j += 3;
        meridian = '';
      }
      if (meridian === null && !hm) return null;
      if (meridian === null && hm && this.is(i - 1, 'at', 'by', 'until', 'from', 'around', 'before', 'after') === false) return null;
      if (meridian === 'p' && h < 12) h += 12;
      if (meridian === 'a' && h === 12) h = 0;
      if (timeZones.has(this.w(j))) {
        zulu = this.is(j, 'gmt', 'utc');
        j += 1;
      } else if (this.is(j, 'local') && this.is(j + 1, 'time')) j += 2;
    } else {
      // Spanish: "las 10.30 horas", "a las 22:00 hora local", "las diez de la mañana".
      const hasArticle = this.is(i - 1, 'las', 'la');
      if (this.is(j, 'horas', 'hora', 'h', 'hs')) {
        j += 1;
        if (this.is(j, 'local', 'locales', 'peninsular', 'peninsulares')) j += 1;
        if (this.is(j, 'gmt')) {
          j += 1;
          zulu = true;
        }
      } else if (this.is(j, 'gmt', 'utc')) {
        j += 1;
        zulu = true;
      } else if (!hasArticle || !hm) {
        if (!(hasArticle && this.is(j, 'de') && this.is(j + 1, 'la') && this.is(j + 2, 'mañana', 'tarde', 'noche', 'madrugada'))) return null;
      }
      if (this.is(j, 'de') && this.is(j + 1, 'la') && this.is(j + 2, 'mañana', 'tarde', 'noche', 'madrugada')) {
        if (this.is(j + 2, 'tarde', 'noche') && h < 12) h += 12;
        j += 3;
      }
    }
    return { time: `${pad2(h)}:${pad2(min)}${zulu ? 'Z' : ''}`, to: j };
  }

  // ---- English --------------------------------------------------------------------------------

  private fuzzyEn(i: number): Cand | null {
    const w = this.w(i);
    switch (w) {
      case 'now':
        return this.is(i - 1, 'right', 'just', 'until', 'by', 'from') && !this.is(i - 1, 'right') ? fixedDate(i, 'PRESENT_REF') : fixedDate(i, 'PRESENT_REF');
      case 'currently':
      case 'nowadays':
      case 'presently':
        return fixedDate(i, 'PRESENT_REF');
      case 'current':
        return this.is(i + 1, 'account', 'accounts', 'affairs', 'events', 'ly') ? null : fixedDate(i, 'PRESENT_REF');
      case 'recently':
      case 'lately':
      case 'formerly':
      case 'previously':
        return w === 'previously' ? null : fixedDate(i, 'PAST_REF');
      case 'future':
        return this.is(i - 1, 'the', 'near', 'distant', 'foreseeable') || /^[a-z]/.test(this.toks[i + 1]?.text ?? '') ? fixedDate(i, 'FUTURE_REF') : null;
      case 'earlier':
        return this.toks[i]!.cap && this.is(i + 1, ',') ? fixedDate(i, 'PAST_REF') : null;
      case 'these':
        return this.is(i + 1, 'days') ? fixedDate(i, 'PRESENT_REF', i + 2) : null;
      case 'recent':
        return this.is(i + 1, 'years', 'months', 'weeks', 'days', 'decades') ? fixedDate(i, 'PAST_REF', i + 2) : null;
      case 'the': {
        if (this.is(i + 1, 'past') && !this.number(i + 2) && !this.unit(i + 2) && !this.is(i + 2, 'few', 'several', 'couple')) return fixedDate(i, 'PAST_REF', i + 2);
        if (this.is(i + 1, 'future')) return fixedDate(i, 'FUTURE_REF', i + 2);
        if (this.is(i + 1, 'near', 'distant', 'foreseeable') && this.is(i + 2, 'future')) return fixedDate(i, 'FUTURE_REF', i + 3);
        if (this.is(i + 1, 'short', 'long', 'near', 'medium') && this.is(i + 2, 'term')) return fixedDate(i, 'FUTURE_REF', i + 3);
        if (this.is(i + 1, 'time') && this.is(i - 1, 'at') && !this.is(i + 2, 'of', 'when', 'being', 'that')) return fixedDate(i, 'PAST_REF', i + 2);
        if (this.is(i + 1, 'moment') && this.is(i - 1, 'at')) return fixedDate(i, 'PRESENT_REF', i + 2);
        if (this.is(i + 1, 'present') && this.is(i - 1, 'at', 'until')) return fixedDate(i, 'PRESENT_REF', i + 2);
        return null;
      }
      case 'present':
        return this.is(i - 1, 'at') ? fixedDate(i, 'PRESENT_REF') : null;
      default:
        return null;
    }
  }

  /** Calendar dates: "Jan. 8, 1998", "8 January", "January 1998", "Tuesday", "last December", "early 1998", "the end of 1994". */
  private calendarEn(i: number): Cand | null {
    const w = this.w(i);
    // Modifiers that set a part of the period.
    if (leadModsEn[w]) {
      let j = i + 1;
      if (w === 'mid') j = this.hyphen(j);
      const inner = this.calendarEn(j) ?? this.relativeEn(j) ?? this.decadeEn(j);
      if (inner && inner.type === 'DATE' && !/^(?:P|PRESENT|PAST|FUTURE)/.test(inner.type)) return { ...inner, from: i, mod: leadModsEn[w] };
      return null;
    }
    if (w === 'the' && this.is(i + 1, 'beginning', 'start', 'end', 'middle', 'close', 'turn') && this.is(i + 2, 'of')) {
      const inner = this.calendarEn(i + 3) ?? this.relativeEn(i + 3) ?? this.unitPhraseEn(i + 3) ?? this.decadeEn(i + 3) ?? this.quarterEn(i + 3);
      if (inner && inner.type === 'DATE') {
        const mod = edgeModsEn[this.w(i + 1)]!;
        return { ...inner, from: i, mod };
      }
      return null;
    }
    if (w === 'fiscal' || (w === 'the' && this.is(i + 1, 'year') && this.toks[i + 2]?.kind === 'n')) {
      const j = w === 'fiscal' ? (this.is(i + 1, 'year') ? i + 2 : i + 1) : i + 2;
      const y = this.year(j);
      if (y) return { from: i, to: y.to, type: 'DATE', resolve: resolveSpec({ y: y.y }), explicit: true };
    }
    if (w === 'the' && seasonsEn[this.w(i + 1)]) {
      const inner = this.dateCoreEn(i + 1, true);
      if (inner) return { from: i, to: inner.to, type: 'DATE', resolve: resolveSpec(inner.spec), explicit: inner.spec.y !== undefined };
    }
    if (w === 'the' && this.is(i + 1, 'weekend') && !this.is(i + 2, 'of')) return { from: i, to: i + 2, type: 'DATE', resolve: theWeekend() };
    let dir: Dir;
    let j = i;
    if (w === 'last' || w === 'past' || w === 'previous') {
      dir = -1;
      j += 1;
    } else if (w === 'next' || w === 'coming') {
      dir = 1;
      j += 1;
    } else if (w === 'this' || w === 'that') {
      dir = 0;
      j += 1;
    }
    const spec = this.dateCoreEn(j, dir !== undefined);
    if (spec) {
      if (dir !== undefined && (spec.spec.y !== undefined || (spec.spec.dow === undefined && spec.spec.m === undefined && spec.spec.season === undefined))) return null;
      if (dir !== undefined && w === 'that') return null;
      // "in April next year", "early October this year".
      const yearOffset = yearOffsetsEn[this.w(spec.to)];
      if (dir === undefined && spec.spec.y === undefined && spec.spec.m !== undefined && yearOffset !== undefined && this.is(spec.to + 1, 'year')) {
        return { from: i, to: spec.to + 2, type: 'DATE', resolve: inAnchorYear(spec.spec, yearOffset) };
      }
      return { from: i, to: spec.to, type: 'DATE', resolve: resolveSpec({ ...spec.spec, dir }), explicit: spec.spec.y !== undefined };
    }
    return null;
  }

  /**
   * A feast on a fixed day, capitalized: "Christmas", "Christmas Eve", "New Year's Day", "Halloween"; "Navidad",
   * "Nochebuena", "Nochevieja", "Año Nuevo". Its year comes from the tense and the narrative like a bare "December 25".
   */
  private holiday(i: number): { m: number; d: number; to: number } | null {
    const t = this.toks[i];
    if (!t?.cap) return null;
    const w = t.lower;
    if (this.es) {
      if (w === 'navidad') return { m: 12, d: 25, to: i + 1 };
      if (w === 'nochebuena') return { m: 12, d: 24, to: i + 1 };
      if (w === 'nochevieja') return { m: 12, d: 31, to: i + 1 };
      if (w === 'año' && this.is(i + 1, 'nuevo') && this.toks[i + 1]!.cap) return { m: 1, d: 1, to: i + 2 };
      return null;
    }
    if (w === 'christmas') {
      if (this.is(i + 1, 'eve')) return { m: 12, d: 24, to: i + 2 };
      if (this.is(i + 1, 'day')) return { m: 12, d: 25, to: i + 2 };
      return this.is(i + 1, 'island', 'islands') ? null : { m: 12, d: 25, to: i + 1 };
    }
    if (w === 'new' && this.is(i + 1, 'year') && this.is(i + 2, "'", '’') && this.is(i + 3, 's') && this.is(i + 4, 'day', 'eve')) {
      return this.is(i + 4, 'eve') ? { m: 12, d: 31, to: i + 5 } : { m: 1, d: 1, to: i + 5 };
    }
    if (w === 'halloween') return { m: 10, d: 31, to: i + 1 };
    return null;
  }

  /** The calendar core of a date, without modifiers. */
  private dateCoreEn(i: number, afterDirection: boolean): { spec: DateSpec; to: number } | null {
    const feast = this.holiday(i);
    if (feast) return { spec: { m: feast.m, d: feast.d }, to: feast.to };
    let j = i;
    let dow: number | undefined;
    const wd = this.weekday(j);
    if (wd) {
      dow = wd.dow;
      j = wd.to;
      let k = j;
      if (this.is(k, ',')) k += 1;
      const rest = this.monthDayEn(k);
      if (rest && rest.spec.d !== undefined) return { spec: rest.spec, to: rest.to };
      if (this.is(j, 'morning', 'afternoon', 'evening', 'night') && !afterDirection) j += 1;
      return { spec: { dow }, to: j };
    }
    const md = this.monthDayEn(j, afterDirection);
    if (md) return md;
    const season = seasonsEn[this.w(j)];
    if (season && (afterDirection || this.is(j - 1, 'the', 'this', 'last', 'next') || this.year(j + 1) || this.is(j + 1, 'of'))) {
      let to = j + 1;
      let y: number | undefined;
      const yy = this.year(this.is(to, 'of') ? to + 1 : to);
      if (yy) {
        y = yy.y;
        to = yy.to;
      }
      return { spec: { season, ...(y !== undefined ? { y } : {}) }, to };
    }
    const y = this.year(j, true) ?? this.spelledYear(j);
    if (y && !afterDirection) return { spec: { y: y.y }, to: y.to };
    return null;
  }

  /** "Jan. 8, 1998", "January 8", "8 January 1998", "the 8th of January", "January 1998", "January". */
  private monthDayEn(i: number, strong = false): { spec: DateSpec; to: number } | null {
    const mo = this.month(i, strong);
    if (mo) {
      const day = this.dayOfMonth(mo.to);
      if (day && !(this.toks[mo.to + 1]?.kind === 'x' && this.glued(mo.to + 1))) {
        let j = day.to;
        let k = j;
        if (this.is(k, ',')) k += 1;
        const y = this.year(k);
        if (y) j = y.to;
        if (day.d > 31) return null;
        return { spec: { m: mo.m, d: day.d, ...(y ? { y: y.y } : {}) }, to: j };
      }
      let k = mo.to;
      if (this.is(k, ',', 'of')) k += 1;
      const y = this.year(k) ?? this.spelledYear(k);
      if (y) return { spec: { m: mo.m, y: y.y }, to: y.to };
      return { spec: { m: mo.m }, to: mo.to };
    }
    let j = i;
    if (this.is(j, 'the')) j += 1;
    const day = this.dayOfMonth(j);
    if (day) {
      let k = day.to;
      if (this.is(k, 'of')) k += 1;
      const m2 = this.month(k, true);
      if (m2 && (k > day.to || j === i || day.to > j + 1)) {
        let to = m2.to;
        let kk = to;
        if (this.is(kk, ',')) kk += 1;
        const y = this.year(kk);
        if (y) to = y.to;
        return { spec: { m: m2.m, d: day.d, ...(y ? { y: y.y } : {}) }, to };
      }
      if (m2 && j === i) {
        let to = m2.to;
        const y = this.year(to);
        if (y) to = y.to;
        return { spec: { m: m2.m, d: day.d, ...(y ? { y: y.y } : {}) }, to };
      }
    }
    return null;
  }

  /** "nineteen ninety-seven", "two thousand and one". */
  private spelledYear(i: number): { y: number; to: number } | null {
    if (this.is(i, 'nineteen') || this.is(i, 'eighteen')) {
      const n = this.number(i + 1);
      if (n && n.n !== null && n.n >= 10 && n.n < 100 && this.toks[i + 1]?.kind === 'w') return { y: (this.is(i, 'nineteen') ? 1900 : 1800) + n.n, to: n.to };
    }
    if (this.is(i, 'two') && this.is(i + 1, 'thousand')) {
      let j = i + 2;
      if (this.is(j, 'and')) j += 1;
      const n = this.number(j);
      if (n && n.n !== null && n.n < 100 && this.toks[j]?.kind === 'w' && !this.is(j, 'a', 'an')) return { y: 2000 + n.n, to: n.to };
      return null;
    }
    return null;
  }

  /** Relative dates: today, yesterday, last week, this year, the next day, year-ago, two days later (handled in durations). */
  private relativeEn(i: number): Cand | null {
    const w = this.w(i);
    if (w in dayOffsetsEn) {
      const off = dayOffsetsEn[w]!;
      if (w === 'tonight') return dateAt(i, i + 1, relative('day', 0, 'anchor', { time: 'NI' }), 'TIME');
      const part = partsOfDayEn[this.w(i + 1)];
      if (part) return dateAt(i, i + 2, relative('day', off, 'anchor', { time: part }), 'TIME');
      if (this.is(i + 1, "'", '’') && this.is(i + 2, 's') && w === 'today') return null;
      return dateAt(i, i + 1, relative('day', off, 'anchor'));
    }
    if (w === 'the' && this.is(i + 1, 'day') && this.is(i + 2, 'before', 'after') && this.is(i + 3, 'yesterday', 'tomorrow')) {
      return dateAt(i, i + 4, relative('day', this.is(i + 3, 'yesterday') ? -2 : 2, 'anchor'));
    }
    if ((w === 'last' || w === 'this') && partsOfDayEn[this.w(i + 1)] && !this.is(i + 2, 'of')) {
      if (w === 'last' && !this.is(i + 1, 'night')) return null;
      return dateAt(i, i + 2, relative('day', w === 'last' ? -1 : 0, 'anchor', { time: partsOfDayEn[this.w(i + 1)]! }), 'TIME');
    }
    // "last week", "this year", "next month", "the coming weekend".
    let j = i;
    if (w === 'the' && this.is(i + 1, 'coming', 'current', 'present')) j += 1;
    const dirWord = this.w(j);
    if (dirWord in dirsEn && (j === i || dirWord !== 'past')) {
      let k = j + 1;
      if (this.is(k, 'fiscal')) k += 1;
      const u = this.unit(k);
      if (u && !u.plural && u.unit !== 'hour' && u.unit !== 'minute' && u.unit !== 'second' && u.unit !== 'day' && !this.toks[k]!.cap) {
        if (u.unit === 'century' || u.unit === 'decade') return dateAt(i, u.to, relativeSpan(u.unit, dirsEn[dirWord]!));
        return dateAt(i, u.to, relative(u.unit, dirsEn[dirWord]!, 'anchor'));
      }
    }
    // "the next day", "the following week", "the previous year": the narrative moves.
    if (w === 'the' && this.is(i + 1, 'next', 'following', 'previous', 'preceding', 'prior', 'same')) {
      const u = this.unit(i + 2);
      if (u && !u.plural && u.unit !== 'hour' && u.unit !== 'minute' && u.unit !== 'second') {
        const off = this.is(i + 1, 'next', 'following') ? 1 : this.is(i + 1, 'same') ? 0 : -1;
        return dateAt(i, u.to, relative(u.unit, off, 'ref'));
      }
    }
    if (w === 'the' && this.unit(i + 1) && this.is(i + 2, 'before', 'after') && this.isPunctOrEnd(i + 3)) {
      const u = this.unit(i + 1)!;
      if (!u.plural) return dateAt(i, i + 3, relative(u.unit, this.is(i + 2, 'before') ? -1 : 1, 'ref'));
    }
    if (w === 'that' && this.unit(i + 1) && !this.unit(i + 1)!.plural && this.unit(i + 1)!.unit !== 'hour') {
      return dateAt(i, i + 2, relative(this.unit(i + 1)!.unit, 0, 'ref'));
    }
    if (w === 'that' && this.is(i + 1, 'same') && this.unit(i + 2)) return dateAt(i, i + 3, relative(this.unit(i + 2)!.unit, 0, 'ref'));
    // "earlier this year", "later this month".
    if ((w === 'earlier' || w === 'later') && this.is(i + 1, 'this', 'last', 'next')) {
      const inner = this.relativeEn(i + 1);
      if (inner) return { ...inner, from: i };
    }
    // "year-end", "year's end", "month-end".
    if ((w === 'year' || w === 'month') && this.is(i + 1, '-') && this.glued(i + 1) && this.is(i + 2, 'end')) {
      return dateAt(i, i + 3, relative(w === 'year' ? 'year' : 'month', 0, 'anchor'), 'DATE', 'END');
    }
    if (w === 'year' && this.is(i + 1, "'", '’') && this.is(i + 2, 's') && this.is(i + 3, 'end')) return dateAt(i, i + 4, relative('year', 0, 'anchor'), 'DATE', 'END');
    // "year-ago", "year-earlier", "the year-ago quarter", "the year-earlier period".
    let y0 = i;
    if (w === 'the') y0 += 1;
    if (this.is(y0, 'year') && this.is(y0 + 1, '-') && this.glued(y0 + 1) && this.is(y0 + 2, 'ago', 'earlier')) {
      let to = y0 + 3;
      if (y0 > i) {
        if (this.is(to, 'quarter', 'period')) to += 1;
        else if (ordinalsEn[this.w(to)] && this.is(to + 1, 'quarter')) to += 2;
        else return null;
      }
      return dateAt(i, to, yearAgo(y0 > i));
    }
    // "the quarter", "the latest quarter", "the current quarter".
    if (w === 'the' && this.is(i + 1, 'quarter') && !this.is(i + 2, 'of', 'century', '-')) {
      // "for the quarter a year ago": one mention, "the year-ago quarter".
      if (this.is(i + 2, 'a') && this.is(i + 3, 'year') && this.is(i + 4, 'ago', 'earlier')) return dateAt(i, i + 5, yearAgo(true));
      return dateAt(i, i + 2, latestQuarter(false));
    }
    if (w === 'the' && this.is(i + 1, 'latest', 'recent', 'most') && this.is(i + (this.is(i + 1, 'most') ? 3 : 2), 'quarter')) {
      return dateAt(i, i + (this.is(i + 1, 'most') ? 4 : 3), relative('quarter', -1, 'anchor'));
    }
    if (w === 'this' && this.is(i + 1, 'century')) return dateAt(i, i + 2, relativeSpan('century', 0));
    return null;
  }

  /** "the year", "the month": the unit in the narrative (used inside "the end of the month"). */
  private unitPhraseEn(i: number): Cand | null {
    if (!this.is(i, 'the')) return null;
    const u = this.unit(i + 1);
    if (!u || u.plural || !['year', 'month', 'week', 'quarter', 'decade', 'century'].includes(u.unit)) return null;
    if (u.unit === 'century' || u.unit === 'decade') return { from: i, to: u.to, type: 'DATE', resolve: relativeSpan(u.unit, 0) };
    return { from: i, to: u.to, type: 'DATE', resolve: relative(u.unit, 0, 'anchor') };
  }

  /** Durations ("three years", "the past two weeks", "24-hour", "more than a decade"), and what they become with "ago" or "later". */
  private durationEn(i: number): Cand | null {
    let j = i;
    let mod: string | undefined;
    for (const [words, m] of modWordsEn) {
      const k = this.seq(j, words);
      if (k > 0 && (this.number(k) || this.is(k, 'the'))) {
        mod = m;
        j = k;
        break;
      }
    }
    let the = false;
    let span: 'past' | 'next' | 'first' | null = null;
    if (this.is(j, 'the')) {
      the = true;
      j += 1;
      if (this.is(j, 'fiscal') && this.is(j + 1, 'year')) j += 1;
    }
    if (this.is(j, 'past', 'last', 'previous', 'recent', 'preceding')) {
      span = 'past';
      j += 1;
    } else if (this.is(j, 'next', 'coming', 'following')) {
      span = 'next';
      j += 1;
    } else if (this.is(j, 'first', 'final', 'initial') && the) {
      span = 'first';
      j += 1;
    }
    if (!the && span === 'past' && !this.is(i, 'the') && this.w(i) !== 'the') {
      // "last year" is a date, "past two weeks" (without "the") still a duration.
      if (!this.number(j) || this.unit(j)) return null;
    }
    let n: number | null = 1;
    let counted = false;
    const num = this.number(j);
    if (num && !(num.n === 1 && this.is(j, 'a', 'an') && (the || span !== null))) {
      n = num.n;
      j = num.to;
      counted = true;
      if (this.is(j, 'more', 'additional', 'straight', 'consecutive', 'full', 'long')) j += 1;
    } else if (num && this.is(j, 'a', 'an')) {
      j = num.to;
    }
    const hyph = this.hyphen(j);
    const u = this.unit(hyph);
    if (!u) {
      return null;
    }
    if (hyph > j && !counted) return null;
    // Ages ("a 6-year-old boy", "55 years old") and fractions ("three-quarters") are not periods.
    if (this.is(u.to, 'old') || (this.is(u.to, '-') && this.is(u.to + 1, 'old'))) return null;
    if (hyph > j && u.unit === 'quarter' && u.plural) return null;
    if (u.unit === 'second' && (!counted || this.is(j - 1, 'a', 'an'))) return null;
    const adjectival = counted && n !== null && (hyph > j || (n > 1 && !u.plural));
    j = u.to;
    if (u.unit === 'weekend' && !counted) return null;
    if (!counted && !u.plural && !the && span === null && !this.is(i, 'a', 'an') && !mod) return null;
    if (!counted && u.plural && span === null && !the) {
      // Bare plurals count only after a preposition of extent ("for years", "in months").
      if (!this.is(i - 1, 'for', 'in', 'over', 'within', 'after', 'during', 'about', 'take', 'takes', 'took') || u.unit === 'second') {
        if (!(this.is(j, 'ago', 'earlier', 'later') && u.unit !== 'second')) return null;
      }
      n = null;
    }
    if (counted && n !== null && n > 1 && !u.plural && hyph === j - 1 && !['year', 'month', 'week', 'day', 'hour', 'minute'].includes(u.unit)) return null;
    if (the && !counted && span === null) {
      // "the year" is a period in TimeBank ("during the year"); "the week" and "the day" are too vague.
      if (u.unit !== 'year' || u.plural) return null;
      if (this.is(j, 'before', 'after', 'earlier', 'later', 'ago')) return null;
      if (this.is(j, '-', 'end')) return null;
    }
    if ((span === 'past' || span === 'next') && !counted && !u.plural && the && ['day'].includes(u.unit)) return null;
    if (span === 'first' && !counted) return null;
    if (!counted && u.plural && (span === 'past' || span === 'next')) n = null;
    const mult = n === null ? null : n * u.mult;
    // "two hours and 30 minutes".
    let value = durationValue(u.unit, mult);
    if (this.is(j, 'and')) {
      const n2 = this.number(j + 1);
      const u2 = n2 && this.unit(n2.to);
      if ((n2 && n2.n !== null && u2 && this.toks[j + 1]?.kind !== 'w') || (n2 && u2 && !this.is(j + 1, 'a', 'an'))) {
        if (u2 && n2 && n2.n !== null && mult !== null && ['hour', 'minute', 'second', 'day', 'month', 'year', 'week'].includes(u2.unit) && u2.unit !== u.unit) {
          const second = durationValue(u2.unit, n2.n);
          value = mergeDurations(value, second);
          j = u2.to;
        }
      } else if (this.is(j + 1, 'a') && this.is(j + 2, 'half') && mult !== null) {
        value = durationValue(u.unit, mult + 0.5);
        j += 3;
      }
    }
    const suffix = this.w(j);
    if (
      !the &&
      span === null &&
      (suffix === 'ago' || suffix === 'earlier' || suffix === 'later' || suffix === 'before' || suffix === 'after' || suffix === 'hence' || (suffix === 'from' && this.is(j + 1, 'now')))
    ) {
      const sign = suffix === 'ago' || suffix === 'earlier' || suffix === 'before' ? -1 : 1;
      const base = suffix === 'ago' || suffix === 'hence' || suffix === 'from' ? 'anchor' : 'ref';
      const to = suffix === 'from' ? j + 2 : j + 1;
      if ((suffix === 'before' || suffix === 'after') && !this.isPunctOrEnd(j + 1)) {
        return { from: i, to: j, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
      }
      if (mult === null || !Number.isInteger(mult) || u.unit === 'second') {
        return { from: i, to, type: 'DATE', resolve: fixed(sign < 0 ? 'PAST_REF' : 'FUTURE_REF'), ...(mod ? { mod } : {}) };
      }
      const keepQuarter = u.unit === 'year' && mult === 1;
      return { from: i, to, type: 'DATE', resolve: relative(u.unit, sign * mult, base, { keepQuarter }), explicit: base === 'ref', ...(mod ? { mod } : {}) };
    }
    // TimeBank leaves the article out of adjectival durations ("the [two-week] crisis").
    const from = adjectival && the && span === null && !mod ? i + 1 : i;
    return { from, to: j, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
  }

  private setEn(i: number): Cand | null {
    const w = this.w(i);
    if (setAdverbsEn[w]) return { from: i, to: i + 1, type: 'SET', resolve: fixed(setAdverbsEn[w]!) };
    if (w === 'every' || w === 'each') {
      let j = i + 1;
      let n = 1;
      if (this.is(j, 'other')) {
        n = 2;
        j += 1;
      }
      const wd = this.weekday(j);
      if (wd) return { from: i, to: wd.to, type: 'SET', resolve: fixed(`XXXX-WXX-${wd.dow}`) };
      const mo = this.month(j, true);
      if (mo) return { from: i, to: mo.to, type: 'SET', resolve: fixed(`XXXX-${String(mo.m).padStart(2, '0')}`) };
      const num = this.number(j);
      if (num && num.n !== null && !this.is(j, 'a', 'an')) {
        n = num.n;
        j = num.to;
      }
      const u = this.unit(j);
      if (u) return { from: i, to: u.to, type: 'SET', resolve: fixed(durationValue(u.unit, n * u.mult)) };
      return null;
    }
    if ((w === 'a' || w === 'per') && this.is(i - 1, 'once', 'twice', 'thrice', 'times')) {
      const u = this.unit(i + 1);
      if (u && !u.plural) return { from: i, to: u.to, type: 'SET', resolve: fixed(durationValue(u.unit, u.mult)) };
    }
    return null;
  }

  /** "the third quarter", "third-quarter", "the fiscal first quarter of 1998", "the first half", "Q3". */
  private quarterEn(i: number): Cand | null {
    let j = i;
    if (this.is(j, 'the', 'its', 'their', 'this', 'that', 'a')) j += 1;
    let y: number | undefined;
    let fiscal = false;
    if (this.is(j, 'fiscal')) {
      fiscal = true;
      j += 1;
    }
    const y1 = this.year(j);
    if (y1) {
      y = y1.y;
      j = y1.to;
      if (this.is(j, "'", '’') && this.is(j + 1, 's')) j += 2;
    }
    if (this.is(j, 'fiscal')) {
      fiscal = true;
      j += 1;
    }
    while (this.is(j, 'flat', 'strong', 'weak', 'disappointing', 'record', 'latest', 'same')) j += 1;
    const ordWord = this.w(j);
    let ord = ordinalsEn[ordWord];
    if (ord === undefined && this.toks[j]?.kind === 'n' && this.glued(j + 1) && this.is(j + 1, 'st', 'nd', 'rd', 'th')) {
      ord = Number(this.toks[j]!.text);
      j += 1;
    }
    if (ord === undefined) {
      if (this.is(j, 'q') && this.toks[j + 1]?.kind === 'n' && this.glued(j + 1)) {
        const q = Number(this.toks[j + 1]!.text);
        if (q >= 1 && q <= 4) {
          let to = j + 2;
          const yy = this.year(to);
          if (yy) {
            y = yy.y;
            to = yy.to;
          }
          return { from: i, to, type: 'DATE', resolve: resolvePart('quarter', q, y), explicit: y !== undefined };
        }
      }
      if (y !== undefined && this.is(j, 'period', 'quarter') && j > i + 1) {
        const year = y;
        return { from: i, to: j + 1, type: 'DATE', resolve: sameQuarterIn(year), explicit: true };
      }
      return null;
    }
    j += 1;
    const beforeHyphen = j;
    j = this.hyphen(j);
    const kind = this.is(j, 'quarter') ? 'quarter' : this.is(j, 'half') ? 'half' : null;
    if (!kind) return null;
    if (j > beforeHyphen && this.is(i, 'a', 'an') && y === undefined) i += 1;
    if (ord < 1 || ord > (kind === 'quarter' ? 4 : 2)) {
      if (ordWord === 'last') ord = kind === 'quarter' ? 4 : 2;
      else return null;
    }
    if (ordWord === 'last' && i === j - 1) return null;
    j += 1;
    if (this.is(j, 'of', ',') || (this.is(j, 'fiscal') && this.year(j + 1))) {
      let k = j + 1;
      if (this.is(j, 'of') && this.is(k, 'fiscal')) k += 1;
      if (this.is(j, 'of') && this.is(k, 'the') && this.is(k + 1, 'year')) {
        return { from: i, to: k + 2, type: 'DATE', resolve: resolvePart(kind, ord, undefined) };
      }
      if (this.is(j, 'of') && this.is(k, 'this', 'last', 'next') && this.is(k + 1, 'year')) {
        const off = this.is(k, 'this') ? 0 : this.is(k, 'last') ? -1 : 1;
        return { from: i, to: k + 2, type: 'DATE', resolve: partOfRelativeYear(kind, ord, off) };
      }
      const yy = this.year(this.is(j, 'fiscal') ? j + 1 : k);
      if (yy) {
        y = yy.y;
        j = yy.to;
      }
    }
    void fiscal;
    return { from: i, to: j, type: 'DATE', resolve: resolvePart(kind, ord, y), explicit: y !== undefined };
  }

  /** "the 1990s", "the '90s", "the nineties", "the 20th century". */
  private decadeEn(i: number): Cand | null {
    let j = i;
    if (this.is(j, 'the')) j += 1;
    let mod: string | undefined;
    const m = decadeModsEn[this.w(j)];
    if (m) {
      mod = m;
      j = this.hyphen(j + 1);
    }
    const t = this.toks[j];
    if (!t) return null;
    if (t.kind === 'n' && t.text.length === 4 && this.is(j + 1, 's') && this.glued(j + 1) && t.text.endsWith('0')) {
      return { from: i, to: j + 2, type: 'DATE', resolve: fixed(t.text.slice(0, 3)), explicit: true, ...(mod ? { mod } : {}) };
    }
    if ((t.text === "'" || t.text === '’') && this.toks[j + 1]?.kind === 'n' && this.toks[j + 1]!.text.length === 2 && this.is(j + 2, 's') && this.glued(j + 2)) {
      const d = this.toks[j + 1]!.text;
      return { from: i, to: j + 3, type: 'DATE', resolve: fixed((Number(d) < 30 ? '20' : '19') + d[0]), ...(mod ? { mod } : {}) };
    }
    if (j > i && t.kind === 'n' && t.text.length === 2 && t.text.endsWith('0') && this.is(j + 1, 's') && this.glued(j + 1)) {
      return { from: i, to: j + 2, type: 'DATE', resolve: fixed((Number(t.text) < 30 ? '20' : '19') + t.text[0]), ...(mod ? { mod } : {}) };
    }
    if (j > i && decadeWordsEn[t.lower] !== undefined) return { from: i, to: j + 1, type: 'DATE', resolve: fixed('19' + decadeWordsEn[t.lower]), ...(mod ? { mod } : {}) };
    if (j > i && t.kind === 'n' && this.glued(j + 1) && this.is(j + 1, 'st', 'nd', 'rd', 'th') && this.is(j + 2, 'century')) {
      return { from: i, to: j + 3, type: 'DATE', resolve: fixed(String(Number(t.text) - 1).padStart(2, '0')), ...(mod ? { mod } : {}) };
    }
    if (j > i && ordinalsEn[t.lower] !== undefined && this.is(j + 1, 'century') && t.lower !== 'last') {
      return { from: i, to: j + 2, type: 'DATE', resolve: fixed(String(ordinalsEn[t.lower]! - 1).padStart(2, '0')), ...(mod ? { mod } : {}) };
    }
    return null;
  }

  private timeEn(i: number): Cand | null {
    const clock = this.clock(i);
    if (!clock) return null;
    const j = clock.to;
    let k = j;
    if (this.is(k, ',', 'on')) k += 1;
    const date = this.calendarEn(k) ?? this.relativeEn(k);
    if (date && date.type === 'DATE' && (k === j || this.is(j, 'on', ','))) {
      return { from: i, to: date.to, type: 'TIME', resolve: resolveTime(clock.time, date.resolve), explicit: date.explicit };
    }
    return { from: i, to: j, type: 'TIME', resolve: resolveTime(clock.time, null) };
  }

  /** Numeric dates: ISO `2023-01-10`, dotted `10.01.2023` (day first everywhere), slashed `10/11/2023` (by convention). */
  private numericDate(i: number): Cand | null {
    const t = this.toks[i];
    if (!t || t.kind !== 'x') return null;
    const before = this.toks[i - 1];
    const after = this.toks[i + 1];
    if ((before && this.glued(i) && /^[\d\p{L}]/u.test(before.text)) || (after && this.glued(i + 1) && /^[\d\p{L}]/u.test(after.text))) return null;
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t.text);
    if (m) return this.numericCand(i, Number(m[1]), Number(m[2]), Number(m[3]));
    m = /^(\d{4})-(\d{2})$/.exec(t.text);
    if (m && Number(m[2]) <= 12 && Number(m[2]) >= 1) {
      return { from: i, to: i + 1, type: 'DATE', resolve: resolveSpec({ y: Number(m[1]), m: Number(m[2]) }), explicit: true };
    }
    m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(t.text);
    if (!m) return null;
    const a = Number(m[1]);
    const b = Number(m[3]);
    let y = Number(m[4]);
    if (m[4]!.length === 2) y += y < 50 ? 2000 : 1900;
    const sep = m[2];
    if (sep === '-' && m[4]!.length === 2) return null;
    let dayFirst = sep === '.' ? true : this.dayFirst;
    let message: Cand['message'];
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    else if (a !== b && sep !== '.' && !this.dayFirstExplicit && !this.es) {
      message = {
        rule: 'timex:ambiguous-numeric-date',
        reason: `"${t.text}" could be ${dayFirst ? 'day' : 'month'} first or not; read ${dayFirst ? 'day-first' : 'month-first'} by the ${this.es ? 'Spanish' : 'English'} convention`,
      };
    }
    const cand = this.numericCand(i, y, dayFirst ? b : a, dayFirst ? a : b);
    return cand && message ? { ...cand, message } : cand;
  }

  /** Set when the caller stated the day order, so a slash date is not ambiguous to us. */
  dayFirstExplicit = false;

  private numericCand(i: number, y: number, m: number, d: number): Cand | null {
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 2999) return null;
    if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
    return { from: i, to: i + 1, type: 'DATE', resolve: resolveSpec({ y, m, d }), explicit: true };
  }

  // ---- Spanish --------------------------------------------------------------------------------

  private fuzzyEs(i: number): Cand | null {
    const w = this.w(i);
    switch (w) {
      case 'ahora':
        return fixedDate(i, 'PRESENT_REF', this.is(i + 1, 'mismo') ? i + 2 : i + 1);
      case 'actualmente':
      case 'actual':
      case 'actuales':
        return fixedDate(i, 'PRESENT_REF');
      case 'recientemente':
      case 'recién':
      case 'últimamente':
        return fixedDate(i, 'PAST_REF');
      case 'reciente':
      case 'recientes':
        return fixedDate(i, 'PAST_REF');
      case 'entonces':
        return this.is(i - 1, 'desde', 'hasta', 'para') ? fixedDate(i, 'PAST_REF') : null;
      case 'futuro':
      case 'futura':
      case 'futuros':
      case 'futuras':
        // "el futuro de Van Gaal", "su futuro" are a person's prospects, not a time.
        if (this.is(i + 1, 'de', 'del') || this.is(i - 1, 'su', 'sus', 'mi', 'tu', 'nuestro', 'nuestra')) return null;
        return fixedDate(i, 'FUTURE_REF');
      case 'más':
        return this.is(i + 1, 'reciente', 'recientes') ? fixedDate(i, 'PAST_REF', i + 2) : null;
      case 'hoy': {
        if (this.is(i + 1, 'en') && this.is(i + 2, 'día')) return fixedDate(i, 'PRESENT_REF', i + 3);
        if (this.is(i + 1, 'por') && this.is(i + 2, 'hoy')) return fixedDate(i, 'PRESENT_REF', i + 3);
        return null;
      }
      case 'la':
        return this.is(i + 1, 'actualidad') ? fixedDate(i, 'PRESENT_REF', i + 2) : null;
      case 'estos':
      case 'estas':
        return this.is(i + 1, 'días', 'momentos', 'tiempos') ? fixedDate(i, 'PRESENT_REF', i + 2) : null;
      case 'el':
      case 'este':
      case 'ese':
      case 'aquel':
      case 'del':
      case 'un': {
        if (w === 'aquel' && this.is(i + 1, 'entonces')) return fixedDate(i, 'PAST_REF', i + 2);
        if (this.is(i + 1, 'momento') && (w === 'este' || this.is(i - 1, 'en', 'de', 'hasta', 'por'))) return fixedDate(i, w === 'ese' || w === 'aquel' ? 'PAST_REF' : 'PRESENT_REF', i + 2);
        if ((w === 'el' || w === 'del') && this.is(i + 1, 'futuro') && !this.is(i + 2, 'de', 'del') && this.is(i - 1, 'en', 'hacia', 'para', 'al', 'con')) return fixedDate(i, 'FUTURE_REF', i + 2);
        if ((w === 'el' || w === 'del') && this.is(i + 1, 'pasado') && this.isPunctOrEnd(i + 2)) return fixedDate(i, 'PAST_REF', i + 2);
        return null;
      }
      case 'largo':
      case 'corto':
      case 'medio':
        return this.is(i + 1, 'plazo') ? fixedDate(i, 'FUTURE_REF', i + 2) : null;
      case 'próximo':
      case 'próxima':
      case 'próximos':
      case 'próximas': {
        const next = this.toks[i + 1];
        return next && next.kind === 'w' && !this.units[next.lower] && !this.weekdays[next.lower] && !this.months[next.lower] && !next.cap && !this.is(i + 1, 'a', 'al', 'de', 'y', 'que', 'día')
          ? fixedDate(i, 'FUTURE_REF')
          : null;
      }
      case 'pasado':
      case 'pasada':
      case 'pasados':
      case 'pasadas': {
        const prev = this.toks[i - 1];
        // "la pasada campaña", "el pasado Mundial": an adjective before a noun that is not a date word.
        const next = this.toks[i + 1];
        if (!this.is(i - 1, 'el', 'la', 'los', 'las', 'del')) return null;
        if (!next || next.kind !== 'w' || this.units[next.lower] || this.weekdays[next.lower] || this.months[next.lower] || this.is(i + 1, 'mes', 'fin', 'día', 'de', 'y', 'que', 'a')) return null;
        return fixedDate(i, 'PAST_REF');
      }
      default:
        return null;
    }
  }

  /** "el 11 de diciembre de 2023", "el pasado 11 de diciembre", "el lunes", "el próximo lunes", "diciembre de 2023", "el 2000". */
  private calendarEs(i: number): Cand | null {
    let j = i;
    const w = this.w(i);
    if (this.is(j, 'el', 'del', 'al', 'este', 'esta', 'ese', 'aquel', 'los')) j += 1;
    let dir: Dir;
    if (this.is(j, 'pasado', 'pasada')) {
      dir = -1;
      j += 1;
    } else if (this.is(j, 'próximo', 'próxima', 'proximo')) {
      dir = 1;
      j += 1;
    }
    if (w === 'este' || w === 'esta') dir = 0;
    if (this.is(j, 'día') && this.toks[j + 1]?.kind === 'n') j += 1;
    // "Navidad", "la pasada Navidad", "el día de Año Nuevo".
    const feast = this.holiday(this.is(j, 'día') && this.is(j + 1, 'de') ? j + 2 : j);
    if (feast) return { from: i, to: feast.to, type: 'DATE', resolve: resolveSpec({ m: feast.m, d: feast.d, dir }) };
    // weekday, then optionally its date: "el lunes 11 de diciembre", "el lunes, día 11".
    const wd = this.weekday(j);
    if (wd) {
      let k = wd.to;
      if (this.is(k, ',')) k += 1;
      if (this.is(k, 'día')) k += 1;
      const md = this.dayMonthEs(k);
      if (md) return { from: i, to: md.to, type: 'DATE', resolve: resolveSpec({ ...md.spec, ...(md.spec.y === undefined ? { dir } : {}) }), explicit: md.spec.y !== undefined };
      let to = wd.to;
      let d2: Dir = dir;
      if (this.is(to, 'pasado')) {
        d2 = -1;
        to += 1;
      } else if (this.is(to, 'próximo', 'que')) {
        if (this.is(to, 'que') && this.is(to + 1, 'viene')) {
          d2 = 1;
          to += 2;
        } else if (this.is(to, 'próximo')) {
          d2 = 1;
          to += 1;
        }
      }
      if (
        j === i &&
        !this.toks[i]!.cap === false &&
        this.weekdays[w] !== undefined &&
        !this.is(i - 1, 'el', 'del', 'al', ',', 'hoy', 'ayer', 'mañana', 'y', 'o', 'cada', 'los', 'el', 'este', 'desde', 'hasta')
      ) {
        // A bare capitalized weekday starting a headline still reads as a date.
      }
      if (j === i && w !== 'lunes' && !this.is(i - 1, 'hoy', 'ayer', 'mañana', ',', 'y', 'o', 'desde', 'hasta', 'de', 'pasado', 'próximo', 'entre') && !this.isPunctOrEnd(i - 1)) {
        // A weekday with no article ("viernes santo" aside) after a word is usually a name or a list.
        if (!this.is(i - 1, 'el', 'del', 'al')) return null;
      }
      return { from: i, to, type: 'DATE', resolve: resolveSpec({ dow: wd.dow, dir: d2 }) };
    }
    const md = this.dayMonthEs(j, j > i);
    if (md) {
      if (j === i && md.spec.d === undefined && md.spec.y === undefined && dir === undefined) {
        // A month alone: "en diciembre", "diciembre pasado".
        let to = md.to;
        let d2: Dir;
        if (this.is(to, 'pasado')) {
          d2 = -1;
          to += 1;
        } else if (this.is(to, 'próximo')) {
          d2 = 1;
          to += 1;
        }
        return { from: i, to, type: 'DATE', resolve: resolveSpec({ ...md.spec, dir: d2 }) };
      }
      if (j > i && md.spec.d === undefined && md.spec.y === undefined && !this.is(i, 'este', 'esta', 'del', 'el') && dir === undefined) return null;
      return { from: i, to: md.to, type: 'DATE', resolve: resolveSpec({ ...md.spec, ...(md.spec.y === undefined ? { dir } : {}) }), explicit: md.spec.y !== undefined };
    }
    // "el 5" (a day of this month), "el 2000", "del 2002".
    if (j > i && this.is(j, 'año') && this.year(j + 1)) {
      const y = this.year(j + 1)!;
      return { from: i, to: y.to, type: 'DATE', resolve: resolveSpec({ y: y.y }), explicit: true };
    }
    if (j > i && this.toks[j]?.kind === 'n' && dir === undefined) {
      const y = this.year(j, true);
      if (y && this.is(i, 'el', 'del', 'al')) return { from: i, to: y.to, type: 'DATE', resolve: resolveSpec({ y: y.y }), explicit: true };
      const d = this.dayOfMonth(j);
      // "el día 13" is a date whatever follows it; a bare "el 13" only before a break or a range word ("el 13 se fue" is a number).
      if (d && this.is(i, 'el', 'del', 'al') && (this.is(j - 1, 'día') || this.is(d.to, ',', '.', ';', ')', 'y', 'o', 'al', 'hasta', 'a') || this.toks[d.to] === undefined)) {
        for (let k = d.to; k < d.to + 5; k += 1) if (this.is(k, '%', 'ciento', 'puntos', 'por')) return null;
        if (this.is(d.to, 'de') && this.is(d.to + 1, 'cada')) return null;
        // "del 7 al 11 de septiembre": the first day takes the month of the second.
        let k = d.to + 1;
        if (this.is(k, 'el')) k += 1;
        const second = this.is(d.to, 'y', 'al', 'a', 'hasta') ? this.dayMonthEs(k) : null;
        if (second && second.spec.m !== undefined && second.spec.d !== undefined) {
          return { from: i, to: d.to, type: 'DATE', resolve: resolveSpec({ ...second.spec, d: d.d }), explicit: second.spec.y !== undefined };
        }
        if (this.is(d.to, 'y', 'o', 'al', 'hasta', 'a') && !(this.dayOfMonth(d.to + 1) || this.is(d.to + 1, 'el'))) return null;
        return { from: i, to: d.to, type: 'DATE', resolve: dayOfAnchorMonth(d.d) };
      }
    }
    if (j === i) {
      const y = this.year(i, true);
      if (y) return { from: i, to: y.to, type: 'DATE', resolve: resolveSpec({ y: y.y }), explicit: true };
    }
    return null;
  }

  /** "11 de diciembre de 2023", "diciembre de 2023", "diciembre". */
  private dayMonthEs(i: number, afterArticle = false): { spec: DateSpec; to: number } | null {
    const day = this.dayOfMonth(i);
    if (day && this.is(day.to, 'de')) {
      const mo = this.month(day.to + 1, true);
      if (mo) {
        let to = mo.to;
        let y: number | undefined;
        if (this.is(to, 'de', 'del')) {
          const yy = this.year(to + 1);
          if (yy) {
            y = yy.y;
            to = yy.to;
          }
        } else if (this.is(to, ',')) {
          const yy = this.year(to + 1);
          if (yy) {
            y = yy.y;
            to = yy.to;
          }
        }
        const prev = this.toks[i - 1];
        if (this.toks[mo.to - 1]!.cap && prev && prev.cap && prev.kind === 'w' && prev.sentence === this.toks[i]!.sentence) return null;
        if (y === undefined && this.is(to, 'pasado', 'próximo', 'próximos', 'pasados', 'venidero')) {
          return { spec: { m: mo.m, d: day.d, dir: this.is(to, 'pasado', 'pasados') ? -1 : 1 }, to: to + 1 };
        }
        return { spec: { m: mo.m, d: day.d, ...(y !== undefined ? { y } : {}) }, to };
      }
    }
    // An agency dateline: "LIMA, 12 mar (EFE)". Only there, between a comma and the agency's bracket: "mar" is also the sea.
    if (day && this.is(i - 1, ',') && monthAbbrevEs[this.w(day.to)] !== undefined) {
      const to = this.is(day.to + 1, '.') ? day.to + 2 : day.to + 1;
      if (this.is(to, '(')) return { spec: { m: monthAbbrevEs[this.w(day.to)]!, d: day.d }, to };
    }
    let j = i;
    if (afterArticle && this.is(j, 'mes') && this.is(j + 1, 'de')) j += 2;
    const mo = this.month(j, afterArticle);
    if (mo) {
      // "mayo" alone is a word too rarely to matter, except after capitalized names ("Plaza de Mayo").
      let to = mo.to;
      let y: number | undefined;
      if (this.is(to, 'de', 'del')) {
        const yy = this.year(to + 1);
        if (yy) {
          y = yy.y;
          to = yy.to;
        }
      }
      if (y === undefined && this.is(to, 'pasado', 'próximo') && !afterArticle) return { spec: { m: mo.m }, to: mo.to };
      if (y === undefined && this.is(to, 'de', 'del')) {
        // "noviembre de este año", "mayo del año pasado".
        const k = to + 1;
        const off =
          this.is(k, 'este') && this.is(k + 1, 'año')
            ? 0
            : this.is(k, 'año') && this.is(k + 1, 'pasado')
              ? -1
              : this.is(k, 'año') && this.is(k + 1, 'próximo')
                ? 1
                : this.is(k, 'pasado') && this.is(k + 1, 'año')
                  ? -1
                  : this.is(k, 'próximo') && this.is(k + 1, 'año')
                    ? 1
                    : null;
        if (off !== null) return { spec: { m: mo.m, yearOffset: off }, to: k + 2 };
      }
      if (y === undefined && this.is(to, 'y', 'a', 'hasta') && this.month(to + 1, true)) {
        // "entre enero y marzo de 1998": the first month takes the year of the second.
        const second = this.dayMonthEs(to + 1, true);
        if (second && second.spec.y !== undefined) y = second.spec.y;
      }
      return { spec: { m: mo.m, ...(y !== undefined ? { y } : {}) }, to };
    }
    return null;
  }

  /** "hoy", "ayer", "anteayer", "mañana" (not "la mañana"), "pasado mañana" as a day offset. */
  private relativeDayWordEs(k: number): number | null {
    const x = this.w(k);
    if (x === 'hoy') return 0;
    if (x === 'ayer') return -1;
    if (x === 'anteayer') return -2;
    if (x === 'mañana' && !this.is(k - 1, 'la', 'esta', 'cada', 'una', 'media', 'toda', 'de', 'por', 'misma', 'aquella', 'esa')) return 1;
    if (x === 'pasado' && this.is(k + 1, 'mañana')) return 2;
    return null;
  }

  private relativeEs(i: number): Cand | null {
    const w = this.w(i);
    const off = this.relativeDayWordEs(i);
    if (off !== null) {
      let to = off === 2 ? i + 2 : i + 1;
      // "hoy, jueves", "ayer por la tarde", "mañana viernes".
      let k = to;
      if (this.is(k, ',')) k += 1;
      if (this.weekday(k) && this.is(k, ...Object.keys(weekdaysEs))) to = k + 1;
      if (this.is(to, 'por') && this.is(to + 1, 'la') && partsOfDayEs[this.w(to + 2)]) {
        return dateAt(i, to + 3, relative('day', off, 'anchor', { time: partsOfDayEs[this.w(to + 2)]! }), 'TIME');
      }
      if (this.is(to, 'a') && this.is(to + 1, 'las')) {
        const c = this.clock(to + 2);
        if (c) return dateAt(i, c.to, resolveTime(c.time, relative('day', off, 'anchor')), 'TIME');
      }
      if (this.is(to, 'mismo')) to += 1;
      return dateAt(i, to, relative('day', off, 'anchor'));
    }
    // "el día de ayer", "al día de hoy", "la jornada de ayer".
    if (this.is(i, 'el', 'al', 'la') && this.is(i + 1, 'día', 'jornada') && this.is(i + 2, 'de') && this.relativeDayWordEs(i + 3) !== null) {
      return dateAt(i, i + 4, relative('day', this.relativeDayWordEs(i + 3)!, 'anchor'));
    }
    if (partsOfDayEs[this.w(i + 1)] && w === 'la' && this.is(i + 2, 'del', 'de')) {
      const k = this.is(i + 2, 'de') && this.is(i + 3, 'el') ? i + 4 : i + 2;
      const inner = this.calendarEs(k);
      if (inner && inner.type === 'DATE') return dateAt(i, inner.to, resolveTime(partsOfDayEs[this.w(i + 1)]!, inner.resolve), 'TIME');
    }
    {
      let k = i;
      if (this.is(k, 'este', 'el', 'del', 'al')) k += 1;
      let off: number | null = this.is(i, 'este') ? 0 : null;
      if (this.is(k, 'pasado', 'próximo')) {
        off = this.is(k, 'pasado') ? -1 : 1;
        k += 1;
      }
      if (this.is(k, 'fin') && this.is(k + 1, 'de') && this.is(k + 2, 'semana')) {
        let to = k + 3;
        if (off === null && this.is(to, 'pasado', 'próximo')) {
          off = this.is(to, 'pasado') ? -1 : 1;
          to += 1;
        }
        if (off !== null || k > i) return dateAt(i, to, off !== null ? relative('weekend', off, 'anchor') : theWeekend());
      }
      const season = seasonsEs[this.w(k)];
      if ((season && k > i && !this.is(i, 'este')) || (season && this.is(i, 'este'))) {
        let to = k + 1;
        if (this.is(to, 'de', 'del')) {
          const yy = this.year(to + 1);
          if (yy) return { from: i, to: yy.to, type: 'DATE', resolve: resolveSpec({ season, y: yy.y }), explicit: true };
        }
        if (off === null && this.is(to, 'pasado', 'próximo')) {
          off = this.is(to, 'pasado') ? -1 : 1;
          to += 1;
        }
        return dateAt(i, to, resolveSpec({ season, dir: off === null ? (this.is(i, 'este') ? 0 : undefined) : (off as Dir) }));
      }
    }
    if (w === 'anoche') return dateAt(i, i + 1, relative('day', -1, 'anchor', { time: 'NI' }), 'TIME');
    if ((w === 'esta' || w === 'la') && partsOfDayEs[this.w(i + 1)] && this.w(i + 1) !== 'mediodía') {
      let to = i + 2;
      let dayOff = 0;
      if (this.is(to, 'de') && this.relativeDayWordEs(to + 1) !== null) {
        dayOff = this.relativeDayWordEs(to + 1)!;
        to += 2;
      } else if (w === 'la' && !this.is(i - 1, 'por', 'en', 'de', 'a', 'durante', 'toda', 'media')) return null;
      return dateAt(i, to, relative('day', dayOff, 'anchor', { time: partsOfDayEs[this.w(i + 1)]! }), 'TIME');
    }
    // "la semana pasada", "el año próximo", "el próximo año", "este mes", "el año que viene".
    let j = i;
    let article = false;
    if (this.is(j, 'el', 'la', 'del', 'al', 'los', 'las')) {
      article = true;
      j += 1;
    }
    let offset: number | null = null;
    if (!article && this.is(j, 'este', 'esta', 'estos')) {
      offset = 0;
      j += 1;
    } else if (this.is(j, 'pasado', 'pasada', 'anterior')) {
      offset = -1;
      j += 1;
    } else if (this.is(j, 'próximo', 'próxima')) {
      offset = 1;
      j += 1;
    } else if (this.is(j, 'presente', 'actual') && article) {
      offset = 0;
      j += 1;
    }
    if (this.is(j, 'mes') && this.is(j + 1, 'de') && this.month(j + 2, true)) return null;
    const u = this.unit(j);
    if (u && !u.plural && u.unit !== 'hour' && u.unit !== 'minute' && u.unit !== 'second') {
      let to = u.to;
      if (offset === null) {
        if (this.is(to, 'pasado', 'pasada', 'anterior')) {
          offset = -1;
          to += 1;
        } else if (this.is(to, 'próximo', 'próxima', 'siguiente', 'entrante')) {
          offset = this.is(to, 'siguiente') ? null : 1;
          to += 1;
          if (offset === null) return dateAt(i, to, relative(u.unit, 1, 'ref'));
        } else if (this.is(to, 'que') && this.is(to + 1, 'viene')) {
          offset = 1;
          to += 2;
        } else if (this.is(to, 'en') && this.is(to + 1, 'curso')) {
          offset = 0;
          to += 2;
        } else if (this.is(to, 'actual', 'presente')) {
          offset = 0;
          to += 1;
        } else if (article && (u.unit === 'year' || u.unit === 'century') && this.isPunctOrEnd(to) && this.is(i, 'el', 'del')) {
          return u.unit === 'century' ? dateAt(i, to, relativeSpan('century', 0)) : dateAt(i, to, relative('year', 0, 'anchor'));
        }
      }
      if (offset !== null && (article || this.is(i, 'este', 'esta'))) {
        if (u.unit === 'century' || u.unit === 'decade') return dateAt(i, to, relativeSpan(u.unit, offset));
        if (u.unit === 'day') return null;
        return dateAt(i, to, relative(u.unit, offset, 'anchor'));
      }
      if (this.is(i, 'ese', 'esa', 'aquel', 'aquella', 'dicho', 'dicha') && u.unit !== 'day') return dateAt(i, to, relative(u.unit, 0, 'ref'));
      if (this.is(i, 'ese', 'esa', 'aquel', 'aquella') && u.unit === 'day') return dateAt(i, to, relative('day', 0, 'ref'));
    }
    if (this.is(i, 'ese', 'esa', 'aquel', 'aquella', 'el') && this.is(i + 1, 'mismo', 'misma') && this.unit(i + 2)) {
      return dateAt(i, i + 3, relative(this.unit(i + 2)!.unit, 0, 'ref'));
    }
    if ((w === 'al' || w === 'el') && this.is(i + 1, 'día') && this.is(i + 2, 'siguiente')) return dateAt(i, i + 3, relative('day', 1, 'ref'));
    if (w === 'el' && this.is(i + 1, 'día') && this.is(i + 2, 'anterior')) return dateAt(i, i + 3, relative('day', -1, 'ref'));
    // "a principios de año", "finales de 2000", "mediados del pasado mes de mayo".
    let e = i;
    if (this.is(e, 'a', 'al', 'el', 'del')) e += 1;
    if (edgeModsEs[this.w(e)] && this.is(e + 1, 'de', 'del')) {
      const k = this.is(e + 1, 'del') ? e + 1 : e + 2;
      const inner = this.is(e + 1, 'del') ? (this.relativeEs(k) ?? this.calendarEs(k)) : (this.calendarEs(k) ?? this.relativeEs(k) ?? this.unitAloneEs(k));
      if (inner && inner.type === 'DATE') return { ...inner, from: e, mod: edgeModsEs[this.w(e)]! };
    }
    // "los años noventa", "los noventa", "la década de los noventa", "los años 90".
    if (w === 'los' || w === 'la') {
      let k = i + 1;
      if (this.is(k, 'años')) k += 1;
      else if (this.is(k, 'década') && this.is(k + 1, 'de')) k += this.is(k + 2, 'los') ? 3 : 2;
      const dw = this.w(k);
      if (k > i + 1 && decadeWordsEs[dw] !== undefined) return dateAt(i, k + 1, fixed('19' + decadeWordsEs[dw]));
      if (k > i + 1 && this.toks[k]?.kind === 'n' && /^(?:\d0|19\d0|20\d0)$/.test(this.toks[k]!.text)) {
        const txt = this.toks[k]!.text;
        return dateAt(i, k + 1, fixed(txt.length === 4 ? txt.slice(0, 3) : (Number(txt) < 30 ? '20' : '19') + txt[0]));
      }
    }
    // "el siglo XX".
    if ((w === 'el' || w === 'del') && this.is(i + 1, 'siglo') && /^[xvi]+$/i.test(this.toks[i + 2]?.text ?? '') && this.toks[i + 2]!.text === this.toks[i + 2]!.text.toUpperCase()) {
      const n = romanValue(this.toks[i + 2]!.text);
      if (n > 0) return dateAt(i, i + 3, fixed(String(n - 1).padStart(2, '0')));
    }
    return null;
  }

  private unitAloneEs(i: number): Cand | null {
    const u = this.unit(i);
    if (!u || u.plural || !['year', 'month', 'week'].includes(u.unit)) return null;
    return { from: i, to: u.to, type: 'DATE', resolve: relative(u.unit, 0, 'anchor') };
  }

  private durationEs(i: number): Cand | null {
    let j = i;
    let mod: string | undefined;
    let hace = false;
    let vague = false;
    if (this.is(j, 'hace', 'hacía')) {
      hace = true;
      j += 1;
      if (this.is(j, 'ya', 'sólo', 'solo', 'apenas', 'escasamente', 'casi')) j += 1;
      if (this.is(j, 'tiempo') || (this.is(j, 'mucho') && this.is(j + 1, 'tiempo'))) return { from: i, to: this.is(j, 'mucho') ? j + 2 : j + 1, type: 'DURATION', resolve: fixed('PXM') };
      vague = this.is(j, 'unos', 'unas');
    } else if (this.is(j, 'dentro') && this.is(j + 1, 'de')) {
      j += 2;
    }
    for (const [words, m] of modWordsEs) {
      const k = this.seq(j, words);
      if ((k > 0 && (this.number(k) || this.unit(k)) && !(words[0] === 'unos' || words[0] === 'unas')) || (k > 0 && (words[0] === 'unos' || words[0] === 'unas') && this.number(k))) {
        mod = m;
        j = k;
        break;
      }
    }
    let span: 'past' | 'next' | null = null;
    let article = false;
    if (this.is(j, 'los', 'las')) {
      article = true;
      j += 1;
      if (this.is(j, 'últimos', 'últimas', 'pasados', 'pasadas')) {
        span = 'past';
        j += 1;
      } else if (this.is(j, 'próximos', 'próximas', 'siguientes')) {
        span = 'next';
        j += 1;
      }
    }
    let n: number | null = 1;
    let counted = false;
    const num = this.number(j);
    if (num) {
      if (num.n !== null && num.n === 1 && this.w(j) === 'uno') return null;
      n = num.n;
      j = num.to;
      counted = true;
    }
    const u = this.unit(j);
    if (!u) return null;
    if (u.unit === 'hour' && !counted && !span) return null;
    j = u.to;
    if (this.is(j, 'más') && counted && !this.is(j + 1, 'tarde')) j += 1;
    if (this.is(j, 'seguidos', 'seguidas', 'consecutivos', 'consecutivas') && counted) j += 1;
    if (!counted) {
      if (!u.plural) return null;
      if (!(span || hace || this.is(i - 1, 'durante', 'hace', 'desde', 'tras', 'en', 'llevan', 'lleva', 'llevaba', 'llevamos', 'llevo') || this.is(j, 'después', 'antes', 'atrás'))) return null;
      n = null;
      if (span === null && article) return null;
    }
    if (counted && n !== null && n > 1 && !u.plural) return null;
    if (counted && n === 1 && u.plural) return null;
    if (article && span === null && !counted) return null;
    const mult = n === null ? null : n * u.mult;
    let value = durationValue(u.unit, mult);
    if (this.is(j, 'y') && mult !== null) {
      const n2 = this.number(j + 1);
      const u2 = n2 && this.unit(n2.to);
      if (n2 && n2.n !== null && u2 && u2.unit !== u.unit) {
        value = mergeDurations(value, durationValue(u2.unit, n2.n));
        j = u2.to;
      } else if (this.is(j + 1, 'medio', 'media')) {
        value = durationValue(u.unit, mult + 0.5);
        j += 2;
      }
    }
    if (hace) {
      if (mult === null || !Number.isInteger(mult) || vague || this.w(i) === 'hacía') return { from: i, to: j, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
      return { from: i, to: j, type: 'DATE', resolve: relative(u.unit, -mult, 'anchor', { keepQuarter: mult === 1 && u.unit === 'year' }), ...(mod ? { mod } : {}) };
    }
    if (!span && (this.is(j, 'después', 'antes', 'atrás') || (this.is(j, 'más') && this.is(j + 1, 'tarde')))) {
      const to = this.is(j, 'más') ? j + 2 : j + 1;
      if (mult === null || !Number.isInteger(mult)) return { from: i, to, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
      if (this.is(j, 'atrás')) return { from: i, to, type: 'DATE', resolve: relative(u.unit, -mult, 'anchor') };
      // "un día después de que …" is measured from an event, not from the narrative's date.
      if (!this.isPunctOrEnd(to) && this.is(to, 'de', 'del', 'que')) return { from: i, to, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
      return { from: i, to, type: 'DATE', resolve: relative(u.unit, this.is(j, 'antes') ? -mult : mult, 'ref'), explicit: true };
    }
    return { from: i, to: j, type: 'DURATION', resolve: fixed(value), ...(mod ? { mod } : {}) };
  }

  private setEs(i: number): Cand | null {
    const w = this.w(i);
    if (setAdjectivesEs[w]) {
      // "el diario", "los diarios" are newspapers.
      if (/^diari[oa]s?$/.test(w) && (this.is(i - 1, 'el', 'los', 'un', 'este', 'del', 'al', 'otro', 'su', 'sus', 'cuyo') || this.toks[i + 1]?.cap)) return null;
      return { from: i, to: i + 1, type: 'SET', resolve: fixed(setAdjectivesEs[w]!) };
    }
    if (w === 'cada') {
      let j = i + 1;
      let n = 1;
      const num = this.number(j);
      if (num && num.n !== null && !this.is(j, 'un', 'una')) {
        n = num.n;
        j = num.to;
      }
      const wd = this.weekday(j);
      if (wd) return { from: i, to: wd.to, type: 'SET', resolve: fixed(`XXXX-WXX-${wd.dow}`) };
      const u = this.unit(j);
      if (u) return { from: i, to: u.to, type: 'SET', resolve: fixed(durationValue(u.unit, n * u.mult)) };
      return null;
    }
    if ((w === 'todos' || w === 'todas') && this.is(i + 1, 'los', 'las')) {
      const wd = this.weekday(i + 2);
      if (wd) return { from: i, to: wd.to, type: 'SET', resolve: fixed(`XXXX-WXX-${wd.dow}`) };
      const u = this.unit(i + 2);
      if (u && u.plural) return { from: i, to: u.to, type: 'SET', resolve: fixed(durationValue(u.unit, 1)) };
    }
    if (
      ((w === 'al' || w === 'por') && this.unit(i + 1) && !this.unit(i + 1)!.plural && this.is(i - 1, 'veces', 'vez')) ||
      (w === 'al' && this.is(i + 1, 'año', 'mes', 'día') && this.isPunctOrEnd(i + 2) && this.toks[i - 1]?.kind !== 'w')
    ) {
      const u = this.unit(i + 1)!;
      return { from: i, to: i + 2, type: 'SET', resolve: fixed(durationValue(u.unit, 1)) };
    }
    return null;
  }

  /** "el primer trimestre de 2000", "el segundo semestre", "el último trimestre de 1999". */
  private partEs(i: number): Cand | null {
    let j = i;
    if (this.is(j, 'el', 'del', 'al', 'este')) j += 1;
    const ord = ordinalsEs[this.w(j)];
    if (j === i && this.is(i, 'este') === false && ord === undefined) return null;
    let n: number | undefined = ord;
    if (n !== undefined) j += 1;
    const kind = this.is(j, 'trimestre') ? 'quarter' : this.is(j, 'semestre') ? 'half' : null;
    if (!kind) return null;
    j += 1;
    if (n === undefined) {
      if (!this.is(i, 'este')) return null;
      return { from: i, to: j, type: 'DATE', resolve: relative(kind, 0, 'anchor') };
    }
    if (this.w(j - 2) === 'último' || this.w(j - 2) === 'última') n = kind === 'quarter' ? 4 : 2;
    if (n < 1 || n > (kind === 'quarter' ? 4 : 2)) return null;
    let y: number | undefined;
    if (this.is(j, 'de', 'del')) {
      const k = this.is(j, 'del') ? j + 1 : j + 1;
      const yy = this.year(k);
      if (yy) return { from: i, to: yy.to, type: 'DATE', resolve: resolvePart(kind, n, yy.y), explicit: true };
      if (this.is(k, 'este', 'presente') || (this.is(j, 'del') && this.is(k, 'año'))) {
        let to = k + 1;
        if (this.is(to, 'año')) to += 1;
        return { from: i, to, type: 'DATE', resolve: partOfRelativeYear(kind, n, 0) };
      }
      if (this.is(j, 'del') && this.is(k, 'presente', 'pasado', 'próximo') && this.is(k + 1, 'año')) {
        return { from: i, to: k + 2, type: 'DATE', resolve: partOfRelativeYear(kind, n, this.is(k, 'pasado') ? -1 : this.is(k, 'próximo') ? 1 : 0) };
      }
      if (this.is(j, 'del') && this.is(k, 'año') && this.is(k + 1, 'pasado', 'próximo')) {
        return { from: i, to: k + 2, type: 'DATE', resolve: partOfRelativeYear(kind, n, this.is(k + 1, 'pasado') ? -1 : 1) };
      }
    }
    return { from: i, to: j, type: 'DATE', resolve: resolvePart(kind, n, y) };
  }

  private timeEs(i: number): Cand | null {
    let j = i;
    if (this.is(j, 'las', 'la')) j += 1;
    const clock = this.clock(j);
    if (!clock) return null;
    let to = clock.to;
    let date: Resolver | null = null;
    if (this.is(to, 'de') && this.dayWordEs(to + 1) !== null) {
      date = relative('day', this.dayWordEs(to + 1)!, 'anchor');
      to += 2;
    } else if (this.is(to, 'del')) {
      const c = this.calendarEs(to);
      if (c) {
        date = c.resolve;
        to = c.to;
      }
    }
    return { from: i, to, type: 'TIME', resolve: resolveTime(clock.time, date) };
  }

  private dayWordEs(k: number): number | null {
    const x = this.w(k);
    return x === 'hoy' ? 0 : x === 'ayer' ? -1 : x === 'mañana' ? 1 : null;
  }
}

function mergeDurations(a: string, b: string): string {
  // P2Y + P6M → P2Y6M; PT2H + PT30M → PT2H30M.
  const ta = a.startsWith('PT');
  const tb = b.startsWith('PT');
  if (ta && tb) return a + b.slice(2);
  if (!ta && tb) return a + b.slice(1);
  if (!ta && !tb) return a + b.slice(1);
  return a;
}

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let k = 0; k < s.length; k += 1) {
    const cur = v[s[k]!.toUpperCase()] ?? 0;
    const next = v[s[k + 1]?.toUpperCase() ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

/** "the quarter": the quarter the narrative is about, else the last completed one. */
function latestQuarter(current: boolean): Resolver {
  return (env) => {
    const period = periodOf(env);
    if (period?.gran === 'quarter') return relative('quarter', 0, 'ref')({ ...env, ref: period });
    return relative('quarter', current ? 0 : -1, 'anchor')(env);
  };
}

/** "the 1988 period": the narrative's quarter in that year, or the year. */
function sameQuarterIn(year: number): Resolver {
  return (env) => {
    const period = periodOf(env);
    if (period?.gran === 'quarter') {
      const q = Math.floor((period.m - 1) / 3) + 1;
      return resolvePart('quarter', q, year)(env);
    }
    return resolveSpec({ y: year })(env);
  };
}

function partOfRelativeYear(kind: 'quarter' | 'half', n: number, offset: number): Resolver {
  return (env) => {
    if (!env.anchor) return { value: kind === 'quarter' ? `XXXX-Q${n}` : `XXXX-H${n}`, anchored: false };
    return resolvePart(kind, n, env.anchor.y + offset)(env);
  };
}

/** "el 5": the 5th of the article's month (or of the narrative's). */
function dayOfAnchorMonth(d: number): Resolver {
  return (env) => {
    const base = env.near && (env.near.gran === 'day' || env.near.gran === 'month') ? env.near : env.anchor;
    if (!base || (base.gran !== 'day' && base.gran !== 'month' && base.gran !== 'time')) return { value: `XXXX-XX-${String(d).padStart(2, '0')}`, anchored: false };
    return resolveSpec({ y: base.y, m: base.m, d })(env);
  };
}

/** "year-ago" / "the year-earlier quarter": the narrative's quarter a year back, else the article's year (or last quarter) a year back. */
function yearAgo(period: boolean): Resolver {
  return (env) => {
    if (periodOf(env, true)) return relative('year', -1, 'ref', { keepQuarter: true })(env);
    if (period) {
      const last = relative('quarter', -1, 'anchor')(env);
      const p = last.point ? { ...last.point, y: last.point.y - 1 } : undefined;
      return p ? { value: `${p.y}-Q${Math.floor((p.m - 1) / 3) + 1}`, anchored: true, point: p } : last;
    }
    return relative('year', -1, 'anchor')(env);
  };
}

/** "the weekend": the last one in a past-tense sentence, the next one otherwise. */
function theWeekend(): Resolver {
  return (env) => {
    const a = env.anchor;
    if (!a || (a.gran !== 'day' && a.gran !== 'time')) return { value: 'XXXX-WXX-WE', anchored: false };
    const dow = new Date(Date.UTC(a.y, a.m - 1, a.d)).getUTCDay() || 7;
    const offset = dow >= 6 ? 0 : env.tense === 'past' ? -1 : env.tense === 'future' ? 0 : -1;
    return relative('weekend', offset, 'anchor')(env);
  };
}

/** "April next year": a month or day in the article's year moved by `offset`. */
function inAnchorYear(spec: DateSpec, offset: number): Resolver {
  return (env) => {
    if (!env.anchor) return resolveSpec(spec)(env);
    const r = resolveSpec({ ...spec, y: env.anchor.y + offset })(env);
    return { ...r, anchored: true };
  };
}

for (const table of [leadModsEn, edgeModsEn, yearOffsetsEn, dayOffsetsEn, dirsEn, setAdverbsEn, decadeModsEn, decadeWordsEn, edgeModsEs, decadeWordsEs, setAdjectivesEs]) {
  Object.setPrototypeOf(table, null);
}
