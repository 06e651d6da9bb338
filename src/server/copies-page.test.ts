/**
 * Paging the stored copy links: the total is the number kept as links are added (a link stored twice counts once), and
 * a page after a cursor (`after`, a page's `next`) is the page the offset form gives, on SQLite and PostgreSQL and
 * through /api/copies. Fictional articles, stored without annotation, with links made up for the paging.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { CopyRecord, Repository } from '../store/repository.ts';
import { createTestDatabase, needsPostgres } from '../../test/helpers/postgres.ts';
import { createApp } from './app.ts';

const doc = (n: number): Doc => ({
  id: `c${String(n).padStart(3, '0')}`,
  contentHash: `hash-${n}`,
  text: `Piece ${n} about the Oskel weir.`,
  sourceMap: [],
  messages: [],
  meta: {
    title: `Piece ${n}`,
    outlet: 'Varrow Courier',
    authors: [],
    translator: null,
    published: '2025-03-01',
    datelinePlace: null,
    language: 'en',
    source: `t-${n}`,
    via: null,
    canonicalUrl: null,
    partIndex: 0,
    partCount: 1,
  },
});
const docs = Array.from({ length: 9 }, (_, i) => doc(i));
const link = (copy: number, original: number): CopyRecord => ({ copyId: docs[copy]!.id, originalId: docs[original]!.id, similarity: 0.9, kind: 'syndicated' });
// Several originals for one copy (the cursor's second column), given out of order, in two batches that overlap.
const first = [link(3, 0), link(1, 0), link(3, 1), link(2, 0), link(5, 4)];
const second = [link(3, 1), link(6, 5), link(8, 0), link(3, 2), link(7, 6), link(2, 0), link(8, 7)];

async function filled(repository: Repository): Promise<void> {
  await repository.migrate();
  await repository.saveArticles({ locator: 'test', kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: 'x' }, docs);
  for (const batch of [first, second]) await repository.linkTransaction((l) => l.addCopies(batch));
}

async function pagesAgree(repository: Repository): Promise<void> {
  const all = await repository.listCopies();
  assert.equal(all.length, 10, 'each link stored once');
  assert.equal((await repository.pageCopies({ limit: 3 })).total, 10, 'the kept total counts each link once');
  assert.equal((await repository.pageCopies({ limit: 3, copyId: docs[3]!.id })).total, 3);
  for (const limit of [1, 3, 4]) {
    const byCursor: CopyRecord[] = [];
    let after: { copyId: string; originalId: string } | undefined;
    for (let offset = 0; offset < all.length + limit; offset += limit) {
      const page = await repository.pageCopies({ limit, ...(after ? { after } : {}) });
      assert.deepEqual(page.items, (await repository.pageCopies({ limit, offset })).items, `limit ${limit}, offset ${offset}`);
      byCursor.push(...page.items);
      const last = page.items.at(-1);
      if (!last) break;
      after = { copyId: last.copyId, originalId: last.originalId };
    }
    assert.deepEqual(byCursor, all);
  }
}

describe('store: paging copy links', () => {
  test('SQLite: kept total, cursor pages equal offset pages; /api/copies gives and takes the cursor', async () => {
    const repository = openRepository(':memory:');
    await filled(repository);
    await pagesAgree(repository);
    const app = createApp({ repository, pipeline: await defaultPipeline(), allowPrivate: false, maxUploadBytes: 1 << 20, logError: () => undefined });
    const get = async (path: string) => {
      const response = await app.request(path);
      return { status: response.status, body: (await response.json()) as { items: { copy: { id: string }; original: { id: string } }[]; total: number; offset: number; next?: string } };
    };
    const page = (await get('/api/copies?limit=4')).body;
    assert.equal(page.total, 10);
    assert.equal(page.next, `${page.items[3]!.copy.id}:${page.items[3]!.original.id}`);
    const next = await get(`/api/copies?limit=4&after=${page.next}`);
    assert.deepEqual(next.body.items, (await get('/api/copies?limit=4&offset=4')).body.items);
    assert.equal(next.body.offset, 0);
    const last = (await get(`/api/copies?limit=4&after=${next.body.next}`)).body;
    assert.equal(last.items.length, 2);
    assert.equal(last.next, undefined, 'a page that is not full has no next');
    assert.equal((await get('/api/copies?after=nope')).status, 400);
    await app.jobs.idle();
    await repository.close();
  });

  test('PostgreSQL: the same', { skip: needsPostgres }, async () => {
    const { url, drop } = await createTestDatabase();
    const repository = openRepository(url);
    try {
      await filled(repository);
      await pagesAgree(repository);
    } finally {
      await repository.close();
      await drop();
    }
  });
});
