/**
 * The OpenAPI 3.1 description of the REST API, written by hand next to the routes and kept in step with them by
 * app.test.ts (every route documented, every documented path routed). Served at `/api/openapi.json`.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: readonly string[];
  $ref?: string;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  oneOf?: JsonSchema[];
};

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Response {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, Response>;
}

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }> };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const error = (description: string): Response => ({ description, content: json(ref('Error')) });
const nullable = (type: string, description?: string): JsonSchema => ({ type: [type, 'null'], ...(description ? { description } : {}) });
const isoDate: JsonSchema = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'ISO date prefix: 2023, 2023-01 or 2023-01-10' };

const paging: Parameter[] = [
  { name: 'limit', in: 'query', description: 'Items per page (1–500).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
  { name: 'offset', in: 'query', description: 'Items to skip.', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const idParameter: Parameter = { name: 'id', in: 'path', required: true, description: 'Article id.', schema: { type: 'string' } };
const common = { '401': error('A token is configured and the request did not carry it.'), '500': error('Unexpected failure; no details are given.') };

const page = (item: string): JsonSchema => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: { items: { type: 'array', items: ref(item) }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
});

const span = (extra: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  required: ['start', 'end', ...required],
  properties: { start: { type: 'integer', description: 'UTF-16 offset into text, inclusive' }, end: { type: 'integer', description: 'UTF-16 offset, exclusive' }, ...extra },
});

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Quipu API',
    version: '0.1.0',
    description:
      'The REST API of a Quipu store: articles, full-text search, counts, and ingest jobs. Every failure answers `{error: {code, message}}`. ' +
      'When the server has a token, every /api request must carry `Authorization: Bearer <token>`.',
  },
  servers: [{ url: '/' }],
  security: [{}, { bearer: [] }],
  paths: {
    '/api/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document.', tags: ['meta'], responses: { '200': { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) }, ...common } },
    },
    '/api/articles': {
      get: {
        operationId: 'listArticles',
        summary: 'Stored articles, newest publication first, filtered and paged.',
        tags: ['articles'],
        parameters: [
          { name: 'outlet', in: 'query', description: 'Outlet name (case-insensitive, exact).', schema: { type: 'string', maxLength: 200 } },
          { name: 'language', in: 'query', description: 'Language code (en, es, und, …).', schema: { type: 'string', pattern: '^[a-z]{2,3}$' } },
          { name: 'from', in: 'query', description: 'Published on or after.', schema: isoDate },
          { name: 'to', in: 'query', description: 'Published on or before (a prefix covers its whole period).', schema: isoDate },
          ...paging,
        ],
        responses: { '200': { description: 'A page of article summaries.', content: json(page('ArticleSummary')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/articles/{id}': {
      get: {
        operationId: 'getArticle',
        summary: 'One article: metadata, clean text, annotation layers and messages.',
        tags: ['articles'],
        parameters: [
          idParameter,
          { name: 'layers', in: 'query', description: 'Comma-separated layers to return (tokens, sentences, entities, timexes); default all.', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The article.', content: json(ref('Article')) }, '400': error('A parameter is malformed.'), '404': error('No article has this id.'), ...common },
      },
    },
    '/api/articles/{id}/source': {
      get: {
        operationId: 'getArticleSource',
        summary: 'The decoded raw item the article came from, with the map from text offsets to raw offsets.',
        tags: ['articles'],
        parameters: [idParameter],
        responses: { '200': { description: 'The raw item.', content: json(ref('Source')) }, '404': error('No article has this id.'), ...common },
      },
    },
    '/api/search': {
      get: {
        operationId: 'search',
        summary: 'Ranked full-text search ("exact phrase", -exclude, a OR b, prefix*; diacritics-insensitive).',
        tags: ['articles'],
        parameters: [{ name: 'q', in: 'query', required: true, description: 'The query, at most 500 characters.', schema: { type: 'string', maxLength: 500 } }, ...paging],
        responses: { '200': { description: 'A page of hits.', content: json(page('SearchHit')) }, '400': error('The query is missing or has no words to look for.'), ...common },
      },
    },
    '/api/stats': {
      get: {
        operationId: 'stats',
        summary: 'Counts by outlet and language, and the publication date range.',
        tags: ['articles'],
        responses: { '200': { description: 'The counts.', content: json(ref('Stats')) }, ...common },
      },
    },
    '/api/ingest': {
      post: {
        operationId: 'ingest',
        summary: 'Starts an ingest job from uploaded files (multipart, field `files`) or from URLs (JSON `{urls: [...]}`).',
        description: 'Answers 202 with the job; poll GET /api/jobs/{id}. URLs that point to private or loopback addresses are refused unless the server allows them.',
        tags: ['ingest'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } },
            'application/json': { schema: { type: 'object', required: ['urls'], properties: { urls: { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1, maxItems: 100 } } } },
          },
        },
        responses: {
          '202': { description: 'The job, queued.', content: json(ref('Job')) },
          '400': error('No files or URLs, a malformed URL, or a private address.'),
          '403': error('A cross-site request.'),
          '413': error('The upload is larger than the server accepts.'),
          ...common,
        },
      },
    },
    '/api/jobs/{id}': {
      get: {
        operationId: 'getJob',
        summary: 'An ingest job: status, items done and failed, articles, per-item errors.',
        tags: ['ingest'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The job.', content: json(ref('Job')) }, '404': error('No such job (jobs live in memory and end with the server).'), ...common },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token the server was started with (quipu serve --token).' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', description: 'Stable code: E_CONFIG, E_NOT_FOUND, E_TOO_LARGE, E_UNAUTHORIZED, …' }, message: { type: 'string' } } } },
      },
      ArticleMeta: {
        type: 'object',
        properties: {
          title: nullable('string'), outlet: nullable('string'), authors: { type: 'array', items: { type: 'string' } }, translator: nullable('string'),
          published: { ...nullable('string'), description: 'ISO date prefix' }, datelinePlace: nullable('string'), language: { type: 'string' },
          source: { type: 'string', description: 'The path or URL the article came from' }, via: nullable('string'), canonicalUrl: nullable('string'),
          partIndex: { type: 'integer' }, partCount: { type: 'integer' },
        },
      },
      ArticleSummary: {
        type: 'object',
        required: ['id', 'meta', 'length'],
        properties: { id: { type: 'string' }, contentHash: { type: 'string' }, meta: ref('ArticleMeta'), ingestedAt: { type: 'string', format: 'date-time' }, length: { type: 'integer', description: 'Characters of clean text' } },
      },
      Article: {
        type: 'object',
        required: ['id', 'meta', 'text', 'layers', 'messages'],
        properties: {
          id: { type: 'string' }, contentHash: { type: 'string' }, meta: ref('ArticleMeta'), ingestedAt: { type: 'string', format: 'date-time' },
          text: { type: 'string', description: 'Clean text; every offset in layers and messages points into it (UTF-16 units)' },
          layers: {
            type: 'object',
            properties: {
              tokens: { type: 'array', items: span({ text: { type: 'string' } }) },
              sentences: { type: 'array', items: span({ tokenStart: { type: 'integer' }, tokenEnd: { type: 'integer' } }) },
              entities: { type: 'array', items: span({ text: { type: 'string' }, type: { type: 'string', enum: ['PER', 'ORG', 'LOC', 'MISC'] }, confidence: { type: 'number' } }, ['type']) },
              timexes: { type: 'array', items: span({ text: { type: 'string' }, type: { type: 'string', enum: ['DATE', 'TIME', 'DURATION', 'SET'] }, value: { type: 'string' }, mod: { type: 'string' }, anchored: { type: 'boolean' } }, ['type', 'value']) },
            },
          },
          messages: { type: 'array', items: span({ rule: { type: 'string' }, reason: { type: 'string' } }, ['rule', 'reason']) },
        },
      },
      Source: {
        type: 'object',
        required: ['locator', 'kind', 'raw', 'sourceMap'],
        properties: {
          locator: { type: 'string' }, kind: { type: 'string', enum: ['html', 'pdf', 'text', 'markdown'] }, raw: { type: 'string' },
          sourceMap: { type: 'array', items: { type: 'object', properties: { textOffset: { type: 'integer' }, rawOffset: { type: 'integer' } } } },
        },
      },
      SearchHit: {
        type: 'object',
        required: ['article', 'score', 'snippet', 'highlights'],
        properties: {
          article: ref('ArticleSummary'), score: { type: 'number' }, snippet: { type: 'string' },
          highlights: { type: 'array', description: '[start, end) offsets into snippet', items: { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'integer' }], minItems: 2, maxItems: 2 } },
        },
      },
      Stats: {
        type: 'object',
        properties: {
          articles: { type: 'integer' }, sources: { type: 'integer' }, characters: { type: 'integer' },
          outlets: { type: 'array', items: { type: 'object', properties: { outlet: nullable('string'), articles: { type: 'integer' } } } },
          languages: { type: 'array', items: { type: 'object', properties: { language: { type: 'string' }, articles: { type: 'integer' } } } },
          published: { type: 'object', properties: { earliest: nullable('string'), latest: nullable('string') } },
        },
      },
      Job: {
        type: 'object',
        required: ['id', 'status', 'progress'],
        properties: {
          id: { type: 'string' }, kind: { type: 'string', enum: ['upload', 'urls'] }, status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
          createdAt: { type: 'string', format: 'date-time' }, startedAt: nullable('string'), finishedAt: nullable('string'), inputs: { type: 'array', items: { type: 'string' } },
          progress: { type: 'object', properties: { total: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' } } },
          ingested: { type: 'integer' }, duplicates: { type: 'integer' },
          articles: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['inserted', 'duplicate'] }, source: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: nullable('string'), language: { type: 'string' }, part: { type: 'integer' } } } },
          errors: { type: 'array', items: { type: 'object', properties: { item: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
          error: { oneOf: [{ type: 'null' }, { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } }] },
        },
      },
    },
  },
};
