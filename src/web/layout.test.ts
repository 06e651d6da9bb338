import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forceLayout } from './layout.ts';

const box = { width: 900, height: 560, margin: 40 };

test('layout: every node lands inside the box, deterministically', () => {
  const edges = [
    { source: 0, target: 1, weight: 5 },
    { source: 1, target: 2, weight: 1 },
    { source: 3, target: 3, weight: 2 },
  ];
  const a = forceLayout(30, edges, box);
  const b = forceLayout(30, edges, box);
  assert.deepEqual(a, b);
  assert.equal(a.length, 30);
  for (const p of a) {
    assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    assert.ok(p.x >= box.margin && p.x <= box.width - box.margin && p.y >= box.margin && p.y <= box.height - box.margin, JSON.stringify(p));
  }
});

test('layout: linked nodes end closer together than unlinked ones; no two nodes share a spot', () => {
  const edges = [
    { source: 0, target: 1, weight: 10 },
    { source: 2, target: 3, weight: 10 },
  ];
  const p = forceLayout(12, edges, box);
  const d = (i: number, j: number) => Math.hypot(p[i]!.x - p[j]!.x, p[i]!.y - p[j]!.y);
  assert.ok(d(0, 1) < d(0, 2) && d(0, 1) < d(1, 3), `${d(0, 1)} vs ${d(0, 2)}`);
  for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) assert.ok(d(i, j) > 5, `${i} and ${j} overlap`);
});

test('layout: empty and single graphs, and 200 nodes in well under a second', () => {
  assert.deepEqual(forceLayout(0, [], box), []);
  assert.equal(forceLayout(1, [], box).length, 1);
  const edges = Array.from({ length: 600 }, (_, i) => ({ source: i % 200, target: (i * 7 + 3) % 200, weight: 1 + (i % 5) }));
  const started = performance.now();
  forceLayout(200, edges, box);
  assert.ok(performance.now() - started < 1000);
});
