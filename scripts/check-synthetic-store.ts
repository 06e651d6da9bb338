/**
 * Checks that the synthetic bench store's shortcut stores what ingest stores: the builder regroups figure groups once
 * at the end (`findingsRebuildItems` infinite, scripts/lib/synthetic-store.ts) where ingest regroups every 200 items.
 * Builds the same N articles both ways into a temporary folder and compares every table the two could differ in, row
 * by row (sorted, timestamps left out): facts, findings, claims, articles, layers, entities, copies. Exits 1 on any
 * difference and prints the first rows that differ.
 *
 * Options: --articles N (default 450: two batch rebuilds and the last one), --keep (leave the stores).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';
import { buildSyntheticStore } from './lib/synthetic-store.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const at = args.indexOf('--articles');
const count = at >= 0 ? Number(args[at + 1]) : 450;
const dir = mkdtempSync(join(tmpdir(), 'quipu-synthetic-check-'));

/** Every table whose rows a build stores, with the columns that say when rather than what left out. */
const tables: [table: string, columns: string][] = [
  ['analysis_facts', 'article_id, kind, seq, part, rank, data, version'],
  ['analysis_findings', 'kind, key, part, verdict, rank, data, version'],
  ['analysis_claims', '*'],
  ['analysis_claim_terms', '*'],
  ['articles', 'id, content_hash, locator, part_index, part_count, title, outlet, authors, published, language'],
  ['layers', '*'],
  ['entity_names', '*'],
  ['entity_forms', '*'],
  ['entity_mentions', '*'],
  ['entity_roles', '*'],
  ['copies', '*'],
  ['copy_keys', '*'],
];

async function build(name: string, findingsRebuildItems: number): Promise<string> {
  const db = join(dir, `${name}.db`);
  const repository = new SqliteRepository(db);
  await repository.migrate();
  const started = performance.now();
  try {
    await buildSyntheticStore(root, repository, count, { log: () => {}, findingsRebuildItems });
  } finally {
    await repository.close();
  }
  console.log(`${name}: ${count} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return db;
}

const rows = (db: Database.Database, table: string, columns: string) => (db.prepare(`select ${columns} from ${table}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();

try {
  const ingestLike = new Database(await build('every-200', 200), { readonly: true });
  const builder = new Database(await build('once-at-the-end', Number.POSITIVE_INFINITY), { readonly: true });
  let differ = 0;
  for (const [table, columns] of tables) {
    const a = rows(ingestLike, table, columns);
    const b = rows(builder, table, columns);
    const same = a.length === b.length && a.every((row, i) => row === b[i]);
    console.log(`${table.padEnd(22)} ${String(a.length).padStart(8)} rows ${same ? 'equal' : 'DIFFER'}`);
    if (same) continue;
    differ++;
    const bSet = new Set(b);
    const aSet = new Set(a);
    for (const row of a.filter((r) => !bSet.has(r)).slice(0, 2)) console.log(`  only every-200: ${row.slice(0, 300)}`);
    for (const row of b.filter((r) => !aSet.has(r)).slice(0, 2)) console.log(`  only once-at-the-end: ${row.slice(0, 300)}`);
  }
  ingestLike.close();
  builder.close();
  if (differ > 0) process.exitCode = 1;
} finally {
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`stores kept in ${dir}`);
}
