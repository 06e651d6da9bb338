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

const cached =
  'Computed on the fly over every stored article and cached in the server process until the number of articles changes ' +
  '(fine for stores of thousands of articles; incremental linking at ingest will replace it).';
const textParam = (name: string, description: string): Parameter => ({ name, in: 'query', description, schema: { type: 'string', maxLength: 200 } });
const enumParam = (name: string, description: string, values: readonly string[]): Parameter => ({ name, in: 'query', description, schema: { type: 'string', enum: values } });
const plainSpan = { type: 'object', required: ['start', 'end'], properties: { start: { type: 'integer' }, end: { type: 'integer' } } } satisfies JsonSchema;

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
      'The REST API of a Quipu store: articles, full-text search, counts, ingest jobs, and what holds across articles (claims, conflicting figures, copies, timeline, entities, the entity network, sources). Every failure answers `{error: {code, message}}`. ' +
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
    '/api/claims': {
      get: {
        operationId: 'listClaims',
        summary: 'The claims ledger: every attribution (speaker, cue, content, hedge) across the stored articles, filtered, sorted and paged.',
        description: cached,
        tags: ['across'],
        parameters: [
          textParam('by', 'Speaker as written or resolved (substring; case and diacritics ignored).'),
          textParam('about', 'An entity mentioned in the content (substring; case and diacritics ignored).'),
          enumParam('hedge', 'How firmly the claim is put.', ['asserted', 'reported', 'alleged', 'speculative', 'unsourced', 'denied']),
          enumParam('sort', 'Sort key (default published); ties keep article then text order.', ['published', 'speaker', 'hedge', 'outlet']),
          enumParam('order', 'Sort order (default asc).', ['asc', 'desc']),
          ...paging,
        ],
        responses: { '200': { description: 'A page of claims (default 50).', content: json(page('Claim')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/conflicts': {
      get: {
        operationId: 'listFigureGroups',
        summary: 'The same figure (a toll, a vote count, a sentence) as several articles report it, with a verdict (agree, conflict, evolving, scope, superseded, outlier) and one line of why.',
        description: `Only groups reported by more than one article. A copy that changed a figure of its original is listed at /api/copy-changes. ${cached}`,
        tags: ['across'],
        parameters: [
          enumParam('verdict', 'Keep groups with this verdict; default all.', ['agree', 'conflict', 'evolving', 'scope', 'superseded', 'outlier']),
          textParam('key', 'Keep only the group with this key (as listed in `key`).'),
          enumParam('sort', 'Order: `key` (default, stable) or `latest` (the group reported most recently first).', ['key', 'latest']),
          ...paging,
        ],
        responses: { '200': { description: 'A page of figure groups (default 10).', content: json(page('FigureGroup')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/date-conflicts': {
      get: {
        operationId: 'listDateConflicts',
        summary: 'Dates that disagree: one person\'s once-only happening (arrest, removal, swearing-in, death, resignation, sentencing, election, birth) dated differently by different articles.',
        description: `People are keyed as in /api/entities. An article that itself gives two days for a happening is left out of it. Latest report first. ${cached}`,
        tags: ['across'],
        parameters: [...paging],
        responses: { '200': { description: 'A page of date conflicts (default 10).', content: json(page('DateConflict')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/copies': {
      get: {
        operationId: 'listCopies',
        summary: 'Articles that copy others (syndicated, repost), each copy with its original, similarity, shared paragraphs and the facts it changed.',
        description: `The copy links stored at ingest, what \`quipu copies\` lists, in its order (copy id, then original id); a translated copy is marked \`translated\`. Links stored before paragraph fingerprints have no extent, coverage or changes. ${cached}`,
        tags: ['across'],
        parameters: [...paging],
        responses: { '200': { description: 'A page of copies (default 100).', content: json(page('Copy')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/copies/{copy}/{original}': {
      get: {
        operationId: 'getCopyPair',
        summary: 'One copy and its original side by side: the copy link (extent, changes, evidence) with both articles\' metadata and whole texts.',
        description: `The web UI aligns the shared paragraphs by the extent's offsets and marks the changed facts by theirs. ${cached}`,
        tags: ['across'],
        parameters: [
          { name: 'copy', in: 'path', required: true, description: 'Id of the copy.', schema: { type: 'string' } },
          { name: 'original', in: 'path', required: true, description: 'Id of the article it copies.', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The pair.', content: json(ref('CopyPair')) }, '404': error('No copy link joins these two articles.'), ...common },
      },
    },
    '/api/copy-changes': {
      get: {
        operationId: 'listCopyChanges',
        summary: 'Copies that changed a fact of their original — a figure, a date, a name ("this copy says 17 dead where its source says 12"): a finding of its own, listed with the conflicts.',
        description: `The copy links (as in /api/copies, same order) that carry at least one change; each change gives its span and text in both articles. ${cached}`,
        tags: ['across'],
        parameters: [...paging],
        responses: { '200': { description: 'A page of copies with their changes (default 20).', content: json(page('Copy')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/timeline': {
      get: {
        operationId: 'timeline',
        summary: 'Dated sentences (events) across articles, by date, then report date.',
        description: cached,
        tags: ['across'],
        parameters: [
          { name: 'from', in: 'query', description: 'Events dated on or after (compared at the precision of the prefix).', schema: isoDate },
          { name: 'to', in: 'query', description: 'Events dated on or before (a prefix covers its whole period).', schema: isoDate },
          textParam('entity', 'Keep events that mention this entity: whole words of its folded full name ("Etxeberri" finds Ramiro Etxeberri).'),
          ...paging,
        ],
        responses: { '200': { description: 'A page of events (default 100).', content: json(page('TimelineEvent')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/entities': {
      get: {
        operationId: 'listEntities',
        summary: 'People, organizations, places and other names across articles: the entities linking stored at ingest (as `quipu entities` and the export show them), most mentioned first.',
        description: cached,
        tags: ['across'],
        parameters: [
          enumParam('type', 'Entity type (the one its mentions have most often).', ['PER', 'ORG', 'LOC', 'MISC']),
          textParam('q', 'Any of its names (substring; case and diacritics ignored).'),
          ...paging,
        ],
        responses: { '200': { description: 'A page of entities (default 100).', content: json(page('EntitySummary')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/entities/{key}': {
      get: {
        operationId: 'getEntity',
        summary: 'One entity: aliases seen, articles, roles stated beside it, co-occurring entities and the claims it makes.',
        description: `The key is folded again, so a name such as \`Ramiro Etxeberri\` finds \`ramiro-etxeberri\`; any name of the entity (\`Mr Etxeberri\`, \`Ramiro Echeberri\`) or its id answers with the entity it was merged into. ${cached}`,
        tags: ['across'],
        parameters: [{ name: 'key', in: 'path', required: true, description: 'The folded name key (lower case, no diacritics, words joined by -), any name of the entity, or its id.', schema: { type: 'string', maxLength: 200 } }],
        responses: { '200': { description: 'The entity.', content: json(ref('Entity')) }, '404': error('No entity has this name, key or id.'), ...common },
      },
    },
    '/api/graph': {
      get: {
        operationId: 'entityGraph',
        summary: 'The entity network among the top entities (by article count): entities in the same sentence or article, or a speaker whose claims mention another entity.',
        description:
          'Bounded: the top `limit` entities (at most 200) are the nodes; edges of the chosen `link` weighing at least `min`, the strongest first, at most six per node ' +
          `(\`totalEdges\` counts them before that cap). Each edge carries all three counts whatever the link. ${cached}`,
        tags: ['across'],
        parameters: [
          { name: 'limit', in: 'query', description: 'How many entities (2–200, default 40), most articles first.', schema: { type: 'integer', minimum: 2, maximum: 200, default: 40 } },
          enumParam('link', 'What makes an edge (default sentence): named in the same sentence, in the same article, or a claim by the source about the target (directed).', ['sentence', 'article', 'quote']),
          { name: 'min', in: 'query', description: 'Least weight of an edge (default 1).', schema: { type: 'integer', minimum: 1, default: 1 } },
          enumParam('type', 'Keep entities of this type only.', ['PER', 'ORG', 'LOC', 'MISC']),
        ],
        responses: { '200': { description: 'Nodes and edges.', content: json(ref('EntityGraph')) }, '400': error('A parameter is malformed.'), ...common },
      },
    },
    '/api/sources': {
      get: {
        operationId: 'listSources',
        summary: 'Outlets with their article counts, languages and date range, and who copies or cites whom between them.',
        description:
          'Copies are the links stored at ingest (syndicated and repost; a pull quote is not a copy of an article); citations are found in the text ("first appeared in", "according to", "Source:") ' +
          `and count when they name an outlet of the pile. \`edges\` holds every edge that touches an outlet of the page. ${cached}`,
        tags: ['across'],
        parameters: [...paging],
        responses: { '200': { description: 'A page of outlets (default 100), most articles first, with the edges.', content: json(ref('Sources')) }, '400': error('A parameter is malformed.'), ...common },
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
      ArticleRef: {
        type: 'object',
        required: ['id', 'title', 'outlet', 'published'],
        properties: { id: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: { ...nullable('string'), description: 'ISO date prefix' } },
      },
      Claim: {
        type: 'object',
        required: ['articleId', 'speaker', 'cue', 'content', 'hedge', 'sentence', 'start', 'end'],
        properties: {
          articleId: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: nullable('string'),
          speaker: nullable('string', 'The source as written; null when unattributed'), speakerKind: nullable('string', 'named, pronoun, unnamed or outlet'),
          speakerEntity: nullable('string', 'The full name the source resolves to, when known'), cue: { type: 'string' }, content: { type: 'string' },
          hedge: { type: 'string', enum: ['asserted', 'reported', 'alleged', 'speculative', 'unsourced', 'denied'] }, form: { type: 'string', enum: ['direct', 'indirect', 'mixed'] },
          about: nullable('string', 'Whom a passive report is about ("X was accused of …"); X is not its speaker'),
          recipient: nullable('string', 'Whom the words were given to ("told IPS"); never a speaker'),
          via: nullable('string', 'The speaker of the attribution that carries this one'),
          sentence: { ...plainSpan, description: 'The sentences the claim lies in (offsets into the article text)' },
          start: { type: 'integer' }, end: { type: 'integer' },
        },
      },
      FigureReport: {
        type: 'object',
        description: 'One distinct point of the group (outlet, report date, value), as the first article that reports it states it; `repeats` counts the reports it stands for.',
        required: ['articleId', 'outlet', 'reported', 'value', 'unit', 'repeats'],
        properties: {
          articleId: { type: 'string' }, outlet: nullable('string'), reported: { ...nullable('string'), description: 'The article\'s publication date' },
          repeats: { type: 'integer', minimum: 1, description: 'Reports with the same outlet, report date and value, this one included' }, value: { type: 'number' }, high: { type: 'number' }, approx: { type: 'string' }, unit: { type: 'string' }, duration: { type: 'string' },
          place: { type: 'string' }, date: { type: 'string' }, cumulative: { type: 'boolean' }, since: { type: 'string' }, subject: { type: 'string' },
          start: { type: 'integer' }, end: { type: 'integer' },
        },
      },
      FigureGroup: {
        type: 'object',
        required: ['key', 'measure', 'verdict', 'values', 'reports', 'articles', 'outlets'],
        properties: {
          key: { type: 'string' }, measure: { type: 'string' }, place: nullable('string'), subject: nullable('string', 'For a sentence, who was sentenced; for a toll of police or soldiers, "security forces"'), date: nullable('string'), since: nullable('string'), cumulative: { type: 'boolean' },
          verdict: { type: 'string', enum: ['agree', 'conflict', 'evolving', 'scope', 'superseded', 'outlier'] }, why: { type: 'string', description: 'One line of why the group has its verdict.' }, values: { type: 'array', items: { type: 'string' } },
          reports: { type: 'array', items: ref('FigureReport'), description: 'Distinct points, sorted by report date, then outlet; when more than 50, 50 spread evenly over the report dates (the first and the last among them)' }, reportTotal: { type: 'integer', description: 'All reports of the group' }, lastReported: nullable('string', 'The latest report date among all reports'), articles: { type: 'integer' }, outlets: { type: 'integer' },
        },
      },
      DateConflict: {
        type: 'object',
        required: ['key', 'entity', 'happening', 'values', 'reports', 'reportTotal'],
        properties: {
          key: { type: 'string' },
          entity: { type: 'object', required: ['key', 'name', 'type'], properties: { key: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } } },
          happening: { type: 'string', enum: ['arrest', 'removal', 'inauguration', 'death', 'resignation', 'sentencing', 'election', 'birth'] },
          values: {
            type: 'array', description: 'Each date given (YYYY-MM-DD), with how many articles give it, the first 50 of them, and the outlets',
            items: { type: 'object', required: ['date', 'articles', 'articleIds', 'outlets'], properties: { date: { type: 'string' }, articles: { type: 'integer' }, articleIds: { type: 'array', items: { type: 'string' } }, outlets: { type: 'array', items: { type: 'string' } } } },
          },
          reports: {
            type: 'array', description: 'Each distinct report (outlet, date given, sentence) once, by report date: the first article that carries it, the date, the sentence (span and text) and `repeats`; at most 30, spread over the report dates',
            items: { type: 'object', required: ['article', 'date', 'start', 'end', 'text', 'repeats'], properties: { article: ref('ArticleRef'), date: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, repeats: { type: 'integer', minimum: 1 } } },
          },
          reportTotal: { type: 'integer', description: 'All reports, repeats included' },
        },
      },
      Copy: {
        type: 'object',
        required: ['kind', 'similarity', 'copy', 'original'],
        properties: {
          kind: { type: 'string', enum: ['syndicated', 'repost'], description: 'syndicated: another outlet carries it; repost: the same outlet (or a repost service) carries it again' },
          similarity: { type: 'number', description: 'How close the two texts\' wording is, 0–1 (0 for a translated copy, whose words differ)' },
          copy: ref('ArticleRef'), original: ref('ArticleRef'),
          translated: { type: 'boolean', description: 'The copy is in another language than its original (English ↔ Spanish); absent otherwise' },
          coverage: { type: 'number', description: 'The share of the copy\'s fingerprinted words that come from the original, 0–1 (1 for a whole copy)' },
          extent: {
            type: 'array', description: 'The paragraphs of the original found in the copy: offsets in each text and how close they are (0–1)',
            items: { type: 'object', required: ['original', 'copy', 'score'], properties: { original: plainSpan, copy: plainSpan, score: { type: 'number' } } },
          },
          changes: {
            type: 'array', description: 'Facts the copy gives otherwise than its original in the paragraphs they share, each with its span and text in both and a note ("this copy says nine days where its source says eleven")',
            items: {
              type: 'object', required: ['kind', 'original', 'copy', 'note'],
              properties: { kind: { type: 'string', enum: ['figure', 'date', 'name'] }, original: ref('TextSpan'), copy: ref('TextSpan'), note: { type: 'string' } },
            },
          },
          evidence: { type: 'array', items: { type: 'string' }, description: 'Why the original is taken for the original: an earlier date, a credit or citation of the other, a wire credit' },
        },
      },
      CopyPair: {
        type: 'object', required: ['link', 'copy', 'original'],
        properties: { link: ref('Copy'), copy: ref('PairArticle'), original: ref('PairArticle') },
      },
      PairArticle: {
        type: 'object', required: ['id', 'title', 'outlet', 'published', 'language', 'text'],
        properties: {
          id: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: { ...nullable('string'), description: 'ISO date prefix' },
          language: { type: 'string' }, text: { type: 'string', description: 'The clean text the extent and change offsets point into (untrusted: escape it)' },
        },
      },
      TextSpan: {
        type: 'object', required: ['start', 'end', 'text'],
        properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } },
      },
      TimelineEvent: {
        type: 'object',
        required: ['article', 'date', 'inherited', 'start', 'end', 'text', 'entities'],
        properties: {
          article: ref('ArticleRef'), date: { type: 'string', description: 'ISO prefix or TIMEX3 calendar value (2023-01-10, 2023-W05, 2023-Q1)' },
          inherited: { type: 'boolean', description: 'The sentence has no date of its own and takes the narrative\'s' },
          start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string', description: 'The sentence' },
          entities: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } } } },
        },
      },
      EntitySummary: {
        type: 'object',
        required: ['key', 'name', 'type', 'mentions', 'articles'],
        properties: {
          key: { type: 'string', description: 'The folded name it is shown by: lower case, no diacritics, words joined by -' }, id: { type: 'string', description: 'The stored entity id' },
          name: { type: 'string', description: 'The full personal-name form written most often, else the form written most often' },
          type: { type: 'string', enum: ['PER', 'ORG', 'LOC', 'MISC'] }, mentions: { type: 'integer' }, articles: { type: 'integer', description: 'Articles that mention it' },
        },
      },
      Entity: {
        type: 'object',
        required: ['key', 'name', 'type', 'mentions', 'articles', 'aliases', 'articleList', 'articleTotal', 'roles', 'cooccurring', 'claims', 'claimTotal'],
        properties: {
          key: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, mentions: { type: 'integer' }, articles: { type: 'integer' },
          aliases: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, mentions: { type: 'integer' } } } },
          articleList: {
            type: 'array',
            description: 'Articles that mention it, by publication date, with the first mention (the first 100; articleTotal counts all)',
            items: { type: 'object', properties: { id: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: nullable('string'), mentions: { type: 'integer' }, start: { type: 'integer' }, end: { type: 'integer' } } },
          },
          roles: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, text: { type: 'string' }, article: ref('ArticleRef'), start: { type: 'integer' }, end: { type: 'integer' } } } },
          cooccurring: { type: 'array', description: 'Entities in the same articles (at most 30), most shared articles first', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, shared: { type: 'integer' } } } },
          claims: { type: 'array', items: ref('Claim'), description: 'Claims whose speaker resolves to this entity (the first 25; claimTotal counts all)' },
          articleTotal: { type: 'integer' }, claimTotal: { type: 'integer' },
        },
      },
      EntityGraph: {
        type: 'object',
        required: ['link', 'nodes', 'edges', 'totalEntities', 'totalEdges', 'limit', 'min'],
        properties: {
          link: { type: 'string', enum: ['sentence', 'article', 'quote'] },
          nodes: { type: 'array', items: { type: 'object', required: ['key', 'name', 'type', 'mentions', 'articles', 'degree'], properties: { key: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, mentions: { type: 'integer' }, articles: { type: 'integer' }, degree: { type: 'integer', description: 'Edges of this node among those returned' } } } },
          edges: {
            type: 'array',
            items: {
              type: 'object',
              required: ['source', 'target', 'weight', 'articles', 'sentences', 'quotes', 'quotesBack'],
              properties: {
                source: { type: 'string', description: 'Entity key; for link=quote the speaker' }, target: { type: 'string', description: 'Entity key; for link=quote the entity the claims mention' },
                weight: { type: 'integer', description: 'The count the chosen link measures' }, articles: { type: 'integer', description: 'Articles naming both' }, sentences: { type: 'integer', description: 'Sentences naming both' },
                quotes: { type: 'integer', description: 'Claims by source whose content mentions target' }, quotesBack: { type: 'integer', description: 'Claims by target whose content mentions source' },
              },
            },
          },
          totalEntities: { type: 'integer' }, totalEdges: { type: 'integer' }, limit: { type: 'integer' }, min: { type: 'integer' },
        },
      },
      Sources: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset', 'edges', 'unknownOutlet'],
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['outlet', 'articles', 'languages', 'earliest', 'latest', 'copiesMade', 'copiedBy', 'citationsMade', 'citesOutside'],
              properties: {
                outlet: { type: 'string' }, articles: { type: 'integer' }, languages: { type: 'array', items: { type: 'string' } }, earliest: nullable('string'), latest: nullable('string'),
                copiesMade: { type: 'integer', description: 'Its articles that copy another outlet\'s' }, copiedBy: { type: 'integer', description: 'Its articles that another outlet copies' },
                citationsMade: { type: 'integer', description: 'Citations of other outlets in the pile' },
                citesOutside: { type: 'array', description: 'Names outside the pile it cites, most cited first (at most 10)', items: { type: 'object', properties: { name: { type: 'string' }, citations: { type: 'integer' } } } },
              },
            },
          },
          total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, unknownOutlet: { type: 'integer', description: 'Articles without an outlet' },
          edges: {
            type: 'array',
            items: {
              type: 'object',
              required: ['from', 'to', 'syndicated', 'repost', 'citations'],
              properties: {
                from: { type: 'string', description: 'The outlet that copies or cites ((unknown outlet) for articles without one)' }, to: { type: 'string', description: 'The outlet copied or cited' },
                syndicated: { type: 'integer' }, repost: { type: 'integer' }, citations: { type: 'integer' },
                copyExample: { type: 'object', properties: { copy: { type: 'string' }, original: { type: 'string' } } },
                citationExample: { type: 'object', properties: { article: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' } } },
              },
            },
          },
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
