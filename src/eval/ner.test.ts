import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { needsShared, sharedDir } from '../../test/helpers/shared.ts';
import { splitAtDatelines } from './ner-conll.ts';
import { evaluateNer, formatNerReport, parseConll, scoreNer, spansOf, toIob2 } from './ner.ts';

const DATA = pathToFileURL(`${sharedDir}/data/`);

test('ner scorer: conlleval spans — I- after O starts an entity, a type change starts a new one', () => {
  assert.deepEqual(spansOf(['O', 'I-PER', 'I-PER', 'O']), [{ start: 1, end: 3, type: 'PER' }]);
  assert.deepEqual(spansOf(['I-PER', 'I-ORG', 'I-ORG']), [
    { start: 0, end: 1, type: 'PER' },
    { start: 1, end: 3, type: 'ORG' },
  ]);
  // IOB1: B- only between two adjacent same-type entities
  assert.deepEqual(spansOf(['I-LOC', 'B-LOC', 'I-LOC']), [
    { start: 0, end: 1, type: 'LOC' },
    { start: 1, end: 3, type: 'LOC' },
  ]);
  // IOB2 reading of a stray I- after B- of another type
  assert.deepEqual(spansOf(['B-PER', 'I-LOC']), [
    { start: 0, end: 1, type: 'PER' },
    { start: 1, end: 2, type: 'LOC' },
  ]);
  assert.deepEqual(spansOf(['B-MISC', 'B-MISC', 'O', 'B-ORG']), [
    { start: 0, end: 1, type: 'MISC' },
    { start: 1, end: 2, type: 'MISC' },
    { start: 3, end: 4, type: 'ORG' },
  ]);
  assert.deepEqual(spansOf([]), []);
});

test('ner scorer: IOB1 and IOB2 encodings of the same spans convert to one another', () => {
  const iob1 = ['I-ORG', 'I-ORG', 'O', 'I-PER', 'B-PER', 'O', 'I-MISC'];
  const iob2 = ['B-ORG', 'I-ORG', 'O', 'B-PER', 'B-PER', 'O', 'B-MISC'];
  assert.deepEqual(toIob2(iob1), iob2);
  assert.deepEqual(toIob2(iob2), iob2);
  assert.deepEqual(spansOf(iob1), spansOf(iob2));
  // scoring an IOB1 gold against an IOB2 prediction of the same spans is perfect
  const { overall } = scoreNer([iob1], [iob2]);
  assert.deepEqual([overall.precision, overall.recall, overall.f1], [1, 1, 1]);
});

test('ner scorer: exact spans only, with hand-computed precision, recall and F1', () => {
  const gold = [
    ['B-PER', 'I-PER', 'O', 'B-LOC'],
    ['B-ORG', 'I-ORG', 'I-ORG', 'O'],
  ];
  const predicted = [
    ['B-PER', 'I-PER', 'O', 'B-ORG'], // PER right; LOC typed as ORG
    ['B-ORG', 'I-ORG', 'O', 'O'], // ORG boundary wrong
  ];
  const { overall, perType, accuracy } = scoreNer(gold, predicted);
  assert.equal(overall.gold, 3);
  assert.equal(overall.predicted, 3);
  assert.equal(overall.correct, 1);
  assert.equal(overall.precision, 1 / 3);
  assert.equal(overall.recall, 1 / 3);
  assert.ok(Math.abs(overall.f1 - 1 / 3) < 1e-12);
  assert.deepEqual([perType.PER!.precision, perType.PER!.recall], [1, 1]);
  assert.deepEqual([perType.ORG!.gold, perType.ORG!.predicted, perType.ORG!.correct], [1, 2, 0]);
  assert.deepEqual([perType.LOC!.gold, perType.LOC!.predicted, perType.LOC!.f1], [1, 0, 0]);
  assert.equal(accuracy, 6 / 8);
});

test('ner reader: 2 and 4 columns, DOCSTART separators, empty documents dropped, CRLF tolerated', () => {
  const four = '-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n-DOCSTART- -X- O O\n\n-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\n';
  const docs = parseConll(four);
  assert.equal(docs.length, 2);
  assert.deepEqual(docs[0]!.sentences[0], { tokens: ['EU', 'rejects'], tags: ['I-ORG', 'O'] });
  const two = parseConll('Melbourne B-LOC\r\n( O\r\n\r\nEl O\r\nAbogado B-PER\r\nGeneral I-PER');
  assert.equal(two.length, 1);
  assert.equal(two[0]!.sentences.length, 2);
  assert.deepEqual(two[0]!.sentences[1]!.tags, ['O', 'B-PER', 'I-PER']);
  assert.throws(() => parseConll('lonely\n'), /expected token and tag/);
});

test('ner reader: a file without DOCSTART splits into stories at EFE datelines, by tokens only', () => {
  const text = 'Madrid B-LOC\n( O\nEFE B-ORG\n) O\n\nHola O\n\nLima B-LOC\n, O\n25 O\nmay O\n( O\nEFE B-ORG\n) O\n\nAdiós O\n';
  const docs = splitAtDatelines(parseConll(text));
  assert.deepEqual(
    docs.map((d) => d.sentences.length),
    [2, 2],
  );
  // files with DOCSTART keep their documents
  const withDocs = parseConll('-DOCSTART- O\n\nA O\n\n-DOCSTART- O\n\nB O\n');
  assert.equal(splitAtDatelines(withDocs).length, 2);
});

test('ner eval: the tagger sees tokens only, and the report prints as a table', () => {
  const text = 'Peter I-PER\nBlackburn I-PER\nvisited O\nLondon I-LOC\n.O O\n';
  const report = evaluateNer(text.replace('.O O', '. O'), 'en');
  assert.equal(report.sentences, 1);
  assert.equal(report.overall.gold, 2);
  const table = formatNerReport(report);
  assert.match(table, /overall/);
  assert.match(table, /PER/);
});

test('ner eval: dev F1 floors (en ≥ 85, es ≥ 72)', (t) => {
  if (needsShared) return t.skip(needsShared);
  const en = evaluateNer(readFileSync(new URL('conll2003/valid.txt', DATA), 'utf8'), 'en');
  assert.equal(en.overall.gold, 5942);
  assert.ok(en.overall.f1 >= 0.85, `English dev F1 ${en.overall.f1}`);
  const es = evaluateNer(readFileSync(new URL('conll2002-es/esp.testa', DATA), 'utf8'), 'es');
  assert.equal(es.overall.gold, 4352);
  assert.ok(es.overall.f1 >= 0.72, `Spanish dev F1 ${es.overall.f1}`);
});
