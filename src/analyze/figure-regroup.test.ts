/**
 * Figure groups regrouped by year of a cluster (update.ts `rebuildStaleFindings`: only the years of the clusters new
 * figures join, and every year of those a place's new parent moves records between) equal a full rebuild
 * (`rebuildAllFindings`) and the grouping of every record at once, whatever subset of the articles comes in whatever
 * order, with regroupings every few articles; an article analysed anew leaves the groups of the records it no longer
 * has. Fictional places only: a region with two towns, one with one town (its count joins the town's), local names a
 * later article puts inside a town; chains of reports that run on across years. Migrations 0019 and 0021 give a
 * store's figure facts the parts and ranks ingest gives them. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareCodePoints } from '../core/names.ts';
import { docFromText } from '../eval/attribution.ts';
import { dayNumber, figureDay, figureFactPart, type FigureGroup, type FigureRecord, groupFigures, yearHeadDays } from '../link/figure-groups.ts';
import type { AnalysisStore, Repository } from '../store/repository.ts';
import { figuresStored, putFigureFacts, rebuildAllFindings, rebuildStaleFindings } from './update.ts';
import { rawStoreEngines } from '../../test/helpers/raw-store.ts';
import { undoneTo } from '../../test/helpers/undo-migrations.ts';

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Places: a country, a region with two towns, a region with one town, local names (some put inside a town later). */
const places: Pick<FigureRecord, 'placeKey' | 'placeLevel'>[] = [
  { placeKey: 'QV', placeLevel: 'country' },
  { placeKey: 'QV.norte', placeLevel: 'region' },
  { placeKey: 'QV.norte.alto', placeLevel: 'city' },
  { placeKey: 'QV.norte.bajo', placeLevel: 'city' },
  { placeKey: 'QV.sur', placeLevel: 'region' },
  { placeKey: 'QV.sur.playa', placeLevel: 'city' },
  { placeKey: 'QV..cerro', placeLevel: 'local' },
  { placeKey: 'QV..villa lirio', placeLevel: 'local' },
  { placeKey: '..villa lirio', placeLevel: 'local' },
  { placeKey: 'QV..el molino', placeLevel: 'local' },
  { placeKey: 'QV..molino', placeLevel: 'local' },
];
const within = ['QV.norte.alto', 'QV.sur.playa', 'QV.norte', 'QV..cerro'];
const counters = ['the ombudsman', 'the ministry', 'Vigía Norte', undefined];
const subjects = ['Ana Torrez Villca', 'Ana Torres Villca', 'Bruno Quispe Lara', 'B. Quispe', ''];

/** One article's figure records: counts placed or not, dated or not, money, sentences; some place others. */
function article(random: () => number, articleId: string): FigureRecord[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const day = (from: number) => new Date(Date.UTC(2031, 0, 1 + from + Math.floor(random() * 60))).toISOString().slice(0, 10);
  const reported = random() < 0.9 ? day(random() < 0.5 ? 0 : 300) : null;
  return Array.from({ length: 1 + Math.floor(random() * 5) }, (): FigureRecord => {
    const measure = pick(['killed', 'killed', 'injured', 'money', 'sentence'] as const);
    const r: FigureRecord = {
      articleId,
      outlet: pick(['Diario Valmora', 'Radio Ollanta', null]),
      reported,
      measure,
      value: 1 + Math.floor(random() * 40),
      unit: measure === 'money' ? pick(['QVD', 'USD']) : '',
    };
    if (measure === 'sentence') {
      const subject = pick(subjects);
      if (subject) r.subject = subject;
      if (random() < 0.8) r.duration = pick(['P3Y', 'P4Y', 'P3Y6M']);
      return r;
    }
    const counter = pick(counters);
    if (counter) r.counter = counter;
    if (random() < 0.5) r.date = day(reported && reported > '2031-06' ? 300 : 0);
    if (random() < 0.2) r.cumulative = true;
    if (random() < 0.75) {
      Object.assign(r, pick(places));
      if (r.placeLevel === 'local' && random() < 0.35) r.placeWithin = pick(within);
    }
    return r;
  });
}

/** Every stored row of the figure groups and what regrouping keeps beside them, part included, in key order. */
async function rows(repository: Repository): Promise<string> {
  const out = [];
  for (const kind of ['figure-group', 'figure-place-grouped', 'figure-regroup', 'figure-stale', 'figure-years']) {
    const page = await repository.pageFindings({ kind, limit: 10_000, offset: 0 });
    out.push(page.items.map((f) => [f.key, f.part, f.verdict, f.rank, f.data, Number(f.version)]));
  }
  return JSON.stringify(out);
}

const savedIds = new WeakMap<Repository, Map<string, string>>();

/** The stored id of the test article `name` (saved on first use: facts belong to a stored article). */
async function idOf(repository: Repository, name: string): Promise<string> {
  const ids = savedIds.get(repository) ?? savedIds.set(repository, new Map()).get(repository)!;
  if (!ids.has(name)) {
    const [saved] = await repository.saveArticles({ locator: name, kind: 'text', contentType: '', charset: 'utf-8', raw: name }, [docFromText(`Article ${name} of the test pile.`)]);
    ids.set(name, saved!.id);
  }
  return ids.get(name)!;
}

/** Links `records` as the article `name`, as `analyzeArticle` does for its figures. */
async function link(repository: Repository, name: string, given: readonly FigureRecord[]): Promise<void> {
  const articleId = await idOf(repository, name);
  const records = given.map((r) => ({ ...r, articleId }));
  await repository.linkTransaction(async ({ analysis }) => {
    const figures = (await analysis.factsOfArticle(articleId, 'figure')).map((f) => JSON.parse(f.data) as FigureRecord);
    const placing = await analysis.factsOfArticle(articleId, 'figure-place');
    await putFigureFacts(analysis, articleId, records);
    await figuresStored(analysis, articleId, { figures, placing }, records);
  });
}

const regroup = (repository: Repository) => repository.linkTransaction(({ analysis }) => rebuildStaleFindings(analysis));

/**
 * Links the articles in `order` (some analysed anew later with other records), regrouping every few; then checks the
 * stored rows against a full rebuild and the groups against `groupFigures` of every record at once.
 */
async function checkOrder(repository: Repository, pile: ReadonlyMap<string, FigureRecord[]>, order: readonly string[], random: () => number): Promise<string> {
  await repository.migrate();
  const current = new Map<string, FigureRecord[]>();
  for (const id of order) {
    await link(repository, id, pile.get(id)!);
    current.set(id, pile.get(id)!);
    if (random() < 0.08 && current.size > 1) {
      // An earlier article analysed anew: other records, maybe none.
      const again = [...current.keys()][Math.floor(random() * current.size)]!;
      const records = random() < 0.3 ? [] : article(random, again);
      await link(repository, again, records);
      current.set(again, records);
    }
    if (random() < 0.3) await regroup(repository);
  }
  // Each article analysed anew once more, back to its own records: every order ends with the same pile.
  for (const [id, records] of current) if (records !== pile.get(id)) await link(repository, id, pile.get(id)!);
  await regroup(repository);
  const incremental = await rows(repository);
  await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
  assert.equal(incremental, await rows(repository), 'regrouped by cluster = rebuilt from every fact');
  const stored = await Promise.all([...current.keys()].map(async (name) => ({ id: await idOf(repository, name), records: pile.get(name)! })));
  const all = stored.sort((a, b) => compareCodePoints(a.id, b.id)).flatMap(({ id, records }) => records.map((r) => ({ ...r, articleId: id })));
  const expected = groupFigures(all).filter((g) => g.articles > 1);
  const groups = (await repository.pageFindings({ kind: 'figure-group', limit: 10_000, offset: 0 })).items.map((f) => f.data);
  assert.deepEqual(
    groups,
    expected.map((g) => JSON.stringify(g)),
  );
  return incremental;
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A pile whose counts run on for years: two towns and no place at all, each reported every few weeks from 2029 to
 * 2034 (chains a month or half a year apart never break), a town with a December crisis reported into February, and
 * undated pages that repeat counts.
 */
function longChains(random: () => number): Map<string, FigureRecord[]> {
  const pile = new Map<string, FigureRecord[]>();
  const day = (n: number) => new Date(Date.UTC(2029, 0, 1 + n)).toISOString().slice(0, 10);
  for (let i = 0; i < 70; i++) {
    const articleId = `c${String(i).padStart(3, '0')}`;
    const published = i === 69 ? null : day(Math.floor((i * 2100) / 69) + Math.floor(random() * 20));
    const records = Array.from({ length: 1 + Math.floor(random() * 3) }, (): FigureRecord => {
      const r: FigureRecord = { articleId, outlet: `Outlet ${i % 5}`, reported: published, measure: random() < 0.8 ? 'killed' : 'injured', value: 1 + Math.floor(random() * 12), unit: '' };
      const place = random();
      if (place < 0.4) Object.assign(r, { placeKey: 'QV.norte.alto', placeLevel: 'city' });
      else if (place < 0.7) Object.assign(r, { placeKey: 'QV.sur.playa', placeLevel: 'city' });
      else r.cumulative = true;
      if (random() < 0.5) r.counter = random() < 0.5 ? 'the ombudsman' : 'the ministry';
      return r;
    });
    pile.set(articleId, records);
  }
  // A crisis in Bajo from mid-December reported into February: one year's story.
  for (const [n, reported, value] of [
    [0, '2031-12-14', 3],
    [1, '2031-12-20', 5],
    [2, '2032-01-09', 6],
    [3, '2032-02-17', 6],
  ] as const) {
    pile.set(`d${n}`, [{ articleId: `d${n}`, outlet: `Outlet ${n}`, reported, measure: 'killed', value, unit: '', placeKey: 'QV.norte.bajo', placeLevel: 'city' }]);
  }
  return pile;
}

/** The analysis store of a transaction, counting the figure facts read. */
function counting(analysis: AnalysisStore, read: { facts: number }): AnalysisStore {
  return new Proxy(analysis, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'factsInParts' && key !== 'factsInRankRange') return value.bind(target);
      return async (...args: unknown[]) => {
        const out = (await value.apply(target, args)) as unknown[];
        if (args[0] === 'figure') read.facts += out.length;
        return out;
      };
    },
  });
}

for (const engine of rawStoreEngines) {
  describe(`figure groups regrouped by cluster (${engine.name})`, { skip: engine.skip }, () => {
    test('random subsets and orders of a pile give the groups of a full rebuild', async () => {
      const runs = engine.name === 'SQLite' ? 12 : 4;
      for (let seed = 1; seed <= runs; seed++) {
        const random = seeded(seed * 7919);
        const pile = new Map(Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(3, '0')}`).map((id) => [id, article(random, id)]));
        const ids = shuffled([...pile.keys()], random).slice(0, 12 + Math.floor(random() * 19));
        const results = new Set<string>();
        for (const order of [ids, shuffled(ids, random)]) {
          const { repository, drop } = await engine.open();
          try {
            results.add(await checkOrder(repository, pile, order, seeded(seed)));
          } finally {
            await drop();
          }
        }
        assert.equal(results.size, 1, 'the same rows whatever the order');
      }
    });

    test("a later article's parent for a local place moves earlier counts into a town's group; a region's count joins its one town's", async () => {
      const count = (articleId: string, value: number, place: Pick<FigureRecord, 'placeKey' | 'placeLevel' | 'placeWithin'>): FigureRecord => ({
        articleId,
        outlet: `Outlet ${articleId}`,
        reported: '2031-03-02',
        measure: 'killed',
        value,
        unit: '',
        date: '2031-03-01',
        ...place,
      });
      const pile = new Map<string, FigureRecord[]>([
        ['b1', [count('b1', 4, { placeKey: 'QV..cerro', placeLevel: 'local' })]],
        ['b2', [count('b2', 4, { placeKey: 'QV..cerro', placeLevel: 'local' })]],
        ['b3', [count('b3', 5, { placeKey: 'QV.norte.alto', placeLevel: 'city' })]],
        ['b4', [count('b4', 6, { placeKey: 'QV.sur', placeLevel: 'region' })]],
        ['b5', [count('b5', 6, { placeKey: 'QV.sur.playa', placeLevel: 'city' })]],
        // Puts el cerro inside Alto: b1's and b2's counts leave their own group for Alto's.
        ['b6', [count('b6', 5, { placeKey: 'QV..cerro', placeLevel: 'local', placeWithin: 'QV.norte.alto' })]],
      ]);
      const { repository, drop } = await engine.open();
      try {
        await repository.migrate();
        for (const id of ['b1', 'b2', 'b3', 'b4', 'b5']) await link(repository, id, pile.get(id)!);
        await regroup(repository);
        const keys = async () => (await repository.pageFindings({ kind: 'figure-group', limit: 100, offset: 0 })).items.map((f) => [f.key, f.part, JSON.parse(f.data).articles]);
        assert.deepEqual(await keys(), [
          ['killed||QV..cerro|people|2031-03-01', 'killed|QV..cerro|2031', 2],
          ['killed||QV.sur.playa|people|2031-03-01', 'killed|QV.sur|2031', 2],
        ]);
        await link(repository, 'b6', pile.get('b6')!);
        await regroup(repository);
        assert.deepEqual(await keys(), [
          ['killed||QV.norte.alto|people|2031-03-01', 'killed|QV.norte|2031', 4],
          ['killed||QV.sur.playa|people|2031-03-01', 'killed|QV.sur|2031', 2],
        ]);
        const before = await rows(repository);
        await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
        assert.equal(await rows(repository), before);
      } finally {
        await drop();
      }
      // The same pile in other orders: the same rows.
      const results = new Set<string>();
      for (const seed of [3, 4, 5]) {
        const { repository: other, drop: dropOther } = await engine.open();
        try {
          results.add(await checkOrder(other, pile, shuffled([...pile.keys()], seeded(seed)), seeded(seed)));
        } finally {
          await dropOther();
        }
      }
      assert.equal(results.size, 1);
    });

    test('migrations 0019 and 0021 give stored figure facts the parts and ranks ingest gives them, and the first regrouping rebuilds every group', async () => {
      const random = seeded(42);
      const pile = new Map(Array.from({ length: 20 }, (_, i) => [`m${i}`, article(random, `m${i}`)]));
      // Records made by hand: a place with no key, an empty subject, `other` figures.
      pile
        .get('m0')!
        .push(
          { articleId: 'm0', outlet: null, reported: '2031-02-01', measure: 'killed', value: 3, unit: '', place: 'Villa Sin Clave', date: '2031-02-01' },
          { articleId: 'm0', outlet: null, reported: '2031-02-01', measure: 'sentence', value: 3, unit: '', subject: '', duration: 'P3Y' },
          { articleId: 'm0', outlet: null, reported: '2031-02-01', measure: 'other', value: 3, unit: '', placeKey: 'QV.norte' },
        );
      pile.get('m1')!.push({ articleId: 'm1', outlet: null, reported: '2031-02-02', measure: 'killed', value: 3, unit: '', place: 'Villa Sin Clave', date: '2031-02-01' });
      const store = await engine.open();
      try {
        let repository = store.repository;
        await repository.migrate();
        for (const [id, records] of pile) await link(repository, id, records);
        await regroup(repository);
        const migrated = await rows(repository);
        // The store as a release before 0019 left it: facts by measure and unranked, groups by measure, no cluster rows.
        const measureOf = repository.engine === 'postgres' ? "(data::json->>'measure')" : "json_extract(data, '$.measure')";
        repository = await store.rewritten([
          ...undoneTo('0018_speaker_claims_by_date', repository.engine),
          `update analysis_facts set part = ${measureOf} where kind = 'figure'`,
          `update analysis_findings set part = ${measureOf} where kind = 'figure-group'`,
          "delete from analysis_findings where kind in ('figure-place-grouped', 'figure-regroup', 'figure-years')",
        ]);
        await repository.migrate();
        const facts = await repository.linkTransaction(({ analysis }) => analysis.factsInParts('figure', [...new Set([...pile.values()].flat().map(figureFactPart))]));
        assert.equal(facts.length, [...pile.values()].flat().length);
        for (const f of facts) {
          assert.equal(f.part, figureFactPart(JSON.parse(f.data) as FigureRecord), f.data);
          assert.equal(f.rank, figureDay(JSON.parse(f.data) as FigureRecord), f.data);
        }
        assert.ok(facts.some((f) => f.rank !== ''));
        // A new article's regrouping rebuilds every group once (none is left under its measure).
        await link(repository, 'm99', article(random, 'm99'));
        await regroup(repository);
        const after = await rows(repository);
        await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
        assert.equal(after, await rows(repository));
        assert.notEqual(migrated, after, 'the new article changed some group');
      } finally {
        await store.drop();
      }
    });

    test('chains of reports across years: groups stay within a year and the first months of the next, in any order the same as a full rebuild', async () => {
      const results = new Set<string>();
      const pile = longChains(seeded(11));
      for (const seed of engine.name === 'SQLite' ? [1, 2, 3] : [1]) {
        const { repository, drop } = await engine.open();
        try {
          results.add(await checkOrder(repository, pile, shuffled([...pile.keys()], seeded(seed)), seeded(seed)));
          const groups = (await repository.pageFindings({ kind: 'figure-group', limit: 10_000, offset: 0 })).items.map((f) => JSON.parse(f.data) as FigureGroup);
          for (const g of groups) {
            const days = g.reports.flatMap((r) => (figureDay(r) ? [dayNumber(figureDay(r))] : []));
            // A group holds one year's reports and those of the next year's first months that a chain joins to them.
            assert.ok(Math.max(...days) - Math.min(...days) < 366 + yearHeadDays, g.key);
          }
          // The town's placed chain runs on across six years: its counts are grouped a year at a time.
          const alto = new Set(groups.filter((g) => g.key.startsWith('killed||QV.norte.alto|people|') && !g.key.includes('|by:')).map((g) => g.key.split('|')[4]!.slice(0, 4)));
          assert.ok(alto.size >= 5, [...alto].join(' '));
          // The December crisis reported into February is one group.
          const bajo = groups.filter((g) => g.key.startsWith('killed||QV.norte.bajo|'));
          assert.deepEqual(
            bajo.map((g) => [g.key, g.articles]),
            [['killed||QV.norte.bajo|people|2031-12-14', 4]],
          );
        } finally {
          await drop();
        }
      }
      assert.equal(results.size, 1, 'the same rows whatever the order');
    });

    test("a regrouping reads the facts of the years new figures join, whatever the pile's length", async () => {
      // One town reported every 9 days for 5 or 10 years; one more article in mid-2033 reads two and a half years of them.
      const reads: number[] = [];
      for (const years of [5, 10]) {
        const { repository, drop } = await engine.open();
        try {
          await repository.migrate();
          const pile = new Map<string, FigureRecord[]>();
          for (let n = 0; n * 9 < years * 365; n++) {
            const reported = new Date(Date.UTC(2034 - years, 0, 1 + n * 9)).toISOString().slice(0, 10);
            pile.set(`t${n}`, [{ articleId: `t${n}`, outlet: `Outlet ${n % 3}`, reported, measure: 'killed', value: 2 + (n % 7), unit: '', placeKey: 'QV.norte.alto', placeLevel: 'city' }]);
          }
          const ids = new Map<string, string>();
          for (const name of pile.keys()) ids.set(name, await idOf(repository, name));
          await repository.linkTransaction(async ({ analysis }) => {
            for (const [name, records] of pile) {
              const articleId = ids.get(name)!;
              await putFigureFacts(
                analysis,
                articleId,
                records.map((r) => ({ ...r, articleId })),
              );
            }
            await rebuildAllFindings(analysis);
          });
          await link(repository, 'new', [{ articleId: 'new', outlet: 'Outlet 9', reported: '2033-06-10', measure: 'killed', value: 4, unit: '', placeKey: 'QV.norte.alto', placeLevel: 'city' }]);
          const read = { facts: 0 };
          await repository.linkTransaction(({ analysis }) => rebuildStaleFindings(counting(analysis, read)));
          reads.push(read.facts);
          const incremental = await rows(repository);
          await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
          assert.equal(incremental, await rows(repository));
        } finally {
          await drop();
        }
      }
      // June is early enough in 2033 to join 2032's chain: 2032 and 2033 and the half year before them (the pile ends
      // with 2033), about 915 days of reports every 9 days, of the 5 or 10 years.
      assert.equal(reads[0], reads[1]);
      assert.ok(reads[1]! <= 103, String(reads[1]));
    });
  });
}
