/**
 * The one core type: an article's clean text plus standoff annotation layers.
 *
 * Every span carries half-open `start`/`end` offsets in UTF-16 code units into `Doc.text`.
 * `text` is fixed at ingest; later stages only add layers, never rewrite text or earlier layers.
 */
import type { IsoDate } from './iso-date.ts';

export type { DatePrecision } from './iso-date.ts';

/** A half-open character range into `Doc.text`. */
export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  /** Surface text, always `text.slice(start, end)`. */
  text: string;
}

export interface Sentence extends Span {
  /** Index of the first token of the sentence in `Doc.tokens`. */
  tokenStart: number;
  /** Index one past the last token. */
  tokenEnd: number;
}

/** Entity types, in the order every surface lists them. */
export const entityTypes = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof entityTypes)[number];

export interface EntityMention extends Span {
  text: string;
  type: EntityType;
  tokenStart: number;
  tokenEnd: number;
  confidence: number;
  /** Index of the mention in the same doc that this short form refers to ("Cerrón" → "Vladimir Cerrón Rojas"). */
  refersTo?: number;
  /** Set by cross-article linking; extraction never sets it. */
  canonicalId?: string;
}

export const timexTypes = ['DATE', 'TIME', 'DURATION', 'SET'] as const;
export type TimexType = (typeof timexTypes)[number];

/** A TIMEX3-style temporal expression with its normalized value. */
export interface Timex extends Span {
  text: string;
  type: TimexType;
  /** TIMEX3 value: `2024-01-23`, `2023-12`, `2023-W05`, `P3Y`, `PRESENT_REF`, `XXXX-XX-XX`, … */
  value: string;
  /** TIMEX3 mod: `APPROX`, `BEFORE`, `AFTER`, `START`, `END`, … */
  mod?: string;
  /** True when the value was computed from an anchor (the article date or the narrative) rather than read whole. */
  anchored?: boolean;
}

/** How firmly a claim is put, from a flat assertion to a denial: the one list the CLI, the API and the web UI offer. */
export const hedges = ['asserted', 'reported', 'alleged', 'speculative', 'unsourced', 'denied'] as const;
export type Hedge = (typeof hedges)[number];

export interface TextSpan extends Span {
  text: string;
}

export type SourceKind = 'named' | 'pronoun' | 'unnamed' | 'outlet';

/** One attribution relation: who (source) says what (content) through which cue, and how firmly. */
export interface Attribution extends Span {
  cue: TextSpan;
  source:
    | (TextSpan & {
        kind: SourceKind;
        /** Index into `entities` of the mention the source is, or resolves to (a pronoun or short form). */
        entity?: number;
      })
    | null;
  /** Content spans in text order; several when the content is discontinuous. */
  content: TextSpan[];
  form: 'direct' | 'indirect' | 'mixed';
  hedge: Hedge;
  /** Who the words were given to ("told IPS", "dijo a RPP"): never a source of its own. */
  recipient?: TextSpan & { entity?: number };
  /** Whom a passive report is about ("Cerrón was accused of …"): the person, not the speaker. */
  subject?: TextSpan & { entity?: number };
  /** Index into `quotes` of the attribution that carries this one (an outlet citing sources). */
  parent?: number;
  confidence: number;
}

/** A role stated beside a name ("Foreign Minister of Peru, Javier González-Olaechea"). */
export interface RoleFact extends TextSpan {
  /** Index into `entities` of the person or organization the role belongs to. */
  entity: number;
  role: string;
}

/** A sentence placed on the timeline: its own date, or the one the narrative set before it. */
export interface DatedEvent extends Span {
  /** Index into `sentences`. */
  sentence: number;
  /** The calendar value as an ISO prefix (`2023-01-10`, `2023-01`, `2023`, `2023-W05`, `2023-Q1`). */
  date: string;
  /** Index into `timexes` of the expression that dates it; absent when inherited. */
  timex?: number;
  /** True when the sentence has no date of its own and takes the narrative's. */
  inherited: boolean;
  /** Indices into `entities` of the mentions in the sentence. */
  entities: number[];
}

/** Every measure a figure can count, in the order lists and tables show them; `other` last (never compared). */
export const figureMeasures = [
  'killed',
  'injured',
  'hospitalized',
  'detained',
  'missing',
  'displaced',
  'protesters',
  'votes_for',
  'votes_against',
  'abstentions',
  'votes_needed',
  'seats',
  'approval',
  'disapproval',
  'money',
  'troops',
  'sentence',
  'other',
] as const;

export type FigureMeasure = (typeof figureMeasures)[number];

/** A quantity with what it counts, of whom, where and as of when: the unit that figure comparisons use. */
export interface Figure extends TextSpan {
  measure: FigureMeasure;
  /** The number (for a range, its low end); a sentence length is in `duration` instead. */
  value: number;
  high?: number;
  /** `count`, `percent`, a currency code (`USD`, `PEN`), or `duration`. */
  unit: string;
  /** ISO 8601 duration for prison sentences and other lengths of time (`P3Y6M`). */
  duration?: string;
  approx?: 'about' | 'more_than' | 'less_than' | 'at_least' | 'at_most' | 'nearly' | 'up_to';
  /** Who or what is counted ("protesters", "police officers"), as written. */
  subject?: TextSpan;
  /** The place the figure refers to, when the sentence states one. */
  place?: TextSpan;
  /** The date the figure refers to (TIMEX3 value), not the date of the report. */
  date?: string;
  /** A running total ("the toll rose to", "so far", "since October"), which may grow between reports without conflict. */
  cumulative?: boolean;
  /** For a running total: the date it counts from. */
  since?: string;
  /** Indices into `figures` of the items an itemized total lists ("Ayacucho (9), Apurimac (6) …"). */
  parts?: number[];
  /** For an itemized total: whether the parts add up to it. */
  partsAddUp?: boolean;
  /** For a term (measure `sentence`): what kind of term, at which instance, and whether it was imposed or only asked for. */
  term?: FigureTerm;
  /** Who gave the figure ("the ombudsman", "la Fiscalía"), as written: different counters of one thing are not a conflict. */
  counter?: TextSpan;
  confidence: number;
}

/** What a length of time in a court or custody context is: a prison term differs from preventive detention or a ban. */
export interface FigureTerm {
  kind: 'prison' | 'suspended' | 'preventive' | 'disqualification' | 'fine' | 'other';
  /** `first` for a trial court's term, `appeal` for one set or upheld on appeal. */
  instance?: 'first' | 'appeal';
  /** `requested` when prosecutors asked for it, `ratified` when a higher court upheld it. */
  status?: 'imposed' | 'requested' | 'ratified';
}

/** A problem found at a place inside an article: recorded, never thrown (vfile-message style). */
export interface DocMessage {
  start: number;
  end: number;
  /** Stable rule id, e.g. `metadata:date-conflict`. */
  rule: string;
  reason: string;
}

/**
 * Piecewise map from clean-text offsets back to offsets in the raw source (bytes decoded to a string).
 * Each anchor says `text[textOffset]` came from `raw[rawOffset]`; between anchors offsets advance together.
 */
export interface SourceAnchor {
  textOffset: number;
  rawOffset: number;
}

export type Language = 'en' | 'es' | 'und' | (string & {});

export interface ArticleMeta {
  title: string | null;
  outlet: string | null;
  authors: string[];
  translator: string | null;
  /** ISO prefix whose length is its precision: `2023`, `2023-01`, `2023-01-10`. */
  published: IsoDate | null;
  datelinePlace: string | null;
  language: Language;
  /** Where the item came from: an absolute path or a URL. */
  source: string;
  /** The site that carried the article when it is not the outlet (an aggregator's repost). */
  via: string | null;
  canonicalUrl: string | null;
  /** Position of the article within its source when a page holds several (0-based). */
  partIndex: number;
  partCount: number;
}

/** The metadata of an article nothing is known about but its source: one part, no title, outlet, authors or dates. */
export function bareMeta(source: string, language: Language = 'en'): ArticleMeta {
  return {
    title: null,
    outlet: null,
    authors: [],
    translator: null,
    published: null,
    datelinePlace: null,
    language,
    source,
    via: null,
    canonicalUrl: null,
    partIndex: 0,
    partCount: 1,
  };
}

/** The annotation layers a pipeline stage may require or assign. */
export interface Layers {
  tokens: Token[];
  sentences: Sentence[];
  entities: EntityMention[];
  timexes: Timex[];
  quotes: Attribution[];
  roles: RoleFact[];
  events: DatedEvent[];
  figures: Figure[];
}

export type LayerName = keyof Layers;

/** Every layer name, in pipeline order (the API's `?layers=` takes any of them). */
export const layerNames = ['tokens', 'sentences', 'entities', 'timexes', 'quotes', 'roles', 'events', 'figures'] as const satisfies readonly LayerName[];
// A layer added to `Layers` but not to `layerNames` fails here.
const _everyLayerListed: Exclude<LayerName, (typeof layerNames)[number]> extends never ? true : never = true;
void _everyLayerListed;

export interface Doc extends Partial<Layers> {
  /** Stable id derived from the content hash. */
  id: string;
  /** SHA-256 (hex) of the normalized text; equal hashes are the same article. */
  contentHash: string;
  text: string;
  meta: ArticleMeta;
  sourceMap: SourceAnchor[];
  messages: DocMessage[];
}

/** Maps a clean-text offset back to the raw source offset. */
export function toRawOffset(sourceMap: readonly SourceAnchor[], textOffset: number): number {
  let lo = 0;
  let hi = sourceMap.length - 1;
  if (hi < 0) return textOffset;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sourceMap[mid]!.textOffset <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  const anchor = sourceMap[lo]!;
  return anchor.rawOffset + (textOffset - anchor.textOffset);
}
