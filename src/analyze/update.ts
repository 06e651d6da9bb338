/**
 * Keeps the stored findings current as articles are linked: figure groups with their verdicts, date conflicts and
 * events. Each article leaves *facts* (its figures, its people's dated happenings, its dated sentences) keyed by what
 * does not change later (a measure, a name id, a day); a finding is rebuilt from every stored fact of its part with the
 * pure grouping functions of link/, never from memory. So the findings depend on the stored articles alone, not on the
 * order they came in, and linking an article twice changes nothing.
 *
 * Names are stable, entities are not (a later article may merge two people, or tip a name from ORG to PER): facts hold
 * name ids, and a change of entity rebuilds the findings of the entities and days it touches.
 */
import { createHash } from 'node:crypto';
import type { Doc, FigureMeasure } from '../core/doc.ts';
import { compareCodePoints } from '../core/names.ts';
import { dateConflicts, type Happening, type HappeningReport, happeningReports } from '../link/date-conflicts.ts';
import { type EventReport, groupEvents } from '../link/event-groups.ts';
import { type FigureRecord, figureRecords, groupFigures } from '../link/figure-groups.ts';
import type { AfterLink } from '../link/link-articles.ts';
import type { AnalysisStore, FactRecord } from '../store/repository.ts';
import { entityCountFindings, entityCountKind, graphFacts } from './graph.ts';
import { citationFacts, citationKind, copyKind, outletCopiesKind, recountOutletCopies, updateOutletCopies } from './sources.ts';
import { claimRecords } from './claims.ts';
import { storeOriginFacts } from './origins.ts';

/**
 * Bump when a rule that makes facts or findings changes: `quipu stats` then shows the mix, `quipu reanalyze` rebuilds.
 * 2: claims stored (claims.ts), citations kept as facts (origins.ts), the graph's and the outlet view's facts (graph.ts, sources.ts).
 * 3: figure records read counters, days, scopes, offices and provinces anew (link/figure-groups.ts).
 * 4: figure records mark added counts, members of a force, buildings' names and joint counters; groups set such parts
 *    apart and give an article's own two values a group of their own (link/figure-groups.ts, issue 15).
 */
export const analysisVersion = 4;

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

const measures: readonly FigureMeasure[] = [
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
];

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
}

const fact = (seq: number, part: string, data: unknown, rank = ''): Omit<FactRecord, 'articleId' | 'kind'> => ({ seq, part, rank, data: JSON.stringify(data), version: analysisVersion });

/** Replaces the article's stored facts with those of `doc` (its figures, its names' dated happenings, its dated sentences). */
export async function storeFacts(store: AnalysisStore, doc: Readonly<Doc>): Promise<ArticleFacts> {
  const names = await store.mentionNames(doc.id);
  const records = figureRecords(doc);
  await store.putFacts(
    doc.id,
    'figure',
    records.map((r, i) => fact(i, r.measure, r)),
  );
  await store.putFacts(
    doc.id,
    'figure-place',
    records.flatMap((r, i) => (placesOthers(r) ? [fact(i, '', r)] : [])),
  );

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
  for (const { kind, facts } of graphFacts(doc, names))
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
  return { records, events, names, happenings };
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
  const { records, events, names, happenings } = await storeFacts(store, doc);

  // The entities this article names, and those linking changed: their type may have turned, their names moved.
  const mine = await store.entitiesOfNames([...names.values()]);
  const touched = [...new Set([...mine.values(), ...movedEntities])].sort(compareCodePoints);
  const changed = new Set(movedEntities);
  const types = await store.entityTypes(touched);
  for (const id of touched) {
    const before = await store.finding('entity-type', id);
    if (before?.data !== (types.get(id) ?? '')) changed.add(id);
  }
  await storeEntityTypes(store, touched, types);
  await store.replaceFindings(entityCountKind, touched, entityCountFindings(touched, await store.entityCounts(touched), types, analysisVersion));

  // A record that places others rebuilds every measure only when it changed where some place lies.
  const placesChanged = records.some(placesOthers) && (await storePlaceContext(store));
  await markFiguresStale(store, placesChanged ? measures : [...new Set(records.map((r) => r.measure))]);
  // An entity that changed may now be a person, or hold other names' happenings: all of its happenings are rebuilt;
  // of the others, those this article reports.
  const pairs = new Set([...changed].flatMap((id) => happeningKinds.map((h) => `${id}:${h}`)));
  for (const r of happenings) if (mine.has(r.entityId)) pairs.add(`${mine.get(r.entityId)}:${r.happening}`);
  await rebuildDateConflicts(store, [...pairs].sort(compareCodePoints));
  const changedNames = await store.namesOfEntities([...changed]);
  const days = new Set(events.map((e) => e.date));
  for (const f of await store.factsInParts('event-name', changedNames)) days.add((JSON.parse(f.data) as EventFact).date);
  await rebuildEvents(store, [...days]);
}

/**
 * Stores a digest of what `groupFigures` reads across measures to place records (as `localParentMap` in
 * link/figure-groups.ts reads it: the place the first record of a place key puts it in, and the local place names);
 * true when it differs from the stored one. Most new places are known already: their measures alone are rebuilt.
 */
async function storePlaceContext(store: AnalysisStore): Promise<boolean> {
  const parents = new Map<string, string>();
  const local = new Set<string>();
  for (const f of await store.factsInParts('figure-place', [''])) {
    const r = JSON.parse(f.data) as FigureRecord;
    if (r.placeKey && r.placeWithin && !parents.has(r.placeKey)) parents.set(r.placeKey, r.placeWithin);
    if (r.placeLevel === 'local' && r.placeKey) local.add(r.placeKey);
    if (r.placeWithin?.includes('..')) local.add(r.placeWithin);
  }
  const digest = createHash('sha1')
    .update(JSON.stringify([[...parents].sort(), [...local].sort()]))
    .digest('hex');
  if ((await store.finding('figure-context', 'places'))?.data === digest) return false;
  await store.replaceFindings('figure-context', ['places'], [{ kind: 'figure-context', key: 'places', part: 'places', verdict: null, rank: '', data: digest, version: analysisVersion }]);
  return true;
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
  for (const kind of ['figure-group', 'figure-context', 'date-conflict', 'event', 'entity-type', entityCountKind, outletCopiesKind, staleKind]) await store.clearFindings(kind);
  await storePlaceContext(store);
  const outletPairs = await store.factParts(copyKind);
  for (let i = 0; i < outletPairs.length; i += 500) await recountOutletCopies(store, outletPairs.slice(i, i + 500), analysisVersion);
  const counts = await store.entityCounts(null);
  const counted = [...counts.keys()].sort(compareCodePoints);
  for (let i = 0; i < counted.length; i += 500) {
    const some = counted.slice(i, i + 500);
    await store.replaceFindings(entityCountKind, some, entityCountFindings(some, counts, await store.entityTypes(some), analysisVersion));
  }
  // A part at a time, or a few hundred: a large store's facts are never all in memory at once.
  for (const measure of await store.factParts('figure')) await rebuildFigureGroups(store, [measure]);
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
}

/** What `linkArticles` runs after each article's entities: its findings, in the same transaction. */
export const analyzeAfterLink: AfterLink = (link, doc, movedEntities) => analyzeArticle(link.analysis, doc, movedEntities);

/**
 * Figure groups are rebuilt from every stored figure of a measure, which grows with the pile: rebuilt for each article,
 * ingest would slow down quadratically (about 0.2 s an article at 1,000 articles). So an article only marks its measures
 * stale, in its own linking transaction (a crash loses no mark), and `rebuildStaleFindings` rebuilds them once for a
 * batch of articles.
 */
async function markFiguresStale(store: AnalysisStore, parts: readonly string[]): Promise<void> {
  const stale = parts.map((part) => ({ kind: staleKind, key: part, part, verdict: null, rank: '', data: '', version: analysisVersion }));
  await store.replaceFindings(staleKind, parts, stale);
}

const staleKind = 'figure-stale';

/** Rebuilds the figure groups of every measure an article marked stale since the last call; true when there were any. */
export async function rebuildStaleFindings(store: AnalysisStore): Promise<boolean> {
  const parts = await store.findingParts(staleKind);
  if (parts.length === 0) return false;
  await rebuildFigureGroups(store, parts);
  await store.clearFindings(staleKind);
  return true;
}

/** Rebuilds the figure groups of `parts` (measures) from every stored figure of them; a group needs two articles. */
export async function rebuildFigureGroups(store: AnalysisStore, parts: readonly string[]): Promise<void> {
  if (parts.length === 0) return;
  const own = await store.factsInParts('figure', parts);
  const wanted = new Set(parts);
  const placing = (await store.factsInParts('figure-place', [''])).filter((f) => !wanted.has((JSON.parse(f.data) as FigureRecord).measure));
  const facts = [...own, ...placing].sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
  const groups = groupFigures(facts.map((f) => JSON.parse(f.data) as FigureRecord)).filter((g) => wanted.has(g.measure) && g.articles > 1);
  await store.replaceFindings(
    'figure-group',
    parts,
    groups.map((g) => ({ kind: 'figure-group', key: g.key, part: g.measure, verdict: g.verdict, rank: g.reports.at(-1)?.reported ?? '', data: JSON.stringify(g), version: analysisVersion })),
  );
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

/** Rebuilds the events of these days from every dated sentence of them (its own date, not one it inherits). */
export async function rebuildEvents(store: AnalysisStore, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const facts = (await store.factsInParts('event', days)).map((f) => JSON.parse(f.data) as EventFact).filter((e) => !e.inherited);
  const entityOf = await store.entitiesOfNames(facts.flatMap((e) => e.names));
  const types = await store.entityTypes([...new Set(entityOf.values())]);
  const reports: EventReport[] = facts.map((e) => ({
    articleId: e.articleId,
    published: e.published,
    date: e.date,
    start: e.start,
    end: e.end,
    text: e.text,
    entities: [...new Set(e.names.map((n) => entityOf.get(n)).filter((x): x is string => !!x))].map((id) => ({ id, type: types.get(id) ?? 'MISC' })),
  }));
  await store.replaceFindings(
    'event',
    days,
    groupEvents(reports).map((g) => ({
      kind: 'event',
      key: g.id,
      part: g.date,
      verdict: null,
      rank: [g.date, pad(1e9 - g.articles), g.id].join('\u0001'),
      data: JSON.stringify(g),
      version: analysisVersion,
    })),
  );
}
