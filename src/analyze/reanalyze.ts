/**
 * Rebuilds every stored finding from the stored articles: after an upgrade of a model or a rule (`analysisVersion`),
 * or for a store linked before the findings were kept. Articles are read a batch at a time, in id order.
 */
import { type Repository, type StoredArticle, storedDoc } from '../store/repository.ts';
import { storeCopyFacts } from './sources.ts';
import { analysisVersion, rebuildAllFindings, storeFacts } from './update.ts';

const batch = 50;

/**
 * Stores every article's facts anew, then rebuilds all findings from them. `onProgress` hears the articles done so far
 * out of the total, and `'findings'` once the rebuild of the findings starts.
 */
export async function reanalyze(repository: Repository, onProgress?: (done: number, total: number | 'findings') => void): Promise<{ articles: number }> {
  // The article and source counts are kept as articles are stored; rebuilt here with the rest.
  await repository.recountArticles();
  const { total } = await repository.listArticles({ limit: 1 });
  let after = '';
  let done = 0;
  for (;;) {
    const ids = await repository.articleIdsAfter(after, batch);
    if (ids.length === 0) break;
    const articles = (await Promise.all(ids.map((id) => repository.getArticle(id)))).filter((a): a is StoredArticle => a !== null);
    // Under the linking lock: an article linked meanwhile by another process is not half-seen.
    await repository.linkTransaction(async (link) => {
      for (const article of articles) await storeFacts(link.analysis, storedDoc(article));
      await storeCopyFacts(link.analysis, ids, analysisVersion);
    });
    done += ids.length;
    after = ids.at(-1)!;
    onProgress?.(done, Math.max(total, done));
  }
  onProgress?.(done, 'findings');
  await repository.linkTransaction((link) => rebuildAllFindings(link.analysis));
  return { articles: done };
}
