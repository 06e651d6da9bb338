/**
 * A look at an existing SQLite file without changing it (no migration, no WAL switch): whether it is a Quipu
 * store, what created it, and what it holds. `quipu demo` asks before it replaces a file.
 */
import Database from 'better-sqlite3';

/** What an existing file is, as far as a store-replacing command needs to know. */
export interface StoreInspection {
  /** False when the file is not a SQLite database or holds no Quipu tables. */
  quipuStore: boolean;
  /** The `created_by` setting (`demo` for a demo store), or null when the store has none. */
  createdBy: string | null;
  articles: number;
  /** Sources whose locator does not start with `ownFolder` (all of them when no folder is given). */
  foreignSources: number;
}

/** Reads `file` read-only; never throws for a file that is not a store, and never writes. */
export function inspectSqliteStore(file: string, ownFolder?: string): StoreInspection {
  const unknown: StoreInspection = { quipuStore: false, createdBy: null, articles: 0, foreignSources: 0 };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return unknown;
  }
  try {
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('articles') || !tables.has('sources')) return unknown;
    const createdBy = tables.has('settings') ? ((db.prepare("select value from settings where key = 'created_by'").get() as { value: string } | undefined)?.value ?? null) : null;
    const articles = (db.prepare('select count(*) as n from articles').get() as { n: number }).n;
    const foreignSources = ownFolder
      ? (db.prepare('select count(*) as n from sources where substr(locator, 1, ?) != ?').get(ownFolder.length, ownFolder) as { n: number }).n
      : (db.prepare('select count(*) as n from sources').get() as { n: number }).n;
    return { quipuStore: true, createdBy, articles, foreignSources };
  } catch {
    // Not a database at all ("file is not a database"), or a damaged one: either way, not the demo's to replace.
    return unknown;
  } finally {
    db.close();
  }
}
