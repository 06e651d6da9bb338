/**
 * entities: PER, ORG, LOC and MISC mentions from the averaged-perceptron tagger shipped in models/.
 *
 * Each mention carries character offsets, token indices and a confidence (the mean
 * forward-backward marginal of its labels). A short form later in the article ("Cerrón")
 * points through `refersTo` at the full mention it abbreviates ("Vladimir Cerrón Rojas").
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Doc, EntityMention, EntityType } from '../../core/doc.ts';
import { QuipuError } from '../../core/errors.ts';
import { modelsUrl } from '../../core/package-paths.ts';
import type { Stage } from '../../core/pipeline.ts';
import { NerModel, type NerModelParts, TYPES } from './model.ts';
import { adoptedModelParts } from '../model-parts.ts';
import { clusterMap } from '../shared-clusters.ts';
import { loadPlaceNames, PlaceNames } from './place-names.ts';
import { repairNames } from './name-repairs.ts';
import { retypeNames, type NameSpan } from './typing.ts';
import { monthsEn, monthsEs, weekdaysEn, weekdaysEs } from '../timex/lexicon.ts';
import { alternation, wireAgencies } from '../../core/wire-agencies.ts';

export { NerModel } from './model.ts';
export { loadPlaceNames, PlaceNames } from './place-names.ts';

const MODELS_DIR = modelsUrl();
const cache = new Map<string, NerModel>();

/** Path of a shipped model file. */
export function modelPath(name: string): URL {
  return new URL(name, MODELS_DIR);
}

/** Reads a cluster map written by scripts/lib-ner/train-clusters.ts: gzipped lines "word<TAB>id1,id2,…". */
export function readClusters(gz: Uint8Array): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const text = gunzipSync(gz).toString('utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) {
      // ids parsed by hand: split + map(Number) over 90k lines is a third of the load time
      const ids: number[] = [];
      let value = 0;
      for (let i = tab + 1; i <= end; i++) {
        const c = i < end ? text.charCodeAt(i) : 44;
        if (c === 44 /* , */ || c === 13) {
          ids.push(value);
          value = 0;
          if (c === 13) break;
        } else value = value * 10 + (c - 48);
      }
      map.set(text.slice(start, tab), ids);
    }
    start = end + 1;
  }
  return map;
}

/** Reads a name list written by scripts/train-ner.ts: gzipped lines "lowercase name<TAB>type bits". */
export function readGazetteer(gz: Uint8Array): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return map;
}

const partsCache = new Map<'en' | 'es', NerModelParts>();

/**
 * The decoded weights of the NER model for a language: those another thread handed this one (`adoptModelParts`), else
 * decoded here once per process.
 */
export function nerModelParts(lang: 'en' | 'es'): NerModelParts {
  const given = adoptedModelParts()?.ner[lang];
  if (given) return given;
  let parts = partsCache.get(lang);
  if (!parts) {
    const file = modelPath(`ner-${lang}.bin.gz`);
    if (!existsSync(file)) {
      throw new QuipuError('E_CONFIG', `NER model for "${lang}" not found at ${file.pathname}; run \`npm run train:ner\` to build it.`);
    }
    parts = NerModel.decodeParts(readFileSync(file));
    partsCache.set(lang, parts);
  }
  return parts;
}

/** Loads (once per process) the NER model for a language, with its word clusters when it uses them. */
export function loadNerModel(lang: 'en' | 'es'): NerModel {
  const cached = cache.get(lang);
  if (cached) return cached;
  const clusterFile = modelPath(`clusters-${lang}.tsv.gz`);
  const present = (path: URL, what: string): URL => {
    if (!existsSync(path)) {
      throw new QuipuError('E_CONFIG', `${what} for "${lang}" missing at ${path.pathname}; run \`npm run train:ner\` to rebuild models/.`);
    }
    return path;
  };
  const need = (path: URL, what: string): Uint8Array => readFileSync(present(path, what));
  const model = NerModel.fromParts(nerModelParts(lang), (header) => ({
    // shared with the attribution model, and with every annotation thread when the parts were handed to this one
    clusters: header.features.clusterLevels > 0 ? clusterMap(present(clusterFile, 'Word clusters'), readClusters) : null,
    gazetteer: header.features.gazetteer ? readGazetteer(need(modelPath(`gazetteer-${lang}.tsv.gz`), 'Name list')) : null,
  }));
  cache.set(lang, model);
  return model;
}

export interface SentenceTags {
  tags: string[];
  confidence: Float32Array;
}

/**
 * Tags the sentences (token forms) of one document; document-level features see them all. Confidences are set on name
 * tokens only. With `places`, the typing prior (`typing.ts`) retypes the names as `findEntities` does.
 */
export function tagSentences(model: NerModel, sentences: readonly (readonly string[])[], options: { consistency?: boolean; places?: PlaceNames } = {}): SentenceTags[] {
  const tagged = model.tagDocument(sentences).map(({ labels, confidence }) => ({ tags: model.scheme.toIob2(labels), confidence }));
  if (options.consistency ?? false) harmonizeTypes(sentences, tagged);
  if (options.places) retypeTags(sentences, tagged, options.places);
  return tagged;
}

/** The names in IOB2-tagged sentences, in document order, with their mean confidence. */
function spansOfTags(tagged: readonly SentenceTags[]): NameSpan[] {
  const spans: NameSpan[] = [];
  tagged.forEach(({ tags, confidence }, s) => {
    let i = 0;
    while (i < tags.length) {
      if (tags[i] === 'O') {
        i++;
        continue;
      }
      const type = tags[i]!.slice(2);
      let j = i + 1;
      while (j < tags.length && tags[j] === `I-${type}`) j++;
      let conf = 0;
      for (let k = i; k < j; k++) conf += confidence[k]!;
      spans.push({ s, start: i, end: j, type, confidence: conf / (j - i) });
      i = j;
    }
  });
  return spans;
}

/** Writes a span's type back into its sentence's IOB2 tags. */
function setSpanType(tagged: SentenceTags[], m: NameSpan, type: string): void {
  const tags = tagged[m.s]!.tags;
  tags[m.start] = `B-${type}`;
  for (let t = m.start + 1; t < m.end; t++) tags[t] = `I-${type}`;
}

/** The typing prior over IOB2 tags: names read out as spans, persons cut out of organizations, retyped, and written back. */
function retypeTags(sentences: readonly (readonly string[])[], tagged: SentenceTags[], places: PlaceNames): void {
  const found = spansOfTags(tagged);
  const spans = repairNames(found, sentences, places);
  if (spans.length !== found.length || spans.some((m, k) => m !== found[k])) {
    // a person cut out of an organization span or found after a surname cue: the tokens rewritten, a portfolio left to the role before it
    for (const m of found) tagged[m.s]!.tags.fill('O', m.start, m.end);
    for (const m of spans) setSpanType(tagged, m, m.type);
  }
  const before = spans.map((m) => m.type);
  retypeNames(spans, sentences, places);
  spans.forEach((m, k) => {
    if (m.type !== before[k]) setSpanType(tagged, m, m.type);
  });
}

/**
 * One name, one type per article: when the same multi-occurrence surface string was tagged with
 * different types ("Peru21" as ORG, then as PER), all its mentions take the type with the larger
 * summed confidence.
 */
function harmonizeTypes(sentences: readonly (readonly string[])[], tagged: SentenceTags[]): void {
  const spans = spansOfTags(tagged);
  const weight = new Map<string, Map<string, number>>();
  const keys = spans.map((m) => sentences[m.s]!.slice(m.start, m.end).join(' '));
  spans.forEach((m, k) => {
    const w = weight.get(keys[k]!) ?? weight.set(keys[k]!, new Map()).get(keys[k]!)!;
    w.set(m.type, (w.get(m.type) ?? 0) + (m.confidence ?? 0));
  });
  spans.forEach((m, k) => {
    const w = weight.get(keys[k]!)!;
    if (w.size < 2) return;
    const best = [...w].sort((a, b) => b[1] - a[1])[0]![0];
    if (m.type !== best) setSpanType(tagged, m, best);
  });
}

/**
 * A month or a weekday written alone is a date, whatever the tagger makes of a capital ("Tuesday" as a person, "Enero" as
 * a place). English "May" stays: alone it is as often a person.
 */
const calendarWords = new Set([...Object.keys(monthsEn), ...Object.keys(monthsEs), ...Object.keys(weekdaysEn), ...Object.keys(weekdaysEs)].filter((w) => w !== 'may'));

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da', 'do', 'dos', 'di', 'le', 'el', 'al', 'bin', 'ibn']);
const foldKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Links short forms to the first earlier mention of the same type that contains them as
 * whole words: "Cerrón" → "Vladimir Cerrón Rojas", "Castillo" → "Pedro Castillo". Accents are ignored.
 */
export function linkShortForms(mentions: EntityMention[], tokenTexts: (m: EntityMention) => string[]): void {
  const words = mentions.map((m) =>
    tokenTexts(m)
      .map(foldKey)
      .filter((w) => /\p{L}/u.test(w) && !PARTICLES.has(w)),
  );
  // Where a name's lowercase connector is ("Hunt for Ramiro Etxeberri", "Bank of Solvaria"): what follows it is another
  // name nested inside, not a short form of the whole.
  const connectorAt = mentions.map((m) => {
    const kept = tokenTexts(m).filter((w) => /\p{L}/u.test(w) && !PARTICLES.has(foldKey(w)));
    const at = kept.findIndex((w, k) => k > 0 && /^\p{Ll}/u.test(w));
    return at < 0 ? Infinity : at;
  });
  // Earlier mentions that may be the full form, under each of their words, in order; a repeat of a form already listed
  // would only ever lose to the first, so a page naming one person 8,000 times lists them once, not 8,000 times.
  const fullForms = new Map<string, number[]>();
  const listed = new Set<string>();
  mentions.forEach((m, i) => {
    const short = words[i]!;
    if (short.length > 0) {
      for (const j of fullForms.get(`${m.type}\u0000${short[0]}`) ?? []) {
        const full = words[j]!;
        if (full.length <= short.length) continue;
        const at = runStart(full, short);
        if (at >= 0 && at < connectorAt[j]!) {
          m.refersTo = j;
          break;
        }
      }
    }
    if (m.refersTo !== undefined) return;
    const form = `${m.type}\u0000${connectorAt[i]}\u0000${words[i]!.join(' ')}`;
    if (listed.has(form)) return;
    listed.add(form);
    for (const w of new Set(words[i]!)) (fullForms.get(`${m.type}\u0000${w}`) ?? fullForms.set(`${m.type}\u0000${w}`, []).get(`${m.type}\u0000${w}`)!).push(i);
  });
}

/** Where `part` first runs inside `full`, word for word; -1 when it does not. */
function runStart(full: string[], part: string[]): number {
  for (let s = 0; s + part.length <= full.length; s++) {
    if (part.every((w, k) => full[s + k] === w)) return s;
  }
  return -1;
}

/** Finds entity mentions in a tokenized, sentence-split doc with a given model; with `places`, retyped by the typing prior. */
export function findEntities(doc: Readonly<Doc>, model: NerModel, places?: PlaceNames): EntityMention[] {
  const tokens = doc.tokens ?? [];
  const sentences = doc.sentences ?? [];
  const forms = sentences.map((s) => {
    const out = new Array<string>(s.tokenEnd - s.tokenStart);
    for (let k = s.tokenStart; k < s.tokenEnd; k++) out[k - s.tokenStart] = tokens[k]!.text;
    return out;
  });
  const tagged = model.tagDocument(forms);
  const { typeOf, inside } = model.scheme;
  const found: NameSpan[] = [];
  sentences.forEach((sentence, si) => {
    const { labels, confidence } = tagged[si]!;
    let i = 0;
    while (i < labels.length) {
      const label = labels[i]!;
      if (label === 0) {
        i++;
        continue;
      }
      // a name runs on through the labels that read as I- of its type in IOB2
      const t = typeOf[label]!;
      let j = i + 1;
      while (j < labels.length && inside[labels[j]!] === 1 && typeOf[labels[j]!] === t) j++;
      if (j === i + 1 && calendarWords.has(tokens[sentence.tokenStart + i]!.text.toLowerCase())) {
        i = j;
        continue;
      }
      let sum = 0;
      for (let k = i; k < j; k++) sum += confidence[k]!;
      found.push({ s: si, start: i, end: j, type: TYPES[t]!, confidence: sum / (j - i) });
      i = j;
    }
  });
  const spans = repairNames(found, forms, places);
  if (places) retypeNames(spans, forms, places);
  const mentions: EntityMention[] = spans.map((m) => {
    const sentence = sentences[m.s]!;
    const first = tokens[sentence.tokenStart + m.start]!;
    const last = tokens[sentence.tokenStart + m.end - 1]!;
    return {
      start: first.start,
      end: last.end,
      text: doc.text.slice(first.start, last.end),
      type: m.type as EntityType,
      tokenStart: sentence.tokenStart + m.start,
      tokenEnd: sentence.tokenStart + m.end,
      confidence: Math.round(m.confidence! * 1000) / 1000,
    };
  });
  const withAgencies = addWireAgencies(doc.text, tokens, mentions);
  linkShortForms(withAgencies, (m) => tokens.slice(m.tokenStart, m.tokenEnd).map((t) => t.text));
  return withAgencies;
}

/**
 * Every credited form of a wire agency, as written or shouted ("TÉLAM", "POR AGENCIA TÉLAM"), but "PL", which is too
 * many other things.
 */
const wireAgencyForm = new RegExp(
  `(?<![\\p{L}\\p{N}])${alternation(
    [
      ...new Set(
        wireAgencies
          .flatMap((a) => a.forms)
          .filter((f) => f !== 'PL')
          .flatMap((f) => [f, f.toUpperCase()]),
      ),
    ].sort((a, b) => b.length - a.length),
  )}(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * A wire agency is an organization wherever it is written, credits and captions included ("Photo: AFP", "(EFE)"),
 * which the tagger, trained on running text, often leaves out. A name the tagger found around it stays as it is.
 */
function addWireAgencies(text: string, tokens: readonly { start: number; end: number }[], mentions: EntityMention[]): EntityMention[] {
  const added: EntityMention[] = [];
  // matches and mentions both run in text order: one sweep (a page may credit an agency thousands of times)
  let k = 0;
  for (const match of text.matchAll(wireAgencyForm)) {
    const start = match.index;
    const end = start + match[0].length;
    while (k < mentions.length && mentions[k]!.end <= start) k++;
    const next = mentions[k];
    if (next && next.start < end) {
      if (next.start === start && next.end === end) next.type = 'ORG';
      continue;
    }
    const first = firstTokenAt(tokens, start);
    let last = first;
    while (last < tokens.length && tokens[last]!.end < end) last++;
    // only where the tokens fit the name exactly (never half a token)
    if (tokens[first]?.start !== start || tokens[last]?.end !== end) continue;
    added.push({ start, end, text: match[0], type: 'ORG', tokenStart: first, tokenEnd: last + 1, confidence: 1 });
  }
  if (added.length === 0) return mentions;
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}

/** The index of the first token that ends after `offset` (tokens are sorted). */
function firstTokenAt(tokens: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The models for `StageContext.models`, keyed as the entities stage looks them up (`ner-en`, `ner-es`, `place-names`). */
export function nerModelEntries(langs: readonly ('en' | 'es')[] = ['en', 'es']): [string, NerModel | PlaceNames][] {
  return [...langs.map((lang): [string, NerModel] => [`ner-${lang}`, loadNerModel(lang)]), ['place-names', loadPlaceNames()]];
}

const languageOf = (doc: Readonly<Doc>): 'en' | 'es' => (doc.meta.language === 'es' ? 'es' : 'en');

/**
 * The entities stage: picks the model by `doc.meta.language` ('und' and others → English).
 * Takes the model and the place names from `ctx.models` (see `nerModelEntries`); without them it loads them once per process.
 */
export const entitiesStage: Stage<'entities'> = {
  name: 'entities',
  requires: ['tokens', 'sentences'],
  assigns: ['entities'],
  run(doc, ctx) {
    const lang = languageOf(doc);
    const fromCtx = ctx.models.get(`ner-${lang}`);
    const model = fromCtx instanceof NerModel ? fromCtx : loadNerModel(lang);
    const places = ctx.models.get('place-names');
    return { entities: findEntities(doc, model, places instanceof PlaceNames ? places : loadPlaceNames()) };
  },
};
