/**
 * The shapes of the REST API's answers, written once: the server's routes declare them (routes.ts), the OpenAPI
 * document is generated from them, the contract test validates every answer against them, and the web app takes its
 * types from them (`import type` only: zod stays out of the browser bundle).
 *
 * Objects are strict: a field the server answers but this file does not declare fails the contract test, so a new
 * field is written here first.
 */
import { z } from '@hono/zod-openapi';
import { entityTypes, hedges, layerNames, timexTypes } from '../core/doc.ts';

const obj = z.strictObject;
const int = () => z.number().int();
const nullableString = (description?: string) => (description ? z.string().nullable().openapi({ description }) : z.string().nullable());
const isoPrefix = (description = 'ISO date prefix') => z.string().nullable().openapi({ description });
const plainSpan = obj({ start: int(), end: int() });

/** Every list the API answers: a page of items with the total before paging. */
export const page = <T extends z.ZodType>(item: T) => obj({ items: z.array(item), total: int(), limit: int(), offset: int() });

export const EntityType = z.enum(entityTypes).openapi('EntityType');
export const Hedge = z.enum(hedges).openapi('Hedge');
export const LayerName = z.enum(layerNames);
export const Verdict = z.enum(['agree', 'conflict', 'evolving', 'scope', 'superseded', 'outlier']).openapi('Verdict');
export const Happening = z.enum(['arrest', 'removal', 'inauguration', 'death', 'resignation', 'sentencing', 'election', 'birth']);
export const GraphLink = z.enum(['sentence', 'article', 'quote']);
export const ClaimSort = z.enum(['published', 'speaker', 'hedge', 'outlet']);

export const ApiError = obj({
  error: obj({
    code: z.string().openapi({ description: 'Stable code: E_CONFIG, E_NOT_FOUND, E_TOO_LARGE, E_UNAUTHORIZED, E_FORBIDDEN, E_BAD_URL, E_PRIVATE_ADDRESS, E_INTERNAL, …' }),
    message: z.string(),
  }),
}).openapi('Error', { description: 'Every failure: `{error: {code, message}}`.' });

export const ArticleMeta = obj({
  title: nullableString(),
  outlet: nullableString(),
  authors: z.array(z.string()),
  translator: nullableString(),
  published: isoPrefix(),
  datelinePlace: nullableString(),
  language: z.string(),
  source: z.string().openapi({ description: 'The path or URL the article came from' }),
  via: nullableString('The site that carried the article when it is not the outlet'),
  canonicalUrl: nullableString(),
  partIndex: int(),
  partCount: int(),
}).openapi('ArticleMeta');

export const ArticleSummary = obj({
  id: z.string(),
  contentHash: z.string(),
  meta: ArticleMeta,
  ingestedAt: z.string().openapi({ format: 'date-time' }),
  length: int().openapi({ description: 'Characters of clean text' }),
}).openapi('ArticleSummary');

const span = <S extends z.ZodRawShape>(shape: S) =>
  z.looseObject({ start: int().openapi({ description: 'UTF-16 offset into text, inclusive' }), end: int().openapi({ description: 'UTF-16 offset, exclusive' }), ...shape });
const textSpan = obj({ start: int(), end: int(), text: z.string() });

/** The annotation layers as stored (see src/core/doc.ts); their items may carry more fields than listed. */
const Layers = obj({
  tokens: z.array(span({ text: z.string() })).optional(),
  sentences: z.array(span({ tokenStart: int(), tokenEnd: int() })).optional(),
  entities: z.array(span({ text: z.string(), type: EntityType, confidence: z.number().optional(), canonicalId: z.string().optional() })).optional(),
  timexes: z.array(span({ text: z.string(), type: z.enum(timexTypes), value: z.string(), mod: z.string().optional(), anchored: z.boolean().optional() })).optional(),
  quotes: z
    .array(
      span({
        cue: textSpan,
        source: z.looseObject({ start: int(), end: int(), text: z.string(), kind: z.string() }).nullable(),
        content: z.array(textSpan),
        form: z.enum(['direct', 'indirect', 'mixed']),
        hedge: Hedge,
      }),
    )
    .optional()
    .openapi({ description: 'Attributions: who says what through which cue, and how firmly' }),
  roles: z
    .array(span({ text: z.string(), entity: int(), role: z.string() }))
    .optional()
    .openapi({ description: 'Roles stated beside a name; `entity` indexes the entities layer' }),
  events: z
    .array(span({ sentence: int(), date: z.string(), inherited: z.boolean(), entities: z.array(int()) }))
    .optional()
    .openapi({ description: 'Dated sentences' }),
  figures: z
    .array(span({ text: z.string(), measure: z.string(), value: z.number(), unit: z.string() }))
    .optional()
    .openapi({ description: 'Quantities with what they count, where and as of when' }),
}).openapi({ description: 'The annotation layers asked for (`?layers=`), all by default' });

export const Article = obj({
  id: z.string(),
  contentHash: z.string(),
  meta: ArticleMeta,
  ingestedAt: z.string().openapi({ format: 'date-time' }),
  length: int().openapi({ description: 'Characters of clean text' }),
  text: z.string().openapi({ description: 'Clean text; every offset in layers and messages points into it (UTF-16 units)' }),
  layers: Layers,
  messages: z.array(obj({ start: int(), end: int(), rule: z.string(), reason: z.string() })),
}).openapi('Article');

export const Source = obj({
  locator: z.string(),
  kind: z.string().openapi({ description: 'html, pdf, text or markdown' }),
  raw: z.string().openapi({ description: 'The decoded raw item (untrusted: escape it)' }),
  sourceMap: z.array(obj({ textOffset: int(), rawOffset: int() })),
}).openapi('Source');

export const SearchHit = obj({
  article: ArticleSummary,
  score: z.number(),
  snippet: z.string(),
  highlights: z.array(z.tuple([int(), int()])).openapi({ description: '[start, end) offsets into snippet' }),
}).openapi('SearchHit');

export const Stats = obj({
  articles: int(),
  sources: int(),
  characters: int(),
  outlets: z.array(obj({ outlet: nullableString(), articles: int() })),
  languages: z.array(obj({ language: z.string(), articles: int() })),
  published: obj({ earliest: nullableString(), latest: nullableString() }),
}).openapi('Stats');

export const ArticleRef = obj({ id: z.string(), title: nullableString(), outlet: nullableString(), published: isoPrefix() }).openapi('ArticleRef');

export const Claim = obj({
  articleId: z.string(),
  title: nullableString(),
  outlet: nullableString(),
  published: isoPrefix(),
  speaker: nullableString('The source as written; null when unattributed'),
  speakerKind: z.enum(['named', 'pronoun', 'unnamed', 'outlet']).nullable(),
  speakerEntity: nullableString('The full name the source resolves to, when known'),
  cue: z.string(),
  content: z.string(),
  hedge: Hedge,
  form: z.enum(['direct', 'indirect', 'mixed']),
  about: nullableString('Whom a passive report is about ("X was accused of …"); X is not its speaker'),
  recipient: nullableString('Whom the words were given to ("told IPS"); never a speaker'),
  via: nullableString('The speaker of the attribution that carries this one'),
  sentence: plainSpan.openapi({ description: 'The sentences the claim lies in (offsets into the article text)' }),
  start: int(),
  end: int(),
}).openapi('Claim');

export const FigureReport = obj({
  articleId: z.string(),
  outlet: nullableString(),
  reported: isoPrefix("The article's publication date"),
  repeats: int().min(1).openapi({ description: 'Reports with the same outlet, report date and value, this one included' }),
  value: z.number(),
  high: z.number().optional(),
  approx: z.string().optional(),
  unit: z.string(),
  duration: z.string().optional().openapi({ description: 'ISO 8601 duration of a term (P3Y6M)' }),
  place: z.string().optional().openapi({ description: 'The place as the sentence states it' }),
  date: z.string().optional().openapi({ description: 'The date the figure refers to' }),
  cumulative: z.boolean().optional(),
  since: z.string().optional(),
  partOf: z.number().optional().openapi({ description: 'The whole of its sentence this count is a part of' }),
  vague: z.boolean().optional().openapi({ description: 'A vague amount in words ("dozens of"): its value is a floor, not a count anyone gave' }),
  subject: z.string().optional(),
  start: int().optional(),
  end: int().optional(),
  ref: z.string().optional().openapi({ description: 'The date the figure describes, for ordering' }),
  refFrom: z.enum(['figure', 'sentence', 'article', 'narrative', 'course']).optional(),
  placeKey: z.string().optional(),
  placeLevel: z.enum(['country', 'region', 'city', 'local']).optional(),
  placeName: z.string().optional(),
  placeWithin: z.string().optional().openapi({ description: 'For a place the gazetteer does not know, the key of the place the article puts it in' }),
  counter: z.string().optional().openapi({ description: 'Who gave the figure, as written' }),
  counterFamily: z.string().optional(),
  term: z
    .looseObject({
      kind: z.enum(['prison', 'suspended', 'preventive', 'disqualification', 'fine', 'other']),
      instance: z.enum(['first', 'appeal']).optional(),
      status: z.enum(['imposed', 'requested', 'ratified']).optional(),
    })
    .optional(),
}).openapi('FigureReport', {
  description: 'One distinct point of the group (outlet, report date, value), as the first article that reports it states it; `repeats` counts the reports it stands for.',
});

export const FigureGroup = obj({
  key: z.string(),
  measure: z.string(),
  place: nullableString(),
  subject: nullableString('For a sentence, who was sentenced; for a toll of police or soldiers, "security forces"'),
  date: nullableString(),
  since: nullableString(),
  cumulative: z.boolean(),
  verdict: Verdict,
  why: z.string().openapi({ description: 'One line of why the group has its verdict.' }),
  counters: z.array(z.string()).openapi({ description: 'The counters named behind the reports' }),
  values: z.array(z.string()),
  reports: z
    .array(FigureReport)
    .openapi({ description: 'Distinct points, sorted by report date, then outlet; when more than 50, 50 spread evenly over the report dates (the first and the last among them)' }),
  reportTotal: int().openapi({ description: 'All reports of the group' }),
  lastReported: nullableString('The latest report date among all reports'),
  articles: int(),
  outlets: int(),
}).openapi('FigureGroup');

const EntityRef = obj({ key: z.string(), name: z.string(), type: EntityType });

export const DateConflict = obj({
  key: z.string(),
  entity: EntityRef,
  happening: Happening,
  values: z
    .array(obj({ date: z.string(), articles: int(), articleIds: z.array(z.string()), outlets: z.array(z.string()) }))
    .openapi({ description: 'Each date given (YYYY-MM-DD), with how many articles give it, the first 50 of them, and the outlets' }),
  reports: z
    .array(obj({ article: ArticleRef, date: z.string(), start: int(), end: int(), text: z.string(), repeats: int().min(1) }))
    .openapi({ description: 'Each distinct report (outlet, date given, sentence) once, by report date, `repeats` counting the articles that carry it; at most 30, spread over the report dates' }),
  reportTotal: int().openapi({ description: 'All reports, repeats included' }),
}).openapi('DateConflict');

const TextSpan = textSpan.openapi('TextSpan');

export const CopyChange = obj({ kind: z.enum(['figure', 'date', 'name']), original: TextSpan, copy: TextSpan, note: z.string() });

export const Copy = obj({
  kind: z.enum(['syndicated', 'repost']).openapi({ description: 'syndicated: another outlet carries it; repost: the same outlet (or a repost service) carries it again' }),
  similarity: z.number().openapi({ description: "How close the two texts' wording is, 0–1 (0 for a translated copy, whose words differ)" }),
  copy: ArticleRef,
  original: ArticleRef,
  translated: z.boolean().optional().openapi({ description: 'The copy is in another language than its original (English ↔ Spanish); absent otherwise' }),
  coverage: z.number().optional().openapi({ description: "The share of the copy's fingerprinted words that come from the original, 0–1 (1 for a whole copy)" }),
  extent: z
    .array(obj({ original: plainSpan, copy: plainSpan, score: z.number() }))
    .optional()
    .openapi({ description: 'The paragraphs of the original found in the copy: offsets in each text and how close they are (0–1)' }),
  changes: z.array(CopyChange).optional().openapi({
    description:
      'Facts the copy gives otherwise than its original in the paragraphs they share, each with its span and text in both and a note ("this copy says nine days where its source says eleven")',
  }),
  evidence: z.array(z.string()).optional().openapi({ description: 'Why the original is taken for the original: an earlier date, a credit or citation of the other, a wire credit' }),
}).openapi('Copy');

/**
 * A row of the list of copies: the link without its extent and changes (a copy's changes run to kilobytes; a page of
 * 100 rows carried 400 KB at 10,000 articles), with their counts and the first change's note. The pair route gives all.
 */
export const CopyListRow = Copy.omit({ extent: true, changes: true })
  .extend({
    paragraphs: int().optional().openapi({ description: 'The paragraphs of the original found in the copy (absent on links stored before paragraph fingerprints)' }),
    changeCount: int().openapi({ description: 'Facts the copy gives otherwise than its original (listed at /api/copies/{copy}/{original})' }),
    firstChange: z.string().optional().openapi({ description: 'The first change\'s note ("this copy says nine days where its source says eleven"); absent when none' }),
  })
  .openapi('CopyListRow');

/**
 * A row of the copies that changed a fact: the list row with its first change in full (both spans, to link to them);
 * the others come with the pair when the row is opened. Every change of every row made 88 KB a page of 20 at 2,000 articles.
 */
export const CopyChangeRow = CopyListRow.extend({
  change: CopyChange.openapi({ description: 'The first change, with its span and text in both articles' }),
}).openapi('CopyChangeRow');

export const PairArticle = obj({
  id: z.string(),
  title: nullableString(),
  outlet: nullableString(),
  published: isoPrefix(),
  language: z.string(),
  text: z.string().openapi({ description: 'The clean text the extent and change offsets point into (untrusted: escape it)' }),
}).openapi('PairArticle');

export const CopyPair = obj({ link: Copy, copy: PairArticle, original: PairArticle }).openapi('CopyPair');

export const TimelineEvent = obj({
  article: ArticleRef,
  date: z.string().openapi({ description: 'ISO prefix or TIMEX3 calendar value (2023-01-10, 2023-W05, 2023-Q1)' }),
  inherited: z.boolean().openapi({ description: "The sentence has no date of its own and takes the narrative's" }),
  start: int(),
  end: int(),
  text: z.string().openapi({ description: 'The sentence' }),
  entities: z.array(EntityRef),
}).openapi('TimelineEvent');

const entitySummaryShape = {
  key: z.string().openapi({ description: 'The folded name it is shown by: lower case, no diacritics, words joined by - (src/core/names.ts entityKey)' }),
  id: z.string().optional().openapi({ description: 'The stored entity id' }),
  name: z.string().openapi({ description: 'The full personal-name form written most often, else the form written most often' }),
  type: EntityType.openapi({ description: 'The type its mentions have most often' }),
  mentions: int(),
  articles: int().openapi({ description: 'Articles that mention it' }),
};
export const EntitySummary = obj(entitySummaryShape).openapi('EntitySummary');

export const Entity = obj({
  ...entitySummaryShape,
  aliases: z.array(obj({ text: z.string(), mentions: int() })),
  articleList: z
    .array(obj({ id: z.string(), title: nullableString(), outlet: nullableString(), published: isoPrefix(), mentions: int(), start: int(), end: int() }))
    .openapi({ description: 'Articles that mention it, by publication date, with the first mention (the first 100; articleTotal counts all)' }),
  articleTotal: int(),
  roles: z.array(obj({ role: z.string(), text: z.string(), article: ArticleRef, start: int(), end: int() })),
  cooccurring: z.array(obj({ ...entitySummaryShape, shared: int() })).openapi({ description: 'Entities in the same articles (at most 30), most shared articles first' }),
  claims: z.array(Claim).openapi({ description: 'Claims whose speaker resolves to this entity (the first 25; claimTotal counts all)' }),
  claimTotal: int(),
}).openapi('Entity');

export const EntityGraph = obj({
  link: GraphLink,
  nodes: z.array(obj({ ...entitySummaryShape, degree: int().openapi({ description: 'Edges of this node among those returned' }) })),
  edges: z.array(
    obj({
      source: z.string().openapi({ description: 'Entity key; for link=quote the speaker' }),
      target: z.string().openapi({ description: 'Entity key; for link=quote the entity the claims mention' }),
      weight: int().openapi({ description: 'The count the chosen link measures' }),
      articles: int().openapi({ description: 'Articles naming both' }),
      sentences: int().openapi({ description: 'Sentences naming both' }),
      quotes: int().openapi({ description: 'Claims by source whose content mentions target' }),
      quotesBack: int().openapi({ description: 'Claims by target whose content mentions source' }),
    }),
  ),
  totalEntities: int(),
  totalEdges: int(),
  limit: int(),
  min: int(),
}).openapi('EntityGraph');

export const OutletRow = obj({
  outlet: z.string(),
  articles: int(),
  languages: z.array(z.string()),
  earliest: nullableString(),
  latest: nullableString(),
  copiesMade: int().openapi({ description: "Its articles that copy another outlet's" }),
  copiedBy: int().openapi({ description: 'Its articles that another outlet copies' }),
  citationsMade: int().openapi({ description: 'Citations of other outlets in the pile' }),
  citesOutside: z.array(obj({ name: z.string(), citations: int() })).openapi({ description: 'Names outside the pile it cites, most cited first (at most 10)' }),
});

export const SourceEdge = obj({
  from: z.string().openapi({ description: 'The outlet that copies or cites ((unknown outlet) for articles without one)' }),
  to: z.string().openapi({ description: 'The outlet copied or cited' }),
  syndicated: int(),
  repost: int(),
  citations: int(),
  copyExample: obj({ copy: z.string(), original: z.string() }).optional(),
  citationExample: obj({ article: z.string(), start: int(), end: int() }).optional(),
});

export const Sources = obj({
  items: z.array(OutletRow.extend({ edges: int().openapi({ description: 'Edges it is on (copying or cited, itself included): all of them at /api/sources/edges?outlet=' }) })),
  total: int(),
  limit: int(),
  offset: int(),
  unknownOutlet: int().openapi({ description: 'Articles without an outlet' }),
  edges: z
    .array(SourceEdge)
    .openapi({ description: 'The strongest edges (copies and citations together) of each outlet of the page, at most `edgesPerOutlet` each, strongest first; an edge between two of them once' }),
  edgesPerOutlet: int(),
  edgeTotal: int().openapi({ description: 'Every edge that touches an outlet of the page' }),
}).openapi('Sources');

export const OutletEdges = page(SourceEdge).extend({ outlet: z.string() }).openapi('OutletEdges');

export const Job = obj({
  id: z.string(),
  kind: z.enum(['upload', 'urls']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  createdAt: z.string().openapi({ format: 'date-time' }),
  startedAt: nullableString(),
  finishedAt: nullableString(),
  inputs: z.array(z.string()).openapi({ description: 'What was submitted: file names or URLs' }),
  progress: obj({ total: int(), done: int(), failed: int() }),
  ingested: int(),
  duplicates: int(),
  articles: z.array(
    obj({
      id: z.string(),
      status: z.enum(['inserted', 'duplicate']),
      source: z.string(),
      title: nullableString(),
      outlet: nullableString(),
      published: isoPrefix(),
      language: z.string(),
      part: int(),
    }),
  ),
  errors: z.array(obj({ item: z.string(), code: z.string(), message: z.string() })),
  error: obj({ code: z.string(), message: z.string() }).nullable().openapi({ description: 'Set when the job itself broke (not one of its items)' }),
}).openapi('Job');

export const maxUrls = 100;
const maxUrlLength = 2048;
const urlsError = 'takes a list of http(s) URLs: send {"urls": ["https://…"]}';
export const IngestUrls = z.object({
  urls: z
    .array(z.string({ error: `takes URL strings of at most ${maxUrlLength} characters` }).max(maxUrlLength, { error: `takes URL strings of at most ${maxUrlLength} characters` }), { error: urlsError })
    .min(1, { error: 'takes at least one http(s) URL' })
    .max(maxUrls, { error: `takes at most ${maxUrls} URLs per job` })
    .openapi({ description: `http(s) URLs of pages or feeds (at most ${maxUrls}, each at most ${maxUrlLength} characters)` }),
});

export type ApiError = z.output<typeof ApiError>;
export type ArticleMeta = z.output<typeof ArticleMeta>;
export type ArticleSummary = z.output<typeof ArticleSummary>;
export type Article = z.output<typeof Article>;
export type Source = z.output<typeof Source>;
export type SearchHit = z.output<typeof SearchHit>;
export type Stats = z.output<typeof Stats>;
export type ArticleRef = z.output<typeof ArticleRef>;
export type Claim = z.output<typeof Claim>;
export type Verdict = z.output<typeof Verdict>;
export type FigureReport = z.output<typeof FigureReport>;
export type FigureGroup = z.output<typeof FigureGroup>;
export type DateConflict = z.output<typeof DateConflict>;
export type CopyChange = z.output<typeof CopyChange>;
export type Copy = z.output<typeof Copy>;
export type CopyListRow = z.output<typeof CopyListRow>;
export type CopyChangeRow = z.output<typeof CopyChangeRow>;
/** A page of copies, with the cursor of the page after it. */
export const CopyPage = page(CopyListRow).extend({
  next: z.string().optional().openapi({ description: 'Pass as `after` for the page after this one, read by index however deep (absent when this page is not full)' }),
});
export type CopyPage = z.output<typeof CopyPage>;
export type CopyPair = z.output<typeof CopyPair>;
export type TimelineEvent = z.output<typeof TimelineEvent>;
export type EntitySummary = z.output<typeof EntitySummary>;
export type Entity = z.output<typeof Entity>;
export type EntityGraph = z.output<typeof EntityGraph>;
export type OutletRow = z.output<typeof OutletRow>;
export type SourceEdge = z.output<typeof SourceEdge>;
export type Sources = z.output<typeof Sources>;
export type OutletEdges = z.output<typeof OutletEdges>;
export type Job = z.output<typeof Job>;
export type IngestUrls = z.output<typeof IngestUrls>;
/** A page of `T`, as every list of the API answers. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
