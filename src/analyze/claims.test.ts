/**
 * The stored claims ledger and claim origins, kept one article at a time, equal what the pure functions give over the
 * whole pile at once; they do not depend on the order the articles came in, and a merge of entities made by a later
 * article shows on the claims stored before it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Doc, Hedge } from '../core/doc.ts';
import { compareCodePoints } from '../core/names.ts';
import { listClaims } from '../annotate/quotes/claims.ts';
import { findCitations, resolveCitations } from '../link/citations.ts';
import type { Copy } from '../link/copies.ts';
import { foldName, withoutTitles } from '../link/entity-names.ts';
import { valueOrigins } from '../link/figure-origins.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import type { Pipeline } from '../core/pipeline.ts';
import type { Repository, StoredArticle } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { type ClaimRow, type ClaimSort, claimPage, entityClaims } from './claims.ts';
import { storedOrigins } from './origins.ts';
import { allFigureGroups } from './read.ts';
import { reanalyze } from './reanalyze.ts';
import { samplesDir } from '../../test/helpers/shared.ts';

const asDoc = (a: StoredArticle): Doc => ({ id: a.id, contentHash: a.contentHash, text: a.text, meta: a.meta, sourceMap: a.sourceMap, messages: a.messages, ...a.layers });
const place = (c: Pick<ClaimRow, 'articleId' | 'start' | 'end'>) => `${c.articleId}:${c.start}:${c.end}`;

async function docsOf(repository: Repository): Promise<Doc[]> {
  const docs: Doc[] = [];
  for await (const article of repository.allArticles()) docs.push(asDoc(article));
  return docs.sort((a, b) => compareCodePoints(a.id, b.id));
}

/** Every page of the ledger for a filter and sort. */
async function ledger(repository: Repository, filter: { by?: string; about?: string; hedge?: Hedge; sort?: ClaimSort; order?: 'asc' | 'desc' } = {}): Promise<ClaimRow[]> {
  const out: ClaimRow[] = [];
  for (let offset = 0; ; offset += 7) {
    const page = await claimPage(repository, { ...filter, limit: 7, offset });
    out.push(...page.items);
    if (offset + 7 >= page.total) return out;
  }
}

/** The entity a speaker's name belongs to now, as every surface resolves a name: its stored name, else without titles. */
async function speakerEntity(repository: Repository, c: ClaimRow): Promise<string | null> {
  const name = c.speakerEntity ?? c.speaker;
  if (!name) return null;
  return (await repository.entitiesNamed(foldName(name)))[0] ?? (await repository.entitiesNamed(withoutTitles(foldName(name))))[0] ?? null;
}

/** The article files of the samples in a seeded shuffle. */
function shuffled(seed: number): string[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const files = readdirSync(samplesDir)
    .filter((n) => /^\d+[-_]/.test(n))
    .sort()
    .map((n) => join(samplesDir, n));
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  return files;
}

/** Everything the claims surfaces answer, as one string: every sort and order, a few filters, every entity's claims. */
async function ledgerState(repository: Repository): Promise<string> {
  const parts: unknown[] = [];
  for (const sort of ['published', 'speaker', 'hedge', 'outlet'] as const) for (const order of ['asc', 'desc'] as const) parts.push(await ledger(repository, { sort, order }));
  parts.push(await ledger(repository, { hedge: 'alleged' }), await ledger(repository, { by: 'minist' }), await ledger(repository, { about: 'a' }));
  const entities = (await repository.listEntities({ limit: 500 })).items.map((e) => e.id).sort();
  for (const id of entities) parts.push(id, await entityClaims(repository, id, 500));
  const { citations } = await storedOrigins(
    repository,
    (await docsOf(repository)).map((d) => d.id),
  );
  parts.push(citations);
  return JSON.stringify(parts);
}

describe('claims: the stored ledger', () => {
  let pipeline: Pipeline;
  let samples: Repository;
  before(async () => {
    pipeline = await defaultPipeline();
    samples = new SqliteRepository(':memory:');
    await samples.migrate();
    await ingest([samplesDir], samples, { pipeline });
  });
  after(() => samples.close());

  test('every claim of listClaims once; filters find what listClaims finds (its folding, speaker as written or resolved, names in the content)', async () => {
    const docs = await docsOf(samples);
    const expected = listClaims(docs.map((d) => ({ id: d.id, text: d.text, entities: d.entities, quotes: d.quotes, sentences: d.sentences })));
    const stored = await ledger(samples);
    assert.ok(expected.length > 20);
    assert.deepEqual(stored.map(place).sort(), expected.map(place).sort());
    const byPlace = new Map(stored.map((c) => [place(c), c]));
    const meta = new Map(docs.map((d) => [d.id, d.meta]));
    for (const c of expected) {
      const m = meta.get(c.articleId)!;
      assert.deepEqual(byPlace.get(place(c)), { ...c, title: m.title, outlet: m.outlet, published: m.published });
    }
    const speakers = [...new Set(expected.flatMap((c) => (c.speakerEntity ? [c.speakerEntity.split(' ').at(-1)!] : [])))].slice(0, 6);
    const mentioned = [...new Set(docs.flatMap((d) => (d.entities ?? []).map((e) => e.text.split(' ')[0]!)))].slice(0, 12);
    for (const filter of [...speakers.map((by) => ({ by })), ...mentioned.map((about) => ({ about })), { hedge: 'reported' as const }, { by: 'ÁLVAREZ  ' }, { about: 'zz-none' }]) {
      const want = listClaims(
        docs.map((d) => ({ id: d.id, text: d.text, entities: d.entities, quotes: d.quotes, sentences: d.sentences })),
        filter,
      )
        .map(place)
        .sort();
      assert.deepEqual((await ledger(samples, filter)).map(place).sort(), want, JSON.stringify(filter));
    }
  });

  test('sorted by each key, code-point order, rows without the value last in either order, ties by article then place', async () => {
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
    const keyOf: Record<ClaimSort, (c: ClaimRow) => string> = {
      published: (c) => c.published ?? '',
      speaker: (c) => fold(c.speakerEntity ?? c.speaker ?? ''),
      hedge: (c) => c.hedge,
      outlet: (c) => fold(c.outlet ?? ''),
    };
    const all = await ledger(samples);
    for (const sort of ['published', 'speaker', 'hedge', 'outlet'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const sign = order === 'desc' ? -1 : 1;
        const want = [...all].sort((a, b) => {
          const [x, y] = [keyOf[sort](a), keyOf[sort](b)];
          return (x === '' || y === '' ? Number(x === '') - Number(y === '') : sign * compareCodePoints(x, y)) || compareCodePoints(a.articleId, b.articleId) || a.start - b.start;
        });
        assert.deepEqual((await ledger(samples, { sort, order })).map(place), want.map(place), `${sort} ${order}`);
      }
    }
  });

  test("an entity's claims are those whose speaker's name is the entity's, latest article first", async () => {
    const all = await ledger(samples);
    const byEntity = new Map<string, string[]>();
    for (const c of all) {
      const id = await speakerEntity(samples, c);
      if (id) byEntity.set(id, [...(byEntity.get(id) ?? []), place(c)]);
    }
    assert.ok(byEntity.size > 5);
    for (const e of (await samples.listEntities({ limit: 500 })).items) {
      const { claims, claimTotal } = await entityClaims(samples, e.id, 500);
      assert.deepEqual(claims.map(place).sort(), (byEntity.get(e.id) ?? []).sort(), e.name);
      assert.equal(claimTotal, claims.length);
      const dates = claims.map((c) => c.published ?? '').filter(Boolean);
      assert.deepEqual(dates, [...dates].sort().reverse());
    }
  });

  test('claim origins: stored citations give the independent origins the whole pile gives', async () => {
    const docs = await docsOf(samples);
    const outlets = [...new Set(docs.map((d) => d.meta.outlet).filter((o): o is string => !!o))];
    const articles = docs.map((d) => ({ id: d.id, outlet: d.meta.outlet, authors: d.meta.authors, published: d.meta.published }));
    const citations = resolveCitations(
      docs.flatMap((d) => findCitations(d.id, d.text, { outlets, ownOutlet: d.meta.outlet })),
      articles,
    );
    const links: Copy[] = (await samples.listCopies()).map((c) => ({ copy: c.copyId, original: c.originalId, similarity: c.similarity, kind: c.kind as Copy['kind'] }));
    const groups = await allFigureGroups(samples);
    const ids = [...new Set(groups.flatMap((g) => g.reports.map((r) => r.articleId)))];
    const stored = await storedOrigins(samples, ids);
    const byId = new Map(articles.map((a) => [a.id, a]));
    assert.ok(
      citations.some((c) => c.citedArticle && ids.includes(c.citing)),
      'some article of a group cites another of the pile',
    );
    for (const g of groups) assert.deepEqual(valueOrigins(g, stored.articles, links, stored.citations), valueOrigins(g, byId, links, citations), g.key);
    assert.deepEqual(
      stored.citations.map((c) => JSON.stringify(c)).sort(),
      citations
        .filter((c) => ids.includes(c.citing))
        .map((c) => JSON.stringify(c))
        .sort(),
    );
  });

  test('reanalyze: the same ledger, rebuilt', async () => {
    const expected = await ledgerState(samples);
    await reanalyze(samples);
    assert.equal(await ledgerState(samples), expected);
  });

  test('3 arrival orders, one article at a time: the same ledger, entity claims and citations; a merge that comes late moves the claims stored before it', async () => {
    const expected = await ledgerState(samples);
    let late = 0;
    for (const seed of [3, 11, 29]) {
      const repository = new SqliteRepository(':memory:');
      await repository.migrate();
      // The entity each claim's speaker had when its article was stored.
      const then = new Map<string, string | null>();
      for (const file of shuffled(seed)) {
        const summary = await ingest([file], repository, { pipeline });
        assert.equal(summary.failed.length, 0);
        for (const c of await ledger(repository)) if (!then.has(place(c))) then.set(place(c), await speakerEntity(repository, c));
      }
      assert.equal(await ledgerState(repository), expected, `order ${seed}`);
      for (const c of await ledger(repository)) {
        const now = await speakerEntity(repository, c);
        const was = then.get(place(c));
        if (!now || !was || now === was) continue;
        late++;
        const { claims } = await entityClaims(repository, now, 500);
        assert.ok(
          claims.some((x) => place(x) === place(c)),
          `${c.speakerEntity ?? c.speaker}: listed under the entity it was merged into`,
        );
        assert.ok(!(await entityClaims(repository, was, 500)).claims.some((x) => place(x) === place(c)) || was === now);
      }
      await repository.close();
    }
    assert.ok(late > 0, 'some arrival order merges a speaker into another entity after its claims were stored');
  });
});
