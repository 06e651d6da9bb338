/**
 * `quipu eval findings`: how well the findings built across a pile hold against a fact-checker's gold —
 * figures read per page, durations and votes, the figure groups and their verdicts, people linked into one
 * entity, copies, and entity types. Reading the store (`collectFindings`) is kept apart from scoring
 * (`scoreFindings`), which is pure over plain data so that it can be tested on small hand-made inputs.
 * The matching rules are documented in docs/findings-eval.md.
 */
import { foldName } from '../core/names.ts';
import { durationMonths } from '../core/figure-words.ts';
import type { FigureTerm } from '../core/doc.ts';
import type { SourceEvent } from '../ingest/sources/index.ts';
import { figureRecords, groupFigures } from '../link/figure-groups.ts';
import type { Repository } from '../store/repository.ts';
import { evalPageEvents, readEvalPages } from './findings-pages.ts';

// ---------------------------------------------------------------------------------------------------------------
// The gold (gold.json; schema in docs/findings-eval.md)

export interface GoldReport {
  file: string;
  /** A count; for a few non-count events (a start date) a string, which is not scored. */
  value: number | string;
  qualifier?: string;
  ref?: string;
  source?: string;
  scope?: string;
}

export interface GoldSeries {
  id: string;
  measure: string;
  reports: GoldReport[];
  /** Events only: conflict, evolving or scope. Running totals carry none and expect `evolving` or `agree`. */
  verdict?: string;
  also?: string[];
}

export interface GoldDuration {
  file: string;
  person: string;
  value: string;
  kind: string;
  instance: string;
  status?: string;
  max?: string;
}

export interface GoldVote {
  file: string;
  candidate: string;
  percent: number | null;
  votes?: number;
}

export interface GoldPerson {
  name: string;
  variants: string[];
  files: string[];
}

export interface GoldCopy {
  files: [string, string];
  kind?: string;
}

export interface FindingsGold {
  events: GoldSeries[];
  running_totals: GoldSeries[];
  durations: GoldDuration[];
  people: GoldPerson[];
  votes: GoldVote[];
  copies: GoldCopy[];
  not_copies: GoldCopy[];
  entity_types: Partial<Record<'LOC' | 'PER' | 'ORG', string[]>>;
}

/** The gold object with every list present (an absent key is an empty list), or an error naming what is wrong. */
export function parseFindingsGold(json: unknown): FindingsGold {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the gold must be a JSON object (see docs/findings-eval.md)');
  const raw = json as Record<string, unknown>;
  const list = <T>(key: string): T[] => {
    const value = raw[key] ?? [];
    if (!Array.isArray(value)) throw new Error(`gold "${key}" must be a list, found ${typeof value}`);
    return value as T[];
  };
  const types = raw.entity_types ?? {};
  if (typeof types !== 'object' || Array.isArray(types)) throw new Error('gold "entity_types" must be an object of LOC, PER and ORG lists');
  return {
    events: list('events'),
    running_totals: list('running_totals'),
    durations: list('durations'),
    people: list('people'),
    votes: list('votes'),
    copies: list('copies'),
    not_copies: list('not_copies'),
    entity_types: types as FindingsGold['entity_types'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the store found, keyed by page

export interface FoundFigure {
  measure: string;
  value: number;
  high?: number;
  unit: string;
  duration?: string;
  term?: FigureTerm;
}

/** One report of a figure group, as a page and the numbers it states. */
export interface FoundReport {
  file: string;
  value: number;
  high?: number;
}

export interface FoundGroup {
  key: string;
  measure: string;
  verdict: string;
  reports: FoundReport[];
}

export interface FoundEntity {
  id: string;
  name: string;
  type: string;
  mentions: number;
  /** Every form the entity's mentions were written in. */
  aliases: string[];
  files: string[];
}

export interface Findings {
  /** Figures by page. */
  figures: Record<string, FoundFigure[]>;
  groups: FoundGroup[];
  entities: FoundEntity[];
  /** Pages linked as copies (either order). */
  copies: [string, string][];
  /** Pages whose texts were one stored article (a byte-identical copy is stored once). */
  samePages: [string, string][];
  /** Each page's text, when the scorer may look at it (a variant written only inside a longer name). */
  pageTexts?: Record<string, string>;
}

/** Which stored articles each page became (a page may split into several; identical pages share one). */
export type PageArticles = ReadonlyMap<string, readonly string[]>;

/** Reads figures, figure groups (the grouping `quipu conflicts` uses), entities and copies from a store, keyed by page. */
export async function collectFindings(repository: Repository, pageArticles: PageArticles): Promise<Findings> {
  const filesOf = new Map<string, string[]>();
  for (const [file, ids] of pageArticles) for (const id of ids) filesOf.set(id, [...(filesOf.get(id) ?? []), file]);
  const figures: Record<string, FoundFigure[]> = {};
  const records = [];
  for await (const article of repository.allArticles()) {
    const doc = { id: article.id, contentHash: article.contentHash, text: article.text, meta: article.meta, sourceMap: article.sourceMap, messages: article.messages, ...article.layers };
    records.push(...figureRecords(doc));
    for (const file of filesOf.get(article.id) ?? []) {
      for (const f of article.layers.figures ?? []) {
        const found: FoundFigure = { measure: f.measure, value: f.value, unit: f.unit };
        if (f.high !== undefined) found.high = f.high;
        if (f.duration) found.duration = f.duration;
        if (f.term) found.term = f.term;
        (figures[file] ??= []).push(found);
      }
    }
  }
  const groups = groupFigures(records).map(
    (group): FoundGroup => ({
      key: group.key,
      measure: group.measure,
      verdict: group.verdict,
      reports: group.reports.flatMap((r) => (filesOf.get(r.articleId) ?? []).map((file) => ({ file, value: r.value, ...(r.high !== undefined ? { high: r.high } : {}) }))),
    }),
  );

  const entities: FoundEntity[] = [];
  for (let offset = 0; ; ) {
    const page = await repository.listEntities({ limit: 500, offset });
    for (const summary of page.items) {
      const detail = await repository.getEntity(summary.id);
      if (!detail) continue;
      entities.push({
        id: detail.id,
        name: detail.name,
        type: detail.type,
        mentions: detail.mentions,
        aliases: detail.aliases.map((a) => a.text),
        files: [...new Set(detail.articleIds.flatMap((id) => filesOf.get(id) ?? []))].sort(),
      });
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }

  const copies: [string, string][] = [];
  for (const c of await repository.listCopies()) {
    for (const a of filesOf.get(c.copyId) ?? []) for (const b of filesOf.get(c.originalId) ?? []) copies.push([a, b]);
  }
  const samePages: [string, string][] = [];
  for (const files of filesOf.values()) for (let i = 0; i < files.length; i++) for (let j = i + 1; j < files.length; j++) samePages.push([files[i]!, files[j]!]);
  return { figures, groups, entities, copies, samePages };
}

/** What the ingest job reports back: which article each item became (`ingestItems` from src/jobs fits). */
export type IngestPages = (events: AsyncIterable<SourceEvent>, repository: Repository) => Promise<{ articles: { id: string; source: string }[]; failed: { item: string; message: string }[] }>;

/** Ingests a folder of pages into `repository` with `ingest` (the ordinary ingest job), then collects the findings. */
export async function findingsOfFolder(
  folder: string,
  repository: Repository,
  ingest: IngestPages,
): Promise<{ findings: Findings; pages: number; failed: { item: string; message: string }[]; seconds: number }> {
  const started = performance.now();
  const pages = readEvalPages(folder);
  const summary = await ingest(evalPageEvents(folder, pages), repository);
  const pageOf = (source: string) => /([^/\\]+)\.txt$/.exec(source)?.[1] ?? source;
  const pageArticles = new Map<string, string[]>();
  for (const article of summary.articles) pageArticles.set(pageOf(article.source), [...(pageArticles.get(pageOf(article.source)) ?? []), article.id]);
  const findings = { ...(await collectFindings(repository, pageArticles)), pageTexts: Object.fromEntries(pages.map((p) => [p.file, p.text])) };
  return { findings, pages: pages.length, failed: summary.failed, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** A share with what it counts, so a table can show "17/20". */
export interface Share {
  hits: number;
  total: number;
  /** hits / total, or null when there is nothing to count. */
  ratio: number | null;
}

const share = (hits: number, total: number): Share => ({ hits, total, ratio: total === 0 ? null : hits / total });
const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/** Our measures that answer a gold measure; null for gold measures that are not counts (start dates, ages). */
export function measuresFor(goldMeasure: string): string[] | null {
  const m = goldMeasure.toLowerCase();
  if (m === 'killed') return ['killed'];
  // "1,340 treated in health centres" is the injured count of that report: being hospitalized is being injured.
  if (m.startsWith('injured')) return ['injured', 'hospitalized'];
  if (m === 'detained') return ['detained'];
  return null;
}

/** Whether a stated number is one a figure gives: its value, or either end of its range. */
export function statesValue(found: { value: number; high?: number }, value: number): boolean {
  const close = (a: number) => Math.abs(a - value) < 1e-6;
  return close(found.value) || (found.high !== undefined && close(found.high));
}

/** Whether a figure states a percent: equal to the gold's to within half of the gold's last decimal. */
export function statesPercent(found: FoundFigure, percent: number): boolean {
  if (found.unit !== 'percent') return false;
  const decimals = (String(percent).split('.')[1] ?? '').length;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  return Math.abs(found.value - percent) <= tolerance || (found.high !== undefined && Math.abs(found.high - percent) <= tolerance);
}

/** Whether two ISO 8601 durations are the same length (P1Y6M = P18M). */
export function sameDuration(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = [durationMonths(a), durationMonths(b)];
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) < 1e-6;
}

export interface MissedFigure {
  file: string;
  measure: string;
  value: number;
  series: string[];
  /** What the page has instead: the measures of figures with that value, or nothing. */
  foundAs: string[];
}

export interface FiguresReadScore {
  read: Share;
  missed: MissedFigure[];
  /** Gold items not scored here, with why (a start date is not a count). */
  skipped: { series: string; measure: string; reports: number }[];
}

/** Gold counts (events and running totals) found in their page with the same value and measure; one item per (page, measure, value). */
export function scoreFiguresRead(gold: FindingsGold, findings: Findings): FiguresReadScore {
  const items = new Map<string, { file: string; measure: string; value: number; series: string[] }>();
  const skipped: FiguresReadScore['skipped'] = [];
  for (const series of [...gold.events, ...gold.running_totals]) {
    const measures = measuresFor(series.measure);
    const counts = series.reports.filter((r) => typeof r.value === 'number');
    if (!measures || counts.length === 0) {
      skipped.push({ series: series.id, measure: series.measure, reports: series.reports.length });
      continue;
    }
    for (const r of counts) {
      const key = `${r.file}|${measures[0]}|${r.value}`;
      const item = items.get(key) ?? { file: r.file, measure: measures[0]!, value: r.value as number, series: [] };
      if (!item.series.includes(series.id)) item.series.push(series.id);
      items.set(key, item);
    }
  }
  const missed: MissedFigure[] = [];
  let hits = 0;
  for (const item of items.values()) {
    const measures = measuresFor(item.measure)!;
    const inPage = findings.figures[item.file] ?? [];
    if (inPage.some((f) => measures.includes(f.measure) && statesValue(f, item.value))) hits++;
    else missed.push({ ...item, foundAs: [...new Set(inPage.filter((f) => statesValue(f, item.value)).map((f) => f.measure))] });
  }
  return { read: share(hits, items.size), missed, skipped };
}

export interface DurationResult {
  file: string;
  person: string;
  value: string;
  kind: string;
  instance: string;
  read: boolean;
  /** The kind of the matching figure's term; `none` when it has no term, null when nothing was read. */
  foundKind: string | null;
  foundInstance: string | null;
  rightKind: boolean;
}

export interface DurationsScore {
  read: Share;
  /** Read with the right kind, over every gold duration (a figure without a term is not right). */
  rightKind: Share;
  /** Right kind over the read durations whose figure carries a term at all. */
  kindWhereTermPresent: Share;
  /** Right instance (first, appeal) over the gold durations that state one and were read with a term. */
  rightInstance: Share;
  items: DurationResult[];
}

/** Whether a figure's term kind answers the gold's; a plain length that is no sentence answers the gold's `other`. */
function kindMatches(found: FoundFigure, goldKind: string): boolean {
  if (found.term) return found.term.kind === goldKind;
  return goldKind === 'other' && found.measure !== 'sentence';
}

/** Gold durations found in their page with the same length, and how many with the right kind and instance. */
export function scoreDurations(gold: FindingsGold, findings: Findings): DurationsScore {
  const items = gold.durations.map((d): DurationResult => {
    const candidates = (findings.figures[d.file] ?? []).filter((f) => f.duration && sameDuration(f.duration, d.value));
    const best = candidates.find((f) => kindMatches(f, d.kind)) ?? candidates.find((f) => f.term) ?? candidates[0];
    return {
      file: d.file,
      person: d.person,
      value: d.value,
      kind: d.kind,
      instance: d.instance,
      read: Boolean(best),
      foundKind: best ? (best.term?.kind ?? 'none') : null,
      foundInstance: best ? (best.term?.instance ?? 'none') : null,
      rightKind: Boolean(best && kindMatches(best, d.kind)),
    };
  });
  const read = items.filter((i) => i.read);
  const withTerm = read.filter((i) => i.foundKind !== 'none');
  const instanceStated = withTerm.filter((i) => i.instance);
  return {
    read: share(read.length, items.length),
    rightKind: share(items.filter((i) => i.rightKind).length, items.length),
    kindWhereTermPresent: share(withTerm.filter((i) => i.rightKind).length, withTerm.length),
    rightInstance: share(instanceStated.filter((i) => i.foundInstance === i.instance).length, instanceStated.length),
    items,
  };
}

export interface VotesScore {
  percents: Share;
  counts: Share;
  missed: { file: string; candidate: string; percent?: number; votes?: number }[];
}

/** Gold vote shares (percent figures) and vote counts found in their page. */
export function scoreVotes(gold: FindingsGold, findings: Findings): VotesScore {
  let percents = 0;
  let percentTotal = 0;
  let counts = 0;
  let countTotal = 0;
  const missed: VotesScore['missed'] = [];
  for (const v of gold.votes) {
    const inPage = findings.figures[v.file] ?? [];
    if (typeof v.percent === 'number') {
      percentTotal++;
      if (inPage.some((f) => statesPercent(f, v.percent!))) percents++;
      else missed.push({ file: v.file, candidate: v.candidate, percent: v.percent });
    }
    if (typeof v.votes === 'number') {
      countTotal++;
      if (inPage.some((f) => f.unit !== 'percent' && statesValue(f, v.votes!))) counts++;
      else missed.push({ file: v.file, candidate: v.candidate, votes: v.votes });
    }
  }
  return { percents: share(percents, percentTotal), counts: share(counts, countTotal), missed };
}

export interface SeriesResult {
  id: string;
  kind: 'event' | 'running total';
  measure: string;
  /** Distinct (page, value) pairs in the gold. */
  gold: number;
  group: string | null;
  groupReports: number;
  /** Gold pairs the best group holds. */
  hits: number;
  recall: number;
  precision: number;
  /** The best group's verdict; null when no group holds two of the series' pairs. */
  verdict: string | null;
  expected: string[];
  /** Also accepted by the gold's `also` list (a series that is partly evolving, partly a conflict). */
  alsoAccepted: string[];
  rightVerdict: boolean;
  rightVerdictLenient: boolean;
  /** Why recall is lost: how many groups share the gold pairs, and the pairs read in their page but in no group, or not read at all. */
  spread: number;
  ungrouped: number;
  unread: number;
}

export interface GroupsScore {
  series: SeriesResult[];
  recall: number | null;
  precision: number | null;
  verdicts: Share;
  /** Verdicts right when the gold's secondary verdicts (`also`) count too. */
  verdictsLenient: Share;
  /** Running totals whose best group is called a conflict. */
  runningTotalsCalledConflict: string[];
}

/** For each gold event and running total, the single figure group that covers most of its (page, value) pairs, and its verdict. */
export function scoreGroups(gold: FindingsGold, findings: Findings): GroupsScore {
  const series: SeriesResult[] = [];
  const kinds = [...gold.events.map((s) => ['event', s] as const), ...gold.running_totals.map((s) => ['running total', s] as const)];
  for (const [kind, s] of kinds) {
    const measures = measuresFor(s.measure);
    const pairs = new Map<string, { file: string; value: number }>();
    for (const r of s.reports) if (typeof r.value === 'number') pairs.set(`${r.file}|${r.value}`, { file: r.file, value: r.value });
    if (!measures || pairs.size === 0) continue;
    const goldPairs = [...pairs.values()];
    const inGold = (r: { file: string; value: number; high?: number }) => goldPairs.some((p) => p.file === r.file && statesValue(r, p.value));
    const holds = (group: FoundGroup, p: { file: string; value: number }) => group.reports.some((r) => r.file === p.file && statesValue(r, p.value));
    const relevant = findings.groups.filter((g) => measures.includes(g.measure));
    let best: { group: FoundGroup; hits: number; precision: number; reports: number } | null = null;
    for (const group of relevant) {
      const hits = goldPairs.filter((p) => holds(group, p)).length;
      if (hits === 0) continue;
      const distinct = [...new Map(group.reports.map((r) => [`${r.file}|${r.value}|${r.high ?? ''}`, r])).values()];
      const precision = distinct.filter(inGold).length / distinct.length;
      if (!best || hits > best.hits || (hits === best.hits && precision > best.precision)) best = { group, hits, precision, reports: distinct.length };
    }
    const grouped = goldPairs.filter((p) => relevant.some((g) => holds(g, p)));
    const read = goldPairs.filter((p) => (findings.figures[p.file] ?? []).some((f) => measures.includes(f.measure) && statesValue(f, p.value)));
    const expected = kind === 'event' ? [s.verdict ?? ''] : ['evolving', 'agree'];
    const also = kind === 'event' ? (s.also ?? []) : [];
    // A group holding one report of the series agrees with itself and says nothing about the series: no verdict.
    const verdict = best && best.hits >= 2 ? best.group.verdict : null;
    series.push({
      id: s.id,
      kind,
      measure: s.measure,
      gold: goldPairs.length,
      group: best?.group.key ?? null,
      groupReports: best?.reports ?? 0,
      hits: best?.hits ?? 0,
      recall: best ? best.hits / goldPairs.length : 0,
      precision: best?.precision ?? 0,
      verdict,
      expected,
      alsoAccepted: also,
      rightVerdict: verdict !== null && expected.includes(verdict),
      rightVerdictLenient: verdict !== null && (expected.includes(verdict) || also.includes(verdict)),
      spread: relevant.filter((g) => goldPairs.some((p) => holds(g, p))).length,
      ungrouped: read.filter((p) => !grouped.includes(p)).length,
      unread: goldPairs.length - read.length,
    });
  }
  return {
    series,
    recall: mean(series.map((s) => s.recall)),
    precision: mean(series.map((s) => s.precision)),
    verdicts: share(series.filter((s) => s.rightVerdict).length, series.length),
    verdictsLenient: share(series.filter((s) => s.rightVerdictLenient).length, series.length),
    runningTotalsCalledConflict: series.filter((s) => s.kind === 'running total' && s.verdict === 'conflict').map((s) => s.id),
  };
}

export interface PersonResult {
  name: string;
  files: number;
  /** The entity that covers most of the person's pages. */
  entity: string | null;
  covered: number;
  variants: number;
  variantsFound: string[];
  variantsMissing: string[];
}

export interface PeopleScore {
  people: PersonResult[];
  /** Mean share of a person's pages covered by one entity. */
  filesCovered: number | null;
  /** Mean share of a person's variants among that entity's aliases (people with variants only). */
  variantsInOneEntity: number | null;
  /** People whose every page is covered by one entity holding every variant. */
  whole: Share;
}

const nfc = (text: string) => text.normalize('NFC').trim();

/**
 * A variant the gold lists but the pages only ever write inside a longer name ("Ostrel", always as "Ramiro Ostrel"): the
 * entity holds it when every place it is written lies inside one of the entity's aliases. One written alone (a bare
 * surname the tagger missed or put in another entity) is not held.
 */
function onlyInsideAliases(variant: string, aliases: readonly string[], texts: readonly string[]): boolean {
  const wordAt = (text: string, start: number, end: number) => !/[\p{L}\p{N}]/u.test(text[start - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[end] ?? '');
  const longer = aliases.filter((a) => a.length > variant.length && a.includes(variant));
  let seen = 0;
  for (const text of texts) {
    for (let at = text.indexOf(variant); at >= 0; at = text.indexOf(variant, at + 1)) {
      if (!wordAt(text, at, at + variant.length)) continue;
      seen++;
      const inside = longer.some((alias) => {
        for (let from = Math.max(0, at - alias.length); ; from++) {
          const start = text.indexOf(alias, from);
          if (start < 0 || start > at) return false;
          if (start + alias.length >= at + variant.length) return true;
        }
      });
      if (!inside) return false;
    }
  }
  return seen > 0;
}

/** For each gold person: the one entity (named by the person's name or a variant) covering most of its pages, and its aliases. */
export function scorePeople(gold: FindingsGold, findings: Findings): PeopleScore {
  const byKey = entitiesByFoldedName(findings.entities);
  const people = gold.people.map((person): PersonResult => {
    const candidates = new Set([person.name, ...person.variants].flatMap((n) => byKey.get(foldName(n)) ?? []));
    const files = new Set(person.files);
    let best: { entity: FoundEntity; covered: number } | null = null;
    for (const entity of candidates) {
      const covered = entity.files.filter((f) => files.has(f)).length;
      if (!best || covered > best.covered || (covered === best.covered && entity.mentions > best.entity.mentions)) best = { entity, covered };
    }
    const aliases = new Set(best?.entity.aliases.map(nfc) ?? []);
    const variants = [...new Set(person.variants.map(nfc))];
    const texts = person.files.flatMap((f) => findings.pageTexts?.[f] ?? []).map(nfc);
    const held = (v: string) => aliases.has(v) || onlyInsideAliases(v, [...aliases], texts);
    return {
      name: person.name,
      files: files.size,
      entity: best ? best.entity.name : null,
      covered: best?.covered ?? 0,
      variants: variants.length,
      variantsFound: variants.filter(held),
      variantsMissing: variants.filter((v) => !held(v)),
    };
  });
  const withVariants = people.filter((p) => p.variants > 0);
  return {
    people,
    filesCovered: mean(people.filter((p) => p.files > 0).map((p) => p.covered / p.files)),
    variantsInOneEntity: mean(withVariants.map((p) => p.variantsFound.length / p.variants)),
    whole: share(people.filter((p) => p.covered === p.files && p.variantsMissing.length === 0).length, people.length),
  };
}

function entitiesByFoldedName(entities: readonly FoundEntity[]): Map<string, FoundEntity[]> {
  const byKey = new Map<string, FoundEntity[]>();
  for (const entity of entities) {
    for (const key of new Set([entity.name, ...entity.aliases].map(foldName))) byKey.set(key, [...(byKey.get(key) ?? []), entity]);
  }
  return byKey;
}

export interface CopiesScore {
  sameLanguage: Share;
  translated: Share;
  missed: { files: [string, string]; kind: string }[];
  /** Gold non-copies that were linked as copies. */
  notCopiesFlagged: [string, string][];
  notCopies: number;
}

/** Gold copy pairs found among the stored copy links (or stored as one article), and non-copies wrongly linked. */
export function scoreCopies(gold: FindingsGold, findings: Findings): CopiesScore {
  const linked = new Set([...findings.copies, ...findings.samePages].flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const isLinked = ([a, b]: [string, string]) => linked.has(`${a}|${b}`);
  const ofKind = (kind: string) => gold.copies.filter((c) => (c.kind ?? 'same-language') === kind);
  const count = (list: GoldCopy[]) => share(list.filter((c) => isLinked(c.files)).length, list.length);
  return {
    sameLanguage: count(ofKind('same-language')),
    translated: count(ofKind('translated')),
    missed: gold.copies.filter((c) => !isLinked(c.files)).map((c) => ({ files: c.files, kind: c.kind ?? 'same-language' })),
    notCopiesFlagged: gold.not_copies.filter((c) => isLinked(c.files)).map((c) => c.files),
    notCopies: gold.not_copies.length,
  };
}

export interface EntityTypesScore {
  /** Gold strings that name some stored entity. */
  found: Share;
  /** Of those found, the ones whose most-mentioned entity of that name has the gold type. */
  typedRight: Share;
  byType: Record<string, { found: Share; typedRight: Share }>;
  wrong: { text: string; gold: string; found: string }[];
  notFound: { text: string; gold: string }[];
}

/** Gold LOC/PER/ORG strings: whether an entity carries that name, and whether it has the gold type. */
export function scoreEntityTypes(gold: FindingsGold, findings: Findings): EntityTypesScore {
  const byKey = entitiesByFoldedName(findings.entities);
  const wrong: EntityTypesScore['wrong'] = [];
  const notFound: EntityTypesScore['notFound'] = [];
  const byType: EntityTypesScore['byType'] = {};
  let [allFound, allRight, allTotal] = [0, 0, 0];
  for (const [type, strings] of Object.entries(gold.entity_types)) {
    let [found, right] = [0, 0];
    for (const text of strings ?? []) {
      const named = (byKey.get(foldName(text)) ?? []).slice().sort((a, b) => b.mentions - a.mentions);
      const top = named[0];
      if (!top) {
        notFound.push({ text, gold: type });
        continue;
      }
      found++;
      if (top.type === type) right++;
      else wrong.push({ text, gold: type, found: top.type });
    }
    byType[type] = { found: share(found, strings?.length ?? 0), typedRight: share(right, found) };
    [allFound, allRight, allTotal] = [allFound + found, allRight + right, allTotal + (strings?.length ?? 0)];
  }
  return { found: share(allFound, allTotal), typedRight: share(allRight, allFound), byType, wrong, notFound };
}

// ---------------------------------------------------------------------------------------------------------------
// The report

export interface SummaryRow {
  metric: string;
  /** A share (0–1) or, for the rows that count mistakes, a count. */
  value: number | null;
  unit: 'share' | 'count';
  /** "17/20" or a mean's count. */
  detail: string;
  target: string;
  /** Null when the metric has no target. */
  met: boolean | null;
}

export interface FindingsReport {
  pages: number;
  failed: { item: string; message: string }[];
  seconds: number;
  summary: SummaryRow[];
  figures: FiguresReadScore;
  durations: DurationsScore;
  votes: VotesScore;
  groups: GroupsScore;
  people: PeopleScore;
  copies: CopiesScore;
  entityTypes: EntityTypesScore;
}

const atLeast = (metric: string, value: number | null, detail: string, floor: number): SummaryRow => ({
  metric,
  value,
  unit: 'share',
  detail,
  target: floor === 1 ? 'all' : `≥ ${Math.round(floor * 100)}%`,
  met: value === null ? null : value >= floor - 1e-9,
});
const noTarget = (metric: string, value: number | null, detail: string): SummaryRow => ({ metric, value, unit: 'share', detail, target: '', met: null });
const none = (metric: string, count: number, detail: string): SummaryRow => ({ metric, value: count, unit: 'count', detail, target: '0', met: count === 0 });
const ofShare = (s: Share) => `${s.hits}/${s.total}`;

/** Scores every part of the gold against the findings and lays out the summary with the targets beside it. */
export function scoreFindings(gold: FindingsGold, findings: Findings, run: { pages: number; failed?: { item: string; message: string }[]; seconds?: number } = { pages: 0 }): FindingsReport {
  const figures = scoreFiguresRead(gold, findings);
  const durations = scoreDurations(gold, findings);
  const votes = scoreVotes(gold, findings);
  const groups = scoreGroups(gold, findings);
  const people = scorePeople(gold, findings);
  const copies = scoreCopies(gold, findings);
  const entityTypes = scoreEntityTypes(gold, findings);
  const series = `${groups.series.length} series`;
  const summary: SummaryRow[] = [
    atLeast('figures read (page, measure, value)', figures.read.ratio, ofShare(figures.read), 0.95),
    atLeast('durations read (ISO value)', durations.read.ratio, ofShare(durations.read), 0.95),
    atLeast('durations read with the right kind', durations.rightKind.ratio, ofShare(durations.rightKind), 0.95),
    noTarget('durations: right kind where a term is read', durations.kindWhereTermPresent.ratio, ofShare(durations.kindWhereTermPresent)),
    noTarget('durations: right instance (first/appeal)', durations.rightInstance.ratio, ofShare(durations.rightInstance)),
    atLeast('vote percents read', votes.percents.ratio, ofShare(votes.percents), 0.95),
    atLeast('vote counts read', votes.counts.ratio, ofShare(votes.counts), 0.95),
    atLeast('best group recall (mean)', groups.recall, series, 0.85),
    atLeast('best group precision (mean)', groups.precision, series, 0.9),
    atLeast('verdicts right', groups.verdicts.ratio, ofShare(groups.verdicts), 0.85),
    noTarget('verdicts right, secondary verdicts accepted', groups.verdictsLenient.ratio, ofShare(groups.verdictsLenient)),
    none('running totals called a conflict', groups.runningTotalsCalledConflict.length, `of ${groups.series.filter((s) => s.kind === 'running total').length}`),
    noTarget('people: pages covered by one entity (mean)', people.filesCovered, `${people.people.length} people`),
    atLeast("people: variants among that entity's aliases (mean)", people.variantsInOneEntity, `${people.people.filter((p) => p.variants > 0).length} people`, 1),
    noTarget('people: all pages and variants in one entity', people.whole.ratio, ofShare(people.whole)),
    atLeast('same-language copies found', copies.sameLanguage.ratio, ofShare(copies.sameLanguage), 0.95),
    atLeast('translated copies found', copies.translated.ratio, ofShare(copies.translated), 0.75),
    none('not-copies flagged as copies', copies.notCopiesFlagged.length, `of ${copies.notCopies}`),
    noTarget('entity strings found as entities', entityTypes.found.ratio, ofShare(entityTypes.found)),
    atLeast('entity types right (of those found)', entityTypes.typedRight.ratio, ofShare(entityTypes.typedRight), 0.95),
  ];
  return { pages: run.pages, failed: run.failed ?? [], seconds: run.seconds ?? 0, summary, figures, durations, votes, groups, people, copies, entityTypes };
}
