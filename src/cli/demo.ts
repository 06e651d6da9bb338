/** `quipu demo`: the sample corpus into a fresh store, then what Quipu found in it. */
import { existsSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { QuipuError } from '../core/errors.ts';
import { isPostgresUrl } from '../store/open.ts';
import { inspectSqliteStore } from '../store/sqlite/inspect.ts';
import { printIngestSummary, runIngest } from './ingest.ts';
import { exportJson } from '../export/json.ts';
import { printJson, printTable, safe, style, truncate, withRepository } from './output.ts';
import { packageRoot } from '../core/package-paths.ts';
import { serveCommand } from './serve.ts';

export const samplesFolder = join(packageRoot(), 'samples', 'articles');

/** What `created_by` says in a store the demo made. */
const demoMarker = 'demo';

/**
 * Refuses to replace anything but a demo store: a PostgreSQL URL (a shared newsroom store), or an existing file the demo
 * did not create, unless `force`. Stores made by older versions carry no marker; one holding only the samples is the demo's.
 */
export function checkDemoTarget(db: string, force: boolean): void {
  if (isPostgresUrl(db)) {
    throw new QuipuError('E_CONFIG', 'quipu demo writes fictional articles into a fresh SQLite file and never into a PostgreSQL store; give --db a file name such as quipu-demo.db');
  }
  if (force || !existsSync(db)) return;
  const found = inspectSqliteStore(db, samplesFolder + sep);
  if (found.quipuStore && (found.createdBy === demoMarker || (found.createdBy === null && found.foreignSources === 0))) return;
  const what = found.quipuStore ? `a Quipu store with ${found.articles} article${found.articles === 1 ? '' : 's'} that quipu demo did not create` : 'not a Quipu demo store';
  throw new QuipuError('E_CONFIG', `${db} is ${what}, and the demo replaces its store. Choose another --db, or pass --force to replace it.`, db);
}

export async function demoCommand(options: { db: string; json: boolean; serve: boolean; port: number; force: boolean }): Promise<void> {
  checkDemoTarget(options.db, options.force);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.db + suffix)) rmSync(options.db + suffix);
  // Marked before the ingest, so that an interrupted demo still leaves a store the next demo may replace.
  await withRepository(options.db, (repository) => repository.setSetting('created_by', demoMarker));
  const summary = await runIngest([samplesFolder], { db: options.db, allowPrivate: false, json: options.json });
  const report = await withRepository(options.db, async (repository) => ({
    stats: await repository.stats(),
    search: await repository.search('ambassador OR embajador', { limit: 3 }),
    found: await exportJson(repository),
  }));
  const { found, ...rest } = report;
  if (options.json)
    return printJson({
      summary,
      ...rest,
      found: { entities: found.entities.length, events: found.events.length, claims: found.claims.length, figures: found.figures.length, conflicts: found.conflicts.length },
    });
  process.stdout.write(`${style.bold('Quipu demo')}: the built-in sample corpus (${samplesFolder})\n\n`);
  printIngestSummary(summary);
  process.stdout.write(`\n${style.bold('Outlets')}\n`);
  printTable(
    ['outlet', 'articles'],
    report.stats.outlets.map((o) => [o.outlet ?? '(unknown)', o.articles]),
  );
  process.stdout.write(`\n${style.bold('Search')} "ambassador OR embajador": ${report.search.total} articles, best: ${report.search.items[0]?.article.meta.title ?? '—'}\n`);
  const outletOf = new Map(found.articles.map((a) => [a.id, a.outlet ?? '(unknown)']));
  process.stdout.write(`\n${style.bold('People')} (${found.entities.filter((e) => e.type === 'PER').length} of ${found.entities.length} entities; most mentioned, with the names they go by)\n`);
  printTable(
    ['name', 'articles', 'also written'],
    found.entities
      .filter((e) => e.type === 'PER')
      .sort((a, b) => b.mentions.length - a.mentions.length)
      .slice(0, 8)
      .map((e) => [
        safe(e.name),
        e.articleIds.length,
        truncate(
          e.aliases
            .filter((a) => a !== e.name)
            .map(safe)
            .join(', '),
          60,
        ),
      ]),
    2,
  );
  process.stdout.write(`\n${style.bold('Figures compared across outlets')} (quipu conflicts)\n`);
  for (const c of found.conflicts) {
    process.stdout.write(`  ${c.status.padEnd(9)} ${safe(c.subject)}: ${c.values.map((v) => `${safe(v.value)} (${v.outlets.map(safe).join(', ') || '?'})`).join(' · ')}\n`);
  }
  const copies = found.articles.filter((a) => a.copyOf);
  process.stdout.write(`\n${style.bold('Copies')}: ${copies.map((a) => `${safe(outletOf.get(a.id)!)} copies ${safe(outletOf.get(a.copyOf!)!)}`).join(' · ') || 'none'}\n`);
  const repeated = found.claims.filter((c) => c.sameClaim.length > 1 && c.sameClaim[0] === c.id);
  process.stdout.write(
    `${style.bold('Claims')}: ${found.claims.length}, of which ${repeated.length} carried by more than one article` +
      ` (${repeated.filter((c) => c.independentOrigins === 1).length} of those from one origin only)\n`,
  );
  process.stdout.write(`\nThe store is ${options.db}. Try: quipu list --db ${options.db} · quipu search --db ${options.db} <words> · quipu show --db ${options.db} <id>\n`);
  if (options.serve) {
    process.stdout.write('\n');
    await serveCommand({ db: options.db, port: options.port, host: '127.0.0.1', allowPrivate: false });
  }
}
