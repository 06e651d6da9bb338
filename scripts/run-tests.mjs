#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/ and runs them with node's built-in test runner through tsx.
// Node 20's --test does not expand globs or find .ts files itself, so the list is built here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'test'];
const files = [];
const walk = (path) => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) files.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules') continue;
    walk(join(path, name));
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const reporter = process.env.QUIPU_TEST_REPORTER ?? 'spec';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files.map((f) => relative(process.cwd(), f))], { stdio: 'inherit' });
process.exit(result.status ?? 1);
