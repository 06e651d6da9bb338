/**
 * The one store interface every caller uses. Engines (SQLite now, PostgreSQL later) implement it;
 * callers never see SQL, so adding an engine touches no caller.
 */
import type { ArticleMeta, Doc, DocMessage, Layers, SourceAnchor } from '../core/doc.ts';

/** Where a batch of articles came from: one raw item, stored once however many articles it holds. */
export interface SourceRecord {
  locator: string;
  kind: string;
  contentType: string;
  charset: string;
  /** The decoded raw item that every article's source map points into. */
  raw: string;
}

export interface SaveResult {
  id: string;
  status: 'inserted' | 'duplicate';
  /** For a duplicate: the id of the article already stored with the same content hash. */
  existingId?: string;
}

export interface StoredArticle {
  id: string;
  contentHash: string;
  meta: ArticleMeta;
  text: string;
  sourceMap: SourceAnchor[];
  messages: DocMessage[];
  layers: Partial<Layers>;
  ingestedAt: string;
}

/** A stored article as the doc it was stored from: its text, metadata and annotation layers. */
export function storedDoc(article: StoredArticle): Doc {
  return { id: article.id, contentHash: article.contentHash, text: article.text, meta: article.meta, sourceMap: article.sourceMap, messages: article.messages, ...article.layers };
}

export type ArticleSummary = Omit<StoredArticle, 'text' | 'sourceMap' | 'messages' | 'layers'> & { length: number };

export interface ArticleFilter {
  outlet?: string;
  language?: string;
  /** ISO prefix; articles published on or after it. */
  from?: string;
  /** ISO prefix; articles published on or before it (a prefix covers its whole period). */
  to?: string;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface SearchHit {
  article: ArticleSummary;
  score: number;
  /** A passage of the text with the matched words; `highlights` are offsets into `snippet`. */
  snippet: string;
  highlights: [number, number][];
}

export interface StoreStats {
  articles: number;
  sources: number;
  outlets: { outlet: string | null; articles: number }[];
  languages: { language: string; articles: number }[];
  published: { earliest: string | null; latest: string | null };
  characters: number;
}

/** A paragraph of the original found in the copy: its offsets in each (UTF-16, into each article's text) and how close they are. */
export interface CopyExtentPart {
  original: { start: number; end: number };
  copy: { start: number; end: number };
  score: number;
}

/** A fact that differs between a copy and its original in paragraphs they share: a figure, a date or a name. */
export interface CopyChange {
  kind: 'figure' | 'date' | 'name';
  original: { start: number; end: number; text: string };
  copy: { start: number; end: number; text: string };
  /** "this copy says nine days where its source says eleven". */
  note: string;
}

/** A copy relation between two stored articles, as linking found it. */
export interface CopyRecord {
  copyId: string;
  originalId: string;
  similarity: number;
  kind: string;
  /** True when the copy is in another language than its original (English ↔ Spanish). */
  translated?: boolean;
  /** The share of the copy's fingerprinted words that come from the original (1 for a whole copy). */
  coverage?: number;
  /** Which paragraphs of the original are in the copy (absent on links stored before paragraph fingerprints). */
  extent?: CopyExtentPart[];
  changes?: CopyChange[];
  /** Why this one is the original: earlier date, a credit or citation of the other ("informa el diario Opinión"), a wire credit. */
  evidence?: string[];
}

/** The last copy link of a page: the next page starts after it (`pageCopies`). */
export interface CopyCursor {
  copyId: string;
  originalId: string;
}

/** Which stored copy links a page holds. */
export interface CopyFilter {
  changed?: boolean;
  copyId?: string;
  originalId?: string;
}

/** A stored article that shares a blocking key with the one being linked. */
export interface CopyCandidate {
  id: string;
  signature: Uint32Array;
  text: string;
  published: string | null;
  outlet: string | null;
  via: string | null;
  language: string;
  /** Its paragraph fingerprints as stored at ingest (null for an article linked before they were stored). */
  paragraphs: StoredParagraphPrint[] | null;
  /** How many of the looked-up keys it shares. */
  shared: number;
}

/**
 * How much of the blocking-key index one article's lookup reads: at most `perKey` articles under each key (those with
 * the lowest ids, so every engine and every later lookup reads the same ones), and at most `candidates` ranked.
 */
export interface CandidateLimits {
  candidates: number;
  perKey: number;
}

/** A candidate as ranked, before its text is read: what decides whether it is worth reading. */
export type RankedCandidate = Pick<CopyCandidate, 'id' | 'shared' | 'signature'>;

/** A paragraph fingerprint as the store keeps it (link/paragraph-prints.ts computes it; the store only carries it). */
export interface StoredParagraphPrint {
  start: number;
  end: number;
  words: number;
  anchors: string[];
  /** Where each anchor starts in the text, for showing a changed figure. */
  at: number[];
}

/** A distinct name as entity linking stores it. */
export interface NameRecord {
  id: string;
  key: string;
  person: boolean;
  bare: boolean;
  entityId: string;
  mentions: number;
  personMentions: number;
  /** Role keys stated beside the name in any article. */
  roles: string[];
  /** A two-word name joined to a person by its ending alone (link-entities.ts `attachTails`). */
  attached: boolean;
}

export interface MentionRecord {
  articleId: string;
  mention: number;
  nameId: string;
  text: string;
  type: string;
  start: number;
  end: number;
}

export interface RoleRecord {
  nameId: string;
  roleKey: string;
  role: string;
  /** The role as written ("the Interior Minister"). */
  text: string;
  articleId: string;
  start: number;
  end: number;
}

/** One entity across the pile, as a list shows it. */
export interface EntitySummary {
  id: string;
  /** The name shown: the full personal-name form written most often, else the form written most often. */
  name: string;
  /** The folded name `name` was written as (a stored name key: `entitiesNamed(key)` finds the entity again). */
  key: string;
  type: string;
  mentions: number;
  articles: number;
}

export interface EntityDetail extends EntitySummary {
  aliases: { text: string; mentions: number }[];
  roles: { role: string; text: string; articleId: string; start: number; end: number }[];
  mentionList: { articleId: string; mention: number; text: string; type: string; start: number; end: number }[];
  articleIds: string[];
}

/** One fact the analysis layer keeps of one article (src/analyze decides what `kind`, `part`, `rank` and `data` hold). */
export interface FactRecord {
  articleId: string;
  kind: string;
  /** Its place among the article's facts of this kind. */
  seq: number;
  /** What a change recomputes together: the findings of one part are rebuilt from the facts of that part. */
  part: string;
  /** Orders a listing of facts (code-point order). */
  rank: string;
  /** JSON. */
  data: string;
  version: number;
}

/** One stored cross-article finding. */
export interface FindingRecord {
  kind: string;
  key: string;
  part: string;
  verdict: string | null;
  rank: string;
  /** JSON. */
  data: string;
  version: number;
}

/** Stored articles of one outlet (as stored; null when none) in one language, with their earliest and latest dates. */
export interface OutletCount {
  outlet: string | null;
  language: string;
  articles: number;
  earliest: string | null;
  latest: string | null;
}

/** Stored copies of one kind from an outlet's articles to another's, with the first pair (copy id, then original id). */
export interface CopyCount {
  from: string | null;
  to: string | null;
  kind: string;
  copies: number;
  example: { copy: string; original: string };
}

/** Which findings or facts a page lists: of one kind, optionally one verdict, one key, parts in a range or a set. */
export interface FindingQuery {
  kind: string;
  verdict?: string;
  key?: string;
  parts?: readonly string[];
  /** Ranks at or after `rankFrom`, before `rankBefore` (code-point order). */
  rankFrom?: string;
  rankBefore?: string;
  /** `key` (the default), `rank`, or `rank-desc` (ties by key, ascending). */
  order?: 'key' | 'rank' | 'rank-desc';
  limit?: number;
  offset?: number;
}

/** One claim of one article as stored (src/analyze/claims.ts decides what each column holds). */
export interface ClaimRecord {
  articleId: string;
  seq: number;
  /** Sort keys, '' when absent (such rows list last in either order). */
  published: string;
  speakerSort: string;
  outletSort: string;
  hedge: string;
  /** The speaker's folded name, and the same without titles: its entity is looked up when read. */
  speakerKey: string;
  speakerBare: string;
  /** JSON. */
  data: string;
  version: number;
  /** Folded names the `by` filter finds it by (its speaker as written and resolved). */
  by: string[];
  /** Folded names the `about` filter finds it by (the names in its content, whom a passive report is about). */
  about: string[];
}

/** Which stored claims a page lists, and in what order (ties by article id, then place in the article). */
export interface ClaimQuery {
  hedge?: string;
  /** Part of a folded name the speaker goes by. */
  by?: string;
  /** Part of a folded name the content mentions. */
  about?: string;
  /** Claims whose speaker's name belongs to this entity now. */
  speakerEntity?: string;
  sort?: 'published' | 'speaker' | 'hedge' | 'outlet';
  descending?: boolean;
  limit?: number;
  offset?: number;
}

/** What the analysis layer may do inside the linking transaction. */
export interface AnalysisStore {
  /** Replaces the article's facts of `kind`. */
  putFacts(articleId: string, kind: string, facts: readonly Omit<FactRecord, 'articleId' | 'kind'>[]): Promise<void>;
  /** The facts of `kind` in `parts`, by article id then seq. */
  factsInParts(kind: string, parts: readonly string[]): Promise<FactRecord[]>;
  /** The facts of `kind` in `parts` whose rank is at least `from` and less than `before` (an indexed range), by article id then seq. */
  factsInRankRange(kind: string, parts: readonly string[], from: string, before: string): Promise<FactRecord[]>;
  /** The article's facts of `kind`, by seq. */
  factsOfArticle(articleId: string, kind: string): Promise<FactRecord[]>;
  /** Replaces the findings of `kind` in `parts` with `findings` (each of which must lie in one of `parts`). */
  replaceFindings(kind: string, parts: readonly string[], findings: readonly FindingRecord[]): Promise<void>;
  /** Replaces the findings of `kind` with these `keys` with `findings` (each of which must have one of `keys`). */
  replaceFindingKeys(kind: string, keys: readonly string[], findings: readonly FindingRecord[]): Promise<void>;
  /** Every part the stored facts of `kind` fall in. */
  factParts(kind: string): Promise<string[]>;
  /** Removes every finding of `kind` (before a rebuild of them all). */
  clearFindings(kind: string): Promise<void>;
  /** Removes every fact of `kind` of every article (before a rebuild of them all). */
  clearFacts(kind: string): Promise<void>;
  /** Stored articles counted by outlet and language: of these pairs (an indexed count each), or (null) of every pair. */
  outletCounts(pairs: readonly Pick<OutletCount, 'outlet' | 'language'>[] | null): Promise<OutletCount[]>;
  /** The finding of `kind` under `key`, or null. */
  finding(kind: string, key: string): Promise<FindingRecord | null>;
  /** The findings of `kind` under any of `keys`, by key (keys with none are absent): one read for many `finding` calls. */
  findings(kind: string, keys: readonly string[]): Promise<Map<string, FindingRecord>>;
  /** Every part the stored findings of `kind` fall in. */
  findingParts(kind: string): Promise<string[]>;
  /** Every stored finding of `kind`, by key (for kinds kept one small row per key). */
  findingsOfKind(kind: string): Promise<FindingRecord[]>;
  /** The entity each of these name ids belongs to now. */
  entitiesOfNames(nameIds: readonly string[]): Promise<Map<string, string>>;
  /** The ids of the names of these entities. */
  namesOfEntities(entityIds: readonly string[]): Promise<string[]>;
  /** The type each of these entities is shown with (the one most of its mentions carry). */
  entityTypes(entityIds: readonly string[]): Promise<Map<string, string>>;
  /** The article's linked mentions: mention index → name id. */
  mentionNames(articleId: string): Promise<Map<number, string>>;
  /** The stored copy links with any of these articles on either side (`side`), each with both articles' outlets. */
  copyLinks(articleIds: readonly string[], side: 'copy' | 'original'): Promise<{ copyId: string; originalId: string; kind: string; copyOutlet: string | null; originalOutlet: string | null }[]>;
  /**
   * Adds the facts of `kind` whose article holds none of that kind with the same rank (each after the article's last),
   * and returns those added: a fact that names what it stands for by its rank is added once, whoever asks.
   */
  addFacts(kind: string, facts: readonly Omit<FactRecord, 'kind' | 'seq'>[]): Promise<Omit<FactRecord, 'kind' | 'seq'>[]>;
  /** Per part of the facts of `kind` in `parts`: how many facts, and the smallest rank. */
  factCounts(kind: string, parts: readonly string[]): Promise<Map<string, { facts: number; firstRank: string }>>;
  /** How many articles and linked mentions name each of these entities, or (null) every entity; those with none are left out. */
  entityCounts(entityIds: readonly string[] | null): Promise<Map<string, { articles: number; mentions: number }>>;
  /**
   * Per entity (of these, or null: every entity), the sums over its names of their mentions and of the articles each
   * name is in (an article naming two of its names counts twice): kept on the names as mentions are stored, so read
   * without counting mentions. Entities with no mention are left out.
   */
  nameTotals(entityIds: readonly string[] | null): Promise<Map<string, { mentions: number; nameArticles: number }>>;
  /** Replaces the article's stored claims. */
  putClaims(articleId: string, claims: readonly ClaimRecord[]): Promise<void>;
  /** Each article's distinct linked names (name ids, sorted); an article with none is absent. */
  namesInArticles(articleIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The articles holding facts of `kind` in any of `parts`, by id. */
  factArticles(kind: string, parts: readonly string[]): Promise<string[]>;
  /** Analysed articles that mention any of these names, by id. */
  analyzedArticlesNaming(nameIds: readonly string[]): Promise<string[]>;
  /** Names not counted under their entity now (`paired_entity`, analyze/entity-pairs.ts): moved by a merge since, or new. */
  unpairedNames(): Promise<string[]>;
  /** For each of these names, its entity now and the one its articles' pairs were counted under (null: none yet). */
  namePairing(nameIds: readonly string[]): Promise<Map<string, { entity: string; paired: string | null }>>;
  /** Records that the articles naming these names are counted under the names' entities now. */
  markNamesPaired(nameIds: readonly string[]): Promise<void>;
  /** Adds these changes to the pair counts (a pair left with no article is removed). */
  addEntityPairs(changes: readonly EntityPairCount[]): Promise<void>;
  /** Counts every analysed article's entity pairs anew and marks every name counted (a rebuild: migration 0020, `quipu reanalyze`). */
  recountEntityPairs(): Promise<void>;
  /** Labels again the entities whose forms or names changed since they were labelled (entity lists read the labels); returns how many. */
  relabelStaleEntities(): Promise<number>;
  /** The articles' facts of `kind`, by article id then seq: one read for many `factsOfArticle` calls. */
  factsOfArticles(articleIds: readonly string[], kind: string): Promise<FactRecord[]>;
  /** Which of these entities have their pairs kept (`paired_entities`, schema.ts `pairedEntityArticles`). */
  pairedEntities(entityIds: readonly string[]): Promise<Set<string>>;
  /**
   * Which of these entities are in at least `atLeast` analysed articles other than `except` (named in them, or speaking
   * by one of their names in a claim): each counted only up to `atLeast`.
   */
  entitiesInArticles(entityIds: readonly string[], atLeast: number, except: string | null): Promise<Set<string>>;
  /** How many analysed articles other than `except` each of these entities is in (as above), counted whole in one read: for entities in few. */
  entityArticleCounts(entityIds: readonly string[], except: string | null): Promise<Map<string, number>>;
  /** Keeps the pairs of the entities `added` from now on, and no longer those of `removed` (whose pairs are deleted). */
  setPairedEntities(added: readonly string[], removed: readonly string[]): Promise<void>;
  /** The stored pairs this entity is in, on either side. */
  pairsOfEntity(entityId: string): Promise<EntityPairCount[]>;
  /** Of these articles, those that mention any of these names or hold a fact of `factKind` with one of them as its part. */
  articlesNamingAmong(articleIds: readonly string[], nameIds: readonly string[], factKind: string): Promise<Set<string>>;
}

/** Articles and sentences two entities share (`a` < `b`) and the claims each makes about the other, or a change to those counts. */
export interface EntityPairCount {
  a: string;
  b: string;
  articles: number;
  sentences: number;
  /** Claims by `a` whose content names `b`. */
  quotes: number;
  /** Claims by `b` whose content names `a`. */
  quotesBack: number;
}

/** What linking may do inside its transaction. */
export interface LinkStore {
  addCopyKeys(articleId: string, keys: readonly string[], signature: Uint32Array, paragraphs?: readonly StoredParagraphPrint[]): Promise<void>;
  /**
   * Articles sharing any of `keys`, other than `excludeId`, at most `limits.candidates` of them, those sharing the most
   * keys first; under each key only the `limits.perKey` articles of lowest id are read (and counted as sharing it), so a
   * key that thousands of articles carry costs no more than a rare one.
   * With `keep`, only the ranked candidates it keeps (judged on their shared keys and signature) are read in full: most
   * candidates share one chance key and are dropped on their signature, and reading every one's text grew with the pile.
   */
  copyCandidates(keys: readonly string[], excludeId: string, limits: CandidateLimits, keep?: (candidate: RankedCandidate) => boolean): Promise<CopyCandidate[]>;
  addCopies(copies: readonly CopyRecord[]): Promise<void>;
  /** Whether the article's mentions are already linked (linking an article is all or nothing). */
  entitiesLinked(articleId: string): Promise<boolean>;
  /**
   * Stores names not yet known (with their blocking `tokens`, each its own entity) and marks known ones used as a person's
   * name when `person` says so (a mark that never turns off); a person name gets its `pairs` tokens. Returns the ids that
   * were new or newly marked.
   */
  addNames(names: readonly Pick<NameRecord, 'id' | 'key' | 'person' | 'bare'>[], tokens: ReadonlyMap<string, readonly string[]>, pairs: ReadonlyMap<string, readonly string[]>): Promise<Set<string>>;
  /** Stores mentions not yet stored and counts them on their names. */
  addMentions(mentions: readonly MentionRecord[]): Promise<void>;
  /** Stores roles; returns the ids of names that gained a role key they did not have. */
  addRoles(roles: readonly RoleRecord[]): Promise<Set<string>>;
  /** Person-shaped, multi-word names holding any of `tokens` among their words, with the tokens each holds. */
  personNamesWithTokens(tokens: readonly string[]): Promise<{ token: string; name: NameRecord }[]>;
  /** For each token, up to `limit` distinct entities whose person-shaped, multi-word names hold it (which ones, when there are more, is unspecified). */
  personEntitiesWithToken(tokens: readonly string[], limit: number): Promise<Map<string, string[]>>;
  namesById(ids: readonly string[]): Promise<NameRecord[]>;
  /** Names of the entity `entityId`. */
  namesOfEntity(entityId: string): Promise<NameRecord[]>;
  /** Moves every name of entity `from` to entity `to`. */
  mergeEntity(from: string, to: string): Promise<void>;
  /** Moves one name to entity `entityId`; `attached` marks a two-word name joined by its ending alone. */
  setNameEntity(nameId: string, entityId: string, attached?: boolean): Promise<void>;
  /** The stored findings, kept current in the same transaction (src/analyze). */
  readonly analysis: AnalysisStore;
}

/** Write transactions grouped into one commit (`Repository.writeBatch`). */
export interface WriteBatch {
  /** Commits the writes made since this holder's last commit; throws E_STORE, none of them stored, when they were lost. */
  commit(): Promise<void>;
  /** Commits as `commit` does and lets the batch go: transactions commit on their own again. */
  end(): Promise<void>;
}

export interface Repository {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Groups the write transactions that follow (`saveArticles`, `linkTransaction`) into one commit until the batch's
   * `commit()`: each stays all or nothing (a savepoint inside the batch's transaction), a failing one loses only its own
   * writes, and the commits that cost most of a small transaction are paid once per batch. Other connections see the
   * writes when they are committed; the batch holds the store's write lock from its first write to its commit, so a
   * holder commits often (the ingest job: every few dozen items or a second). Null where the engine gains nothing
   * (PostgreSQL commits each transaction, as several workers write at once).
   */
  writeBatch(): WriteBatch | null;
  /** Brings the schema up to date; safe to call on every start. */
  migrate(): Promise<void>;
  /** Stores the articles of one source, each with all its layers, in one transaction; known content is a duplicate. */
  saveArticles(source: SourceRecord, docs: readonly Doc[]): Promise<SaveResult[]>;
  getArticle(id: string): Promise<StoredArticle | null>;
  /** Every stored article with its layers, in `listArticles` order, read a page at a time. */
  allArticles(): AsyncIterable<StoredArticle>;
  /** Ids that start with `prefix` (hex only), at most `limit` of them. */
  idsWithPrefix(prefix: string, limit: number): Promise<string[]>;
  listArticles(filter?: ArticleFilter): Promise<Page<ArticleSummary>>;
  /** Counts the stored articles and sources again into the tallies `stats` and `listArticles` read (`quipu reanalyze`). */
  recountArticles(): Promise<void>;
  /** How many articles are stored: a count alone, cheap enough to ask every second (the server's `StoreVersion`). */
  articleCount(): Promise<number>;
  /** Ranked full-text search, diacritics-insensitive ("Junin" finds "Junín"). */
  search(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;
  /** The decoded raw item an article came from, and the article's map into it, for showing a highlight in the original. */
  getSourceRaw(articleId: string): Promise<{ locator: string; kind: string; raw: string; sourceMap: SourceAnchor[] } | null>;
  stats(): Promise<StoreStats>;
  /** A fact about the store itself (`created_by`), or null when never set. */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Runs `work` in one transaction that holds the store-wide linking lock, so two writers linking at once
   * each see the other's blocking keys (no link is lost between concurrent workers).
   */
  linkTransaction<T>(work: (link: LinkStore) => Promise<T>): Promise<T>;
  listCopies(): Promise<CopyRecord[]>;
  /**
   * One page of the stored copy links, in the order `listCopies` gives them (copy id, then original id); `changed` keeps
   * the copies that changed a fact of their original, `copyId` and `originalId` one pair. With `after`, the page starts
   * after that link (read by index at any depth; `offset` is then ignored and answered as 0).
   */
  pageCopies(options?: CopyFilter & { limit?: number; offset?: number; after?: CopyCursor }): Promise<Page<CopyRecord>>;
  /** Entities by mentions, most mentioned first; `type` keeps one type, `query` names whose folded form contains it. */
  listEntities(options?: { type?: string; query?: string; limit?: number; offset?: number }): Promise<Page<EntitySummary>>;
  getEntity(id: string): Promise<EntityDetail | null>;
  /** Entity ids with a name that folds to `key` (a `foldName` result). */
  entitiesNamed(key: string): Promise<string[]>;
  /** Entity ids starting with `prefix` (hex), at most `limit`. */
  entityIdsWithPrefix(prefix: string, limit: number): Promise<string[]>;
  /** The name, its key and the type each of `ids` is shown with (as in `listEntities`). */
  entityNames(ids: readonly string[]): Promise<Map<string, { name: string; key: string; type: string }>>;
  /** The entities named in the most articles that also name entity `id`, with how many articles they share (most first). */
  entityCooccurring(id: string, limit: number): Promise<(EntitySummary & { shared: number })[]>;
  /** The ids of `entityCooccurring` (the first `limit` by shared articles, then id) with how many articles they share, without their counts and names. */
  entitiesSharingArticles(id: string, limit: number): Promise<{ id: string; shared: number }[]>;
  /**
   * The first `limit` articles that name entity `id`, undated first, then by date and id (code-point order), each with
   * how many of its mentions name the entity and where the first of them is: read by date along each name's mentions.
   */
  entityArticlesByDate(id: string, limit: number): Promise<{ articleId: string; published: string | null; mentions: number; start: number; end: number }[]>;
  /** The ways the entity's names were written, with their mentions (most first, then text). */
  entityAliases(id: string): Promise<EntityDetail['aliases']>;
  /** The first `limit` roles of the entity's names, by article id, place and role. */
  entityRoles(id: string, limit: number): Promise<EntityDetail['roles']>;
  /**
   * The pair counts among these entities (`a` < `b`; pairs that share nothing are absent): those kept at ingest, and
   * those of an entity whose pairs are not kept counted from its few articles.
   */
  entityPairsAmong(entityIds: readonly string[]): Promise<EntityPairCount[]>;
  /** Summaries of the articles with these ids (unknown ids are left out), in no particular order. */
  articleSummaries(ids: readonly string[]): Promise<ArticleSummary[]>;
  /** The title, outlet and date of the articles with these ids (unknown ids are left out), in no particular order: no text is read. */
  articleRefs(ids: readonly string[]): Promise<{ id: string; title: string | null; outlet: string | null; published: string | null }[]>;
  /** The findings of `kind` under any of `keys`, by key (keys with none are absent): read by primary key, whatever else the kind holds. */
  findingsWithKeys(kind: string, keys: readonly string[]): Promise<Map<string, FindingRecord>>;
  /** Every stored finding of `kind`, by key, in one read (for kinds kept one small row per key, such as per outlet). */
  findingsOfKind(kind: string): Promise<FindingRecord[]>;
  /** A page of stored findings (src/analyze). */
  pageFindings(query: FindingQuery): Promise<Page<FindingRecord>>;
  /** A page of stored per-article facts (`key` order: article id, then seq); with `parts`, the facts of one article with one rank count once. */
  pageFacts(query: FindingQuery): Promise<Page<FactRecord>>;
  /** The entity each of these name ids belongs to now. */
  entitiesOfNames(nameIds: readonly string[]): Promise<Map<string, string>>;
  /** The ids of the names of these entities. */
  namesOfEntities(entityIds: readonly string[]): Promise<string[]>;
  /** Ids of the entities with a name whose words hold `words` in order (folded, space-separated): a timeline's entity filter. */
  entitiesWithWords(words: string): Promise<string[]>;
  /** How many articles each analysis version analysed, and how many findings it made. */
  analysisVersions(): Promise<{ layer: 'articles' | 'findings'; version: number; rows: number }[]>;
  /** The facts of `kind` in `parts`, by article id then seq. */
  factsInParts(kind: string, parts: readonly string[]): Promise<FactRecord[]>;
  /** Stored articles counted by outlet and language (SQL aggregates). */
  outletCounts(): Promise<OutletCount[]>;
  /** Article ids in id order after `after`, at most `limit`: what `quipu reanalyze` walks. */
  articleIdsAfter(after: string, limit: number): Promise<string[]>;
  /** The entity of each linked mention of an article (mention index → entity id). */
  articleEntities(articleId: string): Promise<Map<number, string>>;
  /** A page of stored claims (src/analyze/claims.ts), each as its stored JSON. */
  pageClaims(query: ClaimQuery): Promise<Page<{ articleId: string; seq: number; data: string }>>;
  close(): Promise<void>;
}
