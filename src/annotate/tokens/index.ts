/**
 * tokens: a non-destructive tokenizer for English and Spanish news.
 *
 * Tokens keep exact UTF-16 offsets into `Doc.text`; whatever lies between tokens is whitespace,
 * so tokens plus gaps rebuild the text. Output follows the CoNLL conventions the tagger was
 * trained on: punctuation split off, English clitics split ("Peru's" → "Peru" "'s",
 * "don't" → "do" "n't"), hyphenated words and decimals kept whole, abbreviations keep their period.
 */
import type { Token } from '../../core/doc.ts';
import { QuipuError } from '../../core/errors.ts';
import type { Stage } from '../../core/pipeline.ts';
import { envLimit } from '../../ingest/html-scan.ts';
import { isAbbreviation } from './abbreviations.ts';

export { isAbbreviation, isTitleAbbreviation } from './abbreviations.ts';

// The alternatives are tried in order at every position; the first that matches wins.
const PATTERN = new RegExp(
  [
    // whitespace, including NBSP, BOM and zero-width spaces: a gap, never a token
    String.raw`(?<ws>[\s\u200B\u200C\u2060\u180E]+)`,
    // URLs and bare domains with a path or a common TLD
    String.raw`(?<url>(?:https?|ftp)://[^\s<>"“”‘’«»]+|www\.[^\s<>"“”‘’«»]+|[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|pe|es|mx|ar|co|cl|uk|io|info|int)\b(?:/[^\s<>"“”‘’«»]*)?)`,
    // e-mail addresses
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`,
    // social handles and hashtags
    String.raw`(?<handle>[@#][\p{L}\p{N}_]+)`,
    // dotted acronyms: "U.S.", "a.m.", "EE.UU.", "S.A."
    String.raw`(?<acronym>(?:\p{Lu}{1,2}\.){2,}|(?:\p{Ll}\.){2,})`,
    // words and numbers: letters/digits joined by inner hyphens, apostrophes, ampersands,
    // or (between digits) by . , : / — "González-Olaechea", "O'Brien", "AT&T", "5.93", "1,000", "12:30"
    String.raw`(?<word>[\p{L}\p{N}\p{M}]+(?:-(?:\p{Lu}\.){2,}|(?:[-'’&]|(?<=\p{N})[.,:/](?=\p{N}))[\p{L}\p{N}\p{M}]+)*)`,
    // multi-character punctuation
    String.raw`(?<punct>\.{2,}|-{2,}|[!?]{2,}|'')`,
    // emoji sequences (with modifiers, variation selectors and ZWJ) stay whole
    String.raw`(?<emoji>[\u{1F1E6}-\u{1F1FF}]{2}|\p{Extended_Pictographic}(?:[\u{FE0F}\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic})*)`,
    // anything else: one code point (never splits a surrogate pair)
    String.raw`(?<other>[^])`,
  ].join('|'),
  'gu',
);

const CLITIC_EN = /^(.+?)(n['’]t|['’](?:s|S|re|RE|ll|LL|ve|VE|m|M|d|D))$/u;

const STICKY = new RegExp(PATTERN.source, 'uy');

/** ASCII letters and digits, and the Latin-1 letters À-ÿ (all \p{L}, none a mark or digit). */
function isWordUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);
}

/**
 * Characters after a run of word units at which no alternative of PATTERN can go on (no URL, e-mail,
 * acronym, clitic, abbreviation period or joined number): the run is the whole token.
 * Comma is handled apart (it joins digits: "1,000").
 */
const ENDS_WORD = new Uint8Array(128);
for (const ch of ' \n\r\t"();!?[]{}') ENDS_WORD[ch.charCodeAt(0)] = 1;
/** One-character tokens that no longer alternative can start with. */
const SINGLE = new Uint8Array(128);
for (const ch of ',;:()"[]{}') SINGLE[ch.charCodeAt(0)] = 1;

/**
 * Splits raw text into tokens with exact offsets; `lang` selects abbreviation lists and clitic rules.
 * The common cases (plain words, spaces, simple punctuation) are scanned by hand; everything else goes
 * through PATTERN at that position, so the output is what PATTERN alone gives.
 */
export function tokenize(text: string, lang: string = 'en'): Token[] {
  return scan(text, lang, true);
}

/** The same tokens from PATTERN alone, without the hand-written scanner: the reference the tests compare with. */
export function tokenizeByPattern(text: string, lang: string = 'en'): Token[] {
  return scan(text, lang, false);
}

function scan(text: string, lang: string, byHand: boolean): Token[] {
  const tokens: Token[] = [];
  const english = lang !== 'es';
  const push = (start: number, end: number) => {
    if (end > start) tokens.push({ start, end, text: text.slice(start, end) });
  };
  const pattern = STICKY;
  const length = text.length;
  let pos = 0;
  while (pos < length) {
    const c = byHand ? text.charCodeAt(pos) : -1;
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      pos++;
      continue;
    }
    if (isWordUnit(c)) {
      let j = pos + 1;
      while (j < length && isWordUnit(text.charCodeAt(j))) j++;
      const d = j < length ? text.charCodeAt(j) : -1;
      if (d === -1 || (d < 128 && ENDS_WORD[d] === 1) || (d === 44 && !isDigit(text.charCodeAt(j - 1)))) {
        push(pos, j);
        pos = j;
        continue;
      }
    } else if (c >= 0 && c < 128) {
      const d = pos + 1 < length ? text.charCodeAt(pos + 1) : -1;
      if (SINGLE[c] === 1 || ((c === 33 || c === 63) && d !== 33 && d !== 63) || (c === 46 && (d === -1 || d === 32 || d === 10 || d === 13 || d === 9 || d === 34 || d === 41))) {
        push(pos, pos + 1);
        pos++;
        continue;
      }
    }
    pattern.lastIndex = pos;
    const match = pattern.exec(text)!;
    const groups = match.groups!;
    const start = pos;
    const surface = match[0];
    const end = start + surface.length;
    pos = end;
    if (groups.ws !== undefined) continue;
    if (groups.url !== undefined) {
      // a URL does not swallow the sentence's closing punctuation: "see www.x.com." → "www.x.com" "."
      const trimmed = surface.replace(/[.,;:!?)\]}'"]+$/u, '');
      push(start, start + trimmed.length);
      for (let i = start + trimmed.length; i < end; i++) push(i, i + 1);
      continue;
    }
    if (groups.word !== undefined && !surface.endsWith('.')) {
      // "Dr." "Gen." "Av." and initials ("J.") keep their period when the list says so
      if (text.charCodeAt(end) === 46 /* . */ && isAbbreviation(surface, lang, text, end + 1)) {
        push(start, end + 1);
        pos = end + 1;
        continue;
      }
      if (english) {
        const clitic = CLITIC_EN.exec(surface);
        if (clitic && /\p{L}/u.test(clitic[1]!)) {
          const cut = start + clitic[1]!.length;
          push(start, cut);
          push(cut, end);
          continue;
        }
      }
      push(start, end);
      continue;
    }
    push(start, end);
  }
  return tokens;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Tokens one article may hold: every later stage is linear in them, at 10–25 µs of CPU per token (entities, quotes and
 * figures most), so 250,000 (about a megabyte of prose) keep an article's annotation to a few seconds, while 1 MB of
 * "<" (a million one-character tokens) took 11 s. Past it the article is refused, never annotated in part.
 */
export const maxTokens = envLimit('QUIPU_MAX_TOKENS', 250_000);

/** A tokens stage that refuses, with E_TOO_COMPLEX naming the article's source, an article of more than `limit` tokens. */
export function createTokensStage(limit = maxTokens): Stage<'tokens'> {
  return {
    name: 'tokens',
    requires: [],
    assigns: ['tokens'],
    run(doc) {
      const tokens = tokenize(doc.text, doc.meta.language);
      if (tokens.length > limit) {
        const item = doc.meta.source;
        throw new QuipuError('E_TOO_COMPLEX', `${item}: ${tokens.length.toLocaleString('en')} tokens, over the limit of ${limit.toLocaleString('en')} one article may hold (QUIPU_MAX_TOKENS)`, item);
      }
      return { tokens };
    },
  };
}

/** The tokens stage: tokenizes `doc.text` by `doc.meta.language`, up to `maxTokens`. */
export const tokensStage: Stage<'tokens'> = createTokensStage();
