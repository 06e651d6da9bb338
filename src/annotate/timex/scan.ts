/**
 * The timex stage's own light tokenization (it runs before, and without, the tokens stage):
 * words, numbers, numeric compounds like `10.01.2023` or `14:30`, and single punctuation marks.
 */

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** w: word, n: plain digits, x: numeric compound (`10.01.2023`, `2,023`, `1-0`), p: anything else. */
  kind: 'w' | 'n' | 'x' | 'p';
  /** True when the token starts with an upper-case letter. */
  cap: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/** Splits text into tokens with offsets and a rough sentence index (enough to read tense and the narrative). */
export function scan(text: string): Tok[] {
  const toks: Tok[] = [];
  let sentence = 0;
  let pendingBreak = false;
  let prevEnd = -1;
  const length = text.length;
  // The tokens of /\d+(?:[.,:/-]\d+)+|\d+|[\p{L}\p{M}]+|[^\s\p{L}\p{M}\d]/gu, read by hand: that pattern was a third of the stage's time.
  // Whether the white space since the last token holds a line break.
  let newline = false;
  for (let start = 0; start < length; ) {
    const c = text.charCodeAt(start);
    if (c === 32) {
      start += 1;
      continue;
    }
    let end: number;
    let kind: Tok['kind'];
    let folds = false;
    if (c >= 48 && c <= 57) {
      end = start + 1;
      while (end < length && isDigit(text.charCodeAt(end))) end += 1;
      kind = 'n';
      while (end + 1 < length && isNumberJoiner(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1))) {
        end += 2;
        while (end < length && isDigit(text.charCodeAt(end))) end += 1;
        kind = 'x';
      }
    } else {
      const cls = classAt(text, start, c);
      if (cls === SPACE) {
        if (c === 10) newline = true;
        start += 1;
        continue;
      }
      end = start + unitsAt(text, start, c);
      if (cls === LETTER) {
        kind = 'w';
        // Whether the word may change in lower case: an ASCII capital or any letter past ASCII (most words are neither).
        folds = c < 97 || c > 122;
        while (end < length) {
          const d = text.charCodeAt(end);
          if (d >= 97 && d <= 122) {
            end += 1;
            continue;
          }
          if (classAt(text, end, d) !== LETTER) break;
          folds = true;
          end += unitsAt(text, end, d);
        }
      } else kind = 'p';
    }
    const raw = text.slice(start, end);
    if (prevEnd >= 0 && (newline || (pendingBreak && start > prevEnd && isUpperStart(raw)))) sentence += 1;
    pendingBreak = false;
    newline = false;
    // Digits never change; nor do ASCII marks, nor a word of ASCII lower-case letters.
    const lower = (kind === 'w' && folds) || (kind === 'p' && c > 127) ? raw.toLowerCase() : raw;
    toks.push({ start, end, text: raw, lower, kind, cap: kind === 'w' && raw !== lower, sentence });
    prevEnd = end;
    if (kind === 'p' && (raw === '.' || raw === '!' || raw === '?')) pendingBreak = !isAbbreviation(toks, toks.length - 1);
    start = end;
  }
  return toks;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** `.`, `,`, `:`, `/`, `-` between digits ("10.01.2023", "14:30", "1-0"). */
const isNumberJoiner = (c: number) => c === 46 || c === 44 || c === 58 || c === 47 || c === 45;

const SPACE = 1;
const LETTER = 2;
const OTHER = 3;
const spacePattern = /^\s$/u;
const letterPattern = /^[\p{L}\p{M}]$/u;
/** The class of each UTF-16 unit outside the surrogates, filled in on first sight. */
const unitClass = new Uint8Array(65536);

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** How many UTF-16 units the code point at `i` takes: two for a surrogate pair, as the `u` flag reads it. */
function unitsAt(text: string, i: number, c: number): number {
  return isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
}

/** Whether the code point at `i` is white space, a letter or mark, or anything else. */
function classAt(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) {
    // A code point outside the BMP (or a lone surrogate, which is no letter and no space).
    return unitsAt(text, i, c) === 2 && letterPattern.test(text.slice(i, i + 2)) ? LETTER : OTHER;
  }
  let cls = unitClass[c]!;
  if (cls === 0) {
    const ch = String.fromCharCode(c);
    cls = spacePattern.test(ch) ? SPACE : letterPattern.test(ch) ? LETTER : OTHER;
    unitClass[c] = cls;
  }
  return cls;
}

const isUpperStart = (s: string) => /^[\p{Lu}"“'‘¿¡(]/u.test(s) || /^\d/.test(s);

const abbreviations = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'sgt',
  'capt',
  'corp',
  'inc',
  'co',
  'ltd',
  'jr',
  'sr',
  'vs',
  'a',
  'p',
  'm',
  'u',
  's',
  'sra',
  'sr',
  'dña',
]);

function isAbbreviation(toks: readonly Tok[], dot: number): boolean {
  const before = toks[dot - 1];
  return before !== undefined && before.end === toks[dot]!.start && before.kind === 'w' && abbreviations.has(before.lower);
}
