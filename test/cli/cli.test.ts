import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { needsShared, repoRoot, samplesDir, seedsDir } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function quipu(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // A generous bound: beside the queue suite's eight annotation threads a demo ingest runs several times slower than alone.
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), ...args], { encoding: 'utf8', cwd: dir, timeout: 600_000 });
  // A command stopped by the bound leaves a half-made store; every later check would fail on it for the wrong reason.
  assert.equal(result.signal, null, `quipu ${args.join(' ')} was stopped (${result.signal}) before it finished:\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface DemoReport {
  summary: { ingested: number; duplicates: number; failed: unknown[] };
  stats: { outlets: unknown[] };
}

/** The demo into `db`, checked: every sample stored, nothing failed. */
function demo(db: string): DemoReport {
  const result = quipu('demo', '--db', db, '--json');
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as DemoReport;
  assert.deepEqual(report.summary.failed, [], 'no sample fails');
  return report;
}

test('cli: ingest the seeds reports 14 articles, then 14 duplicates and nothing added', { skip: needsShared }, () => {
  const db = join(dir, 'seeds.db');
  const first = JSON.parse(quipu('ingest', seedsDir, '--db', db, '--json').stdout);
  assert.equal(first.ingested, 14);
  assert.equal(first.failed.length, 0);
  assert.equal(first.articles.filter((a: { outlet: string | null }) => a.outlet).length, 12);
  const second = JSON.parse(quipu('ingest', seedsDir, '--db', db, '--json').stdout);
  assert.equal(second.ingested, 0);
  assert.equal(second.duplicates, 14);
  assert.equal(JSON.parse(quipu('stats', '--db', db, '--json').stdout).articles, 14);

  const juliaca = JSON.parse(quipu('search', 'Juliaca', '--db', db, '--json').stdout);
  assert.equal(juliaca.total, 3);
  assert.ok(juliaca.items.every((h: { snippet: string }) => /Juliaca/.test(h.snippet)));
  const junin = JSON.parse(quipu('search', 'Junin', '--db', db, '--json').stdout);
  const outlets = junin.items.map((h: { article: { meta: { outlet: string } } }) => h.article.meta.outlet);
  assert.ok(outlets.includes('14ymedio') && outlets.includes('teleSUR'), 'Junín (14ymedio) and Junin (teleSUR) are both found');
});

test('cli: list, show by id prefix, and readable errors with exit codes', () => {
  const db = join(dir, 'samples.db');
  const ingest = quipu('ingest', samplesDir, join(dir, 'missing.txt'), '--db', db);
  assert.equal(ingest.status, 1, 'a failed item makes the exit code 1');
  assert.match(ingest.stdout, /20 ingested, 0 duplicates, 1 failed/);
  assert.match(ingest.stdout, /missing\.txt does not exist \[E_NOT_FOUND\]/);

  const list = JSON.parse(quipu('list', '--db', db, '--json', '--language', 'es').stdout);
  assert.equal(list.total, 6);
  const id = list.items[0].id as string;
  const show = quipu('show', id.slice(0, 8), '--db', db);
  assert.equal(show.status, 0);
  assert.match(show.stdout, new RegExp(`id +${id}`));
  const shown = JSON.parse(quipu('show', id, '--db', db, '--json').stdout);
  assert.equal(shown.id, id);

  const badQuery = quipu('search', '-', '--db', db);
  assert.equal(badQuery.status, 2);
  assert.match(badQuery.stderr, /no words to look for\. \[E_CONFIG\]/);
  const badLimit = quipu('list', '--db', db, '--limit', 'ten');
  assert.notEqual(badLimit.status, 0);
  assert.match(badLimit.stderr, /--limit takes a positive whole number/);
});

test('cli: demo ingests the sample corpus into a fresh store', () => {
  const db = join(dir, 'demo.db');
  const first = demo(db);
  const second = demo(db);
  assert.equal(first.summary.ingested, 20);
  assert.equal(second.summary.ingested, 20, 'the demo starts from a fresh store each time');
  assert.ok(first.stats.outlets.length >= 6);

  const found = JSON.parse(quipu('conflicts', '--db', db, '--json').stdout) as {
    figures: { verdict: string; measure: string; values: string[]; date: string | null; origins: { value: string; articles: number; origins: number }[] }[];
    dates: { happening: string; values: { date: string; outlets: string[] }[] }[];
    copyChanges: { copyId: string; originalId: string; changes: { note: string }[] }[];
  };
  const conflicts = found.figures;
  // The partial copy (16) changed "eleven days" to nine against the wire story (06) and its repost (07#3): a finding shown with the conflicts.
  assert.deepEqual(
    found.copyChanges.map((c) => c.changes.map((x) => x.note)),
    [['this copy says nine days where its source says eleven'], ['this copy says nine days where its source says eleven']],
  );
  assert.match(quipu('conflicts', '--db', db).stdout, /copies that changed a fact \(2\)[\s\S]*this copy says nine days where its source says eleven/);
  assert.deepEqual(
    found.dates.map((d) => [d.happening, d.values.map((v) => v.date)]),
    [['sentencing', ['2025-10-09', '2025-10-10']]],
  );
  const bridge = conflicts.find((g) => g.verdict === 'conflict' && g.measure === 'killed' && g.date === '2025-11-10');
  assert.deepEqual([...(bridge?.values ?? [])].sort(), ['12', '14']);
  // Twelve dead rests on fewer witnesses than articles (a syndicated copy, a repost); the two that say 14 are independent.
  const twelve = bridge!.origins.find((o) => o.value === '12')!;
  assert.ok(twelve.origins < twelve.articles, JSON.stringify(bridge!.origins));
  const fourteen = bridge!.origins.find((o) => o.value === '14')!;
  assert.deepEqual([fourteen.articles, fourteen.origins], [2, 2]);
  assert.ok(conflicts.some((g) => g.verdict === 'conflict' && g.measure === 'sentence'));
  assert.ok(conflicts.some((g) => g.verdict === 'evolving' && g.measure === 'killed'));
  const copies = JSON.parse(quipu('copies', '--db', db, '--json').stdout) as { items: { kind: string; similarity: number; translated?: boolean; changes?: { note: string }[] }[]; total: number };
  // 11 of 10, 07#3 of 06 (a repost), 16 of 06 and of 07#3 (partial), 17 of 02 (translated).
  assert.deepEqual(copies.items.map((c) => `${c.kind}${c.translated ? ' translated' : ''}`).sort(), ['repost', 'syndicated', 'syndicated', 'syndicated', 'syndicated translated']);
  assert.equal(copies.total, copies.items.length);
  assert.ok(copies.items.some((c) => c.changes?.some((x) => x.note === 'this copy says nine days where its source says eleven')));
  const claims = JSON.parse(quipu('claims', '--db', db, '--json', '--hedge', 'reported').stdout) as { total: number; items: { hedge: string }[] };
  assert.ok(claims.total > 0 && claims.items.every((c) => c.hedge === 'reported'));
});

test('cli: entities, entity, figures, sources and export over the demo store', () => {
  const db = join(dir, 'across.db');
  assert.equal(demo(db).summary.ingested, 20);
  const people = JSON.parse(quipu('entities', '--db', db, '--type', 'PER', '--json').stdout) as { items: { name: string; type: string }[] };
  assert.ok(people.items.length > 5 && people.items.every((e) => e.type === 'PER'));
  const etxeberri = JSON.parse(quipu('entity', 'Echeberri', '--db', db, '--json').stdout) as { name: string; aliases: { text: string }[] };
  assert.equal(etxeberri.name, 'Ramiro Etxeberri');
  assert.ok(etxeberri.aliases.some((a) => a.text === 'Etxeberri'));
  const deaths = JSON.parse(quipu('figures', '--db', db, '--measure', 'deaths', '--json').stdout) as { items: { measure: string }[]; total: number };
  assert.ok(deaths.total > 5 && deaths.items.length === deaths.total && deaths.items.every((f) => f.measure === 'killed'));
  assert.equal(quipu('figures', '--db', db, '--measure', 'bananas').status, 2);
  const sources = JSON.parse(quipu('sources', '--db', db, '--json').stdout) as { outlets: { outlet: string }[]; edges: { from: string; to: string; syndicated: number; repost: number }[] };
  assert.ok(sources.outlets.some((o) => o.outlet === 'Pacific Current'));
  assert.deepEqual(
    sources.edges.filter((e) => e.from === 'Pacific Current' && e.syndicated + e.repost > 0).map((e) => e.to),
    ['The Andean Ledger'],
  );
  const out = join(dir, 'export.json');
  assert.equal(quipu('export', '--db', db, '--out', out).status, 0);
  const exported = JSON.parse(readFileSync(out, 'utf8')) as { quipuExport: number; articles: unknown[]; entities: unknown[]; conflicts: unknown[] };
  assert.equal(exported.quipuExport, 1);
  assert.equal(exported.articles.length, 20);
  assert.ok(exported.entities.length > 20 && exported.conflicts.length > 2);
});
