/**
 * The row counts kept by triggers (schema.ts 0023, `kept_counts`) equal the rows counted, after every kind of write
 * the store makes (facts replaced, findings upserted with a new verdict, kinds cleared, claims replaced, an article
 * removed with its rows), and after migration 0023 counts a store made before it; the pages' totals read them. On
 * SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawStoreEngines } from '../../test/helpers/raw-store.ts';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';
import type { ClaimRecord, FindingRecord, Repository } from './repository.ts';
import { keptCounted } from './schema.ts';
import { testDoc, testSource } from './test-docs.ts';

const fact = (seq: number, part = '', rank = '') => ({ seq, part, rank, data: '{}', version: 1 });
const finding = (kind: string, key: string, verdict: string | null, part = key): FindingRecord => ({ kind, key, part, verdict, rank: key, data: '{}', version: 1 });
const claim = (articleId: string, seq: number, hedge: string, published = '2025-10-01'): ClaimRecord => ({
  articleId,
  seq,
  published,
  speakerSort: seq % 2 ? 'anselmo vidriera' : '',
  outletSort: 'valmora wire',
  hedge,
  speakerKey: '',
  speakerBare: '',
  data: '{}',
  version: 1,
  by: [],
  about: [],
});

/** What `kept_counts` holds and what counting every row gives, each as sorted `counted kind verdict n` lines. */
async function keptAndCounted(rows: (query: string) => Promise<Record<string, unknown>[]>): Promise<[string[], string[]]> {
  const line = (r: Record<string, unknown>) => `${r.counted} ${r.kind} ${r.verdict} ${Number(r.n)}`;
  const kept = (await rows('select counted, kind, verdict, n from kept_counts where n <> 0')).map(line).sort();
  const counted: string[] = [];
  for (const { name, table, kind, verdict } of Object.values(keptCounted)) {
    const found = await rows(`select '${name}' as counted, ${kind} as kind, ${verdict} as verdict, count(*) as n from ${table} group by 2, 3`);
    counted.push(...found.map(line));
  }
  return [kept, counted.sort()];
}

async function writeSome(repository: Repository, round: number): Promise<void> {
  const ids = [`a${round}`, `b${round}`, `c${round}`];
  await repository.saveArticles(
    testSource(`s${round}`, `Source ${round}`),
    ids.map((id, i) => testDoc(id, `The ferry of Ollanta sailed ${i + round} times.`, { outlet: 'Valmora Wire', published: `2025-10-0${1 + i}` })),
  );
  await repository.linkTransaction(async ({ analysis }) => {
    for (const [i, id] of ids.entries()) {
      await analysis.putFacts(id, 'event', [fact(0, '', `2025-10-0${i + 1}`), fact(1, '', `2025-10-0${i + 2}`)]);
      await analysis.putFacts(id, 'figure', [fact(0, 'money|'), fact(1, 'dead|'), fact(2, 'dead|')]);
      await analysis.putClaims(id, [claim(id, 0, ''), claim(id, 1, 'alleged'), claim(id, 2, i === 2 ? 'reported' : '', i === 1 ? '' : '2025-10-01')]);
    }
    // Fewer facts and other claims for the first article, written again.
    await analysis.putFacts(ids[0]!, 'event', [fact(0, '', '2025-10-09')]);
    await analysis.putClaims(ids[0]!, [claim(ids[0]!, 0, 'reported')]);
    await analysis.replaceFindings('figure-group', [`p${round}`], [finding('figure-group', `g${round}a`, 'conflict', `p${round}`), finding('figure-group', `g${round}b`, 'agree', `p${round}`)]);
    await analysis.replaceFindingKeys('entity-mentions', [`e${round}`, `f${round}`], [finding('entity-mentions', `e${round}`, 'PER'), finding('entity-mentions', `f${round}`, null)]);
    // The same keys upserted with another verdict: the count moves from one verdict to the other.
    await analysis.replaceFindingKeys('entity-mentions', [`e${round}`], [finding('entity-mentions', `e${round}`, 'ORG')]);
    await analysis.replaceFindings('figure-stale', ['x', 'y'], [finding('figure-stale', 'x', null), finding('figure-stale', 'y', null)]);
  });
}

for (const engine of rawStoreEngines) {
  describe(`kept counts (${engine.name})`, { skip: engine.skip }, () => {
    test('equal the rows counted after each write, after a removal, and after migration 0023 on an older store', async () => {
      const store = await engine.open();
      try {
        let repository = store.repository;
        await repository.migrate();
        const check = async (when: string) => {
          const [kept, counted] = await keptAndCounted(store.rows);
          assert.deepEqual(kept, counted, when);
        };
        await writeSome(repository, 1);
        await check('after the first writes');
        await repository.linkTransaction(async ({ analysis }) => {
          await analysis.clearFindings('figure-stale');
          await analysis.clearFacts('figure');
        });
        await check('after two kinds cleared');
        await writeSome(repository, 2);
        // An article removed takes its facts and claims with it.
        repository = await store.rewritten(["delete from articles where id = 'b2'"]);
        await check('after an article is removed');
        const [kept] = await keptAndCounted(store.rows);
        assert.ok(kept.includes('facts event  8'), kept.join('\n'));

        // The store as a release before 0023 left it, then migrated: counted as it stands, and kept from then on.
        repository = await store.rewritten(undoneTo('0022_partial_rank_indexes', repository.engine === 'postgres' ? 'postgres' : 'sqlite'));
        assert.deepEqual(await store.rows("select name from kysely_migration where name = '0023_kept_counts'"), []);
        await repository.migrate();
        await check('after migration 0023');
        await writeSome(repository, 3);
        await check('after writes on the migrated store');

        // The pages' totals read the kept counts, whole and by verdict or hedge.
        const total = async (rows: string) => Number((await store.rows(rows))[0]!.n);
        assert.equal((await repository.pageFacts({ kind: 'event', order: 'rank', limit: 2 })).total, await total("select count(*) as n from analysis_facts where kind = 'event'"));
        assert.equal((await repository.pageFindings({ kind: 'entity-mentions', order: 'rank', limit: 1 })).total, 6);
        assert.equal((await repository.pageFindings({ kind: 'entity-mentions', verdict: 'ORG', limit: 1 })).total, 3);
        assert.equal((await repository.pageFindings({ kind: 'figure-group', verdict: 'conflict', limit: 1 })).total, 3);
        const claims = await total('select count(*) as n from analysis_claims');
        const page = await repository.pageClaims({ sort: 'published', limit: 100, offset: 0 });
        assert.equal(page.total, claims);
        assert.equal(page.items.length, claims);
        const bySpeaker = await repository.pageClaims({ sort: 'speaker', limit: 3, offset: claims - 3 });
        assert.equal(bySpeaker.total, claims);
        assert.equal(bySpeaker.items.length, 3);
        assert.equal(
          (await repository.pageClaims({ hedge: 'alleged', sort: 'published', limit: 100, offset: 0 })).total,
          await total("select count(*) as n from analysis_claims where hedge = 'alleged'"),
        );
      } finally {
        await store.drop();
      }
    });
  });
}
