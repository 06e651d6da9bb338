/**
 * The HTTP surface of a Quipu store: a REST API under /api and the web UI's static files. Every API route, its
 * parameters and its answers are declared once in src/contract (which also makes `/api/openapi.json`); the handlers
 * here get parameters already parsed and checked.
 * Everything the API needs comes in through `createApp`'s options; nothing is read from the environment.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { JSONParsed } from 'hono/utils/types';
import type { LayerName, Layers } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import type { Pipeline } from '../core/pipeline.ts';
import { assertPublicHost } from '../ingest/sources/address-guard.ts';
import type { Repository } from '../store/repository.ts';
import { ApiError, refuseInvalid, toErrorResponse } from './http-error.ts';
import type { ItemRunner } from '../jobs/item-runner.ts';
import { JobRunner, type UploadedFile } from './jobs.ts';
import type { IngestProcess } from './ingest-process.ts';
import { chartReports, lastReported } from './figure-points.ts';
import { dateConflictPage, figureGroupPage, timelinePage } from '../analyze/read.ts';
import { maxGraphNodes, openApiDocument, routes } from '../contract/routes.ts';
import type { IngestUrls } from '../contract/schemas.ts';
import { claimPage } from '../analyze/claims.ts';
import { dateConflictRows, entityPage, listCopyRows, listStoredEntities, StoreVersion } from './insights.ts';
import { entityGraph } from '../analyze/graph.ts';
import { outletEdges, sourcesPage, storedSources } from '../analyze/sources.ts';
import type { Sources } from '../link/sources.ts';
import { readStatic } from './static.ts';
import { AnswerCache } from './answer-cache.ts';
import { copyPair, listCopyChanges } from './copy-routes.ts';

export interface AppOptions {
  repository: Repository;
  pipeline: Pipeline;
  /** Where ingest jobs read and annotate items (a worker under a time budget); default: the server's own thread. */
  itemRunner?: ItemRunner;
  /**
   * Where ingest jobs run whole, storing and linking included (ingest-process.ts: `quipu serve`'s child process); default:
   * this process, items through `itemRunner`.
   */
  ingestProcess?: IngestProcess;
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

export { maxGraphNodes };
/** Distinct points listed per figure group (figure-points.ts). */
const maxReports = 50;

/** A JSON answer typed as `T`, so a handler's answer is checked against its route's declared schema at compile time. */
type JsonAnswer<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

/** The API's Hono app; `app.jobs` is exposed for tests and for a graceful shutdown. */
export function createApp(options: AppOptions): OpenAPIHono & { jobs: JobRunner } {
  if (!Number.isInteger(options.maxUploadBytes) || options.maxUploadBytes <= 0) {
    throw new QuipuError('E_CONFIG', `createApp: maxUploadBytes must be a positive whole number of bytes, not ${options.maxUploadBytes}`);
  }
  if (options.token !== undefined && options.token.length < 8) {
    throw new QuipuError('E_CONFIG', 'createApp: a token must be at least 8 characters long; generate one with `openssl rand -hex 16`');
  }
  const { repository } = options;
  const logError = options.logError ?? ((error: unknown) => console.error('quipu server:', error));
  const version = new StoreVersion(repository, storeVersionMaxAgeMs);
  const jobs = new JobRunner({
    repository: noticingWrites(repository, version),
    pipeline: options.pipeline,
    ...(options.itemRunner ? { runner: options.itemRunner } : {}),
    // A job in the child writes through its own connection: the server hears of each stored item from the job.
    ...(options.ingestProcess ? { process: options.ingestProcess, onWrite: () => version.changed() } : {}),
    allowPrivate: options.allowPrivate,
    maxItemBytes: options.maxUploadBytes,
    onError: logError,
  });
  const answers = new AnswerCache<Uint8Array>(version, { entries: 1000, bytes: answerBytes, weigh: (body) => body.byteLength });
  const details = new AnswerCache<Uint8Array>(version, { entries: 200, bytes: detailBytes, weigh: (body) => body.byteLength });
  /**
   * Answers GET requests for data from the cache while the store is unchanged; `compute` runs on a miss. Kept as UTF-8
   * bytes: encoded once rather than on every response, and half the size of a string with any character past Latin-1.
   */
  const cachedJson = async <T>(c: Context, compute: () => Promise<T>, cache = answers): Promise<JsonAnswer<T>> => {
    const url = new URL(c.req.url);
    const body = await cache.get(url.pathname + url.search, async () => Buffer.from(JSON.stringify(await compute())));
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json; charset=UTF-8' }) as unknown as JsonAnswer<T>;
  };
  const openApiText = JSON.stringify(openApiDocument());
  const app = new OpenAPIHono({ defaultHook: refuseInvalid });

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

  app.openapi(routes.openapi, (c) => c.body(openApiText, 200, { 'Content-Type': 'application/json; charset=UTF-8' }) as unknown as JsonAnswer<{ openapi: '3.1.0' }>);

  app.openapi(routes.listArticles, async (c) => {
    return cachedJson(c, async () => {
      const { outlet, language, from, to, ...paging } = c.req.valid('query');
      return await repository.listArticles({ ...(outlet ? { outlet } : {}), ...(language ? { language } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...paging });
    });
  });

  // The documents being read are opened again and again (from every fact that points into them), but the answers are
  // large: their own cache holds fewer of them.
  app.openapi(routes.getArticle, async (c) => {
    return cachedJson(
      c,
      async () => {
        const { id } = c.req.valid('param');
        const { layers: wanted } = c.req.valid('query');
        const article = await repository.getArticle(id);
        if (!article) throw notFound('article', id);
        const { sourceMap: _sourceMap, layers, ...rest } = article;
        const kept: Partial<Layers> = wanted ? Object.fromEntries(Object.entries(layers).filter(([name]) => wanted.includes(name as LayerName))) : layers;
        // The store's rows carry `length` already; the stored type does not say so.
        return { ...rest, length: article.text.length, layers: kept };
      },
      details,
    );
  });

  app.openapi(routes.getArticleSource, async (c) => {
    const { id } = c.req.valid('param');
    const source = await repository.getSourceRaw(id);
    if (!source) throw notFound('article', id);
    return c.json(source, 200);
  });

  app.openapi(routes.search, async (c) => {
    return cachedJson(c, async () => {
      const { q: query, ...paging } = c.req.valid('query');
      return await repository.search(query, paging);
    });
  });

  app.openapi(routes.stats, (c) => cachedJson(c, () => repository.stats()));

  app.openapi(routes.listClaims, async (c) => {
    return cachedJson(c, async () => {
      const { by, about, hedge, sort, order, ...paging } = c.req.valid('query');
      return claimPage(repository, { ...(by ? { by } : {}), ...(about ? { about } : {}), ...(hedge ? { hedge } : {}), sort, order, ...paging });
    });
  });

  app.openapi(routes.listFigureGroups, async (c) => {
    return cachedJson(c, async () => {
      const { verdict, key, sort, ...paging } = c.req.valid('query');
      const page = await figureGroupPage(repository, { ...(verdict ? { verdict } : {}), ...(key ? { key } : {}), sort, ...paging });
      return { ...page, items: page.items.map((g) => ({ ...g, reports: chartReports(g.reports, maxReports), reportTotal: g.reports.length, lastReported: lastReported(g) })) };
    });
  });

  app.openapi(routes.listDateConflicts, async (c) => {
    return cachedJson(c, async () => {
      const page = await dateConflictPage(repository, c.req.valid('query'));
      return { ...page, items: await dateConflictRows(repository, page.items) };
    });
  });

  app.openapi(routes.listCopies, async (c) => {
    return cachedJson(c, async () => {
      return listCopyRows(repository, c.req.valid('query'));
    });
  });
  app.openapi(routes.listCopyChanges, (c) => cachedJson(c, () => listCopyChanges(repository, c.req.valid('query'))));
  app.openapi(routes.getCopyPair, (c) =>
    cachedJson(
      c,
      async () => {
        const { copy, original } = c.req.valid('param');
        const pair = await copyPair(repository, copy, original);
        if (!pair) throw new ApiError(404, 'E_NOT_FOUND', 'No copy link between these two articles; see /api/copies.');
        return pair;
      },
      details,
    ),
  );

  app.openapi(routes.timeline, async (c) => {
    return cachedJson(c, async () => {
      const { from, to, entity, ...paging } = c.req.valid('query');
      return timelinePage(repository, { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(entity ? { entity } : {}), ...paging });
    });
  });

  app.openapi(routes.listEntities, async (c) => {
    return cachedJson(c, async () => {
      const { type, q: text, ...paging } = c.req.valid('query');
      return await listStoredEntities(repository, { ...(type ? { type } : {}), ...(text ? { q: text } : {}), ...paging });
    });
  });

  app.openapi(routes.getEntity, async (c) => {
    return cachedJson(c, async () => {
      const { key: raw } = c.req.valid('param');
      const entity = await entityPage(repository, raw);
      if (!entity) throw notFound('entity', raw);
      return entity;
    });
  });

  app.openapi(routes.entityGraph, async (c) => {
    return cachedJson(c, async () => {
      const { limit, link, min, type } = c.req.valid('query');
      return entityGraph(repository, { limit, link, min, ...(type ? { type } : {}) });
    });
  });

  // Both source routes page the same outlets and edges, read from the findings once while the store is unchanged.
  const sources = new AnswerCache<Sources>(version, { entries: 1, bytes: Infinity, weigh: () => 0 });
  const storeSources = () => sources.get('', () => storedSources(repository));
  app.openapi(routes.listSources, (c) => cachedJson(c, async () => sourcesPage(await storeSources(), c.req.valid('query'))));
  app.openapi(routes.listOutletEdges, (c) =>
    cachedJson(c, async () => {
      const { outlet, ...paging } = c.req.valid('query');
      return outletEdges(await storeSources(), outlet, paging);
    }),
  );

  const ingestRoute = {
    ...routes.ingest,
    // A required body would make the JSON validator check multipart uploads too (as `{}`); the handler refuses a body of neither kind.
    request: { body: { ...routes.ingest.request.body, required: false as const } },
    // The size cap and the content type come before the body is read or validated.
    middleware: [
      bodyLimit({
        maxSize: options.maxUploadBytes,
        onError: () => {
          throw new ApiError(413, 'E_TOO_LARGE', `The upload is larger than this server accepts (${options.maxUploadBytes} bytes).`);
        },
      }),
      ingestContentType,
    ],
  };
  app.openapi(ingestRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data')) return c.json(jobs.submitUpload(await uploadedFiles(c)), 202);
    // The route's two media types blur the validated type; this is the JSON body, checked against IngestUrls.
    const urls = (c.req.valid('json') as IngestUrls).urls.map(requestedUrl);
    if (!options.allowPrivate) await Promise.all(urls.map(refusePrivate));
    return c.json(jobs.submitUrls(urls), 202);
  });

  app.openapi(routes.getJob, (c) => {
    const job = jobs.get(c.req.valid('param').id);
    if (!job) throw new ApiError(404, 'E_NOT_FOUND', 'No such job; jobs are kept in memory and end with the server.');
    return c.json(job, 200);
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
 * Bytes of answers kept: lists, and the documents being read (opened again and again from every fact that points into
 * them, but large: an article with its layers runs to hundreds of KB). Together well under the server's memory target
 * whatever the store holds.
 */
const answerBytes = 24 * 1024 * 1024;
const detailBytes = 8 * 1024 * 1024;

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
    const given = createHash('sha256')
      .update(match?.[1] ?? '')
      .digest();
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
  const files = Object.values(body)
    .flat()
    .filter((value): value is File => value instanceof File);
  if (files.length === 0) throw new ApiError(400, 'E_CONFIG', 'The upload holds no files; send them in the multipart field "files".');
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

/** POST /api/ingest takes files or URLs, nothing else. */
const ingestContentType: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/json')) {
    throw new ApiError(400, 'E_CONFIG', 'POST /api/ingest takes multipart/form-data with files, or application/json with {"urls": [...]}.');
  }
  await next();
};

/** One URL of a JSON ingest body (its count and length already checked by the contract), as an absolute http(s) URL. */
function requestedUrl(url: string, index: number): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ApiError(400, 'E_BAD_URL', `urls[${index}] is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ApiError(400, 'E_BAD_URL', `urls[${index}] is not an http(s) URL.`);
  return parsed.href;
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
