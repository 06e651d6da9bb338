/**
 * Where the package's own files are (models/, samples/, dist/): code runs from src/ through tsx or
 * bundled into dist/, so paths are found by walking up to the package.json named quipu, not by fixed `../`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let root: string | undefined;

/** The package's root folder. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'quipu') return (root = dir);
    dir = dirname(dir);
  }
  throw new Error(`cannot find the quipu package folder above ${fileURLToPath(import.meta.url)}`);
}

/** URL of the shipped models folder, with a trailing slash so `new URL(name, modelsUrl())` works. */
export function modelsUrl(): URL {
  return pathToFileURL(join(packageRoot(), 'models') + '/');
}
