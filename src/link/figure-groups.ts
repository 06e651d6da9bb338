/**
 * The same figure across articles, grouped the way a fact-checker reads them: by what was counted (measure, and
 * whether police or civilians), where (a place hierarchy: a city inside its region inside its country) and when
 * (the figure's own reference date from its sentence, the article date only as a fallback), then judged:
 * `agree`, `evolving` (one count rising with the reference date), `conflict` (different values for the same thing
 * at the same time), `scope` (explained by what was counted or who counted), `superseded` (an appeal replacing a
 * first-instance term) or `outlier` (one value far from all others), each with one line of why.
 * Pure but for the shipped gazetteer: no store access; the caller passes the figures of the articles it compares.
 */
import { compareCodePoints } from '../core/names.ts';
import { type Doc, type EntityMention, type Figure, type FigureMeasure, type FigureTerm, figureMeasures } from '../core/doc.ts';
import { SpanIndex } from '../core/span-index.ts';
import { durationText } from '../core/figure-words.ts';
import { countryCode, countryName as nameOfCountry, normalizePlace, type PlaceLevel, resolvePlace, within } from './places.ts';

export { normalizePlace } from './places.ts';

/** One figure as one article reports it: the unit figure groups compare. */
export interface FigureRecord {
  articleId: string;
  outlet: string | null;
  /** The article's publication date (ISO prefix): the report date, never the figure's own date. */
  reported: string | null;
  measure: FigureMeasure;
  value: number;
  high?: number;
  approx?: string;
  unit: string;
  duration?: string;
  /** The place as the sentence states it. */
  place?: string;
  /** The date the figure refers to (ISO prefix / TIMEX3 calendar value). */
  date?: string;
  cumulative?: boolean;
  since?: string;
  /** The whole of its sentence this count is a part of ("of 38 deaths recorded, 15 are tied to the march"). */
  partOf?: number;
  /**
   * A count said to come on top of an earlier one or to be the rest of a total ("two more people", "the other five",
   * "adding nine names to the list", "the prefect raised the toll by four"): the count of those, not of the whole.
   */
  added?: boolean;
  /** A vague amount in words ("dozens of", "cientos de"): its value is a floor the reader chose, not a count anyone gave. */
  vague?: boolean;
  /** Who is counted ("protesters", "police officers") or, for a prison sentence, who was sentenced. */
  subject?: string;
  /** A narrower thing counted than the measure says, written beside the figure: `curfew` arrests, `eye` injuries. */
  scope?: string;
  /** Character range of the figure in its article, for highlights. */
  start?: number;
  end?: number;
  /** The date the figure describes, for ordering: its own date, else its sentence's, else the article's (see `refFrom`). */
  ref?: string;
  refFrom?: 'figure' | 'sentence' | 'article' | 'narrative' | 'course';
  /** The place in the hierarchy (`places.ts` key) and its level; the name shown for it. */
  placeKey?: string;
  placeLevel?: PlaceLevel;
  placeName?: string;
  /** For a place the gazetteer does not know, the key of the place the article puts it in ("Villa Ruiz, Tumbá"). */
  placeWithin?: string;
  /** Who gave the figure, as written ("the ombudsman's office"). */
  counter?: string;
  /** The counter's family when its name alone does not tell: `ngo` for an organization no public office ("Vigía Andina"). */
  counterFamily?: string;
  /** For a term: its kind, instance and whether it was imposed or asked for. */
  term?: FigureTerm;
}

export type Verdict = 'agree' | 'conflict' | 'evolving' | 'scope' | 'superseded' | 'outlier';

export interface FigureGroup {
  /** A stable key: measure, unit, place, who, and for a part of a larger group the counter or the day. */
  key: string;
  measure: FigureMeasure;
  place: string | null;
  /** For a sentence, who was sentenced (the fullest name reported); for a toll of police or soldiers, "security forces"; else null. */
  subject: string | null;
  /** The one reference day every report gives, when they agree on it. */
  date: string | null;
  /** For a running total, the earliest date it counts from. */
  since: string | null;
  cumulative: boolean;
  verdict: Verdict;
  /** One line of why ("values rise with the reference date: 5 (2019-10-10) → 8 (2019-10-15)"). */
  why: string;
  /** The counters named behind the reports ("ombudsman", "government", or as written). */
  counters: string[];
  /** Distinct values stated (for a sentence, durations). */
  values: string[];
  /** Every report, sorted by report date (an undated page by its reference date), then outlet: the points of a chart. */
  reports: FigureRecord[];
  /** Distinct articles and outlets behind the group. */
  articles: number;
  outlets: number;
}

/** Measures whose figures are compared across articles; `other` never is. */
const compared = new Set<FigureMeasure>(figureMeasures.filter((m) => m !== 'other'));
/** Counts of people that run up over a crisis: only these take the article's place when the sentence names none. */
const tolls = new Set<FigureMeasure>(['killed', 'injured', 'hospitalized', 'detained', 'missing', 'displaced']);
const security =
  /\b(?:officers?|policemen|police|agents?|soldiers?|troops|guards?|policias?|agentes|soldados|militares|efectivos|uniformados|policiales|carabineros|armed forces|fuerzas armadas|army|ejercito|fuerza publica)\b/;
const civilian = /\b(?:civilians?|civiles)\b/;

/**
 * Families of counters, so that "the ombudsman's office" and "la Defensoría del Pueblo" are one counter and an NGO's
 * list is known to count by other rules than an official tally. Order matters: "Human Rights Ombudsman" is the ombudsman.
 */
const counterFamilies: [family: string, official: boolean, pattern: RegExp][] = [
  [
    'ombudsman',
    true,
    /\b(?:ombudsm[ae]n|defensor[ai]a?|public defender|human rights office|instituto nacional de (?:los )?derechos humanos|national human rights (?:institut\w*|commission)|procuradur[ií]a de (?:los )?derechos humanos)\b/,
  ],
  ['prosecution', true, /\b(?:fiscal[ií]a|fiscal|prosecut\w*|attorney general|ministerio publico|forensic|forense|idif|medicina legal)\b/],
  ['international', false, /\b(?:iachr|cidh|onu|united nations|naciones unidas|inter american|interamericana|amnesty|amnistia|human rights watch|giei|observers?|observadores)\b/],
  [
    'ngo',
    false,
    /\b(?:ngos?|ongs?|non governmental|no gubernamental\w*|organizations?|organizaciones|organisations?|activists?|activistas|colectivos?|alianza|platform|plataforma|human rights groups?|rights groups?)\b/,
  ],
  ['health', true, /\b(?:hospitals?|hospital(?:es)?|health|salud|medical|medicos?)\b/],
  ['police', true, /\b(?:police|polic[ií]a|carabineros)\b/],
  ['military', true, /\b(?:army|military|armed forces|ejercito|fuerzas armadas|defen[cs]e ministry|ministry of (?:national )?defen[cs]e|ministerio de defensa)\b/],
  [
    'government',
    true,
    /\b(?:government|gobierno|ministry|ministerio|minist(?:er|ra|ro)|presiden\w*|interior|secretar\w*|subsecretar\w*|intendent[ae]|mayor|alcald\w*|governor|gobernador\w*|officials?(?! (?:figures|data|count|toll|tally|numbers))|autoridades|authorities)\b/,
  ],
];

const officialFamilies = new Map(counterFamilies.map(([family, official]) => [family, official]));

/** The family of a counter as written ("la Defensoría del Pueblo" is the ombudsman), or null when none fits. */
export function counterFamily(counter: string): { family: string; official: boolean } | null {
  // The same few counters are named again and again: each string's family is worked out once.
  let known = familiesByName.get(counter);
  if (known === undefined) {
    known = null;
    const folded = normalizePlace(counter);
    for (const [family, official, pattern] of counterFamilies)
      if (pattern.test(folded)) {
        known = { family, official };
        break;
      }
    // "the prosecutor and the ombudsman agree on 40": a count two offices give together is neither's own series.
    const joint = /\s(?:and|y|e|&)\s/.exec(folded);
    if (known && joint) {
      const [left, right] = [folded.slice(0, joint.index), folded.slice(joint.index + joint[0].length)];
      const familyIn = (part: string) => counterFamilies.find(([, , pattern]) => pattern.test(part));
      const [a, b] = [familyIn(left), familyIn(right)];
      if (a && b && a[0] !== b[0] && a[1] && b[1]) known = { family: [a[0], b[0]].sort(compareCodePoints).join('+'), official: true };
    }
    if (familiesByName.size > 5000) familiesByName.clear();
    familiesByName.set(counter, known);
  }
  return known && { ...known };
}

const familiesByName = new Map<string, { family: string; official: boolean } | null>();

/** "según la Defensoría", "according to the ombudsman": a counter the quotes layer may not have read as a speaker. */
const accordingTo = /\b(?:seg[uú]n|de acuerdo (?:con|a)|according to|per|citing|reported by|informado por)\s+((?:[\p{L}’'.-]+\s*){1,7}?)(?=[,.;:()]|\s+(?:que|who|which|and|y|at|on|el|the)\s|$)/iu;

/** Plural round amounts that name no number ("dozens of people", "cientos de heridos"). */
const vagueAmount = /\b(?:dozens|scores|hundreds|thousands|millions|several|decenas|docenas|cientos|centenares|miles|millares|varios|varias)\b/i;

/** A whole-day, month or year date, not a time or a duration. */
const calendar = /^\d{4}(?:-\d\d(?:-\d\d)?)?$/;

/** The figures of one annotated article as records, with its outlet, report date, reference date, place and counter. */
export function figureRecords(doc: Readonly<Doc>): FigureRecord[] {
  const figures = doc.figures ?? [];
  if (figures.length === 0) return [];
  const context = articleCountries(doc);
  const home = articlePlace(doc, figures, context);
  const localParents = statedParents(doc, context);
  // "64 detained: 51 men and 13 women": the items an itemized total lists are parts of it.
  const itemOf = new Map<number, number>();
  for (const g of figures) for (const i of g.parts ?? []) if (figures[i] && figures[i]!.value < g.value) itemOf.set(i, g.value);
  const added = addedFigures(doc, figures);
  return figures.map((f, index) => {
    const record: FigureRecord = { articleId: doc.id, outlet: doc.meta.outlet, reported: doc.meta.published, measure: f.measure, value: f.value, unit: f.unit, start: f.start, end: f.end };
    if (f.high !== undefined) record.high = f.high;
    if (f.approx) record.approx = f.approx;
    if (f.duration) record.duration = f.duration;
    // "according to the Prosecutor's Office, …": an institution read as the place is no place.
    const place = statedPlace(doc, f, context);
    if (place) record.place = place.text;
    if (f.date) record.date = f.date;
    if (f.cumulative) record.cumulative = true;
    if (f.since) record.since = f.since;
    if (vagueAmount.test(f.text) && !/\d/.test(f.text)) record.vague = true;
    if (added.has(index)) record.added = true;
    const whole = itemOf.get(index) ?? wholeOf(doc, f);
    if (whole !== undefined) record.partOf = whole;
    if (f.subject) record.subject = subjectOf(doc.text, f.subject);
    const scope = scopeOf(doc, f);
    if (scope) record.scope = scope;
    if (f.term) record.term = f.term;
    Object.assign(record, referenceDate(doc, f));
    if (place) {
      const node = resolvePlace(place.text, context);
      Object.assign(record, { placeKey: node.key, placeLevel: node.level, placeName: place.text });
      // A division named for its seat ("Cochabamba") in an article about a town inside it is that town's count.
      if (node.level === 'region' && home && home.level === 'city' && within(home, node)) Object.assign(record, { placeKey: home.key, placeLevel: home.level, placeName: home.name });
    } else if (tolls.has(f.measure) && sentenceCountry(doc, f)) {
      // "Peru's prosecutor … after over a dozen Peruvians were killed": a sentence that names only a country counts it.
      const country = sentenceCountry(doc, f)!;
      Object.assign(record, { placeKey: country.code, placeLevel: 'country', placeName: country.name });
    } else if (home && tolls.has(f.measure)) {
      // A toll with no place in its sentence counts where the article is: a running total its country's, another its town's.
      // A province known only as a province (no town bears its name) is no one clash's place: an article that
      // names only it tells the crisis' counts, of its country.
      const province = home.level === 'region' && !!home.region?.startsWith('iso-');
      const own = f.cumulative || home.level === 'country' || province ? (home.country ? { key: home.country, level: 'country' as const, name: home.countryName ?? home.country } : null) : home;
      if (own) Object.assign(record, { placeKey: own.key, placeLevel: own.level, placeName: own.name });
    }
    // A person the figures stage read as the counter counts for their office, where the article names it.
    const counter = f.counter ? (officeOf(doc, f.counter.text) ?? f.counter.text) : counterOf(doc, f);
    if (counter) record.counter = counter;
    if (counter && !counterFamily(counter) && namesOrganization(doc, counter)) record.counterFamily = 'ngo';
    const parent = localParents.get(record.placeKey ?? '') ?? namedWithin(record, context);
    if (parent) record.placeWithin = parent;
    return record;
  });
}

/** Words before a count that make it an addition or a remainder, folded: "otros dos", "sumando nueve", "rose by four". */
const addedBefore =
  /\b(?:otros|otras|the other|sumando|sumandose|se sumaron|se agregaron|agregando|anadiendo|added|adding|crecio con|aumento en|subio en|se elevo en|(?:rose|raised|increased|climbed|grew|went up)\b[^,.;]{0,30}\bby)\s+(?:a |los |las |the )?$/;
/** Words right after a count (or its noun) that make it an addition: "dos heridos más", "two more", "cuatro nuevas víctimas". */
const addedAfter = /^(?:\s+[\p{L}]+)?\s+(?:mas|more|nuevos|nuevas|new|adicionales|additional)\b(?!\s+(?:than|que|de)\b)/u;

/**
 * The figures said to be added to an earlier count or left over from a total (see `FigureRecord.added`), and the smaller
 * ones that list who they were, after them in the same clause ("two more died, a driver and a child").
 */
function addedFigures(doc: Readonly<Doc>, figures: readonly Figure[]): Set<number> {
  const added = new Set<number>();
  // The latest added count: a listed one follows it (figures come in text order).
  let last: Figure | undefined;
  figures.forEach((f, i) => {
    const listed = !!last && last.measure === f.measure && last.value > f.value && last.end <= f.start && f.start - last.end < 300 && /^[^.;:!?\n]*$/.test(doc.text.slice(last.end, f.start));
    if (addedCount(doc.text, f) || listed) {
      added.add(i);
      if (!listed) last = f;
    }
  });
  return added;
}

/** Whether a count is said to be added to an earlier one, or the rest of a total (see `FigureRecord.added`). */
function addedCount(text: string, f: Figure): boolean {
  // Most figures have none of these words near them: a plain look first, the folded reading only where one may be.
  const rawBefore = text.slice(Math.max(0, f.start - 60), f.start);
  if (addedStems.test(rawBefore) && addedBefore.test(foldedWords(rawBefore))) return true;
  // The figure's own words and the next word or two: "two more people", "dos heridos más".
  const rawOwn = text.slice(f.start, Math.min(text.length, f.end + 24));
  if (!/m[aá]s|more|nuev|new|adicional|additional/i.test(rawOwn)) return false;
  const number = foldedWords(f.text).split(/\s+/)[0] ?? '';
  return addedAfter.test(foldedWords(rawOwn).slice(number.length));
}

/** The stems of `addedBefore`'s words, unfolded: whether the folded reading is worth making. */
const addedStems = /otr|other|sum|agreg|a[nñ]ad|add|creci|aument|subi|elev|rose|rais|increas|climb|grew|went up/i;

/** "21 miembros del Ejército", "members of the police": a body's members are that body's. */
const membersOf = /^\s+(?:de|del|of)\s+(?:la |las |los |el |the )?((?:fuerzas armadas|armed forces|ejercito|army|policia|police|carabineros|fuerza publica|security forces|fuerzas de seguridad)\b)/;

/** Who a count counts, as written, with the body its members belong to ("miembros del Ejército"). */
function subjectOf(text: string, subject: { start: number; end: number; text: string }): string {
  const after = text.slice(subject.end, subject.end + 40);
  const body = /fuerza|armed|j[eé]rcito|army|polic|carabin|security/i.test(after) ? membersOf.exec(foldedWords(after)) : null;
  return body ? `${subject.text} ${text.slice(subject.end, subject.end + body[0].length).trim()}` : subject.text;
}

/**
 * The place a figure's sentence states for it, unless it is no place: an institution ("according to the Prosecutor's
 * Office"), an office's seat, or a building's name the gazetteer does not know as a place ("el hospital de Clarisas").
 */
function statedPlace(doc: Readonly<Doc>, f: Figure, context: readonly string[]): Figure['place'] {
  const place = f.place;
  if (!place || counterFamily(place.text) || officeSeat(doc.text, place.start)) return undefined;
  const before = doc.text.slice(Math.max(0, place.start - 24), place.start);
  const building = /hospital|cl[ií]nic|morgue/i.test(before) && /\b(?:hospital|clinica|clinic|morgue)(?: de| del| de la)?\s*$/.test(`${foldedWords(before).trimEnd()} `);
  return building && resolvePlace(place.text, context).level === 'local' ? undefined : place;
}

/** "la Defensoría del Pueblo en Tumbá", "the ombudsman's office in Lisca": a place named as an office's seat is not where the count is. */
function officeSeat(text: string, placeStart: number): boolean {
  const before = normalizePlace(text.slice(Math.max(0, placeStart - 60), placeStart));
  const m = /(\S+(?: (?:del|de la|de los|de|of the|of) \S+)?) (?:en|in)(?: la| el| the)?$/.exec(before);
  // Only an office has a seat: the police or the army "in Quillacollo" are where the clash was.
  return !!m && ['ombudsman', 'prosecution', 'government'].includes(counterFamily(m[1]!)?.family ?? '');
}

/**
 * Counts narrower than their measure, told by the words beside them: arrests for breaking a curfew (anywhere in the
 * clause: "arrests for breaking the curfew went from 210 to 260") and eye injuries (in the figure's own phrase: "58
 * con lesiones oculares", "6 who lost an eye"; not the "900 injured" listed before them).
 */
const scopes: [scope: string, measures: ReadonlySet<FigureMeasure>, reach: 'clause' | 'phrase', pattern: RegExp][] = [
  ['curfew', new Set(['detained']), 'clause', /\b(?:toque de queda|curfew)\b/i],
  ['eye', new Set(['injured', 'hospitalized']), 'phrase', /\b(?:ocular(?:es)?|eyes?|vision|visi[oó]n|ojos?)\b/i],
];

/** The narrower scope of a count (see `scopes`), or undefined. */
function scopeOf(doc: Readonly<Doc>, f: Figure): string | undefined {
  for (const [scope, measures, reach, pattern] of scopes) {
    if (!measures.has(f.measure)) continue;
    if (reach === 'phrase') {
      // From the figure to the end of its phrase: the next comma, stop or number.
      const phrase = /^[^,.;:()\d]{0,60}/.exec(doc.text.slice(f.end, f.end + 60))?.[0] ?? '';
      if (pattern.test(phrase)) return scope;
      continue;
    }
    // The clause around the figure, at most 300 characters either side (a page with no stops stays linear).
    const back = doc.text.slice(Math.max(0, f.start - 300), f.start);
    const from = f.start - back.length + Math.max(0, back.lastIndexOf('.') + 1, back.lastIndexOf(';') + 1, back.lastIndexOf('\n') + 1);
    const stop = /[.;\n]/.exec(doc.text.slice(f.end, f.end + 300));
    const clause = doc.text.slice(from, stop ? f.end + stop.index : f.end + 300);
    if (pattern.test(clause)) return scope;
  }
  return undefined;
}

/**
 * Whether a counter is an organization the article names (an ORG mention within it): one whose name says no public
 * office is a civil-society count, kept by its own rules ("la ONG Vigía Andina", "Vigía Andina dijo que 40").
 */
function namesOrganization(doc: Readonly<Doc>, counter: string): boolean {
  return (doc.entities ?? []).some((e) => e.type === 'ORG' && e.text.length >= 3 && counter.includes(e.text));
}

/**
 * Places the article puts inside others — "Villa Ruiz (Tumbá)", "Villa Ruiz, en Tumbá", "Chaupimayo in Tumbá" — for the
 * names the gazetteer does not know: local key → the key of the place around it.
 */
function statedParents(doc: Readonly<Doc>, context: readonly string[]): Map<string, string> {
  const spans = [...(doc.entities ?? []).filter((e) => e.type === 'LOC'), ...(doc.figures ?? []).flatMap((f) => (f.place ? [f.place] : []))]
    .map((s) => ({ start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) }))
    .sort((a, b) => a.start - b.start);
  const parents = new Map<string, string>();
  for (let i = 0; i + 1 < spans.length; i++) {
    const inner = spans[i]!;
    const outer = spans.slice(i + 1).find((s) => s.start >= inner.end);
    if (!outer || !/^\s*(?:\(|,|,?\s+(?:en|in|de|del|near|cerca de)\s+)(?:la ciudad de\s+|the city of\s+)?$/i.test(doc.text.slice(inner.end, outer.start))) continue;
    const a = resolvePlace(inner.text, context);
    const b = resolvePlace(outer.text, context);
    if (a.level === 'local' && a.key !== b.key && b.level !== 'country') parents.set(a.key, b.key);
  }
  return parents;
}

/**
 * "Villa Ruiz de Tumbá", "Chaupimayo in Tumbá": a name the gazetteer does not know, written as one place in another, is
 * inside that other place; and so is the one-word place before "de"/"in" wherever else it is named.
 */
function namedWithin(record: FigureRecord, context: readonly string[]): string | undefined {
  if (record.placeLevel !== 'local' || !record.placeName) return undefined;
  const m = /^(\p{Lu}[\p{L}-]+)\s+(?:de|del|in|en)\s+(.+)$/u.exec(record.placeName.trim());
  if (!m) return undefined;
  const outer = resolvePlace(m[2]!, context);
  return outer.key !== record.placeKey ? outer.key : undefined;
}

const entityIndexes = new WeakMap<Readonly<Doc>, SpanIndex<EntityMention>>();

/** The article's entity mentions indexed by offset, built once per article. */
function entityIndex(doc: Readonly<Doc>): SpanIndex<EntityMention> {
  let index = entityIndexes.get(doc);
  if (!index) entityIndexes.set(doc, (index = new SpanIndex(doc.entities ?? [])));
  return index;
}

/** The country a figure's sentence names (a LOC mention that is a country), when it names one. */
function sentenceCountry(doc: Readonly<Doc>, f: Figure): { code: string; name: string } | null {
  const sentence = (doc.sentences ?? []).find((s) => s.start <= f.start && f.start < s.end);
  if (!sentence) return null;
  const inSentence = entityIndex(doc).within(sentence.start, sentence.end);
  for (const e of inSentence) {
    if (e.type !== 'LOC') continue;
    const code = countryCode(e.text);
    if (code) return { code, name: e.text };
  }
  // "la Fiscalía de Ostrelia investiga 23 muertes": a national office named for its country counts for that country,
  // where the sentence names no place of its own (the army "de Ostrelia" in a clash near a town is a party to it).
  if (inSentence.some((e) => e.type === 'LOC' && resolvePlace(e.text).level !== 'local')) return null;
  for (const e of inSentence) {
    if (e.type !== 'ORG') continue;
    if (!['ombudsman', 'prosecution', 'government'].includes(counterFamily(e.text)?.family ?? '')) continue;
    const tail = /\b(?:de|del|of)\s+([^,;()]+)$/i.exec(e.text)?.[1];
    const code = tail ? countryCode(tail) : null;
    if (code) return { code, name: tail!.trim() };
  }
  return null;
}

/** The countries an article names (LOC mentions and figure places), most often named first. */
function articleCountries(doc: Readonly<Doc>): string[] {
  const counts = new Map<string, number>();
  const named = new Set<string>();
  const names = [...(doc.entities ?? []).filter((e) => e.type === 'LOC').map((e) => e.text), ...(doc.figures ?? []).flatMap((f) => (f.place ? [f.place.text] : []))];
  for (const name of names) {
    // A country counts where it is named (also inside a longer name, "el Ministerio del Interior de Uruguay"), and
    // where a city the gazetteer knows without any context is named ("Quito").
    const country = countryCode(name) ?? countryCode(/\b(?:de|del|of|in|en)\s+([^,;()]+)$/i.exec(name)?.[1] ?? '');
    const code = country ?? resolvePlace(name).country;
    if (country) named.add(country);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  // A country guessed from one city's name alone (a namesake abroad) is no context beside a named one.
  for (const [code, n] of counts) if (named.size > 0 && !named.has(code) && n < 2) counts.delete(code);
  return [...counts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0])).map(([code]) => code);
}

interface HomePlace {
  key: string;
  level: PlaceLevel;
  name: string;
  country: string | null;
  region: string | null;
  countryName?: string;
}

/**
 * Where the article's tolls are, for a toll whose sentence names no place: the place its figures name most often
 * (a town's clash), else the country it names most often (a national count).
 */
function articlePlace(doc: Readonly<Doc>, figures: readonly Figure[], context: readonly string[]): HomePlace | null {
  const counts = new Map<string, { n: number; home: HomePlace }>();
  for (const f of figures) {
    const place = tolls.has(f.measure) ? statedPlace(doc, f, context) : undefined;
    if (!place) continue;
    const node = resolvePlace(place.text, context);
    const entry = counts.get(node.key) ?? counts.set(node.key, { n: 0, home: { ...node, name: place.text } }).get(node.key)!;
    entry.n += 1;
  }
  // No figure names a place: the place other than a country the article names most often, if it names it twice (every
  // time it is written counts, inside a longer name too: "el Hospital de Quillacollo" is in Quillacollo).
  if (counts.size === 0) {
    const names = new Set((doc.entities ?? []).filter((e) => e.type === 'LOC').map((e) => doc.text.slice(e.start, e.end)));
    for (const name of names) {
      const node = resolvePlace(name, context);
      // A name the gazetteer does not know is as often a street or a province as the place of the count.
      if (node.level === 'country' || node.level === 'local') continue;
      const written = doc.text.split(name).length - 1;
      const entry = counts.get(node.key) ?? counts.set(node.key, { n: 0, home: { ...node, name } }).get(node.key)!;
      entry.n += written;
    }
    // A region named beside the one town of it the article names ("Huanta, in Ayacucho") tells where the town is (where
    // figures name both, each is the place of its own count).
    for (const [key, outer] of [...counts]) {
      const inside = [...counts.values()].filter((e) => e !== outer && e.home.level !== 'country' && within(e.home, outer.home));
      if (outer.home.level === 'region' && inside.length === 1) {
        inside[0]!.n += outer.n;
        counts.delete(key);
      }
    }
    for (const [key, entry] of counts) if (entry.n < 2) counts.delete(key);
  }
  const countryName = (code: string) => (doc.entities ?? []).find((e) => e.type === 'LOC' && countryCode(e.text) === code)?.text ?? nameOfCountry(code);
  // Only an article about one place lends it to the tolls that name none: the one place its tolls name, or the one they
  // name more often than all others together (a clash's story that names a hospital or a nearby town once); an article
  // whose tolls spread over several places leaves them to the country.
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const total = ranked.reduce((sum, e) => sum + e.n, 0);
  const best = ranked.length === 1 || (ranked[0] && ranked[0].n >= 2 && ranked[0].n * 2 > total) ? ranked[0] : undefined;
  if (best) return { ...best.home, ...(best.home.country ? { countryName: countryName(best.home.country) } : {}) };
  const country = context[0];
  return country ? { key: country, level: 'country', name: countryName(country), country, region: null, countryName: countryName(country) } : null;
}

/**
 * The date a figure describes: its own; else the nearest calendar date its sentence states that is not the start of
 * the count, not after the article and not nearer another figure ("42 dead since 28 April, the ombudsman said on
 * Tuesday" is Tuesday's count);
 * else the article's date; else, on an undated page, the date the narrative set before the sentence, else the latest
 * year the page names.
 */
function referenceDate(doc: Readonly<Doc>, f: Figure): Pick<FigureRecord, 'ref' | 'refFrom'> {
  const own = f.date && (calendar.test(f.date) ? f.date : weekStart(f.date));
  if (own) return { ref: own, refFrom: 'figure' };
  const published = doc.meta.published;
  const sentenceIndex = (doc.sentences ?? []).findIndex((s) => s.start <= f.start && f.start < s.end);
  const sentence = doc.sentences?.[sentenceIndex];
  if (sentence && !partitiveWhole(doc, f)) {
    const distance = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, a.start - b.end, b.start - a.end);
    // "Twelve of the seventeen victims died at the bridge on November 10": a date goes with the figure nearest to it.
    const others = (doc.figures ?? []).filter((g) => g !== f && g.measure !== 'other' && g.start >= sentence.start && g.end <= sentence.end && !partitiveWhole(doc, g));
    const dates = (doc.timexes ?? [])
      .filter((t) => t.start >= sentence.start && t.end <= sentence.end && t.type === 'DATE' && calendar.test(t.value) && t.value !== f.since)
      .filter((t) => !sinceBefore.test(doc.text.slice(Math.max(sentence.start, t.start - 30), t.start)))
      .filter((t) => !published || compareCodePoints(t.value, published.slice(0, t.value.length)) <= 0)
      .filter((t) => others.every((g) => distance(g, t) >= distance(f, t)))
      .sort((a, b) => distance(f, a) - distance(f, b))
      .map((t) => t.value);
    // A running total is as of its report: an older date in its sentence is where it counts from ("since the 28th").
    const stale = (d: string) => !!f.cumulative && !!published && (published.length === 7 ? compareCodePoints(d, published) < 0 : published.length === 10 && daysBetween(d, published) > 7);
    if (dates[0] && !stale(dates[0])) return { ref: dates[0], refFrom: 'sentence' };
  }
  if (published) return { ref: published, refFrom: 'article' };
  const narrative = (doc.events ?? []).find((e) => e.sentence === sentenceIndex)?.date;
  if (narrative && calendar.test(narrative)) return { ref: narrative, refFrom: 'narrative' };
  // An undated page that names years is at least as late as the latest it names: its counts are of that year, not
  // of whichever crisis of the same place is reported most (an undated page on a strike that names 2031 joins no 2021 count).
  const years = (doc.timexes ?? []).filter((t) => t.type === 'DATE' && /^\d{4}/.test(t.value)).map((t) => t.value.slice(0, 4));
  const latest = years.sort().at(-1);
  return latest ? { ref: latest, refFrom: 'narrative' } : {};
}

/** The larger count its sentence takes it from ("de los 61 casos conocidos, 27 están ligados a las protestas"), if any. */
function wholeOf(doc: Readonly<Doc>, f: Figure): number | undefined {
  const sentence = (doc.sentences ?? []).find((s) => s.start <= f.start && f.start < s.end);
  if (!sentence) return undefined;
  const whole = (doc.figures ?? []).find((g) => g !== f && g.measure === f.measure && g.start >= sentence.start && g.end <= f.start && g.value > f.value && partitiveWhole(doc, g));
  return whole?.value;
}

/** "twelve of the seventeen victims died on November 10": the whole a part is taken from is not that day's count. */
function partitiveWhole(doc: Readonly<Doc>, f: Figure): boolean {
  return /\b(?:of(?: the)?|out of|de (?:los|las)|del total de)\s+$/i.test(doc.text.slice(Math.max(0, f.start - 16), f.start));
}

/** The Monday of an ISO week ("2025-W46" → "2025-11-10"), so that "a week ago" orders among days; null for anything else. */
function weekStart(value: string): string | null {
  const m = /^(\d{4})-W(\d\d)$/.exec(value);
  if (!m) return null;
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86400000 + (Number(m[2]) - 1) * 7 * 86400000;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Who gave a figure when the figures stage did not say: the speaker of a quote around it, or "según X" in its sentence. */
function counterOf(doc: Readonly<Doc>, f: Figure): string | undefined {
  const quote = (doc.quotes ?? []).find((q) => q.source && q.source.kind !== 'pronoun' && (q.content.some((c) => c.start <= f.start && f.end <= c.end) || (q.start <= f.start && f.end <= q.end)));
  if (quote?.source) {
    const office = officeOf(doc, quote.source.text);
    if (office) return office;
  }
  const sentence = (doc.sentences ?? []).find((s) => s.start <= f.start && f.start < s.end);
  if (!sentence) return undefined;
  const named = accordingTo.exec(doc.text.slice(sentence.start, sentence.end))?.[1]?.trim();
  if (named && counterFamily(named)) return named;
  return institutionNear(doc.text, sentence, f) ?? reportingOrganization(doc, sentence, f);
}

const personText = new WeakMap<Readonly<Doc>, string>();

/** The article's PER mentions, one per line, worked out once per article. */
function personNames(doc: Readonly<Doc>): string {
  let names = personText.get(doc);
  if (names === undefined)
    personText.set(
      doc,
      (names = (doc.entities ?? [])
        .filter((e) => e.type === 'PER')
        .map((e) => doc.text.slice(e.start, e.end))
        .join('\n')),
    );
  return names;
}

/** A counter as written, or for a person ("Cruz") the office the article names beside them ("la Defensora del Pueblo, Nadia Cruz"). */
function officeOf(doc: Readonly<Doc>, name: string): string | undefined {
  if (counterFamily(name)) return name;
  const surname = name.split(/\s+/).pop()!;
  // Only a person has an office beside their name: an organization named near another is not part of it.
  if (!personNames(doc).includes(surname)) return undefined;
  const first = doc.text.indexOf(surname);
  const around = first >= 0 ? doc.text.slice(Math.max(0, first - 80), first + surname.length + 60) : '';
  const beside = /[^.;]*$/.exec(around.slice(0, around.length - 60))?.[0] ?? '';
  // The text before the name's first mention ends with the name itself ("…de Gobierno, Ana Quiroga").
  return counterFamily(beside) ? (beside.trim().endsWith(surname) ? beside.trim() : `${beside.trim()} ${surname}`.trim()) : undefined;
}

/**
 * An organization that opens its sentence as the one reporting ("Vigía Andina (VA) de Ostrelia publicó este sábado su
 * balance del paro, con 61 homicidios"): the counter of the counts that follow it, however far, unless the sentence
 * turns to another source ("while", "según").
 */
function reportingOrganization(doc: Readonly<Doc>, sentence: { start: number; end: number }, f: Figure): string | undefined {
  const org = entityIndex(doc)
    .within(sentence.start, Math.min(f.start, sentence.start + 200))
    .find((e) => e.type === 'ORG' && e.start - sentence.start <= 12);
  if (!org) return undefined;
  const after = foldedSentence(doc.text.slice(sentence.start, sentence.end)).slice(org.end - sentence.start, f.start - sentence.start);
  // The verb follows the name and what completes it ("… y la Paz (VA) de Ostrelia reveló"); "presentó querellas por 54
  // casos" files cases rather than giving a count.
  const verb =
    /^(?:\s+\S+){0,8}?\s+(?:revelo|publico|informo|reporto|registro|documento|difundio|senalo|dijo|indico|contabilizo|said|reported|published|released|revealed|documented|counted|recorded)\b/.exec(
      after,
    );
  if (!verb || /\b(?:mientras|while|whereas|pero|but|segun|according)\b/.test(after)) return undefined;
  return doc.text.slice(org.start, org.end);
}

const familyPatterns = counterFamilies.map(([, , pattern]) => new RegExp(pattern.source, 'g'));
const foldedChars = new Map<string, string>();
const foldedSentences = new Map<string, string>();

/** A few words around a figure folded like `foldedSentence` (accents and case gone, anything not a letter or digit a space), not kept. */
function foldedWords(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, ' ');
}

/**
 * A sentence folded one UTF-16 unit for one (accents and case gone, anything not a letter or digit a space), so that
 * offsets into it are offsets into the sentence; only the sentences that hold figures are folded, each once (the last
 * few hundred kept, as an article's figures come together).
 */
function foldedSentence(raw: string): string {
  let folded = foldedSentences.get(raw);
  if (folded === undefined) {
    const out: string[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      let base = foldedChars.get(c);
      if (base === undefined) {
        const first = c.normalize('NFD')[0]!.toLowerCase();
        foldedChars.set(c, (base = first.length === 1 && /[\p{L}\p{N}]/u.test(first) ? first : ' '));
      }
      out[i] = base;
    }
    folded = out.join('');
    if (foldedSentences.size > 500) foldedSentences.clear();
    foldedSentences.set(raw, folded);
  }
  return folded;
}

/**
 * The institution a sentence names nearest before the figure (else after it): "la Defensoría elevó a siete el número
 * de fallecidos", "cuatro personas fallecidas, según el Gobierno". The sentence is folded one character for one, so that
 * positions stay those of the article.
 */
function institutionNear(text: string, sentence: { start: number; end: number }, f: Figure): string | undefined {
  const raw = text.slice(sentence.start, sentence.end);
  const folded = foldedSentence(raw);
  let before: { at: number; text: string } | undefined;
  let after: { at: number; text: string } | undefined;
  const at = f.start - sentence.start;
  for (const pattern of familyPatterns) {
    for (const m of folded.matchAll(pattern)) {
      const found = { at: m.index, text: raw.slice(m.index, m.index + m[0].length) };
      if (m.index + m[0].length <= at) {
        if (!before || found.at > before.at) before = found;
      } else if (m.index >= f.end - sentence.start && (!after || found.at < after.at)) after = found;
    }
  }
  // "la Defensoría habla de seis, mientras que el Ministerio registra cuatro": a contrast ends an institution's reach.
  const contrast = /\b(?:mientras|while|whereas|but|pero|sino|however|sin embargo|en cambio)\b|[;:]/;
  // Only an institution that reports: "la Defensoría reportó tres", "four dead, the ministry said"; not "pidió al Gobierno … murieron 12".
  if (before && !contrast.test(folded.slice(before.at, at)) && reporting.test(folded.slice(before.at, at))) return before.text;
  const tail = after && folded.slice(after.at, after.at + after.text.length + 40);
  // "…llegaría a 40, como informan dos ONG": the verb may stand between the figure and the institution.
  const between = after ? folded.slice(f.end - sentence.start, after.at) : '';
  if (after && tail && after.at - (f.end - sentence.start) <= 60 && !contrast.test(between) && (reporting.test(tail) || reporting.test(between))) return after.text;
  // "Thirty residents of Ostrel have died since the road blockades began in the three southern provinces …, the
  // ombudsman's office reported on Monday":
  // the reporting clause that closes the sentence names who gave every count before it, however long the clause.
  const closing = after && !contrast.test(between) ? closingReport.exec(folded.slice(0, after.at)) : null;
  if (after && closing && /,\s*$/.test(raw.slice(0, closing.index + 1)) && !/[;:]/.test(raw.slice(after.at))) return after.text;
  return undefined;
}

/** Whether two ISO prefixes can name the same day ("2025-11" and "2025-11-10"). */
function compatible(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Surname-like tokens of a person's name, for matching "Ramiro Etxeberri Salcedo" with "Etxeberri" and "Echeberri". */
function nameTokens(name: string): string[] {
  const tokens = normalizePlace(name)
    .split(' ')
    .filter((t) => t.length >= 3);
  return tokens.length > 1 ? tokens.slice(1) : tokens;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function sameName(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  return ta.some((x) => tb.some((y) => x === y || (Math.min(x.length, y.length) >= 6 && editDistance(x, y) <= Math.floor(Math.min(x.length, y.length) / 4))));
}

/** What a figure's interval of possible values is, given its approximation marker. */
function interval(r: FigureRecord): [number, number] {
  const v = r.measure === 'sentence' && r.duration ? months(r.duration) : r.value;
  const hi = r.high ?? v;
  switch (r.approx) {
    case 'at_least':
      return [v, Infinity];
    case 'more_than':
      return [v + 1e-9, Infinity];
    case 'at_most':
    case 'up_to':
      return [0, hi];
    case 'less_than':
      return [0, hi - 1e-9];
    case 'nearly':
      return [v * 0.9, v];
    case 'about':
      return [v * 0.9, hi * 1.1];
    default:
      return [v, hi];
  }
}

function months(duration: string): number {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$/.exec(duration);
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) + (Number(m[3] ?? 0) * 12) / 52 + Number(m[4] ?? 0) / 30;
}

/** The value a report gives, as a group lists it: `12`, `10-12`, or a sentence's duration (`P3Y6M`). */
export function valueLabel(r: FigureRecord): string {
  if (r.measure === 'sentence' && r.duration) return r.duration;
  return r.high !== undefined ? `${r.value}-${r.high}` : String(r.value);
}

/** A value as the why line shows it: "P3Y6M" as "3 years 6 months", "at least 12". */
function shown(r: FigureRecord): string {
  const v = r.measure === 'sentence' && r.duration ? durationText(r.duration) : valueLabel(r);
  return r.approx ? `${r.approx.replace('_', ' ')} ${v}` : v;
}

/** The longest name the reports give the sentenced person ("Ramiro Etxeberri" over "Etxeberri"); ties to the first. */
function fullestSubject(reports: readonly FigureRecord[]): string | null {
  let best: string | null = null;
  for (const r of reports) if (r.subject && (!best || r.subject.length > best.length)) best = r.subject;
  return best;
}

/** The counter family of a record, or null when no one is named. */
const families = new WeakMap<FigureRecord, { family: string; official: boolean } | null>();

function familyOf(r: FigureRecord): { family: string; official: boolean } | null {
  let family = families.get(r);
  if (family === undefined)
    families.set(r, (family = (r.counter ? counterFamily(r.counter) : null) ?? (r.counterFamily ? { family: r.counterFamily, official: officialFamilies.get(r.counterFamily) ?? false } : null)));
  return family;
}

/** Verbs and nouns of giving a count, folded: what makes an institution named beside a figure its counter. */
const reporting =
  /\b(?:said|says|say|reported|reports|report|counted|counts|confirmed|raised|registered|recorded|listed|put|puts|estimated|according|informo|informa|reporto|reporta|reportaba|registra|registro|registraba|contabilizo|contabiliza|confirmo|elevo|eleva|cifro|cifra|situa|senalo|dijo|indico|precisa|preciso|sostiene|mantiene|habla|da cuenta|balance|informe|reporte|datos|cifras|informan|reportan|registran|contabilizan|confirman|elevan|cifran|situan|senalan|dicen|denuncia|denuncian|denuncio|revela|revelan|revelo|documenta|documentan|documento|afirma|afirmo|asegura|aseguro|documented|tallied|told)\b/;

/**
 * A reporting clause after a comma, just before the institution that closes the sentence, folded: ", informó este lunes la",
 * ", said the", ", según informó este lunes el". Its weekday or time words may stand between the verb and the name.
 */
const closingReport =
  /\s(?:said|says|reported|reports|announced|confirmed|dijo|dice|informo|informa|senalo|senala|reporto|reporta|indico|indica|afirmo|afirma|aseguro|asegura|preciso|confirmo|anuncio|segun(?: (?:informo|dijo|reporto|senalo))?)(?:\s+(?:on|this|last|el|este|esta|ayer|hoy|today|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo|en|un|una|comunicado|statement|a|in))*\s+(?:the|la|el|los|las)?\s*$/;

/** "desde el 10 de noviembre", "since April 28": the start of a count, never the day it describes. */
const sinceBefore = /(?:\b(?:desde|since|from|a partir de|entre|between)\s+(?:el\s+|the\s+|los\s+)?(?:pasado\s+|d[ií]a\s+)?)$/i;

/** The name of a term's kind as the key and the why line use it; a request is never compared with a decision. */
function termKey(r: FigureRecord): string {
  const kind = r.term?.kind ?? 'prison';
  return r.term?.status === 'requested' ? `${kind}-requested` : kind;
}

/**
 * Groups the same figure across articles and gives each group a verdict and one line of why. Figures with neither
 * a place, a date nor a running-total marker cannot be matched and are left out, as are `other` figures. Besides the
 * group of every report of one count, a count that several counters keep gets a group per counter, and a day on which
 * counters disagree gets a group of its own: each is a finding a reader may look for.
 * `placing`: the records that tell where places lie, in the pile's order (by article id, then seq), when more than
 * `records` (a regrouping of some measures reads those of every measure; groups of one measure depend on the other
 * measures' records through these alone).
 */
export function groupFigures(records: readonly FigureRecord[], placing: readonly FigureRecord[] = records): FigureGroup[] {
  return groupPlacedFigures(records, placeParents(placing));
}

/** `groupFigures` with the places' parents given (`placeParents` of the placing records), worked out once for many calls. */
export function groupPlacedFigures(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>): FigureGroup[] {
  return [...groupFigureUnits(records, parents).values()].flat().sort((a, b) => compareCodePoints(a.key, b.key));
}

/**
 * The date a record's count is of (its reference date, else its own date, else its report date), `''` when it has
 * none: what its figure fact is ranked by, so a regrouping reads a stretch of days of a cluster.
 */
export function figureDay(r: Pick<FigureRecord, 'ref' | 'date' | 'reported'>): string {
  const given = r.ref ?? r.date ?? r.reported ?? '';
  return /^\d{4}/.test(given) ? given : '';
}

/** The calendar year of `figureDay`, `''` for a record with no date. */
export function figureYear(r: Pick<FigureRecord, 'ref' | 'date' | 'reported'>): string {
  return figureDay(r).slice(0, 4);
}

/**
 * Counts are compared within a year: a cluster reported every few weeks for a decade would otherwise chain into one
 * window (`timeWindows`), and a regrouping would read all of it. A chain of reports that runs on from one year into
 * the next stays with its year for the first `yearHeadDays` of the new one (the January reports of a November
 * crackdown, a December toll still counted in May), and no further. (At three months a toll reported from December
 * to late May split in two.)
 */
export const yearHeadDays = 183;

/** The gap in days that chains the reports of a cluster (`timeWindows`): a month with no place, else half a year. */
export const clusterGap = (placeless: boolean) => (placeless ? 31 : 183);

/** Days since 1970 of a date, a month (its first day) or a year (its first day). */
export function dayNumber(value: string): number {
  const m = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?/.exec(value);
  return m ? Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) / 86_400_000 : Number.NaN;
}

/** The day `n` (since 1970) as `YYYY-MM-DD`. */
export const dayString = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The year before `year`. */
const yearBefore = (year: string) => String(Number(year) - 1).padStart(4, '0');

/**
 * The year each dated record other than a sentence is grouped in: its own, or the year before for a report in the
 * first `yearHeadDays` of its year that a chain of the cluster's reports, each within the cluster's gap of the next,
 * joins to a report of the year before. Whether a record is so joined depends on its cluster's reports from the gap
 * before its year began to itself alone, so a regrouping of a year reads those and no more.
 */
export function unitYears(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>): Map<FigureRecord, string> {
  const byCluster = new Map<string, { r: FigureRecord; day: number; year: string }[]>();
  for (const r of records) {
    const given = figureDay(r);
    if (r.measure === 'sentence' || !given) continue;
    const cluster = figureCluster(r, parents);
    (byCluster.get(cluster) ?? byCluster.set(cluster, []).get(cluster)!).push({ r, day: dayNumber(given), year: given.slice(0, 4) });
  }
  const years = new Map<FigureRecord, string>();
  for (const [cluster, list] of byCluster) {
    const gap = clusterGap(cluster.endsWith('|'));
    list.sort((a, b) => a.day - b.day);
    let runFrom = Number.NEGATIVE_INFINITY;
    let previous: number | undefined;
    for (const e of list) {
      if (previous === undefined || e.day - previous > gap) runFrom = e.day;
      previous = e.day;
      const begins = dayNumber(e.year);
      years.set(e.r, e.day < begins + yearHeadDays && runFrom < begins ? yearBefore(e.year) : e.year);
    }
  }
  return years;
}

/**
 * The year a bucket's undated records are grouped in (an undated page most likely tells the story most reports
 * tell), from how many of its dated records each year's groups hold (`yearCounts`): the year most are in, the earlier
 * on a tie; `''` when none is dated.
 */
export function homeYear(counts: Readonly<Record<string, number>>): string {
  let best = '';
  let most = 0;
  for (const [year, n] of Object.entries(counts)) {
    if (year === '' || n < most || (n === most && compareCodePoints(year, best) > 0)) continue;
    best = year;
    most = n;
  }
  return best;
}

/** Buckets' dated records counted by year, by cluster: `cluster → bucket (placedBase) → year → count`. */
export type YearCounts = Map<string, Record<string, Record<string, number>>>;

/** How many dated records of each bucket each year's groups hold (`unitYears`), by cluster: what home years come from. */
export function yearCounts(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>, years: ReadonlyMap<FigureRecord, string>): YearCounts {
  const counts: YearCounts = new Map();
  for (const r of records) {
    const base = placedBase(r, parents);
    const year = years.get(r);
    if (base === null || year === undefined) continue;
    const cluster = figureCluster(r, parents);
    const ofCluster = counts.get(cluster) ?? counts.set(cluster, {}).get(cluster)!;
    const ofBase = (ofCluster[base] ??= {});
    ofBase[year] = (ofBase[year] ?? 0) + 1;
  }
  return counts;
}

/** Each bucket's home year (`homeYear`) from the counts. */
export function homeYears(counts: YearCounts): Map<string, string> {
  const homes = new Map<string, string>();
  for (const ofCluster of counts.values()) for (const [base, years] of Object.entries(ofCluster)) homes.set(base, homeYear(years));
  return homes;
}

/**
 * The unit of groups each record falls in: its cluster (`figureCluster`) and its year (`unitYears`; an undated
 * record's, its bucket's home year in `homes`, else `''`), a person's sentences one unit (a sentence is told by its
 * verdict, its appeal or no date at all). A unit is grouped from its own records alone. `homes`: the buckets' home
 * years, when `records` are not the whole pile (else worked out from them).
 */
export function figureUnits(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>, homes?: ReadonlyMap<string, string>): Map<FigureRecord, string> {
  const years = unitYears(records, parents);
  const home = homes ?? homeYears(yearCounts(records, parents, years));
  const units = new Map<FigureRecord, string>();
  for (const r of records) {
    if (r.measure === 'sentence') units.set(r, r.measure);
    else units.set(r, `${figureCluster(r, parents)}|${years.get(r) ?? home.get(placedBase(r, parents) ?? '') ?? ''}`);
  }
  return units;
}

/** The groups each unit's records make (`figureUnits`, which may leave records out: those of units not regrouped). */
export function groupFigureUnits(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>, units = figureUnits(records, parents)): Map<string, FigureGroup[]> {
  const byYear = new Map<string, FigureRecord[]>();
  for (const r of records) {
    const unit = units.get(r);
    if (unit === undefined) continue;
    const year = unit === 'sentence' ? unit : unit.slice(unit.lastIndexOf('|') + 1);
    (byYear.get(year) ?? byYear.set(year, []).get(year)!).push(r);
  }
  const out = new Map<string, FigureGroup[]>();
  for (const [year, list] of byYear) {
    for (const g of groupYear(list, parents)) {
      const unit = year === 'sentence' ? year : `${groupCluster(g)}|${year}`;
      (out.get(unit) ?? out.set(unit, []).get(unit)!).push(g);
    }
  }
  return out;
}

/**
 * The bucket `measure|unit|place|who` a compared record other than a sentence starts in, or null for one no group
 * takes (vague, one named victim, or with neither a place, a date nor a running-total marker).
 */
function placedBase(r: FigureRecord, parents: ReadonlyMap<string, string>): string | null {
  if (!compared.has(r.measure) || r.measure === 'sentence' || namedVictim(r) || r.vague) return null;
  const place = placeOf(r, parents);
  if (!place && !r.date && !r.cumulative) return null;
  const who = r.subject && security.test(normalizePlace(r.subject)) ? 'security' : (r.scope ?? 'people');
  const unit = r.measure === 'money' ? r.unit : '';
  return `${r.measure}|${unit}|${place}|${who}`;
}

/** The groups of records of one year (or a person's sentences), in any order. */
function groupYear(records: readonly FigureRecord[], parents: ReadonlyMap<string, string>): FigureGroup[] {
  const buckets = new Map<string, FigureRecord[]>();
  const sentenceSubjects: { name: string; key: string }[] = [];
  for (const r of records) {
    if (!compared.has(r.measure) || namedVictim(r) || r.vague) continue;
    let base: string;
    if (r.measure === 'sentence') {
      // A person's sentence is told by the verdict, the appeal or no date at all: the person and the kind of term are the key.
      if (!r.subject || !r.duration) continue;
      let known = sentenceSubjects.find((s) => sameName(s.name, r.subject!));
      if (!known) {
        known = { name: r.subject, key: nameTokens(r.subject).join(' ') };
        sentenceSubjects.push(known);
      }
      base = `sentence|${termKey(r)}|${known.key}|people`;
    } else {
      const placed = placedBase(r, parents);
      if (placed === null) continue;
      base = placed;
    }
    const list = buckets.get(base);
    if (list) list.push(r);
    else buckets.set(base, [r]);
  }

  mergeIntoOnlyCity(buckets);
  splitParts(buckets);
  const groups: FigureGroup[] = [];
  for (const [base, given] of buckets) {
    // A record made by hand (a test, an old export) carries no reference date: its own date, else its report date.
    for (const r of given) if (!r.ref && (r.date ?? r.reported)) Object.assign(r, { ref: r.date ?? r.reported!, refFrom: r.date ? 'figure' : 'article' });
    const list = base.startsWith('sentence|') ? given : placeUndated(given);
    const make = (key: string, reports: FigureRecord[], judged: Judgement) => groups.push(toGroup(key, base, reports, judged));
    if (base.startsWith('sentence|')) {
      make(base, list, judgeTerms(list));
      continue;
    }
    // A count with no place compares only with counts within a month of it, a placed one within half a year: the pile
    // may hold several crises, one place may see two of them a year apart, and a look back a year on is another story.
    const placeless = base.split('|')[2] === '';
    const windows = timeWindows(list, placeless ? 31 : 183);
    for (const [from, part] of windows) {
      // Keyed by the window's first day: a bucket has windows in other years too, grouped apart (`groupFigureUnits`).
      const key = `${base}|${from}`;
      const whole = judge(part);
      const series = whole.verdict === 'agree' ? new Map<string, FigureRecord[]>() : counterSeries(part);
      const apart = series.size > 0 && allClashes(points(part)).length > 0 && [...series.values()].every((list) => allClashes(points(list)).length === 0);
      if (!apart) {
        make(key, part, whole);
        for (const [family, reports] of series) make(`${key}|by:${family}`, reports, judge(reports, true));
      } else {
        const taken = new Set([...series.values()].flat());
        const rest = part.filter((r) => !taken.has(r));
        if (rest.length > 0) make(key, rest, judge(rest));
        for (const [family, reports] of series) make(`${key}|by:${family}`, reports, judge(reports, true));
        for (const [day, reports] of sideBySide(series)) make(`${key}|on:${day}`, reports, judge(comparison(reports)));
        continue;
      }
      if (whole.verdict === 'agree') continue;
      for (const [day, reports] of disagreeingDays(part)) make(`${key}|on:${day}`, reports, judge(reports));
      // A group of parts holds the pieces of different wholes: two of one article there are no two values of one count.
      // A count whose verdict is already one article's two values (a scope difference) needs no group of that article.
      if (!base.endsWith('|part') && whole.verdict !== 'scope') for (const [id, reports] of ownDisagreements(part)) make(`${key}|in:${id}`, reports, judgeOwn(reports));
    }
  }
  return groups;
}

/**
 * One article's breakdown of its own total ("18 dead, 3 of them in Santiago", "a child among them") is no report of
 * the count: a value a third or less of a larger one the same counter gives in the same article goes to a group of
 * parts, so the count's group holds what each article says the count is.
 */
function splitParts(buckets: Map<string, FigureRecord[]>): void {
  for (const [base, list] of [...buckets]) {
    if (base.startsWith('sentence|')) continue;
    const largest = new Map<string, FigureRecord>();
    const source = (r: FigureRecord) => `${r.articleId}|${familyOf(r)?.family ?? ''}`;
    // A total far above what the other articles say (a misread "1,340 treated" among deaths) makes no parts of the rest.
    const tops = new Map<string, number>();
    for (const r of list) tops.set(r.articleId, Math.max(tops.get(r.articleId) ?? 0, r.value));
    // A total the article states twice is no slip of the reader, whatever its size.
    const ceiling = 10 * median([...tops.values()]);
    const stated = new Map<string, number>();
    for (const r of list) stated.set(`${r.articleId}|${r.value}`, (stated.get(`${r.articleId}|${r.value}`) ?? 0) + 1);
    const twice = (r: FigureRecord) => (stated.get(`${r.articleId}|${r.value}`) ?? 0) > 1;
    for (const r of list) if ((r.value <= ceiling || twice(r)) && r.value > (largest.get(source(r))?.value ?? -Infinity)) largest.set(source(r), r);
    // A smaller value the article dates apart from its total is the count's history ("8, then 22, now 29"), not a part.
    const own = (r: FigureRecord) => r.refFrom === 'figure' || r.refFrom === 'sentence';
    // Smaller values that add up to the total are its breakdown, whatever day the article gives them ("9 dead: 4 by
    // gunfire, 3 in falls, 2 in crashes").
    const below = new Map<string, number>();
    for (const r of list) if (largest.has(source(r)) && r.value < largest.get(source(r))!.value) below.set(source(r), (below.get(source(r)) ?? 0) + r.value);
    // A count that names no counter is told against the article's largest count of any counter ("two bodies taken to
    // the capital" beside the ministry's nine).
    const articleLargest = new Map<string, FigureRecord>();
    for (const r of largest.values()) if (r.value > (articleLargest.get(r.articleId)?.value ?? -Infinity)) articleLargest.set(r.articleId, r);
    // Each article's largest value, and its largest of everyone (not of civilians only), worked out once per bucket.
    const civilians = (r: FigureRecord) => !!r.subject && civilian.test(normalizePlace(r.subject));
    const articleTop = new Map<string, number>();
    for (const r of list) {
      articleTop.set(r.articleId, Math.max(articleTop.get(r.articleId) ?? -Infinity, r.value));
      if (!civilians(r)) articleTop.set(`${r.articleId}|everyone`, Math.max(articleTop.get(`${r.articleId}|everyone`) ?? -Infinity, r.value));
    }
    const part = (r: FigureRecord) => {
      const total = familyOf(r) ? largest.get(source(r)) : articleLargest.get(r.articleId);
      // Taken from a larger count of the same place ("of the 60 dead in the region, 19 in Varo" is Varo's own count).
      if (r.partOf !== undefined && list.some((q) => q.articleId === r.articleId && q.value === r.partOf)) return true;
      // "eleven civilians and two soldiers": the civilians among an article's dead are a part of its count of everyone.
      if (civilians(r) && (articleTop.get(`${r.articleId}|everyone`) ?? -Infinity) > (r.high ?? r.value)) return true;
      // Those added to a count or left over from it ("two more", "the other five") below the article's count of the whole.
      if (r.added && (articleTop.get(r.articleId) ?? -Infinity) > (r.high ?? r.value)) return true;
      if (!total || r.value >= total.value) return false;
      // One death told apart ("one man drowned at the ford") below the same source's total is that total's story.
      const alone = r.value === 1 && r.high === undefined && total.value >= 2;
      return below.get(source(r)) === total.value || (((r.high ?? r.value) * 3 <= total.value || alone) && !(own(r) && r.ref !== total.ref));
    };
    // A value ten times what the articles say, stated once ("9 dead and 2,310 in the protests"), is another count or a
    // misreading: it is set apart with the parts rather than made a report of the count.
    const far = (r: FigureRecord) => r.value > ceiling && !twice(r) && tops.size > 2;
    const parts = list.filter((r) => part(r) || far(r));
    if (parts.length === 0) continue;
    buckets.set(
      base,
      list.filter((r) => !parts.includes(r)),
    );
    buckets.set(`${base}|part`, [...(buckets.get(`${base}|part`) ?? []), ...parts]);
  }
}

/** "after the death of Ana Quispe": one victim named is a person's story, not a count of the toll. */
function namedVictim(r: FigureRecord): boolean {
  return r.value === 1 && !!r.subject && /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+$/u.test(r.subject.trim());
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Reports split where their reference dates are more than `gap` days apart; undated ones join the largest window. */
function timeWindows(list: readonly FigureRecord[], gap: number): [string, FigureRecord[]][] {
  const dated = list.filter((r) => r.ref).sort(byRef);
  const windows: [string, FigureRecord[]][] = [];
  for (const r of dated) {
    const last = windows[windows.length - 1];
    const prev = last?.[1][last[1].length - 1];
    if (last && prev && daysBetween(prev.ref!, r.ref!) <= gap) last[1].push(r);
    else windows.push([r.ref!, [r]]);
  }
  const undated = list.filter((r) => !r.ref);
  if (undated.length > 0) {
    // An undated report of a placed count most likely tells the story most reports tell.
    const largest = windows.reduce<[string, FigureRecord[]] | undefined>((best, w) => (!best || w[1].length > best[1].length ? w : best), undefined);
    if (largest && (windows.length === 1 || gap > 31)) largest[1].push(...undated);
    else windows.push(['', undated]);
  }
  return windows;
}

/**
 * A count given for a region ("Cochabamba") when the only count of that measure inside it is one city's ("Quillacollo")
 * is that city's count told at a coarser grain: its reports join the city's group (the why line names both places).
 */
function mergeIntoOnlyCity(buckets: Map<string, FigureRecord[]>): void {
  for (const [base, list] of [...buckets]) {
    const [measure, unit, place, who] = base.split('|');
    if (measure === 'sentence' || !/^[A-Z]{2}\.[^.]+$/.test(place!)) continue;
    const inside = [...buckets.keys()].filter((k) => {
      const [m, u, p, w] = k.split('|');
      return m === measure && u === unit && w === who && p !== place && p!.startsWith(`${place}.`);
    });
    if (inside.length !== 1) continue;
    // A running total for the division is the division's own count ("60 dead in Puno since December").
    const days = list.filter((r) => !r.cumulative);
    buckets.get(inside[0]!)!.push(...days);
    if (days.length === list.length) buckets.delete(base);
    else
      buckets.set(
        base,
        list.filter((r) => r.cumulative),
      );
  }
}

/**
 * Every article's "X inside Y" for names the gazetteer does not know, joined: a local name whose country one article
 * did not know (`..chaupimayo`) takes the one other article's (`BO..chaupimayo`).
 */
export function placeParents(records: readonly FigureRecord[]): Map<string, string> {
  const parents = new Map<string, string>();
  for (const r of records) if (r.placeKey && r.placeWithin && !parents.has(r.placeKey)) parents.set(r.placeKey, r.placeWithin);
  const byName = new Map<string, Set<string>>();
  const addLocal = (key: string) => (byName.get(key.slice(key.indexOf('..'))) ?? byName.set(key.slice(key.indexOf('..')), new Set()).get(key.slice(key.indexOf('..')))!).add(key);
  // The place an article puts a local name in ("Villa Ruiz de Tumbá") is a local name too, known in other articles' countries.
  for (const r of records) {
    if (r.placeLevel === 'local' && r.placeKey) addLocal(r.placeKey);
    if (r.placeWithin?.includes('..')) addLocal(r.placeWithin);
  }
  for (const [bare, keys] of byName) {
    const known = [...keys].filter((k) => !k.startsWith('..'));
    if (known.length === 1 && keys.has(bare) && !parents.has(bare)) parents.set(bare, parents.get(known[0]!) ?? known[0]!);
  }
  const localKeys = new Set([...byName.values()].flatMap((keys) => [...keys]));
  for (const [child, parent] of [...parents]) {
    // "Villa Ruiz de Tumbá" in one article puts Villa Ruiz, named alone in others, inside Tumbá too.
    const m = /^([A-Z]*)\.\.(\S+) (?:de|del|in|en) /.exec(child);
    if (!m) continue;
    for (const key of localKeys) {
      if (!key.endsWith(`..${m[2]}`) || parents.has(key)) continue;
      const country = key.slice(0, key.indexOf('..'));
      const outer = parent.slice(parent.indexOf('..'));
      parents.set(key, localKeys.has(`${country}${outer}`) ? `${country}${outer}` : parent);
    }
  }
  // A name read without its article ("Alto" for "El Alto") is the place with it, where the article names that place.
  for (const key of localKeys) {
    const m = /^([A-Z]*)\.\.(\S.*)$/.exec(key);
    if (!m || parents.has(key)) continue;
    const full = ['el', 'la', 'los', 'las', 'the'].map((a) => `${m[1]}..${a} ${m[2]}`).find((k) => localKeys.has(k));
    if (full) parents.set(key, full);
  }
  return parents;
}

/** The key a record groups under: its place, or the place its article puts that place in (followed to the top). */
function placeOf(r: FigureRecord, parents: ReadonlyMap<string, string>): string {
  return placeOfKey(ownPlaceKey(r), parents);
}

function placeOfKey(given: string, parents: ReadonlyMap<string, string>): string {
  let key = given;
  for (let hops = 0; hops < 4 && parents.has(key); hops++) key = parents.get(key)!;
  return key;
}

/**
 * Where each place key that has a parent groups (`placeOf`): what a regrouping compares with the same map at the last
 * one to find the keys whose records moved between groups. A key not in it groups under itself.
 */
export function placesGrouped(parents: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...parents.keys()].map((key) => [key, placeOfKey(key, parents)]));
}

/**
 * The groups of a measure fall in clusters no group reaches across: those of one place, and a division's with those
 * of every place inside it (`mergeIntoOnlyCity` joins a region's count to its one city's); a person's sentences are one
 * cluster (their names are matched loosely, in the pile's order). A cluster is regrouped from its own records alone.
 * `XX.region` is the cluster of the region and of every key below it (`XX.region.city`); any other key is its own.
 */
export function placeCluster(place: string): string {
  return /^[A-Z]{2}\.[^.]+/.exec(place)?.[0] ?? place;
}

/** The cluster of groups a record falls in, its place followed through `parents` as `groupFigures` does. */
export function figureCluster(r: FigureRecord, parents: ReadonlyMap<string, string>): string {
  return r.measure === 'sentence' ? r.measure : `${r.measure}|${placeCluster(placeOf(r, parents))}`;
}

/** The cluster of a group (its key starts with the bucket `measure|unit|place|who`). */
export function groupCluster(g: Pick<FigureGroup, 'key' | 'measure'>): string {
  return g.measure === 'sentence' ? g.measure : `${g.measure}|${placeCluster(g.key.split('|')[2] ?? '')}`;
}

/** The stored part of a record no group takes (`groupFigures` skips a sentence with no one sentenced or no term). */
export const ungroupedPart = (measure: FigureMeasure) => `${measure}|-`;

/**
 * The part a figure record is stored under, so a regrouping reads only the records of the clusters it regroups: the
 * cluster of its own place key, before any parent an article gives it (which a later article may give, so the
 * cluster it groups in is worked out when regrouped). A record with a place but no key (made by hand, never by
 * `figureRecords`) is stored under its bare measure, read with every cluster of it; `other` figures are never compared.
 * Migration 0019 (src/store/schema.ts) gives stored records the same parts in SQL: the two are kept alike.
 */
export function figureFactPart(r: Pick<FigureRecord, 'measure' | 'placeKey' | 'place' | 'subject' | 'duration'>): string {
  if (r.measure === 'sentence') return r.subject && r.duration ? r.measure : ungroupedPart(r.measure);
  if (!compared.has(r.measure)) return r.measure;
  if (r.placeKey !== undefined) return `${r.measure}|${placeCluster(r.placeKey)}`;
  return r.place ? r.measure : `${r.measure}|`;
}

/**
 * What a record's coming or going makes stale: `measure|own place key|year` for each year whose groups it may change
 * (the cluster it groups in is worked out when regrouped, with the parents known then; `''` for a record with no
 * date), the sentences, or nothing for a record no group takes.
 */
export function figureStaleMarks(r: FigureRecord): string[] {
  const part = figureFactPart(r);
  if (!compared.has(r.measure) || part === ungroupedPart(r.measure)) return [];
  if (r.measure === 'sentence') return [part];
  const mark = (year: string) => `${r.measure}|${ownPlaceKey(r)}|${year}`;
  const given = figureDay(r);
  if (!given) return [mark('')];
  // A report early in its year may join the year before (`unitYears`); one late in it may join the next year's
  // early reports to its own year.
  const year = given.slice(0, 4);
  const next = String(Number(year) + 1).padStart(4, '0');
  const day = dayNumber(given);
  return [...(day < dayNumber(year) + yearHeadDays ? [mark(yearBefore(year))] : []), mark(year), ...(day >= dayNumber(next) - clusterGap(ownPlaceKey(r) === '') ? [mark(next)] : [])];
}

/** The place key a record is grouped by before any parent is followed (what a stale mark names). */
export function ownPlaceKey(r: Pick<FigureRecord, 'placeKey' | 'place'>): string {
  return r.placeKey ?? (r.place ? normalizePlace(r.place) : '');
}

function toGroup(key: string, base: string, list: readonly FigureRecord[], judged: Judgement): FigureGroup {
  const reports = [...list].sort(byReport);
  const [measure, , place, who] = base.split('|') as [FigureMeasure, string, string, string];
  const isSentence = measure === 'sentence';
  // The day the group is about: the one most reports that state their own date give, if at least half of them do.
  const ownDays = reports.filter((r) => r.refFrom === 'figure' || r.refFrom === 'sentence').map((r) => r.ref!);
  const day = mostCommon(ownDays);
  // A running total is as of every report's day: it has no one day.
  const running = reports.filter((r) => r.cumulative).length * 2 > reports.length;
  const date = !isSentence && !running && day && ownDays.filter((d) => compatible(d, day)).length * 2 >= ownDays.length ? day : null;
  return {
    key,
    measure,
    place: isSentence ? null : (mostCommon(reports.map((r) => r.placeName ?? r.place)) ?? (place || null)),
    subject: isSentence ? fullestSubject(reports) : who === 'security' ? 'security forces' : null,
    date,
    since: mostCommon(reports.map((r) => r.since)),
    cumulative: reports.some((r) => r.cumulative),
    verdict: judged.verdict,
    why: judged.why,
    counters: [
      ...new Set(
        reports.flatMap((r) => {
          const f = familyOf(r);
          return f ? [f.family] : [];
        }),
      ),
    ].sort(compareCodePoints),
    values: [...new Set(reports.map(valueLabel))],
    reports,
    articles: new Set(reports.map((r) => r.articleId)).size,
    outlets: new Set(reports.map((r) => r.outlet ?? r.articleId)).size,
  };
}

function mostCommon(names: readonly (string | undefined)[]): string | null {
  const counts = new Map<string, number>();
  for (const n of names) if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))[0]?.[0] ?? null;
}

/** Report date (for an undated page, the date it refers to), then outlet and position: the order of a chart. */
function byReport(a: FigureRecord, b: FigureRecord): number {
  return compareCodePoints(a.reported ?? a.ref ?? '', b.reported ?? b.ref ?? '') || compareCodePoints(a.outlet ?? '', b.outlet ?? '') || (a.start ?? 0) - (b.start ?? 0);
}

/** Reference date, then report date, then outlet and position: the order in which a count is read over time. */
function byRef(a: FigureRecord, b: FigureRecord): number {
  return (
    compareCodePoints(a.ref ?? '\uffff', b.ref ?? '\uffff') ||
    compareCodePoints(a.reported ?? '', b.reported ?? '') ||
    compareCodePoints(a.outlet ?? '', b.outlet ?? '') ||
    (a.start ?? 0) - (b.start ?? 0)
  );
}

interface Judgement {
  verdict: Verdict;
  why: string;
}

/** A place in a series: one article's count for one reference day (its largest, when it recalls earlier ones). */
interface Point {
  r: FigureRecord;
  lo: number;
  hi: number;
  ref: string;
  when: string;
}

/** Where a series stops fitting one rising count: the two reports that clash, and how. */
interface Clash {
  a: FigureRecord;
  b: FigureRecord;
  sameDay: boolean;
}

/** The points of a series: per article and counter its largest value; reports with no date cannot be placed. */
function points(reports: readonly FigureRecord[]): Point[] {
  const byKey = new Map<string, Point>();
  for (const r of reports) {
    if (!r.ref) continue;
    const [lo, hi] = interval(r);
    // One point per article and counter: its largest count (a page lists the dead one by one, recalls earlier tolls,
    // or breaks its total down); two counters quoted in one article are two points ("6 per the ombudsman, 4 per the ministry").
    // An article that dates an earlier count itself ("a first report of three on Friday; eight by Saturday") tells the
    // count's history: each day it names is a point of its own.
    const key = `${r.articleId}|${familyOf(r)?.family ?? ''}|${r.refFrom === 'figure' || r.refFrom === 'sentence' ? r.ref : ''}`;
    const prev = byKey.get(key);
    if (!prev || lo > prev.lo) byKey.set(key, { r, lo, hi, ref: r.ref, when: r.reported ?? r.ref });
  }
  return [...byKey.values()].sort((a, b) => compareCodePoints(a.ref, b.ref) || compareCodePoints(a.when, b.when) || a.lo - b.lo);
}

/**
 * Whether two reports of one day's count read as the same toll growing: the later report, within a week of the day,
 * is the higher. A count that differs in a report weeks later is a retrospective disagreement, not news of more bodies.
 */
function risingSoon(a: Point, b: Point): boolean {
  const [early, late] = compareCodePoints(a.when, b.when) <= 0 ? [a, b] : [b, a];
  if (early.when === late.when || late.lo < early.lo) return false;
  return daysBetween(late.ref, late.when) <= 7;
}

/** Days from one ISO prefix to another (a month or a year counts from its first day); NaN when either is not a date. */
function daysBetween(from: string, to: string): number {
  const t = (d: string) => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));
  return (t(to) - t(from)) / 86400000;
}

/** Whether one interval fits every report: they all say the same. */
function agreeing(reports: readonly FigureRecord[]): boolean {
  let lo = -Infinity;
  let hi = Infinity;
  for (const r of reports) {
    const [a, b] = interval(r);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  return lo <= hi;
}

function dayOf(r: FigureRecord): string {
  return r.ref ? ` (${r.ref})` : '';
}

/** "12 (6 articles) vs 14 (2 articles)": each value with how many articles give it. */
function tally(reports: readonly FigureRecord[]): string {
  const articles = new Map<string, Set<string>>();
  // "at least 12" and "12" are one value here: the tally is of what the articles disagree on.
  for (const r of reports) (articles.get(valueLabel(r)) ?? articles.set(valueLabel(r), new Set()).get(valueLabel(r))!).add(r.articleId);
  return [...articles].map(([value, ids]) => `${value} (${ids.size} article${ids.size === 1 ? '' : 's'})`).join(' vs ');
}

/** "ombudsman 42, NGOs 47": the values each counter gives on a day. */
function byCounter(reports: readonly FigureRecord[]): string {
  const seen = new Map<string, Set<string>>();
  for (const r of reports) {
    const name = familyOf(r)?.family ?? 'unattributed';
    (seen.get(name) ?? seen.set(name, new Set()).get(name)!).add(shown(r));
  }
  return [...seen].map(([name, values]) => `${name === 'ngo' ? 'NGOs' : name} ${[...values].join('/')}`).join(', ');
}

/** Judges one count: agree, evolving, scope, conflict or outlier, with the line that says why. */
function judge(reports: readonly FigureRecord[], oneCounter = false): Judgement {
  const values = [...new Set(reports.map(shown))];
  if (agreeing(reports)) return { verdict: 'agree', why: `every report fits ${values.length === 1 ? values[0] : values.join(', ')}` };
  // Accounts written more than two weeks after the day they describe (a look back "as of October 13", an anniversary
  // piece, a commission's report) are read apart: the count as it was reported at the time decides whether it evolved
  // or was disputed then.
  // A page with no publication date cannot say when it was written: an encyclopedia entry or an anniversary piece as
  // often as news of the day. Beside dated reports, it is read apart like a later account.
  const later = new Set(reports.filter((r) => r.ref && (r.reported ? r.reported.length === 10 && daysBetween(r.ref, r.reported) > 14 : r.refFrom !== 'article')));
  const live = reports.filter((r) => !later.has(r));
  if (later.size > 0 && points(live).length > 1) {
    const atTheTime = judge(live, oneCounter);
    const laterValues = [...new Set([...later].map(shown))].join(', ');
    if (atTheTime.verdict === 'evolving' || atTheTime.verdict === 'conflict') return { verdict: atTheTime.verdict, why: `${atTheTime.why}; later accounts: ${laterValues}` };
  }
  // Reports with no date at all cannot be put on the count's course: when two dated articles or more fit one rising or
  // agreeing count, that is the verdict, and the undated values it does not hold are named beside it.
  const undated = reports.filter((r) => !r.ref);
  const dated = reports.filter((r) => r.ref);
  if (undated.length > 0 && new Set(dated.map((r) => r.articleId)).size >= 2) {
    const course = judge(dated, oneCounter);
    // The values every dated report fits, worked out once: a group may hold thousands of reports.
    const [lo, hi] = dated.map(interval).reduce(([a, b], [c, d]) => [Math.max(a, c), Math.min(b, d)], [-Infinity, Infinity]);
    const off = [
      ...new Set(
        undated
          .filter((r) => {
            const [a, b] = interval(r);
            return Math.max(a, lo) > Math.min(b, hi);
          })
          .map(shown),
      ),
    ];
    if (course.verdict === 'evolving' || course.verdict === 'agree') return { verdict: course.verdict, why: off.length > 0 ? `${course.why}; undated: ${off.join(', ')}` : course.why };
  }
  const ps = points(reports);
  const clashes = allClashes(ps);
  const rising = risingChain(ps);
  const riseWhy = () => `values rise with the reference date: ${shown(rising[0]!.r)}${dayOf(rising[0]!.r)} → ${shown(rising[rising.length - 1]!.r)}${dayOf(rising[rising.length - 1]!.r)}`;
  if (clashes.length === 0 && ps.length > 1 && !agreeing(ps.map((p) => p.r))) return { verdict: 'evolving', why: riseWhy() };
  if (clashes.length === 0 && ps.length > 0 && agreeing(ps.map((p) => p.r))) {
    // Every article's largest count agrees: the smaller ones are parts of it ("47 injured, 19 of them police").
    const parts = reports.find((r) => ps.some((p) => p.r.articleId === r.articleId && p.r.value !== r.value));
    const whole = parts && ps.find((p) => p.r.articleId === parts.articleId && p.r.value !== parts.value);
    // Within one counter's series, an article's total and a part of it ("61 deaths known, 27 tied to the protests")
    // are no disagreement about the count: its course is that of the totals.
    const undatedValues = [...new Set(reports.filter((r) => !r.ref).map(shown))];
    if (parts && whole && oneCounter)
      return {
        verdict: 'agree',
        why: `every article's count fits ${shown(whole.r)}; one article also gives ${shown(parts)}, a part of it${undatedValues.length > 0 ? `; undated: ${undatedValues.join(', ')}` : ''}`,
      };
    if (parts && whole) return { verdict: 'scope', why: `one article gives ${shown(whole.r)} and ${shown(parts)}: different things counted` };
  }
  if (clashes.length === 0) {
    // Too few dated reports to order: the lowest and the highest value are what disagree.
    const sorted = [...reports].sort((x, y) => x.value - y.value);
    clashes.push({ a: sorted[0]!, b: sorted[sorted.length - 1]!, sameDay: false });
  }
  const unexplained = clashes.filter((c) => !explainByScope(reports, c));
  if (unexplained.length === 0) return explainByScope(reports, clashes[0]!)!;
  // Most reports on one rising count, a few off it (a stale figure left in a page, a later retrospective): evolving.
  // …rising over days: values that differ on one day are no rise.
  const distinctRise = new Set(rising.map((p) => p.at)).size;
  if (distinctRise >= 3 && new Set(rising.map((p) => p.ref)).size >= 2 && rising.length * 3 >= ps.length * 2) {
    const off = ps.length - rising.length;
    return { verdict: 'evolving', why: off > 0 ? `${riseWhy()}; ${off} of ${ps.length} reports off the rise` : riseWhy() };
  }
  const outlier = findOutlier(reports);
  if (outlier) return outlier;
  const { a, b, sameDay } = unexplained[0]!;
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (sameDay) {
    const day = a.ref ?? b.ref ?? '';
    const onDay = reports.filter((r) => r.ref === day);
    if (fa && fb && fa.family !== fb.family) return { verdict: 'conflict', why: `same day${day ? ` (${day})` : ''}, different counters: ${byCounter(onDay)}` };
    return { verdict: 'conflict', why: `same day${day ? ` (${day})` : ''}, different values: ${tally(onDay)}` };
  }
  if (!a.ref || !b.ref) return { verdict: 'conflict', why: `different values with no date to order them: ${values.join(' vs ')}` };
  return { verdict: 'conflict', why: `the count goes down: ${shown(a)}${dayOf(a)}, then ${shown(b)}${dayOf(b)}` };
}

/** Every pair of reports that one rising count cannot fit: a later count below an earlier one, or one day's counts apart. */
function allClashes(ps: readonly Point[]): Clash[] {
  const clashes: Clash[] = [];
  const reach = articleReach(ps);
  // A few hundred clashes say all a verdict needs; a group of thousands of reports must not cost millions of them.
  for (let i = 0; i < ps.length && clashes.length < 500; i++) {
    for (let j = i + 1; j < ps.length; j++) {
      const clash = clashOf(ps[i]!, ps[j]!, reach);
      if (clash) clashes.push(clash);
    }
  }
  return clashes;
}

const source = (p: Point) => `${p.r.articleId}|${familyOf(p.r)?.family ?? ''}`;

/** Each article's largest count among the points, per counter: what it says that counter's count reached. */
function articleReach(ps: readonly Point[]): Map<string, number> {
  const reach = new Map<string, number>();
  for (const p of ps) reach.set(source(p), Math.max(reach.get(source(p)) ?? -Infinity, p.lo));
  return reach;
}

/** Whether two points, `p` no later than `q`, cannot both be on one rising count. */
function clashOf(p: Point, q: Point, reach?: ReadonlyMap<string, number>): Clash | null {
  // "October" and "13 October" cannot be put in order: neither is before the other.
  if (p.ref !== q.ref && compatible(p.ref, q.ref)) return null;
  const apart = q.hi < p.lo || p.hi < q.lo;
  if (p.ref === q.ref) {
    // One article's two counts clash only when it names two different counters for them.
    const fp = familyOf(p.r)?.family;
    const fq = familyOf(q.r)?.family;
    const twoSources = p.r.articleId !== q.r.articleId || (!!fp && !!fq && fp !== fq);
    // The lower value from an article that itself goes on to the higher one is its account of a first report, not a dispute.
    const [low, high] = p.hi < q.lo ? [p, q] : [q, p];
    const recalled = !!reach && (reach.get(source(low)) ?? -Infinity) >= high.lo && (reach.get(source(low)) ?? Infinity) <= high.hi;
    return apart && twoSources && !recalled && twoSources && !risingSoon(p, q) ? { a: p.r, b: q.r, sameDay: true } : null;
  }
  return q.hi < p.lo ? { a: p.r, b: q.r, sameDay: false } : null;
}

/** The longest run of reports, in reference-date order, that one rising count fits, with the value it has at each. */
function risingChain(ps: readonly Point[]): (Point & { at: number })[] {
  if (ps.length > 400) return longestNonDecreasing(ps);
  const length: number[] = ps.map(() => 1);
  const at: number[] = ps.map((p) => p.lo);
  const prev: number[] = ps.map(() => -1);
  for (let j = 0; j < ps.length; j++) {
    for (let i = 0; i < j; i++) {
      // The count is at least what it was; "more than 12" after 19 leaves it at 19.
      const value = Math.max(at[i]!, ps[j]!.lo);
      if (ps[j]!.hi < at[i]!) continue;
      if (length[i]! + 1 > length[j]! || (length[i]! + 1 === length[j]! && value < at[j]!)) {
        length[j] = length[i]! + 1;
        at[j] = value;
        prev[j] = i;
      }
    }
  }
  let end = length.indexOf(Math.max(...length));
  const chain: (Point & { at: number })[] = [];
  for (; end >= 0; end = prev[end]!) chain.unshift({ ...ps[end]!, at: at[end]! });
  return chain;
}

/**
 * The longest non-decreasing run of lower bounds, in O(n log n) (patience sorting): for a count reported hundreds of
 * times, where the quadratic reading of "at least" and ranges costs more than it tells.
 */
function longestNonDecreasing(ps: readonly Point[]): (Point & { at: number })[] {
  const tails: number[] = [];
  const prev: number[] = ps.map(() => -1);
  for (let i = 0; i < ps.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ps[tails[mid]!]!.lo <= ps[i]!.lo) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const chain: (Point & { at: number })[] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) chain.unshift({ ...ps[k]!, at: ps[k]!.lo });
  return chain;
}

/**
 * A disagreement that what was counted explains: two values in one article (a total and a part of it), an official
 * tally against an NGO's or an international body's list, counts from different start dates, civilians against everyone.
 */
function explainByScope(reports: readonly FigureRecord[], clash: Clash): Judgement | null {
  const { a, b } = clash;
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (a.since && b.since && a.since !== b.since) return { verdict: 'scope', why: `counted from different dates: since ${a.since} ${shown(a)}, since ${b.since} ${shown(b)}` };
  const civ = (r: FigureRecord) => !!r.subject && civilian.test(normalizePlace(r.subject));
  if (civ(a) !== civ(b)) return { verdict: 'scope', why: `civilians only vs everyone: ${shown(civ(a) ? a : b)} vs ${shown(civ(a) ? b : a)}` };
  if (fa && fb && fa.family !== fb.family && fa.official !== fb.official) {
    const day = clash.sameDay ? (a.ref ?? '') : '';
    const involved = day ? reports.filter((r) => r.ref === day) : [a, b];
    return { verdict: 'scope', why: `${day ? `same day (${day}), ` : ''}different counters count differently: ${byCounter(involved)}` };
  }
  // Two civil-society lists kept by different organizations ("Vigía Andina counts 40 killings by police; NGOs put the
  // dead at 52") follow each its own rules: no dispute about one count.
  if (fa && fb && !fa.official && !fb.official && a.counter && b.counter && differentCounters(a.counter, b.counter)) {
    return { verdict: 'scope', why: `different organizations count by their own rules: ${a.counter.trim()} ${shown(a)}, ${b.counter.trim()} ${shown(b)}` };
  }
  if (a.articleId === b.articleId && (!fa || !fb || fa.family === fb.family)) return { verdict: 'scope', why: `one article gives ${shown(a)} and ${shown(b)}: different things counted` };
  return null;
}

/** Whether two counters as written name different bodies: neither name holds the other ("Vigía Andina" vs "the NGOs"). */
function differentCounters(a: string, b: string): boolean {
  const [x, y] = [normalizePlace(a).replace(/^(?:the|la|el|las|los)\s+/, ''), normalizePlace(b).replace(/^(?:the|la|el|las|los)\s+/, '')];
  return x !== y && !x.includes(y) && !y.includes(x);
}

/** One value far from all others (at least three times off the nearest) whose removal leaves one consistent count. */
function findOutlier(reports: readonly FigureRecord[]): Judgement | null {
  const distinct = [...new Set(reports.map((r) => r.value))].sort((x, y) => x - y);
  if (distinct.length < 2 || reports.length < 3) return null;
  // A value far from all others is the smallest or the largest.
  for (const v of new Set([distinct[0]!, distinct[distinct.length - 1]!])) {
    const rest = reports.filter((r) => r.value !== v);
    const others = distinct.filter((x) => x !== v);
    const nearest = others.reduce((best, x) => (Math.abs(x - v) < Math.abs(best - v) ? x : best), others[0]!);
    const ratio = Math.max(v, nearest) / Math.max(Math.min(v, nearest), 1e-9);
    // A far value given by many articles is a second count, not a slip; a small one is most often one victim named apart.
    const articles = new Set(reports.map((r) => r.articleId)).size;
    const givers = new Set(reports.filter((r) => r.value === v).map((r) => r.articleId)).size;
    if (ratio < 3 || givers > Math.max(1, articles / 5) || (v < nearest && v < 10)) continue;
    if (agreeing(rest) || allClashes(points(rest)).length === 0) return { verdict: 'outlier', why: `${v} is far from all other reports (${others.sort((x, y) => x - y).join(', ')})` };
  }
  return null;
}

/**
 * A count several counters keep: one series per counter family with two reports or more; a report that names no
 * counter joins the one series it fits without a clash (the wire copy of the ombudsman's figure).
 */
function counterSeries(reports: readonly FigureRecord[]): Map<string, FigureRecord[]> {
  const series = new Map<string, FigureRecord[]>();
  for (const r of reports) {
    const f = familyOf(r);
    if (f) (series.get(f.family) ?? series.set(f.family, []).get(f.family)!).push(r);
  }
  for (const [family, list] of series) if (list.length < 2) series.delete(family);
  if (series.size < 2) return new Map();
  const seriesPoints = new Map([...series].map(([family, list]) => [family, points(list)]));
  const stated = new Map([...series].map(([family, list]) => [family, new Set(list.map(valueLabel))]));
  for (const r of reports) {
    if (familyOf(r)) continue;
    // A value one counter states and no other is that counter's, repeated (the wire copy of the ombudsman's 2,417),
    // dated or not.
    const repeats = [...series.keys()].filter((family) => stated.get(family)!.has(valueLabel(r)));
    if (repeats.length === 1) {
      series.get(repeats[0]!)!.push(r);
      continue;
    }
    const [own] = points([r]);
    if (!own) continue;
    // Else it fits a series when it clashes with none of that series' reports, whatever clashes they have among
    // themselves, and the article does not give that counter another value for the same day ("the ombudsman counts 12;
    // the presidency said 5": the 5 is not the ombudsman's).
    const fits =
      repeats.length > 1
        ? repeats
        : [...series.keys()].filter((family) =>
            seriesPoints.get(family)!.every((p) => {
              if (p.r.articleId === r.articleId && p.ref === own.ref && (p.lo !== own.lo || p.hi !== own.hi)) return false;
              return !(compareCodePoints(p.ref, own.ref) <= 0 ? clashOf(p, own) : clashOf(own, p));
            }),
          );
    if (fits.length === 1) series.get(fits[0]!)!.push(r);
  }
  return series;
}

/**
 * A page with no publication date, placed on the course of the counts it repeats: a counter's value that dated pages
 * give takes the first day they give it ("the ombudsman's 7" is the count of the day the ombudsman first said 7), and
 * the page's other attributed counts that its sentences do not date take the latest such day, the earliest the page
 * can be from; a count that names no counter and repeats no one's stays undated.
 * Returns new records for those placed; the others as they were.
 */
function placeUndated(list: readonly FigureRecord[]): FigureRecord[] {
  const firstDay = new Map<string, string>();
  for (const r of list) {
    if (!r.reported || !r.ref || r.ref.length !== 10 || !familyOf(r)) continue;
    const said = `${familyOf(r)!.family}|${valueLabel(r)}`;
    const known = firstDay.get(said);
    if (!known || compareCodePoints(r.ref, known) < 0) firstDay.set(said, r.ref);
  }
  // A value with no counter named is the counter's the page names for it elsewhere ("la Defensoría cuenta nueve …
  // la institución habla de nueve"). (Taking the one counter's that gives the value in dated pages placed pages on the
  // coincidence of a small number.)
  const named = new Map<string, string>();
  for (const r of list) if (familyOf(r)) named.set(`${r.articleId}|${valueLabel(r)}`, familyOf(r)!.family);
  const dayOf = (r: FigureRecord) => {
    const family = familyOf(r)?.family ?? named.get(`${r.articleId}|${valueLabel(r)}`);
    return family ? firstDay.get(`${family}|${valueLabel(r)}`) : undefined;
  };
  const own = (r: FigureRecord) => r.refFrom === 'figure' || r.refFrom === 'sentence';
  const latest = new Map<string, string>();
  for (const r of list) {
    const day = !r.reported && !own(r) ? dayOf(r) : undefined;
    if (day && compareCodePoints(day, latest.get(r.articleId) ?? '') > 0) latest.set(r.articleId, day);
  }
  // A page goes on a day only where every count it attributes fits that counter's dated course (a small value the
  // ministry gave once is no date for a page whose ombudsman's count is far above that day's).
  const dated = list.filter((r) => r.reported && r.ref && familyOf(r));
  for (const [article, day] of latest) {
    const fits = list
      .filter((r) => r.articleId === article && !own(r) && familyOf(r))
      .every((r) => {
        const [lo, hi] = interval(r);
        return dated.every((q) => {
          if (familyOf(q)!.family !== familyOf(r)!.family || compatible(q.ref!, day)) return true;
          const [qlo, qhi] = interval(q);
          return compareCodePoints(q.ref!, day) < 0 ? qlo <= hi : qhi >= lo;
        });
      });
    if (!fits) latest.delete(article);
  }
  if (latest.size === 0) return [...list];
  return list.map((r) => {
    if (r.reported || own(r) || !latest.has(r.articleId)) return r;
    // A count that names no counter and repeats no one's stays undated: no course says which day it belongs to.
    const day = dayOf(r) ?? (familyOf(r) ? latest.get(r.articleId) : undefined);
    return day ? { ...r, ref: day, refFrom: 'course' as const } : r;
  });
}

/**
 * Where counters keep counts of their own, the day's comparison: the reports of one day (or, on an undated page, of
 * one article, which sets them side by side at its own time) that come from two counters or more.
 */
function sideBySide(series: ReadonlyMap<string, readonly FigureRecord[]>): Map<string, FigureRecord[]> {
  const days = new Map<string, { reports: FigureRecord[]; families: Set<string> }>();
  const articles = new Map<string, { reports: FigureRecord[]; families: Set<string>; days: Set<string> }>();
  for (const [family, list] of series) {
    // A report that joined a counter's series without naming it ("It put the dead at three") is that counter's here.
    for (const r of list.map((x) => (familyOf(x) ? x : { ...x, counterFamily: family }))) {
      const day = r.ref && r.ref.length === 10 ? r.ref : `article ${r.articleId}`;
      const entry = days.get(day) ?? days.set(day, { reports: [], families: new Set() }).get(day)!;
      entry.reports.push(r);
      entry.families.add(family);
      const own = articles.get(r.articleId) ?? articles.set(r.articleId, { reports: [], families: new Set(), days: new Set() }).get(r.articleId)!;
      own.reports.push(r);
      own.families.add(family);
      own.days.add(day);
    }
  }
  // An article that sets two counters side by side compares them at its own time, even where it dates them apart
  // ("36 dead by Monday, the ombudsman said; NGOs count 41"): its comparison stands beside the days'.
  for (const [id, own] of articles) {
    if (own.families.size < 2 || own.days.size < 2) continue;
    // …and the counts it dates only by its own date are of the latest day it names, within the week before it
    // ("31 dead by Monday, the ombudsman said; fewer than the 38 the NGOs list"): that day's comparison holds them.
    const named = own.reports
      .filter((r) => (r.refFrom === 'figure' || r.refFrom === 'sentence') && r.ref?.length === 10)
      .map((r) => r.ref!)
      .sort(compareCodePoints)
      .at(-1);
    const entry = named ? days.get(named) : undefined;
    if (entry && entry.reports.some((r) => r.articleId !== id)) {
      for (const r of own.reports) {
        if (r.refFrom !== 'article' || !r.reported || entry.reports.includes(r)) continue;
        const gap = daysBetween(named!, r.reported);
        if (gap >= 0 && gap <= 7) {
          entry.reports.push(r);
          entry.families.add(familyOf(r)?.family ?? '');
        }
      }
    }
    days.set(`article ${id}`, own);
  }
  return new Map([...days].filter(([, e]) => e.families.size > 1).map(([day, e]) => [day, e.reports]));
}

/**
 * Counters' numbers set side by side, as judged: two counts, not one fuzzy one ("at least 36" beside the NGOs' 41 is
 * no agreement), all as of the latest day one of them is dated, since an article compares them at its own time.
 */
function comparison(reports: readonly FigureRecord[]): FigureRecord[] {
  const latest = reports.reduce<string | undefined>((max, r) => (r.ref && (!max || compareCodePoints(r.ref, max) > 0) ? r.ref : max), undefined);
  return reports.map(({ approx: _, ...exact }) => (latest ? { ...exact, ref: latest } : exact));
}

/** Days on which different articles or counters give different values: each a comparison of its own, unless it is most of the count. */
function disagreeingDays(reports: readonly FigureRecord[]): Map<string, FigureRecord[]> {
  const days = new Map<string, FigureRecord[]>();
  for (const r of reports) if (r.ref && r.ref.length === 10) (days.get(r.ref) ?? days.set(r.ref, []).get(r.ref)!).push(r);
  for (const [day, list] of days) {
    // Parts of one article's total ("7 dead, 1 of them in Quito") are no disagreement: only articles or counters that clash.
    if (allClashes(points(list)).length === 0 || list.length * 2 > reports.length) days.delete(day);
  }
  return days;
}

/**
 * An article that gives one count two values of its own (not a part and its whole): a finding of its own beside the
 * count's course ("the toll rose to 14 … at least nine dead so far"), for each article of a group of several.
 */
function ownDisagreements(reports: readonly FigureRecord[]): Map<string, FigureRecord[]> {
  const byArticle = new Map<string, FigureRecord[]>();
  for (const r of reports) (byArticle.get(r.articleId) ?? byArticle.set(r.articleId, []).get(r.articleId)!).push(r);
  if (byArticle.size < 2) return new Map();
  // Values the article itself dates apart are the count's history, not two accounts of it.
  const days = (list: readonly FigureRecord[]) => new Set(list.map((r) => r.ref)).size;
  return new Map([...byArticle].filter(([, list]) => new Set(list.map(valueLabel)).size > 1 && days(list) <= 1));
}

/**
 * Judges one article's own values of one count, read at its own time: two running totals of one counter (or none named)
 * are the count as it stood and as it stands ("rose to 14" beside an earlier "at least nine" left in the text, "went
 * from 210 to 260"); anything else is judged as counts side by side.
 */
function judgeOwn(reports: readonly FigureRecord[]): Judgement {
  const families = new Set(reports.map((r) => familyOf(r)?.family ?? ''));
  families.delete('');
  if (reports.every((r) => r.cumulative) && families.size <= 1) {
    const values = [...new Set(reports.map(shown))];
    return { verdict: 'evolving', why: `one article gives the running total as ${values.join(' and ')}: the count as it stood and as it stands` };
  }
  return judge(comparison(reports));
}

/**
 * Judges one person's terms of one kind: `agree`; `superseded` when an appeal set a different term than the first
 * instance; else `conflict` (3 years vs 3 years 6 months for the same decision).
 */
function judgeTerms(reports: readonly FigureRecord[]): Judgement {
  const values = [...new Set(reports.map(shown))];
  if (agreeing(reports)) return { verdict: 'agree', why: `every report gives ${values.join(', ')}` };
  // An appeal that confirmed ("confirmó", "upheld") restates the first term rather than replacing it: a different
  // length in a confirming report is a disagreement about that one term, so only a term set anew on appeal supersedes.
  const appeal = reports.filter((r) => r.term?.instance === 'appeal' && r.term.status !== 'ratified');
  const first = reports.filter((r) => r.term?.instance !== 'appeal');
  if (appeal.length > 0 && first.length > 0 && agreeing(appeal)) {
    return { verdict: 'superseded', why: `the appeal's ${shown(appeal[0]!)} replaces the first instance's ${[...new Set(first.map(shown))].join(', ')}` };
  }
  return { verdict: 'conflict', why: `different terms for the same decision: ${values.join(' vs ')}` };
}
