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

/** A copy relation between two stored articles, as linking found it. */
export interface CopyRecord {
  copyId: string;
  originalId: string;
  similarity: number;
  kind: string;
}

/** A stored article that shares a blocking key with the one being linked. */
export interface CopyCandidate {
  id: string;
  signature: Uint32Array;
  text: string;
  published: string | null;
  outlet: string | null;
  via: string | null;
}

/** What linking may do inside its transaction. */
export interface LinkStore {
  addCopyKeys(articleId: string, keys: readonly string[], signature: Uint32Array): Promise<void>;
  /** Articles sharing any of `keys`, other than `excludeId`, at most `limit` of them. */
  copyCandidates(keys: readonly string[], excludeId: string, limit: number): Promise<CopyCandidate[]>;
  addCopies(copies: readonly CopyRecord[]): Promise<void>;
}

export interface Repository {
  readonly engine: 'sqlite' | 'postgres';
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
  /** Ranked full-text search, diacritics-insensitive ("Junin" finds "Junín"). */
  search(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;
  /** The decoded raw item an article came from, for showing a highlight in the original. */
  getSourceRaw(articleId: string): Promise<{ locator: string; kind: string; raw: string } | null>;
  stats(): Promise<StoreStats>;
  /**
   * Runs `work` in one transaction that holds the store-wide linking lock, so two writers linking at once
   * each see the other's blocking keys (no link is lost between concurrent workers).
   */
  linkTransaction<T>(work: (link: LinkStore) => Promise<T>): Promise<T>;
  listCopies(): Promise<CopyRecord[]>;
  close(): Promise<void>;
}
