import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { CopyChangeRow } from '../contract/schemas.ts';
import type { Page, Repository } from '../store/repository.ts';
import { createApp } from './app.ts';
import type { CopyPair } from './copy-routes.ts';
import type { CopyRow } from './insights.ts';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'articles');
// The wire story, its partial copy (eleven days become nine), and an article that copies nothing.
const files = ['06-chaupimayo-clash.txt', '16-highland-courier-bridge.txt', '01-sentence-etxeberri.txt'];

let dir: string;
let repository: Repository;
let app: ReturnType<typeof createApp>;

const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quipu-copy-routes-'));
  repository = openRepository(join(dir, 'store.db'));
  await repository.migrate();
  const pipeline = await defaultPipeline();
  const summary = await ingest(
    files.map((f) => join(samples, f)),
    repository,
    { pipeline },
  );
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  app = createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 64 * 1024, logError: () => undefined });
});

after(async () => {
  await app.jobs.idle();
  await repository.close();
  rmSync(dir, { recursive: true, force: true });
});

test('copy changes: the copy that changed a fact is listed as a list row with its first change, its spans in both articles', async () => {
  const answer = await get<Page<CopyChangeRow>>('/api/copy-changes');
  assert.equal(answer.status, 200);
  assert.equal(answer.body.total, 1);
  const row = answer.body.items[0]!;
  assert.equal(row.copy.outlet, 'The Highland Courier');
  assert.equal(row.original.outlet, 'Condorpress');
  assert.equal(row.change.note, 'this copy says nine days where its source says eleven');
  assert.deepEqual([row.changeCount, row.firstChange], [1, row.change.note]);
  // A row carries no extent and no list of changes: the pair gives them.
  assert.deepEqual(
    Object.keys(row).filter((k) => k === 'extent' || k === 'changes'),
    [],
  );
  const [copy, original] = await Promise.all([repository.getArticle(row.copy.id), repository.getArticle(row.original.id)]);
  assert.equal(copy!.text.slice(row.change.copy.start, row.change.copy.end), 'nine');
  assert.equal(original!.text.slice(row.change.original.start, row.change.original.end), 'eleven');
  const pair = await get<CopyPair>(`/api/copies/${row.copy.id}/${row.original.id}`);
  assert.deepEqual(pair.body.link.changes, [row.change]);
  assert.equal((await get<{ error: { code: string } }>('/api/copy-changes?limit=0')).status, 400);
});

test('copy pair: both texts with the link; the extent points at the same paragraph in each; an unknown pair is 404', async () => {
  const [row] = (await get<Page<CopyRow>>('/api/copies')).body.items;
  const answer = await get<CopyPair>(`/api/copies/${row!.copy.id}/${row!.original.id}`);
  assert.equal(answer.status, 200);
  const { link, copy, original } = answer.body;
  assert.deepEqual([copy.id, original.id, copy.language], [row!.copy.id, row!.original.id, 'en']);
  assert.equal(link.extent!.length, 4);
  // A shared paragraph opens with the same words in both texts.
  for (const part of link.extent!) assert.equal(copy.text.slice(part.copy.start, part.copy.start + 12), original.text.slice(part.original.start, part.original.start + 12));
  assert.equal((await get(`/api/copies/${row!.original.id}/${row!.copy.id}`)).status, 404);
  assert.equal((await get(`/api/copies/${row!.copy.id}/nope`)).status, 404);
});
