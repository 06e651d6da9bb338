/**
 * Word shingles, the unit that copies are compared by: folded words (no case, no diacritics, no punctuation),
 * hashed in overlapping runs, and exact Jaccard similarity of two sets of them. Pure and deterministic.
 */

/** Words per shingle; five keeps shared stock phrases ("according to the police") from making copies. */
export const SHINGLE = 5;

/** Folds text to the words that shingles are built from: lower case, no diacritics, no punctuation. */
export function shingleWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a cheap, well-mixed permutation of 32-bit integers. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a's offset basis and prime. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * How each character up to `FOLDED_END` folds on its own, as `shingleWords` folds it (decomposed, marks dropped, lower
 * case): its folded code unit (≥ 0), a word break, nothing (a mark), or one of `multiUnitFoldings` (`MULTI - index`).
 * Only Latin, its marks and general punctuation are tabled: there a character's folding does not depend on its
 * neighbours (the marks that canonical ordering moves are all dropped; the one contextual lower case, the Greek final
 * sigma, is outside). A text with any other character is folded the slow way, whole.
 */
const FOLDED_END = 0x2100;
const WORD_BREAK = -1;
const DROPPED = -2;
const UNTABLED = -3;
const MULTI = -4;
const multiUnitFoldings: string[] = [];
const foldedUnit: Int32Array = (() => {
  const table = new Int32Array(FOLDED_END);
  for (let c = 0; c < FOLDED_END; c++) {
    const ch = String.fromCharCode(c);
    const folded = ch
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    if ((c >= 0x0370 && c < 0x2000) || (folded === '' && !/\p{M}/u.test(ch))) table[c] = UNTABLED;
    else if (folded === '') table[c] = DROPPED;
    else if (!/[\p{L}\p{N}]/u.test(folded)) table[c] = WORD_BREAK;
    else if (!/^[\p{L}\p{N}]+$/u.test(folded)) table[c] = UNTABLED;
    else if (folded.length === 1) table[c] = folded.charCodeAt(0);
    else table[c] = MULTI - (multiUnitFoldings.push(folded) - 1);
  }
  return table;
})();

/** `wordHashes` the slow way: every word folded as a string, then hashed. */
function foldedWordHashes(text: string): Uint32Array {
  const words = shingleWords(text);
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a(words[i]!);
  return hashes;
}

/**
 * The hashes of a text's folded words, in order: what `shingles` chains into shingles. Each character is folded from a
 * table and hashed as it is read, no word string built; equal to hashing `shingleWords(text)` (checked in
 * shingles.test.ts on every character tabled and on random texts).
 */
export function wordHashes(text: string): Uint32Array {
  let hashes = new Uint32Array(Math.max(16, text.length >> 2));
  let count = 0;
  let h = FNV_BASIS;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const unit = c < FOLDED_END ? foldedUnit[c]! : UNTABLED;
    if (unit >= 0) {
      h = Math.imul(h ^ unit, FNV_PRIME);
      inWord = true;
    } else if (unit === WORD_BREAK) {
      if (!inWord) continue;
      if (count === hashes.length) {
        const larger = new Uint32Array(count * 2);
        larger.set(hashes);
        hashes = larger;
      }
      hashes[count++] = h >>> 0;
      h = FNV_BASIS;
      inWord = false;
    } else if (unit === UNTABLED) return foldedWordHashes(text);
    else if (unit !== DROPPED) {
      const folded = multiUnitFoldings[MULTI - unit]!;
      for (let k = 0; k < folded.length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
      inWord = true;
    }
  }
  if (inWord) {
    if (count === hashes.length) {
      const larger = new Uint32Array(count + 1);
      larger.set(hashes);
      hashes = larger;
    }
    hashes[count++] = h >>> 0;
  }
  return hashes.subarray(0, count);
}

/**
 * Whether `test` holds for some shingle of the words `hashes[from..to)` (each shingle as `shingles` hashes it, repeats
 * included, in order; a run shorter than one shingle is one shingle). Stops at the first that passes.
 */
export function someShingle(hashes: Uint32Array, from: number, to: number, size: number, test: (shingle: number) => boolean): boolean {
  if (to <= from) return false;
  const width = Math.min(size, to - from);
  for (let i = from; i + width <= to; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < width; k++) h = mix(Math.imul(h, 0x01000193) ^ hashes[i + k]!);
    if (test(h)) return true;
  }
  return false;
}

/** The set of hashed word shingles of a text (a text shorter than one shingle is one shingle). */
export function shingles(text: string, size: number = SHINGLE): Set<number> {
  const hashes = wordHashes(text);
  const out = new Set<number>();
  // Each word hashed once, then the hashes of each window chained: no string is built per shingle.
  someShingle(hashes, 0, hashes.length, size, (h) => {
    out.add(h);
    return false;
  });
  return out;
}

/** Exact Jaccard similarity of two shingle sets. */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
