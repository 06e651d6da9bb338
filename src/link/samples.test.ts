/**
 * End to end on the built-in sample corpus (samples/README.md documents the planted facts):
 * extract → timex → figures, then copies, citations and figure groups across the pile.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { findCitations, independentOrigins, resolveCitations } from './citations.ts';
import { findCopies } from './copies.ts';
import { figureRecords, type FigureGroup, groupFigures } from './figure-groups.ts';
import { annotatedSamples } from '../../test/helpers/samples.ts';

/** Each article by its file prefix and part: "06", "07#3". */
const byName = new Map<string, Doc>();
const nameOf = new Map<string, string>();
let groups: FigureGroup[] = [];

before(async () => {
  for (const { name, doc } of await annotatedSamples()) {
    byName.set(name, doc);
    nameOf.set(doc.id, name);
  }
  groups = groupFigures([...byName.values()].flatMap(figureRecords));
});

const names = (ids: Iterable<string>) => [...new Set([...ids].map((id) => nameOf.get(id)!))].sort();
const byValue = (g: FigureGroup) => Object.fromEntries(g.values.map((v) => [v, names(g.reports.filter((r) => (r.duration ?? String(r.value)) === v).map((r) => r.articleId))]));

test('samples: 12 vs 14 dead at the Chaupimayo bridge on 2025-11-10 is a conflict', () => {
  const g = groups.find((x) => x.measure === 'killed' && x.place && x.place.toLowerCase() === 'chaupimayo' && x.date === '2025-11-10')!;
  assert.equal(g.verdict, 'conflict');
  assert.deepEqual(byValue(g), { 12: ['06', '07#3', '09', '10', '11', '13', '14', '15'], 14: ['07#2', '08'] });
});

test("samples: the Ombudsman's running toll 8 → 22 → 29 → 31 is evolving", () => {
  const g = groups.find((x) => x.measure === 'killed' && x.cumulative && x.place === null)!;
  assert.equal(g.verdict, 'evolving');
  // 14 retells the whole series (8, then 22, then 29), so it reports each value.
  assert.deepEqual(byValue(g), { 8: ['04', '05', '14'], 22: ['06', '07#2', '07#3', '14'], 29: ['09', '13', '14'], 31: ['07#0', '15'] });
  assert.equal(g.since, '2025-10-29');
});

test('samples: the sentence of 3 vs 3.5 years is a conflict', () => {
  const g = groups.find((x) => x.measure === 'sentence')!;
  assert.equal(g.verdict, 'conflict');
  assert.deepEqual(byValue(g), { P3Y6M: ['01', '02', '03', '09', '10', '11', '17'], P3Y: ['04', '05', '12', '15'] });
});

test('samples: no other conflicts; the other evolving groups are the provincial tolls, each one group whether a day or a running total', () => {
  const rest = groups.filter((g) => g.verdict !== 'agree' && !(g.measure === 'killed' && g.place?.toLowerCase() === 'chaupimayo') && g.measure !== 'sentence' && !(g.cumulative && g.place === null));
  assert.deepEqual(
    rest.map((g) => [g.verdict, g.key]),
    [
      ['evolving', 'killed||..alcaravi|people|2025-11-05'],
      ['evolving', 'killed||..huaranca|people|2025-11-02'],
      ['evolving', 'killed||..tumba|people|2025-11-05'],
    ],
  );
});

test('samples: itemized lists — 14 adds up to 29, 07 part 0 (412 detained vs 400) does not, 04 in prose adds up to 8', () => {
  const totals = (name: string) =>
    byName
      .get(name)!
      .figures!.filter((f) => f.parts)
      .map((f) => [f.measure, f.value, f.partsAddUp, f.parts!.map((k) => byName.get(name)!.figures![k]!.place?.text)]);
  assert.deepEqual(totals('14'), [['killed', 29, true, ['Tumbá', 'Huaranca', 'Alcaraví', 'Quispal', 'Puerto Quilla']]]);
  assert.deepEqual(totals('07#0'), [['detained', 412, false, ['Puerto Quilla', 'Tumbá', 'Huaranca', 'Alcaraví', 'Quispal']]]);
  assert.deepEqual(totals('04'), [['killed', 8, true, ['Tumba', 'Huaranca', 'Alcaravi']]]);
  assert.ok(byName.get('07#0')!.messages.some((m) => m.rule === 'figures:parts-do-not-add-up'));
});

test('samples: 11 is a syndicated copy of 10, 07 part 3 a repost of 06, 16 a partial copy of 06 (and so of its repost), 17 a Spanish translation of 02, and nothing else is a copy', () => {
  const docs = [...byName.values()];
  const outlets = [...new Set(docs.map((d) => d.meta.outlet).filter((o): o is string => !!o))];
  const citations = resolveCitations(
    docs.flatMap((d) => findCitations(d.id, d.text, { outlets, ownOutlet: d.meta.outlet })),
    docs.map((d) => ({ id: d.id, outlet: d.meta.outlet, published: d.meta.published })),
  );
  const stats = { candidatePairs: 0, comparedParagraphPairs: 0 };
  const copies = findCopies(
    docs.map((d) => ({ id: d.id, text: d.text, published: d.meta.published, outlet: d.meta.outlet, via: d.meta.via, language: d.meta.language, timexes: d.timexes })),
    { citations, stats },
  );
  assert.deepEqual(copies.map((c) => [nameOf.get(c.copy), nameOf.get(c.original), c.kind, c.translated ?? false]).sort(), [
    ['07#3', '06', 'repost', false],
    ['11', '10', 'syndicated', false],
    ['16', '06', 'syndicated', false],
    ['16', '07#3', 'syndicated', false],
    ['17', '02', 'syndicated', true],
  ]);
  // The partial copy: four paragraphs of the wire story under its own lead, "held for eleven days" become nine.
  const partial = copies.find((c) => nameOf.get(c.copy) === '16' && nameOf.get(c.original) === '06')!;
  assert.equal(partial.extent!.length, 4);
  assert.deepEqual(
    partial.changes!.map((c) => c.note),
    ['this copy says nine days where its source says eleven'],
  );
  assert.deepEqual(partial.evidence, ['published 2025-11-11, the copy 2025-11-12', 'the copy credits Condorpress: "Source: Condorpress"']);
  // Without the entity stage here the anchors are numbers and dates only: two paragraphs align (six with names, as ingest finds).
  const translated = copies.find((c) => nameOf.get(c.copy) === '17')!;
  assert.ok(translated.extent!.length >= 2 && translated.changes!.length === 0, JSON.stringify(translated));
  assert.ok(stats.candidatePairs < 20, `${stats.candidatePairs} candidate pairs`);
  assert.deepEqual(
    citations.map((c) => [nameOf.get(c.citing), c.kind, c.cited, c.citedArticle && nameOf.get(c.citedArticle)]),
    [
      ['11', 'first-appeared', 'The Andean Ledger', '10'],
      ['12', 'reported-by', 'El Faro de Quilla', '08'],
      ['16', 'source', 'Condorpress', '06'],
      ['17', 'first-appeared', 'The Andean Ledger', '02'],
    ],
  );
  // Twelve dead at Chaupimayo is said by eight articles but fewer independent origins: 11 copies 10 and 07#3 reposts 06.
  const twelve = groups.find((x) => x.measure === 'killed' && x.place?.toLowerCase() === 'chaupimayo')!.reports.filter((r) => r.value === 12);
  const origins = independentOrigins(
    [...new Set(twelve.map((r) => r.articleId))].map((id) => ({ id, outlet: byName.get(nameOf.get(id)!)!.meta.outlet })),
    copies,
    citations,
  );
  assert.deepEqual(origins.map((o) => names(o.members)).sort(), [['06', '07#3'], ['09'], ['10', '11'], ['13'], ['14'], ['15']]);
});
