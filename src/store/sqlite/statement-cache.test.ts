import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatementCache } from './statement-cache.ts';

const insert = (rows: number) => `insert into t (a, b) values ${Array(rows).fill('(?, ?)').join(', ')}`;

test('statement cache: a statement is prepared once, then reused', () => {
  const prepared: string[] = [];
  const cache = new StatementCache((sql) => {
    prepared.push(sql);
    return { sql };
  });
  const first = cache.get('select 1 where a = ?');
  assert.equal(cache.get('select 1 where a = ?'), first);
  assert.deepEqual(prepared, ['select 1 where a = ?']);
});

test('statement cache: statements with many parameters have a short list of their own, least recently used out', () => {
  const prepared: string[] = [];
  const cache = new StatementCache(
    (sql) => {
      prepared.push(sql);
      return sql;
    },
    { small: 100, large: 3, largeParameters: 64 },
  );
  cache.get(insert(300));
  for (let rows = 33; rows < 60; rows++) {
    cache.get(insert(rows));
    cache.get(insert(300)); // the full-size chunk, used between every tail
  }
  cache.get('select * from t where a = ?');
  assert.deepEqual(cache.sizes, { small: 1, large: 3 });
  const before = prepared.length;
  cache.get(insert(300));
  cache.get(insert(59));
  assert.equal(prepared.length, before, 'the full-size chunk and the last tail are still held');
  cache.get(insert(33));
  assert.equal(prepared.length, before + 1, 'an old tail length was let go');
  // 32 rows of 2 columns is 64 parameters: still a small statement
  cache.get(insert(32));
  assert.deepEqual(cache.sizes, { small: 2, large: 3 });
});
