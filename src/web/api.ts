/// <reference lib="dom" />
/**
 * The browser's only way to the data: the REST API (see /api/openapi.json). The types mirror the API's JSON,
 * not the server's code, which the web app never imports.
 */

export interface ArticleMeta {
  title: string | null;
  outlet: string | null;
  authors: string[];
  translator: string | null;
  published: string | null;
  datelinePlace: string | null;
  language: string;
  source: string;
  via: string | null;
  canonicalUrl: string | null;
  partIndex: number;
  partCount: number;
}

export interface ArticleSummary {
  id: string;
  meta: ArticleMeta;
  ingestedAt: string;
  length: number;
}

export interface Timex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
  mod?: string;
  anchored?: boolean;
}

export interface Entity {
  start: number;
  end: number;
  text: string;
  type: string;
  confidence?: number;
}

export interface Article extends ArticleSummary {
  text: string;
  layers: { timexes?: Timex[]; entities?: Entity[] };
  messages: { start: number; end: number; rule: string; reason: string }[];
}

export interface Source {
  locator: string;
  kind: string;
  raw: string;
  sourceMap: { textOffset: number; rawOffset: number }[];
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
  snippet: string;
  highlights: [number, number][];
}

export interface Stats {
  articles: number;
  sources: number;
  characters: number;
  outlets: { outlet: string | null; articles: number }[];
  languages: { language: string; articles: number }[];
  published: { earliest: string | null; latest: string | null };
}

export interface Job {
  id: string;
  kind: 'upload' | 'urls';
  status: 'queued' | 'running' | 'done' | 'failed';
  inputs: string[];
  progress: { total: number; done: number; failed: number };
  ingested: number;
  duplicates: number;
  articles: { id: string; status: 'inserted' | 'duplicate'; source: string; title: string | null; outlet: string | null; published: string | null }[];
  errors: { item: string; code: string; message: string }[];
  error: { code: string; message: string } | null;
}

/** The few article fields a row of a cross-article list carries. */
export interface ArticleRef {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
}

export type Hedge = 'asserted' | 'reported' | 'alleged' | 'speculative' | 'unsourced' | 'denied';
export const hedges: readonly Hedge[] = ['asserted', 'reported', 'alleged', 'speculative', 'unsourced', 'denied'];

export interface Claim {
  articleId: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  speaker: string | null;
  speakerKind: string | null;
  speakerEntity: string | null;
  cue: string;
  content: string;
  hedge: Hedge;
  form: string;
  /** Whom the words were given to ("told IPS"); absent from servers older than the field. */
  recipient?: string | null;
  via: string | null;
  sentence: { start: number; end: number };
  start: number;
  end: number;
}

export type Verdict = 'agree' | 'conflict' | 'evolving' | 'scope' | 'superseded' | 'outlier';

export interface FigureReport {
  articleId: string;
  outlet: string | null;
  reported: string | null;
  /** Reports with the same outlet, report date and value that this one stands for, itself included. */
  repeats: number;
  value: number;
  high?: number;
  approx?: string;
  unit: string;
  duration?: string;
  place?: string;
  date?: string;
  start?: number;
  end?: number;
}

export interface FigureGroup {
  key: string;
  measure: string;
  place: string | null;
  date: string | null;
  since: string | null;
  cumulative: boolean;
  verdict: Verdict;
  /** One line of why ("values rise with the reference date: 5 → 8"). */
  why?: string;
  values: string[];
  reports: FigureReport[];
  /** For a sentence, who was sentenced; for a toll of police or soldiers, "security forces". */
  subject: string | null;
  reportTotal: number;
  /** The latest report date among all the group's reports. */
  lastReported: string | null;
  articles: number;
  outlets: number;
}

/** One person's once-only happening dated differently by different articles (/api/date-conflicts). */
export interface DateConflict {
  key: string;
  entity: { key: string; name: string; type: string };
  happening: string;
  values: { date: string; articles: number; articleIds: string[]; outlets: string[] }[];
  /** Distinct reports (outlet, date, sentence), `repeats` counting the articles that carry each. */
  reports: { article: ArticleRef; date: string; start: number; end: number; text: string; repeats: number }[];
  reportTotal: number;
}

export interface CopyRow {
  kind: 'syndicated' | 'repost';
  similarity: number;
  copy: ArticleRef;
  original: ArticleRef;
  /** The copy is in another language than its original. */
  translated?: boolean;
  /** The share of the copy that comes from the original, 0–1. */
  coverage?: number;
  /** The paragraphs of the original found in the copy. */
  extent?: { original: { start: number; end: number }; copy: { start: number; end: number }; score: number }[];
  /** Facts the copy gives otherwise than its original, in the paragraphs they share. */
  changes?: CopyChange[];
  /** Why the original is taken for the original. */
  evidence?: string[];
}

/** A copy and its original for reading side by side (/api/copies/{copy}/{original}); `text` is untrusted article text. */
export interface CopyPair {
  link: CopyRow;
  copy: ArticleRef & { language: string; text: string };
  original: ArticleRef & { language: string; text: string };
}

export interface CopyChange {
  kind: 'figure' | 'date' | 'name';
  original: { start: number; end: number; text: string };
  copy: { start: number; end: number; text: string };
  /** "this copy says nine days where its source says eleven". */
  note: string;
}

export interface EntityRef {
  key: string;
  name: string;
  type: string;
}

export interface TimelineEvent {
  article: ArticleRef;
  date: string;
  inherited: boolean;
  start: number;
  end: number;
  text: string;
  entities: EntityRef[];
}

export interface EntitySummary extends EntityRef {
  mentions: number;
  articles: number;
}

export interface EntityPage extends EntitySummary {
  aliases: { text: string; mentions: number }[];
  articleList: (ArticleRef & { mentions: number; start: number; end: number })[];
  roles: { role: string; text: string; article: ArticleRef; start: number; end: number }[];
  articleTotal: number;
  cooccurring: (EntitySummary & { shared: number })[];
  claims: Claim[];
  claimTotal: number;
}

export interface GraphNode extends EntitySummary {
  degree: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
  articles: number;
  sentences: number;
  quotes: number;
  quotesBack: number;
}

export interface EntityGraph {
  link: 'sentence' | 'article' | 'quote';
  nodes: GraphNode[];
  edges: GraphEdge[];
  totalEntities: number;
  totalEdges: number;
  limit: number;
  min: number;
}

export interface OutletRow {
  outlet: string;
  articles: number;
  languages: string[];
  earliest: string | null;
  latest: string | null;
  copiesMade: number;
  copiedBy: number;
  citationsMade: number;
  citesOutside: { name: string; citations: number }[];
}

export interface SourceEdge {
  from: string;
  to: string;
  syndicated: number;
  repost: number;
  citations: number;
  copyExample?: { copy: string; original: string };
  citationExample?: { article: string; start: number; end: number };
}

export interface Sources extends Page<OutletRow> {
  edges: SourceEdge[];
  unknownOutlet: number;
}

/** A failed API call, with the server's code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const tokenKey = 'quipu-token';

/** A `#token=…` in the opening URL (as `quipu serve --token` prints it) is kept for the session and removed from the address bar. */
export function adoptTokenFromUrl(): void {
  const match = /^#token=([^&]+)$/.exec(location.hash);
  if (!match) return;
  sessionStorage.setItem(tokenKey, decodeURIComponent(match[1]!));
  history.replaceState(history.state, '', location.pathname + location.search);
}

export function setToken(token: string): void {
  sessionStorage.setItem(tokenKey, token);
}

const listeners = new Set<() => void>();
/** Called when the server asks for a token (401). */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls the API; throws ApiFailure with the server's message on any error status. */
export async function api<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, ...(signal ? { signal } : {}) });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiFailure(0, 'E_NETWORK', 'The Quipu server does not answer. Is it still running?');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    if (response.status === 401) listeners.forEach((listener) => listener());
    throw new ApiFailure(response.status, error?.code ?? 'E_HTTP', error?.message ?? `The server answered ${response.status}.`);
  }
  return body as T;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
