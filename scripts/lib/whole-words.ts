/**
 * Whole-word search for a set of words without building a regular expression from them. The synthetic bench builder
 * (scripts/lib/synthetic-store.ts) looked its renames up with a new `(?<![\p{L}\p{N}])(?:longest|…)(?![\p{L}\p{N}])`
 * pattern for every document and value, and compiling those Unicode patterns was a large share of its CPU. This finds
 * the same matches: at each place not preceded by a letter or digit (any script, a surrogate pair read as one code
 * point), the longest word that starts there and is not followed by a letter or digit; the search goes on after it.
 */

/** A letter or digit of any script: what a whole word may not touch. */
const letterOrDigit = /[\p{L}\p{N}]/u;

const isLetterOrDigit = (codePoint: number): boolean =>
  codePoint < 0x80
    ? (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a)
    : letterOrDigit.test(String.fromCodePoint(codePoint));

/** The code point that ends just before `at` (a surrogate pair whole), or -1 at the start. */
function codePointBefore(text: string, at: number): number {
  if (at === 0) return -1;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** One whole-word match: where it starts and which word it is. */
export interface WordMatch {
  index: number;
  word: string;
}

/** A set of words to find whole; built once and searched in many texts. Empty words are left out (never found). */
export class WholeWords {
  /** The words by their first code unit, longest first. */
  private readonly byFirst = new Map<number, string[]>();
  private count = 0;

  constructor(words: Iterable<string> = []) {
    for (const word of words) this.add(word);
  }

  get size(): number {
    return this.count;
  }

  add(word: string): void {
    if (word === '') return;
    const first = word.charCodeAt(0);
    const list = this.byFirst.get(first);
    if (!list) {
      this.byFirst.set(first, [word]);
      this.count++;
      return;
    }
    if (list.includes(word)) return;
    let at = list.length;
    while (at > 0 && list[at - 1]!.length < word.length) at--;
    list.splice(at, 0, word);
    this.count++;
  }

  /** Every whole-word match in `text`, left to right, none overlapping. */
  matches(text: string): WordMatch[] {
    const found: WordMatch[] = [];
    if (this.count === 0) return found;
    const length = text.length;
    let at = 0;
    while (at < length) {
      const list = this.byFirst.get(text.charCodeAt(at));
      if (list !== undefined && !isLetterOrDigit(codePointBefore(text, at))) {
        const word = list.find((w) => text.startsWith(w, at) && (at + w.length >= length || !isLetterOrDigit(text.codePointAt(at + w.length)!)));
        if (word !== undefined) {
          found.push({ index: at, word });
          at += word.length;
          continue;
        }
      }
      at++;
    }
    return found;
  }

  /** `text` with every match replaced by what `replacement` gives for its word. */
  replace(text: string, replacement: (word: string) => string): string {
    const found = this.matches(text);
    if (found.length === 0) return text;
    let out = '';
    let at = 0;
    for (const { index, word } of found) {
      out += text.slice(at, index) + replacement(word);
      at = index + word.length;
    }
    return out + text.slice(at);
  }
}
