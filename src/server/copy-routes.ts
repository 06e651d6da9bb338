/**
 * The API's copy routes beyond the list of copies: the facts copies changed (`/api/copy-changes`, a finding shown with the
 * conflicts: "this copy says 17 dead where its source says 12") and one pair side by side (`/api/copies/{copy}/{original}`).
 * Both read the copy links stored at ingest; nothing is recomputed.
 */
import type { Repository } from '../store/repository.ts';
import type { ArticleRef } from '../analyze/read.ts';
import type { CopyChangeRow, Page } from '../contract/schemas.ts';
import { type CopyRow, copyListRow, listStoredCopies } from './insights.ts';

/** One article of a pair: its reference, language and whole text (the client escapes it). */
export interface PairArticle extends ArticleRef {
  language: string;
  text: string;
}

/** A copy and its original, with the link between them, for reading side by side. */
export interface CopyPair {
  link: CopyRow;
  copy: PairArticle;
  original: PairArticle;
}

/**
 * A page of the copies that changed at least one fact of their original (what `quipu conflicts` lists under them), each
 * as a list row with its first change: a row's changes run to kilobytes, and the pair route gives them all.
 */
export async function listCopyChanges(repository: Repository, paging: { limit: number; offset: number }): Promise<Page<CopyChangeRow>> {
  const { next: _next, items, ...page } = await listStoredCopies(repository, { ...paging, changed: true });
  // The filter keeps only links with a change; their type does not say so.
  return { ...page, items: items.flatMap((row) => (row.changes?.[0] ? [{ ...copyListRow(row), change: row.changes[0] }] : [])) };
}

/** The copy link `copyId` → `originalId` with both articles' texts, or null when there is no such link. */
export async function copyPair(repository: Repository, copyId: string, originalId: string): Promise<CopyPair | null> {
  const [page, copy, original] = await Promise.all([listStoredCopies(repository, { limit: 1, offset: 0, copyId, originalId }), repository.getArticle(copyId), repository.getArticle(originalId)]);
  const link = page.items[0];
  if (!link || !copy || !original) return null;
  const side = (a: NonNullable<typeof copy>): PairArticle => ({ id: a.id, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published, language: a.meta.language, text: a.text });
  return { link, copy: side(copy), original: side(original) };
}
