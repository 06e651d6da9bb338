/**
 * What the conflicts pages show of a figure group (and of a date conflict): a group in a big pile has thousands of reports, most of them the
 * same point (one outlet, one report date, one value, carried by many articles or copies). The page gets each distinct
 * point once, with how many reports share it, and when even the distinct points are too many for a chart, a sample
 * spread evenly over the report dates, so a running total still shows its whole course rather than its first days.
 */
import type { FigureGroup, FigureRecord } from '../link/figure-groups.ts';

/** One report standing for itself and `repeats - 1` others with the same outlet, report date and value. */
export type ChartReport = Omit<FigureRecord, 'measure'> & { repeats: number };

/**
 * The first item of each point (`pointOf`), in order, its `repeats` counting the items that share the point; at most
 * `max`, evenly sampled, the first and the last always among them. Items come with `repeats: 1` and are changed.
 */
export function distinctPoints<T extends { repeats: number }>(items: Iterable<T>, pointOf: (item: T) => string, max: number): T[] {
  const byPoint = new Map<string, T>();
  for (const item of items) {
    const point = pointOf(item);
    const seen = byPoint.get(point);
    if (seen) seen.repeats++;
    else byPoint.set(point, item);
  }
  const points = [...byPoint.values()];
  if (points.length <= max) return points;
  if (max <= 1) return points.slice(0, max);
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]!);
}

/** Distinct points of a group's reports (sorted by report date, as groups keep them), at most `max`, evenly sampled. */
export function chartReports(reports: readonly FigureRecord[], max: number): ChartReport[] {
  return distinctPoints(
    reports.map(({ measure: _measure, ...report }) => ({ ...report, repeats: 1 })),
    (r) => [r.outlet, r.reported, r.value, r.high, r.approx, r.duration, r.unit].join('\u0000'),
    max,
  );
}

/** The latest report date of a group (reports are sorted by it, undated first). */
export function lastReported(group: FigureGroup): string | null {
  return group.reports.at(-1)?.reported ?? null;
}
