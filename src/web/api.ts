/// <reference lib="dom" />
/**
 * The browser's only way to the data: the REST API (see /api/openapi.json). The types are the API contract's
 * (src/contract), never the server's code, which the web app never imports.
 */

// The answers' types come from the API contract (src/contract/schemas.ts), the same schemas the server declares its
// routes with and validates its parameters by; `import type` keeps zod out of the bundle (a dependency-cruiser rule).
export type {
  Article,
  ArticleMeta,
  ArticleRef,
  ArticleSummary,
  Claim,
  Copy as CopyRow,
  CopyChange,
  CopyChangeRow,
  CopyListRow,
  CopyPage,
  CopyPair,
  DateConflict,
  Entity as EntityPage,
  EntityGraph,
  EntitySummary,
  FigureGroup,
  FigureReport,
  Job,
  OutletEdges,
  OutletRow,
  Page,
  SearchHit,
  Source,
  SourceEdge,
  Sources,
  Stats,
  TimelineEvent,
  Verdict,
} from '../contract/schemas.ts';
import type { EntityGraph } from '../contract/schemas.ts';
export type { Hedge } from '../core/doc.ts';
export { hedges } from '../core/doc.ts';

export type GraphNode = EntityGraph['nodes'][number];
export type GraphEdge = EntityGraph['edges'][number];

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
