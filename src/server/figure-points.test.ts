import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FigureGroup, FigureRecord } from '../link/figure-groups.ts';
import { chartReports, lastReported } from './figure-points.ts';

const report = (articleId: string, outlet: string, reported: string, value: number): FigureRecord => ({ articleId, outlet, reported, measure: 'killed', value, unit: 'count', start: 0, end: 2 });

test('chartReports: one point per outlet, report date and value, counting the reports it stands for', () => {
  const points = chartReports(
    [report('a', 'X', '2025-11-10', 12), report('b', 'X', '2025-11-10', 12), report('c', 'Y', '2025-11-10', 12), report('d', 'X', '2025-11-10', 14), report('e', 'X', '2025-11-11', 12)],
    50,
  );
  assert.deepEqual(
    points.map((p) => [p.articleId, p.outlet, p.reported, p.value, p.repeats]),
    [
      ['a', 'X', '2025-11-10', 12, 2],
      ['c', 'Y', '2025-11-10', 12, 1],
      ['d', 'X', '2025-11-10', 14, 1],
      ['e', 'X', '2025-11-11', 12, 1],
    ],
  );
  assert.ok(
    points.every((p) => !('measure' in p)),
    "the measure is the group's",
  );
});

test('chartReports: too many points are sampled evenly, the first and last kept, in order', () => {
  const reports = Array.from({ length: 1000 }, (_, i) => report(`a${i}`, 'X', `2025-${String(1 + Math.floor(i / 100)).padStart(2, '0')}-01`, i));
  const points = chartReports(reports, 50);
  assert.equal(points.length, 50);
  assert.equal(points[0]!.articleId, 'a0');
  assert.equal(points.at(-1)!.articleId, 'a999');
  const values = points.map((p) => p.value);
  assert.deepEqual(
    values,
    [...values].sort((a, b) => a - b),
  );
  assert.equal(new Set(values).size, 50, 'no point twice');
  // Spread over the whole course: every month of the ten is represented.
  assert.equal(new Set(points.map((p) => p.reported)).size, 10);
  assert.equal(chartReports(reports, 1).length, 1);
  assert.deepEqual(chartReports([], 50), []);
});

test('lastReported: the latest report date of a group, null when undated', () => {
  const group = (key: string, ...reported: (string | null)[]) => ({ key, reports: reported.map((r, i) => ({ ...report(`${key}${i}`, 'X', r ?? '', 1), reported: r })) }) as unknown as FigureGroup;
  const groups = [group('b', '2025-01-01', '2025-03-01'), group('a', '2025-03-01'), group('c', null), group('d', '2024-12-31', '2025-06-01')];
  assert.equal(lastReported(groups[0]!), '2025-03-01');
  assert.equal(lastReported(groups[2]!), null);
});
