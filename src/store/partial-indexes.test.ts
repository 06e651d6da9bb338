/**
 * The indexes by rank and by verdict hold only the kinds read along them (migration 0022): pages of those kinds come
 * back in order through them on both engines, on SQLite their queries' plans read them, and the other kinds never
 * enter them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { entityCountKind, entityMentionsKind } from '../analyze/graph.ts';
import { copyKind } from '../analyze/sources.ts';
import { testOnBothEngines } from '../../test/helpers/postgres.ts';
import type { FindingRecord, Repository } from './repository.ts';
import { rankReadFactKinds, rankReadFindingKinds, verdictReadFindingKinds } from './schema.ts';
import { SqliteRepository } from './sqlite/sqlite-repository.ts';
import { testDoc, testSource } from './test-docs.ts';

const fact = (seq: number, part: string, rank: string) => ({ seq, part, rank, data: JSON.stringify({ seq }), version: 1 });
const finding = (kind: string, key: string, verdict: string | null, rank: string): FindingRecord => ({ kind, key, part: key, verdict, rank, data: JSON.stringify({ key }), version: 1 });

async function storeRows(repository: Repository): Promise<void> {
  await repository.migrate();
  const doc = testDoc('a1', 'Some text of an article.');
  await repository.saveArticles(testSource('/tmp/a1.txt', doc.text), [doc]);
  await repository.linkTransaction(async (link) => {
    await link.analysis.putFacts('a1', 'event', [fact(0, '2025-03-02', '2025-03-02\u0001b'), fact(1, '2025-01-09', '2025-01-09\u0001a'), fact(2, '2025-03-01', '2025-03-01\u0001c')]);
    await link.analysis.putFacts('a1', 'figure', [fact(0, 'deaths|PE', '2025-01-01'), fact(1, 'deaths|PE', '2024-01-01')]);
    const groups = [finding('figure-group', 'g1', 'conflict', '2025-02-01'), finding('figure-group', 'g2', 'agree', '2025-04-01'), finding('figure-group', 'g3', 'conflict', '2025-03-01')];
    await link.analysis.replaceFindingKeys(
      'figure-group',
      groups.map((g) => g.key),
      groups,
    );
    await link.analysis.replaceFindingKeys('figure-stale', ['deaths|PE|2025'], [finding('figure-stale', 'deaths|PE|2025', null, '')]);
  });
}

test('partial indexes: the kinds they hold are those the surfaces read along them', () => {
  assert.deepEqual([...rankReadFactKinds].sort(), [copyKind, 'event'].sort());
  assert.deepEqual([...rankReadFindingKinds].sort(), ['date-conflict', entityCountKind, entityMentionsKind, 'event', 'figure-group'].sort());
  assert.deepEqual([...verdictReadFindingKinds].sort(), ['date-conflict', entityCountKind, entityMentionsKind, 'figure-group'].sort());
});

testOnBothEngines('partial indexes: events and findings in rank order, by verdict, and a copy fact found by its rank', async (repository) => {
  await storeRows(repository);
  const page = await repository.pageFacts({ kind: 'event', order: 'rank', limit: 2, offset: 0 });
  assert.deepEqual(
    page.items.map((f) => f.part),
    ['2025-01-09', '2025-03-01'],
  );
  assert.equal(page.total, 3);
  const late = await repository.pageFacts({ kind: 'event', order: 'rank-desc', rankFrom: '2025-03', limit: 5, offset: 0 });
  assert.deepEqual(
    late.items.map((f) => f.part),
    ['2025-03-02', '2025-03-01'],
  );
  const conflicts = await repository.pageFindings({ kind: 'figure-group', verdict: 'conflict', order: 'rank-desc', limit: 5, offset: 0 });
  assert.deepEqual(
    conflicts.items.map((f) => f.key),
    ['g3', 'g1'],
  );
  const latest = await repository.pageFindings({ kind: 'figure-group', order: 'rank-desc', limit: 5, offset: 0 });
  assert.deepEqual(
    latest.items.map((f) => f.key),
    ['g2', 'g3', 'g1'],
  );
  const stale = await repository.pageFindings({ kind: 'figure-stale', order: 'rank', limit: 5, offset: 0 });
  assert.deepEqual(
    stale.items.map((f) => f.key),
    ['deaths|PE|2025'],
    'a kind the index does not hold is still paged in rank order',
  );
  await repository.linkTransaction(async (link) => {
    const first = await link.analysis.addFacts(copyKind, [{ articleId: 'a1', part: 'x > y', rank: 'a1 b2', data: '', version: 1 }]);
    const again = await link.analysis.addFacts(copyKind, [{ articleId: 'a1', part: 'x > y', rank: 'a1 b2', data: '', version: 1 }]);
    assert.equal(first.length, 1);
    assert.equal(again.length, 0, 'the copy fact is found by its rank and not added twice');
  });
});

test('partial indexes: on SQLite the pages read them, and kinds not read along them are not in them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-partial-indexes-'));
  const file = join(dir, 'store.db');
  const statements: string[] = [];
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    statements.push(source);
    return prepare.call(this, source);
  } as typeof prepare;
  try {
    const repository = new SqliteRepository(file);
    try {
      await storeRows(repository);
      await repository.pageFacts({ kind: 'event', order: 'rank', limit: 5, offset: 0 });
      await repository.pageFindings({ kind: 'figure-group', verdict: 'conflict', order: 'rank-desc', limit: 5, offset: 0 });
      await repository.pageFindings({ kind: 'figure-group', order: 'rank-desc', limit: 5, offset: 0 });
    } finally {
      await repository.close();
    }
  } finally {
    Database.prototype.prepare = prepare;
  }
  const db = new Database(file, { readonly: true });
  try {
    const planOf = (sql: string) => (db.prepare(`explain query plan ${sql.replace(/\?/g, "'100'")}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
    const pages: [table: string, test: (sql: string) => boolean, index: string][] = [
      ['analysis_facts', (s) => s.includes('order by "rank"'), 'analysis_facts_rank'],
      ['analysis_findings', (s) => s.includes('"verdict" =') && s.includes('order by "rank" desc'), 'analysis_findings_verdict_rank'],
      ['analysis_findings', (s) => !s.includes('"verdict" =') && s.includes('order by "rank" desc'), 'analysis_findings_rank'],
    ];
    for (const [table, isPage, index] of pages) {
      const sql = statements.find((s) => s.includes(`from "${table}"`) && isPage(s));
      assert.ok(sql, `the page of ${index} was read`);
      assert.match(sql, /"kind" = '[a-z-]+'/, 'the page names its kind');
      assert.match(planOf(sql), new RegExp(`INDEX ${index}\\b`), sql);
    }
    // A partial index cannot answer for a kind it does not hold.
    assert.throws(() => db.prepare(`select count(*) from analysis_facts indexed by analysis_facts_rank where kind = 'figure'`).get(), /no query solution/);
    assert.throws(() => db.prepare(`select count(*) from analysis_findings indexed by analysis_findings_rank where kind = 'figure-stale'`).get(), /no query solution/);
    assert.equal(db.prepare(`select count(*) from analysis_facts indexed by analysis_facts_rank where kind = 'event'`).pluck().get(), 3);
    assert.equal(db.prepare(`select count(*) from analysis_findings indexed by analysis_findings_verdict where kind = 'figure-group'`).pluck().get(), 3);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
