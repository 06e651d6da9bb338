/** The real case in the seeds (read at run time from ../shared, never copied): seed 002, an aggregator page of ten articles. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildPipeline } from '../core/pipeline.ts';
import { extractItem } from '../ingest/extract.ts';
import { timexStage } from '../annotate/timex/index.ts';
import { figuresStage } from '../annotate/figures/index.ts';
import { figureRecords, groupFigures } from './figure-groups.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { findCitations, resolveCitations } from './citations.ts';
import { linkArticles } from './link-articles.ts';
import { needsShared, seedsDir } from '../../test/helpers/shared.ts';

test("seeds 002: 17 dead in Juliaca per Samizdat (10 and 11 January) vs 19 per CounterPunch is a conflict; teleSUR's 25 deaths by department add up", { skip: needsShared }, async () => {
  const file = readdirSync(seedsDir).find((n) => n.startsWith('002_'))!;
  const path = join(seedsDir, file);
  const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
  const pipeline = buildPipeline([timexStage, figuresStage]);
  const annotated = docs.map((d) => pipeline.run(d, { check: true }));
  const groups = groupFigures(annotated.flatMap(figureRecords));
  const juliaca = groups.find((g) => g.measure === 'killed' && g.place?.toLowerCase() === 'juliaca')!;
  assert.equal(juliaca.verdict, 'conflict');
  assert.equal(juliaca.date, '2023-01-09');
  // Samizdat's "over a dozen" names no place and this pipeline reads no entities, so it counts where its article is.
  assert.deepEqual(
    juliaca.reports.map((r) => [r.outlet, r.reported, r.value]),
    [
      ['Samizdat', '2023-01-10', 17],
      ['Samizdat', '2023-01-11', 12],
      ['Samizdat', '2023-01-11', 17],
      ['CounterPunch', '2023-03-10', 19],
    ],
  );
  const telesur = annotated.find((d) => d.meta.outlet === 'teleSUR' && d.meta.published === '2022-12-19')!;
  const lists = telesur.figures!.filter((f) => f.parts).map((f) => [f.measure, f.value, f.parts!.length, f.partsAddUp]);
  assert.deepEqual(lists, [
    ['killed', 25, 6, true],
    ['injured', 287, 9, true],
    ['hospitalized', 69, 8, true],
  ]);
});

test('seeds: the figures stage runs on every seed article without breaking the doc invariants', { skip: needsShared }, async () => {
  const pipeline = buildPipeline([timexStage, figuresStage]);
  for (const file of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
    const path = join(seedsDir, file);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const d of docs) pipeline.run(d, { check: true });
  }
});

test('seeds 002 and 004: the first article of 002 cites 004 by naming its two authors, a citation and not a copy; no seed copies another', { skip: needsShared }, async () => {
  const pipeline = await defaultPipeline();
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  const names = new Map<string, string>();
  const docs = [];
  for (const file of readdirSync(seedsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const path = join(seedsDir, file);
    const { docs: found, raw, charset, kind } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    const annotated = found.map((d) => pipeline.run(d));
    annotated.forEach((d, i) => names.set(d.id, `${file.slice(0, 3)}#${i}`));
    await repository.saveArticles({ locator: path, kind, contentType: '', charset, raw }, annotated);
    docs.push(...annotated);
  }
  const copies = await linkArticles(repository, docs);
  await repository.close();
  assert.deepEqual(
    copies.map((c) => [names.get(c.copyId), names.get(c.originalId)]),
    [],
  );
  const first = docs.find((d) => names.get(d.id) === '002#0')!;
  const citations = resolveCitations(
    findCitations(first.id, first.text),
    docs.map((d) => ({ id: d.id, outlet: d.meta.outlet, authors: d.meta.authors, published: d.meta.published })),
  );
  assert.deepEqual(
    citations.map((c) => [c.kind, c.citedArticle && names.get(c.citedArticle)]),
    [['reported-by', '004#0']],
  );
});
