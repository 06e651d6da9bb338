/**
 * What holds across the stored articles, for the API: the claims ledger, figure groups (conflicts), copies, the
 * timeline of dated events and the entity index. Computed on the fly from the stored layers with the pure functions
 * of annotate/ and link/, and cached in process until the article count changes (enough while the store only grows;
 * incremental linking at ingest is issue 6).
 */
import type { Doc, EntityMention, EntityType, Hedge } from '../core/doc.ts';
import { type Claim, listClaims } from '../annotate/quotes/claims.ts';
import { type Copy, findCopies } from '../link/copies.ts';
import { type FigureGroup, figureRecords, groupFigures } from '../link/figure-groups.ts';
import type { Repository, StoredArticle } from '../store/repository.ts';

/** The few article fields a row of a cross-article list carries. */
export interface ArticleRef {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
}

export interface ClaimRow extends Claim {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

export interface TimelineEvent {
  article: ArticleRef;
  date: string;
  inherited: boolean;
  /** The dated sentence: its span in the article's text and its text. */
  start: number;
  end: number;
  text: string;
  entities: { key: string; name: string; type: EntityType }[];
}

export interface EntitySummary {
  key: string;
  /** The full form seen most often. */
  name: string;
  type: EntityType;
  mentions: number;
  articles: number;
}

export interface EntityPage extends EntitySummary {
  aliases: { text: string; mentions: number }[];
  articleList: (ArticleRef & { mentions: number; start: number; end: number })[];
  roles: { role: string; text: string; article: ArticleRef; start: number; end: number }[];
  cooccurring: (EntitySummary & { shared: number })[];
  claims: ClaimRow[];
}

export interface CopyRow {
  kind: Copy['kind'];
  similarity: number;
  copy: ArticleRef;
  original: ArticleRef;
  copySpan?: { start: number; end: number };
  originalSpan?: { start: number; end: number };
}

export type ClaimSort = 'published' | 'speaker' | 'hedge' | 'outlet';

/** The folded name key of an entity's full form: case, diacritics and punctuation removed ("Etxeberri Salcedo" → `etxeberri-salcedo`). */
export function entityKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

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

  constructor(readonly articles: readonly StoredArticle[]) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  ref(id: string): ArticleRef {
    const article = this.byId.get(id);
    return article ? refOf(article) : { id, title: null, outlet: null, published: null };
  }

  /** Claims that pass the filter, sorted (ties keep article then text order). */
  claims(filter: { by?: string; about?: string; hedge?: Hedge }, sort: ClaimSort = 'published', descending = false): ClaimRow[] {
    const rows: ClaimRow[] = [];
    for (const article of this.articles) {
      for (const claim of listClaims([{ id: article.id, text: article.text, ...article.layers }], filter)) {
        rows.push({ ...claim, title: article.meta.title, outlet: article.meta.outlet, published: article.meta.published });
      }
    }
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
    return rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => compare(key(a.row), key(b.row)) || a.index - b.index)
      .map(({ row }) => row);
  }

  /** Figure groups reported by more than one article. */
  readonly figureGroups = memo((): FigureGroup[] => {
    const records = this.articles.flatMap((a) => figureRecords(asDoc(a)));
    return groupFigures(records).filter((g) => g.articles > 1);
  });

  readonly copies = memo((): CopyRow[] =>
    findCopies(this.articles.map((a) => ({ id: a.id, text: a.text, published: a.meta.published, outlet: a.meta.outlet, via: a.meta.via }))).map((c) => ({
      kind: c.kind,
      similarity: c.similarity,
      copy: this.ref(c.copy),
      original: this.ref(c.original),
      ...(c.copySpan ? { copySpan: c.copySpan } : {}),
      ...(c.originalSpan ? { originalSpan: c.originalSpan } : {}),
    })),
  );

  /** Every mention counted under the key of its full form. */
  readonly entityIndex = memo((): Map<string, EntityEntry> => {
    const index = new Map<string, EntityEntry>();
    for (const article of this.articles) {
      const entities = article.layers.entities ?? [];
      entities.forEach((mention, i) => {
        const full = fullForm(entities, i)!;
        const key = entityKey(full.text);
        if (!key) return;
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
    }
    return index;
  });

  summary(entry: EntityEntry): EntitySummary {
    return { key: entry.key, name: mostFrequent(entry.names), type: mostFrequent(entry.types), mentions: entry.mentions, articles: entry.articles.size };
  }

  /** Entities, most articles first; `q` matches the name or any alias, folded. */
  entities(filter: { type?: EntityType; q?: string }): EntitySummary[] {
    const q = filter.q ? fold(filter.q).trim() : '';
    const out: EntitySummary[] = [];
    for (const entry of this.entityIndex().values()) {
      const summary = this.summary(entry);
      if (filter.type && summary.type !== filter.type) continue;
      if (q && ![...entry.aliases.keys(), ...entry.names.keys()].some((name) => fold(name).includes(q))) continue;
      out.push(summary);
    }
    return out.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.name.localeCompare(b.name));
  }

  /** One entity: aliases, articles, roles, co-occurring entities, claims it makes; null when no mention has this key. */
  entity(key: string): EntityPage | null {
    const index = this.entityIndex();
    const entry = index.get(key);
    if (!entry) return null;
    const roles: EntityPage['roles'] = [];
    for (const id of entry.articles.keys()) {
      const article = this.byId.get(id)!;
      const entities = article.layers.entities ?? [];
      for (const role of article.layers.roles ?? []) {
        const full = fullForm(entities, role.entity);
        if (full && entityKey(full.text) === key) roles.push({ role: role.role, text: role.text, article: refOf(article), start: role.start, end: role.end });
      }
    }
    const shared = new Map<string, number>();
    for (const other of index.values()) {
      if (other.key === key) continue;
      let n = 0;
      for (const id of other.articles.keys()) if (entry.articles.has(id)) n++;
      if (n > 0) shared.set(other.key, n);
    }
    const cooccurring = [...shared]
      .map(([k, n]) => ({ ...this.summary(index.get(k)!), shared: n }))
      .sort((a, b) => b.shared - a.shared || b.mentions - a.mentions || a.name.localeCompare(b.name))
      .slice(0, 30);
    const claims = this.claims({}).filter((c) => entityKey(c.speakerEntity ?? c.speaker ?? '') === key);
    const articleList = [...entry.articles]
      .map(([id, seen]) => ({ ...this.ref(id), ...seen }))
      .sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id));
    const aliases = [...entry.aliases].map(([text, mentions]) => ({ text, mentions })).sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text));
    return { ...this.summary(entry), aliases, articleList, roles, cooccurring, claims };
  }

  /** Dated sentences across articles, by date then report date; `entity` matches whole words of an entity's key ("Etxeberri" finds ramiro-etxeberri). */
  timeline(filter: { from?: string; to?: string; entity?: string }): TimelineEvent[] {
    const wanted = filter.entity ? entityKey(filter.entity) : '';
    const out: TimelineEvent[] = [];
    for (const article of this.articles) {
      const entities = article.layers.entities ?? [];
      for (const event of article.layers.events ?? []) {
        if (filter.from && event.date.slice(0, filter.from.length) < filter.from) continue;
        if (filter.to && event.date.slice(0, filter.to.length) > filter.to) continue;
        const named = new Map<string, { key: string; name: string; type: EntityType }>();
        for (const i of event.entities) {
          const full = fullForm(entities, i);
          const key = full ? entityKey(full.text) : '';
          if (full && key && !named.has(key)) named.set(key, { key, name: full.text, type: full.type });
        }
        if (wanted && ![...named.keys()].some((k) => `-${k}-`.includes(`-${wanted}-`))) continue;
        out.push({ article: refOf(article), date: event.date, inherited: event.inherited, start: event.start, end: event.end, text: article.text.slice(event.start, event.end), entities: [...named.values()] });
      }
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || (a.article.published ?? '').localeCompare(b.article.published ?? '') || a.article.id.localeCompare(b.article.id) || a.start - b.start);
  }
}

function asDoc(article: StoredArticle): Doc {
  return { id: article.id, contentHash: article.contentHash, text: article.text, meta: article.meta, sourceMap: article.sourceMap, messages: article.messages, ...article.layers };
}

/** Reads every stored article. */
async function readAll(repository: Repository): Promise<StoredArticle[]> {
  const out: StoredArticle[] = [];
  for await (const article of repository.allArticles()) out.push(article);
  return out;
}

/**
 * The snapshot cache: rebuilt when the store's article count differs from the one it was built at. Concurrent
 * requests share one build; a failed build is forgotten so the next request tries again.
 */
export class Insights {
  #cached: { count: number; snapshot: Promise<Snapshot> } | null = null;

  constructor(private readonly repository: Repository) {}

  async snapshot(): Promise<Snapshot> {
    const count = (await this.repository.listArticles({ limit: 1, offset: 0 })).total;
    if (!this.#cached || this.#cached.count !== count) {
      const snapshot = readAll(this.repository).then((articles) => new Snapshot(articles));
      const cached = { count, snapshot };
      this.#cached = cached;
      snapshot.catch(() => {
        if (this.#cached === cached) this.#cached = null;
      });
    }
    return this.#cached.snapshot;
  }
}
