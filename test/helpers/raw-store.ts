/**
 * A fresh store on each engine that a test may also reach in raw SQL: `rewritten` runs statements on it (as a release
 * before a migration left it) and gives the store to go on with; `rows` reads with a raw query, `run` writes beside the
 * open store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresRepository } from '../../src/store/postgres/postgres-repository.ts';
import type { Repository } from '../../src/store/repository.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { createTestDatabase, needsPostgres } from './postgres.ts';

export interface RawStore {
  repository: Repository;
  rewritten: (statements: readonly string[]) => Promise<Repository>;
  rows: (query: string) => Promise<Record<string, unknown>[]>;
  /** Runs statements beside the open store (another connection), which stays open. */
  run: (statements: readonly string[]) => Promise<void>;
  drop: () => Promise<void>;
}

export const rawStoreEngines: { name: string; skip: string | false; open: () => Promise<RawStore> }[] = [
  {
    name: 'SQLite',
    skip: false,
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'quipu-raw-'));
      const file = join(dir, 'store.db');
      let repository: Repository = new SqliteRepository(file);
      const raw = <T>(use: (db: Database.Database) => T): T => {
        const db = new Database(file);
        try {
          return use(db);
        } finally {
          db.close();
        }
      };
      return {
        repository,
        async rewritten(statements) {
          await repository.close();
          raw((db) => {
            for (const statement of statements) db.exec(statement);
          });
          repository = new SqliteRepository(file);
          return repository;
        },
        rows: async (query) => raw((db) => db.prepare(query).all() as Record<string, unknown>[]),
        run: async (statements) =>
          raw((db) => {
            for (const statement of statements) db.exec(statement);
          }),
        async drop() {
          await repository.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    skip: needsPostgres,
    open: async () => {
      const db = await createTestDatabase();
      const repository = new PostgresRepository(db.url, { poolSize: 2 });
      const raw = async <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          return await use(client);
        } finally {
          await client.end();
        }
      };
      return {
        repository,
        async rewritten(statements) {
          await raw(async (client) => {
            for (const statement of statements) await client.query(statement);
          });
          return repository;
        },
        rows: (query) => raw(async (client) => (await client.query(query)).rows as Record<string, unknown>[]),
        run: (statements) =>
          raw(async (client) => {
            for (const statement of statements) await client.query(statement);
          }),
        drop: async () => {
          await repository.close();
          await db.drop();
        },
      };
    },
  },
];
