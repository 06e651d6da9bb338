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

test('heap: threads making their first collection at once never fail for want of gc()', async () => {
  // Each round imports a fresh copy of heap.ts, so every call makes its gc() anew: setting the process-wide
  // --expose-gc flag, making a context, clearing the flag, while the other threads do the same. A thread whose context
  // was made just after another cleared the flag finds no gc() in it ("gc is not defined" stopped an annotation thread).
  const rounds = 60;
  const url = new URL('./heap.ts', import.meta.url).href;
  const collector = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      // worker threads do not inherit tsx's module hooks (see item-worker-boot.mjs)
      (await import(workerData.tsx)).register();
      const outcome = { failures: [], made: 0 };
      for (let round = 0; round < workerData.rounds; round++) {
        const { collectWhenGrown } = await import(workerData.url + '?thread=' + workerData.thread + '&round=' + round);
        try {
          if (collectWhenGrown(0)) outcome.made++;
        } catch (error) {
          outcome.failures.push(String(error));
        }
      }
      parentPort.postMessage(outcome);
    })();`;
  const { Worker } = await import('node:worker_threads');
  const threads = [1, 2, 3].map(
    (thread) =>
      new Promise<{ failures: string[]; made: number }>((resolve, reject) => {
        const worker = new Worker(collector, { eval: true, workerData: { url, thread, rounds, tsx: import.meta.resolve('tsx/esm/api') } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  const main = { failures: [] as string[], made: 0 };
  for (let round = 0; round < rounds; round++) {
    const { collectWhenGrown: fresh } = (await import(`${url}?thread=main&round=${round}`)) as typeof import('./heap.ts');
    try {
      if (fresh(0)) main.made++;
    } catch (error) {
      main.failures.push(String(error));
    }
  }
  const outcomes = [main, ...(await Promise.all(threads))];
  assert.deepEqual(
    outcomes.flatMap((outcome) => outcome.failures),
    [],
  );
  // Most calls find the flag theirs: the collections are made, not all skipped.
  assert.ok(
    outcomes.every((outcome) => outcome.made > 0),
    JSON.stringify(outcomes.map((outcome) => outcome.made)),
  );
});
