#!/usr/bin/env node
// Runs the bundled CLI. In a development checkout (a .git beside bin/) only when the bundle is at least as new as
// every source file, else the TypeScript sources through tsx: a fresh checkout works before any build, and an edit is
// never shadowed by a stale bundle. An installed package always runs its bundle: no walk over the sources at start,
// and no tsx, whose loading cost seconds of every command on a busy machine.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const checkout = existsSync(join(root, '.git'));
const fresh = existsSync(bundle) && (!checkout || !existsSync(join(root, 'src')) || statSync(bundle).mtimeMs >= newestSource(join(root, 'src')));
if (fresh && process.env.QUIPU_FROM_SOURCE !== '1') {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
