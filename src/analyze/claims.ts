/**
 * The claims ledger as stored analysis: each article's claims (annotate/quotes/claims.ts `listClaims`) are written in
 * its linking transaction with what the ledger filters and sorts on, and every surface (the API's ledger and entity
 * pages, `quipu claims`, the export) pages through those rows. The speaker is kept by folded name and its entity looked
 * up when read, so a merge made later by another article shows on the stored claim without rewriting it.
 */
import type { Attribution, Doc } from '../core/doc.ts';
import { SpanIndex } from '../core/span-index.ts';
import { type Claim, listClaims } from '../annotate/quotes/claims.ts';
import { compareCodePoints } from '../core/names.ts';
import { foldName, withoutTitles } from '../link/entity-names.ts';
import type { ClaimRecord, Page, Repository } from '../store/repository.ts';

/** A claim as the ledger lists it: the claim with its article's title, outlet and date. */
export interface ClaimRow extends Claim {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

/** What a stored claim's JSON holds: the ledger row, and what the export adds (the speaker's mention, the chain of carriers). */
export interface StoredClaim {
  row: ClaimRow;
  source: { text: string; kind: string; mention: number | null } | null;
  /** Who carries whom, outermost first ("Peru21" → "high-level sources"). */
  chain: string[];
}

export type ClaimSort = 'published' | 'speaker' | 'hedge' | 'outlet';

/** The sort keys' folding: case and diacritics. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
/** The filters' folding (as `listClaims` folds): also collapses white space. */
const foldTerm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Who carries an attribution, outermost first, ending with its own source. */
function chainOf(quotes: readonly Attribution[], q: Attribution): string[] {
  const chain: string[] = [];
  for (let p = q.parent, hops = 0; p !== undefined && hops < 8; p = quotes[p]?.parent, hops++) if (quotes[p]?.source) chain.unshift(quotes[p]!.source!.text);
  if (q.source) chain.push(q.source.text);
  return chain;
}

/** A claim of an article with the attribution it comes from and the layer indices of the mentions in its content (ascending). */
export interface ClaimInArticle {
  claim: Claim;
  attribution: Attribution;
  mentions: number[];
}

/**
 * An article's claims, unfiltered, each paired with its own attribution: `listClaims` skips attributions without
 * content, so its i-th claim is the i-th attribution that carries content, not `quotes[i]`. Mentions are found through
 * a span index: testing every mention against every claim took seconds on a long article of many claims.
 */
export function claimsInArticle(doc: Readonly<Doc>): readonly ClaimInArticle[] {
  // Storing an article's facts asks twice (its claim rows, its graph facts): 0.3 s of CPU each on a 1 MB article.
  const known = claimsOfDoc.get(doc);
  if (known) return known;
  const found = findClaims(doc);
  claimsOfDoc.set(doc, found);
  return found;
}

const claimsOfDoc = new WeakMap<Readonly<Doc>, readonly ClaimInArticle[]>();

function findClaims(doc: Readonly<Doc>): ClaimInArticle[] {
  const entities = doc.entities ?? [];
  const carried = (doc.quotes ?? []).filter((q) => q.content.length > 0);
  const index = new SpanIndex(entities.map((m, k) => ({ start: m.start, end: m.end, k })));
  const claims = listClaims([{ id: doc.id, text: doc.text, entities, quotes: doc.quotes ?? [], sentences: doc.sentences ?? [] }]);
  return claims.map((claim, i) => {
    const attribution = carried[i]!;
    const found = new Set<number>();
    for (const c of attribution.content) for (const m of index.overlapping(c.start, c.end)) found.add(m.k);
    return { claim, attribution, mentions: [...found].sort((a, b) => a - b) };
  });
}

/** The rows an article's claims are stored as, in the order `listClaims` gives them. Pure. */
export function claimRecords(doc: Readonly<Doc>, version: number): ClaimRecord[] {
  const entities = doc.entities ?? [];
  const quotes = doc.quotes ?? [];
  return claimsInArticle(doc).map(({ claim, attribution: q, mentions }, seq): ClaimRecord => {
    const about = new Set<string>();
    if (claim.about !== null) about.add(foldTerm(claim.about));
    for (const k of mentions) {
      const m = entities[k]!;
      about.add(foldTerm(m.text));
      const full = m.refersTo !== undefined ? entities[m.refersTo] : undefined;
      if (full) about.add(foldTerm(full.text));
    }
    const speaker = claim.speakerEntity ?? claim.speaker;
    const speakerKey = speaker ? foldName(speaker) : '';
    const row: ClaimRow = { ...claim, title: doc.meta.title, outlet: doc.meta.outlet, published: doc.meta.published };
    const stored: StoredClaim = { row, source: q.source ? { text: q.source.text, kind: q.source.kind, mention: q.source.entity ?? null } : null, chain: chainOf(quotes, q) };
    return {
      articleId: doc.id,
      seq,
      published: doc.meta.published ?? '',
      speakerSort: fold(speaker ?? ''),
      outletSort: fold(doc.meta.outlet ?? ''),
      hedge: claim.hedge,
      speakerKey,
      speakerBare: speakerKey ? withoutTitles(speakerKey) : '',
      data: JSON.stringify(stored),
      version,
      by: [claim.speaker, claim.speakerEntity].filter((x): x is string => x !== null).map(foldTerm),
      about: [...about],
    };
  });
}

/** The claims ledger filtered by speaker, by a name the content mentions, and by hedge; sorted, one page. */
export async function claimPage(
  repository: Repository,
  filter: { by?: string; about?: string; hedge?: string; sort?: ClaimSort; order?: 'asc' | 'desc'; limit: number; offset: number },
): Promise<Page<ClaimRow>> {
  const page = await repository.pageClaims({
    ...(filter.by !== undefined ? { by: foldTerm(filter.by) } : {}),
    ...(filter.about !== undefined ? { about: foldTerm(filter.about) } : {}),
    ...(filter.hedge ? { hedge: filter.hedge } : {}),
    sort: filter.sort ?? 'published',
    descending: filter.order === 'desc',
    limit: filter.limit,
    offset: filter.offset,
  });
  return { ...page, items: page.items.map((c) => (JSON.parse(c.data) as StoredClaim).row) };
}

/** The claims an entity makes (its speaker's name is one of the entity's), latest article first, the first `limit`. */
export async function entityClaims(repository: Repository, entityId: string, limit: number): Promise<{ claims: ClaimRow[]; claimTotal: number }> {
  const page = await repository.pageClaims({ speakerEntity: entityId, sort: 'published', descending: true, limit, offset: 0 });
  return { claims: page.items.map((c) => (JSON.parse(c.data) as StoredClaim).row), claimTotal: page.total };
}

/** Every stored claim by article id, then place in the article (the export's order), read a page at a time. */
export async function allStoredClaims(repository: Repository): Promise<StoredClaim[]> {
  const out: { articleId: string; seq: number; claim: StoredClaim }[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await repository.pageClaims({ sort: 'published', limit: 500, offset });
    out.push(...page.items.map((c) => ({ articleId: c.articleId, seq: c.seq, claim: JSON.parse(c.data) as StoredClaim })));
    if (offset + 500 >= page.total) break;
  }
  return out.sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq).map((c) => c.claim);
}
