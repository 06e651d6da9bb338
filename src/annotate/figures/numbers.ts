/**
 * Numbers as written in English and Spanish news: digits with either separator convention,
 * scale words ("38 million", "1,5 millones"), number words ("seventeen", "diecisiete",
 * "one hundred and forty", "treinta y dos"), fractions of a half, and vague amounts ("a dozen", "dozens").
 */
import { durationUnits } from './lexicon.ts';
import { type Piece, touching } from './scan.ts';

export interface NumberRead {
  /** Index of the first and one past the last piece read. */
  from: number;
  to: number;
  value: number;
  /** A vague amount ("dozens", "several hundred") reads as a floor or an estimate. */
  approx?: 'about' | 'at_least';
  /** Read from words rather than digits. */
  words: boolean;
}

const units: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  cero: 0,
  uno: 1,
  un: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintiun: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
};
const hundreds: Record<string, number> = {
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
};
const scales: Record<string, number> = {
  hundred: 100,
  thousand: 1000,
  mil: 1000,
  million: 1e6,
  millions: 1e6,
  millon: 1e6,
  millones: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
  billones: 1e12,
};
/** Words that stand for a vague amount, with the number they at least mean. */
const vague: Record<string, { value: number; approx: 'about' | 'at_least' }> = {
  dozens: { value: 24, approx: 'at_least' },
  scores: { value: 40, approx: 'at_least' },
  hundreds: { value: 200, approx: 'at_least' },
  thousands: { value: 2000, approx: 'at_least' },
  millions: { value: 2e6, approx: 'at_least' },
  decenas: { value: 20, approx: 'at_least' },
  docenas: { value: 24, approx: 'at_least' },
  cientos: { value: 200, approx: 'at_least' },
  centenares: { value: 200, approx: 'at_least' },
  miles: { value: 2000, approx: 'at_least' },
  millares: { value: 2000, approx: 'at_least' },
};

const roundAmounts: Record<string, number> = { decena: 10, veintena: 20, treintena: 30, cuarentena: 40, centenar: 100, millar: 1000 };

/** Reads a digit string with English or Spanish separators: "1,200", "200.000", "3.5", "3,5". */
export function parseDigits(text: string, language: string): number {
  const groups = text.split(/[.,]/);
  if (groups.length === 1) return Number(text);
  const seps = text.replace(/\d/g, '');
  const tail = groups.slice(1);
  const allThree = tail.every((g) => g.length === 3);
  const single = new Set(seps).size === 1;
  if (single && seps.length > 1 && allThree) return Number(groups.join(''));
  // "2.213,616 votos": mixed separators with groups of three on both sides are a slip in a whole number.
  if (!single && allThree && groups[0]!.length <= 3) return Number(groups.join(''));
  if (!single) {
    // "1,234.5" or "1.234,5": the last separator is the decimal one.
    const last = seps[seps.length - 1];
    const idx = text.lastIndexOf(last!);
    return Number(text.slice(0, idx).replace(/[.,]/g, '') + '.' + text.slice(idx + 1));
  }
  const sep = seps[0];
  // One separator: a group of three after it is a thousands separator in the language that uses it so.
  const thousandsSep = language === 'es' ? '.' : ',';
  if (allThree && (sep === thousandsSep || (sep === ',' && language !== 'es'))) return Number(groups.join(''));
  if (allThree && sep === '.' && language === 'es') return Number(groups.join(''));
  return Number(groups[0] + '.' + groups[1]);
}

/** Reads the number that starts at piece `i`, or null. Words need `allowWeak` for "one"/"a"/"un". */
export function readNumber(pieces: readonly Piece[], i: number, language: string): NumberRead | null {
  const p = pieces[i];
  if (!p) return null;
  if (p.kind === 'num') {
    let value = parseDigits(p.text, language);
    if (!Number.isFinite(value)) return null;
    let to = i + 1;
    // "1 340 heridos", "1 192 detenidos": groups of three set apart by one space.
    if (/^\d{1,3}$/.test(p.text)) {
      let digits = p.text;
      while (/^\d{3}$/.test(pieces[to]?.text ?? '') && pieces[to]!.start - pieces[to - 1]!.end === 1 && pieces[to]!.sentence === p.sentence) {
        digits += pieces[to]!.text;
        to += 1;
      }
      value = Number(digits);
    }
    // "3 and a half", "3 y medio" are handled with the unit; scale words multiply.
    const next = pieces[to];
    if (next && next.kind === 'word' && scales[next.key] && next.key !== 'hundred') {
      value *= scales[next.key]!;
      to += 1;
      if (next.key === 'mil' && pieces[to]?.key === 'millones') {
        value *= 1e6;
        to += 1;
      }
    } else if (next && touching(p, next) && (next.key === 'm' || next.key === 'bn' || next.key === 'k')) {
      value *= next.key === 'm' ? 1e6 : next.key === 'bn' ? 1e9 : 1e3;
      to += 1;
    }
    return { from: i, to, value, words: false };
  }
  if (p.kind !== 'word') return null;
  if (!inLanguage(p.key, language) && p.key !== 'several') return null;
  const v = vague[p.key];
  if (v) return { from: i, to: i + 1, value: v.value, approx: v.approx, words: true };
  // "a dozen", "una docena", "half a dozen"
  if ((p.key === 'a' || p.key === 'una') && (pieces[i + 1]?.key === 'dozen' || pieces[i + 1]?.key === 'docena')) {
    return { from: i, to: i + 2, value: 12, approx: 'about', words: true };
  }
  // "una veintena de muertes", "un centenar de heridos": a round amount, about that many.
  const round = roundAmounts[pieces[i + 1]?.key ?? ''];
  if ((p.key === 'un' || p.key === 'una') && round) return { from: i, to: i + 2, value: round, approx: 'about', words: true };
  if (p.key === 'dozen' || p.key === 'docena') return null;
  if (p.key === 'several' || p.key === 'varios' || p.key === 'varias') {
    const s = pieces[i + 1];
    if (s && (s.key === 'hundred' || s.key === 'thousand' || s.key === 'cientos' || s.key === 'miles' || s.key === 'mil')) {
      const base = s.key === 'hundred' || s.key === 'cientos' ? 100 : 1000;
      return { from: i, to: i + 2, value: 3 * base, approx: 'about', words: true };
    }
    return null;
  }
  return readWords(pieces, i, language);
}

const english = new Set([
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'millions',
  'billion',
  'bn',
  'trillion',
  'and',
  'a',
  'an',
  'dozens',
  'scores',
  'hundreds',
  'thousands',
]);

/** Whether a word reads as a number in this language: Spanish "once" is eleven, English "once" is not a number. */
function inLanguage(key: string, language: string): boolean {
  return language === 'es' ? true : english.has(key);
}

/** Number words: "one hundred and forty", "twenty-one", "treinta y dos", "dos mil", "a hundred". */
function readWords(pieces: readonly Piece[], i: number, language: string): NumberRead | null {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  let last: 'unit' | 'ten' | 'hundred' | 'scale' | null = null;
  const first = pieces[i]!;
  if (first.key === 'a' || first.key === 'an') {
    const n = pieces[i + 1];
    // "a year and a half in prison": one of a unit of time.
    if (n && durationUnits[n.key]) return { from: i, to: i + 1, value: 1, words: true };
    if (!n || !(n.key === 'hundred' || n.key === 'thousand' || n.key === 'million')) return null;
    current = 1;
    j = i + 1;
    any = true;
    last = 'unit';
  }
  for (; j < pieces.length; j++) {
    const p = pieces[j]!;
    if (p.kind === 'punct') {
      // "twenty-one": a hyphen between touching tens and units.
      if (p.text === '-' && last === 'ten' && touching(pieces[j - 1], p) && units[pieces[j + 1]?.key ?? ''] !== undefined && touching(p, pieces[j + 1])) continue;
      break;
    }
    if (p.kind !== 'word') break;
    const k = p.key;
    if (!inLanguage(k, language)) break;
    if ((k === 'and' || k === 'y') && any) {
      // "one hundred and forty", "treinta y dos" — but not "five abstentions and ..." nor "tres años y medio".
      const n = pieces[j + 1];
      const okAfter = n && (units[n.key] !== undefined || tens[n.key] !== undefined) && !(k === 'and' && last !== 'hundred' && last !== 'scale') && !(k === 'y' && last !== 'ten');
      if (okAfter) continue;
      break;
    }
    if (units[k] !== undefined && last !== 'unit') {
      if ((k === 'un' || k === 'una' || k === 'uno' || k === 'one') && any && last !== 'ten' && last !== 'hundred' && last !== 'scale') break;
      current += units[k]!;
      last = 'unit';
      any = true;
      continue;
    }
    if (tens[k] !== undefined && (last === null || last === 'hundred' || last === 'scale')) {
      current += tens[k]!;
      last = 'ten';
      any = true;
      continue;
    }
    if (hundreds[k] !== undefined && (last === null || last === 'scale')) {
      current += hundreds[k]!;
      last = 'hundred';
      any = true;
      continue;
    }
    if (k === 'hundred' && any && (last === 'unit' || last === 'ten')) {
      current *= 100;
      last = 'hundred';
      continue;
    }
    if (scales[k] !== undefined && k !== 'hundred' && k !== 'bn' && (any || k === 'mil')) {
      const scale = scales[k]!;
      if (k === 'mil' && !any) current = 1;
      total += (current || 1) * scale;
      current = 0;
      last = 'scale';
      any = true;
      continue;
    }
    break;
  }
  if (!any) return null;
  return { from: i, to: j, value: total + current, words: true };
}

/** A half after the number: "three and a half", "3 y medio" (before the unit), for durations. */
export function readHalf(pieces: readonly Piece[], i: number): number {
  const a = pieces[i]?.key;
  const b = pieces[i + 1]?.key;
  const c = pieces[i + 2]?.key;
  if (a === 'and' && b === 'a' && c === 'half') return 3;
  if (a === 'y' && b === 'medio') return 2;
  if (a === 'y' && b === 'media') return 2;
  return 0;
}
