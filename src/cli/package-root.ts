/** The package's own folder: the CLI runs from src/ or bundled in dist/, so it is found by walking up. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'quipu') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the quipu package folder');
}
