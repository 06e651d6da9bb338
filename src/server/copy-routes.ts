/**
 * The API's copy routes beyond the list of copies: the facts copies changed (`/api/copy-changes`, a finding shown with the
 * conflicts: "this copy says 17 dead where its source says 12") and one pair side by side (`/api/copies/{copy}/{original}`).
 * Both read the copy links stored at ingest; nothing is recomputed.
 */
import type { Context, Hono } from 'hono';
import type { Repository } from '../store/repository.ts';
import { ApiError } from './http-error.ts';
import type { ArticleRef } from '../analyze/read.ts';
import { type CopyRow, listStoredCopies } from './insights.ts';
import { readPaging } from './params.ts';

/** Answers a GET from the app's cache while the store is unchanged (app.ts's `cachedJson`). */
type CachedJson = (c: Context, compute: () => Promise<unknown>) => Promise<Response>;

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

/** A page of the copies that changed at least one fact of their original, each with its changes (what `quipu conflicts` lists under them). */
export function listCopyChanges(repository: Repository, paging: { limit: number; offset: number }) {
  return listStoredCopies(repository, { ...paging, changed: true });
}

/** The copy link `copyId` → `originalId` with both articles' texts, or null when there is no such link. */
export async function copyPair(repository: Repository, copyId: string, originalId: string): Promise<CopyPair | null> {
  const [page, copy, original] = await Promise.all([listStoredCopies(repository, { limit: 1, offset: 0, copyId, originalId }), repository.getArticle(copyId), repository.getArticle(originalId)]);
  const link = page.items[0];
  if (!link || !copy || !original) return null;
  const side = (a: NonNullable<typeof copy>): PairArticle => ({ id: a.id, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published, language: a.meta.language, text: a.text });
  return { link, copy: side(copy), original: side(original) };
}

/**
 * Adds the copy routes to `app`. `list` caches small answers; `document` is the cache for answers that carry whole
 * article texts (fewer of them are kept).
 */
export function copyRoutes(app: Hono, repository: Repository, cache: { list: CachedJson; document: CachedJson }): void {
  app.get('/api/copy-changes', (c) => cache.list(c, () => listCopyChanges(repository, readPaging((name: string) => c.req.query(name), 20))));
  app.get('/api/copies/:copy/:original', (c) =>
    cache.document(c, async () => {
      const copy = c.req.param('copy');
      const original = c.req.param('original');
      const pair = copy.length <= 200 && original.length <= 200 ? await copyPair(repository, copy, original) : null;
      if (!pair) throw new ApiError(404, 'E_NOT_FOUND', 'No copy link between these two articles; see /api/copies.');
      return pair;
    }),
  );
}
