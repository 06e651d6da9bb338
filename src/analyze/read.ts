/**
 * The one way every surface (the API, the CLI, the export) reads cross-article findings: indexed, paged queries over
 * what `update.ts` stored at ingest. Nothing here reads the articles' layers.
 */
import type { EntityType } from '../core/doc.ts';
import { type EventGroup } from '../link/event-groups.ts';
import type { FigureGroup, Verdict } from '../link/figure-groups.ts';
import type { FindingQuery, Page, Repository } from '../store/repository.ts';
import type { EventFact, StoredDateConflict } from './update.ts';

/** The few article fields a row of a cross-article list carries. */
export interface ArticleRef {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
}

/** A dated sentence on the timeline, with the entities it names as they are shown everywhere. */
export interface TimelineEvent {
  article: ArticleRef;
  date: string;
  inherited: boolean;
  /** The dated sentence: its span in the article's text and its text. */
  start: number;
  end: number;
  text: string;
  entities: { key: string; name: string; type: EntityType }[];
}

/** The URL key of a stored name key ("ramiro etxeberri" → `ramiro-etxeberri`). */
export function keyOfStored(key: string): string {
  return key.replace(/ /g, '-');
}

/** The most rows one store query returns (the store's own cap). */
const storePage = 500;

/** Every stored finding of `kind`, in `order`, read a page at a time. */
export async function allFindings<T>(repository: Repository, kind: string, order: FindingQuery['order'] = 'key'): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += storePage) {
    const page = await repository.pageFindings({ kind, order, limit: storePage, offset });
    out.push(...page.items.map((f) => JSON.parse(f.data) as T));
    if (offset + storePage >= page.total) return out;
  }
}

function mapPage<T, U>(page: Page<T>, f: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(f) };
}

/** Figure groups reported by more than one article, by key or latest report first; `verdict` and `key` filter. */
export async function figureGroupPage(repository: Repository, filter: { verdict?: Verdict; key?: string; sort?: 'key' | 'latest'; limit: number; offset: number }): Promise<Page<FigureGroup>> {
  const page = await repository.pageFindings({
    kind: 'figure-group',
    ...(filter.verdict ? { verdict: filter.verdict } : {}),
    ...(filter.key ? { key: filter.key } : {}),
    order: filter.sort === 'latest' ? 'rank-desc' : 'key',
    limit: filter.limit,
    offset: filter.offset,
  });
  return mapPage(page, (f) => JSON.parse(f.data) as FigureGroup);
}

/** Every figure group reported by more than one article, by key. */
export function allFigureGroups(repository: Repository): Promise<FigureGroup[]> {
  return allFindings<FigureGroup>(repository, 'figure-group');
}

/** Dates that disagree about a person's once-only happening, latest report first. */
export async function dateConflictPage(repository: Repository, paging: { limit: number; offset: number }): Promise<Page<StoredDateConflict>> {
  return mapPage(await repository.pageFindings({ kind: 'date-conflict', order: 'rank-desc', ...paging }), (f) => JSON.parse(f.data) as StoredDateConflict);
}

/** Every date conflict, by key (`entityId:happening`). */
export function allDateConflicts(repository: Repository): Promise<StoredDateConflict[]> {
  return allFindings<StoredDateConflict>(repository, 'date-conflict');
}

/** Every event (dated sentences of one day sharing a person or organization), by date, most articles first. */
export function allEvents(repository: Repository): Promise<EventGroup[]> {
  return allFindings<EventGroup>(repository, 'event', 'rank');
}

/** How entities are shown (name, URL key, type), for the ids given. */
export async function entityLabels(repository: Repository, ids: Iterable<string>): Promise<Map<string, { key: string; name: string; type: EntityType }>> {
  const names = await repository.entityNames([...new Set(ids)]);
  return new Map([...names].map(([id, e]) => [id, { key: keyOfStored(e.key), name: e.name, type: e.type as EntityType }]));
}

/**
 * Dated sentences by date then report date. `from`/`to` are ISO prefixes (a prefix covers its whole period); `entity`
 * keeps the sentences naming an entity one of whose names holds those words ("Etxeberri" finds Ramiro Etxeberri).
 */
export async function timelinePage(repository: Repository, filter: { from?: string; to?: string; entity?: string; limit: number; offset: number }): Promise<Page<TimelineEvent>> {
  // A rank starts with the date and a separator below any date character: a range of ranks is a range of dates.
  const range = { ...(filter.from ? { rankFrom: filter.from } : {}), ...(filter.to ? { rankBefore: `${filter.to}\uffff` } : {}), limit: filter.limit, offset: filter.offset };
  let page;
  if (filter.entity) {
    const entities = await repository.entitiesWithWords(filter.entity);
    const names = entities.length > 0 ? await repository.namesOfEntities(entities) : [];
    page = await repository.pageFacts({ kind: 'event-name', parts: names, order: 'rank', ...range });
  } else page = await repository.pageFacts({ kind: 'event', order: 'rank', ...range });
  const facts = page.items.map((f) => JSON.parse(f.data) as EventFact);
  const names = [...new Set(facts.flatMap((e) => e.names))];
  const entityOf = await repository.entitiesOfNames(names);
  const labels = await entityLabels(repository, entityOf.values());
  return {
    ...page,
    items: facts.map((e) => {
      const entities = new Map<string, { key: string; name: string; type: EntityType }>();
      for (const name of e.names) {
        const label = labels.get(entityOf.get(name) ?? '');
        if (label && !entities.has(label.key)) entities.set(label.key, label);
      }
      return {
        article: { id: e.articleId, title: e.title, outlet: e.outlet, published: e.published },
        date: e.date,
        inherited: e.inherited,
        start: e.start,
        end: e.end,
        text: e.text,
        entities: [...entities.values()],
      };
    }),
  };
}
