/** `quipu demo`: the sample corpus into a fresh store, then what Quipu found in it. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { printIngestSummary, runIngest } from './ingest.ts';
import { printJson, printTable, style, withRepository } from './output.ts';
import { packageRoot } from '../core/package-paths.ts';
import { serveCommand } from './serve.ts';

export const samplesFolder = join(packageRoot(), 'samples', 'articles');

export async function demoCommand(options: { db: string; json: boolean; serve: boolean; port: number }): Promise<void> {
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
  if (options.serve) {
    process.stdout.write('\n');
    await serveCommand({ db: options.db, port: options.port, host: '127.0.0.1', allowPrivate: false });
  }
}
