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
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
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

/** The set of hashed word shingles of a text (a text shorter than one shingle is one shingle). */
export function shingles(text: string, size: number = SHINGLE): Set<number> {
  const words = shingleWords(text);
  const out = new Set<number>();
  if (words.length === 0) return out;
  // Hash each word once, then chain the hashes of each window: no string is built per shingle.
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a(words[i]!);
  const width = Math.min(size, words.length);
  for (let i = 0; i + width <= words.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < width; k++) h = mix(Math.imul(h, 0x01000193) ^ hashes[i + k]!);
    out.add(h);
  }
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
