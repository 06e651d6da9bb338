/**
 * The place rows kept one article at a time (update.ts `updatePlaceContext`: where the first record of a place key puts
 * it, and the local place names) equal those a full rebuild makes from every stored placing record, whatever order the
 * articles come in, linked twice or analysed anew; and an article says "changed" exactly when what `groupFigures` reads
 * across measures to place records changed (the digest the rows replace). On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docFromText } from '../eval/attribution.ts';
import type { FigureRecord } from '../link/figure-groups.ts';
import type { AnalysisStore, Repository } from '../store/repository.ts';
import { openRepository } from '../store/open.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { placingFacts, rebuildAllFindings, updatePlaceContext } from './update.ts';
import { createTestDatabase, needsPostgres } from '../../test/helpers/postgres.ts';

/** Fictional places: a country code, local names in it, some the same name with or without the country. */
const localKeys = ['QV..villa norte', 'QV..norte', '..norte', 'QV..los alamos', 'QV..alamos', 'QV..puerto lirio', '..puerto lirio', 'QV..cerro azul de lirio', 'QV..cerro azul'];
const withinKeys = ['QV..puerto lirio', 'QV-07', 'QV..los alamos', 'QV-02', 'QV..alamos'];

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A few figure records of one article, most of which place others (a local name, or one put within another place). */
function records(random: () => number, articleId: string): FigureRecord[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: 1 + Math.floor(random() * 4) }, (): FigureRecord => {
    const base: FigureRecord = { articleId, outlet: null, reported: null, measure: pick(['killed', 'injured', 'detained'] as const), value: 1 + Math.floor(random() * 9), unit: '' };
    const roll = random();
    if (roll < 0.2) return { ...base, placeKey: 'QV', placeLevel: 'country' };
    if (roll < 0.5) return { ...base, placeKey: pick(localKeys), placeLevel: 'local' };
    return { ...base, placeKey: pick(localKeys), placeLevel: 'local', placeWithin: pick(withinKeys) };
  });
}

/** What the rows stand for, read from every stored placing record: the parents' places and the local names. */
async function digestOf(store: AnalysisStore): Promise<string> {
  const parents = new Map<string, string>();
  const local = new Set<string>();
  for (const f of await store.factsInParts('figure-place', [''])) {
    const r = JSON.parse(f.data) as FigureRecord;
    if (r.placeKey && r.placeWithin && !parents.has(r.placeKey)) parents.set(r.placeKey, r.placeWithin);
    if (r.placeLevel === 'local' && r.placeKey) local.add(r.placeKey);
    if (r.placeWithin?.includes('..')) local.add(r.placeWithin);
  }
  return JSON.stringify([[...parents].sort(), [...local].sort()]);
}

async function placeRows(repository: Repository): Promise<string> {
  const rows = [];
  for (const kind of ['place-parent', 'place-local', 'figure-context']) rows.push((await repository.pageFindings({ kind, limit: 1000, offset: 0 })).items.map((f) => [f.key, f.data]));
  return JSON.stringify(rows);
}

/** Links `article`'s records as `analyzeArticle` does: its placing facts replaced, then the rows brought up to date. */
async function link(repository: Repository, articleId: string, list: readonly FigureRecord[]): Promise<{ changed: boolean; digestChanged: boolean }> {
  return repository.linkTransaction(async ({ analysis }) => {
    const digest = await digestOf(analysis);
    const before = await analysis.factsOfArticle(articleId, 'figure-place');
    await analysis.putFacts(articleId, 'figure-place', placingFacts(list));
    const changed = await updatePlaceContext(analysis, articleId, before, list);
    return { changed, digestChanged: (await digestOf(analysis)) !== digest };
  });
}

async function roundsOn(open: () => Promise<{ repository: Repository; drop: () => Promise<void> }>): Promise<void> {
  const { repository, drop } = await open();
  try {
    await repository.migrate();
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const [saved] = await repository.saveArticles({ locator: `a${i}`, kind: 'text', contentType: '', charset: 'utf-8', raw: `article ${i}` }, [docFromText(`Article number ${i} of the test pile.`)]);
      ids.push(saved!.id);
    }
    const pile = new Map(ids.map((id, i) => [id, records(seeded(i + 1), id)]));
    let expected: string | null = null;
    for (let round = 0; round < 4; round++) {
      const random = seeded(100 + round);
      const order = [...ids].sort(() => random() - 0.5);
      await repository.linkTransaction(async ({ analysis }) => {
        for (const id of ids) await analysis.putFacts(id, 'figure-place', []);
        await rebuildAllFindings(analysis);
      });
      for (const id of order) {
        const { changed, digestChanged } = await link(repository, id, pile.get(id)!);
        assert.equal(changed, digestChanged, `round ${round}, article ${id}`);
        const again = await link(repository, id, pile.get(id)!);
        assert.deepEqual(again, { changed: false, digestChanged: false }, 'linking an article twice changes nothing');
      }
      const rows = await placeRows(repository);
      assert.ok(JSON.parse(rows)[0].length > 0 && JSON.parse(rows)[1].length > 0, 'the pile places some records');
      expected ??= rows;
      assert.equal(rows, expected, `round ${round}: the same rows whatever the order`);
      // An article analysed anew with other records, possibly holding a key's first record, then the full rebuild.
      const redone = order[round]!;
      const other = records(seeded(500 + round), redone);
      const { changed, digestChanged } = await link(repository, redone, other);
      assert.ok(changed || !digestChanged, 'a change of an article’s placing records is never missed');
      const kept = await placeRows(repository);
      await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
      assert.equal(await placeRows(repository), kept, 'the rows kept one article at a time equal a full rebuild');
      await link(repository, redone, pile.get(redone)!);
      await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
      assert.equal(await placeRows(repository), expected);
    }
  } finally {
    await repository.close();
    await drop();
  }
}

describe('place rows kept one article at a time', () => {
  test('equal a full rebuild in any arrival order, on SQLite', async () => {
    await roundsOn(async () => ({ repository: new SqliteRepository(':memory:'), drop: async () => undefined }));
  });

  test('equal a full rebuild in any arrival order, on PostgreSQL', { skip: needsPostgres }, async () => {
    await roundsOn(async () => {
      const { url, drop } = await createTestDatabase();
      return { repository: openRepository(url), drop };
    });
  });
});
