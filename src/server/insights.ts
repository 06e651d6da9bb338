/**
 * The API's views of stored findings that need a little shaping for the browser: date conflicts with their reports, an
 * entity's page, pages of entities and copies as article references. Each reads what linking and analysis stored with
 * indexed queries; nothing here holds or scans the pile. `StoreVersion` tells the answer cache when the store changed.
 */
import type { EntityType } from '../core/doc.ts';
import { type ClaimRow, entityClaims } from '../analyze/claims.ts';
import { foldName, withoutTitles } from '../link/entity-names.ts';
import { distinctPoints } from './figure-points.ts';
import type { Happening } from '../link/date-conflicts.ts';
import { type ArticleRef, entityLabels, keyOfStored } from '../analyze/read.ts';
import { entityCountKind, entityMentionsKind } from '../analyze/graph.ts';
import { compareCodePoints } from '../core/names.ts';
import type { StoredDateConflict } from '../analyze/update.ts';
import type { CopyChange, CopyExtentPart, CopyFilter, EntitySummary as StoredEntity, Repository } from '../store/repository.ts';
import type { CopyListRow, CopyPage } from '../contract/schemas.ts';

/** One person's once-only happening (an arrest, a death, a sentencing …) dated differently by different articles. */
export interface DateConflictRow {
  key: string;
  entity: { key: string; name: string; type: EntityType };
  happening: Happening;
  /** Each date given, with how many articles give it (the first 50 of them by id) and the outlets. */
  values: { date: string; articles: number; articleIds: string[]; outlets: string[] }[];
  /**
   * Each distinct report (outlet, date given, sentence) once, by report date, with how many articles carry it
   * (`repeats`: a syndicated sentence is one report many times); when more than 30, 30 spread over the report dates.
   */
  reports: { article: ArticleRef; date: string; start: number; end: number; text: string; repeats: number }[];
  /** All the reports, repeats included. */
  reportTotal: number;
}

/** Distinct reports of a date conflict shown. */
const maxDateReports = 30;

export interface EntitySummary {
  /** The folded name it is shown by, words joined by `-` ("ramiro-etxeberri"): what entity URLs carry. */
  key: string;
  /** The stored entity's id, when linking stored it. */
  id?: string;
  /** The full personal-name form written most often (the stored entity's name). */
  name: string;
  type: EntityType;
  mentions: number;
  articles: number;
}

export interface EntityPage extends EntitySummary {
  aliases: { text: string; mentions: number }[];
  articleList: (ArticleRef & { mentions: number; start: number; end: number })[];
  roles: { role: string; text: string; article: ArticleRef; start: number; end: number }[];
  /** All articles that mention it; `articleList` holds the first 100 by date. */
  articleTotal: number;
  cooccurring: (EntitySummary & { shared: number })[];
  claims: ClaimRow[];
  /** All claims it makes; `claims` holds the first 100. */
  claimTotal: number;
}

/** A stored copy link as the API lists it: the pair as article references, with what linking found about it. */
export interface CopyRow {
  kind: 'syndicated' | 'repost';
  similarity: number;
  copy: ArticleRef;
  original: ArticleRef;
  /** The copy is in another language than its original (English ↔ Spanish). */
  translated?: boolean;
  /** The share of the copy's fingerprinted words that come from the original (1 for a whole copy). */
  coverage?: number;
  /** The paragraphs of the original found in the copy, with their offsets in each. */
  extent?: CopyExtentPart[];
  /** Facts (a figure, a date, a name) the copy gives otherwise than its original in the paragraphs they share. */
  changes?: CopyChange[];
  /** Why the original is taken for the original: an earlier date, a credit or citation. */
  evidence?: string[];
}

/** Date conflicts as the API lists them: the entity as it is shown, each distinct report once with its sentence. */
export async function dateConflictRows(repository: Repository, conflicts: readonly StoredDateConflict[]): Promise<DateConflictRow[]> {
  const labels = await entityLabels(
    repository,
    conflicts.map((c) => c.entityId),
  );
  return conflicts.map((c) => {
    const entity = labels.get(c.entityId) ?? { key: c.entityId, name: c.entityId, type: 'PER' as const };
    const byReportDate = c.reports
      .map((r) => ({ article: { id: r.articleId, title: r.title, outlet: r.outlet, published: r.published }, date: r.date, start: r.start, end: r.end, text: r.text, repeats: 1 }))
      .sort((a, b) => (a.article.published ?? '').localeCompare(b.article.published ?? '') || a.article.id.localeCompare(b.article.id) || a.start - b.start);
    return {
      key: `${entity.key}:${c.happening}`,
      entity,
      happening: c.happening,
      values: c.values.map((v) => ({ date: v.date, articles: v.articleIds.length, articleIds: v.articleIds.slice(0, 50), outlets: v.outlets })),
      // one report per outlet, date given and sentence (the first by report date)
      reports: distinctPoints(byReportDate, (r) => `${r.article.outlet}\u0000${r.date}\u0000${r.text}`, maxDateReports),
      reportTotal: c.reports.length,
    };
  });
}

/** How many articles and roles an entity page lists. */
const listLimit = 100;
/** How many claims an entity page lists, in full (they are long); the claims ledger filtered by speaker pages through all. */
const claimLimit = 25;

/** The stored entity a URL names: its id, or any name or key of it (accents, case, titles and `-` ignored). */
export async function findStoredEntity(repository: Repository, asked: string): Promise<string | null> {
  if (/^[0-9a-f]{16}$/.test(asked) && (await repository.entityIdsWithPrefix(asked, 1))[0] === asked) return asked;
  const key = foldName(asked);
  if (!key) return null;
  // A key names one stored name, and a name belongs to one entity: a merged-away key answers with the person it joined.
  const [id] = await repository.entitiesNamed(key);
  return id ?? (await repository.entitiesNamed(withoutTitles(key)))[0] ?? null;
}

/**
 * One stored entity's page: aliases, articles (the first `listLimit` by date), roles, co-occurring entities from the
 * store, and the claims it makes (the stored ledger, analyze/claims.ts); null when nothing has that name. Read in
 * pieces bounded by the page's lists (its first articles by date along each name's mentions, its aliases from the
 * counted forms, its counts from the findings kept at ingest), never from every mention of a much-named entity; a store
 * not analysed since it was linked (no counts kept) is read as before.
 */
export async function entityPage(repository: Repository, asked: string): Promise<EntityPage | null> {
  const id = await findStoredEntity(repository, asked);
  if (!id) return null;
  const counted = (await repository.findingsWithKeys(entityCountKind, [id])).get(id);
  if (!counted) return entityPageFromMentions(repository, id);
  const { mentions, articles } = JSON.parse(counted.data) as { mentions: number; articles: number };
  const [shown, firsts, aliases, roles, cooccurring, claims] = await Promise.all([
    repository.entityNames([id]),
    repository.entityArticlesByDate(id, listLimit),
    repository.entityAliases(id),
    repository.entityRoles(id, listLimit),
    cooccurringEntities(repository, id, 30),
    entityClaims(repository, id, claimLimit),
  ]);
  const e = shown.get(id);
  if (!e) return null;
  const refs = new Map((await repository.articleRefs([...new Set([...firsts.map((a) => a.articleId), ...roles.map((r) => r.articleId)])])).map((a) => [a.id, a]));
  const ref = (articleId: string): ArticleRef => refs.get(articleId) ?? { id: articleId, title: null, outlet: null, published: null };
  return {
    key: keyOfStored(e.key),
    id,
    name: e.name,
    type: e.type as EntityType,
    mentions,
    articles,
    aliases,
    articleList: firsts.map((a) => ({ ...ref(a.articleId), mentions: a.mentions, start: a.start, end: a.end })).sort(byDate),
    articleTotal: articles,
    roles: roles.map((r) => ({ role: r.role, text: r.text, article: ref(r.articleId), start: r.start, end: r.end })),
    cooccurring: cooccurring.map((c) => ({ ...entitySummary(c), shared: c.shared })),
    ...claims,
  };
}

/** The article list's order: undated first, then by date and id. */
const byDate = (a: ArticleRef, b: ArticleRef) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id);

const entitySummary = (e: StoredEntity): EntitySummary => ({ key: keyOfStored(e.key), id: e.id, name: e.name, type: e.type as EntityType, mentions: e.mentions, articles: e.articles });

/** `entityPage` from every mention of the entity: for a store whose entities' counts are not kept. */
export async function entityPageFromMentions(repository: Repository, id: string): Promise<EntityPage | null> {
  const detail = await repository.getEntity(id);
  if (!detail) return null;
  const cooccurring = await cooccurringEntities(repository, detail.id, 30);
  const seen = new Map<string, { mentions: number; start: number; end: number }>();
  for (const m of detail.mentionList) {
    const first = seen.get(m.articleId);
    if (!first) seen.set(m.articleId, { mentions: 1, start: m.start, end: m.end });
    else {
      first.mentions++;
      if (m.start < first.start) Object.assign(first, { start: m.start, end: m.end });
    }
  }
  const refs = new Map((await repository.articleRefs(detail.articleIds)).map((a) => [a.id, a]));
  const ref = (articleId: string): ArticleRef => refs.get(articleId) ?? { id: articleId, title: null, outlet: null, published: null };
  const articleList = [...seen].map(([articleId, first]) => ({ ...ref(articleId), ...first })).sort(byDate);
  return {
    ...entitySummary(detail),
    aliases: detail.aliases,
    articleList: articleList.slice(0, listLimit),
    articleTotal: articleList.length,
    roles: detail.roles.slice(0, listLimit).map((r) => ({ role: r.role, text: r.text, article: ref(r.articleId), start: r.start, end: r.end })),
    cooccurring: cooccurring.map((e) => ({ ...entitySummary(e), shared: e.shared })),
    ...(await entityClaims(repository, detail.id, claimLimit)),
  };
}

/**
 * The entities named in the most articles that also name entity `id` (`Repository.entityCooccurring`), their counts read
 * from the findings kept at ingest rather than counted from the mentions of each (entities that share articles with a
 * much-named one are much named too); when one has none (a store not analysed since it was linked), counted as before.
 */
async function cooccurringEntities(repository: Repository, id: string, limit: number): Promise<(StoredEntity & { shared: number })[]> {
  const rows = await repository.entitiesSharingArticles(id, limit);
  const counts = await repository.findingsWithKeys(
    entityCountKind,
    rows.map((r) => r.id),
  );
  if (counts.size < rows.length) return repository.entityCooccurring(id, limit);
  const byId = new Map([...counts].map(([key, f]) => [key, JSON.parse(f.data) as { mentions: number; articles: number }]));
  const names = await repository.entityNames(rows.map((r) => r.id));
  return rows
    .map((r) => {
      const e = names.get(r.id)!;
      const c = byId.get(r.id)!;
      return { id: r.id, name: e.name, key: e.key, type: e.type, mentions: c.mentions, articles: c.articles, shared: r.shared };
    })
    .sort((a, b) => b.shared - a.shared || b.mentions - a.mentions || compareCodePoints(a.name, b.name));
}

/**
 * A page of stored entities as the API lists them (`Repository.listEntities`: most mentioned first, then by id). Without
 * a name to look for, the page is read along the counts kept at ingest (`entityMentionsKind`, its type the verdict) and
 * only its entities' names are looked up: grouping every name of the pile made the first page cost as much as the pile.
 */
export async function listStoredEntities(repository: Repository, filter: { type?: EntityType; q?: string; limit: number; offset: number }) {
  if (filter.q) {
    const page = await repository.listEntities({ ...(filter.type ? { type: filter.type } : {}), query: filter.q, limit: filter.limit, offset: filter.offset });
    return { ...page, items: page.items.map((e): EntitySummary => ({ key: keyOfStored(e.key), id: e.id, name: e.name, type: e.type as EntityType, mentions: e.mentions, articles: e.articles })) };
  }
  const page = await repository.pageFindings({ kind: entityMentionsKind, ...(filter.type ? { verdict: filter.type } : {}), order: 'rank', limit: filter.limit, offset: filter.offset });
  const names = await repository.entityNames(page.items.map((f) => f.key));
  const items = page.items.map((f): EntitySummary => {
    const { mentions, articles } = JSON.parse(f.data) as { mentions: number; articles: number };
    const e = names.get(f.key);
    return { key: keyOfStored(e?.key ?? f.key), id: f.key, name: e?.name ?? f.key, type: (e?.type ?? f.verdict ?? 'MISC') as EntityType, mentions, articles };
  });
  return { items, total: page.total, limit: page.limit, offset: page.offset };
}

/**
 * A page of the copy links stored at ingest (what `quipu copies` lists, in its order), each article given as a
 * reference: reads that page and its articles' summaries, never the whole store.
 */
export async function listStoredCopies(
  repository: Repository,
  paging: CopyFilter & { limit: number; offset: number; after?: string | undefined },
): Promise<{ items: CopyRow[]; total: number; limit: number; offset: number; next?: string }> {
  const { after, ...rest } = paging;
  const [copyId, originalId] = after?.split(':') ?? [];
  const page = await repository.pageCopies({ ...rest, ...(copyId && originalId ? { after: { copyId, originalId } } : {}) });
  const summaries = await repository.articleSummaries(page.items.flatMap((c) => [c.copyId, c.originalId]));
  const byId = new Map(summaries.map((a) => [a.id, a]));
  const ref = (id: string): ArticleRef => {
    const a = byId.get(id);
    return a ? { id, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published } : { id, title: null, outlet: null, published: null };
  };
  const items = page.items.map(
    ({ copyId, originalId, similarity, kind, ...found }): CopyRow => ({ kind: kind as CopyRow['kind'], similarity, copy: ref(copyId), original: ref(originalId), ...found }),
  );
  const last = page.items.at(-1);
  // A full page may have a page after it.
  const next = last && page.items.length === page.limit ? { next: `${last.copyId}:${last.originalId}` } : {};
  return { items, total: page.total, limit: page.limit, offset: page.offset, ...next };
}

/**
 * A page of stored copy links as `/api/copies` lists them: each row counts its shared paragraphs and changed facts
 * (with the first change's note) instead of carrying them, so a page stays small; the pair route gives them all.
 */
export async function listCopyRows(repository: Repository, paging: { limit: number; offset: number; after?: string | undefined }): Promise<CopyPage> {
  const page = await listStoredCopies(repository, paging);
  return { ...page, items: page.items.map(copyListRow) };
}

/** A copy link without its extent and changes, with their counts. */
export function copyListRow({ extent, changes, ...link }: CopyRow): CopyListRow {
  return {
    ...link,
    ...(extent ? { paragraphs: extent.length } : {}),
    changeCount: changes?.length ?? 0,
    ...(changes?.[0] ? { firstChange: changes[0].note } : {}),
  };
}

/**
 * What the store holds now, as a cheap key: its article count and a local counter that `changed()` moves when this
 * process writes. The count is read again when the last read is older than `maxAgeMs`, in the background: callers get
 * the version known so far and never wait for the read (a count over a large store is not free), but for the very
 * first one. A write through this server is seen at once; one by another process (the CLI, a queue worker) within
 * about `maxAgeMs`. With `maxAgeMs` 0 every call reads and waits.
 */
export class StoreVersion {
  #count: number | null = null;
  #reading: Promise<void> | null = null;
  #readAt = -Infinity;
  #local = 0;

  constructor(
    private readonly repository: Repository,
    private readonly maxAgeMs = 1000,
  ) {}

  /** This process has written to the store. */
  changed(): void {
    this.#local++;
  }

  async current(): Promise<string> {
    if (performance.now() - this.#readAt > this.maxAgeMs && !this.#reading) {
      this.#readAt = performance.now();
      this.#reading = this.repository
        .articleCount()
        .then(
          (count) => {
            this.#count = count;
          },
          // A failed read is tried again by the next call (and the store's own error reaches whoever reads it next).
          () => {
            this.#readAt = -Infinity;
          },
        )
        .finally(() => {
          this.#reading = null;
        });
    }
    if (this.#count === null || this.maxAgeMs === 0) await this.#reading;
    return `${this.#count}:${this.#local}`;
  }
}
