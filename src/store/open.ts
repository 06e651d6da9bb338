/** Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path. */
import { PostgresRepository } from './postgres/postgres-repository.ts';
import type { Repository } from './repository.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/** The repository for `target`, not yet migrated. */
export function openRepository(target: string): Repository {
  return isPostgresUrl(target) ? new PostgresRepository(target) : new SqliteRepository(target);
}
