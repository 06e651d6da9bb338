/**
 * One set of findings on every surface and engine: figure groups, date conflicts and events from `quipu conflicts
 * --json`, the API (/api/conflicts, /api/date-conflicts, /api/timeline) and `quipu export`, and the claims ledger from
 * `quipu claims --json`, /api/claims and the export, on SQLite and on PostgreSQL, for the samples and (with ../shared)
 * the seeds. Both engines must also give the same findings, claim origins included.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import { createApp } from '../../src/server/app.ts';
import { openRepository } from '../../src/store/open.ts';
import type { Page } from '../../src/store/repository.ts';
import { createTestDatabase, needsPostgres } from '../helpers/postgres.ts';
import { hasShared, needsShared, repoRoot, samplesDir, seedsDir } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-findings-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const drop of drops) await drop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function quipu(...args: string[]): unknown {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), ...args], { encoding: 'utf8', cwd: dir, timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

interface Group {
  key: string;
  verdict: string;
  values: string[];
  articles: number;
  reports: { articleId: string; start?: number }[];
}
interface DateValue {
  date: string;
  articleIds: string[];
  outlets: string[];
}
interface CliDate {
  key: string;
  entityId: string;
  happening: string;
  values: DateValue[];
}
interface ApiDate {
  entity: { key: string; name: string };
  happening: string;
  values: (Omit<DateValue, 'articleIds'> & { articles: number; articleIds: string[] })[];
  reportTotal: number;
}
interface Claim {
  articleId: string;
  start: number;
  end: number;
  hedge: string;
  content: string;
  speaker: string | null;
  speakerEntity: string | null;
}
interface Exported {
  articles: { id: string }[];
  claims: (Pick<Claim, 'articleId' | 'start' | 'end' | 'hedge' | 'content'> & { independentOrigins: number })[];
  entities: { id: string; name: string }[];
  events: { id: string; date: string; reports: { articleId: string; start: number; end: number }[] }[];
  conflicts: { id: string; kind: string; status: string; values: { value: string; articleIds: string[] }[]; items: string[] }[];
}

/** What every surface must agree on, as plain lines sorted (each surface lists them in its own order). */
interface Findings {
  figures: string[];
  dates: string[];
  events: string[];
  claims: string[];
  /** The claims a speaker filter finds (the speakers of the first claims). */
  claimsBy: string[];
  /** Independent origins: of each figure group's values (CLI), of each claim (export). */
  origins: string[];
}

const claimLine = (c: Pick<Claim, 'articleId' | 'start' | 'end' | 'hedge' | 'content'>) => `${c.articleId}:${c.start}:${c.end} ${c.hedge} ${c.content}`;
const figureLine = (key: string, verdict: string, articleIds: string[]) => `${key} ${verdict} ${[...new Set(articleIds)].sort().join(',')}`;
const dateLine = (name: string, happening: string, values: { date: string; articleIds: string[] }[]) =>
  `${name} ${happening} ${values.map((v) => `${v.date}=${[...v.articleIds].sort().join(',')}`).join(' ')}`;

/** Ingests `input` into `db`, then reads the findings from the CLI, the API and the export. */
async function surfaces(db: string, input: string): Promise<{ cli: Findings; api: Findings; exported: Findings }> {
  const repository = openRepository(db);
  await repository.migrate();
  const pipeline = await defaultPipeline();
  try {
    const summary = await ingest([input], repository, { pipeline });
    assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
    const app = createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 1 << 20, logError: () => undefined });
    const api = async <T>(path: string): Promise<T> => {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      return (await response.json()) as T;
    };
    const all = async <T>(path: string): Promise<T[]> => {
      const out: T[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await api<Page<T>>(`${path}${path.includes('?') ? '&' : '?'}limit=500&offset=${offset}`);
        out.push(...page.items);
        if (offset + 500 >= page.total) return out;
      }
    };

    const names = new Map<string, string>();
    const cliFound = quipu('conflicts', '--all', '--json', '--db', db) as { figures: (Group & { origins: { value: string; origins: number }[] })[]; dates: CliDate[] };
    const cliClaims = (quipu('claims', '--json', '--limit', '1000000', '--db', db) as { items: Claim[] }).items;
    const apiClaims = await all<Claim>('/api/claims');
    const speakers = [...new Set(cliClaims.flatMap((c) => (c.speakerEntity ? [c.speakerEntity] : [])))].slice(0, 3);
    const claimsBy = async (from: 'cli' | 'api') => {
      const lines: string[] = [];
      for (const by of speakers) {
        const found =
          from === 'cli' ? (quipu('claims', '--json', '--limit', '1000000', '--by', by, '--db', db) as { items: Claim[] }).items : await all<Claim>(`/api/claims?by=${encodeURIComponent(by)}`);
        lines.push(...found.map((c) => `${by} ${claimLine(c)}`));
      }
      return lines.sort();
    };
    const exported = quipu('export', '--format', 'json', '--db', db) as Exported;
    for (const e of exported.entities) names.set(e.id, e.name);

    // The API's groups carry up to 50 distinct points, not every report: their articles are compared through the CLI's.
    const apiGroups = await all<Group>('/api/conflicts');
    const apiDates = await all<ApiDate>('/api/date-conflicts');
    const timeline = await all<{ article: { id: string }; start: number; end: number; inherited: boolean; date: string }>('/api/timeline');

    const reportsOf = new Map(cliFound.figures.map((g) => [g.key, g.reports.map((r) => r.articleId)]));
    const figureOfExport = (c: Exported['conflicts'][number]) =>
      figureLine(
        c.id.slice('figure:'.length),
        c.status,
        c.values.flatMap((v) => v.articleIds),
      );
    // Events are stored groups of dated sentences: the timeline lists those sentences one by one.
    const sentences = new Set(timeline.filter((e) => !e.inherited).map((e) => `${e.date} ${e.article.id}:${e.start}:${e.end}`));
    const eventLines = exported.events.map((e) => `${e.id} ${e.reports.map((r) => `${r.articleId}:${r.start}:${r.end}`).join(' ')}`).sort();
    return {
      cli: {
        figures: cliFound.figures
          .filter((g) => g.verdict !== 'agree')
          .map((g) =>
            figureLine(
              g.key,
              g.verdict,
              g.reports.map((r) => r.articleId),
            ),
          )
          .sort(),
        dates: cliFound.dates.map((c) => dateLine(names.get(c.entityId) ?? c.entityId, c.happening, c.values)).sort(),
        events: eventLines,
        claims: cliClaims.map(claimLine).sort(),
        claimsBy: await claimsBy('cli'),
        origins: cliFound.figures.map((g) => `${g.key} ${g.origins.map((o) => `${o.value}=${o.origins}`).join(' ')}`).sort(),
      },
      api: {
        figures: apiGroups
          .filter((g) => g.verdict !== 'agree')
          .map((g) => figureLine(g.key, g.verdict, reportsOf.get(g.key) ?? []))
          .sort(),
        dates: apiDates.map((c) => dateLine(c.entity.name, c.happening, c.values)).sort(),
        // every report of every event is a sentence of the timeline on that day
        events: exported.events.every((e) => e.reports.every((r) => sentences.has(`${e.date} ${r.articleId}:${r.start}:${r.end}`))) ? eventLines : [],
        claims: apiClaims.map(claimLine).sort(),
        claimsBy: await claimsBy('api'),
        origins: [],
      },
      exported: {
        figures: exported.conflicts
          .filter((c) => c.kind === 'figure')
          .map(figureOfExport)
          .sort(),
        dates: exported.conflicts
          .filter((c) => c.kind === 'date')
          .map((c) => {
            const [entityId, happening] = c.id.slice('date:'.length).split(':');
            return dateLine(
              names.get(entityId!) ?? entityId!,
              happening!,
              c.values.map((v) => ({ date: v.value, articleIds: v.articleIds })),
            );
          })
          .sort(),
        events: eventLines,
        claims: exported.claims.map(claimLine).sort(),
        claimsBy: [],
        origins: exported.claims.map((c) => `${claimLine(c)} ${c.independentOrigins}`).sort(),
      },
    };
  } finally {
    await repository.close();
  }
}

function sameOnEverySurface(found: { cli: Findings; api: Findings; exported: Findings }): void {
  assert.ok(found.cli.figures.length > 0 && found.cli.events.length > 0, 'the pile has findings to compare');
  assert.deepEqual(found.api.figures, found.cli.figures, 'API figure groups vs CLI');
  assert.deepEqual(found.exported.figures, found.cli.figures, 'export figure groups vs CLI');
  assert.deepEqual(found.api.dates, found.cli.dates, 'API date conflicts vs CLI');
  assert.deepEqual(found.exported.dates, found.cli.dates, 'export date conflicts vs CLI');
  assert.deepEqual(found.api.events, found.exported.events, 'timeline sentences vs exported events');
  assert.ok(found.cli.claims.length > 0 && found.cli.claimsBy.length > 0, 'the pile has claims to compare');
  assert.deepEqual(found.api.claims, found.cli.claims, 'API claims vs CLI');
  assert.deepEqual(found.exported.claims, found.cli.claims, 'export claims vs CLI');
  assert.deepEqual(found.api.claimsBy, found.cli.claimsBy, 'API claims by speaker vs CLI');
}

const inputs: [name: string, dir: string, skip: string | false][] = [
  ['samples', samplesDir, false],
  ['seeds', seedsDir, needsShared],
];

describe('findings: the same from the CLI, the API and the export, on SQLite and PostgreSQL', () => {
  for (const [name, input, skip] of inputs) {
    let sqlite: { cli: Findings; api: Findings; exported: Findings } | undefined;
    test(`${name} on SQLite`, { skip }, async () => {
      if (name === 'seeds' && !hasShared) return;
      sqlite = await surfaces(join(dir, `${name}.db`), input);
      sameOnEverySurface(sqlite);
    });
    test(`${name} on PostgreSQL, equal to SQLite's`, { skip: skip || needsPostgres }, async () => {
      const created = await createTestDatabase();
      drops.push(created.drop);
      const found = await surfaces(created.url, input);
      sameOnEverySurface(found);
      if (sqlite) assert.deepEqual(found, sqlite);
    });
  }
});
