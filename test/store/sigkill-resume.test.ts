/**
 * Crash safety of the SQLite store: a child process ingesting a folder is killed with SIGKILL twenty times at random
 * moments, then the ingest is run to its end. Every article must be there exactly once, linked, and the file must
 * pass SQLite's own integrity checks: a transaction is all or nothing, even when the process dies inside it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { repoRoot } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-sigkill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const places = ['Valmora', 'Port Ederra', 'Lagunilla', 'Quillabamba Alta', 'San Teodoro del Monte'];
const count = 200;
const kills = 20;

function writeFolder(): string {
  const folder = join(dir, 'articles');
  mkdirSync(folder);
  for (let i = 0; i < count; i++) {
    const place = places[i % places.length];
    const body = Array.from({ length: 6 }, (_, s) => `The council of ${place} met on Tuesday about item ${i}-${s}, and Rosa Ychaso said the vote would wait.`).join(' ');
    writeFileSync(join(folder, `${String(i).padStart(3, '0')}.txt`), `Council report ${i}\n\n${body}`);
  }
  return folder;
}

/** Starts the ingest child; resolves when it exits, with its signal; `onWriting` fires once it has opened the store. */
function ingestChild(store: string, folder: string, onWriting: (kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'helpers', 'ingest-child.ts'), store, folder], { cwd: repoRoot });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      const first = err === '';
      err += chunk;
      if (first && err.startsWith('ingesting')) onWriting(() => child.kill('SIGKILL'));
    });
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

test('sqlite: an ingest killed 20 times at random moments, then resumed, loses nothing and stores nothing twice', { timeout: 900_000 }, async (t) => {
  const folder = writeFolder();
  const store = join(dir, 'store.db');
  let killedWhileWriting = 0;
  for (let round = 0; round < kills; round++) {
    // Random moments after the child starts writing: early rounds land among new articles, later ones among duplicates and links.
    const delay = Math.floor(Math.random() * 4000);
    const result = await ingestChild(store, folder, (kill) => setTimeout(kill, delay));
    if (result.signal === 'SIGKILL') killedWhileWriting++;
    else assert.equal(result.code, 0, `round ${round} failed: ${result.err}`);
  }
  const resumed = await ingestChild(store, folder, () => {});
  assert.equal(resumed.code, 0, resumed.err);
  const summary = JSON.parse(resumed.out) as { ingested: number; duplicates: number; failed: unknown[] };
  t.diagnostic(`${killedWhileWriting} of ${kills} runs killed while writing; the resumed run stored ${summary.ingested} and found ${summary.duplicates} already there`);
  assert.ok(killedWhileWriting >= kills / 2, `only ${killedWhileWriting} runs were killed before they finished`);
  assert.deepEqual(summary.failed, []);
  assert.equal(summary.ingested + summary.duplicates, count);

  const db = new Database(store);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    const titles = db.prepare('select title from articles order by title').pluck().all() as string[];
    assert.deepEqual(titles, Array.from({ length: count }, (_, i) => `Council report ${i}`).sort());
    assert.equal(db.prepare('select count(*) from sources').pluck().get(), count);
    // Every article has its linking signature: a kill between storing and linking is made good by the next run.
    assert.equal(db.prepare('select count(*) from articles where id not in (select article_id from signatures)').pluck().get(), 0);
    // The full-text index agrees with the table it indexes.
    db.exec("insert into articles_fts(articles_fts) values('integrity-check')");
  } finally {
    db.close();
  }
});
