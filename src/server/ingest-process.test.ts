/**
 * The server's ingest process: an upload is read, annotated, stored and linked in a child process on its own
 * connection, the server hearing of each stored item; the child goes once idle, and the next job starts another.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { IngestEvent } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { Repository } from '../store/repository.ts';
import { createApp } from './app.ts';
import { processIngest } from './ingest-process.ts';

let dir: string;
let db: string;
let repository: Repository;

const article = (name: string, words: string) => {
  const path = join(dir, name);
  writeFileSync(path, `Title: ${words}\n\nThe council of Varrow met on Tuesday, 7 October 2025. "We will vote again on ${words}," said the mayor, Ilsa Trennick.\n`);
  return path;
};
/** The child loads its models through tsx: minutes on a machine busy with other work. */
const slowStart = 600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Ingest children of this process (Linux /proc; -1 elsewhere), to see them come and go (tsx has a child of its own). */
const children = () => {
  try {
    const pids = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return pids.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ingest-child')).length;
  } catch {
    return -1;
  }
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quipu-ingest-process-'));
  db = join(dir, 'store.db');
  repository = openRepository(db);
  await repository.migrate();
});

after(async () => {
  await repository.close();
  rmSync(dir, { recursive: true, force: true });
});

test('ingest process: the child stores and links the job, reports each item, and leaves once idle', { timeout: 900_000 }, async () => {
  const ingest = processIngest({ store: db, timeoutMs: 120_000, idleMs: 3000, startupMs: slowStart });
  const events: IngestEvent[] = [];
  await ingest.run([article('one.txt', 'the bridge')], { allowPrivate: false, maxBytes: 1 << 20 }, (event) => events.push(event));
  if (children() >= 0) assert.equal(children(), 1, 'the child stays while jobs may come');
  assert.deepEqual(
    events.map((e) => e.kind),
    ['item-done'],
  );
  const done = events[0] as Extract<IngestEvent, { kind: 'item-done' }>;
  assert.equal(done.articles[0]!.status, 'inserted');
  // Stored and linked through the child's connection, read here through another.
  const stored = await repository.getArticle(done.articles[0]!.id);
  assert.ok(stored?.text.includes('Ilsa Trennick'));
  assert.ok((stored?.layers.entities ?? []).some((e) => stored!.text.slice(e.start, e.end) === 'Ilsa Trennick'));
  assert.ok((await repository.listEntities({ query: 'trennick' })).total > 0, 'linked in the child');
  if (children() >= 0) {
    // Leaving takes the worker thread's stop, which a busy machine may make slow.
    for (const until = Date.now() + 60_000; children() > 0 && Date.now() < until; ) await sleep(100);
    assert.equal(children(), 0, 'and leaves once idle');
  }
  // The next job starts another child; a failed item is reported as such.
  events.length = 0;
  await ingest.run([join(dir, 'missing.txt'), article('two.txt', 'the road')], { allowPrivate: false, maxBytes: 1 << 20 }, (event) => events.push(event));
  assert.deepEqual(events.map((e) => e.kind).sort(), ['item-done', 'item-failed']);
  await ingest.close();
  if (children() >= 0) assert.equal(children(), 0, 'gone once closed');
  await assert.rejects(
    ingest.run([], { allowPrivate: false, maxBytes: 1 }, () => undefined),
    /closed/,
  );
});

test('ingest process behind the API: an upload is done, and the next request sees its article', { timeout: 900_000 }, async () => {
  const ingestProcess = processIngest({ store: db, timeoutMs: 120_000, idleMs: 60_000, startupMs: slowStart });
  const app = createApp({ repository, pipeline: await defaultPipeline(), ingestProcess, allowPrivate: false, maxUploadBytes: 1 << 20, logError: () => undefined });
  try {
    const before = ((await (await app.request('/api/articles?limit=1')).json()) as { total: number }).total;
    const form = new FormData();
    form.append('files', new Blob(['Title: Ferry\n\nOn 7 March 2023 the ferry to Varrow stopped, said the harbour master, Olin Paskett.\n']), 'ferry.md');
    const job = (await (await app.request('/api/ingest', { method: 'POST', body: form })).json()) as { id: string };
    await app.jobs.idle();
    const state = (await (await app.request(`/api/jobs/${job.id}`)).json()) as { status: string; ingested: number };
    assert.deepEqual([state.status, state.ingested], ['done', 1]);
    const now = ((await (await app.request('/api/articles?limit=1')).json()) as { total: number }).total;
    assert.equal(now, before + 1, 'the answer cache heard of the write at once');
  } finally {
    await app.jobs.idle();
    await ingestProcess.close();
  }
});
