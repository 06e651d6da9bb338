/**
 * What the conflicts page shows of a figure group: a group in a big pile has thousands of reports, most of them the
 * same point (one outlet, one report date, one value, carried by many articles or copies). The page gets each distinct
 * point once, with how many reports share it, and when even the distinct points are too many for a chart, a sample
 * spread evenly over the report dates, so a running total still shows its whole course rather than its first days.
 */
import type { FigureGroup, FigureRecord } from '../link/figure-groups.ts';

/** One report standing for itself and `repeats - 1` others with the same outlet, report date and value. */
export type ChartReport = Omit<FigureRecord, 'measure'> & { repeats: number };

/** Distinct points of a group's reports (sorted by report date, as groups keep them), at most `max`, evenly sampled. */
export function chartReports(reports: readonly FigureRecord[], max: number): ChartReport[] {
  const byPoint = new Map<string, ChartReport>();
  for (const { measure: _measure, ...report } of reports) {
    const point = [report.outlet, report.reported, report.value, report.high, report.approx, report.duration, report.unit].join('\u0000');
    const seen = byPoint.get(point);
    if (seen) seen.repeats++;
    else byPoint.set(point, { ...report, repeats: 1 });
  }
  const points = [...byPoint.values()];
  if (points.length <= max) return points;
  if (max <= 1) return points.slice(0, max);
  // Evenly spaced indices, the first and the last always among them.
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]!);
}

/** The latest report date of a group (reports are sorted by it, undated first). */
export function lastReported(group: FigureGroup): string | null {
  return group.reports.at(-1)?.reported ?? null;
}

/** Groups by their latest report, newest first; ties by key. */
export function latestFirst(groups: readonly FigureGroup[]): FigureGroup[] {
  return [...groups].sort((a, b) => (lastReported(b) ?? '').localeCompare(lastReported(a) ?? '') || a.key.localeCompare(b.key));
}
