/**
 * What holds across the stored articles, for the API: the claims ledger, figure groups (conflicts), copies, the
 * timeline of dated events and the entity index. Computed on the fly from the stored layers with the pure functions
 * of annotate/ and link/, and cached in process until the article count changes (enough while the store only grows;
 * incremental linking at ingest is issue 6). Entities are the ones linking stored: the list and the entity pages are
 * read from the store (`entityPage`), and every view here keys a name by the stored entity it belongs to.
 */
import type { EntityMention, EntityType, Hedge } from '../core/doc.ts';
import { type Claim, listClaims } from '../annotate/quotes/claims.ts';
import { foldName, withoutTitles } from '../link/entity-names.ts';
import { distinctPoints } from './figure-points.ts';
import type { Happening } from '../link/date-conflicts.ts';
import { type ArticleRef, entityLabels, keyOfStored } from '../analyze/read.ts';
import type { StoredDateConflict } from '../analyze/update.ts';
import { entityKey } from '../core/names.ts';
import type { CopyChange, CopyExtentPart, CopyFilter, CopyRecord, EntitySummary as StoredEntity, Repository, StoredArticle } from '../store/repository.ts';

export interface ClaimRow extends Claim {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

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
  const labels = await entityLabels(repository, conflicts.map((c) => c.entityId));
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

export type ClaimSort = 'published' | 'speaker' | 'hedge' | 'outlet';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
/** The claims filter's folding (annotate/quotes/claims.ts): also collapses white space. */
const foldClaim = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

interface ClaimEntry {
  row: ClaimRow;
  /** Folded speaker as written and as resolved. */
  speakerNames: string[];
  /** Folded names (as written and full forms) of the entities mentioned in the content. */
  about: string[];
  /** Entity key of the resolved speaker; empty when the speaker is not an entity. */
  speakerKey: string;
  /** Entity key of the speaker as resolved, else as written (what an entity page lists). */
  speakerSortKey: string;
  aboutKeys: string[];
}

/** Per article, the entity keys it mentions and, per sentence, the keys mentioned together in it. */
export interface ArticleKeys {
  keys: string[];
  sentences: string[][];
}

interface EntityEntry {
  key: string;
  names: Map<string, number>;
  aliases: Map<string, number>;
  types: Map<EntityType, number>;
  mentions: number;
  /** article id → mentions and first mention */
  articles: Map<string, { mentions: number; start: number; end: number }>;
}

function refOf(article: StoredArticle): ArticleRef {
  return { id: article.id, title: article.meta.title, outlet: article.meta.outlet, published: article.meta.published };
}

/** The mention a short form refers to, else the mention itself. */
function fullForm(entities: readonly EntityMention[], index: number): EntityMention | undefined {
  const m = entities[index];
  if (!m) return undefined;
  return m.refersTo !== undefined ? (entities[m.refersTo] ?? m) : m;
}

function mostFrequent<T>(counts: Map<T, number>): T {
  let best: T | undefined;
  let n = -1;
  for (const [value, count] of counts) {
    if (count > n) {
      best = value;
      n = count;
    }
  }
  return best!;
}

function memo<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** One snapshot of the store and what is derived from it, each part computed the first time it is asked for. */
export class Snapshot {
  readonly byId: Map<string, StoredArticle>;

  constructor(
    readonly articles: readonly StoredArticle[],
    /** The copy links stored at ingest. */
    readonly storedCopies: readonly CopyRecord[] = [],
    /** Every stored name key → its stored entity (`Repository.entityOfNames`). */
    readonly storedNames: ReadonlyMap<string, Pick<StoredEntity, 'id' | 'key' | 'name' | 'type'>> = new Map(),
    /** Per article, the stored entity of each linked mention (`Repository.mentionEntities`). */
    readonly storedMentions: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map(),
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
    for (const entity of storedNames.values()) {
      this.#storedByKey.set(keyOfStored(entity.key), entity);
      this.#keyById.set(entity.id, keyOfStored(entity.key));
    }
  }

  readonly #storedByKey = new Map<string, Pick<StoredEntity, 'id' | 'key' | 'name' | 'type'>>();
  readonly #keyById = new Map<string, string>();

  /**
   * The key of an article's mention: its stored entity's, as linking decided for that very mention (a headline run or a
   * short form joined inside its article has no stored name of its own), else the key of its full form's name.
   */
  keyOfMention(articleId: string, mention: number, fullText: string): string {
    const id = this.storedMentions.get(articleId)?.get(mention);
    return (id && this.#keyById.get(id)) || this.keyOf(fullText);
  }

  readonly #results = new Map<string, unknown>();

  /** A derived value kept for the snapshot's life under `key` (at most 200 of them; the oldest goes first). */
  cached<T>(key: string, compute: () => T): T {
    if (this.#results.has(key)) return this.#results.get(key) as T;
    const value = compute();
    if (this.#results.size >= 200) this.#results.delete(this.#results.keys().next().value!);
    this.#results.set(key, value);
    return value;
  }

  ref(id: string): ArticleRef {
    const article = this.byId.get(id);
    return article ? refOf(article) : { id, title: null, outlet: null, published: null };
  }

  /**
   * Every claim once, with what the filters look at folded ahead of time (speaker names, the names mentioned in the
   * content) and the entity keys the graph needs: filters then run over memory, not over the layers again.
   */
  readonly claimEntries = memo((): ClaimEntry[] => {
    const out: ClaimEntry[] = [];
    for (const article of this.articles) {
      const entities = article.layers.entities ?? [];
      const quotes = article.layers.quotes ?? [];
      // Unfiltered, listClaims gives one claim per attribution, in the attributions' order.
      const claims = listClaims([{ id: article.id, text: article.text, ...article.layers }]);
      claims.forEach((claim, i) => {
        const quote = quotes[i]!;
        const about = new Set<string>();
        const aboutKeys = new Set<string>();
        entities.forEach((m, k) => {
          if (!quote.content.some((c) => m.start < c.end && m.end > c.start)) return;
          const full = fullForm(entities, k)!;
          about.add(foldClaim(m.text));
          about.add(foldClaim(full.text));
          const key = this.keyOfMention(article.id, k, full.text);
          if (key) aboutKeys.add(key);
        });
        const speakerName = claim.speakerEntity ?? claim.speaker ?? '';
        out.push({
          row: { ...claim, title: article.meta.title, outlet: article.meta.outlet, published: article.meta.published },
          speakerNames: [claim.speaker, claim.speakerEntity].filter((x): x is string => x !== null).map(foldClaim),
          about: [...about],
          speakerKey: claim.speakerEntity ? this.keyOf(claim.speakerEntity) : '',
          speakerSortKey: this.keyOf(speakerName),
          aboutKeys: [...aboutKeys],
        });
      });
    }
    return out;
  });

  readonly #claimOrders = new Map<string, ClaimEntry[]>();

  /** Claims that pass the filter, sorted (ties keep article then text order). */
  claims(filter: { by?: string; about?: string; hedge?: Hedge }, sort: ClaimSort = 'published', descending = false): ClaimRow[] {
    const order = `${sort}:${descending}`;
    let sorted = this.#claimOrders.get(order);
    if (!sorted) {
      const keyOf: Record<ClaimSort, (c: ClaimRow) => string> = {
        published: (c) => c.published ?? '',
        speaker: (c) => fold(c.speakerEntity ?? c.speaker ?? ''),
        hedge: (c) => c.hedge,
        outlet: (c) => fold(c.outlet ?? ''),
      };
      const key = keyOf[sort];
      const sign = descending ? -1 : 1;
      // Rows without the value (an unattributed claim, an undated article) go last in either order.
      const compare = (a: string, b: string) => (a === '' || b === '' ? Number(a === '') - Number(b === '') : sign * a.localeCompare(b));
      sorted = this.claimEntries()
        .map((entry, index) => ({ entry, index, key: key(entry.row) }))
        .sort((a, b) => compare(a.key, b.key) || a.index - b.index)
        .map(({ entry }) => entry);
      this.#claimOrders.set(order, sorted);
    }
    const by = filter.by ? foldClaim(filter.by) : null;
    const about = filter.about ? foldClaim(filter.about) : null;
    const out: ClaimRow[] = [];
    for (const entry of sorted) {
      if (filter.hedge && entry.row.hedge !== filter.hedge) continue;
      if (by !== null && !entry.speakerNames.some((n) => n.includes(by))) continue;
      if (about !== null && !entry.about.some((n) => n.includes(about))) continue;
      out.push(entry.row);
    }
    return out;
  }

  /** Claims whose speaker resolves to each entity key, in article then text order. */
  readonly claimsBySpeaker = memo((): Map<string, ClaimRow[]> => {
    const out = new Map<string, ClaimRow[]>();
    for (const entry of this.claimEntries()) {
      if (!entry.speakerSortKey) continue;
      const list = out.get(entry.speakerSortKey);
      if (list) list.push(entry.row);
      else out.set(entry.speakerSortKey, [entry.row]);
    }
    return out;
  });

  /** Every mention counted under the key of its full form. */
  readonly entityIndex = memo((): Map<string, EntityEntry> => this.#indexEntities().index);

  /** The keys each article mentions, and those mentioned together in each of its sentences (two or more). */
  readonly articleKeys = memo((): Map<string, ArticleKeys> => this.#indexEntities().articleKeys);

  /**
   * The key a name is listed under: the key of the stored entity whose name it is (linking merged "Aurelio Cárcamo
   * Ibarra" into "Aurelio Cárcamo", and "Mr Etxeberri" is stored without its title), else its folded form.
   */
  keyOf(name: string): string {
    return this.#folded(name);
  }

  readonly #foldedNames = new Map<string, string>();

  /** The key of a name, once per distinct name: every cross-article view asks it of every mention. */
  #folded(name: string): string {
    let key = this.#foldedNames.get(name);
    if (key === undefined) {
      const folded = foldName(name);
      const stored = this.storedNames.get(folded) ?? this.storedNames.get(withoutTitles(folded));
      key = stored ? keyOfStored(stored.key) : entityKey(name);
      this.#foldedNames.set(name, key);
    }
    return key;
  }

  #indexed: { index: Map<string, EntityEntry>; articleKeys: Map<string, ArticleKeys> } | null = null;

  #indexEntities(): { index: Map<string, EntityEntry>; articleKeys: Map<string, ArticleKeys> } {
    if (this.#indexed) return this.#indexed;
    const index = new Map<string, EntityEntry>();
    const articleKeys = new Map<string, ArticleKeys>();
    for (const article of this.articles) {
      const entities = article.layers.entities ?? [];
      const sentences = article.layers.sentences ?? [];
      const keys = new Set<string>();
      const bySentence: Set<string>[] = [];
      let s = 0;
      entities.forEach((mention, i) => {
        const full = fullForm(entities, i)!;
        const key = this.keyOfMention(article.id, i, full.text);
        if (!key) return;
        keys.add(key);
        // Mentions and sentences are both sorted: one sweep finds each mention's sentence.
        while (s < sentences.length && sentences[s]!.end <= mention.start) s++;
        if (s < sentences.length && sentences[s]!.start <= mention.start) (bySentence[s] ??= new Set()).add(key);
        let entry = index.get(key);
        if (!entry) {
          entry = { key, names: new Map(), aliases: new Map(), types: new Map(), mentions: 0, articles: new Map() };
          index.set(key, entry);
        }
        entry.mentions++;
        entry.names.set(full.text, (entry.names.get(full.text) ?? 0) + 1);
        entry.aliases.set(mention.text, (entry.aliases.get(mention.text) ?? 0) + 1);
        entry.types.set(full.type, (entry.types.get(full.type) ?? 0) + 1);
        const seen = entry.articles.get(article.id);
        if (seen) seen.mentions++;
        else entry.articles.set(article.id, { mentions: 1, start: mention.start, end: mention.end });
      });
      articleKeys.set(article.id, { keys: [...keys], sentences: bySentence.filter((set) => set && set.size > 1).map((set) => [...set]) });
    }
    this.#indexed = { index, articleKeys };
    return this.#indexed;
  }

  /** Every entity's summary, most articles first, with its folded names for the `q` filter. */
  readonly #entityList = memo((): { summary: EntitySummary; names: string[] }[] =>
    [...this.entityIndex().values()]
      .map((entry) => ({ summary: this.summary(entry), names: [...new Set([...entry.aliases.keys(), ...entry.names.keys()].map(fold))] }))
      .sort((a, b) => b.summary.articles - a.summary.articles || b.summary.mentions - a.summary.mentions || a.summary.name.localeCompare(b.summary.name)),
  );

  summary(entry: EntityEntry): EntitySummary {
    // shown as the store shows it, when linking stored it
    const stored = this.#storedByKey.get(entry.key);
    if (stored) return { key: entry.key, id: stored.id, name: stored.name, type: stored.type as EntityType, mentions: entry.mentions, articles: entry.articles.size };
    return { key: entry.key, name: mostFrequent(entry.names), type: mostFrequent(entry.types), mentions: entry.mentions, articles: entry.articles.size };
  }

  /** Entities, most articles first; `q` matches the name or any alias, folded (the graph's candidates). */
  entities(filter: { type?: EntityType; q?: string }): EntitySummary[] {
    const q = filter.q ? fold(filter.q).trim() : '';
    const out: EntitySummary[] = [];
    for (const { summary, names } of this.#entityList()) {
      if (filter.type && summary.type !== filter.type) continue;
      if (q && !names.some((name) => name.includes(q))) continue;
      out.push(summary);
    }
    return out;
  }

}

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
 * store, and the claims it makes (the snapshot's ledger, keyed by the same stored entities); null when nothing has that name.
 */
export async function entityPage(repository: Repository, snapshot: Snapshot, asked: string): Promise<EntityPage | null> {
  const id = await findStoredEntity(repository, asked);
  const detail = id ? await repository.getEntity(id) : null;
  if (!detail) return null;
  const cooccurring = await repository.entityCooccurring(detail.id, 30);
  const key = keyOfStored(detail.key);
  const seen = new Map<string, { mentions: number; start: number; end: number }>();
  for (const m of detail.mentionList) {
    const first = seen.get(m.articleId);
    if (!first) seen.set(m.articleId, { mentions: 1, start: m.start, end: m.end });
    else {
      first.mentions++;
      if (m.start < first.start) Object.assign(first, { start: m.start, end: m.end });
    }
  }
  const refs = new Map((await repository.articleSummaries(detail.articleIds)).map((a) => [a.id, { id: a.id, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published }]));
  const ref = (id: string): ArticleRef => refs.get(id) ?? { id, title: null, outlet: null, published: null };
  const articleList = [...seen]
    .map(([articleId, first]) => ({ ...ref(articleId), ...first }))
    .sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id));
  const claims = snapshot.claimsBySpeaker().get(key) ?? [];
  const summary = (e: StoredEntity): EntitySummary => ({ key: keyOfStored(e.key), id: e.id, name: e.name, type: e.type as EntityType, mentions: e.mentions, articles: e.articles });
  return {
    ...summary(detail),
    aliases: detail.aliases,
    articleList: articleList.slice(0, listLimit),
    articleTotal: articleList.length,
    roles: detail.roles.slice(0, listLimit).map((r) => ({ role: r.role, text: r.text, article: ref(r.articleId), start: r.start, end: r.end })),
    cooccurring: cooccurring.map((e) => ({ ...summary(e), shared: e.shared })),
    claims: claims.slice(0, claimLimit),
    claimTotal: claims.length,
  };
}

/** A page of stored entities as the API lists them (`Repository.listEntities`: most mentioned first). */
export async function listStoredEntities(repository: Repository, filter: { type?: EntityType; q?: string; limit: number; offset: number }) {
  const page = await repository.listEntities({ ...(filter.type ? { type: filter.type } : {}), ...(filter.q ? { query: filter.q } : {}), limit: filter.limit, offset: filter.offset });
  return { ...page, items: page.items.map((e): EntitySummary => ({ key: keyOfStored(e.key), id: e.id, name: e.name, type: e.type as EntityType, mentions: e.mentions, articles: e.articles })) };
}

/**
 * A page of the copy links stored at ingest (what `quipu copies` lists, in its order), each article given as a
 * reference: reads that page and its articles' summaries, never the whole store.
 */
export async function listStoredCopies(repository: Repository, paging: CopyFilter & { limit: number; offset: number }): Promise<{ items: CopyRow[]; total: number; limit: number; offset: number }> {
  const page = await repository.pageCopies(paging);
  const summaries = await repository.articleSummaries(page.items.flatMap((c) => [c.copyId, c.originalId]));
  const byId = new Map(summaries.map((a) => [a.id, a]));
  const ref = (id: string): ArticleRef => {
    const a = byId.get(id);
    return a ? { id, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published } : { id, title: null, outlet: null, published: null };
  };
  const items = page.items.map(({ copyId, originalId, similarity, kind, ...found }): CopyRow => ({ kind: kind as CopyRow['kind'], similarity, copy: ref(copyId), original: ref(originalId), ...found }));
  return { items, total: page.total, limit: page.limit, offset: page.offset };
}


/** Reads every stored article, without its tokens (nothing across articles reads them; they are most of the memory). */
async function readAll(repository: Repository): Promise<StoredArticle[]> {
  const out: StoredArticle[] = [];
  for await (const article of repository.allArticles()) {
    const { tokens: _tokens, ...layers } = article.layers;
    out.push({ ...article, layers, sourceMap: [] });
  }
  return out;
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
        .listArticles({ limit: 1, offset: 0 })
        .then(
          (page) => {
            this.#count = page.total;
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

/**
 * The snapshot cache: rebuilt when the store's version differs from the one it was built at. Concurrent
 * requests share one build; a failed build is forgotten so the next request tries again.
 */
export class Insights {
  #cached: { version: string; snapshot: Promise<Snapshot> } | null = null;

  constructor(
    private readonly repository: Repository,
    private readonly version: StoreVersion = new StoreVersion(repository, 0),
  ) {}

  async snapshot(): Promise<Snapshot> {
    const version = await this.version.current();
    if (!this.#cached || this.#cached.version !== version) {
      const snapshot = Promise.all([readAll(this.repository), this.repository.listCopies(), this.repository.entityOfNames(), this.repository.mentionEntities()]).then(
        ([articles, copies, names, mentions]) => new Snapshot(articles, copies, names, mentions),
      );
      const cached = { version, snapshot };
      this.#cached = cached;
      snapshot.catch(() => {
        if (this.#cached === cached) this.#cached = null;
      });
    }
    return this.#cached.snapshot;
  }
}
