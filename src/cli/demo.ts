/** `quipu demo`: the sample corpus into a fresh store, then what Quipu found in it. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printIngestSummary, runIngest } from './ingest.ts';
import { printJson, printTable, style, withRepository } from './output.ts';

/** The package's own folder, found by walking up: this file runs from src/ or bundled in dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'quipu') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the quipu package folder');
}

export const samplesFolder = join(packageRoot(), 'samples', 'articles');

export async function demoCommand(options: { db: string; json: boolean }): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.db + suffix)) rmSync(options.db + suffix);
  const summary = await runIngest([samplesFolder], { db: options.db, allowPrivate: false, json: options.json });
  const report = await withRepository(options.db, async (repository) => ({
    stats: await repository.stats(),
    search: await repository.search('ambassador OR embajador', { limit: 3 }),
  }));
  if (options.json) return printJson({ summary, ...report });
  process.stdout.write(`${style.bold('Quipu demo')}: the built-in sample corpus (${samplesFolder})\n\n`);
  printIngestSummary(summary);
  process.stdout.write(`\n${style.bold('Outlets')}\n`);
  printTable(['outlet', 'articles'], report.stats.outlets.map((o) => [o.outlet ?? '(unknown)', o.articles]));
  process.stdout.write(`\n${style.bold('Search')} "ambassador OR embajador": ${report.search.total} articles, best: ${report.search.items[0]?.article.meta.title ?? '—'}\n`);
  process.stdout.write(`\nThe store is ${options.db}. Try: quipu list --db ${options.db} · quipu search --db ${options.db} <words> · quipu show --db ${options.db} <id>\n`);
}
