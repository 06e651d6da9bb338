/**
 * Incremental linking of a newly stored article, in one transaction under the store's linking lock: its copies
 * (compared only with the stored articles that share one of its MinHash LSH blocking keys, never with the whole
 * pile) and its entities (`link-entities.ts`).
 */
import type { Doc } from '../core/doc.ts';
import type { CopyRecord, Repository } from '../store/repository.ts';
import { linkEntities } from './link-entities.ts';
import { chooseOriginal, jaccard, lshKeys, minhashSignature, sameOutlet, shingles, similarity } from './copies.ts';

/** Estimated similarity below which a candidate is not worth an exact comparison. */
const estimateFloor = 0.35;
/** Exact Jaccard similarity of shingles from which two articles are copies. */
const copyThreshold = 0.5;
const maxCandidates = 200;

/** Links each doc's copies and entities among the stored articles; safe to call again (nothing is stored twice). */
export async function linkArticles(repository: Repository, docs: readonly Doc[]): Promise<CopyRecord[]> {
  const found: CopyRecord[] = [];
  for (const doc of docs) {
    const set = shingles(doc.text);
    const signature = minhashSignature(set);
    const keys = lshKeys(signature);
    const article = { id: doc.id, text: doc.text, published: doc.meta.published, outlet: doc.meta.outlet, via: doc.meta.via };
    const copies = await repository.linkTransaction(async (link) => {
      await link.addCopyKeys(doc.id, keys, signature);
      const out: CopyRecord[] = [];
      for (const candidate of await link.copyCandidates(keys, doc.id, maxCandidates)) {
        if (similarity(signature, candidate.signature) < estimateFloor) continue;
        const exact = jaccard(set, shingles(candidate.text));
        if (exact < copyThreshold) continue;
        const [original, copy] = chooseOriginal(candidate, article, []);
        const sameSource = !!copy.outlet && !!original.outlet && sameOutlet(copy.outlet, original.outlet);
        out.push({ copyId: copy.id, originalId: original.id, similarity: Math.round(exact * 1000) / 1000, kind: sameSource || (copy.via && !copy.outlet) ? 'repost' : 'syndicated' });
      }
      await link.addCopies(out);
      await linkEntities(link, doc);
      return out;
    });
    found.push(...copies);
  }
  return found;
}
