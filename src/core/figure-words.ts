/**
 * Figure groups in words, the same in the terminal, the export and the browser (which may import core only):
 * "killed in Chaupimayo on 2025-11-10", "sentence of Ramiro Etxeberri", and ISO durations as "3 years 6 months".
 */

/** What a group's title is made of (a FigureGroup, or its JSON in the browser). */
export interface GroupHeading {
  measure: string;
  subject: string | null;
  place: string | null;
  date: string | null;
  since: string | null;
  cumulative: boolean;
}

export function describeGroup(group: GroupHeading): string {
  const measure = group.measure.replace(/_/g, ' ');
  const who = group.subject && (group.measure === 'sentence' ? `of ${group.subject}` : `(${group.subject})`);
  const when = group.date ? `on ${group.date}` : group.since ? `since ${group.since}` : group.cumulative ? 'running total' : null;
  return [measure, who, group.place && `in ${group.place}`, when].filter(Boolean).join(' ');
}

const isoDuration = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$/;

/** P3Y6M → "3 years 6 months"; anything that is not an ISO 8601 date duration comes back as it is. */
export function durationText(duration: string): string {
  const m = isoDuration.exec(duration);
  if (!m || duration === 'P') return duration;
  return (['year', 'month', 'week', 'day'] as const).flatMap((unit, i) => (m[i + 1] ? [`${m[i + 1]} ${unit}${m[i + 1] === '1' ? '' : 's'}`] : [])).join(' ');
}

/** An ISO 8601 date duration in months (a week is 12/52 of a month, a day 1/30), NaN for anything else. */
export function durationMonths(duration: string): number {
  const m = isoDuration.exec(duration);
  if (!m || duration === 'P') return NaN;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) + (Number(m[3] ?? 0) * 12) / 52 + Number(m[4] ?? 0) / 30;
}
