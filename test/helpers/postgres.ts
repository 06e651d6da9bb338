/**
 * A throwaway PostgreSQL database per test file, on the server named by QUIPU_TEST_PG
 * (default: the local server with trust auth). Without a reachable server the suites skip visibly,
 * unless QUIPU_REQUIRE_POSTGRES=1 (CI), which makes that a failure.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openRepository } from '../../src/store/open.ts';
import { PostgresRepository } from '../../src/store/postgres/postgres-repository.ts';
import type { Repository } from '../../src/store/repository.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';

export const adminUrl = process.env.QUIPU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();
if (problem && process.env.QUIPU_REQUIRE_POSTGRES === '1') throw new Error(`QUIPU_REQUIRE_POSTGRES is set but PostgreSQL at ${adminUrl} is unreachable: ${problem}`);
if (problem) console.log(`# SKIP: PostgreSQL suites are skipped: ${adminUrl} is unreachable (${problem})`);

/** The skip reason for node:test, or false when PostgreSQL is there. */
export const needsPostgres: string | false = problem ? `needs PostgreSQL at ${adminUrl}` : false;

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `quipu_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Runs `use` on a repository over a new test database, then closes it and drops the database. */
export async function withPostgresRepository(use: (repository: Repository) => Promise<void>): Promise<void> {
  const { url, drop } = await createTestDatabase();
  try {
    const repository = openRepository(url);
    try {
      await use(repository);
    } finally {
      await repository.close();
    }
  } finally {
    await drop();
  }
}

/** Registers `use` as two tests, `title (SQLite)` on an in-memory store and `title (PostgreSQL)` on a new test database. */
export function testOnBothEngines(title: string, use: (repository: Repository) => Promise<void>): void {
  test(`${title} (SQLite)`, async () => {
    const repository = new SqliteRepository(':memory:');
    try {
      await use(repository);
    } finally {
      await repository.close();
    }
  });
  test(`${title} (PostgreSQL)`, { skip: needsPostgres }, () => withPostgresRepository(use));
}

/** The engines a linking suite runs on, each `open` a fresh empty store (a PostgreSQL one drops its database on close). */
export const repositoryEngines: { name: string; skip: string | false; open: () => Promise<Repository> }[] = [
  { name: 'sqlite', skip: false, open: async () => new SqliteRepository(':memory:') },
  {
    name: 'postgres',
    skip: needsPostgres,
    open: async () => {
      const database = await createTestDatabase();
      const repository = new PostgresRepository(database.url, { poolSize: 2 });
      const close = repository.close.bind(repository);
      repository.close = async () => {
        await close();
        await database.drop();
      };
      return repository;
    },
  },
];
