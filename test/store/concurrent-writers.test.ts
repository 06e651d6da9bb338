import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { repoRoot } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-writers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const words = 'council budget mayor vote river bridge protest police minister court hospital school road strike market election'.split(' ');

/** `count` distinct short articles in a new folder; `tag` keeps the two folders' texts apart. */
function folder(tag: string, count: number): string {
  const path = join(dir, tag);
  mkdirSync(path);
  for (let i = 0; i < count; i++) {
    const sentences = Array.from(
      { length: 8 },
      (_, s) => `Ines Arrate said on Tuesday that the ${words[(i + s) % words.length]} of Valmora ${words[(i * 7 + s * 3) % words.length]} report ${tag}-${i}-${s}.`,
    );
    writeFileSync(join(path, `${i}.txt`), `Report ${tag} ${i}\n\n${sentences.join(' ')}`);
  }
  return path;
}

function ingestInChild(store: string, input: string): Promise<{ ingested: number; duplicates: number; failed: { code: string; message: string }[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'helpers', 'ingest-child.ts'), store, input], { cwd: repoRoot });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

test('sqlite: two processes ingesting into one store at once lose nothing and store nothing twice', { timeout: 300_000 }, async () => {
  const store = join(dir, 'shared.db');
  const setup = new SqliteRepository(store);
  await setup.migrate();
  await setup.close();
  const count = 150;
  const [a, b] = await Promise.all([ingestInChild(store, folder('a', count)), ingestInChild(store, folder('b', count))]);
  assert.deepEqual([...a.failed, ...b.failed], []);
  assert.equal(a.ingested + b.ingested, 2 * count);
  const repository = new SqliteRepository(store);
  const stats = await repository.stats();
  await repository.close();
  assert.equal(stats.articles, 2 * count);
  assert.equal(stats.sources, 2 * count);
});

test('sqlite: the same folder ingested by two processes at once is stored once, the rest reported as duplicates', { timeout: 300_000 }, async () => {
  const store = join(dir, 'same.db');
  const input = folder('same', 60);
  const [a, b] = await Promise.all([ingestInChild(store, input), ingestInChild(store, input)]);
  assert.deepEqual([...a.failed, ...b.failed], []);
  assert.equal(a.ingested + b.ingested, 60);
  assert.equal(a.duplicates + b.duplicates, 60);
});

test('sqlite: eight connections migrating one new store at once all succeed, each migration run once', async () => {
  const store = join(dir, 'fresh.db');
  const repositories = Array.from({ length: 8 }, () => new SqliteRepository(store));
  // Their migrators interleave at every await: without the write lock around reading the state, several saw the same
  // migration pending and all but one failed on a table or column that already existed.
  await Promise.all(repositories.map((repository) => repository.migrate()));
  const check = new Database(store, { readonly: true });
  const runs = check.prepare('select name, count(*) as n from kysely_migration group by name').all() as { name: string; n: number }[];
  check.close();
  await Promise.all(repositories.map((repository) => repository.close()));
  assert.ok(runs.length >= 8, `${runs.length} migrations recorded`);
  assert.deepEqual(
    runs.filter((run) => run.n !== 1),
    [],
  );
});
