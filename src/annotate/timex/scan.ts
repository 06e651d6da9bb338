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

const tokenPattern = /\d+(?:[.,:/-]\d+)+|\d+|[\p{L}\p{M}]+|[^\s\p{L}\p{M}\d]/gu;

/** Splits text into tokens with offsets and a rough sentence index (enough to read tense and the narrative). */
export function scan(text: string): Tok[] {
  const toks: Tok[] = [];
  let sentence = 0;
  let pendingBreak = false;
  tokenPattern.lastIndex = 0;
  for (let m = tokenPattern.exec(text); m !== null; m = tokenPattern.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const prev = toks[toks.length - 1];
    const gap = prev ? text.slice(prev.end, start) : '';
    if (prev && (/\n/.test(gap) || (pendingBreak && gap.length > 0 && isUpperStart(raw)))) sentence += 1;
    pendingBreak = false;
    const first = raw.charCodeAt(0);
    const isDigit = first >= 48 && first <= 57;
    const kind: Tok['kind'] = isDigit ? (/^\d+$/.test(raw) ? 'n' : 'x') : /^[\p{L}\p{M}]/u.test(raw) ? 'w' : 'p';
    const lower = raw.toLowerCase();
    toks.push({ start, end: start + raw.length, text: raw, lower, kind, cap: kind === 'w' && raw !== lower, sentence });
    if (kind === 'p' && (raw === '.' || raw === '!' || raw === '?')) pendingBreak = !isAbbreviation(toks, toks.length - 1);
  }
  return toks;
}

const isUpperStart = (s: string) => /^[\p{Lu}"“'‘¿¡(]/u.test(s) || /^\d/.test(s);

const abbreviations = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'gov',
  'sen', 'rep', 'lt', 'col', 'sgt', 'capt', 'corp', 'inc', 'co', 'ltd', 'jr', 'sr', 'vs', 'a', 'p', 'm', 'u', 's', 'sra', 'sr', 'dña',
]);

function isAbbreviation(toks: readonly Tok[], dot: number): boolean {
  const before = toks[dot - 1];
  return before !== undefined && before.end === toks[dot]!.start && before.kind === 'w' && abbreviations.has(before.lower);
}
