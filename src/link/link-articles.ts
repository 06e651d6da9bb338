/**
 * Incremental linking of a newly stored article, in one transaction under the store's linking lock: its copies
 * (compared only with the stored articles that share one of its blocking keys — whole-text MinHash bands, paragraph
 * bands, number-and-name anchor pairs that cross English and Spanish — never with the whole pile) and its entities (`link-entities.ts`).
 */
import type { Doc } from '../core/doc.ts';
import type { CandidateLimits, CopyRecord, LinkStore, RankedCandidate, Repository } from '../store/repository.ts';
import { candidateArticle, citationsIn } from './candidate-cache.ts';
import { resolveCitations } from './citations.ts';
import { type CopyArticle, copyFromMatch, lshKeys, minhashSignature, similarity } from './copies.ts';
import { type MatchArticle, matchArticles, mayMatch } from './copy-match.ts';
import { linkEntities } from './link-entities.ts';
import { anchorKeys, paragraphKeys, printParagraphs } from './paragraph-prints.ts';
import { shingles } from './shingles.ts';

/**
 * At most 200 candidates ranked; under each key, at most `perKey` stored articles read. A key that many articles carry
 * (a common name beside a common number, a boilerplate paragraph) read whole made every article's lookup grow with the
 * pile, and what it brought was chance pairs. Below `perKey` articles a key is read whole, so a pair whose shared keys
 * are each carried by at most `perKey` articles is found whichever of the two arrives last; above it, the articles of
 * lowest id under the key are read, the same ones whoever asks, so the members of a large cluster of copies still find
 * each other (the first `perKey` of them by id) as they did under the cap of 200 candidates.
 */
export const copyCandidateLimits: CandidateLimits = { candidates: 200, perKey: 32 };
/**
 * A candidate that shares a single blocking key is usually a chance collision (one anchor pair, one band): it is
 * compared only when its whole-text MinHash estimate says it may be a near copy. Partial and translated copies share
 * several keys (bands of each shared paragraph, several anchor pairs).
 */
const singleKeyFloor = 0.35;

/**
 * What runs after an article's entities are linked, in the same transaction (the analysis layer keeps its findings
 * current there): `movedEntities` are the entities whose names linking moved, on either side of the move.
 */
export type AfterLink = (link: LinkStore, doc: Readonly<Doc>, movedEntities: ReadonlySet<string>) => Promise<void>;

/**
 * Links each doc's copies and entities among the stored articles; safe to call again (nothing is stored twice).
 * `afterLink` runs inside each doc's transaction; `timings` gathers the milliseconds of copy linking per doc (benchmarks).
 */
export async function linkArticles(repository: Repository, docs: readonly Doc[], timings?: { copies: number[] }, afterLink?: AfterLink): Promise<CopyRecord[]> {
  const found: CopyRecord[] = [];
  for (const doc of docs) {
    const started = performance.now();
    const signature = minhashSignature(shingles(doc.text));
    const prints = printParagraphs({ text: doc.text, language: doc.meta.language, timexes: doc.timexes, entities: doc.entities });
    const keys = [...lshKeys(signature), ...paragraphKeys(doc.text, prints), ...anchorKeys(prints)];
    const article: CopyArticle = { id: doc.id, text: doc.text, published: doc.meta.published, outlet: doc.meta.outlet, via: doc.meta.via };
    const mine: MatchArticle = { id: doc.id, text: doc.text, language: doc.meta.language, prints };
    const copies = await repository.linkTransaction(async (link) => {
      await link.addCopyKeys(doc.id, keys, signature, prints);
      const out: CopyRecord[] = [];
      const worthComparing = (candidate: RankedCandidate) => candidate.shared >= 2 || similarity(signature, candidate.signature) >= singleKeyFloor;
      for (const candidate of await link.copyCandidates(keys, doc.id, copyCandidateLimits, worthComparing)) {
        const theirs = candidateArticle(candidate);
        if (!mayMatch(mine, theirs)) continue;
        // Compared in id order, so ties in pairing paragraphs fall the same way whichever article arrived first.
        const [x, y] = theirs.id < mine.id ? [theirs, mine] : [mine, theirs];
        const match = matchArticles(x, y);
        if (!match) continue;
        const other: CopyArticle = { id: candidate.id, text: candidate.text, published: candidate.published, outlet: candidate.outlet, via: candidate.via };
        // Credits in either text ("informa el diario Opinión", "first appeared in") decide the direction when the dates do not.
        const citations = resolveCitations(
          [
            ...citationsIn(other.id, other.text, { outlets: [doc.meta.outlet ?? ''].filter(Boolean), ownOutlet: other.outlet }),
            ...citationsIn(doc.id, doc.text, { outlets: [other.outlet ?? ''].filter(Boolean), ownOutlet: doc.meta.outlet }),
          ],
          [
            { id: other.id, outlet: other.outlet, published: other.published },
            { id: doc.id, outlet: doc.meta.outlet, published: doc.meta.published },
          ],
        );
        const c = x === theirs ? copyFromMatch(match, other, article, citations, [theirs, mine]) : copyFromMatch(match, article, other, citations, [mine, theirs]);
        out.push({
          copyId: c.copy,
          originalId: c.original,
          similarity: c.similarity,
          kind: c.kind,
          ...(c.translated ? { translated: true } : {}),
          coverage: c.coverage ?? 0,
          extent: c.extent ?? [],
          changes: c.changes ?? [],
          evidence: c.evidence ?? [],
        });
      }
      await link.addCopies(out);
      timings?.copies.push(performance.now() - started);
      const moved = new Set<string>();
      await linkEntities(trackingMoves(link, moved), doc);
      await afterLink?.(link, doc, moved);
      return out;
    });
    found.push(...copies);
  }
  return found;
}

/** `link` with every entity a merge or a moved name leaves or joins added to `moved`. */
function trackingMoves(link: LinkStore, moved: Set<string>): LinkStore {
  return {
    ...link,
    async mergeEntity(from, to) {
      moved.add(from).add(to);
      await link.mergeEntity(from, to);
    },
    async setNameEntity(nameId, entityId, attached) {
      for (const name of await link.namesById([nameId])) moved.add(name.entityId);
      moved.add(entityId);
      await link.setNameEntity(nameId, entityId, attached);
    },
  };
}
