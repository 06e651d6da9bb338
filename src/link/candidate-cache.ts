/**
 * What linking computes about a stored candidate again and again, kept for the candidates used most recently.
 * On a pile of syndicated copies the same few hundred articles are candidates of every new one: re-shingling each
 * candidate's text and re-reading its credits for every comparison took half of the ingest (profile of 1,000 bench
 * articles: candidate shingles 22%, citations 19%). An entry is used only for the same id and the same text, so a
 * cached value is always what computing it afresh would give.
 */
import type { CopyCandidate } from '../store/repository.ts';
import { type Citation, type CitationOptions, findCitations } from './citations.ts';
import type { MatchArticle } from './copy-match.ts';
import { printParagraphs } from './paragraph-prints.ts';
import { RecentlyUsed } from './recently-used.ts';

/**
 * Candidates kept with their shingle sets (about 100 KB each for a 1,000-word article): enough for the candidates a
 * burst of copies shares, small beside the models.
 */
const keptArticles = 500;
const keptCitations = 5000;

const articles = new RecentlyUsed<MatchArticle>(keptArticles);
const citations = new RecentlyUsed<{ text: string; found: Citation[] }>(keptCitations);

/**
 * The candidate ready for matching: the same object for the same stored article, so the shingle sets copy-match.ts
 * keeps per object are computed once per candidate rather than once per comparison.
 */
export function candidateArticle(candidate: CopyCandidate): MatchArticle {
  const known = articles.get(candidate.id);
  if (known && known.text === candidate.text && known.language === candidate.language && (candidate.paragraphs === null || known.prints.length === candidate.paragraphs.length)) return known;
  const fresh: MatchArticle = {
    id: candidate.id,
    text: candidate.text,
    language: candidate.language,
    // An article stored before paragraph fingerprints has none with anchors: it can still be a same-language copy.
    prints: candidate.paragraphs ?? printParagraphs({ text: candidate.text, language: candidate.language }),
  };
  articles.set(candidate.id, fresh);
  return fresh;
}

/** `findCitations`, remembered per article, text and options (the outlets a text is read against change with the pair). */
export function citationsIn(articleId: string, text: string, options: Required<CitationOptions>): readonly Citation[] {
  const key = `${articleId}\u0000${options.ownOutlet ?? ''}\u0000${options.outlets.join('\u0001')}`;
  const known = citations.get(key);
  if (known && known.text === text) return known.found;
  const found = findCitations(articleId, text, options);
  citations.set(key, { text, found });
  return found;
}
