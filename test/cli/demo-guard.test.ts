import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkDemoTarget, samplesFolder } from '../../src/cli/demo.ts';
import type { Doc } from '../../src/core/doc.ts';
import { QuipuError } from '../../src/core/errors.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { repoRoot } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-demo-guard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const doc = (id: string, source: string): Doc => ({
  id,
  contentHash: `hash-${id}`,
  text: 'The council of Valmora met on Tuesday.',
  sourceMap: [{ textOffset: 0, rawOffset: 0 }],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language: 'en', source, via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});

async function storeWith(name: string, locator: string, createdBy?: string): Promise<string> {
  const file = join(dir, name);
  const repository = new SqliteRepository(file);
  await repository.migrate();
  await repository.saveArticles({ locator, kind: 'text', contentType: '', charset: 'utf-8', raw: 'x' }, [doc(name, locator)]);
  if (createdBy) await repository.setSetting('created_by', createdBy);
  await repository.close();
  return file;
}

const refused = (pattern: RegExp) => (error: unknown) => error instanceof QuipuError && error.code === 'E_CONFIG' && pattern.test(error.message);

test('demo guard: a PostgreSQL URL is refused, even with --force', () => {
  assert.throws(() => checkDemoTarget('postgres://newsroom@db/quipu', true), refused(/never into a PostgreSQL store/));
});

test('demo guard: a new file, a store the demo marked, and an unmarked store of the samples only may be replaced', async () => {
  assert.doesNotThrow(() => checkDemoTarget(join(dir, 'new.db'), false));
  checkDemoTarget(await storeWith('marked.db', '/elsewhere/a.txt', 'demo'), false);
  checkDemoTarget(await storeWith('old-demo.db', join(samplesFolder, 'a.md')), false);
});

test("demo guard: a store of the user's own articles, or a file that is no store, is refused unless --force", async () => {
  const own = await storeWith('own.db', '/home/me/articles/a.html');
  assert.throws(() => checkDemoTarget(own, false), refused(/own\.db is a Quipu store with 1 article that quipu demo did not create.*--force/));
  assert.doesNotThrow(() => checkDemoTarget(own, true));
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'my notes, not a database');
  assert.throws(() => checkDemoTarget(notes, false), refused(/notes\.txt is not a Quipu demo store/));
});

test('demo guard: `quipu demo --db` on a user store exits 2 and leaves the file byte for byte as it was', async () => {
  const own = await storeWith('kept.db', '/home/me/articles/b.html');
  const before = createHash('sha256').update(readFileSync(own)).digest('hex');
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), 'demo', '--db', own, '--no-serve'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /kept\.db is a Quipu store with 1 article that quipu demo did not create/);
  assert.equal(createHash('sha256').update(readFileSync(own)).digest('hex'), before);
});
