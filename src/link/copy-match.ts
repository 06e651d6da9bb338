/**
 * Whether two articles are copies, from their paragraph fingerprints: which paragraphs of one are in the other
 * (the extent), in the same language by shingle containment, across English and Spanish by anchors in order plus the
 * bilingual check. Pure; the candidates come from the blocking keys (link-articles.ts, copies.ts).
 */
import { bilingualOverlap } from './bilingual.ts';
import { jaccard, SHINGLE, shingles, someShingle, wordHashes } from './shingles.ts';
import { isNumber, PARAGRAPH_SHINGLE, type ParagraphPrint, paragraphShingles, printParagraphs, type PrintSource, translationLanguages } from './paragraph-prints.ts';

/** An article ready for matching: its text, language and paragraph fingerprints. */
export interface MatchArticle {
  id: string;
  text: string;
  language: string;
  prints: readonly ParagraphPrint[];
}

/** A paragraph of one article found in another: offsets in each, and how close they are (containment or anchor agreement). */
export interface ParagraphLink {
  a: { start: number; end: number; words: number; index: number };
  b: { start: number; end: number; words: number; index: number };
  score: number;
}

/** Two articles found to be copies, before the original is chosen. */
export interface ArticleMatch {
  translated: boolean;
  /** Matched paragraphs, in the order of `a`. */
  links: ParagraphLink[];
  /** Exact Jaccard similarity of the whole texts' shingles (0 across languages). */
  similarity: number;
  /** Words of the matched paragraphs (the smaller side of each pair). */
  sharedWords: number;
  /** Fingerprinted words of each article (its paragraphs long enough to print). */
  wordsA: number;
  wordsB: number;
}

/** Least shingle containment for two paragraphs in one language to be the same paragraph (an edited figure or a cut clause still passes). */
export const PARAGRAPH_CONTAINMENT = 0.5;
/** Least whole-text Jaccard for two articles to be copies whatever their paragraphs (the article-level test, as before). */
export const ARTICLE_JACCARD = 0.5;
/** Looser containment for paragraphs that also share at least `MIN_SHARED_NUMBERS` numbers in order (a rewrite that keeps a list of figures). */
export const NUMBERED_CONTAINMENT = 0.25;
export const MIN_SHARED_NUMBERS = 3;
/** A partial copy: at least this many paragraphs and words shared... */
export const MIN_SHARED_PARAGRAPHS = 2;
export const MIN_SHARED_WORDS = 40;
/** ...or one paragraph of at least this many words that is not a quotation (two articles quoting one statement are not copies). */
export const MIN_SINGLE_WORDS = 25;
/** Translated paragraphs: anchors in common (in order) and bilingual overlap. */
export const MIN_ANCHORS = 2;
export const MIN_BILINGUAL = 0.3;
/** A translated copy: at least this many paragraphs aligned in order, one of them closely (two independent reports of one story, in two languages, share names, numbers and cognates too, but loosely: 0.36 at best in the samples' 04/05, 0.58 or more in realnews-dev's translations). */
export const MIN_TRANSLATED_PARAGRAPHS = 2;
export const MIN_BEST_TRANSLATED = 0.5;

/** Fingerprints an annotated article for matching. */
export function matchArticle(id: string, source: PrintSource): MatchArticle {
  return { id, text: source.text, language: source.language, prints: printParagraphs(source) };
}

const setCache = new WeakMap<MatchArticle, Set<number>[]>();
function paragraphSets(article: MatchArticle): Set<number>[] {
  let sets = setCache.get(article);
  if (!sets) {
    sets = article.prints.map((p) => paragraphShingles(article.text, p));
    setCache.set(article, sets);
  }
  return sets;
}

const wholeCache = new WeakMap<MatchArticle, Set<number>>();
function wholeSet(article: MatchArticle): Set<number> {
  let set = wholeCache.get(article);
  if (!set) {
    set = shingles(article.text);
    wholeCache.set(article, set);
  }
  return set;
}

function link(a: MatchArticle, i: number, b: MatchArticle, j: number, score: number): ParagraphLink {
  const p = a.prints[i]!;
  const q = b.prints[j]!;
  return { a: { start: p.start, end: p.end, words: p.words, index: i }, b: { start: q.start, end: q.end, words: q.words, index: j }, score: Math.round(score * 1000) / 1000 };
}

/** Pairs paragraphs greedily by score, each paragraph used once. */
function greedy(scored: { i: number; j: number; score: number }[]): { i: number; j: number; score: number }[] {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: { i: number; j: number; score: number }[] = [];
  for (const s of scored.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j)) {
    if (usedA.has(s.i) || usedB.has(s.j)) continue;
    usedA.add(s.i);
    usedB.add(s.j);
    out.push(s);
  }
  return out.sort((x, y) => x.i - y.i);
}

const maxParagraphsPerShingle = 64;

/** The paragraphs of `a` found in `b` (same language): shingle containment at least `PARAGRAPH_CONTAINMENT`. */
export function sameLanguageLinks(a: MatchArticle, b: MatchArticle): ParagraphLink[] {
  const setsA = paragraphSets(a);
  const setsB = paragraphSets(b);
  // An inverted index of b's shingles keeps this linear in the shingles rather than quadratic in the paragraphs.
  const where = new Map<number, number[]>();
  setsB.forEach((set, j) => {
    for (const h of set) {
      const list = where.get(h);
      if (list) list.push(j);
      else where.set(h, [j]);
    }
  });
  const scored: { i: number; j: number; score: number }[] = [];
  setsA.forEach((set, i) => {
    const hits = new Map<number, number>();
    for (const h of set) {
      const js = where.get(h);
      // A shingle in more paragraphs of b than any article repeats a phrase is boilerplate or a pathological page
      // (one paragraph 8,000 times): following it pairs every paragraph with every other, quadratic in both.
      if (!js || js.length > maxParagraphsPerShingle) continue;
      for (const j of js) hits.set(j, (hits.get(j) ?? 0) + 1);
    }
    for (const [j, n] of hits) {
      const score = n / Math.min(set.size, setsB[j]!.size);
      if (score >= PARAGRAPH_CONTAINMENT || (score >= NUMBERED_CONTAINMENT && lcs(numbers(a.prints[i]!), numbers(b.prints[j]!)) >= MIN_SHARED_NUMBERS)) scored.push({ i, j, score });
    }
  });
  return greedy(scored).map((s) => link(a, s.i, b, s.j, s.score));
}

const numbers = (p: ParagraphPrint) => p.anchors.filter(isNumber);

/** The share of a paragraph's characters inside quotation marks. */
export function quotedShare(text: string): number {
  let quoted = 0;
  for (const m of text.matchAll(/[“"«][^“”"«»]{0,2000}[”"»]/gu)) quoted += m[0].length;
  return text.length === 0 ? 0 : quoted / text.length;
}

/** Length of the longest common subsequence of two anchor lists. */
function lcs(x: readonly string[], y: readonly string[]): number {
  const row = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diag = 0;
    for (let j = 1; j <= y.length; j++) {
      const up = row[j]!;
      row[j] = x[i - 1] === y[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[y.length]!;
}

/** The paragraphs of `a` translated in `b`: anchors shared in order, a number or date among them, and the bilingual check. */
export function translatedLinks(a: MatchArticle, b: MatchArticle): ParagraphLink[] {
  const [en, es] = a.language === 'en' ? [a, b] : [b, a];
  const scored: { i: number; j: number; score: number }[] = [];
  a.prints.forEach((p, i) => {
    if (p.anchors.length < MIN_ANCHORS) return;
    b.prints.forEach((q, j) => {
      if (q.anchors.length < MIN_ANCHORS) return;
      const common = lcs(p.anchors, q.anchors);
      if (common < MIN_ANCHORS) return;
      const shared = new Set(q.anchors);
      if (!p.anchors.some((x) => isNumber(x) && shared.has(x))) return;
      const [pe, qe] = en === a ? [p, q] : [q, p];
      const lexical = bilingualOverlap(en.text.slice(pe.start, pe.end), es.text.slice(qe.start, qe.end));
      if (lexical < MIN_BILINGUAL) return;
      const anchorScore = common / Math.max(p.anchors.length, q.anchors.length);
      scored.push({ i, j, score: (anchorScore + lexical) / 2 });
    });
  });
  // A translation keeps the order of its paragraphs: keep the longest chain increasing on both sides.
  const pairs = greedy(scored);
  const best: number[] = pairs.map(() => 1);
  const prev: number[] = pairs.map(() => -1);
  for (let x = 0; x < pairs.length; x++) {
    for (let y = 0; y < x; y++) {
      if (pairs[y]!.j < pairs[x]!.j && best[y]! + 1 > best[x]!) {
        best[x] = best[y]! + 1;
        prev[x] = y;
      }
    }
  }
  let end = best.indexOf(Math.max(0, ...best));
  const chain: { i: number; j: number; score: number }[] = [];
  while (end >= 0) {
    chain.unshift(pairs[end]!);
    end = prev[end]!;
  }
  return chain.map((s) => link(a, s.i, b, s.j, s.score));
}

/** Whether two articles are compared word for word (same language, or a language the bilingual check does not know) rather than as translations. */
function sameLanguageBranch(a: MatchArticle, b: MatchArticle): boolean {
  return a.language === b.language || !(translationLanguages as readonly string[]).includes(a.language) || !(translationLanguages as readonly string[]).includes(b.language);
}

const paragraphIndexCache = new WeakMap<MatchArticle, Map<number, number[]>>();
/** Which of an article's paragraphs hold each of their shingles. */
function paragraphIndex(article: MatchArticle): Map<number, number[]> {
  let index = paragraphIndexCache.get(article);
  if (!index) {
    index = new Map<number, number[]>();
    for (const [i, set] of paragraphSets(article).entries()) {
      for (const h of set) {
        const list = index.get(h);
        if (list) list.push(i);
        else index.set(h, [i]);
      }
    }
    paragraphIndexCache.set(article, index);
  }
  return index;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Whether a paragraph's edges are line edges: only white space between it and the line break (or the end of the text)
 * on either side, as `copyParagraphs` cuts them. Folding a text (canonical decomposition, marks dropped, lower case)
 * never reaches across a line break (a starter, neither cased nor case-ignorable), and no word holds white space, so
 * the words of such a paragraph are the words of the whole text between its edges.
 */
function lineEdges(text: string, p: { start: number; end: number }): boolean {
  let i = p.start - 1;
  while (i >= 0 && text[i] !== '\n' && isSpace(text[i])) i--;
  if (i >= 0 && text[i] !== '\n') return false;
  let j = p.end;
  while (j < text.length && text[j] !== '\n' && isSpace(text[j])) j++;
  return j >= text.length || text[j] === '\n';
}

/**
 * The folded words of a text, hashed, with where each printed paragraph's words are among them: each paragraph and
 * each stretch between paragraphs folded on its own, so the text is folded once, not once whole and again paragraph
 * by paragraph. Null when a paragraph is not cut at line edges (`lineEdges`).
 */
export function printedWords(article: MatchArticle): { hashes: Uint32Array; ranges: [number, number][] } | null {
  const parts: Uint32Array[] = [];
  const ranges: [number, number][] = [];
  let at = 0;
  let words = 0;
  for (const p of article.prints) {
    if (p.start < at || p.end < p.start || !lineEdges(article.text, p)) return null;
    const before = wordHashes(article.text.slice(at, p.start));
    const own = wordHashes(article.text.slice(p.start, p.end));
    parts.push(before, own);
    words += before.length;
    ranges.push([words, words + own.length]);
    words += own.length;
    at = p.end;
  }
  parts.push(wordHashes(article.text.slice(at)));
  const hashes = new Uint32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    hashes.set(part, offset);
    offset += part.length;
  }
  return { hashes, ranges };
}

/**
 * False when `matchArticles` of `mine` and `theirs` (either way round, at the default `ARTICLE_JACCARD`) is certainly
 * null, found without building `theirs`'s shingle sets: in one language, no paragraph pair reaches the containment
 * `sameLanguageLinks` asks for (counted against `mine`'s paragraph index, so at least the score it gives), and the
 * shingles of `theirs` found in `mine` are too few for the whole texts' Jaccard to reach `ARTICLE_JACCARD` (the
 * intersection is at most those, the union at least `mine`'s). Most candidates that share two blocking keys by chance
 * (anchor pairs of a common name and a small number) end here, their text folded once and no set built.
 */
export function mayMatch(mine: MatchArticle, theirs: MatchArticle): boolean {
  // Sets already built (a candidate met again) answer exactly, and cheaper.
  if (!sameLanguageBranch(mine, theirs) || (setCache.has(theirs) && wholeCache.has(theirs))) return true;
  const words = printedWords(theirs);
  if (!words) return true;
  const index = paragraphIndex(mine);
  const sizes = paragraphSets(mine).map((set) => set.size);
  const shared = new Int32Array(sizes.length);
  let distinct = new Uint32Array(64);
  for (const [j, [from, to]] of words.ranges.entries()) {
    // The paragraph's shingle set, as a sorted list without repeats.
    let n = 0;
    someShingle(words.hashes, from, to, PARAGRAPH_SHINGLE, (h) => {
      if (n === distinct.length) {
        const larger = new Uint32Array(n * 2);
        larger.set(distinct);
        distinct = larger;
      }
      distinct[n++] = h;
      return false;
    });
    const sorted = distinct.subarray(0, n).sort();
    shared.fill(0);
    let size = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) continue;
      size++;
      for (const i of index.get(sorted[k]!) ?? []) shared[i]!++;
    }
    // At least the containment `sameLanguageLinks` scores the pair with (which may leave out a shingle too common in one article).
    for (let i = 0; i < sizes.length; i++) {
      if (shared[i] === 0) continue;
      const score = shared[i]! / Math.min(sizes[i]!, size);
      if (score >= PARAGRAPH_CONTAINMENT || (score >= NUMBERED_CONTAINMENT && lcs(numbers(mine.prints[i]!), numbers(theirs.prints[j]!)) >= MIN_SHARED_NUMBERS)) return true;
    }
  }
  const whole = wholeSet(mine);
  let found = 0;
  someShingle(words.hashes, 0, words.hashes.length, SHINGLE, (h) => {
    if (whole.has(h)) found++;
    return false;
  });
  return found >= whole.size * ARTICLE_JACCARD;
}

/**
 * Whether two paragraphs of a translation may be one: the anchor test `translatedLinks` makes before the bilingual
 * check (anchors in common in order, a number or a date among them).
 */
function anchorsAgree(p: ParagraphPrint, q: ParagraphPrint): boolean {
  if (p.anchors.length < MIN_ANCHORS || q.anchors.length < MIN_ANCHORS) return false;
  return p.anchors.some((x) => isNumber(x) && q.anchors.includes(x)) && lcs(p.anchors, q.anchors) >= MIN_ANCHORS;
}

/**
 * False when `translatedLinks` certainly chains fewer than `MIN_TRANSLATED_PARAGRAPHS` paragraphs: its chain is of
 * pairs that pass the anchor test, in order on both sides, so two such pairs in order are needed. Checked on the
 * anchors alone, before any bilingual check: candidates that share a few anchor pairs by chance mostly share them in
 * one paragraph.
 */
function mayTranslate(a: MatchArticle, b: MatchArticle): boolean {
  // For each paragraph of b, the first paragraph of a that agrees with it; two pairs in order exist when a later
  // paragraph of b agrees with a paragraph of a after the earliest first agreement of the paragraphs before it.
  let earliest = Number.POSITIVE_INFINITY;
  for (const q of b.prints) {
    let first = -1;
    for (let i = 0; i < a.prints.length; i++) {
      if (i > earliest && anchorsAgree(a.prints[i]!, q)) return true;
      if (first < 0 && i <= earliest && anchorsAgree(a.prints[i]!, q)) first = i;
    }
    if (first >= 0) earliest = Math.min(earliest, first);
  }
  return false;
}

/** Whether `a` and `b` are copies (same language: whole or partial; English ↔ Spanish: translated), with the paragraphs they share. */
export function matchArticles(a: MatchArticle, b: MatchArticle, options: { articleJaccard?: number } = {}): ArticleMatch | null {
  const wordsA = a.prints.reduce((s, p) => s + p.words, 0);
  const wordsB = b.prints.reduce((s, p) => s + p.words, 0);
  if (sameLanguageBranch(a, b)) {
    const links = sameLanguageLinks(a, b);
    const sharedWords = links.reduce((s, l) => s + Math.min(l.a.words, l.b.words), 0);
    const similarity = jaccard(wholeSet(a), wholeSet(b));
    const single = links.length === 1 && sharedWords >= MIN_SINGLE_WORDS && quotedShare(a.text.slice(links[0]!.a.start, links[0]!.a.end)) < 0.5;
    if (similarity >= (options.articleJaccard ?? ARTICLE_JACCARD) || (links.length >= MIN_SHARED_PARAGRAPHS && sharedWords >= MIN_SHARED_WORDS) || single) {
      return { translated: false, links, similarity: Math.round(similarity * 1000) / 1000, sharedWords, wordsA, wordsB };
    }
    return null;
  }
  if (!mayTranslate(a, b)) return null;
  const links = translatedLinks(a, b);
  if (links.length < MIN_TRANSLATED_PARAGRAPHS || Math.max(...links.map((l) => l.score)) < MIN_BEST_TRANSLATED) return null;
  return { translated: true, links, similarity: 0, sharedWords: links.reduce((s, l) => s + Math.min(l.a.words, l.b.words), 0), wordsA, wordsB };
}
