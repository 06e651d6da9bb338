/**
 * The server's annotation runner: made when an item comes, closed once idle, made again by the next item (with a
 * stand-in runner); and the child process that annotates an upload, gone once closed (the real one, models and all).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ItemRunner, ProcessedItem } from '../jobs/item-runner.ts';
import type { RawItem } from '../ingest/extract.ts';
import { processRunner } from './annotation-process.ts';
import { idleClosingRunner } from './idle-runner.ts';

const item = (locator: string): RawItem => ({
  locator,
  bytes: new TextEncoder().encode('The council of Varrow met on Tuesday, 7 October 2025. "We will vote again," said the mayor, Ilsa Trennick.'),
  contentType: 'text/plain',
  charset: 'utf-8',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('idle runner: made by the first item, closed when idle (not while an item runs), made again by the next', async () => {
  const made: { closed: boolean; ran: string[] }[] = [];
  const create = (): ItemRunner => {
    const state = { closed: false, ran: [] as string[] };
    made.push(state);
    return {
      async run(raw) {
        state.ran.push(raw.locator);
        await sleep(raw.locator === 'slow' ? 150 : 1);
        return { docs: [] } as unknown as ProcessedItem;
      },
      async warm() {},
      async close() {
        state.closed = true;
      },
    };
  };
  const runner = idleClosingRunner(create, 60, 2);
  assert.equal(runner.depth, 2);
  assert.equal(made.length, 0, 'nothing is made before an item comes');
  await Promise.all([runner.run(item('a')), runner.run(item('slow'))]);
  assert.equal(made.length, 1);
  await sleep(20);
  assert.equal(made[0]!.closed, false, 'not closed before it has been idle');
  await sleep(120);
  assert.equal(made[0]!.closed, true, 'closed once idle');
  const slow = runner.run(item('slow'));
  await sleep(100);
  assert.equal(made.length, 2, 'the next item makes a new one');
  assert.equal(made[1]!.closed, false, 'a runner is not closed while its item runs, however long');
  await slow;
  await runner.close();
  assert.equal(made[1]!.closed, true);
  await assert.rejects(runner.run(item('late')), /closed/);
  assert.equal(made.length, 2);
});

test('process runner: a child process annotates the item; closed, the child is gone', { timeout: 300_000 }, async () => {
  const runner = processRunner({ timeoutMs: 120_000 });
  const result = await runner.run(item('varrow.txt'));
  assert.equal(result.docs.length, 1);
  const doc = result.docs[0]!;
  assert.ok(doc.text.includes('Ilsa Trennick'));
  assert.ok(
    (doc.entities ?? []).some((e) => doc.text.slice(e.start, e.end) === 'Ilsa Trennick'),
    'annotated in the child',
  );
  await runner.close();
  await assert.rejects(runner.run(item('late')), /closed/);
});
