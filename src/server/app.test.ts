import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { ArticleSummary, Page, Repository, SearchHit } from '../store/repository.ts';
import { createApp } from './app.ts';
import type { JobState } from './jobs.ts';
import { openApiDocument as makeOpenApiDocument } from '../contract/routes.ts';
import { serve } from './serve.ts';
import { startServer } from './start.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samples = join(repoRoot, 'samples', 'articles');
const token = 'test-token-0123456789';

let dir: string;
let repository: Repository;
let app: ReturnType<typeof createApp>;
let locked: ReturnType<typeof createApp>;

const get = async <T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> => {
  const response = await app.request(path, init);
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: (type.includes('json') ? await response.json() : await response.text()) as T, headers: response.headers };
};
type ErrorBody = { error: { code: string; message: string } };

const waitForJob = async (target: ReturnType<typeof createApp>, id: string): Promise<JobState> => {
  for (let i = 0; i < 200; i++) {
    const job = (await (await target.request(`/api/jobs/${id}`)).json()) as JobState;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} did not finish`);
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quipu-server-'));
  repository = openRepository(join(dir, 'store.db'));
  await repository.migrate();
  const pipeline = await defaultPipeline();
  const summary = await ingest([samples], repository, { pipeline });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  app = createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 64 * 1024, logError: () => undefined });
  locked = createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 64 * 1024, token, logError: () => undefined });
});

after(async () => {
  await app.jobs.idle();
  await locked.jobs.idle();
  await repository.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('articles', () => {
  test('articles: pages through every article with total, limit and offset', async () => {
    const first = await get<Page<ArticleSummary>>('/api/articles?limit=5');
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 5);
    assert.equal(first.body.limit, 5);
    assert.equal(first.body.offset, 0);
    const total = first.body.total;
    assert.ok(total >= 15, `total ${total}`);
    const seen = new Set<string>();
    for (let offset = 0; offset < total; offset += 5) {
      const page = await get<Page<ArticleSummary>>(`/api/articles?limit=5&offset=${offset}`);
      for (const item of page.body.items) seen.add(item.id);
    }
    assert.equal(seen.size, total);
    const past = await get<Page<ArticleSummary>>(`/api/articles?offset=${total}`);
    assert.deepEqual(past.body.items, []);
  });

  test('articles: filters by language, outlet and date range', async () => {
    const stats = (await get<{ outlets: { outlet: string | null; articles: number }[] }>('/api/stats')).body;
    const outlet = stats.outlets.find((o) => o.outlet)!;
    const byOutlet = await get<Page<ArticleSummary>>(`/api/articles?outlet=${encodeURIComponent(outlet.outlet!.toUpperCase())}`);
    assert.equal(byOutlet.body.total, outlet.articles);
    assert.ok(byOutlet.body.items.every((a) => a.meta.outlet?.toLowerCase() === outlet.outlet!.toLowerCase()));

    const spanish = await get<Page<ArticleSummary>>('/api/articles?language=es&limit=500');
    assert.ok(spanish.body.total > 0);
    assert.ok(spanish.body.items.every((a) => a.meta.language === 'es'));

    const dated = (await get<Page<ArticleSummary>>('/api/articles?limit=500')).body.items.filter((a) => a.meta.published);
    const day = dated[0]!.meta.published!.slice(0, 7);
    const month = await get<Page<ArticleSummary>>(`/api/articles?from=${day}&to=${day}&limit=500`);
    assert.equal(month.body.total, dated.filter((a) => a.meta.published!.startsWith(day)).length);
  });

  test('articles: malformed limit, offset, dates and language are 400 with a message, never 500', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'limit=1.5', 'offset=-1', 'from=2023-13', 'to=yesterday', 'language=english', 'from=2023-02-30']) {
      const response = await get<ErrorBody>(`/api/articles?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.body.error.code, 'E_CONFIG');
      assert.match(response.body.error.message, /takes/, query);
    }
  });

  test('articles: one article with text, layers and messages; layers can be narrowed; unknown ids are 404', async () => {
    const id = (await get<Page<ArticleSummary>>('/api/articles?limit=1')).body.items[0]!.id;
    const article = await get<{ id: string; text: string; layers: Record<string, { start: number; end: number; text: string }[]>; messages: unknown[]; sourceMap?: unknown }>(`/api/articles/${id}`);
    assert.equal(article.status, 200);
    assert.equal(article.body.id, id);
    assert.ok(article.body.text.length > 0);
    assert.ok(Array.isArray(article.body.messages));
    assert.equal(article.body.sourceMap, undefined);
    for (const timex of article.body.layers.timexes ?? []) assert.equal(article.body.text.slice(timex.start, timex.end), timex.text);

    const narrowed = await get<{ layers: Record<string, unknown> }>(`/api/articles/${id}?layers=timexes`);
    assert.deepEqual(
      Object.keys(narrowed.body.layers).filter((name) => name !== 'timexes'),
      [],
    );
    assert.equal((await get(`/api/articles/${id}?layers=bogus`)).status, 400);

    const missing = await get<ErrorBody>('/api/articles/0000000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'E_NOT_FOUND');
    assert.equal((await get('/api/articles/0000000000000000/source')).status, 404);
  });

  test('articles: the source is the decoded raw item with the text-to-raw map', async () => {
    const html = (await get<Page<ArticleSummary>>('/api/articles?limit=500')).body.items.find((a) => a.meta.source.endsWith('.html'))!;
    const source = await get<{ kind: string; raw: string; locator: string; sourceMap: unknown[] }>(`/api/articles/${html.id}/source`);
    assert.equal(source.status, 200);
    assert.equal(source.body.kind, 'html');
    assert.match(source.body.raw, /<html/i);
    assert.ok(source.body.sourceMap.length > 0);
  });
});

describe('search and stats', () => {
  test('search: ranked hits with snippets whose highlights mark the query words', async () => {
    const response = await get<Page<SearchHit>>('/api/search?q=Etxeberri&limit=3');
    assert.equal(response.status, 200);
    assert.ok(response.body.total > 0);
    assert.ok(response.body.items.length <= 3);
    const hit = response.body.items[0]!;
    assert.ok(hit.highlights.length > 0);
    assert.match(hit.snippet, /etxeberri/i);
  });

  // The store computes highlight offsets before it collapses the snippet's whitespace, so a snippet with a line
  // break before the match has them shifted (splitHighlights in src/store/kysely-repository.ts). Todo until that is fixed there.
  test('search: highlight offsets point at the matched words', async () => {
    const response = await get<Page<SearchHit>>('/api/search?q=Etxeberri&limit=20');
    for (const hit of response.body.items) {
      for (const [start, end] of hit.highlights) assert.match(hit.snippet.slice(start, end), /etxeberri/i);
    }
  });

  test('search: a missing, wordless, overlong or malformed query is 400 with a clear message', async () => {
    for (const query of ['', 'q=', 'q=%22%22', 'q=-only', `q=${'a'.repeat(501)}`, 'q=x&limit=0', 'q=(((%22', 'q=OR']) {
      const response = await get<ErrorBody>(`/api/search?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.body.error.code, 'E_CONFIG');
      assert.ok(response.body.error.message.length > 10);
    }
  });

  test('stats: counts by outlet and language and the date range', async () => {
    const stats = await get<{ articles: number; outlets: unknown[]; languages: { language: string }[]; published: { earliest: string } }>('/api/stats');
    assert.equal(stats.status, 200);
    assert.ok(stats.body.articles >= 15);
    assert.ok(stats.body.languages.some((l) => l.language === 'es'));
    assert.match(stats.body.published.earliest, /^\d{4}/);
  });

  test('errors: an unexpected failure is a 500 with a generic message and no stack', async () => {
    const logged: unknown[] = [];
    const broken = {
      ...repository,
      stats: async () => {
        throw new Error('secret /home/path details');
      },
    } as Repository;
    const failing = createApp({ repository: broken, pipeline: await defaultPipeline(), allowPrivate: false, maxUploadBytes: 1024, logError: (e) => logged.push(e) });
    const response = await failing.request('/api/stats');
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.doesNotMatch(text, /secret|home|at /);
    assert.equal((JSON.parse(text) as ErrorBody).error.code, 'E_INTERNAL');
    assert.equal(logged.length, 1);
  });

  test('errors: unknown API routes are a JSON 404', async () => {
    const response = await get<ErrorBody>('/api/nothing-here');
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'E_NOT_FOUND');
  });
});

describe('across articles', () => {
  type Claim = {
    articleId: string;
    speaker: string | null;
    speakerEntity: string | null;
    hedge: string;
    content: string;
    sentence: { start: number; end: number };
    start: number;
    end: number;
    published: string | null;
  };
  type Group = {
    key: string;
    lastReported: string | null;
    measure: string;
    place: string | null;
    verdict: string;
    values: string[];
    reports: { articleId: string; outlet: string | null; reported: string | null; value: number }[];
  };
  type EntitySummary = { key: string; name: string; type: string; mentions: number; articles: number };

  test('claims: a paged ledger filtered by hedge and speaker, sorted on request, each span inside its article', async () => {
    const all = await get<Page<Claim>>('/api/claims?limit=500');
    assert.equal(all.status, 200);
    assert.ok(all.body.total > 20, `total ${all.body.total}`);
    const alleged = await get<Page<Claim>>('/api/claims?hedge=alleged&limit=500');
    assert.ok(alleged.body.total > 0 && alleged.body.total < all.body.total);
    assert.ok(alleged.body.items.every((c) => c.hedge === 'alleged'));
    const claim = alleged.body.items[0]!;
    const article = await get<{ text: string }>(`/api/articles/${claim.articleId}`);
    assert.ok(claim.sentence.start <= claim.start && claim.end <= claim.sentence.end && claim.sentence.end <= article.body.text.length);

    const byCarcamo = await get<Page<Claim>>('/api/claims?by=carcamo&limit=500');
    assert.ok(byCarcamo.body.total > 0);
    assert.ok(byCarcamo.body.items.every((c) => /c[aá]rcamo/i.test(`${c.speaker} ${c.speakerEntity}`)));

    const paged = await get<Page<Claim>>('/api/claims?limit=3&offset=3');
    assert.deepEqual(paged.body.items, all.body.items.slice(3, 6));
    const newest = await get<Page<Claim>>('/api/claims?sort=published&order=desc&limit=500');
    const dates = newest.body.items.map((c) => c.published).filter((d): d is string => d !== null);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const bySpeaker = (await get<Page<Claim>>('/api/claims?sort=speaker&limit=500')).body.items;
    assert.equal(bySpeaker.at(-1)!.speaker, null, 'unattributed claims sort last');
    for (const query of ['hedge=maybe', 'sort=length', 'order=up', `by=${'x'.repeat(201)}`, 'limit=0']) {
      const response = await get<ErrorBody>(`/api/claims?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.body.error.code, 'E_CONFIG');
    }
  });

  test('conflicts: the Chaupimayo toll is a conflict of 12 against 14 across outlets; verdict filters', async () => {
    const conflicts = await get<Page<Group>>('/api/conflicts?verdict=conflict');
    assert.equal(conflicts.status, 200);
    assert.ok(conflicts.body.items.every((g) => g.verdict === 'conflict'));
    const chaupimayo = conflicts.body.items.find((g) => g.measure === 'killed' && g.place === 'Chaupimayo' && g.values.includes('12') && g.values.includes('14'));
    assert.ok(chaupimayo, JSON.stringify(conflicts.body.items.map((g) => [g.measure, g.place, g.values])));
    assert.ok(new Set(chaupimayo.reports.map((r) => r.outlet)).size >= 2);
    const reported = chaupimayo.reports.map((r) => r.reported ?? '');
    assert.deepEqual(reported, [...reported].sort());
    const all = await get<Page<Group>>('/api/conflicts');
    assert.ok(all.body.items.some((g) => g.verdict === 'evolving'));
    assert.equal((await get('/api/conflicts?verdict=wrong')).status, 400);
    assert.equal((await get('/api/conflicts?sort=newest')).status, 400);
    assert.equal(chaupimayo.lastReported, reported.at(-1));
  });

  test("date conflicts: Etxeberri's sentencing is dated 10 October by one outlet and 9 October by the others, each report with its sentence", async () => {
    type DateConflict = {
      key: string;
      entity: { key: string; name: string; type: string };
      happening: string;
      values: { date: string; articleIds: string[]; outlets: string[] }[];
      reports: { article: { id: string; outlet: string | null }; date: string; start: number; end: number; text: string; repeats: number }[];
    };
    const page = await get<Page<DateConflict>>('/api/date-conflicts');
    assert.equal(page.status, 200);
    const sentencing = page.body.items.find((c) => c.entity.key === 'ramiro-etxeberri' && c.happening === 'sentencing');
    assert.ok(sentencing, JSON.stringify(page.body.items.map((c) => [c.entity.key, c.happening])));
    assert.equal(sentencing.entity.type, 'PER');
    assert.deepEqual(sentencing.values.map((v) => v.date.slice(5)).sort(), ['10-09', '10-10']);
    assert.ok(sentencing.reports.every((r) => r.repeats >= 1) && sentencing.reports.reduce((n, r) => n + r.repeats, 0) === (sentencing as unknown as { reportTotal: number }).reportTotal);
    for (const r of sentencing.reports) {
      const article = await get<{ text: string }>(`/api/articles/${r.article.id}`);
      assert.equal(article.body.text.slice(r.start, r.end), r.text);
      assert.match(r.text, /Etxeberri/);
    }
    assert.equal((await get('/api/date-conflicts?limit=0')).status, 400);
  });

  test('conflicts: sort=latest puts the group reported most recently first; key= picks one group', async () => {
    const latest = (await get<Page<Group>>('/api/conflicts?sort=latest&limit=500')).body.items;
    const last = latest.map((g) => g.lastReported ?? '');
    assert.ok(last.length > 2);
    assert.deepEqual(last, [...last].sort().reverse());
    const byKey = (await get<Page<Group>>('/api/conflicts?limit=500')).body.items;
    assert.deepEqual(new Set(latest.map((g) => g.key)), new Set(byKey.map((g) => g.key)), 'the same groups in another order');
    const one = await get<Page<Group>>(`/api/conflicts?key=${encodeURIComponent(latest[1]!.key)}`);
    assert.equal(one.body.total, 1);
    assert.equal(one.body.items[0]!.key, latest[1]!.key);
    assert.equal((await get<Page<Group>>('/api/conflicts?key=no-such-group')).body.total, 0);
  });

  test('copies: a syndicated copy names its original, both as article references, with a similarity', async () => {
    const copies =
      await get<Page<{ kind: string; similarity: number; translated?: boolean; copy: { id: string; outlet: string | null }; original: { id: string; published: string | null } }>>('/api/copies');
    assert.equal(copies.status, 200);
    // (a translated copy shares no words with its original: its similarity is 0)
    const syndicated = copies.body.items.find((c) => c.kind === 'syndicated' && !c.translated);
    assert.ok(syndicated);
    assert.ok(syndicated.similarity >= 0.5 && syndicated.similarity <= 1);
    assert.notEqual(syndicated.copy.id, syndicated.original.id);
    assert.ok(syndicated.original.published);
  });

  test('copies: the links stored at ingest, as `quipu copies --json` lists them, each row counting its paragraphs and changes; the pair gives them', async () => {
    type Row = {
      kind: string;
      similarity: number;
      copy: { id: string; outlet: string | null; title: string | null };
      original: { id: string; outlet: string | null; title: string | null };
      translated?: boolean;
      coverage?: number;
      paragraphs?: number;
      changeCount: number;
      firstChange?: string;
    };
    type Change = { kind: string; note: string; copy: { start: number; end: number; text: string }; original: { text: string } };
    const copies = await get<Page<Row>>('/api/copies?limit=500');
    assert.equal(copies.status, 200);
    // 17 (La Gaceta de Quispal, in Spanish) copies 02 (The Andean Ledger, in English).
    const translated = copies.body.items.filter((c) => c.translated);
    assert.deepEqual(
      translated.map((c) => [c.copy.outlet, c.original.outlet]),
      [['La Gaceta de Quispal', 'The Andean Ledger']],
    );
    // 16 (The Highland Courier) carries part of 06 (Condorpress) and changes how long the bridge was held.
    const partial = copies.body.items.find((c) => c.copy.outlet === 'The Highland Courier' && c.original.title?.startsWith('Twelve Killed'));
    assert.ok(partial, JSON.stringify(copies.body.items.map((c) => [c.copy.outlet, c.original.title])));
    assert.ok(partial.coverage! > 0 && partial.coverage! < 1 && partial.paragraphs! > 0);
    assert.ok(partial.changeCount > 0 && partial.firstChange);
    assert.ok(!('changes' in partial) && !('extent' in partial));
    // The changes themselves come with the pair.
    const pair = await get<{ link: { extent: unknown[]; changes: Change[] } }>(`/api/copies/${partial.copy.id}/${partial.original.id}`);
    assert.equal(pair.body.link.changes.length, partial.changeCount);
    assert.equal(pair.body.link.changes[0]!.note, partial.firstChange);
    assert.equal(pair.body.link.extent.length, partial.paragraphs);
    const change = pair.body.link.changes.find((x) => x.note === 'this copy says nine days where its source says eleven');
    assert.ok(change);
    const article = await get<{ text: string }>(`/api/articles/${partial.copy.id}`);
    assert.equal(article.body.text.slice(change.copy.start, change.copy.end), change.copy.text);

    // The same links as the CLI's, field for field but the extent and changes counted, in its order; and paged in that order.
    const cli = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), 'copies', '--db', join(dir, 'store.db'), '--json'], {
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, QUIPU_FROM_SOURCE: '1' },
    });
    assert.equal(cli.status, 0, cli.stderr);
    const listed = JSON.parse(cli.stdout) as { items: ({ extent?: unknown[]; changes?: Change[] } & Record<string, unknown>)[]; total: number };
    assert.equal(copies.body.total, listed.total);
    assert.deepEqual(
      copies.body.items.map(({ copy, original, ...rest }) => ({ copyId: copy.id, originalId: original.id, ...rest })),
      listed.items.map(({ extent, changes, ...rest }) => ({
        ...rest,
        ...(extent ? { paragraphs: extent.length } : {}),
        changeCount: changes?.length ?? 0,
        ...(changes && changes.length > 0 ? { firstChange: changes[0]!.note } : {}),
      })),
    );
    const second = await get<Page<Row>>('/api/copies?limit=2&offset=1');
    assert.deepEqual(second.body.items, copies.body.items.slice(1, 3));
    assert.equal(second.body.total, copies.body.total);
  });

  test('timeline: events in date order with their sentence and entity names; filtered by entity and date', async () => {
    const all = await get<Page<{ article: { id: string }; date: string; start: number; end: number; text: string; entities: { key: string; name: string }[] }>>('/api/timeline?limit=500');
    assert.equal(all.status, 200);
    assert.ok(all.body.total > 20);
    const dates = all.body.items.map((e) => e.date);
    assert.deepEqual(dates, [...dates].sort());
    const event = all.body.items.find((e) => e.entities.length > 0)!;
    const article = await get<{ text: string }>(`/api/articles/${event.article.id}`);
    assert.equal(article.body.text.slice(event.start, event.end), event.text);

    const etxeberri = await get<Page<{ entities: { key: string }[] }>>('/api/timeline?entity=Etxeberri&limit=500');
    assert.ok(etxeberri.body.total > 0 && etxeberri.body.total < all.body.total);
    assert.ok(etxeberri.body.items.every((e) => e.entities.some((x) => x.key.split('-').includes('etxeberri'))));
    const november = await get<Page<{ date: string }>>('/api/timeline?from=2025-11&to=2025-11&limit=500');
    assert.ok(november.body.total > 0);
    assert.ok(november.body.items.every((e) => e.date.startsWith('2025-11')));
    assert.equal((await get('/api/timeline?from=soon')).status, 400);
  });

  test('entities: counted by folded full name with short forms under it; filtered by type and name', async () => {
    const people = await get<Page<EntitySummary>>('/api/entities?type=PER&limit=500');
    assert.equal(people.status, 200);
    assert.ok(people.body.items.every((e) => e.type === 'PER'));
    const found = await get<Page<EntitySummary>>('/api/entities?q=ETXEBERRI');
    const ramiro = found.body.items.find((e) => e.key === 'ramiro-etxeberri');
    assert.ok(ramiro, JSON.stringify(found.body.items));
    assert.ok(ramiro.articles > 1 && ramiro.mentions > ramiro.articles);
    // Diacritics fold: Cárcamo is found as carcamo and keyed without the accent; "Aurelio Cárcamo" in some articles and
    // "Aurelio Cárcamo Ibarra" in others are one person, under one key.
    const carcamo = await get<Page<EntitySummary>>('/api/entities?q=carcamo');
    const carcamos = carcamo.body.items.filter((e) => e.type === 'PER');
    assert.equal(carcamos.length, 1, JSON.stringify(carcamo.body.items));
    assert.match(carcamos[0]!.key, /^aurelio-carcamo(-ibarra)?$/);
    const merged = await get<{ key: string; aliases: { text: string }[] }>('/api/entities/aurelio-carcamo');
    assert.equal(merged.status, 200, 'the shorter name answers with the person it was merged into');
    assert.equal(merged.body.key, carcamos[0]!.key);
    for (const form of ['Aurelio Cárcamo', 'Aurelio Cárcamo Ibarra'])
      assert.ok(
        merged.body.aliases.some((a) => a.text === form),
        form,
      );
    assert.equal((await get('/api/entities?type=PERSON')).status, 400);
  });

  test('entity: aliases, articles, roles, co-occurring entities and claims; a name works as the key; unknown is 404', async () => {
    type Entity = EntitySummary & {
      aliases: { text: string }[];
      articleList: { id: string; start: number; end: number }[];
      roles: { role: string }[];
      cooccurring: { key: string }[];
      claims: Claim[];
    };
    const entity = await get<Entity>('/api/entities/ramiro-etxeberri');
    assert.equal(entity.status, 200);
    assert.equal(entity.body.name, 'Ramiro Etxeberri');
    assert.ok(
      entity.body.aliases.some((a) => a.text === 'Etxeberri'),
      'the short form is an alias',
    );
    assert.equal(entity.body.articleList.length, entity.body.articles);
    assert.equal((entity.body as unknown as { articleTotal: number }).articleTotal, entity.body.articles);
    assert.ok(entity.body.roles.length > 0);
    assert.ok(entity.body.cooccurring.some((e) => e.key === 'chaupimayo' || e.key === 'antuvia'));
    const first = entity.body.articleList[0]!;
    const article = await get<{ text: string }>(`/api/articles/${first.id}`);
    assert.match(article.body.text.slice(first.start, first.end), /Etxeberri/);

    const carcamo = await get<Entity>('/api/entities/Aurelio%20C%C3%A1rcamo%20Ibarra');
    assert.equal(carcamo.status, 200);
    assert.ok(carcamo.body.claims.length > 0);
    assert.ok(carcamo.body.claims.every((c) => /c[aá]rcamo/i.test(`${c.speaker} ${c.speakerEntity}`)));
    // The stored entities: a merged-away name, a slip of the pen or the id open the person's page.
    const ambassador = await get<Entity & { id: string }>('/api/entities/teodoro-alcides-brizuela-prado');
    assert.equal(ambassador.status, 200);
    assert.equal(ambassador.body.key, 'teodoro-brizuela-lanz');
    for (const asked of ['teodoro-brizuela', 'Teodoro Brizuela Lanz', ambassador.body.id])
      assert.equal((await get<Entity>(`/api/entities/${encodeURIComponent(asked)}`)).body.key, 'teodoro-brizuela-lanz', asked);
    for (const asked of ['ramiro-echeberri', 'Ramiro Etxeberri Salcedo']) assert.equal((await get<Entity>(`/api/entities/${asked}`)).body.key, 'ramiro-etxeberri', asked);
    const missing = await get<ErrorBody>('/api/entities/nobody-at-all');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'E_NOT_FOUND');
  });

  test('graph: the top entities and the edges among them, bounded, strongest first; quote edges run from speaker to the entity named', async () => {
    type Graph = {
      link: string;
      nodes: { key: string; articles: number; degree: number }[];
      edges: { source: string; target: string; weight: number; sentences: number; articles: number; quotes: number }[];
      totalEntities: number;
      totalEdges: number;
    };
    const graph = await get<Graph>('/api/graph?limit=12');
    assert.equal(graph.status, 200);
    assert.equal(graph.body.link, 'sentence');
    assert.equal(graph.body.nodes.length, 12);
    assert.ok(graph.body.totalEntities > 12);
    const keys = new Set(graph.body.nodes.map((n) => n.key));
    assert.ok(keys.has('ramiro-etxeberri'));
    const articles = graph.body.nodes.map((n) => n.articles);
    assert.deepEqual(
      articles,
      [...articles].sort((a, b) => b - a),
      'most articles first',
    );
    assert.ok(graph.body.edges.length > 0);
    for (const e of graph.body.edges) {
      assert.ok(keys.has(e.source) && keys.has(e.target), 'edges join returned nodes only');
      assert.equal(e.weight, e.sentences);
      assert.ok(e.sentences <= e.articles * 1000 && e.articles >= 1);
    }
    const weights = graph.body.edges.map((e) => e.weight);
    assert.deepEqual(
      weights,
      [...weights].sort((a, b) => b - a),
    );
    for (const n of graph.body.nodes) assert.equal(n.degree, graph.body.edges.filter((e) => e.source === n.key || e.target === n.key).length);

    const quotes = await get<Graph>('/api/graph?limit=40&link=quote');
    assert.ok(quotes.body.edges.length > 0);
    for (const e of quotes.body.edges) assert.equal(e.weight, e.quotes);
    const byArticle = await get<Graph>('/api/graph?limit=12&link=article&min=5');
    assert.ok(byArticle.body.edges.every((e) => e.weight === e.articles && e.articles >= 5));
    for (const bad of ['limit=1', 'limit=201', 'link=friends', 'min=0', 'type=PERSON']) {
      const answer = await get<ErrorBody>(`/api/graph?${bad}`);
      assert.equal(answer.status, 400, bad);
      assert.equal(answer.body.error.code, 'E_CONFIG');
    }
  });

  test('sources: outlets with counts and date ranges; Pacific Current copies The Andean Ledger and cites it', async () => {
    type Sources = {
      items: { outlet: string; articles: number; earliest: string | null; latest: string | null; copiesMade: number; copiedBy: number }[];
      total: number;
      edges: { from: string; to: string; syndicated: number; repost: number; citations: number; copyExample?: { copy: string; original: string } }[];
      unknownOutlet: number;
    };
    const sources = await get<Sources>('/api/sources');
    assert.equal(sources.status, 200);
    const stats = (await get<{ articles: number; outlets: { outlet: string | null; articles: number }[] }>('/api/stats')).body;
    assert.equal(sources.body.items.reduce((n, o) => n + o.articles, 0) + sources.body.unknownOutlet, stats.articles);
    for (const o of sources.body.items) assert.ok(o.earliest === null || o.earliest <= o.latest!);
    const edge = sources.body.edges.find((e) => e.from === 'Pacific Current' && e.to === 'The Andean Ledger');
    assert.ok(edge, JSON.stringify(sources.body.edges));
    assert.equal(edge.syndicated, 1);
    assert.ok(edge.citations >= 1);
    const copies = await repository.listCopies();
    assert.ok(copies.some((c) => c.copyId === edge.copyExample!.copy && c.originalId === edge.copyExample!.original));
    // Copied by Pacific Current (samples 11) and, translated, by La Gaceta de Quispal (17).
    assert.equal(sources.body.items.find((o) => o.outlet === 'The Andean Ledger')!.copiedBy, 2);
    const paged = await get<Sources>('/api/sources?limit=1');
    assert.equal(paged.body.items.length, 1);
    assert.ok(paged.body.edges.every((e) => e.from === paged.body.items[0]!.outlet || e.to === paged.body.items[0]!.outlet));
  });

  test("sources: a page gives each outlet's strongest edges and counts them all; /api/sources/edges pages one outlet's", async () => {
    type Edge = { from: string; to: string; syndicated: number; repost: number; citations: number };
    type Sources = { items: { outlet: string; edges: number }[]; edges: Edge[]; edgesPerOutlet: number; edgeTotal: number };
    const weight = (e: Edge) => e.syndicated + e.repost + e.citations;
    const id = (e: Edge) => `${e.from}>${e.to}`;
    const all = (await get<Sources>('/api/sources?edgesPerOutlet=50')).body;
    const one = (await get<Sources>('/api/sources?edgesPerOutlet=1')).body;
    assert.equal(one.edgesPerOutlet, 1);
    assert.equal(one.edgeTotal, all.edgeTotal);
    assert.deepEqual(
      one.items.map((o) => o.edges),
      all.items.map((o) => o.edges),
    );
    assert.ok(one.edges.length < all.edges.length, `${one.edges.length} of ${all.edges.length}`);
    // Every outlet on an edge gets its strongest one (ties broken by the sources' order), and each edge kept is one of those.
    let onEdges = 0;
    for (const o of all.items) {
      const own = (await get<{ items: Edge[]; total: number; outlet: string }>(`/api/sources/edges?outlet=${encodeURIComponent(o.outlet)}&limit=500`)).body;
      assert.equal(own.total, o.edges, o.outlet);
      assert.deepEqual(
        own.items,
        all.edges.filter((e) => e.from === o.outlet || e.to === o.outlet),
      );
      const weights = own.items.map(weight);
      assert.deepEqual(
        weights,
        [...weights].sort((a, b) => b - a),
      );
      if (own.items.length > 0) {
        onEdges++;
        assert.ok(
          one.edges.some((e) => id(e) === id(own.items[0]!)),
          o.outlet,
        );
      }
      const second = (await get<{ items: Edge[] }>(`/api/sources/edges?outlet=${encodeURIComponent(o.outlet)}&limit=1&offset=1`)).body;
      assert.deepEqual(second.items, own.items.slice(1, 2));
    }
    assert.ok(onEdges > 1);
    assert.ok(one.edges.length <= onEdges);
    assert.equal((await get<{ total: number }>('/api/sources/edges?outlet=No%20Such%20Outlet')).body.total, 0);
    for (const bad of ['/api/sources?edgesPerOutlet=51', '/api/sources?edgesPerOutlet=-1', '/api/sources/edges', '/api/sources/edges?outlet=']) assert.equal((await get(bad)).status, 400, bad);
  });

  test('cache: a new article is seen by the next request (the cache follows the article count)', async () => {
    const before = (await get<Page<EntitySummary>>('/api/entities?q=zzyzxquipu')).body.total;
    assert.equal(before, 0);
    const form = new FormData();
    form.append('files', new Blob(['Title: Cache test\n\nOn 7 March 2023 Zzyzxquipu Landa, a spokesman in Lima, said the cache test had passed.\n']), 'cache-test.md');
    const job = await waitForJob(app, ((await (await app.request('/api/ingest', { method: 'POST', body: form })).json()) as JobState).id);
    assert.equal(job.ingested, 1, JSON.stringify(job.errors));
    const after = await get<Page<EntitySummary>>('/api/entities?q=zzyzxquipu');
    assert.equal(after.body.total, 1, JSON.stringify(after.body.items));
  });
});

describe('security', () => {
  test('token: every /api route answers 401 without the bearer token, and works with it', async () => {
    for (const path of ['/api/stats', '/api/articles', '/api/openapi.json', '/api/search?q=x', '/api/jobs/x']) {
      const response = await locked.request(path);
      assert.equal(response.status, 401, path);
      assert.equal(((await response.json()) as ErrorBody).error.code, 'E_UNAUTHORIZED');
    }
    assert.equal((await locked.request('/api/ingest', { method: 'POST' })).status, 401);
    assert.equal((await locked.request('/api/stats', { headers: { authorization: `Bearer ${token}x` } })).status, 401);
    assert.equal((await locked.request('/api/stats', { headers: { authorization: token } })).status, 401);
    assert.equal((await locked.request('/api/stats', { headers: { authorization: `Bearer ${token}` } })).status, 200);
  });

  test('headers: a strict CSP, nosniff and no-referrer on API and static answers', async () => {
    for (const path of ['/api/stats', '/api/nothing', '/']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  test('csrf: a cross-site write is refused; a same-origin one is not', async () => {
    const body = JSON.stringify({ urls: ['http://127.0.0.1/'] });
    const headers = { 'content-type': 'application/json' };
    const cross = await app.request('/api/ingest', { method: 'POST', body, headers: { ...headers, 'sec-fetch-site': 'cross-site' } });
    assert.equal(cross.status, 403);
    const foreignOrigin = await app.request('/api/ingest', { method: 'POST', body, headers: { ...headers, origin: 'https://evil.example' } });
    assert.equal(foreignOrigin.status, 403);
    const same = await app.request('http://localhost/api/ingest', { method: 'POST', body, headers: { ...headers, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } });
    assert.equal(same.status, 400); // past the guard: refused as a private address
  });

  test('hosts: a server bound to loopback refuses foreign Host names (DNS rebinding)', async () => {
    const guarded = createApp({ repository, pipeline: await defaultPipeline(), allowPrivate: false, maxUploadBytes: 1024, allowedHosts: ['127.0.0.1', 'localhost'] });
    assert.equal((await guarded.request('http://localhost/api/stats')).status, 200);
    assert.equal((await guarded.request('http://attacker.example/api/stats')).status, 403);
  });

  test('static: files from staticDir, the SPA fallback for app routes, and no way out of the folder', async () => {
    const web = join(dir, 'web');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Quipu</title>');
    writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const site = createApp({ repository, pipeline: await defaultPipeline(), allowPrivate: false, maxUploadBytes: 1024, staticDir: web });
    const index = await site.request('/articles/abc');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type')!, /text\/html/);
    assert.match(await index.text(), /Quipu/);
    const asset = await site.request('/assets/app-1234.js');
    assert.match(asset.headers.get('content-type')!, /javascript/);
    assert.match(asset.headers.get('cache-control')!, /immutable/);
    assert.equal((await site.request('/assets/missing.js')).status, 404);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await site.request(path);
      assert.doesNotMatch(await response.text(), /^secret$/, path);
    }
  });
});

describe('ingest', () => {
  test('upload: an oversized body is 413', async () => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(65 * 1024).fill(97)]), 'big.txt');
    const response = await app.request('/api/ingest', { method: 'POST', body: form });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as ErrorBody).error.code, 'E_TOO_LARGE');
  });

  test('upload: files become a job whose progress reports articles and per-item errors', async () => {
    const form = new FormData();
    form.append('files', new Blob(['Title: Upload test\n\nThe Quipu upload test article about Antuvia was written on 3 March 2023 in Lima.\n']), 'upload-test.md');
    form.append('files', new Blob([new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0])]), 'binary.txt');
    const response = await app.request('/api/ingest', { method: 'POST', body: form });
    assert.equal(response.status, 202);
    const queued = (await response.json()) as JobState;
    assert.deepEqual(queued.inputs, ['upload-test.md', 'binary.txt']);
    assert.equal(queued.progress.total, 2);
    const job = await waitForJob(app, queued.id);
    assert.equal(job.status, 'done');
    assert.deepEqual(job.progress, { total: 2, done: 1, failed: 1 });
    assert.equal(job.ingested, 1);
    assert.equal(job.articles[0]!.source, 'upload-test.md');
    assert.equal(job.errors[0]!.item, 'binary.txt');
    assert.doesNotMatch(job.errors[0]!.message, /quipu-upload-/);
    const stored = await get<{ text: string }>(`/api/articles/${job.articles[0]!.id}`);
    assert.match(stored.body.text, /upload test article/);
    const found = await get<Page<SearchHit>>('/api/search?q=%22upload%20test%20article%22');
    assert.equal(found.body.items[0]?.article.id, job.articles[0]!.id);
  });

  test('upload: a body without files, a wrong content type, or bad JSON is 400', async () => {
    const empty = await app.request('/api/ingest', { method: 'POST', body: new FormData() });
    assert.equal(empty.status, 400);
    assert.equal((await app.request('/api/ingest', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status, 400);
    for (const body of ['{', '{}', '{"urls": []}', '{"urls": ["ftp://x.example/"]}', '{"urls": ["not a url"]}', '{"urls": [3]}', JSON.stringify({ urls: Array(101).fill('https://x.example/') })]) {
      const response = await app.request('/api/ingest', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 400, body.slice(0, 40));
      assert.match(((await response.json()) as ErrorBody).error.message, /URL|url|JSON/);
    }
  });

  test('urls: private and loopback addresses are refused unless the server allows them', async () => {
    for (const url of ['http://127.0.0.1:9/', 'http://localhost:9/x', 'http://[::1]/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/']) {
      const response = await app.request('/api/ingest', { method: 'POST', body: JSON.stringify({ urls: [url] }), headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 400, url);
      assert.equal(((await response.json()) as ErrorBody).error.code, 'E_PRIVATE_ADDRESS');
    }
  });

  test('urls: with allowPrivate a loopback page is fetched and ingested through a job', async () => {
    const page =
      '<html><head><title>Loopback page</title></head><body><article><h1>Loopback page</h1><p>The loopback ingest test page for the Quipu API was published on 5 May 2023 and speaks of Antuvia at length, with enough words for Readability to keep it.</p><p>A second paragraph keeps the extractor content that this is an article.</p></article></body></html>';
    const source = createApp({ repository, pipeline: await defaultPipeline(), allowPrivate: true, maxUploadBytes: 1024 });
    const { Hono } = await import('hono');
    const pages = new Hono().get('/page.html', (c) => c.html(page));
    const running = await serveFetch(pages.fetch);
    try {
      const response = await source.request('/api/ingest', { method: 'POST', body: JSON.stringify({ urls: [`${running.url}/page.html`] }), headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 202);
      const job = await waitForJob(source, ((await response.json()) as JobState).id);
      assert.equal(job.progress.done, 1, JSON.stringify(job.errors));
      assert.equal(job.articles[0]!.title, 'Loopback page');
    } finally {
      await running.close();
    }
  });

  test('jobs: an unknown job is 404', async () => {
    assert.equal((await get('/api/jobs/nope')).status, 404);
  });
});

describe('openapi', () => {
  const openApiDocument = makeOpenApiDocument();
  test('openapi: every API route is documented and every documented path is routed', async () => {
    const routed = new Set(
      app.routes
        .filter((route) => route.path.startsWith('/api/') && !route.path.includes('*') && route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(openApiDocument.paths ?? {}).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`)));
    assert.deepEqual([...routed].sort(), [...documented].sort());
    const served = await get<{ openapi: string; paths: object }>('/api/openapi.json');
    assert.equal(served.body.openapi, '3.1.0');
    assert.deepEqual(Object.keys(served.body.paths).sort(), Object.keys(openApiDocument.paths ?? {}).sort());
  });

  test('openapi: every $ref resolves and every documented error status is one the app can answer', () => {
    const text = JSON.stringify(openApiDocument);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) assert.ok(openApiDocument.components?.schemas?.[name!], name);
    for (const operations of Object.values(openApiDocument.paths ?? {})) {
      for (const operation of Object.values(operations)) {
        for (const status of Object.keys(operation!.responses)) assert.ok(['200', '202', '400', '401', '403', '404', '413', '500'].includes(status));
      }
    }
  });
});

describe('serve', () => {
  test('serve: listens on a free loopback port and answers over HTTP', async () => {
    const running = await serve({ port: 0, repository, pipeline: await defaultPipeline(), allowPrivate: false });
    try {
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${running.url}/api/stats`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { articles: number }).articles > 0, true);
    } finally {
      await running.close();
    }
  });
});

describe('startServer', () => {
  test('startServer: refuses a non-loopback bind without a token', async () => {
    await assert.rejects(
      startServer({ db: join(dir, 'other.db'), port: 0, host: '0.0.0.0', allowPrivate: false, staticDir: join(dir, 'no-web') }),
      (error: Error & { code?: string }) => error.code === 'E_CONFIG' && /token/.test(error.message),
    );
  });

  test('startServer: opens the store, serves the API, warns when the web build is missing, and gives the token URL', async () => {
    const started = await startServer({ db: join(dir, 'store.db'), port: 0, host: '127.0.0.1', token, allowPrivate: false, staticDir: join(dir, 'no-web') });
    try {
      assert.match(started.warnings.join(), /No web UI build/);
      assert.equal(started.browserUrl, `${started.url}/#token=${token}`);
      assert.equal((await fetch(`${started.url}/api/stats`)).status, 401);
      assert.equal((await fetch(`${started.url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
      // fetch() may not set Host; a DNS-rebinding page's requests carry the attacker's host name.
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        request(`${started.url}/api/stats`, { headers: { authorization: `Bearer ${token}`, host: 'attacker.example' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      assert.equal(status, 403);
    } finally {
      await started.close();
    }
  });
});

/** A throwaway loopback HTTP server for a fetch handler. */
async function serveFetch(fetchHandler: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const { serve: nodeServe } = await import('@hono/node-server');
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const created = nodeServe({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, () => resolve(created as import('node:http').Server)) as import('node:http').Server;
  });
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
