/**
 * The same event across articles: dated sentences on the same day that share a person or an organization
 * ("7 December 2022" and Pedro Castillo in five outlets) are one event with several reports. Pure: the caller
 * gives each dated sentence with the canonical entities of its mentions.
 */
import { compareCodePoints } from '../core/names.ts';

/** One dated sentence of one article, with the entity ids and types of the mentions in it. */
export interface EventReport {
  articleId: string;
  published: string | null;
  date: string;
  start: number;
  end: number;
  text: string;
  entities: { id: string; type: string }[];
}

export interface EventGroup {
  /** Stable: the day and the smallest entity id that ties the reports. */
  id: string;
  date: string;
  /** The earliest report's sentence. */
  text: string;
  entityIds: string[];
  reports: { articleId: string; start: number; end: number }[];
  articles: number;
}

/** Entity types that identify an event; a country or a city alone is shared by too much of a story. */
const identifying = new Set(['PER', 'ORG']);

/** Whether an entity of this type ties reports into one event (a person or an organization). */
export function identifiesEvents(type: string | undefined): boolean {
  return type !== undefined && identifying.has(type);
}

/** A byline or dateline line ("By Wyatt Reed – Samizdat – 11.01.2023", "teleSUR | December 19, 2022") dates the report, not an event. */
function isByline(text: string): boolean {
  const line = text.trim();
  if (/^(?:by|por)\s/i.test(line) && line.length < 120) return true;
  return line.length < 60 && /\s[|–—-]\s/.test(line) && !/[.!?]["”»]?$/.test(line);
}

/** Whether a report takes part in grouping: a day-precise date (a month is not an event), not a byline. */
export function groupable(r: Pick<EventReport, 'date' | 'text'>): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(r.date) && !isByline(r.text);
}

/** Groups reports of the same day that share an identifying entity; a day-precise date only (a month is not an event). */
export function groupEvents(reports: readonly EventReport[]): EventGroup[] {
  const byDay = new Map<string, EventReport[]>();
  for (const r of reports) {
    if (!groupable(r)) continue;
    const list = byDay.get(r.date) ?? [];
    list.push(r);
    byDay.set(r.date, list);
  }
  const groups: EventGroup[] = [];
  for (const [date, list] of byDay) {
    const parent = list.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const firstWith = new Map<string, number>();
    list.forEach((r, i) => {
      for (const e of r.entities) {
        if (!identifying.has(e.type)) continue;
        const seen = firstWith.get(e.id);
        if (seen === undefined) firstWith.set(e.id, i);
        else parent[find(i)] = find(seen);
      }
    });
    const members = new Map<number, EventReport[]>();
    list.forEach((r, i) => {
      const root = find(i);
      const group = members.get(root);
      if (group) group.push(r);
      else members.set(root, [r]);
    });
    for (const group of members.values()) {
      const ordered = [...group].sort((a, b) => compareCodePoints(a.published ?? '9999', b.published ?? '9999') || compareCodePoints(a.articleId, b.articleId) || a.start - b.start);
      const entityIds = [...new Set(ordered.flatMap((r) => r.entities.filter((e) => identifying.has(e.type)).map((e) => e.id)))].sort();
      const anchor = entityIds[0] ?? `${ordered[0]!.articleId}:${ordered[0]!.start}`;
      groups.push({
        id: `${date}:${anchor}`,
        date,
        text: ordered[0]!.text,
        entityIds,
        reports: ordered.map((r) => ({ articleId: r.articleId, start: r.start, end: r.end })),
        articles: new Set(ordered.map((r) => r.articleId)).size,
      });
    }
  }
  return groups.sort((a, b) => compareCodePoints(a.date, b.date) || b.articles - a.articles || compareCodePoints(a.id, b.id));
}
