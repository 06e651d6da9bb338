/**
 * Whether two articles are copies, from their paragraph fingerprints: which paragraphs of one are in the other
 * (the extent), in the same language by shingle containment, across English and Spanish by anchors in order plus the
 * bilingual check. Pure; the candidates come from the blocking keys (link-articles.ts, copies.ts).
 */
import { bilingualOverlap } from './bilingual.ts';
import { jaccard, shingles } from './shingles.ts';
import { isNumber, type ParagraphPrint, paragraphShingles, printParagraphs, type PrintSource, translationLanguages } from './paragraph-prints.ts';

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

/** Whether `a` and `b` are copies (same language: whole or partial; English ↔ Spanish: translated), with the paragraphs they share. */
export function matchArticles(a: MatchArticle, b: MatchArticle, options: { articleJaccard?: number } = {}): ArticleMatch | null {
  const wordsA = a.prints.reduce((s, p) => s + p.words, 0);
  const wordsB = b.prints.reduce((s, p) => s + p.words, 0);
  if (a.language === b.language || !(translationLanguages as readonly string[]).includes(a.language) || !(translationLanguages as readonly string[]).includes(b.language)) {
    const links = sameLanguageLinks(a, b);
    const sharedWords = links.reduce((s, l) => s + Math.min(l.a.words, l.b.words), 0);
    const similarity = jaccard(wholeSet(a), wholeSet(b));
    const single = links.length === 1 && sharedWords >= MIN_SINGLE_WORDS && quotedShare(a.text.slice(links[0]!.a.start, links[0]!.a.end)) < 0.5;
    if (similarity >= (options.articleJaccard ?? ARTICLE_JACCARD) || (links.length >= MIN_SHARED_PARAGRAPHS && sharedWords >= MIN_SHARED_WORDS) || single) {
      return { translated: false, links, similarity: Math.round(similarity * 1000) / 1000, sharedWords, wordsA, wordsB };
    }
    return null;
  }
  const links = translatedLinks(a, b);
  if (links.length < MIN_TRANSLATED_PARAGRAPHS || Math.max(...links.map((l) => l.score)) < MIN_BEST_TRANSLATED) return null;
  return { translated: true, links, similarity: 0, sharedWords: links.reduce((s, l) => s + Math.min(l.a.words, l.b.words), 0), wordsA, wordsB };
}
