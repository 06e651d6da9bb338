/** A long ingest's rebuilds of stale figure groups are spaced by their own cost (ingest-job.ts `RebuildSpacing`). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RebuildSpacing } from './ingest-job.ts';

/** Items stored one per `msPerItem` of a fake clock, a rebuild after item n taking `rebuildMs(n)`; the items each rebuild came after. */
async function cadence(spacing: (now: () => number) => RebuildSpacing, items: number, msPerItem: number, rebuildMs: (n: number) => number): Promise<number[]> {
  let clock = 0;
  const s = spacing(() => clock);
  const at: number[] = [];
  for (let item = 1; item <= items; item++) {
    clock += msPerItem;
    if (s.itemStored()) {
      at.push(item);
      await s.rebuild(async () => {
        clock += rebuildMs(item);
      });
    }
  }
  return at;
}

test('rebuilds that cost little come every `items` items; costly ones wait until they are at most `share` of the time', async () => {
  assert.deepEqual(
    await cadence(
      (now) => new RebuildSpacing(200, 0.2, now),
      1000,
      10,
      () => 100,
    ),
    [200, 400, 600, 800, 1000],
  );
  // A rebuild of 10 s at 10 ms an item: the next waits 40 s, 4,000 items.
  const slow = await cadence(
    (now) => new RebuildSpacing(200, 0.2, now),
    12_000,
    10,
    () => 10_000,
  );
  assert.deepEqual(slow, [200, 4200, 8200]);
  // Rebuilds that grow with the pile (1 ms per item stored so far) stay near a fifth of the time however long the ingest
  // (a little over: each waits on the cost of the last, and the next costs more).
  const growing = await cadence(
    (now) => new RebuildSpacing(200, 0.2, now),
    100_000,
    10,
    (item) => item,
  );
  const spent = growing.reduce((sum, item) => sum + item, 0);
  assert.ok(growing.length > 5);
  assert.ok(spent / (100_000 * 10 + spent) <= 0.25, `rebuilds took ${spent} ms of ${100_000 * 10 + spent}`);
});

test('a cadence asked for (share 1) is kept exactly whatever rebuilding costs', async () => {
  assert.deepEqual(
    await cadence(
      (now) => new RebuildSpacing(3, 1, now),
      10,
      1,
      () => 1000,
    ),
    [3, 6, 9],
  );
  assert.deepEqual(
    await cadence(
      (now) => new RebuildSpacing(Number.POSITIVE_INFINITY, 1, now),
      10,
      1,
      () => 1,
    ),
    [],
  );
});
