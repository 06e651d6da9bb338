/** Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { QuipuError } from '../core/errors.ts';
import { PostgresRepository } from './postgres/postgres-repository.ts';
import type { Repository } from './repository.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/**
 * The repository for `target`, not yet migrated. A SQLite file may be new, but its folder must exist: a mistyped
 * `--db archive/quipu.db` would otherwise create folders and an empty store, and every command would find nothing.
 * `asyncCommit` is for a queue worker on PostgreSQL (postgres-repository.ts); SQLite ignores it.
 */
export function openRepository(target: string, options: { asyncCommit?: boolean } = {}): Repository {
  if (isPostgresUrl(target)) return new PostgresRepository(target, options);
  if (target !== ':memory:') {
    const folder = dirname(resolve(target));
    if (!existsSync(folder)) throw new QuipuError('E_CONFIG', `The folder ${folder} does not exist, so there is no store at ${target}. Check the --db path, or create the folder first.`, target);
    if (!statSync(folder).isDirectory()) throw new QuipuError('E_CONFIG', `${folder} is not a folder, so the store ${target} cannot be in it. Check the --db path.`, target);
  }
  return new SqliteRepository(target);
}
