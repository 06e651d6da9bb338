/**
 * Lengths of time in a court or custody context: compound durations ("3 años y 6 meses"), and what kind of
 * term they are (prison, suspended, preventive detention, disqualification from office, a procedural deadline),
 * whether a court imposed them or prosecutors only asked for them, and at which instance.
 * Pure functions over the figures scan, so the stage stays one linear pass.
 */
import type { FigureTerm } from '../../core/doc.ts';
import { durationUnits } from './lexicon.ts';
import { readHalf, readNumber } from './numbers.ts';
import type { Piece } from './scan.ts';
import { touching } from './scan.ts';

type Unit = 'Y' | 'M' | 'W' | 'D';

/** A length of time read from the text: its pieces, ISO value and length in years. */
export interface DurationRead {
  /** One past the last piece of the duration's own words. */
  to: number;
  /** One past the unit word that gives the duration its meaning (for a listed number, the list's shared unit). */
  unitEnd: number;
  iso: string;
  years: number;
  /** A number that borrows its unit from the end of a list ("10, cuatro, tres y dos años"). */
  listed: boolean;
}

const rank: Record<Unit, number> = { Y: 0, M: 1, W: 2, D: 3 };

/** ISO 8601 for a sum of parts: [3, Y] + [6, M] → P3Y6M; a lone unit keeps its own (36 months stay P36M). */
export function composeDuration(parts: readonly [number, Unit][]): string {
  if (parts.length === 1) return single(parts[0]![0], parts[0]![1]);
  let years = 0;
  let months = 0;
  let days = 0;
  for (const [amount, unit] of parts) {
    if (unit === 'Y') {
      years += Math.floor(amount);
      months += Math.round((amount - Math.floor(amount)) * 12);
    } else if (unit === 'M') {
      months += Math.floor(amount);
      days += Math.round((amount - Math.floor(amount)) * 30);
    } else days += Math.round(unit === 'W' ? amount * 7 : amount);
  }
  const out = `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}${days ? `${days}D` : ''}`;
  return out === 'P' ? 'P0D' : out;
}

function single(amount: number, unit: Unit): string {
  if (unit === 'Y') {
    const years = Math.floor(amount);
    const months = Math.round((amount - years) * 12);
    const out = `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;
    return out === 'P' ? 'P0Y' : out;
  }
  if (unit === 'M') {
    const months = Math.floor(amount);
    const days = Math.round((amount - months) * 30);
    return `P${months}M${days ? `${days}D` : ''}`;
  }
  if (unit === 'W') return Number.isInteger(amount) ? `P${amount}W` : `P${Math.round(amount * 7)}D`;
  return `P${Math.round(amount)}D`;
}

const toYears: Record<Unit, number> = { Y: 1, M: 1 / 12, W: 1 / 52, D: 1 / 365 };

/** The unit after a number, past "and a half" and a hyphen ("15-year"); -1 when none. */
function unitAt(pieces: readonly Piece[], to: number): { at: number; half: number } | null {
  const half = readHalf(pieces, to);
  let u = to + half;
  if (pieces[u]?.text === '-' && touching(pieces[u - 1], pieces[u])) u += 1;
  return durationUnits[pieces[u]?.key ?? ''] ? { at: u, half } : null;
}

/**
 * Reads a duration whose number spans pieces [from, to): "3 años y 6 meses", "three years and six months",
 * "tres años y medio", "3 and a half years", "a 15-year term", and a number whose unit closes a list
 * ("sentenced to 10, four and two years"). Null when no unit of time follows.
 */
export function readDuration(pieces: readonly Piece[], to: number, value: number, language: string): DurationRead | null {
  let found = unitAt(pieces, to);
  let listed = false;
  if (!found) {
    // "10, cuatro, tres y dos años": each number of the list takes the unit that closes it.
    let k = to;
    for (let n = 0; n < 6; n++) {
      const sep = pieces[k];
      if (!sep || !(sep.text === ',' || sep.key === 'y' || sep.key === 'and' || sep.key === 'o' || sep.key === 'or')) return null;
      const next = readNumber(pieces, k + 1, language);
      if (!next) return null;
      const unit = unitAt(pieces, next.to);
      if (unit) {
        if (unit.half) return null;
        found = unit;
        listed = true;
        break;
      }
      k = next.to;
    }
    if (!found) return null;
  }
  const unit = durationUnits[pieces[found.at]!.key]!;
  let amount = value + (found.half ? 0.5 : 0);
  let end = found.at + 1;
  if (listed) return { to, unitEnd: end, iso: single(amount, unit), years: amount * toYears[unit], listed };
  const trail = found.half ? 0 : readHalf(pieces, end);
  if (trail) {
    amount += 0.5;
    end += trail;
  }
  const parts: [number, Unit][] = [[amount, unit]];
  // "3 años y 6 meses", "two years, three months and ten days": smaller units joined on.
  for (let n = 0; n < 3; n++) {
    const sep = pieces[end];
    if (!sep || !(sep.text === ',' || sep.key === 'y' || sep.key === 'and' || sep.key === 'e')) break;
    const next = readNumber(pieces, end + 1, language) ?? (['un', 'una', 'a', 'an', 'one'].includes(pieces[end + 1]?.key ?? '') ? { to: end + 2, value: 1 } : null);
    if (!next) break;
    const more = unitAt(pieces, next.to);
    if (!more || more.half) break;
    const u = durationUnits[pieces[more.at]!.key]!;
    if (rank[u] <= rank[parts[parts.length - 1]![1]]) break;
    parts.push([next.value, u]);
    end = more.at + 1;
    // A separator after the last part ("3 años y 6 meses, de prisión") is not part of the duration.
  }
  const years = parts.reduce((s, [a, u]) => s + a * toYears[u], 0);
  return { to: end, unitEnd: end, iso: composeDuration(parts), years, listed };
}

// What kind of term: the nearest kind word around the duration decides (folded keys).
const preventiveWords = new Set(['preventiva', 'preventivo', 'preventivamente', 'pretrial', 'preventive', 'provisional', 'remand', 'cautelar']);
const disqualificationWords = new Set([
  'inhabilitacion',
  'inhabilitado',
  'inhabilitada',
  'inhabilitados',
  'inhabilitadas',
  'inhabilitar',
  'inhabilito',
  'disqualification',
  'disqualified',
  'barred',
  'banned',
  'ban',
]);
const suspendedWords = new Set(['suspended', 'suspendida', 'suspendido', 'suspenso', 'condicional', 'probation', 'excarcelable']);
const prisonNouns = new Set([
  'prison',
  'jail',
  'bars',
  'imprisonment',
  'incarceration',
  'prision',
  'carcel',
  'reclusion',
  'presidio',
  'encarcelamiento',
  'detencion',
  'detention',
  'custody',
  'arresto',
]);
const termNouns = new Set(['sentence', 'sentences', 'term', 'terms', 'condena', 'condenas', 'pena', 'penas', 'sentencia', 'sentencias', 'punishment', 'castigo']);
/** Verbs of a conviction: after one, a term is a sentence even when the outlet calls it "detención preventiva". */
const convictionVerbs = new Set([
  'sentenced',
  'sentencing',
  'convicted',
  'jailed',
  'imprisoned',
  'handed',
  'given',
  'gave',
  'receives',
  'received',
  'serve',
  'serving',
  'serves',
  'condeno',
  'condenaron',
  'condenado',
  'condenada',
  'condenados',
  'condenadas',
  'condenandolo',
  'condenandola',
  'condenandolos',
  'condenandolas',
  'sentencio',
  'sentenciaron',
  'sentenciado',
  'sentenciada',
  'sentenciados',
  'sentenciadas',
  'cumplir',
  'cumple',
  'cumplira',
  'purga',
  'purgar',
]);
/** Custody verbs that make a length of time a stay in custody ("encarcelada preventivamente hace 15 meses"). */
const custodyVerbs = new Set(['encarcelado', 'encarcelada', 'encarcelados', 'encarceladas', 'recluido', 'recluida', 'detenido', 'detenida', 'held', 'jailed', 'detained', 'remanded']);
/** A term asked for rather than handed down ("Prosecutors had sought six years", "la Fiscalía pidió 12 años"). */
const requestWords = new Set([
  'sought',
  'seek',
  'seeks',
  'seeking',
  'requested',
  'request',
  'requests',
  'asked',
  'asks',
  'asking',
  'demanded',
  'demands',
  'demand',
  'wants',
  'want',
  'proposed',
  'pidio',
  'pide',
  'piden',
  'pidieron',
  'pedido',
  'pedia',
  'pedian',
  'pedir',
  'solicito',
  'solicita',
  'solicitan',
  'solicitaron',
  'solicitud',
  'reclama',
  'reclaman',
  'reclamo',
  'exige',
  'exigen',
  'exigio',
  'propuso',
  'incrementarse',
  'aumentarse',
  'elevarse',
  'ampliarse',
]);
/** A penalty the law provides or a defendant risks, neither imposed nor asked for. */
const possibleWords = new Set([
  'carry',
  'carries',
  'face',
  'faces',
  'facing',
  'faced',
  'risk',
  'risks',
  'punishable',
  'enfrenta',
  'enfrentan',
  'enfrentaria',
  'arriesga',
  'arriesgan',
  'castiga',
  'castigado',
  'preve',
  'contempla',
  'could',
  'podria',
  'podrian',
  'would',
  'max',
  'maximum',
  'maxima',
  'maximo',
]);
/** A higher court keeping a term: the term is the appeal's ("ratificó la sentencia", "upheld"). */
const ratifyWords = new Set(['ratifico', 'ratificaron', 'ratifica', 'ratifican', 'ratificada', 'ratificado', 'ratificar', 'upheld', 'upholds', 'uphold', 'upholding', 'affirmed']);
const appealCourts: string[][] = [
  ['tribunal', 'de', 'apelacion'],
  ['tribunal', 'de', 'apelaciones'],
  ['sala', 'de', 'apelacion'],
  ['sala', 'de', 'apelaciones'],
  ['corte', 'de', 'apelaciones'],
  ['appeals', 'court'],
  ['appeal', 'court'],
  ['court', 'of', 'appeals'],
  ['court', 'of', 'appeal'],
  ['appellate'],
  ['segunda', 'instancia'],
  ['second', 'instance'],
  ['on', 'appeal'],
  ['en', 'apelacion'],
  ['casacion'],
  ['cassation'],
];
const firstInstance: string[][] = [
  ['primera', 'instancia'],
  ['first', 'instance'],
  ['trial', 'court'],
  ['juicio', 'oral'],
];
/** Procedural deadlines are lengths of time a court gives, not terms ("tienen 15 días para presentar su apelación"). */
const legalWords = new Set([
  'apelacion',
  'apelar',
  'apelaciones',
  'recurso',
  'recurrir',
  'impugnar',
  'appeal',
  'appeals',
  'tribunal',
  'court',
  'juez',
  'jueza',
  'judge',
  'sentencia',
  'fallo',
  'ruling',
  'verdict',
]);

/** The term a duration states, or null when the length of time is no court or custody term. */
export interface TermRead {
  measure: 'sentence' | 'other';
  term: FigureTerm;
  confidence: number;
  /** The instance is `first` only for want of any appeal word in the sentence: the article's frame may override it. */
  instanceAssumed?: boolean;
}

const isSeparator = (q: Piece) => q.text === ',' || q.key === 'y' || q.key === 'and' || q.key === 'o' || q.key === 'or';
const hasSeq = (keys: readonly string[], seqs: readonly string[][]) => seqs.some((seq) => keys.some((_, k) => seq.every((w, j) => keys[k + j] === w)));

/**
 * Reads the kind, status and instance of the duration in pieces [from, unitEnd); `sentence` is the
 * piece range of its sentence. Null when nothing around it makes it a court or custody term.
 */
export function readTerm(pieces: readonly Piece[], numberFrom: number, unitEnd: number, sentence: readonly [number, number]): TermRead | null {
  // A listed number ("a 10, cuatro y dos años") reads its context from the list's start and its unit's clause.
  let start = numberFrom;
  // The Spanish reader knows the English number words too, so one language serves both here.
  while (start >= 2 && isSeparator(pieces[start - 1]!) && (pieces[start - 2]!.kind === 'num' || readNumber(pieces, start - 2, 'es')?.to === start - 1)) start -= 2;
  const from = start;
  const clause = pieces[unitEnd - 1]!.clause;
  const [sa, sb] = sentence;
  // Look after the unit up to the next number (so "4 años de prisión y 10 de inhabilitación" keeps its own kind).
  const after: Piece[] = [];
  for (let k = unitEnd; k < Math.min(sb, unitEnd + 8); k++) {
    const q = pieces[k]!;
    if (q.kind === 'num' || (q.clause !== clause && q.text !== ',' && after.length > 0 && q.text !== '(')) break;
    // "4 años de prisión e inhabilitación por 10 años": a coordinated noun after the term's own belongs to the next term.
    if ((q.key === 'y' || q.key === 'e' || q.key === 'and' || q.text === ',') && after.some((a) => prisonNouns.has(a.key) || termNouns.has(a.key))) break;
    after.push(q);
  }
  const before: Piece[] = [];
  for (let k = from - 1; k >= Math.max(sa, from - 8); k--) {
    const q = pieces[k]!;
    // Stop at another term's number, but look past the start of a change ("debe incrementarse de 10 a 15 años").
    if (q.kind === 'num' && !(pieces[k + 1]?.key === 'a' || pieces[k + 1]?.key === 'to')) break;
    before.unshift(q);
  }
  const afterKeys = after.map((q) => q.key);
  const beforeKeys = before.map((q) => q.key);
  const nearBefore = beforeKeys.slice(-6);
  const sentenceKeys = pieces.slice(sa, sb).map((q) => q.key);
  const has = (set: ReadonlySet<string>, keys: readonly string[]) => keys.some((w) => set.has(w));

  const b1 = beforeKeys[beforeKeys.length - 1];
  const b2 = beforeKeys[beforeKeys.length - 2];
  const convicted = (b1 === 'to' || b1 === 'a' || b1 === 'de' || b1 === 'of' || b1 === 'with' || b1 === 'con') && has(convictionVerbs, beforeKeys);
  const nounAfter = afterKeys.slice(0, 5).some((w) => prisonNouns.has(w) || termNouns.has(w));
  // "la pena … debe incrementarse de 10 a 15 años": a term noun earlier in the clause, unless the time is elapsed ("tres años después").
  const elapsed = ['despues', 'after', 'later', 'ago', 'atras', 'antes', 'before', 'since', 'desde'].includes(afterKeys[0] ?? '');
  const nounBefore =
    ((b1 === 'de' || b1 === 'of') && b2 !== undefined && (termNouns.has(b2) || prisonNouns.has(b2) || b2 === 'libertad')) ||
    (!elapsed && before.some((q) => q.clause === pieces[from]!.clause && termNouns.has(q.key)));
  const kindAfter = afterKeys.slice(0, 6);
  const kindNear = [...nearBefore, ...kindAfter];
  const preventive = has(preventiveWords, kindNear) || (has(custodyVerbs, kindAfter) && has(preventiveWords, afterKeys));
  const disqualified = has(disqualificationWords, kindNear);
  const suspended = has(suspendedWords, kindNear);
  // "Pastor Mendieta (tres años)": a bare duration in brackets in a sentence that lists sentences.
  const bracketed = before[before.length - 1]?.text === '(' && after[0]?.text === ')' && (has(termNouns, sentenceKeys) || has(prisonNouns, sentenceKeys) || has(convictionVerbs, sentenceKeys));
  const deadline = (afterKeys[0] === 'para' || afterKeys[0] === 'to' || (b1 === 'de' && b2 === 'plazo') || b1 === 'within') && has(legalWords, sentenceKeys);

  let kind: FigureTerm['kind'];
  if (preventive && !convicted) kind = 'preventive';
  else if (disqualified) kind = 'disqualification';
  else if (suspended) kind = 'suspended';
  else if (nounAfter || nounBefore || convicted || bracketed || preventive) kind = 'prison';
  else if (deadline) return { measure: 'other', term: { kind: 'other' }, confidence: 0.5 };
  else return null;

  const term: FigureTerm = { kind };
  const window = [...beforeKeys, ...afterKeys.slice(0, 4)];
  if (has(requestWords, window)) term.status = 'requested';
  else if (has(possibleWords, nearBefore)) {
    /* a penalty the law provides or a defendant faces: neither imposed nor asked for */
  } else if (kind === 'preventive') {
    if (has(convictionVerbs, beforeKeys) || ['ordered', 'ordeno', 'dicto', 'dictaron', 'impuso', 'dictado', 'dictada', 'ordenada', 'envio', 'enviado', 'enviada'].some((w) => beforeKeys.includes(w)))
      term.status = 'imposed';
  } else if (has(ratifyWords, sentenceKeys) && !hasSeq(sentenceKeys, firstInstance)) {
    term.status = 'ratified';
    term.instance = 'appeal';
  } else {
    term.status = 'imposed';
    term.instance = hasSeq(sentenceKeys, appealCourts) && !hasSeq(sentenceKeys, firstInstance) ? 'appeal' : 'first';
  }
  const assumed = term.instance === 'first' && !hasSeq(sentenceKeys, firstInstance);
  // Only a prison or suspended term handed down is measure `sentence`, the one that figure groups compare by person;
  // a term asked for, a penalty the law provides, preventive detention or a ban carries its `term` under `other`,
  // so it never makes a person's sentence look like a conflict until grouping keys terms by kind and status.
  const handedDown = term.status === 'imposed' || term.status === 'ratified';
  const measure = handedDown && (kind === 'prison' || kind === 'suspended') ? 'sentence' : 'other';
  return { measure, term, confidence: term.status === 'requested' ? 0.75 : 0.85, ...(assumed ? { instanceAssumed: true } : {}) };
}
