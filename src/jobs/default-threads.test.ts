import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { QuipuError } from '../core/errors.ts';
import { defaultThreads } from './item-runner.ts';

test('threads: one annotation thread per core but one (the storing thread has that core), never none; QUIPU_THREADS decides when set', () => {
  const set = process.env.QUIPU_THREADS;
  try {
    delete process.env.QUIPU_THREADS;
    assert.equal(defaultThreads(), Math.max(1, availableParallelism() - 1));
    process.env.QUIPU_THREADS = '';
    assert.equal(defaultThreads(), Math.max(1, availableParallelism() - 1));
    process.env.QUIPU_THREADS = '3';
    assert.equal(defaultThreads(), 3);
    for (const wrong of ['0', '1.5', 'two']) {
      process.env.QUIPU_THREADS = wrong;
      assert.throws(
        () => defaultThreads(),
        (error: unknown) => error instanceof QuipuError && error.code === 'E_CONFIG',
        wrong,
      );
    }
  } finally {
    if (set === undefined) delete process.env.QUIPU_THREADS;
    else process.env.QUIPU_THREADS = set;
  }
});
