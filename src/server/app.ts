/**
 * The HTTP surface of a Quipu store: a REST API under /api (described by openapi.ts) and the web UI's static files.
 * Everything the API needs comes in through `createApp`'s options; nothing is read from the environment.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { EntityType, Hedge, Layers } from '../core/doc.ts';
import type { Verdict } from '../link/figure-groups.ts';
import { QuipuError } from '../core/errors.ts';
import type { Pipeline } from '../core/pipeline.ts';
import { assertPublicHost } from '../ingest/sources/address-guard.ts';
import type { Repository } from '../store/repository.ts';
import { ApiError, toErrorResponse } from './http-error.ts';
import type { ItemRunner } from '../jobs/item-runner.ts';
import { JobRunner, type UploadedFile } from './jobs.ts';
import { chartReports, lastReported } from './figure-points.ts';
import { dateConflictPage, figureGroupPage, timelinePage } from '../analyze/read.ts';
import { openApiDocument } from './openapi.ts';
import { claimPage, type ClaimSort } from '../analyze/claims.ts';
import { dateConflictRows, entityPage, listStoredCopies, listStoredEntities, StoreVersion } from './insights.ts';
import { entityGraph, type GraphLink } from '../analyze/graph.ts';
import { sourcesPage } from '../analyze/sources.ts';
import { readChoice, readDate, readInteger, readLanguage, readList, readPaging, readText } from './params.ts';
import { readStatic } from './static.ts';
import { copyRoutes } from './copy-routes.ts';

export interface AppOptions {
  repository: Repository;
  pipeline: Pipeline;
  /** Where ingest jobs read and annotate items (a worker under a time budget); default: the server's own thread. */
  itemRunner?: ItemRunner;
  /** Let URL ingest reach private and loopback addresses (the CLI's --allow-private). */
  allowPrivate: boolean;
  /** When set, every /api request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Largest POST /api/ingest body, in bytes; larger gets 413. */
  maxUploadBytes: number;
  /** The vite build of the web UI (dist/web); without it only the API is served. */
  staticDir?: string;
  /**
   * Host names the server answers to (DNS-rebinding guard). `serve` sets the loopback names when it binds to loopback;
   * unset, any Host is accepted.
   */
  allowedHosts?: readonly string[];
  /** Where unexpected errors go (their details never reach the client); default console.error. */
  logError?: (error: unknown) => void;
}

export type LayerName = keyof Layers;
const layerNames: readonly LayerName[] = ['tokens', 'sentences', 'entities', 'timexes'];
const maxUrls = 100;
const hedges: readonly Hedge[] = ['asserted', 'reported', 'alleged', 'speculative', 'unsourced', 'denied'];
const verdicts: readonly Verdict[] = ['agree', 'conflict', 'evolving', 'scope', 'superseded', 'outlier'];
const entityTypes: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];
const claimSorts: readonly ClaimSort[] = ['published', 'speaker', 'hedge', 'outlet'];
const graphLinks: readonly GraphLink[] = ['sentence', 'article', 'quote'];
/** The most entities the graph draws: beyond this a force layout in the browser gets slow and the picture unreadable. */
export const maxGraphNodes = 200;
/** Distinct points listed per figure group (figure-points.ts). */
const maxReports = 50;
const maxUrlLength = 2048;

/** The API's Hono app; `app.jobs` is exposed for tests and for a graceful shutdown. */
export function createApp(options: AppOptions): Hono & { jobs: JobRunner } {
  if (!Number.isInteger(options.maxUploadBytes) || options.maxUploadBytes <= 0) {
    throw new QuipuError('E_CONFIG', `createApp: maxUploadBytes must be a positive whole number of bytes, not ${options.maxUploadBytes}`);
  }
  if (options.token !== undefined && options.token.length < 8) {
    throw new QuipuError('E_CONFIG', 'createApp: a token must be at least 8 characters long; generate one with `openssl rand -hex 16`');
  }
  const { repository } = options;
  const logError = options.logError ?? ((error: unknown) => console.error('quipu server:', error));
  const version = new StoreVersion(repository, storeVersionMaxAgeMs);
  const jobs = new JobRunner({ repository: noticingWrites(repository, version), pipeline: options.pipeline, ...(options.itemRunner ? { runner: options.itemRunner } : {}), allowPrivate: options.allowPrivate, maxItemBytes: options.maxUploadBytes, onError: logError });
  const answers = new AnswerCache(version);
  const details = new AnswerCache(version, 200);
  /** Answers GET requests for data from the cache while the store is unchanged; `compute` runs on a miss. */
  const cachedJson = async (c: Context, compute: () => Promise<unknown>, cache = answers) => {
    const url = new URL(c.req.url);
    const body = await cache.get(url.pathname + url.search, async () => JSON.stringify(await compute()));
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  };
  const openApiText = JSON.stringify(openApiDocument);
  const app = new Hono();

  app.onError((error, c) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) logError(error);
    return c.json(body, status);
  });

  app.use('*', securityHeaders);
  if (options.allowedHosts) app.use('*', hostGuard(options.allowedHosts));
  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  if (options.token !== undefined) app.use('/api/*', bearer(options.token));
  app.use('/api/*', sameOriginWrites);

  app.get('/api/openapi.json', (c) => c.body(openApiText, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));

  app.get('/api/articles', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const outlet = readText(q, 'outlet', 200, false);
      const language = readLanguage(q, 'language');
      const from = readDate(q, 'from');
      const to = readDate(q, 'to');
      const paging = readPaging(q, 50);
      return await repository.listArticles({ ...(outlet ? { outlet } : {}), ...(language ? { language } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...paging });
    });
  });

  // The documents being read are opened again and again (from every fact that points into them), but the answers are
  // large: their own cache holds fewer of them.
  app.get('/api/articles/:id', async (c) => {
    return cachedJson(c, async () => {
      const wanted = readList(c.req.query.bind(c.req), 'layers', layerNames);
      const article = await repository.getArticle(c.req.param('id'));
      if (!article) throw notFound('article', c.req.param('id'));
      const { sourceMap: _sourceMap, layers, ...rest } = article;
      const kept = wanted ? Object.fromEntries(Object.entries(layers).filter(([name]) => wanted.includes(name as LayerName))) : layers;
      return { ...rest, layers: kept };
    }, details);
  });

  app.get('/api/articles/:id/source', async (c) => {
    const id = c.req.param('id');
    const [article, source] = await Promise.all([repository.getArticle(id), repository.getSourceRaw(id)]);
    if (!article || !source) throw notFound('article', id);
    return c.json({ ...source, sourceMap: article.sourceMap });
  });

  app.get('/api/search', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const query = readText(q, 'q', 500, true)!;
      return await repository.search(query, readPaging(q, 20));
    });
  });

  app.get('/api/stats', (c) => cachedJson(c, () => repository.stats()));

  app.get('/api/claims', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const by = readText(q, 'by', 200, false);
      const about = readText(q, 'about', 200, false);
      const hedge = readChoice(q, 'hedge', hedges);
      const sort = readChoice(q, 'sort', claimSorts) ?? 'published';
      const order = readChoice(q, 'order', ['asc', 'desc'] as const) ?? 'asc';
      const paging = readPaging(q, 50);
      return claimPage(repository, { ...(by ? { by } : {}), ...(about ? { about } : {}), ...(hedge ? { hedge } : {}), sort, order, ...paging });
    });
  });

  app.get('/api/conflicts', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const verdict = readChoice(q, 'verdict', verdicts);
      const key = readText(q, 'key', 200, false);
      const sort = readChoice(q, 'sort', ['key', 'latest'] as const) ?? 'key';
      const paging = readPaging(q, 10);
      const page = await figureGroupPage(repository, { ...(verdict ? { verdict } : {}), ...(key ? { key } : {}), sort, ...paging });
      return { ...page, items: page.items.map((g) => ({ ...g, reports: chartReports(g.reports, maxReports), reportTotal: g.reports.length, lastReported: lastReported(g) })) };
    });
  });

  app.get('/api/date-conflicts', async (c) => {
    return cachedJson(c, async () => {
      const page = await dateConflictPage(repository, readPaging((name: string) => c.req.query(name), 10));
      return { ...page, items: await dateConflictRows(repository, page.items) };
    });
  });

  app.get('/api/copies', async (c) => {
    return cachedJson(c, async () => {
      const paging = readPaging((name: string) => c.req.query(name), 100);
      return listStoredCopies(repository, paging);
    });
  });
  copyRoutes(app, repository, { list: (c, compute) => cachedJson(c, compute), document: (c, compute) => cachedJson(c, compute, details) });

  app.get('/api/timeline', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const from = readDate(q, 'from');
      const to = readDate(q, 'to');
      const entity = readText(q, 'entity', 200, false);
      return timelinePage(repository, { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(entity ? { entity } : {}), ...readPaging(q, 100) });
    });
  });

  app.get('/api/entities', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const type = readChoice(q, 'type', entityTypes);
      const text = readText(q, 'q', 200, false);
      const paging = readPaging(q, 100);
      return await listStoredEntities(repository, { ...(type ? { type } : {}), ...(text ? { q: text } : {}), ...paging });
    });
  });

  app.get('/api/entities/:key', async (c) => {
    return cachedJson(c, async () => {
      const raw = c.req.param('key');
      const entity = raw.length <= 200 ? await entityPage(repository, raw) : null;
      if (!entity) throw notFound('entity', raw);
      return entity;
    });
  });

  app.get('/api/graph', async (c) => {
    return cachedJson(c, async () => {
      const q = (name: string) => c.req.query(name);
      const limit = readInteger(q, 'limit', 2, maxGraphNodes) ?? 40;
      const link = readChoice(q, 'link', graphLinks) ?? 'sentence';
      const min = readInteger(q, 'min', 1, 1_000_000) ?? 1;
      const type = readChoice(q, 'type', entityTypes);
      return entityGraph(repository, { limit, link, min, ...(type ? { type } : {}) });
    });
  });

  app.get('/api/sources', async (c) => {
    return cachedJson(c, async () => {
      return sourcesPage(repository, readPaging((name: string) => c.req.query(name), 100));
    });
  });

  app.post(
    '/api/ingest',
    bodyLimit({
      maxSize: options.maxUploadBytes,
      onError: () => {
        throw new ApiError(413, 'E_TOO_LARGE', `The upload is larger than this server accepts (${options.maxUploadBytes} bytes).`);
      },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      if (type.startsWith('multipart/form-data')) return c.json(jobs.submitUpload(await uploadedFiles(c)), 202);
      if (type.startsWith('application/json')) {
        const urls = await requestedUrls(c);
        if (!options.allowPrivate) await Promise.all(urls.map(refusePrivate));
        return c.json(jobs.submitUrls(urls), 202);
      }
      throw new ApiError(400, 'E_CONFIG', 'POST /api/ingest takes multipart/form-data with files, or application/json with {"urls": [...]}.');
    },
  );

  app.get('/api/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    if (!job) throw new ApiError(404, 'E_NOT_FOUND', 'No such job; jobs are kept in memory and end with the server.');
    return c.json(job);
  });

  app.all('/api/*', () => {
    throw new ApiError(404, 'E_NOT_FOUND', 'No such API route; see /api/openapi.json.');
  });

  app.get('*', async (c) => {
    if (!options.staticDir) return c.text('This server has no web UI build; build it with `npm run build:web`.', 404);
    const file = await readStatic(options.staticDir, c.req.path);
    if (!file) return c.text('Not found', 404);
    c.header('Content-Type', file.type);
    c.header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });

  return Object.assign(app, { jobs });
}

/** How stale the store version may be for writes by other processes (the CLI, queue workers). */
const storeVersionMaxAgeMs = 1000;

/**
 * Serialized answers by URL while the store version stays the same (at most `max`, the oldest dropped first):
 * a store of thousands of articles is read far more than it is written, and the same pages are asked for again.
 * Concurrent misses of one URL share one computation.
 */
class AnswerCache {
  #version = '';
  #answers = new Map<string, Promise<string>>();

  constructor(
    private readonly version: StoreVersion,
    private readonly max = 1000,
  ) {}

  async get(key: string, compute: () => Promise<string>): Promise<string> {
    const version = await this.version.current();
    if (version !== this.#version) {
      this.#version = version;
      this.#answers.clear();
    }
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = compute();
      if (this.#answers.size >= this.max) this.#answers.delete(this.#answers.keys().next().value!);
      this.#answers.set(key, answer);
      // A failure (a 400, a 404, the store down) is not kept.
      answer.catch(() => {
        if (this.#answers.get(key) === answer) this.#answers.delete(key);
      });
    }
    return answer;
  }
}

/** The repository as the ingest jobs see it: every write also moves the store version. */
function noticingWrites(repository: Repository, version: StoreVersion): Repository {
  return new Proxy(repository, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== 'saveArticles' && name !== 'linkTransaction') return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          version.changed();
        }
      };
    },
  });
}

/** A page of an in-memory list, in the shape every list of the API answers. */
function pageOf<T>(items: readonly T[], paging: { limit: number; offset: number }): { items: T[]; total: number; limit: number; offset: number } {
  return { items: items.slice(paging.offset, paging.offset + paging.limit), total: items.length, ...paging };
}

function notFound(what: string, id: string): ApiError {
  const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
  return new ApiError(404, 'E_NOT_FOUND', `No ${what} with id ${JSON.stringify(shown)}.`);
}

/** The UI loads only its own files; no inline script or style can run, whatever an article contains. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', contentSecurityPolicy);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
};

/** Refuses a Host the server was not started for: a DNS-rebinding page would otherwise read a loopback server. */
function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  return async (c, next) => {
    const host = new URL(c.req.url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (!names.has(host)) throw new ApiError(403, 'E_FORBIDDEN', 'This server does not answer to that host name.');
    await next();
  };
}

/** Constant-time bearer check: both sides are hashed first so their lengths match and leak nothing. */
function bearer(token: string): MiddlewareHandler {
  const expected = createHash('sha256').update(token).digest();
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const given = createHash('sha256').update(match?.[1] ?? '').digest();
    if (!match || !timingSafeEqual(expected, given)) {
      c.header('WWW-Authenticate', 'Bearer realm="quipu"');
      throw new ApiError(401, 'E_UNAUTHORIZED', 'This server needs a token: send Authorization: Bearer <token>.');
    }
    await next();
  };
}

/**
 * Refuses writes a browser sends on behalf of another site: a page elsewhere may POST a form to a loopback server
 * without a preflight (CSRF). Browsers mark such requests with Sec-Fetch-Site or an Origin that differs from the Host.
 */
const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const crossSite = site !== undefined ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== new URL(c.req.url).origin;
    if (crossSite) throw new ApiError(403, 'E_FORBIDDEN', 'Cross-site requests may not change this store.');
  }
  await next();
};

async function uploadedFiles(c: Context): Promise<UploadedFile[]> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new ApiError(400, 'E_CONFIG', 'The multipart body could not be read.');
  }
  const files = Object.values(body).flat().filter((value): value is File => value instanceof File);
  if (files.length === 0) throw new ApiError(400, 'E_CONFIG', 'The upload holds no files; send them in the multipart field "files".');
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

async function requestedUrls(c: Context): Promise<string[]> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'E_CONFIG', 'The body is not valid JSON; send {"urls": ["https://…"]}.');
  }
  const urls = (body as { urls?: unknown } | null)?.urls;
  if (!Array.isArray(urls) || urls.length === 0) throw new ApiError(400, 'E_CONFIG', 'Send {"urls": [...]} with at least one http(s) URL.');
  if (urls.length > maxUrls) throw new ApiError(400, 'E_CONFIG', `At most ${maxUrls} URLs per job, not ${urls.length}.`);
  return urls.map((url, index) => {
    if (typeof url !== 'string' || url.length > maxUrlLength) throw new ApiError(400, 'E_BAD_URL', `urls[${index}] is not a URL string of at most ${maxUrlLength} characters.`);
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new ApiError(400, 'E_BAD_URL', `urls[${index}] is not a valid URL.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ApiError(400, 'E_BAD_URL', `urls[${index}] is not an http(s) URL.`);
    return parsed.href;
  });
}

/**
 * Refuses, before any job starts, a URL whose host is or resolves to a private address. The fetch checks again at connect
 * time (a name can rebind); a name that does not resolve now is left for the job to report.
 */
async function refusePrivate(url: string): Promise<void> {
  try {
    await assertPublicHost(new URL(url).hostname, url);
  } catch (error) {
    if (error instanceof QuipuError && error.code === 'E_PRIVATE_ADDRESS') {
      throw new ApiError(400, 'E_PRIVATE_ADDRESS', `Refused ${url}: it points to a private or loopback address; start the server with --allow-private to allow it.`);
    }
  }
}
