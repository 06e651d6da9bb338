/**
 * Keeps the stored findings current as articles are linked: figure groups with their verdicts, date conflicts and
 * events. Each article leaves *facts* (its figures, its people's dated happenings, its dated sentences) keyed by what
 * does not change later (a measure and the cluster of its own place, a name id, a day); a finding is rebuilt from every
 * stored fact of the parts it is made of with the pure grouping functions of link/, never from memory. So the findings
 * depend on the stored articles alone, not on the order they came in, and linking an article twice changes nothing.
 *
 * Names are stable, entities are not (a later article may merge two people, or tip a name from ORG to PER): facts hold
 * name ids, and a change of entity rebuilds the findings of the entities and days it touches.
 */
import { type Doc, figureMeasures } from '../core/doc.ts';
import { compareCodePoints } from '../core/names.ts';
import { dateConflicts, type Happening, type HappeningReport, happeningReports } from '../link/date-conflicts.ts';
import { type EventGroup, type EventReport, groupable, groupEvents, identifiesEvents } from '../link/event-groups.ts';
import {
  type FigureGroup,
  type FigureRecord,
  figureCluster,
  figureFactPart,
  figureRecords,
  clusterGap,
  dayNumber,
  dayString,
  figureDay,
  figureStaleMarks,
  figureUnits,
  groupFigureUnits,
  homeYears,
  unitYears,
  yearCounts,
  yearHeadDays,
  placeCluster,
  placeParents,
  placesGrouped,
  ungroupedPart,
} from '../link/figure-groups.ts';
import type { AfterLink } from '../link/link-articles.ts';
import type { AnalysisStore, FactRecord, FindingRecord } from '../store/repository.ts';
import { entityCountKinds, graphFacts, putEntityCounts, updateEntityCounts } from './graph.ts';
import {
  citationFacts,
  citationKind,
  copyKind,
  markSourcesStale,
  outletCopiesKind,
  rebuildCitationCounts,
  rebuildSourcesSummary,
  recountOutletCopies,
  sourcesSummaryKind,
  updateSourceFindings,
  updateOutletCopies,
} from './sources.ts';
import { claimRecords } from './claims.ts';
import { articleNames, countEntityPairs, recountMovedPairs } from './entity-pairs.ts';
import { storeOriginFacts } from './origins.ts';

/**
 * Bump when a rule that makes facts or findings changes: `quipu stats` then shows the mix, `quipu reanalyze` rebuilds.
 * 2: claims stored (claims.ts), citations kept as facts (origins.ts), the graph's and the outlet view's facts (graph.ts, sources.ts).
 * 3: figure records read counters, days, scopes, offices and provinces anew (link/figure-groups.ts).
 * 4: figure records mark added counts, members of a force, buildings' names and joint counters; groups set such parts
 *    apart and give an article's own two values a group of their own (link/figure-groups.ts, issue 15).
 * 5: the outlet view's articles per outlet and language, and its citations per citing outlet and name cited, kept as
 *    findings at ingest (sources.ts).
 * 6: figures are grouped within a calendar year (link/figure-groups.ts `figureYear`), every group keyed by its window's
 *    first day; figure facts ranked by their year.
 */
export const analysisVersion = 6;

/** A person's dated happening as stored: the report (its `entityId` a name id) with its article's title and sentence. */
export interface HappeningFact extends HappeningReport {
  title: string | null;
  text: string;
}

/** A dated sentence as stored, with the name ids of the linked mentions in it (first mention first). */
export interface EventFact {
  articleId: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  date: string;
  inherited: boolean;
  start: number;
  end: number;
  text: string;
  names: string[];
}

/** A date conflict as stored: `link/date-conflicts.ts`'s, each report with its article's title and sentence. */
export interface StoredDateConflict {
  key: string;
  entityId: string;
  happening: HappeningReport['happening'];
  values: { date: string; articleIds: string[]; outlets: string[] }[];
  reports: HappeningFact[];
}

const happeningKinds: readonly Happening[] = ['arrest', 'removal', 'inauguration', 'death', 'resignation', 'sentencing', 'election', 'birth'];

/** A happening fact's part: the name and the kind of happening (a date conflict is one entity's one kind of happening). */
const happeningPart = (nameId: string, happening: Happening) => `${nameId}|${happening}`;
const splitHappeningPart = (part: string) => ({ name: part.slice(0, part.indexOf('|')), happening: part.slice(part.indexOf('|') + 1) as Happening });

/** Done marker: an article analysed once is not analysed again by a re-link (a retried job, a duplicate). */
const doneKind = 'analyzed';

/**
 * A record that tells where a place lies ("Villa Ruiz de Tumbá"): `groupFigures` reads these across measures to place
 * the records of every measure, so a measure's groups are rebuilt from its own records and all of these.
 */
function placesOthers(r: FigureRecord): boolean {
  return !!r.placeWithin || (r.placeLevel === 'local' && !!r.placeKey);
}

/** The article's records that place others, as stored (each under its record's seq, all in one part). */
export function placingFacts(records: readonly FigureRecord[]): Omit<FactRecord, 'articleId' | 'kind'>[] {
  return records.flatMap((r, i) => (placesOthers(r) ? [fact(i, '', r)] : []));
}

/**
 * Replaces the article's figure records, each under its part (`figureFactPart`) ranked by its date (`figureDay`, an
 * indexed range: a regrouping reads a stretch of days of a cluster), and those of them that place others.
 */
export async function putFigureFacts(store: AnalysisStore, articleId: string, records: readonly FigureRecord[]): Promise<void> {
  await store.putFacts(
    articleId,
    'figure',
    records.map((r, i) => fact(i, figureFactPart(r), r, figureDay(r))),
  );
  await store.putFacts(articleId, 'figure-place', placingFacts(records));
}

/**
 * After `putFigureFacts` of a linked article: the place rows brought up to date, and what its records (those it had
 * before too) touch marked stale for the next regrouping. `before`: its figure records and placing facts as they were.
 */
export async function figuresStored(
  store: AnalysisStore,
  articleId: string,
  before: { figures: readonly FigureRecord[]; placing: readonly FactRecord[] },
  records: readonly FigureRecord[],
): Promise<void> {
  // A record that changed where some place lies makes a regrouping look for the records that moved with it.
  const placesChanged = await updatePlaceContext(store, articleId, before.placing, records);
  const marks = new Set([...before.figures, ...records].flatMap(figureStaleMarks));
  if (placesChanged) marks.add(placesMark);
  await markFiguresStale(store, [...marks]);
}

/** Padded so that code-point order is number order. */
const pad = (n: number) => String(n).padStart(10, '0');

/** The order of the timeline: date, then report date, article and place in it (`\u0001` sorts before any date character). */
export function eventRank(e: Pick<EventFact, 'date' | 'published' | 'articleId' | 'start'>): string {
  return [e.date, e.published ?? '', e.articleId, pad(e.start)].join('\u0001');
}

/** What one article's stored facts hold that decides which findings to rebuild. */
interface ArticleFacts {
  records: FigureRecord[];
  /** Its happenings, each `entityId` a name id. */
  happenings: HappeningReport[];
  events: EventFact[];
  names: Map<number, string>;
  /** Its graph facts (graph.ts `graphFacts`), as stored. */
  graph: Pick<FactRecord, 'kind' | 'part' | 'rank' | 'data'>[];
}

const fact = (seq: number, part: string, data: unknown, rank = ''): Omit<FactRecord, 'articleId' | 'kind'> => ({ seq, part, rank, data: JSON.stringify(data), version: analysisVersion });

/** Replaces the article's stored facts with those of `doc` (its figures, its names' dated happenings, its dated sentences). */
export async function storeFacts(store: AnalysisStore, doc: Readonly<Doc>): Promise<ArticleFacts> {
  const names = await store.mentionNames(doc.id);
  const records = figureRecords(doc);
  await putFigureFacts(store, doc.id, records);

  const sentenceText = (r: { start: number; end: number }) => doc.text.slice(r.start, r.end);
  // Every name's happenings: whether its entity is a person is decided when the findings are rebuilt.
  const happenings = happeningReports(doc, names, () => true);
  await store.putFacts(
    doc.id,
    'happening',
    happenings.map((r, i) => fact(i, happeningPart(r.entityId, r.happening), { ...r, title: doc.meta.title, text: sentenceText(r) } satisfies HappeningFact)),
  );

  const events: EventFact[] = (doc.events ?? []).map((e) => ({
    articleId: doc.id,
    title: doc.meta.title,
    outlet: doc.meta.outlet,
    published: doc.meta.published,
    date: e.date,
    inherited: e.inherited,
    start: e.start,
    end: e.end,
    text: sentenceText(e),
    names: [...new Set(e.entities.map((i) => names.get(i)).filter((x): x is string => !!x))],
  }));
  await store.putFacts(
    doc.id,
    'event',
    events.map((e, i) => fact(i, e.date, e, eventRank(e))),
  );
  // The same sentences under each name they hold: the timeline of one entity reads these by its names.
  let seq = 0;
  await store.putFacts(
    doc.id,
    'event-name',
    events.flatMap((e) => e.names.map((name) => fact(seq++, name, e, eventRank(e)))),
  );
  // What the entity graph and the outlet view read back (src/analyze/graph.ts, sources.ts).
  const graph = graphFacts(doc, names);
  for (const { kind, facts } of graph)
    await store.putFacts(
      doc.id,
      kind,
      facts.map((f) => ({ ...f, version: analysisVersion })),
    );
  await store.putFacts(
    doc.id,
    citationKind,
    citationFacts(doc).map((f) => ({ ...f, version: analysisVersion })),
  );
  // Its claims: the ledger's rows, whose speakers are looked up by name when read (no finding to rebuild).
  await store.putClaims(doc.id, claimRecords(doc, analysisVersion));
  // What independent-origin counts read: its citations and the names it is cited by.
  await storeOriginFacts(store, doc, analysisVersion);
  await store.putFacts(doc.id, doneKind, [fact(0, '', null)]);
  return { records, events, names, happenings, graph: graph.flatMap(({ kind, facts }) => facts.map((f) => ({ ...f, kind }))) };
}

/**
 * Stores the article's facts and rebuilds the findings they touch, inside the linking transaction, after its entities
 * are linked. `movedEntities`: entities whose names linking moved in this transaction (both the old and the new).
 */
export async function analyzeArticle(store: AnalysisStore, doc: Readonly<Doc>, movedEntities: ReadonlySet<string> = new Set()): Promise<void> {
  // Before the check below: a link made by linking this article again is counted too.
  await updateOutletCopies(store, doc.id, analysisVersion);
  const done = await store.factsOfArticle(doc.id, doneKind);
  if (done.length > 0 && done[0]!.version === analysisVersion && movedEntities.size === 0) return;
  const placingBefore = await store.factsOfArticle(doc.id, 'figure-place');
  // An article analysed before leaves the groups of the records it no longer has: those are regrouped too.
  const figuresBefore = done.length > 0 ? (await store.factsOfArticle(doc.id, 'figure')).map((f) => JSON.parse(f.data) as FigureRecord) : [];
  // An article analysed before leaves the entity pairs while its facts are still those it was counted from.
  await recountMovedPairs(store, doc.id, done.length > 0);
  const { records, events, names, happenings, graph } = await storeFacts(store, doc);
  await countEntityPairs(store, doc.id, articleNames(names.values(), graph));
  await updateSourceFindings(store, doc, analysisVersion);

  // The entities this article names, and those linking changed: their type may have turned, their names moved.
  const mine = await store.entitiesOfNames([...names.values()]);
  const touched = [...new Set([...mine.values(), ...movedEntities])].sort(compareCodePoints);
  const changed = new Set(movedEntities);
  // Entities that started or stopped tying events (a person or an organization): every day of their names is regrouped.
  const retied: string[] = [];
  const types = await store.entityTypes(touched);
  const typed = await store.findings('entity-type', touched);
  for (const id of touched) {
    const before = typed.get(id);
    if (before?.data !== (types.get(id) ?? '')) changed.add(id);
    if (!before || identifiesEvents(before.data) !== identifiesEvents(types.get(id))) retied.push(id);
  }
  await storeEntityTypes(store, touched, types);
  const held = new Map<string, number>();
  for (const name of new Set(names.values())) if (mine.has(name)) held.set(mine.get(name)!, (held.get(mine.get(name)!) ?? 0) + 1);
  await updateEntityCounts(store, touched, movedEntities, held, types, analysisVersion);

  await figuresStored(store, doc.id, { figures: figuresBefore, placing: placingBefore }, records);
  // An entity that changed may now be a person, or hold other names' happenings: all of its happenings are rebuilt;
  // of the others, those this article reports.
  const pairs = new Set([...changed].flatMap((id) => happeningKinds.map((h) => `${id}:${h}`)));
  for (const r of happenings) if (mine.has(r.entityId)) pairs.add(`${mine.get(r.entityId)}:${r.happening}`);
  await rebuildDateConflicts(store, [...pairs].sort(compareCodePoints));
  // Each day of the article's sentences, and each day where a name moved or started or stopped tying events, gets only
  // the groups those sentences and names join regrouped; every day of an article analysed before (its sentences are in
  // the stored groups), whole.
  const typesBefore = new Map(touched.map((id) => [id, typed.get(id)?.data]));
  const { whole, own, before } = await eventDays(store, doc.id, events, [...changed], retied, typesBefore);
  if (done.length > 0) await rebuildEvents(store, [...new Set([...whole, ...own])].sort(compareCodePoints));
  else {
    // The days' regroupings meet the same popular entities again and again, and their types and names are fixed by now.
    const days = withEntitiesKept(store, types);
    for (const day of [...whole, ...own].filter(isDay)) await regroupAround(days, doc.id, day, events, before);
  }
}

/**
 * `store` with its entity types and names read once per entity: for use after linking, when no form or name moves any
 * more (an entity's type is summed over its names' forms, so a popular person's costs more as the pile grows, and the
 * days of a merged name each walked through the same person's 1,939 names, read again for every day). `known`: the
 * types already read, which an entity missing from has none.
 */
function withEntitiesKept(store: AnalysisStore, known: ReadonlyMap<string, string>): AnalysisStore {
  const kept = new Map<string, string | null>(known);
  const namesKept = new Map<string, string[]>();
  return {
    ...store,
    async entityTypes(entityIds) {
      const missing = [...new Set(entityIds)].filter((id) => !kept.has(id));
      if (missing.length > 0) {
        const read = await store.entityTypes(missing);
        for (const id of missing) kept.set(id, read.get(id) ?? null);
      }
      return new Map(
        entityIds.flatMap((id) => {
          const type = kept.get(id);
          return type === null || type === undefined ? [] : [[id, type] as const];
        }),
      );
    },
    async namesOfEntities(entityIds) {
      const missing = [...new Set(entityIds)].filter((id) => !namesKept.has(id));
      if (missing.length > 0) {
        for (const id of missing) namesKept.set(id, []);
        const names = await store.namesOfEntities(missing);
        // One entity's names need no second read to tell whose they are.
        const entityOf = missing.length === 1 ? new Map(names.map((name) => [name, missing[0]!])) : await store.entitiesOfNames(names);
        for (const name of names) namesKept.get(entityOf.get(name)!)!.push(name);
      }
      return [...new Set(entityIds)].flatMap((id) => namesKept.get(id)!).sort(compareCodePoints);
    },
  };
}

/**
 * Finding kind: the entity each name of a dated sentence had when the events of its days were last grouped. A group is
 * the day's sentences tied by a person or an organization, named by the least entity id among them: a day's groups
 * change when one of its names moved to another entity, or when an entity of its names started or stopped tying
 * events; not when another name of the same entity moved (a newcomer merged into a person named on 500 days changes
 * the days of the newcomer's names, not those 500).
 */
const eventNameEntityKind = 'event-name-entity';

const nameEntityRow = (name: string, entityId: string): FindingRecord => ({ kind: eventNameEntityKind, key: name, part: name, verdict: null, rank: '', data: entityId, version: analysisVersion });

/**
 * How the stored groups of the days `eventDays` found were made, where that differs from now: what `regroupAround`
 * needs to tell which stored groups its sentences were in.
 */
interface GroupedBefore {
  /** Names whose entity moved since their days were grouped: the entity each had then (none recorded: in no group). */
  moved: ReadonlyMap<string, string | undefined>;
  /** The type each entity the article touched had then (its `entity-type` finding before the article). */
  types: ReadonlyMap<string, string | undefined>;
  /** The names that moved or whose entity started or stopped tying events: their sentences of a day are `seeds`. */
  seedNames: ReadonlySet<string>;
  /** Other articles' `event-name` facts of those names, by their sentence's date. */
  seeds: ReadonlyMap<string, FactRecord[]>;
}

/**
 * The days whose events to regroup after an article: `whole`, the days other articles' sentences hold a name of the
 * `changed` entities on that moved to another entity since their days were grouped (of all their names, for the
 * entities in `retied`), rebuilt whole after an article analysed before; `own`, the article's other days; `before`,
 * those names and sentences and what the groups were made with (`typesBefore`: the touched entities' types then), for
 * regrouping a day around them. Records the entity of each name it looked at, and of
 * the article's own. A name new to the pile (its only sentences this article's) is in no stored group: it makes no
 * day whole.
 */
async function eventDays(
  store: AnalysisStore,
  articleId: string,
  events: readonly EventFact[],
  changed: readonly string[],
  retied: readonly string[],
  typesBefore: ReadonlyMap<string, string | undefined>,
): Promise<{ whole: string[]; own: string[]; before: GroupedBefore }> {
  const changedNames = await store.namesOfEntities(changed);
  const ownNames = events.flatMap((e) => e.names);
  const entityOf = await store.entitiesOfNames([...new Set([...changedNames, ...ownNames])]);
  const regroup = new Set(await store.namesOfEntities(retied));
  const rows: FindingRecord[] = [];
  const moved = new Map<string, string | undefined>();
  const names = [...new Set([...changedNames, ...ownNames])];
  const grouped = await store.findings(eventNameEntityKind, names);
  for (const name of names) {
    const now = entityOf.get(name);
    if (now === undefined) continue;
    if (grouped.get(name)?.data === now) continue;
    rows.push(nameEntityRow(name, now));
    regroup.add(name);
    moved.set(name, grouped.get(name)?.data);
  }
  const seeds = new Map<string, FactRecord[]>();
  for (const f of await store.factsInParts('event-name', [...regroup].sort(compareCodePoints))) {
    if (f.articleId === articleId) continue;
    const { date } = JSON.parse(f.data) as EventFact;
    (seeds.get(date) ?? seeds.set(date, []).get(date)!).push(f);
  }
  await inChunksOfKeys(rows, (keys, some) => store.replaceFindings(eventNameEntityKind, keys, some));
  const own = [...new Set(events.map((e) => e.date))].filter((day) => !seeds.has(day));
  return { whole: [...seeds.keys()].sort(compareCodePoints), own: own.sort(compareCodePoints), before: { moved, types: typesBefore, seedNames: regroup, seeds } };
}

/**
 * How `regroupAround` reads a day's sentences: by name, an indexed range each (what stays cheap for the few names of a
 * quiet day), until one step of its walk wants more than `wholeDayNames` names (a popular person's hundreds of names,
 * on a day whose groups chain dozens of steps): from then on the whole day is read once (`event` facts, one range)
 * and its sentences are taken by name from memory. Either way the same sentences are found: a knob for tests, not a
 * setting.
 */
export const eventWalk = { wholeDayNames: 64 };

/**
 * The `event-name` facts a day's `event` facts stand for: each sentence under each of its names, numbered by its
 * sentence (an article's sentences in the same order as their `event-name` facts).
 */
function sentencesByName(dayFacts: readonly FactRecord[]): Map<string, FactRecord[]> {
  const byName = new Map<string, FactRecord[]>();
  for (const f of dayFacts) {
    const { names } = JSON.parse(f.data) as EventFact;
    for (const name of names) (byName.get(name) ?? byName.set(name, []).get(name)!).push({ ...f, kind: 'event-name', part: name });
  }
  return byName;
}

/** A dated sentence of an article, whichever of its facts (`event`, or `event-name` under any of its names) holds it. */
const sentenceKey = (f: Pick<FactRecord, 'articleId' | 'rank' | 'data'>) => `${f.articleId}\u0000${f.rank}\u0000${f.data}`;

/** The ranks of a day's dated sentences (`eventRank`) start with the day and this separator. */
const dayRanks = (day: string) => [`${day}\u0001`, `${day}\u0002`] as const;

/**
 * Regroups the events of `day` that the article's dated sentences join, and those the sentences of names that moved
 * to another entity (or whose entity started or stopped tying events) were in and are in now (`before`, from
 * `eventDays`): the groups of the day that share a person or an organization with them, found through the dated
 * sentences of those entities' names on that day (an indexed range of `event-name` facts) and again through those
 * sentences' own entities, now and as the day was grouped, until none is new. The sentences found are then whole
 * groups as the day was grouped (every tie of theirs then was followed) and as it is grouped now: what the day held
 * before is the groups of them without the article's, made with the entities and types of then; what it holds now,
 * those with the article's, made with today's. The day's other groups are neither read nor written, and came out the
 * same: none of their names moved or retied, and nothing new ties them. The same groups as `rebuildEvents` of the
 * whole day: a day's groups are the connected parts of its sentences, each made from its own sentences alone.
 */
async function regroupAround(store: AnalysisStore, articleId: string, day: string, events: readonly EventFact[], before?: GroupedBefore): Promise<void> {
  const isGrouped = (e: EventFact) => !e.inherited && groupable(e);
  const mine = events.filter((e) => e.date === day && isGrouped(e));
  const seeds = before?.seeds.get(day) ?? [];
  if (mine.length === 0 && seeds.length === 0) return;
  const [from, until] = dayRanks(day);
  /** The other articles' sentences found: one entry per sentence (its data), with how many the article holds and where the first is. */
  const found = new Map<string, { fact: EventFact; articleId: string; seq: number; times: Map<string, number> }>();
  const entityOf = new Map<string, string>();
  const types = new Map<string, string>();
  // Every stored sentence of the seed names on this day is among the seeds: their names are not read again.
  const seenNames = new Set<string>(before?.seedNames ?? []);
  const seenEntities = new Set<string>();
  const movedFrom = before?.moved ?? new Map<string, string | undefined>();
  const typesThen = before?.types ?? new Map<string, string | undefined>();
  const take = (f: FactRecord, next: Set<string>) => {
    if (f.articleId === articleId) return;
    const key = sentenceKey(f);
    let entry = found.get(key);
    if (!entry) {
      const fact = JSON.parse(f.data) as EventFact;
      if (!isGrouped(fact)) return;
      entry = { fact, articleId: f.articleId, seq: f.seq, times: new Map() };
      found.set(key, entry);
      for (const n of fact.names) if (!entityOf.has(n)) next.add(n);
    }
    entry.seq = Math.min(entry.seq, f.seq);
    entry.times.set(f.part, (entry.times.get(f.part) ?? 0) + 1);
  };
  const first = new Set(mine.flatMap((e) => e.names));
  for (const f of seeds) take(f, first);
  // The day's sentences under each of their names, once the walk reaches a much-named entity (see `eventWalk`).
  let wholeDay: Map<string, FactRecord[]> | undefined;
  const sentencesOf = async (names: readonly string[]): Promise<FactRecord[]> => {
    if (!wholeDay && names.length > eventWalk.wholeDayNames) {
      const dayFacts = await store.factsInParts('event', [day]);
      wholeDay = sentencesByName(dayFacts);
      // What was found so far is placed by its first sentence of the day, as what is found from now on.
      const firstOf = new Map<string, number>();
      for (const f of dayFacts) firstOf.set(sentenceKey(f), Math.min(f.seq, firstOf.get(sentenceKey(f)) ?? f.seq));
      for (const [key, entry] of found) entry.seq = firstOf.get(key) ?? entry.seq;
    }
    return wholeDay ? names.flatMap((name) => wholeDay!.get(name) ?? []) : store.factsInRankRange('event-name', names, from, until);
  };
  let pending = [...first];
  while (pending.length > 0) {
    for (const [name, entity] of await store.entitiesOfNames(pending)) entityOf.set(name, entity);
    // A name's entity now, and the one it had when the day was grouped.
    const reached = pending.flatMap((n) => [entityOf.get(n), movedFrom.has(n) ? movedFrom.get(n) : undefined]);
    const fresh = [...new Set(reached.filter((id): id is string => id !== undefined && !seenEntities.has(id)))].sort(compareCodePoints);
    for (const id of fresh) seenEntities.add(id);
    for (const [id, type] of await store.entityTypes(fresh)) types.set(id, type);
    const tying = fresh.filter((id) => identifiesEvents(types.get(id) ?? 'MISC') || (typesThen.has(id) && identifiesEvents(typesThen.get(id))));
    const names = (await store.namesOfEntities(tying)).filter((n) => !seenNames.has(n));
    for (const n of names) seenNames.add(n);
    const next = new Set<string>();
    for (const f of await sentencesOf(names)) take(f, next);
    pending = [...next];
  }
  // An article's identical sentences (one date, one place) are one `event-name` fact each under every name they hold.
  const others = [...found.values()]
    .sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq)
    .flatMap((entry) => Array.from({ length: Math.max(...entry.times.values()) }, () => entry.fact));
  // The entities and types the day was grouped with: a moved name's entity then (none recorded: none), a touched
  // entity's type then; the rest as now (they have not changed since).
  const entityThen = new Map<string, string>();
  for (const [name, entity] of entityOf) {
    const then = movedFrom.has(name) ? movedFrom.get(name) : entity;
    if (then !== undefined) entityThen.set(name, then);
  }
  const typeThen = new Map(types);
  for (const [id, type] of typesThen) typeThen.set(id, type ?? 'MISC');
  // In the order `rebuildEvents` reads them: by article id (then seq, which each article's list keeps).
  const withMine = [...others, ...mine].sort((a, b) => compareCodePoints(a.articleId, b.articleId));
  const was = groupEvents(others.map((e) => eventReport(e, entityThen, typeThen)));
  const now = groupEvents(withMine.map((e) => eventReport(e, entityOf, types)));
  await store.replaceFindingKeys('event', [...new Set([...was, ...now].map((g) => g.id))], now.map(eventFinding));
}

/**
 * What `groupFigures` reads across measures to place records, as `localParentMap` in link/figure-groups.ts reads it:
 * the place the first record (by article id, then seq) of a place key puts it in, and the local place names. Kept as
 * one finding per place key and per local name, so that an article's placing records are checked against the rows of
 * their own keys (indexed look-ups) instead of every stored placing record: the first record of a key is the least,
 * and the names a union, whatever order the articles came in. A marker row says the rows are built (a store analysed
 * before kept one digest under it instead).
 */
const placeParentKind = 'place-parent';
const placeLocalKind = 'place-local';
const placeMarkerKind = 'figure-context';
const placeMarker = { key: 'places', data: 'rows' } as const;

/** Where the first record of a place key puts it, and which record that is. */
interface PlaceParent {
  articleId: string;
  seq: number;
  within: string;
}

/** The parents and local names that these placing facts (by article id, then seq) tell. */
function placeContext(facts: readonly Pick<FactRecord, 'articleId' | 'seq' | 'data'>[]): { parents: Map<string, PlaceParent>; local: Set<string> } {
  const parents = new Map<string, PlaceParent>();
  const local = new Set<string>();
  for (const f of facts) {
    const r = JSON.parse(f.data) as FigureRecord;
    if (r.placeKey && r.placeWithin && !parents.has(r.placeKey)) parents.set(r.placeKey, { articleId: f.articleId, seq: f.seq, within: r.placeWithin });
    if (r.placeLevel === 'local' && r.placeKey) local.add(r.placeKey);
    if (r.placeWithin?.includes('..')) local.add(r.placeWithin);
  }
  return { parents, local };
}

const placeRow = (kind: string, key: string, data: string): FindingRecord => ({ kind, key, part: key, verdict: null, rank: '', data, version: analysisVersion });

/** Writes the rows of these parents and local names (replacing those of their keys), a few hundred at a time. */
async function putPlaceRows(store: AnalysisStore, parents: ReadonlyMap<string, PlaceParent>, local: Iterable<string>): Promise<void> {
  const rows = [...[...parents].map(([key, p]) => placeRow(placeParentKind, key, JSON.stringify(p))), ...[...local].map((key) => placeRow(placeLocalKind, key, ''))];
  for (let i = 0; i < rows.length; i += 500) {
    for (const kind of [placeParentKind, placeLocalKind]) {
      const some = rows.slice(i, i + 500).filter((f) => f.kind === kind);
      if (some.length > 0)
        await store.replaceFindings(
          kind,
          some.map((f) => f.key),
          some,
        );
    }
  }
}

/** Rebuilds the place rows from every stored placing record. */
async function rebuildPlaceContext(store: AnalysisStore): Promise<void> {
  const { parents, local } = placeContext(await store.factsInParts('figure-place', ['']));
  for (const kind of [placeParentKind, placeLocalKind, placeMarkerKind]) await store.clearFindings(kind);
  await putPlaceRows(store, parents, local);
  await store.replaceFindings(placeMarkerKind, [placeMarker.key], [placeRow(placeMarkerKind, placeMarker.key, placeMarker.data)]);
}

/**
 * Brings the place rows up to date with the article's placing records (`before`: those it had stored, `after`: those
 * it has now); true when where some place lies changed. A new article's records are checked against the rows of their
 * own keys; an article whose placing records changed (a newer analysis of it) may have held the first record of a key,
 * so the rows are rebuilt from every placing record, as they are in a store whose rows were never built.
 * Idempotent: an article linked again finds its own records first already.
 */
export async function updatePlaceContext(store: AnalysisStore, articleId: string, before: readonly FactRecord[], after: readonly FigureRecord[]): Promise<boolean> {
  const now = placingFacts(after).map((f) => ({ ...f, articleId }));
  if (now.length === 0 && before.length === 0) return false;
  const recordsChanged = before.length > 0 && !(before.length === now.length && before.every((f, i) => f.seq === now[i]!.seq && f.data === now[i]!.data));
  if (recordsChanged || (await store.finding(placeMarkerKind, placeMarker.key))?.data !== placeMarker.data) {
    // Rare (once a store, and after a newer analysis of an article): every measure is rebuilt.
    await rebuildPlaceContext(store);
    return true;
  }
  const { parents, local } = placeContext(now);
  let changed = false;
  const newLocal: string[] = [];
  for (const name of local) {
    if (await store.finding(placeLocalKind, name)) continue;
    newLocal.push(name);
    changed = true;
  }
  const firstNow = new Map<string, PlaceParent>();
  for (const [key, p] of parents) {
    const had = await store.finding(placeParentKind, key);
    const was = had ? (JSON.parse(had.data) as PlaceParent) : null;
    if (was && (compareCodePoints(was.articleId, p.articleId) || was.seq - p.seq) <= 0) continue;
    firstNow.set(key, p);
    if (was?.within !== p.within) changed = true;
  }
  await putPlaceRows(store, firstNow, newLocal);
  return changed;
}

/** Records the type each entity had when its findings were built: a later change of it rebuilds them. */
async function storeEntityTypes(store: AnalysisStore, entityIds: readonly string[], types: ReadonlyMap<string, string>): Promise<void> {
  await store.replaceFindings(
    'entity-type',
    entityIds,
    entityIds.filter((id) => types.has(id)).map((id) => ({ kind: 'entity-type', key: id, part: id, verdict: null, rank: '', data: types.get(id)!, version: analysisVersion })),
  );
}

/** Rebuilds every finding from the stored facts (after `storeFacts` of every article): what `quipu reanalyze` ends with. */
export async function rebuildAllFindings(store: AnalysisStore): Promise<void> {
  for (const kind of ['figure-group', 'date-conflict', 'event', eventNameEntityKind, 'entity-type', ...entityCountKinds, outletCopiesKind, staleKind, sourcesSummaryKind])
    await store.clearFindings(kind);
  await rebuildPlaceContext(store);
  const outletPairs = await store.factParts(copyKind);
  for (let i = 0; i < outletPairs.length; i += 500) await recountOutletCopies(store, outletPairs.slice(i, i + 500), analysisVersion);
  await rebuildCitationCounts(store, analysisVersion);
  await markSourcesStale(store, analysisVersion);
  await rebuildSourcesSummary(store, analysisVersion);
  await store.relabelStaleEntities();
  await store.recountEntityPairs();
  const counts = await store.entityCounts(null);
  const counted = [...counts.keys()].sort(compareCodePoints);
  for (let i = 0; i < counted.length; i += 500) {
    const some = counted.slice(i, i + 500);
    await putEntityCounts(store, some, counts, await store.entityTypes(some), analysisVersion);
  }
  // A part at a time, or a few hundred: a large store's facts are never all in memory at once.
  await regroupAllFigures(store, placeParents(await placingRecords(store)));
  const happeningParts = (await store.factParts('happening')).map(splitHappeningPart);
  const names = [...new Set([...happeningParts.map((p) => p.name), ...(await store.factParts('event-name'))])];
  const entityOf = await store.entitiesOfNames(names);
  const entities = [...new Set(entityOf.values())].sort(compareCodePoints);
  for (let i = 0; i < entities.length; i += 500) {
    const some = entities.slice(i, i + 500);
    await storeEntityTypes(store, some, await store.entityTypes(some));
  }
  const pairs = [...new Set(happeningParts.flatMap((p) => (entityOf.has(p.name) ? [`${entityOf.get(p.name)}:${p.happening}`] : [])))].sort(compareCodePoints);
  for (let i = 0; i < pairs.length; i += 500) await rebuildDateConflicts(store, pairs.slice(i, i + 500));
  const days = await store.factParts('event');
  for (let i = 0; i < days.length; i += 100) await rebuildEvents(store, days.slice(i, i + 100));
  const eventNames = await store.factParts('event-name');
  for (let i = 0; i < eventNames.length; i += 500) {
    const some = eventNames.slice(i, i + 500);
    const entityOfName = await store.entitiesOfNames(some);
    await store.replaceFindings(
      eventNameEntityKind,
      some,
      some.flatMap((name) => (entityOfName.has(name) ? [nameEntityRow(name, entityOfName.get(name)!)] : [])),
    );
  }
}

/** What `linkArticles` runs after each article's entities: its findings, in the same transaction. */
export const analyzeAfterLink: AfterLink = (link, doc, movedEntities) => analyzeArticle(link.analysis, doc, movedEntities);

/**
 * Figure groups are rebuilt from stored figures, which grow with the pile: rebuilt for each article, ingest would slow
 * down quadratically. So an article only marks what its figures touch stale (`figureStaleMarks`: a measure, a place
 * key), in its own linking transaction (a crash loses no mark), and `rebuildStaleFindings` regroups them once for a
 * batch of articles.
 */
async function markFiguresStale(store: AnalysisStore, parts: readonly string[]): Promise<void> {
  const stale = parts.map((part) => ({ kind: staleKind, key: part, part, verdict: null, rank: '', data: '', version: analysisVersion }));
  await store.replaceFindings(staleKind, parts, stale);
}

const staleKind = 'figure-stale';
/** The stale mark of an article that changed where some place lies (its records may all be of no group). */
const placesMark = 'places';
/**
 * Finding kind: where each place key with a parent grouped at the last regrouping (`placesGrouped`). A regrouping
 * compares it with where the keys group now: the records of a key that moved (a later article put a local place
 * inside a town) leave one cluster for another, and both are regrouped.
 */
const placeGroupedKind = 'figure-place-grouped';
/**
 * Marks a store whose figure groups are kept by unit (`figureUnit`: a cluster's year), with the rows above: else all
 * are regrouped once (a store whose groups were kept by cluster, or by measure before that).
 */
const clusterMarker = { kind: 'figure-regroup', key: 'clusters', data: 'years' } as const;

/** Measures whose groups lie by place: all that are compared but a person's sentences. */
const placedMeasures = figureMeasures.filter((m) => m !== 'other' && m !== 'sentence');

const figureGroupRow = (g: FigureGroup, unit: string): FindingRecord => ({
  kind: 'figure-group',
  key: g.key,
  part: unit,
  verdict: g.verdict,
  rank: g.reports.at(-1)?.reported ?? '',
  data: JSON.stringify(g),
  version: analysisVersion,
});

const placeGroupedRow = (key: string, place: string): FindingRecord => ({ kind: placeGroupedKind, key, part: key, verdict: null, rank: '', data: place, version: analysisVersion });

/**
 * Labels again the entities marked stale (entity lists read the labels), makes the sources' summary again when it is
 * marked stale, and regroups the units of groups (link/figure-groups.ts `figureUnit`: a cluster's year) the figures
 * marked stale since the last call fall in, and every year of the clusters whose records moved with a place's parent;
 * true when there were figure or sources marks. Each unit is rebuilt from its own stored records alone, so a round reads the years of the clusters new figures
 * join, not the pile.
 */
export async function rebuildStaleFindings(store: AnalysisStore): Promise<boolean> {
  await store.relabelStaleEntities();
  const sources = await rebuildSourcesSummary(store, analysisVersion);
  const marks = await store.findingParts(staleKind);
  if (marks.length === 0) return sources;
  const parents = placeParents(await placingRecords(store));
  if ((await store.finding(clusterMarker.kind, clusterMarker.key))?.data !== clusterMarker.data) await regroupAllFigures(store, parents);
  else await regroupClusters(store, marks, parents);
  await store.clearFindings(staleKind);
  return true;
}

/**
 * Finding kind: a cluster's buckets' dated records counted by the year whose groups hold them (link/figure-groups.ts
 * `yearCounts`), which gives each bucket the home year its undated records are grouped in. A regrouping of some years
 * recounts those years; a bucket whose home year moves has both years regrouped.
 */
const yearsKind = 'figure-years';

/** The counts as stored: buckets and years in code-point order, so the same counts are the same row. */
function yearsRow(cluster: string, counts: Readonly<Record<string, Record<string, number>>>): FindingRecord {
  const sorted = (o: Readonly<Record<string, unknown>>) => Object.keys(o).sort(compareCodePoints);
  const data = Object.fromEntries(sorted(counts).map((base) => [base, Object.fromEntries(sorted(counts[base]!).map((year) => [year, counts[base]![year]!]))]));
  return { kind: yearsKind, key: cluster, part: cluster, verdict: null, rank: '', data: JSON.stringify(data), version: analysisVersion };
}

/** The cluster of a unit `cluster|year`, and its year. */
const clusterOfUnit = (unit: string) => unit.slice(0, unit.lastIndexOf('|'));
const yearOfUnit = (unit: string) => unit.slice(unit.lastIndexOf('|') + 1);

/**
 * The range of fact ranks (`figureDay`) a regrouping of a year of a cluster reads: the year, its cluster's gap before
 * it (what joins its first reports to the year before, `unitYears`), and the first `yearHeadDays` of the next year
 * (reports the year's may join to it), a day wider each way (a month or a year sorts before its first day).
 */
function yearReach(cluster: string, year: string): [string, string] {
  if (year === '') return ['', '0'];
  const next = String(Number(year) + 1).padStart(4, '0');
  return [dayString(dayNumber(year) - clusterGap(cluster.endsWith('|')) - 1), dayString(dayNumber(next) + yearHeadDays + 1)];
}

/** The parts of the ranges `wanted` (`[from, before)`) that none of `read` covers, joined where they touch. */
function unread(wanted: readonly [string, string][], read: readonly [string, string][]): [string, string][] {
  const out: [string, string][] = [];
  for (const [from, before] of [...wanted].sort(([a], [b]) => compareCodePoints(a, b))) {
    const last = out.at(-1);
    if (last && compareCodePoints(from, last[1]) <= 0) last[1] = compareCodePoints(before, last[1]) > 0 ? before : last[1];
    else out.push([from, before]);
  }
  // Cut what was read before out of each range (a second pass reads only the years a home year moved to).
  return out.flatMap(([from, before]) => {
    let pieces: [string, string][] = [[from, before]];
    for (const [a, b] of read) {
      pieces = pieces.flatMap(([x, y]): [string, string][] => {
        if (compareCodePoints(b, x) <= 0 || compareCodePoints(y, a) <= 0) return [[x, y]];
        return [...(compareCodePoints(x, a) < 0 ? [[x, a] as [string, string]] : []), ...(compareCodePoints(b, y) < 0 ? [[b, y] as [string, string]] : [])];
      });
    }
    return pieces;
  });
}

/** Regroups the units that `marks` touch, and every year of the clusters the keys whose place moved touch, a measure at a time. */
async function regroupClusters(store: AnalysisStore, marks: readonly string[], parents: ReadonlyMap<string, string>): Promise<void> {
  const grouped = placesGrouped(parents);
  const was = new Map((await store.findingsOfKind(placeGroupedKind)).map((f) => [f.key, f.data]));
  const moved = [...new Set([...was.keys(), ...grouped.keys()])].filter((key) => was.get(key) !== grouped.get(key)).sort(compareCodePoints);
  const placeOfKey = (key: string) => grouped.get(key) ?? key;
  // Units (`measure|cluster|year`, `''` the year of undated records) to regroup, and clusters to regroup in every year.
  const units = new Set<string>();
  const whole = new Set<string>();
  let sentences = false;
  for (const mark of marks) {
    const bar = mark.indexOf('|');
    const last = mark.lastIndexOf('|');
    if (bar >= 0 && last > bar) units.add(`${mark.slice(0, bar)}|${placeCluster(placeOfKey(mark.slice(bar + 1, last)))}|${mark.slice(last + 1)}`);
    // A mark of a release before years were kept: every year of its cluster.
    else if (bar >= 0) whole.add(`${mark.slice(0, bar)}|${placeCluster(placeOfKey(mark.slice(bar + 1)))}`);
    else if (mark === 'sentence') sentences = true;
  }
  for (const key of moved) for (const place of [was.get(key) ?? key, placeOfKey(key)]) for (const measure of placedMeasures) whole.add(`${measure}|${placeCluster(place)}`);
  for (const unit of units) if (whole.has(clusterOfUnit(unit))) units.delete(unit);
  // The clusters whose records a key's parent brings into another cluster: those records are stored under their own.
  const broughtFrom = new Map<string, Set<string>>();
  for (const [key, place] of grouped) {
    const into = placeCluster(place);
    if (into !== placeCluster(key)) (broughtFrom.get(into) ?? broughtFrom.set(into, new Set()).get(into)!).add(placeCluster(key));
  }
  // A record with a place but no key is stored under its bare measure, read with every cluster of it.
  const partsOf = (cluster: string) => {
    const measure = cluster.slice(0, cluster.indexOf('|'));
    return [measure, cluster, ...[...(broughtFrom.get(cluster.slice(measure.length + 1)) ?? [])].map((own) => `${measure}|${own}`)];
  };
  const parse = (facts: readonly FactRecord[]) =>
    [...new Map(facts.map((f) => [`${f.articleId}|${f.seq}`, f])).values()].sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq).map((f) => JSON.parse(f.data) as FigureRecord);

  if (sentences) {
    const regrouped = groupFigureUnits(parse(await store.factsInParts('figure', ['sentence'])), parents);
    await store.replaceFindings('figure-group', ['sentence'], figureGroupRows(regrouped));
  }

  const byCluster = new Map<string, Set<string>>();
  for (const unit of units) (byCluster.get(clusterOfUnit(unit)) ?? byCluster.set(clusterOfUnit(unit), new Set()).get(clusterOfUnit(unit))!).add(yearOfUnit(unit));
  const countsWere = await store.findings(yearsKind, [...byCluster.keys()]);
  // Written once for the round: one statement per kind rather than per cluster.
  const groupParts: string[] = [];
  const groupRows: FindingRecord[] = [];
  const countRows: FindingRecord[] = [];
  const countKeys: string[] = [];
  for (const [cluster, years] of [...byCluster].sort(([a], [b]) => compareCodePoints(a, b))) {
    const parts = partsOf(cluster);
    const stored = countsWere.has(cluster) ? (JSON.parse(countsWere.get(cluster)!.data) as Record<string, Record<string, number>>) : {};
    const homesWere = homeYears(new Map([[cluster, stored]]));
    // The undated records of the cluster go to their buckets' home years: those years are regrouped with them.
    if (years.has('')) for (const year of homesWere.values()) years.add(year);
    // Undated records are read whatever years are regrouped (any may be a bucket's home year), and so are of year ''.
    years.add('');
    const facts = await store.factsInRankRange('figure', parts, ...yearReach(cluster, ''));
    const done = new Set<string>();
    let counts = stored;
    let homes = homesWere;
    let records: FigureRecord[] = [];
    let unitsOf = new Map<FigureRecord, string>();
    // Until no bucket's home year moves to a year not regrouped yet (at most once more: a recount changes no dated record).
    const read: [string, string][] = [];
    while ([...years].some((year) => !done.has(year))) {
      const reach: [string, string][] = [];
      for (const year of years) {
        if (done.has(year)) continue;
        done.add(year);
        if (year !== '') reach.push(yearReach(cluster, year));
      }
      // Neighbouring years' stretches overlap: each day is read once.
      for (const [from, before] of unread(reach, read)) facts.push(...(await store.factsInRankRange('figure', parts, from, before)));
      read.push(...reach);
      records = parse(facts).filter((r) => figureCluster(r, parents) === cluster);
      const regroupedYears = unitYears(records, parents);
      const recounted = yearCounts(records, parents, new Map([...regroupedYears].filter(([, year]) => done.has(year)))).get(cluster) ?? {};
      // The years regrouped are counted anew; the others stand as stored.
      counts = {};
      for (const [base, ofBase] of Object.entries(stored)) for (const [year, n] of Object.entries(ofBase)) if (!done.has(year)) (counts[base] ??= {})[year] = n;
      for (const [base, ofBase] of Object.entries(recounted)) for (const [year, n] of Object.entries(ofBase)) (counts[base] ??= {})[year] = n;
      homes = homeYears(new Map([[cluster, counts]]));
      for (const base of new Set([...homes.keys(), ...homesWere.keys()])) {
        if (homes.get(base) === homesWere.get(base)) continue;
        years.add(homes.get(base) ?? '');
        years.add(homesWere.get(base) ?? '');
      }
      unitsOf = figureUnits(records, parents, homes);
    }
    const regrouped = groupFigureUnits(records, parents, new Map([...unitsOf].filter(([, unit]) => done.has(yearOfUnit(unit)))));
    groupParts.push(...[...done].map((year) => `${cluster}|${year}`));
    groupRows.push(...figureGroupRows(regrouped));
    const row = Object.keys(counts).length > 0 ? yearsRow(cluster, counts) : null;
    if (row?.data === countsWere.get(cluster)?.data) continue;
    countKeys.push(cluster);
    if (row) countRows.push(row);
  }
  await store.replaceFindings('figure-group', groupParts, groupRows);
  await store.replaceFindingKeys(yearsKind, countKeys, countRows);

  if (whole.size > 0) {
    const groupParts = await store.findingParts('figure-group');
    for (const cluster of [...whole].sort(compareCodePoints)) {
      const records = parse(await store.factsInParts('figure', partsOf(cluster))).filter((r) => figureCluster(r, parents) === cluster);
      const counts = yearCounts(records, parents, unitYears(records, parents));
      const regrouped = groupFigureUnits(records, parents, figureUnits(records, parents, homeYears(counts)));
      await store.replaceFindings('figure-group', [...groupParts.filter((part) => clusterOfUnit(part) === cluster), ...regrouped.keys()], figureGroupRows(regrouped));
      await store.replaceFindingKeys(yearsKind, [cluster], counts.has(cluster) ? [yearsRow(cluster, counts.get(cluster)!)] : []);
    }
  }
  await store.replaceFindingKeys(
    placeGroupedKind,
    moved,
    moved.flatMap((key) => (grouped.has(key) ? [placeGroupedRow(key, grouped.get(key)!)] : [])),
  );
}

/** The stored rows of groups by unit: those reported by more than one article, each under its unit. */
const figureGroupRows = (units: ReadonlyMap<string, readonly FigureGroup[]>): FindingRecord[] =>
  [...units].flatMap(([unit, groups]) => groups.filter((g) => g.articles > 1).map((g) => figureGroupRow(g, unit)));

/**
 * Rebuilds every figure group from every stored figure, a measure at a time (only one measure's figures are in memory
 * at once), with where each place key groups, the clusters' year counts and the marker: what a reanalysis ends with,
 * and a store's first regrouping since its groups were kept by year.
 */
async function regroupAllFigures(store: AnalysisStore, parents: ReadonlyMap<string, string>): Promise<void> {
  await store.clearFindings('figure-group');
  await store.clearFindings(yearsKind);
  const byMeasure = new Map<string, string[]>();
  for (const part of await store.factParts('figure')) {
    const measure = part.split('|')[0]!;
    if (measure === 'other' || part === ungroupedPart(measure as FigureRecord['measure'])) continue;
    (byMeasure.get(measure) ?? byMeasure.set(measure, []).get(measure)!).push(part);
  }
  for (const parts of byMeasure.values()) {
    const records = (await store.factsInParts('figure', parts)).map((f) => JSON.parse(f.data) as FigureRecord);
    const counts = yearCounts(records, parents, unitYears(records, parents));
    const rows = figureGroupRows(groupFigureUnits(records, parents, figureUnits(records, parents, homeYears(counts))));
    const countRows = [...counts].map(([cluster, ofCluster]) => yearsRow(cluster, ofCluster));
    for (const [kind, list] of [['figure-group', rows] as const, [yearsKind, countRows] as const]) await inChunksOfKeys(list, (keys, some) => store.replaceFindingKeys(kind, keys, some));
  }
  await store.clearFindings(placeGroupedKind);
  const grouped = [...placesGrouped(parents)].sort(([a], [b]) => compareCodePoints(a, b));
  await inChunksOfKeys(
    grouped.map(([key, place]) => placeGroupedRow(key, place)),
    (keys, some) => store.replaceFindingKeys(placeGroupedKind, keys, some),
  );
  await store.replaceFindingKeys(clusterMarker.kind, [clusterMarker.key], [{ ...placeGroupedRow(clusterMarker.key, clusterMarker.data), kind: clusterMarker.kind }]);
}

/**
 * What `groupFigures` needs of every placing record, from the place rows when they are built: one record per place key
 * with the place its first record puts it in (in the pile's order of those first records, as the placing facts would
 * give them), and one per local name. The rows are one per key where the facts are one per record that places, so a
 * regrouping no longer parses every placing record of the pile.
 */
async function placingRecords(store: AnalysisStore): Promise<FigureRecord[]> {
  if ((await store.finding(placeMarkerKind, placeMarker.key))?.data !== placeMarker.data) {
    return (await store.factsInParts('figure-place', [''])).map((f) => JSON.parse(f.data) as FigureRecord);
  }
  const parents = (await store.findingsOfKind(placeParentKind))
    .map((row) => ({ key: row.key, ...(JSON.parse(row.data) as PlaceParent) }))
    .sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
  const local = await store.findingsOfKind(placeLocalKind);
  // Only the fields `localParentMap` reads: a record's key and where it lies, and whether a key is a local name.
  return [...parents.map((p) => ({ placeKey: p.key, placeWithin: p.within }) as FigureRecord), ...local.map((row) => ({ placeKey: row.key, placeLevel: 'local' }) as FigureRecord)];
}

/** Rebuilds the date conflicts `entityId:happening` listed, from the happenings of every name of those entities. */
export async function rebuildDateConflicts(store: AnalysisStore, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const wanted = new Set(keys);
  const names = await store.namesOfEntities([...new Set(keys.map((k) => k.slice(0, k.indexOf(':'))))]);
  const entityOfName = await store.entitiesOfNames(names);
  const parts = names.flatMap((name) => happeningKinds.filter((h) => wanted.has(`${entityOfName.get(name)}:${h}`)).map((h) => happeningPart(name, h)));
  const facts = await store.factsInParts('happening', parts);
  const entityOf = (part: string) => entityOfName.get(splitHappeningPart(part).name);
  const types = await store.entityTypes([...new Set(entityOfName.values())]);
  // One report per entity, happening and sentence of an article, the first found (as `happeningReports` keeps one per entity).
  const seen = new Set<string>();
  const reports: HappeningFact[] = [];
  for (const f of facts) {
    const entityId = entityOf(f.part);
    if (!entityId || types.get(entityId) !== 'PER') continue;
    const report = { ...(JSON.parse(f.data) as HappeningFact), entityId };
    const once = `${report.articleId}:${entityId}:${report.happening}:${report.start}`;
    if (seen.has(once)) continue;
    seen.add(once);
    reports.push(report);
  }
  const conflicts = dateConflicts(reports);
  await store.replaceFindings(
    'date-conflict',
    keys,
    conflicts.map((c) => {
      const latest = c.reports.reduce((max, r) => (r.published && r.published > max ? r.published : max), '');
      return { kind: 'date-conflict', key: c.key, part: c.key, verdict: 'conflict', rank: latest, data: JSON.stringify(c), version: analysisVersion };
    }),
  );
}

const isDay = (part: string) => /^\d{4}-\d{2}-\d{2}$/.test(part);

/** Rebuilds the events of these days from every dated sentence of them (its own date, not one it inherits). */
export async function rebuildEvents(store: AnalysisStore, parts: readonly string[]): Promise<void> {
  // A month or a year is no event's date (`groupEvents` groups days only) and has no events stored: its sentences,
  // which grow with the pile, are not read.
  const days = parts.filter(isDay);
  if (days.length === 0) return;
  const facts = (await store.factsInParts('event', days)).map((f) => JSON.parse(f.data) as EventFact).filter((e) => !e.inherited);
  const entityOf = await store.entitiesOfNames(facts.flatMap((e) => e.names));
  const types = await store.entityTypes([...new Set(entityOf.values())]);
  await store.replaceFindings('event', days, groupEvents(facts.map((e) => eventReport(e, entityOf, types))).map(eventFinding));
}

/** A stored dated sentence as `groupEvents` reads it: its names' entities now, with their types. */
const eventReport = (e: EventFact, entityOf: ReadonlyMap<string, string>, types: ReadonlyMap<string, string>): EventReport => ({
  articleId: e.articleId,
  published: e.published,
  date: e.date,
  start: e.start,
  end: e.end,
  text: e.text,
  entities: [...new Set(e.names.map((n) => entityOf.get(n)).filter((x): x is string => !!x))].map((id) => ({ id, type: types.get(id) ?? 'MISC' })),
});

const eventFinding = (g: EventGroup): FindingRecord => ({
  kind: 'event',
  key: g.id,
  part: g.date,
  verdict: null,
  rank: [g.date, pad(1e9 - g.articles), g.id].join('\u0001'),
  data: JSON.stringify(g),
  version: analysisVersion,
});

/** Hands `rows` to `replace` 500 at a time with their keys: a statement's list of keys stays bounded. */
async function inChunksOfKeys<R extends { key: string }>(rows: readonly R[], replace: (keys: string[], some: R[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const some = rows.slice(i, i + 500);
    await replace(
      some.map((r) => r.key),
      some,
    );
  }
}
