/**
 * Across the pile, end to end: the real seed articles (read at run time from ../shared, never copied) and the
 * built-in fictional samples are ingested with the default pipeline, linked at ingest, and exported.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { foldName } from '../core/names.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { type ExportDocument, exportJson } from './json.ts';
import { hasShared, needsShared, samplesDir, seedsDir } from '../../test/helpers/shared.ts';

async function exportOf(inputs: string[]): Promise<ExportDocument> {
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  const summary = await ingest(inputs, repository, { pipeline: await defaultPipeline() });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  const document = await exportJson(repository);
  await repository.close();
  return document;
}

const entityNamed = (doc: ExportDocument, name: string) => doc.entities.filter((e) => e.aliases.some((a) => foldName(a) === foldName(name)));
const figureConflict = (doc: ExportDocument, subject: RegExp) => doc.conflicts.filter((c) => c.kind === 'figure' && subject.test(c.subject));
const articleOf = (doc: ExportDocument, id: string) => doc.articles.find((a) => a.id === id)!;

describe('across the seeds', { skip: needsShared }, () => {
  let doc: ExportDocument;
  before(async () => {
    if (hasShared) doc = await exportOf([seedsDir]);
  });

  test('one entity for Vladimir Cerrón Rojas, with "Cerrón" and "Vladimir Cerrón" among its aliases, in two articles', () => {
    const [cerron, ...others] = entityNamed(doc, 'Cerrón');
    assert.equal(others.length, 0);
    assert.equal(cerron!.name, 'Vladimir Cerrón Rojas');
    assert.equal(cerron!.type, 'PER');
    for (const alias of ['Cerrón', 'Vladimir Cerrón', 'Vladimir Cerrón Rojas']) assert.ok(cerron!.aliases.includes(alias), alias);
    assert.equal(cerron!.articleIds.length, 2);
    assert.deepEqual(entityNamed(doc, 'Vladimir Cerrón'), [cerron]);
  });

  test('spelling variants and a role tie names; people who share a surname stay apart', () => {
    assert.equal(entityNamed(doc, 'Jenine Áñez')[0]!.id, entityNamed(doc, 'Jeanine Áñez')[0]!.id);
    // The Cuban ambassador in Lima: "Carlos Gallo Zamora" in one seed, "Carlos Rafael Zamora Rodríguez" in another.
    assert.equal(entityNamed(doc, 'Carlos Gallo Zamora')[0]!.id, entityNamed(doc, 'Carlos Rafael Zamora Rodríguez')[0]!.id);
    assert.notEqual(entityNamed(doc, 'Keiko Fujimori')[0]!.id, entityNamed(doc, 'Alberto Fujimori')[0]!.id);
    assert.equal(new Set(entityNamed(doc, 'Perú Libre').map((e) => e.id)).size, 1);
    assert.equal(
      new Set(
        entityNamed(doc, 'Perú')
          .concat(entityNamed(doc, 'Peru'))
          .map((e) => e.id),
      ).size,
      1,
    );
    const names = doc.conflicts.filter((c) => c.kind === 'name').map((c) => c.values.map((v) => v.value));
    assert.ok(names.some((v) => v.includes('Carlos Gallo Zamora') && v.includes('Carlos Rafael Zamora Rodríguez')));
  });

  test('Juliaca, 9 January 2023: 17 dead (Samizdat) vs 19 (CounterPunch) is one figure group in conflict', () => {
    const [juliaca, ...others] = figureConflict(doc, /^killed in Juliaca on 2023-01-09$/);
    assert.equal(others.length, 0);
    assert.equal(juliaca!.status, 'conflict');
    assert.deepEqual(
      juliaca!.values.map((v) => [v.value, v.outlets]),
      [
        ['17', ['Samizdat']],
        ['at_least 17', ['Samizdat']],
        ['19', ['CounterPunch']],
      ],
    );
  });

  test("Cerrón's sentence, three years vs three and a half, is a conflict", () => {
    const [sentence] = doc.conflicts.filter((c) => c.kind === 'figure' && c.subject.startsWith('sentence'));
    assert.equal(sentence!.status, 'conflict');
    assert.deepEqual(sentence!.values.map((v) => v.value).sort(), ['P3Y', 'P3Y6M']);
  });

  test('the national death toll grows from report to report (25 → more than 30 → about 60 → about 70): evolving, not a conflict', () => {
    // The national toll names no place; the articles' country places it (the place hierarchy's top level).
    const [toll] = figureConflict(doc, /^killed in Peru (?:running total|since \S+)$/);
    assert.equal(toll!.status, 'evolving');
    const series = toll!.values.map((v) => [v.value, articleOf(doc, v.articleIds[0]!).published]);
    for (const point of [
      ['25', '2022-12-19'],
      ['more_than 30', '2023-01-09'],
      ['about 60', '2023-02-02'],
      ['about 70', '2023-05-26'],
    ]) {
      assert.ok(
        series.some(([value, published]) => value === point[0] && published === point[1]),
        JSON.stringify(point),
      );
    }
  });

  test('7 December 2022 is one event with Pedro Castillo, reported by at least four articles', () => {
    const castillo = entityNamed(doc, 'Pedro Castillo')[0]!;
    const events = doc.events.filter((e) => e.date === '2022-12-07' && e.entityIds.includes(castillo.id));
    assert.equal(events.length, 1);
    assert.ok(new Set(events[0]!.reports.map((r) => r.articleId)).size >= 4);
    // A byline dates the report, not an event.
    assert.deepEqual(
      doc.events.filter((e) => /^By [^,]+ [–|] /.test(e.text) || / \| \w+ \d+, \d{4}$/.test(e.text.trim())).map((e) => e.text),
      [],
    );
  });

  test('the export is the same bytes in 5 random arrival orders of the seeds', async () => {
    const expected = JSON.stringify(doc);
    for (const order of shuffledOrders(seedsDir, 5, 3)) assert.equal(JSON.stringify(await exportOf(order)), expected, `order ${order.map((f) => f.slice(-12)).join(' ')}`);
  });

  test('every entity mention, figure and claim names a stored article and a non-empty span of it', () => {
    const ids = new Set(doc.articles.map((a) => a.id));
    for (const e of doc.entities) for (const m of e.mentions) assert.ok(ids.has(m.articleId) && m.start < m.end);
    for (const f of doc.figures) assert.ok(ids.has(f.articleId) && f.start < f.end);
    for (const c of doc.claims) assert.ok(ids.has(c.articleId) && c.start < c.end);
  });
});

describe('across the samples', () => {
  let doc: ExportDocument;
  before(async () => {
    doc = await exportOf([samplesDir]);
  });

  test('Etxeberri under every spelling, the Solvarian ambassador under three names, the two Ugartes apart', () => {
    const etxeberri = entityNamed(doc, 'Ramiro Etxeberri Salcedo')[0]!;
    // shown by the full name written most often, not the longest
    assert.equal(etxeberri.name, 'Ramiro Etxeberri');
    for (const alias of ['Etxeberri', 'Ramiro Etxeberri', 'Ramiro Echeberri']) assert.equal(entityNamed(doc, alias)[0]!.id, etxeberri.id, alias);
    const brizuela = entityNamed(doc, 'Teodoro Brizuela Lanz')[0]!;
    for (const alias of ['Teodoro Alcides Brizuela Prado', 'Teodoro Brizuela']) assert.equal(entityNamed(doc, alias)[0]!.id, brizuela.id, alias);
    assert.notEqual(entityNamed(doc, 'Sebastián Ugarte Pons')[0]!.id, entityNamed(doc, 'Valeria Ugarte Dávila')[0]!.id);
    assert.equal(entityNamed(doc, 'Quinones')[0]!.id, entityNamed(doc, 'Gonzalo Quiñones Arriaga')[0]!.id);
  });

  test('Chaupimayo bridge, 10 November 2025: 12 vs 14 dead is a conflict; the Ombudsman toll 8 → 22 → 29 → 31 evolves', () => {
    const chaupimayo = figureConflict(doc, /^killed in Chaupimayo/).find((c) => c.subject.includes('2025-11-10'))!;
    assert.equal(chaupimayo.status, 'conflict');
    assert.deepEqual(
      chaupimayo.values
        .map((v) => v.value)
        .filter((v) => /^\d+$/.test(v))
        .sort(),
      ['12', '14'],
    );
    const toll = doc.conflicts.find(
      (c) => c.kind === 'figure' && c.status === 'evolving' && c.subject.startsWith('killed') && ['8', '22', '29', '31'].every((n) => c.values.some((v) => v.value === n)),
    );
    assert.ok(toll, JSON.stringify(doc.conflicts.map((c) => [c.subject, c.status, c.values.map((v) => v.value)])));
  });

  test("Etxeberri's conviction: 9 October in the Ledger and its copy, 10 October in the Commons Desk column — a date conflict", () => {
    const conviction = doc.conflicts.filter((c) => c.kind === 'date');
    assert.deepEqual(
      conviction.map((c) => [c.subject, c.status, c.values.map((v) => [v.value, v.outlets.join('+')])]),
      [
        [
          'Ramiro Etxeberri sentencing',
          'conflict',
          [
            ['2025-10-09', 'Pacific Current+The Andean Ledger'],
            ['2025-10-10', 'Commons Desk'],
          ],
        ],
      ],
    );
    for (const item of conviction[0]!.items) {
      const [articleId, start, end] = item.split(':');
      const article = doc.articles.find((a) => a.id === articleId)!;
      assert.ok(article, item);
      assert.ok(Number(end) > Number(start));
    }
  });

  test('the syndicated copy points at its original, and a claim it repeats has one independent origin', () => {
    const copy = doc.articles.find((a) => a.outlet === 'Pacific Current' && a.copyOf)!;
    assert.equal(articleOf(doc, copy.copyOf!).outlet, 'The Andean Ledger');
    const repeated = doc.claims.filter((c) => c.articleId === copy.id && c.sameClaim.length > 1);
    assert.ok(repeated.length > 0);
    for (const c of repeated) assert.equal(c.independentOrigins, 1);
  });

  test('the export is the same bytes when the articles arrive in the opposite order', async () => {
    const files = readdirSync(samplesDir)
      .filter((n) => /^\d\d-/.test(n))
      .sort()
      .reverse()
      .map((n) => join(samplesDir, n));
    const again = await exportOf(files);
    assert.equal(JSON.stringify(again), JSON.stringify(doc));
  });

  test('the export is the same bytes in 5 random arrival orders: entities, copies, figure groups, date conflicts, events and claims', async () => {
    const expected = JSON.stringify(doc);
    assert.ok(doc.events.length > 0 && doc.conflicts.some((c) => c.kind === 'figure') && doc.conflicts.some((c) => c.kind === 'date'), 'the pile has findings of every kind');
    for (const order of shuffledOrders(samplesDir, 5, 7)) assert.equal(JSON.stringify(await exportOf(order)), expected, `order ${order.map((f) => f.slice(-12)).join(' ')}`);
  });
});

/** `rounds` orders of the article files of `dir`, shuffled with a seeded generator so that a failure can be replayed. */
function shuffledOrders(dir: string, rounds: number, seed: number): string[][] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const files = readdirSync(dir)
    .filter((n) => /^\d+[-_]/.test(n))
    .sort()
    .map((n) => join(dir, n));
  return Array.from({ length: rounds }, () => {
    const order = [...files];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  });
}
