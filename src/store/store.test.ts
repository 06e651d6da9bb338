import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import fc from 'fast-check';
import { QuipuError } from '../core/errors.ts';
import { createTestDatabase, needsPostgres } from '../../test/helpers/postgres.ts';
import { PostgresRepository } from './postgres/postgres-repository.ts';
import type { FindingRecord, Repository } from './repository.ts';
import { parseSearchQuery, toFts5 } from './search-query.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';
import { testDoc, testSource } from './test-docs.ts';

/** The store suite runs unchanged against every engine. */
const engines: { name: string; skip: string | false; open: () => Promise<{ repository: Repository; cleanup: () => Promise<void> }> }[] = [
  { name: 'sqlite', skip: false, open: async () => ({ repository: new SqliteRepository(':memory:'), cleanup: async () => undefined }) },
  {
    name: 'postgres',
    skip: needsPostgres,
    open: async () => {
      const database = await createTestDatabase();
      return { repository: new PostgresRepository(database.url, { poolSize: 2 }), cleanup: database.drop };
    },
  },
];

const doc = testDoc;
const source = testSource;

for (const engine of engines) {
  const open = engine.open;
  const cleanups: (() => Promise<void>)[] = [];
  const test = (name: string, body: () => Promise<void>) =>
    nodeTest(`${engine.name} ${name}`, { skip: engine.skip }, async () => {
      try {
        await body();
      } finally {
        for (const cleanup of cleanups.splice(0)) await cleanup();
      }
    });

  async function store(): Promise<Repository> {
    const { repository, cleanup } = await open();
    cleanups.push(async () => {
      await repository.close();
      await cleanup();
    });
    await repository.migrate();
    await repository.migrate();
    await repository.saveArticles(source('a', 'A'), [doc('a1', 'Protests in Junín left three injured on Monday.', { outlet: 'Valmora Wire', published: '2025-10-06', title: 'Junín protests' })]);
    await repository.saveArticles(source('b', 'B'), [
      doc('b2', 'The Junin regional council met in Huancayo; no protests were reported.', { outlet: 'teleSUR', published: '2025-11-02', language: 'es' }),
    ]);
    await repository.saveArticles(source('c', 'C'), [doc('c3', 'Juliaca mourned its dead as the strike went on.', { published: '2025-11' })]);
    return repository;
  }

  test('store: search is diacritics-insensitive both ways and ranks title matches first', async () => {
    const repository = await store();
    for (const query of ['Junin', 'Junín', 'JUNIN']) {
      const page = await repository.search(query);
      assert.deepEqual(
        page.items.map((h) => h.article.id),
        ['a1', 'b2'],
        query,
      );
    }
    const hit = (await repository.search('juliaca')).items[0]!;
    assert.equal(hit.snippet.slice(hit.highlights[0]![0], hit.highlights[0]![1]), 'Juliaca');
  });

  test('store: search understands phrases, exclusions, OR and prefixes', async () => {
    const repository = await store();
    const ids = async (q: string) => (await repository.search(q)).items.map((h) => h.article.id).sort();
    assert.deepEqual(await ids('"regional council"'), ['b2']);
    assert.deepEqual(await ids('protests -Huancayo'), ['a1']);
    assert.deepEqual(await ids('Juliaca OR Huancayo'), ['b2', 'c3']);
    assert.deepEqual(await ids('Julia*'), ['c3']);
  });

  test('store: any search text gives results or a clear E_CONFIG, never an FTS syntax error', async () => {
    const repository = await store();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', 'Junin', '"', '*', '-', '(', ')', 'OR', 'AND', 'NOT', 'NEAR', ':', '^', ' ', '💥', "'"), maxLength: 12 }), async (query) => {
        try {
          await repository.search(query);
        } catch (error) {
          assert.ok(error instanceof QuipuError && error.code === 'E_CONFIG', String(error));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('store: re-saving the same content is a duplicate that adds nothing', async () => {
    const repository = await store();
    const again = await repository.saveArticles(source('a', 'A'), [doc('a1', 'Protests in Junín left three injured on Monday.')]);
    assert.deepEqual(again, [{ id: 'a1', status: 'duplicate', existingId: 'a1' }]);
    const stats = await repository.stats();
    assert.equal(stats.articles, 3);
    assert.equal(stats.sources, 3);
  });

  test('store: linking finds stored candidates by blocking key and keeps each copy once', async () => {
    const repository = await store();
    const signature = Uint32Array.from({ length: 128 }, (_, i) => i * 7);
    await repository.linkTransaction(async (link) => link.addCopyKeys('a1', ['b0:x', 'b1:y'], signature));
    const found = await repository.linkTransaction(async (link) => {
      await link.addCopyKeys('b2', ['b1:y', 'b2:z'], signature);
      const candidates = await link.copyCandidates(['b1:y', 'b2:z'], 'b2', { candidates: 10, perKey: 10 });
      await link.addCopies([{ copyId: 'b2', originalId: 'a1', similarity: 0.9, kind: 'syndicated' }]);
      await link.addCopies([{ copyId: 'b2', originalId: 'a1', similarity: 0.9, kind: 'syndicated' }]);
      return candidates;
    });
    assert.deepEqual(
      found.map((c) => [c.id, [...c.signature.slice(0, 3)]]),
      [['a1', [0, 7, 14]]],
    );
    assert.deepEqual(await repository.listCopies(), [{ copyId: 'b2', originalId: 'a1', similarity: 0.9, kind: 'syndicated' }]);
  });

  test('store: candidates are judged on their shared keys and signature before they are read in full', async () => {
    const repository = await store();
    const signature = Uint32Array.from({ length: 128 }, (_, i) => i * 3);
    const seen: [string, number, number][] = [];
    const kept = await repository.linkTransaction(async (link) => {
      await link.addCopyKeys('a1', ['b0:x', 'b1:y'], signature);
      await link.addCopyKeys('c3', ['b1:y'], signature);
      return link.copyCandidates(['b0:x', 'b1:y'], 'b2', { candidates: 10, perKey: 10 }, (c) => {
        seen.push([c.id, c.shared, c.signature[1]!]);
        return c.shared >= 2;
      });
    });
    assert.deepEqual(seen, [
      ['a1', 2, 3],
      ['c3', 1, 3],
    ]);
    assert.deepEqual(
      kept.map((c) => [c.id, c.shared, c.text.slice(0, 8)]),
      [['a1', 2, 'Protests']],
    );
  });

  test('store: under each key only the articles of lowest id are read, so a key the whole pile carries costs no more than a rare one', async () => {
    const repository = await store();
    const signature = Uint32Array.from({ length: 128 }, (_, i) => i);
    const ranked = await repository.linkTransaction(async (link) => {
      for (const id of ['c3', 'a1', 'b2']) await link.addCopyKeys(id, id === 'c3' ? ['x:common', 'p0:rare', 'p1:rare'] : ['x:common'], signature);
      return link.copyCandidates(['x:common', 'p0:rare', 'p1:rare', 'p1:rare'], 'new', { candidates: 10, perKey: 2 });
    });
    // c3 shares the two rare keys (its third place under the common key is not read); a1 and b2 come first under it.
    assert.deepEqual(
      ranked.map((c) => [c.id, c.shared]),
      [
        ['c3', 2],
        ['a1', 1],
        ['b2', 1],
      ],
    );
  });

  test('store: facts are read by part within a range of ranks, and findings replaced by key alone', async () => {
    const repository = await store();
    const fact = (seq: number, part: string, rank: string) => ({ seq, part, rank, data: `${part}@${rank}`, version: 1 });
    const [inRange, byKey] = await repository.linkTransaction(async (link) => {
      const { analysis } = link;
      await analysis.putFacts('b2', 'event-name', [fact(0, 'n1', '2025-11-02\u0001x'), fact(1, 'n2', '2025-11-02\u0001y'), fact(2, 'n1', '2025-11-03\u0001x')]);
      await analysis.putFacts('a1', 'event-name', [fact(0, 'n1', '2025-11-02\u0001z'), fact(1, 'n1', '2025-11-02')]);
      const inRange = await analysis.factsInRankRange('event-name', ['n1', 'n3'], '2025-11-02\u0001', '2025-11-02\u0002');
      const row = (key: string, part: string, data: string) => ({ kind: 'event', key, part, verdict: null, rank: key, data, version: 1 });
      await analysis.replaceFindings('event', ['d1', 'd2'], [row('d1:a', 'd1', 'old'), row('d1:b', 'd1', 'kept'), row('d2:a', 'd2', 'other')]);
      // d1:a changes, d1:c is new, d1:b and d2:a are neither read nor written
      await analysis.replaceFindingKeys('event', ['d1:a', 'd1:c'], [row('d1:a', 'd1', 'new'), row('d1:c', 'd1', 'added')]);
      return [inRange, await analysis.findingsOfKind('event')];
    });
    assert.deepEqual(
      inRange.map((f) => [f.articleId, f.seq, f.data]),
      [
        ['a1', 0, 'n1@2025-11-02\u0001z'],
        ['b2', 0, 'n1@2025-11-02\u0001x'],
      ],
    );
    assert.deepEqual(
      byKey.map((f) => [f.key, f.data]),
      [
        ['d1:a', 'new'],
        ['d1:b', 'kept'],
        ['d1:c', 'added'],
        ['d2:a', 'other'],
      ],
    );
  });

  test('store: a copy keeps its extent, changes and evidence; a candidate brings back its paragraph fingerprints', async () => {
    const repository = await store();
    const signature = Uint32Array.from({ length: 128 }, (_, i) => i);
    const prints = [{ start: 0, end: 47, words: 8, anchors: ['3', 'n:junin'], at: [16, 25] }];
    await repository.linkTransaction(async (link) => link.addCopyKeys('a1', ['p0:x'], signature, prints));
    const detail = {
      coverage: 0.5,
      extent: [{ original: { start: 0, end: 47 }, copy: { start: 10, end: 57 }, score: 0.9 }],
      changes: [{ kind: 'figure' as const, original: { start: 16, end: 17, text: '3' }, copy: { start: 26, end: 27, text: '4' }, note: 'this copy says 4 where its source says 3' }],
      evidence: ['published 2025-10-01, the copy 2025-11-02'],
    };
    const candidates = await repository.linkTransaction(async (link) => {
      await link.addCopyKeys('b2', ['p0:x'], signature);
      await link.addCopies([{ copyId: 'b2', originalId: 'a1', similarity: 0.2, kind: 'syndicated', translated: true, ...detail }]);
      return link.copyCandidates(['p0:x'], 'b2', { candidates: 5, perKey: 5 });
    });
    assert.deepEqual(
      candidates.map((c) => [c.id, c.language, c.paragraphs]),
      [['a1', 'en', prints]],
    );
    assert.deepEqual(await repository.listCopies(), [{ copyId: 'b2', originalId: 'a1', similarity: 0.2, kind: 'syndicated', translated: true, ...detail }]);
  });

  test('store: a page of copies keeps, when asked, only the copies that changed a fact, or one pair', async () => {
    const repository = await store();
    const change = { kind: 'figure' as const, original: { start: 0, end: 1, text: '3' }, copy: { start: 0, end: 1, text: '4' }, note: 'this copy says 4 where its source says 3' };
    await repository.linkTransaction(async (link) =>
      link.addCopies([
        { copyId: 'b2', originalId: 'a1', similarity: 0.9, kind: 'syndicated', changes: [change] },
        { copyId: 'c3', originalId: 'a1', similarity: 0.9, kind: 'syndicated', changes: [] },
        { copyId: 'a1', originalId: 'c3', similarity: 0.9, kind: 'repost' },
        { copyId: 'c3', originalId: 'b2', similarity: 0.8, kind: 'syndicated', coverage: 0.5, changes: [change, change] },
      ]),
    );
    const pairs = async (filter: object) => (await repository.pageCopies(filter)).items.map((c) => `${c.copyId}>${c.originalId}`);
    assert.deepEqual(await pairs({}), ['a1>c3', 'b2>a1', 'c3>a1', 'c3>b2']);
    assert.deepEqual(await pairs({ changed: true }), ['b2>a1', 'c3>b2']);
    assert.equal((await repository.pageCopies({ changed: true, limit: 1 })).total, 2);
    assert.deepEqual(await pairs({ copyId: 'c3', originalId: 'b2' }), ['c3>b2']);
    assert.deepEqual(await pairs({ copyId: 'b2', originalId: 'c3' }), []);
  });

  test('store: replacing the findings of some parts keeps, changes, adds and removes rows, and no others', async () => {
    const repository = await store();
    const finding = (key: string, part: string, data: string, more: Partial<FindingRecord> = {}): FindingRecord => ({ kind: 'count', key, part, verdict: null, rank: '', data, version: 1, ...more });
    const replace = (parts: string[], findings: FindingRecord[]) => repository.linkTransaction((link) => link.analysis.replaceFindings('count', parts, findings));
    const stored = async () => (await repository.pageFindings({ kind: 'count', limit: 100 })).items;
    await replace(['p', 'q', 'r'], [finding('a', 'p', '1'), finding('b', 'p', '2', { verdict: 'PER', rank: '02' }), finding('c', 'q', '3'), finding('d', 'q', '4'), finding('e', 'r', '5')]);
    await repository.linkTransaction((link) => link.analysis.replaceFindings('other', ['p'], [{ ...finding('a', 'p', 'x'), kind: 'other' }]));
    // `a` unchanged, `b` changed in its data, verdict and rank, `c` moved to part r, `d` gone, `f` new; part r untouched.
    const wanted = [finding('a', 'p', '1'), finding('b', 'p', '3', { verdict: 'ORG', rank: '03', version: 2 }), finding('c', 'r', '3'), finding('f', 'q', '6')];
    await replace(['p', 'q'], wanted);
    assert.deepEqual(await stored(), [...wanted.slice(0, 3), finding('e', 'r', '5'), wanted[3]]);
    assert.deepEqual(
      (await repository.pageFindings({ kind: 'count', verdict: 'ORG', order: 'rank' })).items.map((f) => f.key),
      ['b'],
    );
    assert.deepEqual(
      (await repository.pageFindings({ kind: 'count', parts: ['r'] })).items.map((f) => f.key),
      ['c', 'e'],
    );
    assert.deepEqual(
      (await repository.pageFindings({ kind: 'other' })).items.map((f) => f.data),
      ['x'],
    );
    const found = await repository.linkTransaction((link) => link.analysis.findings('count', ['c', 'a', 'zz', 'c']));
    assert.deepEqual(
      [...found].sort(([x], [y]) => (x < y ? -1 : 1)),
      [
        ['a', wanted[0]],
        ['c', wanted[2]],
      ],
    );
    await replace(['p', 'q', 'r'], []);
    assert.deepEqual(await stored(), []);
  });

  test("store: putting an article's facts of a kind replaces exactly those", async () => {
    const repository = await store();
    const fact = (seq: number, data: string) => ({ seq, part: `p${seq % 2}`, rank: String(seq), data, version: 1 });
    const put = (articleId: string, kind: string, facts: ReturnType<typeof fact>[]) => repository.linkTransaction((link) => link.analysis.putFacts(articleId, kind, facts));
    const read = (articleId: string, kind: string) =>
      repository.linkTransaction(async (link) => (await link.analysis.factsOfArticle(articleId, kind)).map((f) => [f.articleId, f.kind, f.seq, f.part, f.rank, f.data]));
    await put('a1', 'figure', [fact(0, 'x0'), fact(1, 'x1'), fact(2, 'x2')]);
    await put('b2', 'figure', [fact(0, 'y0')]);
    await put('a1', 'event', [fact(0, 'e0')]);
    // Seqs 0 and 2 go, 1 changes, 5 is new (seqs need not run on: an article's placing records keep their record's).
    await put('a1', 'figure', [fact(1, 'z1'), fact(5, 'z5')]);
    assert.deepEqual(await read('a1', 'figure'), [
      ['a1', 'figure', 1, 'p1', '1', 'z1'],
      ['a1', 'figure', 5, 'p1', '5', 'z5'],
    ]);
    assert.deepEqual(await read('b2', 'figure'), [['b2', 'figure', 0, 'p0', '0', 'y0']]);
    assert.deepEqual(await read('a1', 'event'), [['a1', 'event', 0, 'p0', '0', 'e0']]);
    await put('a1', 'figure', []);
    assert.deepEqual(await read('a1', 'figure'), []);
  });

  test('store: list filters by outlet, language and date prefix; articles keep their layers', async () => {
    const repository = await store();
    const ids = async (filter: object) => (await repository.listArticles(filter)).items.map((a) => a.id);
    assert.deepEqual(await ids({ outlet: 'telesur' }), ['b2']);
    assert.deepEqual(await ids({ language: 'es' }), ['b2']);
    assert.deepEqual(await ids({ from: '2025-11' }), ['b2', 'c3']);
    assert.deepEqual(await ids({ to: '2025-10' }), ['a1']);
    assert.equal((await repository.listArticles({ limit: 1 })).total, 3);
    const stored = await repository.getArticle('a1');
    assert.deepEqual(stored?.layers.tokens, [{ start: 0, end: 3, text: 'Pro' }]);
    assert.deepEqual(await repository.idsWithPrefix('b', 5), ['b2']);
    const all = [];
    for await (const article of repository.allArticles()) all.push(article);
    assert.deepEqual(
      all.map((a) => a.id),
      (await repository.listArticles({ limit: 10 })).items.map((a) => a.id),
    );
    assert.deepEqual(
      all.find((a) => a.id === 'a1'),
      stored,
    );
    assert.deepEqual(await repository.idsWithPrefix("' or 1=1 --", 5), []);
  });

  test('store: the counts kept as articles are stored give the stats and the list totals and pages the articles themselves give', async () => {
    const repository = await store();
    // Several articles of one source in mixed outlets, an outlet in two cases, undated ones, a text past the BMP, a duplicate.
    await repository.saveArticles(source('d', 'D'), [
      doc('d4', 'Sentence about a fictional ferry \u{1F6A2} in Ollanta.', { outlet: 'Valmora Wire', published: '2025-09-30' }),
      doc('d5', 'Undated note from the Ollanta harbour.', { outlet: 'VALMORA WIRE' }),
      doc('d6', 'Another undated note.', { outlet: null, language: 'es' }),
      doc('d7', 'Same day as the first.', { outlet: 'teleSUR', published: '2025-10-06' }),
    ]);
    await repository.saveArticles(source('e', 'E'), [doc('d4', 'Sentence about a fictional ferry \u{1F6A2} in Ollanta.', { outlet: 'Valmora Wire', published: '2025-09-30' })]);
    await repository.saveArticles(source('d', 'D'), [doc('d8', 'A known source stored again is not a new source.', { published: '2024' })]);
    const all: { id: string; outlet: string | null; language: string; published: string | null; text: string }[] = [];
    for await (const a of repository.allArticles()) all.push({ id: a.id, outlet: a.meta.outlet, language: a.meta.language, published: a.meta.published, text: a.text });
    assert.equal(all.length, 8);
    const stats = await repository.stats();
    const tally = <K extends string | null>(key: (a: (typeof all)[number]) => K) => {
      const counts = new Map<K, number>();
      for (const a of all) counts.set(key(a), (counts.get(key(a)) ?? 0) + 1);
      return counts;
    };
    const dates = all.flatMap((a) => (a.published ? [a.published] : [])).sort();
    assert.deepEqual(
      { articles: stats.articles, sources: stats.sources, published: stats.published, characters: stats.characters },
      // The engine counts characters, not UTF-16 units: the ship is one. A source whose articles were all known is not stored.
      { articles: 8, sources: 4, published: { earliest: dates[0], latest: dates.at(-1) }, characters: all.reduce((n, a) => n + [...a.text].length, 0) },
    );
    assert.deepEqual(
      new Map(stats.outlets.map((o) => [o.outlet, o.articles])),
      tally((a) => a.outlet),
    );
    assert.deepEqual(
      new Map(stats.languages.map((l) => [l.language, l.articles])),
      tally((a) => a.language),
    );
    assert.deepEqual(
      stats.languages.map((l) => l.language),
      ['en', 'es'],
    );
    assert.equal(await repository.articleCount(), 8);
    // Dated first, latest first, ties and the undated in the order stored; every page agrees with the whole list.
    const listed = (await repository.listArticles({ limit: 100 })).items.map((a) => a.id);
    assert.deepEqual(listed, ['b2', 'c3', 'a1', 'd7', 'd4', 'd8', 'd5', 'd6']);
    for (const size of [1, 2, 3, 5]) {
      const paged: string[] = [];
      for (let offset = 0; offset < 10; offset += size) {
        const page = await repository.listArticles({ limit: size, offset });
        assert.equal(page.total, 8);
        paged.push(...page.items.map((a) => a.id));
      }
      assert.deepEqual(paged, listed, `pages of ${size}`);
    }
    for (const [filter, ids] of [
      [{ outlet: 'valmora wire' }, ['a1', 'd4', 'd5']],
      [{ language: 'es' }, ['b2', 'd6']],
      [{ outlet: 'Valmora Wire', language: 'en', limit: 1, offset: 2 }, ['d5']],
      [{ from: '2025-10' }, ['b2', 'c3', 'a1', 'd7']],
    ] as const) {
      const page = await repository.listArticles(filter);
      assert.deepEqual(
        page.items.map((a) => a.id),
        ids,
        JSON.stringify(filter),
      );
      assert.equal(page.total, 'limit' in filter ? 3 : ids.length, JSON.stringify(filter));
    }
  });
}

nodeTest('search query: user syntax is rebuilt with every word quoted', () => {
  assert.equal(toFts5(parseSearchQuery('Junín "high-level sources" -police')), '("Junín" AND "high level sources" NOT "police")');
  assert.throws(() => parseSearchQuery('-only -negated'), /no words/);
  assert.throws(() => parseSearchQuery('   '), /no words/);
});
