import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { needsShared, sharedDir } from '../../test/helpers/shared.ts';
import type { Attribution } from '../core/doc.ts';
import type { Stage } from '../core/pipeline.ts';
import { tokenize } from '../annotate/tokens/index.ts';
import { type GoldAttribution, codePointToUtf16, evaluateAttributionDir, formatAttributionReport, goldSpans, listBratPairs, parseBrat, scoreTally, tallyLinked, tallyRole } from './attribution.ts';

const DEV = pathToFileURL(`${sharedDir}/data/polnear/dev/`);

const TEXT = '“We will win,” the mayor said, “and soon.” Critics disagree.';
// brat offsets for the text above; the content is discontinuous; T5's text runs on the next physical line
const ANN = [
  'T1\tContent 0 14;30 42\t“We will win,” “and soon.”',
  'T2\tSource 15 24\tthe mayor',
  'T3\tCue 25 29\tsaid',
  'T4\tAttribution 25 29\tsaid',
  'E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2',
  'T5\tSource 43 50\tCritics',
  'continued text line',
  'T6\tCue 51 59\tdisagree',
  'T7\tAttribution-no-source 51 59\tdisagree',
  '#1\tAnnotatorNotes T6\tnote',
  'E2\tAttribution-no-source:T7 Cue:T6',
].join('\n');

test('attribution eval: brat spans, discontinuous content, continuation lines and notes', () => {
  const { attributions, problems } = parseBrat(ANN, TEXT);
  assert.deepEqual(problems, []);
  assert.equal(attributions.length, 2);
  assert.deepEqual(attributions[0]!.content, [
    [
      { start: 0, end: 14 },
      { start: 30, end: 42 },
    ],
  ]);
  assert.deepEqual(attributions[0]!.source, [{ start: 15, end: 24 }]);
  assert.equal(attributions[1]!.source, null);
  assert.deepEqual(attributions[1]!.cue, [{ start: 51, end: 59 }]);
});

test('attribution eval: code-point offsets become UTF-16 offsets', () => {
  const text = '👍 he said yes';
  const { attributions } = parseBrat('T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Cue:T1', text);
  assert.equal(text.slice(attributions[0]!.cue[0]!.start, attributions[0]!.cue[0]!.end), 'said');
  assert.equal(codePointToUtf16('abc')(2), 2);
});

test('attribution eval: exact match needs every fragment; overlap gives partial credit', () => {
  const gold = goldSpans(parseBrat(ANN, TEXT).attributions);
  const tokens = tokenize(TEXT);
  const exact = { gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 };
  tallyRole(exact, tokens, gold.content, [
    [
      { start: 0, end: 14 },
      { start: 30, end: 42 },
    ],
  ]);
  assert.equal(scoreTally(exact).exact.f1, 1);
  const partial = { gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 };
  tallyRole(partial, tokens, gold.content, [[{ start: 0, end: 14 }]]);
  const s = scoreTally(partial);
  assert.equal(s.exact.f1, 0);
  assert.equal(s.overlap.precision, 1);
  assert.ok(s.overlap.recall > 0.4 && s.overlap.recall < 0.8);
});

test('attribution eval: a folder in PolNeAR layout, one .ann per text (first by name), scored from raw text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-att-'));
  mkdirSync(join(dir, 'text'));
  mkdirSync(join(dir, 'attributions'));
  writeFileSync(join(dir, 'text', 'a.txt'), TEXT);
  writeFileSync(join(dir, 'attributions', 'a_0001.ann'), ANN);
  writeFileSync(join(dir, 'attributions', 'a_0002.ann'), 'T1\tCue 0 1\t“\nE1\tAttribution:T1 Cue:T1');
  assert.deepEqual(
    listBratPairs(dir).map((p) => p.annPath.slice(-10)),
    ['a_0001.ann'],
  );
  // a stage that returns exactly the gold of the first relation
  const oracle: Stage<'quotes'> = {
    name: 'quotes',
    requires: ['tokens'],
    assigns: ['quotes'],
    run(doc) {
      const part = (start: number, end: number) => ({ start, end, text: doc.text.slice(start, end) });
      const q: Attribution = {
        start: 0,
        end: 42,
        cue: part(25, 29),
        source: { ...part(15, 24), kind: 'unnamed' },
        content: [part(0, 14), part(30, 42)],
        form: 'direct',
        hedge: 'asserted',
        confidence: 1,
      };
      return { quotes: [q] };
    },
  };
  const report = evaluateAttributionDir(dir, { stage: oracle });
  assert.equal(report.documents, 1);
  assert.equal(report.roles.content.exact.f1, 1);
  assert.equal(report.roles.source.exact.precision, 1);
  assert.equal(report.roles.source.exact.recall, 1); // "Critics" is in no relation
  assert.equal(report.roles.cue.correct, 1);
  assert.match(formatAttributionReport(report), /content\s+1\s+1\s+100\.0/);
});

test('attribution eval: PolNeAR dev floor (exact F1 well below measured)', (t) => {
  if (needsShared) return t.skip(needsShared);
  const report = evaluateAttributionDir(DEV.pathname, { limit: 25 });
  assert.ok(report.roles.source.exact.f1 > 0.55, `source ${report.roles.source.exact.f1}`);
  assert.ok(report.roles.cue.exact.f1 > 0.52, `cue ${report.roles.cue.exact.f1}`);
  assert.ok(report.roles.content.exact.f1 > 0.35, `content ${report.roles.content.exact.f1}`);
});

test('attribution eval: a linked triple is right only when source, cue and content are all exact in one relation', () => {
  const gold: GoldAttribution[] = [
    { source: [{ start: 0, end: 4 }], cue: [{ start: 5, end: 9 }], content: [[{ start: 10, end: 20 }]] },
    { source: null, cue: [{ start: 30, end: 35 }], content: [[{ start: 21, end: 29 }], [{ start: 36, end: 40 }]] },
  ];
  const at = (start: number, end: number) => ({ start, end, text: 'x'.repeat(end - start) });
  const base = { form: 'indirect' as const, hedge: 'asserted' as const, confidence: 1 };
  const predicted: Attribution[] = [
    { ...base, start: 0, end: 20, source: { ...at(0, 4), kind: 'named' }, cue: at(5, 9), content: [at(10, 20)] },
    { ...base, start: 21, end: 40, source: null, cue: at(30, 35), content: [at(21, 29), at(36, 40)] },
    { ...base, start: 0, end: 20, source: { ...at(0, 4), kind: 'named' }, cue: at(5, 9), content: [at(10, 19)] },
  ];
  assert.deepEqual(tallyLinked(gold, predicted), { gold: 2, predicted: 3, correct: 2 });
});
