import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { loadNerModel, modelPath, NerModel, readClusters, readGazetteer } from './entities/index.ts';
import type { ModelParts } from './model-parts.ts';
import { AttributionModel, StackedDecoder } from './quotes/model.ts';
import { SharedClusterMap } from './shared-clusters.ts';
import { annotationModelParts } from './shared-models.ts';

/** The parts as a worker thread receives them: posted through a message port. */
function posted(parts: ModelParts): ModelParts {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(parts);
  const received = receiveMessageOnPort(port2)?.message as ModelParts;
  port1.close();
  return received;
}

test('shared models: the weight tables a thread is handed are the same memory, not a copy', () => {
  const parts = annotationModelParts();
  const tables = [parts.ner.en!.rowOffset, parts.ner.en!.q, parts.ner.es!.present, parts.attribution.first!.table, parts.attribution.stack!.table, parts.attribution.paired!];
  for (const table of tables) assert.ok(table.buffer instanceof SharedArrayBuffer);
  const received = posted(parts);
  const table = parts.attribution.first!.table;
  const there = received.attribution.first!.table;
  const before = table[0]!;
  there[0] = before + 1;
  assert.equal(table[0], before + 1, 'a write through the received table shows in the original');
  there[0] = before;
});

test('shared models: a model rebuilt from posted parts tags as the one decoded from its file', () => {
  const received = posted(annotationModelParts());
  const fromFile = loadNerModel('es');
  const rebuilt = NerModel.fromParts(received.ner.es!, (header) => ({
    clusters: header.features.clusterLevels > 0 ? readClusters(readFileSync(modelPath('clusters-es.tsv.gz'))) : null,
    gazetteer: header.features.gazetteer ? readGazetteer(readFileSync(modelPath('gazetteer-es.tsv.gz'))) : null,
  }));
  const sentences = [
    ['La', 'alcaldesa', 'de', 'Valmora', ',', 'Inés', 'Arrate', ',', 'habló', 'con', 'el', 'Frente', 'Unido', '.'],
    ['Arrate', 'viajó', 'a', 'Osmora', 'el', 'martes', '.'],
  ];
  assert.deepEqual(rebuilt.tagDocument(sentences), fromFile.tagDocument(sentences));
  const first = AttributionModel.fromParts(received.attribution.first!);
  const feats = Int32Array.from({ length: first.featuresPerToken * 5 }, (_, i) => (i * 2654435761) | 0);
  assert.deepEqual(first.decode(feats, 5), AttributionModel.fromParts(annotationModelParts().attribution.first!).decode(feats, 5));
});

test('shared models: the word clusters a thread is handed read as the map decoded from their file', () => {
  const received = posted(annotationModelParts());
  for (const name of ['clusters-en.tsv.gz', 'clusters-es.tsv.gz']) {
    const fromFile = readClusters(readFileSync(modelPath(name)));
    const parts = received.clusters?.[name];
    assert.ok(parts, `${name} is handed over`);
    assert.ok(parts.chars.buffer instanceof SharedArrayBuffer && parts.slots.buffer instanceof SharedArrayBuffer);
    const shared = new SharedClusterMap(parts);
    assert.equal(shared.size, fromFile.size);
    for (const [word, ids] of fromFile) assert.deepEqual(shared.get(word), ids, word);
    for (const absent of ['', 'zzzqxw', 'Valmora-not-a-word', `${[...fromFile.keys()][0]}x`]) {
      assert.equal(shared.get(absent), undefined, absent);
      assert.equal(shared.has(absent), false);
    }
    assert.deepEqual([...shared].slice(0, 50), [...fromFile].slice(0, 50));
  }
});

test('shared models: the two attribution passes decoded over their paired table label as each model alone', () => {
  const parts = posted(annotationModelParts());
  const first = AttributionModel.fromParts(parts.attribution.first!);
  const second = AttributionModel.fromParts(parts.attribution.stack!);
  const paired = new StackedDecoder(first, second, parts.attribution.paired!);
  const F = second.featuresPerToken;
  // blocks of several lengths, with hashes over the whole 32-bit range (negative ones included)
  for (const n of [1, 2, 7, 40]) {
    const feats = Int32Array.from({ length: F * n }, (_, i) => Math.imul(i + n, 2654435761) ^ (i << 7));
    const alone = first.decode(feats, n, new Uint8Array(n), F);
    assert.deepEqual(paired.decodeFirst(feats, n, new Uint8Array(n), F), alone);
    for (let t = 0; t < n; t++) for (let f = first.featuresPerToken; f < F; f++) feats[t * F + f] = Math.imul(alone[t]! + f, 0x9e3779b1);
    assert.deepEqual(paired.decodeSecond(feats, n, F), second.decode(feats, n));
  }
});
