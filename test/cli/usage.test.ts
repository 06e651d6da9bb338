import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-usage-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'store.db');

function quipu(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), ...args], { encoding: 'utf8', cwd: dir, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('cli usage: a month 13 or a language name is refused as the API refuses it, with exit 2', () => {
  const month = quipu('list', '--db', db, '--from', '2023-13');
  assert.equal(month.status, 2);
  assert.match(month.stderr, /--from takes a date as an ISO prefix \(2023, 2023-01 or 2023-01-10\), not "2023-13"/);
  const language = quipu('list', '--db', db, '--language', 'english');
  assert.equal(language.status, 2);
  assert.match(language.stderr, /--language takes a two- or three-letter language code such as en or es, not "english"/);
  assert.equal(quipu('list', '--db', db, '--from', '2023-02', '--language', 'es', '--json').status, 0);
});

test('cli usage: an unknown option or a missing argument exits 2, as the README says', () => {
  const unknown = quipu('list', '--db', db, '--bogus');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option '--bogus'/);
  assert.equal(quipu('show', '--db', db).status, 2);
  assert.equal(quipu('--version').status, 0);
});

test('cli usage: a --db in a folder that does not exist is refused, and no folder is made', () => {
  const missing = join(dir, 'no-such-folder', 'quipu.db');
  const result = quipu('stats', '--db', missing);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no-such-folder does not exist, so there is no store at .*Check the --db path/);
  assert.equal(existsSync(join(dir, 'no-such-folder')), false);
});

test('cli usage: copies --json and figures --json answer {items, total} like the other lists', () => {
  for (const command of ['copies', 'figures']) {
    assert.deepEqual(JSON.parse(quipu(command, '--db', db, '--json').stdout), { items: [], total: 0 });
  }
});

test('cli usage: a busy port says what to do instead of a bare EADDRINUSE', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = await new Promise<ReturnType<typeof quipu>>((resolve) => setImmediate(() => resolve(quipu('serve', '--db', db, '--port', String(port)))));
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port 0 picks a free one`));
  } finally {
    blocker.close();
  }
});
