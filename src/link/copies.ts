/**
 * Near-duplicate articles and paragraphs: MinHash signatures over word shingles, LSH banding for
 * blocking keys (so a new article is compared only with the articles that share a key, never with all),
 * and an exact Jaccard check on every candidate. Pure and deterministic: fixed seeds, no store access.
 */
import type { EntityMention, Timex } from '../core/doc.ts';
import { copyChanges, type FactChange } from './copy-changes.ts';
import { type ArticleMatch, type MatchArticle, matchArticle, matchArticles } from './copy-match.ts';
import { anchorKeys, paragraphKeys } from './paragraph-prints.ts';
import { jaccard, mix, shingleWords, shingles } from './shingles.ts';

/** Hash functions per signature, and how they are cut into LSH bands. */
export const HASHES = 128;
export const BANDS = 32;
export const ROWS = HASHES / BANDS;

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

export interface CopyArticle {
  id: string;
  text: string;
  /** ISO prefix; the earlier article is the original. */
  published: string | null;
  outlet: string | null;
  /** The site that carried it when that is not the outlet (an aggregator's repost). */
  via?: string | null;
  /** Its language and annotation layers, for translated copies (without them only same-language copies are found). */
  language?: string;
  timexes?: readonly Timex[] | undefined;
  entities?: readonly EntityMention[] | undefined;
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
  /** For an article-level copy: whether it is in another language, the share of it that comes from the original, its extent and why this is the original. */
  translated?: boolean;
  coverage?: number;
  extent?: { original: { start: number; end: number }; copy: { start: number; end: number }; score: number }[];
  /** Facts (figures, dates, names) the copy states differently from the original in the paragraphs they share. */
  changes?: FactChange[];
  evidence?: string[];
}

/** What choosing an original needs from a citation (see citations.ts): who cites, whom, and the article when resolved. */
export interface CitationLink {
  citing: string;
  cited: string;
  citedArticle?: string;
  /** The citing phrase in the citing article, shown as evidence. */
  span?: { start: number; end: number };
  /** `wire` for an agency credit ("(AFP)", "con información de EFE"). */
  kind?: string;
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

/**
 * Groups items by shared LSH keys and returns the candidate pairs (i < j), each once. With `extraKeys` (paragraph and
 * anchor keys), a pair sharing no whole-text band is a candidate only when it shares two of them: one is usually chance,
 * as at ingest (link-articles.ts).
 */
export function candidatePairs(signatures: readonly Uint32Array[], extraKeys?: readonly (readonly string[])[]): [number, number][] {
  const n = signatures.length;
  const bucketsOf = (keysOf: (i: number) => readonly string[]) => {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      for (const key of keysOf(i)) {
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
    }
    return buckets;
  };
  const counts = new Map<number, number>();
  const count = (buckets: Map<string, number[]>, weight: number) => {
    for (const list of buckets.values()) {
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const i = list[x]!;
          const j = list[y]!;
          const code = i < j ? i * n + j : j * n + i;
          counts.set(code, (counts.get(code) ?? 0) + weight);
        }
      }
    }
  };
  count(
    bucketsOf((i) => lshKeys(signatures[i]!)),
    2,
  );
  if (extraKeys)
    count(
      bucketsOf((i) => extraKeys[i] ?? []),
      1,
    );
  const pairs: [number, number][] = [];
  for (const [code, shared] of counts) if (shared >= 2) pairs.push([Math.floor(code / n), code % n]);
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
  const { original, copy } = orderCopy(a, b, citations);
  return [original, copy];
}

/** `chooseOriginal` with the reasons, in words a reader can check ("published 2019-11-16, the copy 2019-11-17"; "the copy credits it: \"informa el diario Opinión\""). */
export function orderCopy(a: CopyArticle, b: CopyArticle, citations: readonly CitationLink[]): { original: CopyArticle; copy: CopyArticle; evidence: string[] } {
  const pa = a.published ?? '';
  const pb = b.published ?? '';
  const cites = (x: CopyArticle, y: CopyArticle) => citations.find((c) => c.citing === x.id && (c.citedArticle === y.id || (y.outlet && sameOutlet(c.cited, y.outlet))));
  const phrase = (x: CopyArticle, c: CitationLink) => (c.span ? `"${x.text.slice(c.span.start, c.span.end).trim()}"` : c.cited);
  const credit = (original: CopyArticle, copy: CopyArticle) => {
    const c = cites(copy, original);
    return c ? [`the copy credits ${original.outlet ?? 'the original'}: ${phrase(copy, c)}`] : [];
  };
  // Both crediting one agency says where the text came from, though not which of the two ran it first.
  const wire = citations
    .filter((c) => c.kind === 'wire' && c.citing === a.id && citations.some((d) => d.kind === 'wire' && d.citing === b.id && d.cited === c.cited))
    .map((c) => `both carry the ${c.cited} wire story`)
    .sort();
  const order = (original: CopyArticle, copy: CopyArticle, evidence: string[]) => ({
    original,
    copy,
    evidence: [...evidence, ...credit(original, copy), ...wire].filter((e, i, all) => all.indexOf(e) === i),
  });
  if (pa && pb && !pa.startsWith(pb) && !pb.startsWith(pa)) return pa < pb ? order(a, b, [`published ${pa}, the copy ${pb}`]) : order(b, a, [`published ${pb}, the copy ${pa}`]);
  if (pa && !pb) return order(a, b, [`dated ${pa}; the copy is undated`]);
  if (pb && !pa) return order(b, a, [`dated ${pb}; the copy is undated`]);
  const ab = cites(a, b);
  const ba = cites(b, a);
  if (ba && !ab) return order(a, b, []);
  if (ab && !ba) return order(b, a, []);
  if (b.via && !a.via) return order(a, b, [`the copy was carried by ${b.via}`]);
  if (a.via && !b.via) return order(b, a, [`the copy was carried by ${a.via}`]);
  if (pa.length !== pb.length) return pa.length > pb.length ? order(a, b, [`dated more precisely (${pa})`]) : order(b, a, [`dated more precisely (${pb})`]);
  return a.id < b.id ? order(a, b, []) : order(b, a, []);
}

/**
 * The stored form of a match between `a` and `b` (fingerprinted as `printed`): the original chosen, the extent oriented
 * from original to copy, the share of the copy it covers, and the facts that changed.
 */
export function copyFromMatch(match: ArticleMatch, a: CopyArticle, b: CopyArticle, citations: readonly CitationLink[], printed: [MatchArticle, MatchArticle]): Copy {
  const { original, copy, evidence } = orderCopy(a, b, citations);
  const flip = original !== a;
  const [printedOriginal, printedCopy] = flip ? [printed[1], printed[0]] : printed;
  const changes = copyChanges(
    printedOriginal,
    printedCopy,
    match.links.map((l) => (flip ? { original: l.b.index, copy: l.a.index } : { original: l.a.index, copy: l.b.index })),
    match.translated,
  );
  const same = !!copy.outlet && !!original.outlet && sameOutlet(copy.outlet, original.outlet);
  const extent = match.links
    .map((l) =>
      flip
        ? { original: { start: l.b.start, end: l.b.end }, copy: { start: l.a.start, end: l.a.end }, score: l.score }
        : { original: { start: l.a.start, end: l.a.end }, copy: { start: l.b.start, end: l.b.end }, score: l.score },
    )
    .sort((x, y) => x.copy.start - y.copy.start);
  const copyWords = flip ? match.wordsA : match.wordsB;
  return {
    copy: copy.id,
    original: original.id,
    similarity: match.similarity,
    kind: same || (copy.via && !copy.outlet) ? 'repost' : 'syndicated',
    ...(match.translated ? { translated: true } : {}),
    coverage: round(copyWords > 0 ? Math.min(1, match.sharedWords / copyWords) : 0),
    extent,
    changes,
    evidence,
  };
}

export function sameOutlet(a: string, b: string): boolean {
  const f = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/[^\p{L}\p{N}]+/gu, '');
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
  const prepared: MatchArticle[] = articles.map((a) => matchArticle(a.id, { text: a.text, language: a.language ?? 'und', timexes: a.timexes, entities: a.entities }));
  const pairs = candidatePairs(
    sigs,
    prepared.map((m) => [...paragraphKeys(m.text, m.prints), ...anchorKeys(m.prints)]),
  );
  if (options.stats) options.stats.candidatePairs = pairs.length;
  const out: Copy[] = [];
  const copyPairs = new Set<string>();
  for (const [i, j] of pairs) {
    const match = matchArticles(prepared[i]!, prepared[j]!, { articleJaccard: threshold });
    if (!match) continue;
    out.push(copyFromMatch(match, articles[i]!, articles[j]!, citations, [prepared[i]!, prepared[j]!]));
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
    const ps = paragraphs(a.text)
      .map((p) => ({ ...p, set: shingles(p.text, 3), words: shingleWords(p.text).length }))
      .filter((p) => p.words >= 8);
    for (let x = 0; x < ps.length; x++) {
      for (let y = x + 1; y < ps.length; y++) {
        const [short, long] = ps[x]!.set.size <= ps[y]!.set.size ? [ps[x]!, ps[y]!] : [ps[y]!, ps[x]!];
        let inter = 0;
        for (const h of short.set) if (long.set.has(h)) inter++;
        const contained = inter / short.set.size;
        if (contained < paragraphThreshold) continue;
        const [first, second] = ps[x]!.start < ps[y]!.start ? [ps[x]!, ps[y]!] : [ps[y]!, ps[x]!];
        reported.add(`${article}:${second.start}:${article}`);
        out.push({
          copy: a.id,
          original: a.id,
          similarity: round(contained),
          kind: 'pull-quote',
          copySpan: { start: second.start, end: second.end },
          originalSpan: { start: first.start, end: first.end },
        });
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
      copy: articles[second.article]!.id,
      original: articles[first.article]!.id,
      similarity: round(sim),
      kind: 'pull-quote',
      copySpan: { start: second.start, end: second.end },
      originalSpan: { start: first.start, end: first.end },
    });
  }
  return out.sort((a, b) => a.copy.localeCompare(b.copy) || a.original.localeCompare(b.original) || (a.copySpan?.start ?? -1) - (b.copySpan?.start ?? -1));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
