/**
 * The outlet view's counts kept at ingest (sources.ts): a citation that counts only when the name it cites is an outlet
 * of the pile counts once that outlet's first article arrives, whenever it arrives; the same pile in several arrival
 * orders gives the same answer, equal to `sourcesOf` over every article and to the full recount of `quipu reanalyze`.
 * Fictional articles, stored and analysed one at a time without annotation (the citations are read from the text).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { sourcesOf } from '../link/sources.ts';
import type { Repository } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { reanalyze } from './reanalyze.ts';
import { outletCitesKind, sourcesJoined, sourcesStaleKind, sourcesSummaryKind, storedSources } from './sources.ts';
import { analyzeArticle, rebuildStaleFindings } from './update.ts';

const article = (n: number, outlet: string | null, published: string | null, text: string): Doc => ({
  id: `a${String(n).padStart(3, '0')}`,
  contentHash: `h${n}`,
  text,
  sourceMap: [],
  messages: [],
  meta: { title: `Piece ${n}`, outlet, authors: [], translator: null, published, datelinePlace: null, language: 'en', source: `test-${n}`, via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});

// "Brindle Quarterly" and "Varrow Courier" hold no outlet word: an "according to" either counts only once the pile has
// an article of theirs. "The Brindle Quarterly" folds like "Brindle Quarterly": it is cited as whichever has more articles.
const pile: Doc[] = [
  article(1, 'Varrow Courier', '2025-03-01', 'According to Brindle Quarterly, the weir at Oskel was shut. As reported by Tessel Daily and Marn Ostrow, the gates held.'),
  article(2, 'Brindle Quarterly', '2025-03-02', 'The weir at Oskel stays shut, according to Varrow Courier. This article first appeared in Varrow Courier.'),
  article(3, 'Tessel Daily', '2025-02-28', 'Gates at Oskel were tested on Friday.\nSource: Brindle Quarterly'),
  article(4, null, null, 'A reader wrote in: according to Varrow Courier the weir is shut, and according to Pell Harbour it is not.'),
  article(5, 'The Brindle Quarterly', '2025-03-02', 'Engineers inspected the Oskel weir, according to Varrow Courier.'),
  article(6, 'Brindle Quarterly', '2025-03-03', 'As first reported by Varrow Courier, the weir reopened. According to Tessel Daily, traffic resumed (EFE).'),
  article(7, 'Varrow Courier', '2025-03-01', 'According to Varrow Courier staff, the weir will be painted. According to Corran Ledger, not before May.'),
];

async function storedInOrder(order: readonly Doc[]): Promise<Repository> {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  for (const doc of order) await stored(repository, doc);
  return repository;
}

async function stored(repository: Repository, doc: Doc): Promise<void> {
  await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
  await repository.linkTransaction((link) => analyzeArticle(link.analysis, doc));
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('analyze: the outlet view counted at ingest', () => {
  test('the same in every arrival order, equal to the whole pile and to the full recount', async () => {
    const expected = plain(sourcesOf(pile, []));
    const edges = (expected as { edges: { from: string; to: string; citations: number }[] }).edges;
    // The citation of a later outlet counts: article 1 cites Brindle Quarterly before any of its articles is stored.
    assert.ok(edges.some((e) => e.from === 'Varrow Courier' && e.to === 'Brindle Quarterly' && e.citations === 1));
    assert.ok(edges.some((e) => e.from === '(unknown outlet)' && e.to === 'Varrow Courier'));
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const orders = [pile, [...pile].reverse()];
    for (let round = 0; round < 4; round++) {
      const order = [...pile];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      orders.push(order);
    }
    for (const order of orders) {
      const repository = await storedInOrder(order);
      const label = order.map((d) => d.id).join(' ');
      // Joined from the counts while articles have marked the summary stale; read from the summary once the batch rebuild made it.
      assert.equal((await repository.pageFindings({ kind: sourcesStaleKind, limit: 1 })).total, 1, label);
      assert.deepEqual(plain(await storedSources(repository)), expected, label);
      assert.equal(await repository.linkTransaction((link) => rebuildStaleFindings(link.analysis)), true, label);
      assert.equal((await repository.pageFindings({ kind: sourcesStaleKind, limit: 1 })).total, 0, label);
      assert.equal((await repository.pageFindings({ kind: sourcesSummaryKind, limit: 1 })).total, 1, label);
      assert.deepEqual(plain(await storedSources(repository)), expected, `${label}, from the summary`);
      assert.deepEqual(plain(await sourcesJoined(repository)), expected, label);
      // The request read the kept counts (not the fallback over every article's candidates).
      assert.ok((await repository.pageFindings({ kind: outletCitesKind, limit: 1 })).total > 0, label);
      const before = await repository.pageFindings({ kind: outletCitesKind, limit: 500 });
      await reanalyze(repository);
      assert.equal((await repository.pageFindings({ kind: sourcesSummaryKind, limit: 1 })).total, 1, `${label}: reanalyze makes the summary`);
      assert.deepEqual(plain(await storedSources(repository)), expected, `${label}, after reanalyze`);
      assert.deepEqual(await repository.pageFindings({ kind: outletCitesKind, limit: 500 }), before, `${label}: the incremental counts are the full recount's`);
      await repository.close();
    }
  });

  test('an article analysed twice counts once; a store without the kept counts reads the same', async () => {
    const repository = await storedInOrder(pile);
    const once = plain(await storedSources(repository));
    await repository.linkTransaction((link) => rebuildStaleFindings(link.analysis));
    // An article analysed again marks the summary stale: the answer is joined again, then summarized again, the same.
    for (const doc of pile.slice(0, 3)) await repository.linkTransaction((link) => analyzeArticle(link.analysis, doc));
    assert.deepEqual(plain(await storedSources(repository)), once);
    await repository.linkTransaction((link) => rebuildStaleFindings(link.analysis));
    assert.deepEqual(plain(await storedSources(repository)), once);
    // Stale while the counts change: a summary left in place is not read.
    await stored(repository, article(8, 'Corran Ledger', '2025-03-04', 'The weir at Oskel was painted, according to Tessel Daily.'));
    assert.notDeepEqual(plain(await storedSources(repository)), once);
    await repository.linkTransaction((link) => rebuildStaleFindings(link.analysis));
    const withLedger = plain(await storedSources(repository));
    assert.notDeepEqual(withLedger, once);
    assert.deepEqual(withLedger, plain(await sourcesJoined(repository)));
    // A store analysed before the counts were kept (no marker) is read from every article's candidates: the same answer.
    for (const kind of [outletCitesKind, 'outlet-findings-kept', sourcesSummaryKind]) await repository.linkTransaction((link) => link.analysis.clearFindings(kind));
    assert.deepEqual(plain(await storedSources(repository)), withLedger);
    await repository.close();
  });
});
