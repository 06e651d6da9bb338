/**
 * Every route of the REST API: method, path, parameters, body and answers, from the schemas beside this file. The
 * server registers exactly these (src/server/app.ts), and the OpenAPI 3.1 document served at `/api/openapi.json` is
 * generated from them (`openApiDocument`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { layerNames } from '../core/doc.ts';
import { choice, choiceOr, copyCursor, integer, isoDate, language, list, paging, pathText, requiredText, text } from './params.ts';
import * as s from './schemas.ts';

/** The edges /api/sources gives per outlet of a page by default, and at most: the rest are paged at /api/sources/edges. */
export const defaultEdgesPerOutlet = 5;
export const maxEdgesPerOutlet = 50;

/** The most entities the graph draws: beyond this a force layout in the browser gets slow and the picture unreadable. */
export const maxGraphNodes = 200;

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(s.ApiError, description);
const common = { 401: error('A token is configured and the request did not carry it.'), 500: error('Unexpected failure; no details are given.') } as const;
const malformed = { 400: error('A parameter is malformed.') } as const;

const cached =
  'Computed on the fly over every stored article and cached in the server process until the number of articles changes ' +
  '(fine for stores of thousands of articles; incremental linking at ingest will replace it).';

const articleId = pathText('id', 200, 'Article id.');

export const routes = {
  listArticles: createRoute({
    method: 'get',
    path: '/api/articles',
    operationId: 'listArticles',
    summary: 'Stored articles, newest publication first, filtered and paged.',
    tags: ['articles'],
    request: {
      query: z.object({
        outlet: text(200, 'Outlet name (case-insensitive, exact).'),
        language: language('Language code (en, es, und, …).'),
        from: isoDate('Published on or after.'),
        to: isoDate('Published on or before (a prefix covers its whole period).'),
        ...paging(50),
      }),
    },
    responses: { 200: json(s.page(s.ArticleSummary), 'A page of article summaries.'), ...malformed, ...common },
  }),

  getArticle: createRoute({
    method: 'get',
    path: '/api/articles/{id}',
    operationId: 'getArticle',
    summary: 'One article: metadata, clean text, annotation layers and messages.',
    tags: ['articles'],
    request: {
      params: z.object({ id: articleId }),
      query: z.object({ layers: list(layerNames, `Comma-separated layers to return (${layerNames.join(', ')}); default all.`) }),
    },
    responses: { 200: json(s.Article, 'The article.'), ...malformed, 404: error('No article has this id.'), ...common },
  }),

  getArticleSource: createRoute({
    method: 'get',
    path: '/api/articles/{id}/source',
    operationId: 'getArticleSource',
    summary: 'The decoded raw item the article came from, with the map from text offsets to raw offsets.',
    tags: ['articles'],
    request: { params: z.object({ id: articleId }) },
    responses: { 200: json(s.Source, 'The raw item.'), ...malformed, 404: error('No article has this id.'), ...common },
  }),

  search: createRoute({
    method: 'get',
    path: '/api/search',
    operationId: 'search',
    summary: 'Ranked full-text search ("exact phrase", -exclude, a OR b, prefix*; diacritics-insensitive).',
    tags: ['articles'],
    request: { query: z.object({ q: requiredText(500, 'The query, at most 500 characters.'), ...paging(20) }) },
    responses: { 200: json(s.page(s.SearchHit), 'A page of hits.'), 400: error('The query is missing or has no words to look for.'), ...common },
  }),

  stats: createRoute({
    method: 'get',
    path: '/api/stats',
    operationId: 'stats',
    summary: 'Counts by outlet and language, and the publication date range.',
    tags: ['articles'],
    responses: { 200: json(s.Stats, 'The counts.'), ...common },
  }),

  listClaims: createRoute({
    method: 'get',
    path: '/api/claims',
    operationId: 'listClaims',
    summary: 'The claims ledger: every attribution (speaker, cue, content, hedge) across the stored articles, filtered, sorted and paged.',
    description: cached,
    tags: ['across'],
    request: {
      query: z.object({
        by: text(200, 'Speaker as written or resolved (substring; case and diacritics ignored).'),
        about: text(200, 'An entity mentioned in the content (substring; case and diacritics ignored).'),
        hedge: choice(s.Hedge.options, 'How firmly the claim is put.'),
        sort: choiceOr(s.ClaimSort.options, 'published', 'Sort key (default published); ties keep article then text order.'),
        order: choiceOr(['asc', 'desc'], 'asc', 'Sort order (default asc).'),
        ...paging(50),
      }),
    },
    responses: { 200: json(s.page(s.Claim), 'A page of claims (default 50).'), ...malformed, ...common },
  }),

  listFigureGroups: createRoute({
    method: 'get',
    path: '/api/conflicts',
    operationId: 'listFigureGroups',
    summary: 'The same figure (a toll, a vote count, a sentence) as several articles report it, with a verdict (agree, conflict, evolving, scope, superseded, outlier) and one line of why.',
    description: `Only groups reported by more than one article. A copy that changed a figure of its original is listed at /api/copy-changes. ${cached}`,
    tags: ['across'],
    request: {
      query: z.object({
        verdict: choice(s.Verdict.options, 'Keep groups with this verdict; default all.'),
        key: text(200, 'Keep only the group with this key (as listed in `key`).'),
        sort: choiceOr(['key', 'latest'], 'key', 'Order: `key` (default, stable) or `latest` (the group reported most recently first).'),
        ...paging(10),
      }),
    },
    responses: { 200: json(s.page(s.FigureGroup), 'A page of figure groups (default 10).'), ...malformed, ...common },
  }),

  listDateConflicts: createRoute({
    method: 'get',
    path: '/api/date-conflicts',
    operationId: 'listDateConflicts',
    summary: "Dates that disagree: one person's once-only happening (arrest, removal, swearing-in, death, resignation, sentencing, election, birth) dated differently by different articles.",
    description: `People are keyed as in /api/entities. An article that itself gives two days for a happening is left out of it. Latest report first. ${cached}`,
    tags: ['across'],
    request: { query: z.object(paging(10)) },
    responses: { 200: json(s.page(s.DateConflict), 'A page of date conflicts (default 10).'), ...malformed, ...common },
  }),

  listCopies: createRoute({
    method: 'get',
    path: '/api/copies',
    operationId: 'listCopies',
    summary: 'Articles that copy others (syndicated, repost), each copy with its original, similarity, how many paragraphs they share and how many facts it changed.',
    description:
      `The copy links stored at ingest, what \`quipu copies\` lists, in its order (copy id, then original id); a translated copy is marked \`translated\`. ` +
      "A row counts its shared paragraphs and changed facts (with the first change's note); /api/copies/{copy}/{original} gives the extent and every change, /api/copy-changes the changed copies with theirs. " +
      `Links stored before paragraph fingerprints have no paragraphs, coverage or changes. ${cached}`,
    tags: ['across'],
    request: {
      query: z.object({
        ...paging(100),
        after: copyCursor('The `next` of the page before: the page after that copy link, read by index however deep (`offset` is then not used; the answer says 0).'),
      }),
    },
    responses: { 200: json(s.CopyPage, 'A page of copies (default 100), with the cursor of the next.'), ...malformed, ...common },
  }),

  getCopyPair: createRoute({
    method: 'get',
    path: '/api/copies/{copy}/{original}',
    operationId: 'getCopyPair',
    summary: "One copy and its original side by side: the copy link (extent, changes, evidence) with both articles' metadata and whole texts.",
    description: `The web UI aligns the shared paragraphs by the extent's offsets and marks the changed facts by theirs. ${cached}`,
    tags: ['across'],
    request: { params: z.object({ copy: pathText('copy', 200, 'Id of the copy.'), original: pathText('original', 200, 'Id of the article it copies.') }) },
    responses: { 200: json(s.CopyPair, 'The pair.'), ...malformed, 404: error('No copy link joins these two articles.'), ...common },
  }),

  listCopyChanges: createRoute({
    method: 'get',
    path: '/api/copy-changes',
    operationId: 'listCopyChanges',
    summary: 'Copies that changed a fact of their original — a figure, a date, a name ("this copy says 17 dead where its source says 12"): a finding of its own, listed with the conflicts.',
    description:
      'The copy links (as in /api/copies, same order) that carry at least one change; a row is the list row of /api/copies with its first change in full (its span and text in both articles). ' +
      `/api/copies/{copy}/{original} gives every change. ${cached}`,
    tags: ['across'],
    request: { query: z.object(paging(20)) },
    responses: { 200: json(s.page(s.CopyChangeRow), 'A page of copies that changed a fact, each with its first change (default 20).'), ...malformed, ...common },
  }),

  timeline: createRoute({
    method: 'get',
    path: '/api/timeline',
    operationId: 'timeline',
    summary: 'Dated sentences (events) across articles, by date, then report date.',
    description: cached,
    tags: ['across'],
    request: {
      query: z.object({
        from: isoDate('Events dated on or after (compared at the precision of the prefix).'),
        to: isoDate('Events dated on or before (a prefix covers its whole period).'),
        entity: text(200, 'Keep events that mention this entity: whole words of its folded full name ("Etxeberri" finds Ramiro Etxeberri).'),
        ...paging(100),
      }),
    },
    responses: { 200: json(s.page(s.TimelineEvent), 'A page of events (default 100).'), ...malformed, ...common },
  }),

  listEntities: createRoute({
    method: 'get',
    path: '/api/entities',
    operationId: 'listEntities',
    summary: 'People, organizations, places and other names across articles: the entities linking stored at ingest (as `quipu entities` and the export show them), most mentioned first.',
    description: cached,
    tags: ['across'],
    request: {
      query: z.object({
        type: choice(s.EntityType.options, 'Entity type (the one its mentions have most often).'),
        q: text(200, 'Any of its names (substring; case and diacritics ignored).'),
        ...paging(100),
      }),
    },
    responses: { 200: json(s.page(s.EntitySummary), 'A page of entities (default 100).'), ...malformed, ...common },
  }),

  getEntity: createRoute({
    method: 'get',
    path: '/api/entities/{key}',
    operationId: 'getEntity',
    summary: 'One entity: aliases seen, articles, roles stated beside it, co-occurring entities and the claims it makes.',
    description: `The key is folded again, so a name such as \`Ramiro Etxeberri\` finds \`ramiro-etxeberri\`; any name of the entity (\`Mr Etxeberri\`, \`Ramiro Echeberri\`) or its id answers with the entity it was merged into. ${cached}`,
    tags: ['across'],
    request: { params: z.object({ key: pathText('key', 200, 'The folded name key (lower case, no diacritics, words joined by -), any name of the entity, or its id.') }) },
    responses: { 200: json(s.Entity, 'The entity.'), ...malformed, 404: error('No entity has this name, key or id.'), ...common },
  }),

  entityGraph: createRoute({
    method: 'get',
    path: '/api/graph',
    operationId: 'entityGraph',
    summary: 'The entity network among the top entities (by article count): entities in the same sentence or article, or a speaker whose claims mention another entity.',
    description:
      `Bounded: the top \`limit\` entities (at most ${maxGraphNodes}) are the nodes; edges of the chosen \`link\` weighing at least \`min\`, the strongest first, at most six per node ` +
      `(\`totalEdges\` counts them before that cap). Each edge carries all three counts whatever the link. ${cached}`,
    tags: ['across'],
    request: {
      query: z.object({
        limit: integer(2, maxGraphNodes, 40, `How many entities (2–${maxGraphNodes}, default 40), most articles first.`),
        link: choiceOr(
          s.GraphLink.options,
          'sentence',
          'What makes an edge (default sentence): named in the same sentence, in the same article, or a claim by the source about the target (directed).',
        ),
        min: integer(1, 1_000_000, 1, 'Least weight of an edge (default 1).'),
        type: choice(s.EntityType.options, 'Keep entities of this type only.'),
      }),
    },
    responses: { 200: json(s.EntityGraph, 'Nodes and edges.'), ...malformed, ...common },
  }),

  listSources: createRoute({
    method: 'get',
    path: '/api/sources',
    operationId: 'listSources',
    summary: 'Outlets with their article counts, languages and date range, and who copies or cites whom between them.',
    description:
      'Copies are the links stored at ingest (syndicated and repost; a pull quote is not a copy of an article); citations are found in the text ("first appeared in", "according to", "Source:") ' +
      `and count when they name an outlet of the pile. \`edges\` holds the strongest edges of each outlet of the page (\`edgesPerOutlet\`, default ${defaultEdgesPerOutlet}); ` +
      `each row counts its edges and /api/sources/edges lists them all, a page at a time. ${cached}`,
    tags: ['across'],
    request: {
      query: z.object({
        ...paging(100),
        edgesPerOutlet: integer(0, maxEdgesPerOutlet, defaultEdgesPerOutlet, `The strongest edges given for each outlet of the page (0–${maxEdgesPerOutlet}, default ${defaultEdgesPerOutlet}).`),
      }),
    },
    responses: { 200: json(s.Sources, 'A page of outlets (default 100), most articles first, with their strongest edges.'), ...malformed, ...common },
  }),

  listOutletEdges: createRoute({
    method: 'get',
    path: '/api/sources/edges',
    operationId: 'listOutletEdges',
    summary: 'Every edge of one outlet (it copies or cites, or is copied or cited), strongest first, a page at a time.',
    description: `The edges /api/sources gives the strongest of; an outlet with none, or not in the pile, has an empty page. ${cached}`,
    tags: ['across'],
    request: { query: z.object({ outlet: requiredText(200, 'The outlet, as /api/sources names it.'), ...paging(50) }) },
    responses: { 200: json(s.OutletEdges, 'A page of edges (default 50).'), ...malformed, ...common },
  }),

  ingest: createRoute({
    method: 'post',
    path: '/api/ingest',
    operationId: 'ingest',
    summary: 'Starts an ingest job from uploaded files (multipart, field `files`) or from URLs (JSON `{urls: [...]}`).',
    description: 'Answers 202 with the job; poll GET /api/jobs/{id}. URLs that point to private or loopback addresses are refused unless the server allows them.',
    tags: ['ingest'],
    request: {
      body: {
        required: true,
        content: {
          // The handler reads the files itself (after the size cap); this schema only documents the field.
          'multipart/form-data': { schema: z.looseObject({}).openapi({ properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } }) },
          'application/json': { schema: s.IngestUrls },
        },
      },
    },
    responses: {
      202: json(s.Job, 'The job, queued.'),
      400: error('No files or URLs, a malformed URL, a private address, or another content type.'),
      403: error('A cross-site request.'),
      413: error('The upload is larger than the server accepts.'),
      ...common,
    },
  }),

  getJob: createRoute({
    method: 'get',
    path: '/api/jobs/{id}',
    operationId: 'getJob',
    summary: 'An ingest job: status, items done and failed, articles, per-item errors.',
    tags: ['ingest'],
    request: { params: z.object({ id: pathText('id', 200, 'Job id.') }) },
    responses: { 200: json(s.Job, 'The job.'), ...malformed, 404: error('No such job (jobs live in memory and end with the server).'), ...common },
  }),

  openapi: createRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    summary: 'This document.',
    tags: ['meta'],
    responses: { 200: json(z.looseObject({ openapi: z.literal('3.1.0') }), 'The OpenAPI 3.1 document.'), ...common },
  }),
};

export type RouteName = keyof typeof routes;

const info = {
  title: 'Quipu API',
  version: '0.1.0',
  description:
    'The REST API of a Quipu store: articles, full-text search, counts, ingest jobs, and what holds across articles (claims, conflicting figures, copies, timeline, entities, the entity network, sources). Every failure answers `{error: {code, message}}`. ' +
    'When the server has a token, every /api request must carry `Authorization: Bearer <token>`.',
};

/** The OpenAPI 3.1 document of every route in `routes`, with the bearer scheme. */
export function openApiDocument() {
  const generator = new OpenAPIHono();
  generator.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'The token the server was started with (quipu serve --token).' });
  for (const route of Object.values(routes)) generator.openAPIRegistry.registerPath(route);
  return generator.getOpenAPI31Document({ openapi: '3.1.0', info, servers: [{ url: '/' }], security: [{}, { bearer: [] }] });
}
