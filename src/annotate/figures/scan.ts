/**
 * A light scanner for the figures stage: word, number and punctuation pieces with offsets,
 * sentence and clause indices. Independent of the tokens stage so that figures run on any text.
 */

export interface Piece {
  start: number;
  end: number;
  text: string;
  /** Lower case with diacritics removed: what the lexicons match. */
  key: string;
  kind: 'word' | 'num' | 'punct';
  sentence: number;
  clause: number;
}

/** Folds case and diacritics ("Tumbá" → "tumba"), the key for lexicons and place comparison. */
export function fold(text: string): string {
  // Most words are plain ASCII: skip the normalization, which dominated the stage's profile.
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) > 127)
      return text
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
  return text.toLowerCase();
}

const pieceRe = /\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\d]/gu;

/** Abbreviations whose period does not end a sentence ("Oct. 29", "Dr. Condori", "a.m."). */
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'drs',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cpt',
  'gov',
  'sen',
  'rep',
  'st',
  'sr',
  'sra',
  'srta',
  'jr',
  'prof',
  'ret',
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
  'ene',
  'abr',
  'ago',
  'dic',
  'no',
  'nos',
  'nro',
  'num',
  'p',
  'pp',
  'pag',
  'vol',
  'art',
  'fig',
  'inc',
  'corp',
  'co',
  'ltd',
  'av',
  'avda',
  'u',
  's',
  'a',
  'm',
  'vs',
  'etc',
  'approx',
  'est',
]);

const clauseBreak = new Set([',', ';', ':', '(', ')', '—', '–', '[', ']', '“', '”', '"', '«', '»', '|']);

/** Scans `text` into pieces with sentence and clause indices; never throws. */
export function scanPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let sentence = 0;
  let clause = 0;
  let breakNext = false;
  // exec on one regex rather than matchAll, and the kind and line breaks read from character codes: the stage scans
  // every piece of every article, and the iterator, the substrings and the small regexes were most of its scan
  const re = new RegExp(pieceRe);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const raw = m[0];
    const prev = pieces[pieces.length - 1];
    // A line break ends the sentence: titles, bylines and list lines stand alone.
    if (prev && (breakNext || newlineBetween(text, prev.end, start))) {
      sentence += 1;
      clause += 1;
      breakNext = false;
    }
    const kind = kindOf(raw);
    const piece: Piece = { start, end: start + raw.length, text: raw, key: kind === 'word' ? fold(raw) : raw, kind, sentence, clause };
    pieces.push(piece);
    if (kind === 'punct') {
      if (clauseBreak.has(raw)) clause += 1;
      if (raw === '.' || raw === '!' || raw === '?') {
        const after = text.slice(piece.end, piece.end + 3);
        const before = prev && prev.end === start ? prev : undefined;
        const abbrev = raw === '.' && before && before.kind === 'word' && (abbreviations.has(before.key) || (before.text.length === 1 && /\p{Lu}/u.test(before.text)));
        if (/^\s+["“'‘(]?[\p{Lu}\d¿¡]/u.test(after) || /^\s*$/.test(after) || /^["”’]/.test(after)) {
          if (!abbrev || /^\s*\n/.test(after)) breakNext = true;
        }
      }
    }
  }
  return pieces;
}

/** Whether text[from, to) holds a line feed. */
function newlineBetween(text: string, from: number, to: number): boolean {
  const at = text.indexOf('\n', from);
  return at >= 0 && at < to;
}

/** The kind of a piece `pieceRe` matched: a number starts with a digit, a word with a letter or mark, the rest is punctuation. */
function kindOf(raw: string): Piece['kind'] {
  const c = raw.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'num';
  // in ASCII the letters are A–Z and a–z, and there are no marks
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 'word' : 'punct';
  return /^[\p{L}\p{M}]/u.test(raw) ? 'word' : 'punct';
}

/** True when piece `a` ends where piece `b` begins (no space between them). */
export function touching(a: Piece | undefined, b: Piece | undefined): boolean {
  return !!a && !!b && a.end === b.start;
}
