import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerCache, type VersionSource } from './answer-cache.ts';

/** A store version the test moves by hand. */
class Version implements VersionSource {
  value = 'v1';
  async current(): Promise<string> {
    return this.value;
  }
}

/** A cache of strings weighed by their length, and how many times each key was computed. */
function counting(limits: { entries: number; bytes: number }) {
  const version = new Version();
  const cache = new AnswerCache<string>(version, { ...limits, weigh: (answer) => answer.length });
  const computed = new Map<string, number>();
  const get = (key: string, answer = key) =>
    cache.get(key, async () => {
      computed.set(key, (computed.get(key) ?? 0) + 1);
      return answer;
    });
  return { version, cache, computed, get };
}

test('answer cache: an answer is computed once while the version holds, again after it moves', async () => {
  const { version, computed, get } = counting({ entries: 10, bytes: 1000 });
  assert.deepEqual(await Promise.all([get('a'), get('a')]), ['a', 'a']);
  await get('a');
  assert.equal(computed.get('a'), 1);
  version.value = 'v2';
  await get('a');
  assert.equal(computed.get('a'), 2);
});

test('answer cache: bounded by bytes, the least recently used dropped first; one answer heavier than the bound is answered, not kept', async () => {
  const { cache, computed, get } = counting({ entries: 10, bytes: 10 });
  await get('a', 'xxxx');
  await get('b', 'yyyy');
  await get('a', 'xxxx');
  // 12 bytes with c: b, the least recently used, goes.
  await get('c', 'zzzz');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(cache.size, { entries: 2, bytes: 8 });
  await get('a', 'xxxx');
  await get('b', 'yyyy');
  assert.deepEqual([computed.get('a'), computed.get('b')], [1, 2]);
  assert.equal(await get('big', 'x'.repeat(11)), 'x'.repeat(11));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(cache.size.bytes <= 10, `${cache.size.bytes} bytes held`);
  await get('big', 'x'.repeat(11));
  assert.equal(computed.get('big'), 2);
});

test('answer cache: bounded by count; a failure is not kept', async () => {
  const { cache, get } = counting({ entries: 2, bytes: 1000 });
  for (const key of ['a', 'b', 'c']) await get(key);
  assert.equal(cache.size.entries, 2);
  let calls = 0;
  const failing = () =>
    cache.get('bad', async () => {
      calls++;
      throw new Error('no');
    });
  await assert.rejects(failing());
  await assert.rejects(failing());
  assert.equal(calls, 2);
});
