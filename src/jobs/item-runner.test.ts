import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { QuipuError } from '../core/errors.ts';
import type { RawItem } from '../ingest/extract.ts';
import { workerRunner } from './item-runner.ts';

const sentence = 'The council of Valmora met on Tuesday, 7 October 2025, and the mayor, Ines Arrate, promised a second vote. ';
const html = (locator: string, body: string): RawItem => ({ locator, bytes: Buffer.from(`<html><body>${body}</body></html>`), contentType: 'text/html', charset: null });
// A 16 MB <textarea>: under every limit of the HTML scan (which counts elements and text outside raw-text elements), so
// only the time budget can stop it: jsdom appends its text run by run, about 5 s of CPU a megabyte. Not a comment any
// more (left out of the parse now, html-scan.ts `inert`), nor 60,000 elements (read without jsdom's DOM, about a second).
const slow = html('/tmp/slow.html', `<p>${sentence}</p><textarea>${'x '.repeat(8 * 1024 * 1024)}</textarea>`);
const good = html('/tmp/good.html', `<article><p>${sentence.repeat(3)}</p></article>`);

// Far above what the small items need even on a busy machine, far below what the slow one needs.
const runner = workerRunner({ timeoutMs: 3000, threads: 2 });
after(() => runner.close());

test('item runner: a worker reads and annotates an item like the ingest job does', { timeout: 240_000 }, async () => {
  const { kind, docs } = await runner.run(good);
  assert.equal(kind, 'html');
  assert.equal(docs.length, 1);
  assert.ok((docs[0]!.tokens?.length ?? 0) > 10);
  assert.ok(docs[0]!.timexes?.some((t) => t.value === '2025-10-07'));
});

test('item runner: an item over its budget fails with E_TIMEOUT naming it, the thread stays free, and the next item is read', { timeout: 240_000 }, async () => {
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 20);
  const started = performance.now();
  await assert.rejects(
    runner.run(slow),
    (error: unknown) => error instanceof QuipuError && error.code === 'E_TIMEOUT' && error.item === '/tmp/slow.html' && /slow\.html: reading and annotating took longer than 3 s/.test(error.message),
  );
  const elapsed = performance.now() - started;
  clearInterval(ticker);
  assert.ok(elapsed < 6000, `the overrun was noticed after ${elapsed} ms`);
  // The event loop kept turning while the worker spun: at least half the 20 ms ticks came.
  assert.ok(ticks >= elapsed / 40, `${ticks} ticks in ${elapsed} ms`);
  const { docs } = await runner.run(good);
  assert.equal(docs.length, 1);
});

test('item runner: a typed error in the worker arrives as the same QuipuError', { timeout: 240_000 }, async () => {
  const empty: RawItem = { locator: '/tmp/empty.txt', bytes: Buffer.from('   \n'), contentType: 'text/plain', charset: null };
  await assert.rejects(runner.run(empty), (error: unknown) => error instanceof QuipuError && error.code === 'E_EMPTY' && error.item === '/tmp/empty.txt');
});

test('item runner: on a pool of two threads an item is read while another spins on the other thread, and results come back as each finishes', { timeout: 240_000 }, async () => {
  await runner.warm();
  const order: string[] = [];
  const spinning = runner.run(slow).then(
    () => order.push('slow done'),
    (error: unknown) => order.push(error instanceof QuipuError ? error.code : 'other error'),
  );
  const { docs } = await runner.run(good);
  order.push('good done');
  await spinning;
  assert.equal(docs.length, 1);
  assert.deepEqual(order, ['good done', 'E_TIMEOUT']);
});

test('item runner: a closed pool refuses items with E_CONFIG', { timeout: 240_000 }, async () => {
  const closing = workerRunner({ timeoutMs: 3000, threads: 2 });
  await closing.close();
  await assert.rejects(closing.run(good), (error: unknown) => error instanceof QuipuError && error.code === 'E_CONFIG');
});
