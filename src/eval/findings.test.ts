import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsShared, sharedDir } from '../../test/helpers/shared.ts';
import { readEvalPage } from './findings-pages.ts';
import {
  type Findings,
  type FindingsGold,
  parseFindingsGold,
  sameDuration,
  scoreCopies,
  scoreDurations,
  scoreEntityTypes,
  scoreFiguresRead,
  scoreFindings,
  scoreGroups,
  scorePeople,
  scoreVotes,
  statesPercent,
  statesValue,
} from './findings.ts';

// A fictional crisis in the invented town of Quillabamba Alta: two pages count the dead, one the detained.
const gold: FindingsGold = parseFindingsGold({
  events: [
    {
      id: 'bridge-dead',
      measure: 'killed',
      verdict: 'evolving',
      also: ['conflict'],
      reports: [
        { file: '001', value: 4 },
        { file: '002', value: 6 },
        { file: '002', value: 4 },
      ],
    },
    { id: 'strike-start', measure: 'start date', verdict: 'conflict', reports: [{ file: '001', value: '2031-03-02' }] },
  ],
  running_totals: [
    {
      id: 'national-detained',
      measure: 'detained',
      reports: [
        { file: '003', value: 120 },
        { file: '001', value: 80 },
      ],
    },
  ],
  durations: [
    { file: '004', person: 'Ofelia Pumacahua', value: 'P18M', kind: 'prison', instance: 'first' },
    { file: '004', person: 'Ofelia Pumacahua', value: 'P5Y', kind: 'disqualification', instance: '' },
    { file: '004', person: '(appeal window)', value: 'P10D', kind: 'other', instance: '' },
  ],
  votes: [
    { file: '005', candidate: 'Ofelia Pumacahua', percent: 51.2, votes: 40213 },
    { file: '005', candidate: 'Teodoro Ancasi', percent: 48.8 },
  ],
  people: [
    { name: 'Ofelia Pumacahua', variants: ['Ofelia Pumakawa', 'Pumacahua'], files: ['001', '002', '004'] },
    { name: 'Teodoro Ancasi', variants: [], files: ['005'] },
  ],
  copies: [
    { files: ['001', '002'], kind: 'same-language' },
    { files: ['003', '006'], kind: 'translated' },
  ],
  not_copies: [{ files: ['004', '005'] }],
  entity_types: { LOC: ['Quillabamba Alta'], PER: ['Ofelia Pumacahua', 'Teodoro Ancasi'], ORG: ['Junta Vecinal'] },
});

const findings: Findings = {
  figures: {
    '001': [
      { measure: 'killed', value: 4, unit: 'count' },
      { measure: 'other', value: 80, unit: 'count' },
    ],
    '002': [{ measure: 'killed', value: 5, high: 6, unit: 'count' }],
    '003': [{ measure: 'detained', value: 120, unit: 'count' }],
    '004': [
      { measure: 'sentence', value: 0, unit: 'duration', duration: 'P1Y6M', term: { kind: 'prison', instance: 'appeal' } },
      { measure: 'sentence', value: 0, unit: 'duration', duration: 'P5Y' },
      { measure: 'other', value: 0, unit: 'duration', duration: 'P10D' },
    ],
    '005': [
      { measure: 'votes_for', value: 51.2, unit: 'percent' },
      { measure: 'votes_for', value: 48.7, unit: 'percent' },
    ],
  },
  groups: [
    {
      key: 'killed|bridge',
      measure: 'killed',
      verdict: 'conflict',
      reports: [
        { file: '001', value: 4 },
        { file: '002', value: 5, high: 6 },
        { file: '003', value: 9 },
      ],
    },
    { key: 'killed|elsewhere', measure: 'killed', verdict: 'agree', reports: [{ file: '002', value: 4 }] },
    {
      key: 'injured|bridge',
      measure: 'injured',
      verdict: 'agree',
      reports: [
        { file: '001', value: 4 },
        { file: '002', value: 6 },
        { file: '002', value: 4 },
      ],
    },
    { key: 'detained|national', measure: 'detained', verdict: 'evolving', reports: [{ file: '003', value: 120 }] },
  ],
  entities: [
    { id: 'e1', name: 'Ofelia Pumacahua', type: 'PER', mentions: 9, aliases: ['Ofelia Pumacahua', 'Pumacahua'], files: ['001', '002'] },
    { id: 'e2', name: 'Ofelia Pumakawa', type: 'PER', mentions: 1, aliases: ['Ofelia Pumakawa'], files: ['004'] },
    { id: 'e3', name: 'Quillabamba Alta', type: 'PER', mentions: 3, aliases: ['Quillabamba Alta'], files: ['001'] },
    { id: 'e4', name: 'Quillabamba Alta', type: 'LOC', mentions: 1, aliases: ['QUILLABAMBA ALTA'], files: ['002'] },
    { id: 'e5', name: 'Teodoro Ancasi', type: 'PER', mentions: 2, aliases: ['Teodoro Ancasi'], files: ['005'] },
  ],
  copies: [
    ['002', '001'],
    ['005', '004'],
  ],
  samePages: [],
};

test("findings eval: a number matches a figure by its value or either end of its range; a percent to the gold's last decimal", () => {
  assert.ok(statesValue({ value: 4 }, 4));
  assert.ok(statesValue({ value: 5, high: 6 }, 6));
  assert.ok(!statesValue({ value: 5, high: 7 }, 6), 'a value inside a range is not a value the page states');
  assert.ok(statesPercent({ measure: 'votes_for', value: 45.3, unit: 'percent' }, 45.3));
  assert.ok(statesPercent({ measure: 'votes_for', value: 45.34, unit: 'percent' }, 45.3), 'the gold states one decimal');
  assert.ok(!statesPercent({ measure: 'votes_for', value: 45.36, unit: 'percent' }, 45.3));
  assert.ok(!statesPercent({ measure: 'votes_for', value: 45.3, unit: 'count' }, 45.3), 'a count is no percent');
  assert.ok(sameDuration('P1Y6M', 'P18M'));
  assert.ok(!sameDuration('P1Y6M', 'P1Y'));
});

test('findings eval: figures read need page, measure and value; one item per (page, measure, value); non-counts are skipped', () => {
  const score = scoreFiguresRead(gold, findings);
  // 001/4, 002/6, 002/4 (killed); 003/120, 001/80 (detained)
  assert.deepEqual(score.read, { hits: 3, total: 5, ratio: 0.6 });
  assert.deepEqual(
    score.missed.map((m) => `${m.file} ${m.measure} ${m.value} as ${m.foundAs.join(',') || '-'}`),
    ['002 killed 4 as -', '001 detained 80 as other'],
  );
  assert.deepEqual(
    score.skipped.map((s) => s.series),
    ['strike-start'],
  );
});

test('findings eval: durations read by length, kind right only from a term (or a plain length for `other`), instance where stated', () => {
  const score = scoreDurations(gold, findings);
  assert.deepEqual(score.read, { hits: 3, total: 3, ratio: 1 });
  assert.deepEqual(
    score.items.map((i) => [i.value, i.foundKind, i.rightKind]),
    [
      ['P18M', 'prison', true],
      ['P5Y', 'none', false],
      ['P10D', 'none', true],
    ],
  );
  assert.deepEqual(score.rightKind, { hits: 2, total: 3, ratio: 2 / 3 });
  assert.deepEqual(score.kindWhereTermPresent, { hits: 1, total: 1, ratio: 1 });
  assert.deepEqual(score.rightInstance, { hits: 0, total: 1, ratio: 0 }, 'read as an appeal term, stated as first instance');
});

test('findings eval: vote percents and vote counts are counted apart', () => {
  const score = scoreVotes(gold, findings);
  assert.deepEqual(score.percents, { hits: 1, total: 2, ratio: 0.5 });
  assert.deepEqual(score.counts, { hits: 0, total: 1, ratio: 0 });
  assert.equal(score.missed.length, 2);
});

test('findings eval: the best group covers most gold pairs of the right measure; precision counts its other reports; verdicts compared', () => {
  const score = scoreGroups(gold, findings);
  const [bridge, detained] = score.series;
  assert.equal(score.series.length, 2, 'the start date is no count and has no group');
  // The injured group states the same numbers but counts something else; the bridge group holds 001/4 and 002/6 but not 002/4.
  assert.equal(bridge!.group, 'killed|bridge');
  assert.equal(bridge!.recall, 2 / 3);
  assert.equal(bridge!.precision, 2 / 3, '003/9 is no report of this event');
  assert.equal(bridge!.rightVerdict, false);
  assert.equal(bridge!.rightVerdictLenient, true, 'the gold also accepts conflict');
  assert.deepEqual([bridge!.spread, bridge!.ungrouped, bridge!.unread], [2, 0, 1], "split over two groups; 002/4 is not among the page's figures");
  assert.deepEqual([detained!.spread, detained!.ungrouped, detained!.unread], [1, 0, 1]);
  assert.equal(detained!.recall, 0.5);
  assert.equal(detained!.precision, 1);
  assert.deepEqual(detained!.expected, ['evolving', 'agree']);
  assert.equal(detained!.verdict, null, 'a group holding one report of the series says nothing about it');
  assert.equal(detained!.rightVerdict, false);
  assert.deepEqual(score.verdicts, { hits: 0, total: 2, ratio: 0 });
  assert.deepEqual(score.runningTotalsCalledConflict, []);

  const injured = scoreGroups(
    parseFindingsGold({
      running_totals: [
        {
          id: 'injured',
          measure: 'injured',
          reports: [
            { file: '001', value: 4 },
            { file: '002', value: 6 },
          ],
        },
      ],
    }),
    findings,
  );
  assert.equal(injured.series[0]!.verdict, 'agree');
  assert.equal(injured.series[0]!.rightVerdict, true, 'a running total may agree');
});

test("findings eval: a person is the one entity covering most of its pages; its variants are looked for among that entity's aliases", () => {
  const score = scorePeople(gold, findings);
  const [ofelia, teodoro] = score.people;
  assert.equal(ofelia!.entity, 'Ofelia Pumacahua');
  assert.equal(ofelia!.covered, 2);
  assert.deepEqual(ofelia!.variantsMissing, ['Ofelia Pumakawa'], 'split off into a second entity');
  assert.equal(teodoro!.covered, 1);
  assert.equal(score.filesCovered, (2 / 3 + 1) / 2);
  assert.equal(score.variantsInOneEntity, 0.5, 'only people with variants count');
  assert.deepEqual(score.whole, { hits: 1, total: 2, ratio: 0.5 });
});

test('findings eval: copies are found in either order and counted by kind; a linked non-copy is flagged', () => {
  const score = scoreCopies(gold, findings);
  assert.deepEqual(score.sameLanguage, { hits: 1, total: 1, ratio: 1 });
  assert.deepEqual(score.translated, { hits: 0, total: 1, ratio: 0 });
  assert.deepEqual(score.notCopiesFlagged, [['004', '005']]);
  const identical = scoreCopies(gold, { ...findings, copies: [], samePages: [['006', '003']] });
  assert.deepEqual(identical.translated.hits, 1, 'two pages stored as one article are copies');
});

test('findings eval: an entity string takes the type of the most mentioned entity of that name', () => {
  const score = scoreEntityTypes(gold, findings);
  assert.deepEqual(score.found, { hits: 3, total: 4, ratio: 0.75 });
  assert.deepEqual(score.typedRight, { hits: 2, total: 3, ratio: 2 / 3 });
  assert.deepEqual(score.wrong, [{ text: 'Quillabamba Alta', gold: 'LOC', found: 'PER' }]);
  assert.deepEqual(score.notFound, [{ text: 'Junta Vecinal', gold: 'ORG' }]);
});

test('findings eval: the summary puts each target beside its figure', () => {
  const report = scoreFindings(gold, findings, { pages: 6 });
  const row = (metric: string) => report.summary.find((r) => r.metric.startsWith(metric))!;
  assert.equal(row('figures read').met, false);
  assert.equal(row('figures read').detail, '3/5');
  assert.equal(row('not-copies flagged').value, 1);
  assert.equal(row('not-copies flagged').met, false);
  assert.equal(row('durations: right kind where').met, null, 'no target');
});

test('findings eval: a page header gives url, outlet (without the note after a comma), date and language; the text follows the --- line', () => {
  const page = readEvalPage('007', 'url: https://example.org/a\noutlet: Diario Sur (Quillabamba), reprint of Eco Andino\ndate: 2031-03\nlang: es\n---\nTitle\n\nBody text.');
  assert.deepEqual(page.meta, { outlet: 'Diario Sur (Quillabamba)', published: '2031-03', language: 'es', canonicalUrl: 'https://example.org/a' });
  assert.equal(page.text, 'Title\n\nBody text.');
  assert.deepEqual(readEvalPage('008', 'url: x\ndate:\n---\nText').meta, { canonicalUrl: 'x' }, 'an empty date is no date');
  assert.equal(readEvalPage('009', 'Just text\n---\nmore').text, 'Just text\n---\nmore', 'a rule inside a text is not a header');
});

const realnews = join(sharedDir, 'data', 'realnews-dev');
const realnewsMissing = needsShared || (existsSync(join(realnews, 'gold.json')) ? false : `needs ${realnews} (absent)`);
if (realnewsMissing && !needsShared && process.env.QUIPU_REQUIRE_SHARED === '1') throw new Error(`QUIPU_REQUIRE_SHARED is set but ${realnews} is absent`);

test("findings eval on realnews-dev: today's figures hold (floors a little below the measured baseline)", { skip: realnewsMissing }, async () => {
  const { evaluateFindingsFolder } = await import('../cli/eval.ts');
  const report = await evaluateFindingsFolder(join(realnews, 'pages'), join(realnews, 'gold.json'));
  const value = (metric: string) => report.summary.find((r) => r.metric.startsWith(metric))!.value ?? 0;
  assert.equal(report.pages, 72);
  assert.deepEqual(report.failed, []);
  // Measured on 2026-12-06 (docs/findings-eval.md): 78.7, 82.1, 100, 28.0, 43.4, 13.3, 87.3, 73.9, 2/7, 85.6 (%);
  // with this session's reading, grouping, copies, entities and typing together: 99.3, 97.4 (97.4 with the kind), 100, 4/4,
  // recall 82.0, precision 45.8, verdicts 15/30, 91.9, 79.5, 7/7, 4/4 translated, 93.3; no running total called a conflict.
  // Counters kept apart (each counter's series, compared day by day): recall 78.5, precision 62.6, verdicts 20/30;
  // with no date made up for an unattributed count (Colombia's counters now kept apart too): 73.7, 67.4, 18/30;
  // a counter's total and its part no scope difference within that counter's series: verdicts 20/30;
  // an article's own side-by-side comparison of counters: precision 69.9, verdicts 21/30;
  // an undated page's counts of the latest year it names: recall 74.4, precision 73.7, verdicts 22/30.
  // Issue 15, recall pass (measured at its start: 74.0, 75.4, 22/30): closing reporting clauses, comparisons on the day
  // they name, curfew and eye-injury scopes, offices' seats, provinces of the ISO list, itemized parts, reporting
  // organizations, persons' offices, one death told apart: recall 85.0, precision 80.9, verdicts 24/30 (26 with secondary).
  // Issue 15, precision pass: added counts, unattributed and civilian parts, an article's own two values, joint counters,
  // members of a force, people held, buildings' names, the place an article writes most: recall 85.9, precision 87.7,
  // verdicts 23/30 (26 with secondary).
  const floors: [string, number][] = [
    ['figures read', 0.95],
    ['durations read (ISO value)', 0.93],
    ['durations read with the right kind', 0.93],
    ['vote percents read', 0.95],
    ['vote counts read', 0.75],
    ['best group recall', 0.85],
    ['best group precision', 0.86],
    ['verdicts right', 0.76],
    // people: 91.9% and 79.5% before issue 19's linking rules (second given name, doubled letters, pinned slips), 95.0% and 91.9% with them,
    // 96.3% and 94.8% with the given-name and surname halves of a four-word name; 98.7% and 98.6% (37/38 people whole)
    // with a short form held by two people of one name length joining neither, the person cut out of "Gobierno de …",
    // the surname after "de apellido" and a list line's first given name put back
    ['people: pages covered', 0.975],
    ['people: variants', 0.97],
    ['people: all pages and variants', 0.95],
    ['same-language copies', 0.85],
    ['translated copies', 0.75],
    // entity types: 85.0% before the typing prior, 93.3% with it, 97.8% with the cue rules of issue 19
    // (src/annotate/entities/README.md; realnews-dev is a tuned set: these rules were written looking at it)
    ['entity types right', 0.95],
  ];
  for (const [metric, floor] of floors) assert.ok(value(metric) >= floor, `${metric}: ${value(metric)} fell below ${floor}`);
  assert.equal(value('not-copies flagged'), 0);
  assert.equal(value('running totals called a conflict'), 0);
});
