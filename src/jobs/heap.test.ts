import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { collectWhenGrown } from './heap.ts';

const used = () => getHeapStatistics().used_heap_size;

test('heap: garbage past the margin is collected, and not again until the heap grows by the margin once more', () => {
  collectWhenGrown(0);
  const live = used();
  // 40 MB of garbage or more: strings made and dropped at once
  let garbage: string[] | null = Array.from({ length: 400_000 }, (_, i) => `${i}`.padEnd(50, 'x'));
  garbage = null;
  assert.equal(garbage, null);
  const grown = used();
  assert.ok(grown - live > 16 * 1024 * 1024, `the heap grew by ${grown - live} bytes only`);
  assert.equal(collectWhenGrown(1024), false, 'under the margin: nothing collected');
  assert.equal(collectWhenGrown(16), true);
  assert.ok(used() < live + 8 * 1024 * 1024, `after the collection ${used()} bytes are used, before the garbage ${live}`);
  assert.equal(collectWhenGrown(16), false, 'nothing has grown since');
});

test('heap: no gc() is left on the global object, nor in contexts made later', async () => {
  collectWhenGrown(0);
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  const { runInNewContext } = await import('node:vm');
  assert.equal(runInNewContext('typeof gc'), 'undefined');
});
