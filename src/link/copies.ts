/**
 * Near-duplicate articles and paragraphs: MinHash signatures over word shingles, LSH banding for
 * blocking keys (so a new article is compared only with the articles that share a key, never with all),
 * and an exact Jaccard check on every candidate. Pure and deterministic: fixed seeds, no store access.
 */

/** Words per shingle; five keeps shared stock phrases ("according to the police") from making copies. */
export const SHINGLE = 5;
/** Hash functions per signature, and how they are cut into LSH bands. */
export const HASHES = 128;
export const BANDS = 32;
export const ROWS = HASHES / BANDS;

/** Folds text to the words that shingles are built from: lower case, no diacritics, no punctuation. */
export function shingleWords(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fixed seeds of the hash family (mulberry32 from a constant), so signatures are stable across runs and machines. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(HASHES);
  let a = 0x5eed1234;
  for (let i = 0; i < HASHES; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    seeds[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return seeds;
})();

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

/** MinHash signature of a text: for each of `HASHES` seeded permutations, the least permuted shingle. */
export function minhashSignature(text: string | Set<number>): Uint32Array {
  const set = typeof text === 'string' ? shingles(text) : text;
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    for (let i = 0; i < HASHES; i++) {
      // mix() inlined: this loop is where findCopies spends its time.
      let h = s ^ SEEDS[i]!;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** LSH blocking keys: one per band, `b<band>:<hash of its rows>`; two texts that share a key are candidates. */
export function lshKeys(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix(Math.imul(h, 31) ^ signature[b * ROWS + r]!);
    keys.push(`b${b}:${h.toString(36)}`);
  }
  return keys;
}

/** Estimated Jaccard similarity from two signatures: the share of equal positions. Symmetric. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** Exact Jaccard similarity of two shingle sets. */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface CopyArticle {
  id: string;
  text: string;
  /** ISO prefix; the earlier article is the original. */
  published: string | null;
  outlet: string | null;
  /** The site that carried it when that is not the outlet (an aggregator's repost). */
  via?: string | null;
}

export interface Copy {
  copy: string;
  original: string;
  /** Exact Jaccard similarity of the shingle sets (of the paragraphs, for a pull quote). */
  similarity: number;
  kind: 'syndicated' | 'repost' | 'pull-quote';
  /** For a pull quote: the repeated paragraph in the copy and where it first appears in the original. */
  copySpan?: { start: number; end: number };
  originalSpan?: { start: number; end: number };
}

/** What choosing an original needs from a citation (see citations.ts): who cites, whom, and the article when resolved. */
export interface CitationLink {
  citing: string;
  cited: string;
  citedArticle?: string;
}

export interface CopyOptions {
  /** Least exact Jaccard similarity for two articles to be copies. */
  threshold?: number;
  /** Least similarity for a paragraph to count as repeated. */
  paragraphThreshold?: number;
  /** Citations found in the articles, to choose the original when the dates do not. */
  citations?: readonly CitationLink[];
  /** Filled with how many candidate pairs the LSH blocking produced (for benchmarks and tests). */
  stats?: { candidatePairs: number; comparedParagraphPairs: number };
}

/** Groups items by shared LSH keys and returns the candidate pairs (i < j), each once. */
export function candidatePairs(signatures: readonly Uint32Array[]): [number, number][] {
  const buckets = new Map<string, number[]>();
  signatures.forEach((sig, i) => {
    for (const key of lshKeys(sig)) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = signatures.length;
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        const code = i < j ? i * n + j : j * n + i;
        if (seen.has(code)) continue;
        seen.add(code);
        pairs.push(i < j ? [i, j] : [j, i]);
      }
    }
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Paragraphs of a text with their offsets: blocks separated by blank lines (or single lines when there are none). */
export function paragraphs(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0].replace(/\s+$/, '');
    out.push({ start: m.index, end: m.index + raw.length, text: raw });
  }
  return out;
}

/** Which of two copies is the original: the earlier publication, then the one the other cites, then the one not carried by another site. */
export function chooseOriginal(a: CopyArticle, b: CopyArticle, citations: readonly CitationLink[]): [CopyArticle, CopyArticle] {
  const pa = a.published ?? '';
  const pb = b.published ?? '';
  if (pa && pb && !pa.startsWith(pb) && !pb.startsWith(pa)) return pa < pb ? [a, b] : [b, a];
  if (pa && !pb) return [a, b];
  if (pb && !pa) return [b, a];
  const cites = (x: CopyArticle, y: CopyArticle) => citations.some((c) => c.citing === x.id && (c.citedArticle === y.id || (y.outlet && sameOutlet(c.cited, y.outlet))));
  if (cites(b, a) && !cites(a, b)) return [a, b];
  if (cites(a, b) && !cites(b, a)) return [b, a];
  if (b.via && !a.via) return [a, b];
  if (a.via && !b.via) return [b, a];
  if (pa.length !== pb.length) return pa.length > pb.length ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

export function sameOutlet(a: string, b: string): boolean {
  const f = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
  return f(a) === f(b);
}

/**
 * Near-duplicate articles (`syndicated` when another outlet republishes, `repost` when the same outlet's
 * article is carried again, e.g. by an aggregator) and repeated paragraphs (`pull-quote`: a paragraph repeated
 * inside one article, or shared by two articles that are not copies of each other).
 */
export function findCopies(articles: readonly CopyArticle[], options: CopyOptions = {}): Copy[] {
  const threshold = options.threshold ?? 0.5;
  const paragraphThreshold = options.paragraphThreshold ?? 0.8;
  const citations = options.citations ?? [];
  const sets = articles.map((a) => shingles(a.text));
  const sigs = sets.map((s) => minhashSignature(s));
  const pairs = candidatePairs(sigs);
  if (options.stats) options.stats.candidatePairs = pairs.length;
  const out: Copy[] = [];
  const copyPairs = new Set<string>();
  for (const [i, j] of pairs) {
    const sim = jaccard(sets[i]!, sets[j]!);
    if (sim < threshold) continue;
    const [original, copy] = chooseOriginal(articles[i]!, articles[j]!, citations);
    const same = !!copy.outlet && !!original.outlet && sameOutlet(copy.outlet, original.outlet);
    out.push({ copy: copy.id, original: original.id, similarity: round(sim), kind: same || (copy.via && !copy.outlet) ? 'repost' : 'syndicated' });
    copyPairs.add(`${i}:${j}`);
  }

  // Paragraph level: blocking again, over paragraphs long enough to mean something.
  const paras: { article: number; start: number; end: number; set: Set<number> }[] = [];
  articles.forEach((a, article) => {
    for (const p of paragraphs(a.text)) {
      const words = shingleWords(p.text).length;
      if (words < 12) continue;
      paras.push({ article, start: p.start, end: p.end, set: shingles(p.text) });
    }
  });
  const paraPairs = candidatePairs(paras.map((p) => minhashSignature(p.set)));
  if (options.stats) options.stats.comparedParagraphPairs = paraPairs.length;
  const reported = new Set<string>();
  // Inside one article a pull quote is a short paragraph repeated from a longer one: containment, not Jaccard.
  articles.forEach((a, article) => {
    const ps = paragraphs(a.text).map((p) => ({ ...p, set: shingles(p.text, 3), words: shingleWords(p.text).length })).filter((p) => p.words >= 8);
    for (let x = 0; x < ps.length; x++) {
      for (let y = x + 1; y < ps.length; y++) {
        const [short, long] = ps[x]!.set.size <= ps[y]!.set.size ? [ps[x]!, ps[y]!] : [ps[y]!, ps[x]!];
        let inter = 0;
        for (const h of short.set) if (long.set.has(h)) inter++;
        const contained = inter / short.set.size;
        if (contained < paragraphThreshold) continue;
        const [first, second] = ps[x]!.start < ps[y]!.start ? [ps[x]!, ps[y]!] : [ps[y]!, ps[x]!];
        reported.add(`${article}:${second.start}:${article}`);
        out.push({ copy: a.id, original: a.id, similarity: round(contained), kind: 'pull-quote', copySpan: { start: second.start, end: second.end }, originalSpan: { start: first.start, end: first.end } });
      }
    }
  });
  for (const [x, y] of paraPairs) {
    const p = paras[x]!;
    const q = paras[y]!;
    if (p.article === q.article) continue;
    const [ai, aj] = p.article < q.article ? [p.article, q.article] : [q.article, p.article];
    if (p.article !== q.article && copyPairs.has(`${ai}:${aj}`)) continue;
    const sim = jaccard(p.set, q.set);
    if (sim < paragraphThreshold) continue;
    let first = p;
    let second = q;
    const [original] = chooseOriginal(articles[p.article]!, articles[q.article]!, citations);
    if (articles[q.article] === original) [first, second] = [q, p];
    const key = `${second.article}:${second.start}:${first.article}`;
    if (reported.has(key)) continue;
    reported.add(key);
    out.push({
      copy: articles[second.article]!.id, original: articles[first.article]!.id, similarity: round(sim), kind: 'pull-quote',
      copySpan: { start: second.start, end: second.end }, originalSpan: { start: first.start, end: first.end },
    });
  }
  return out.sort((a, b) => a.copy.localeCompare(b.copy) || a.original.localeCompare(b.original) || (a.copySpan?.start ?? -1) - (b.copySpan?.start ?? -1));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
