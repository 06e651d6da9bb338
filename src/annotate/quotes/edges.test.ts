import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { sentencesStage } from '../sentences/index.ts';
import { tokensStage } from '../tokens/index.ts';
import { EDGE_FEATURES, EXTENDED_EDGE_FEATURES, EdgeModel, contentFragments, endFeatures, moveContentEdges, startFeatures } from './edges.ts';
import { mix, tokenContext } from './features.ts';
import { loadCueEdgeModel, loadEdgeModel } from './index.ts';

const makeDoc = (text: string): Doc => ({
  id: 't',
  contentHash: 'h',
  text,
  sourceMap: [],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language: 'en', source: 'test', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});
const tokenize = buildPipeline([tokensStage, sentencesStage]);

/** A doc with labels given per token: S source, C cue, Q content, . none. */
function labelled(text: string, tags: string) {
  const doc = tokenize.run(makeDoc(text));
  const tokens = doc.tokens!;
  const marks = tags.split(' ');
  assert.equal(marks.length, tokens.length, `one tag per token: ${tokens.map((t) => t.text).join('|')}`);
  const labels = new Uint8Array(tokens.length);
  marks.forEach((m, i) => {
    const base = m === 'S' ? 1 : m === 'C' ? 3 : m === 'Q' ? 5 : 0;
    labels[i] = base === 0 ? 0 : i > 0 && marks[i - 1] === m ? base + 1 : base;
  });
  return { tokens, ctx: tokenContext(doc.text, tokens, doc.sentences!), labels };
}

/** A model whose only weight is a prior for moving an edge by `startShift` / `endShift` tokens. */
function shifting(startShift: number, endShift: number, window = 3, role: 'content' | 'cue' = 'content'): EdgeModel {
  const bits = 16;
  const start = new Float32Array(1 << bits);
  const end = new Float32Array(1 << bits);
  start[mix(100, startShift + 16) & ((1 << bits) - 1)] = 5;
  end[mix(200, endShift + 16) & ((1 << bits) - 1)] = 5;
  return new EdgeModel({ version: 1, bits, startWindow: window, endWindow: window, startEpochs: 1, endEpochs: 1, trainedOn: 'test', role }, start, end);
}

const roles = (labels: Uint8Array) => [...labels].map((y) => '.SSCCQQ'[y]).join(' ');

test('content edges: a start moves later and an end earlier, in place, with B at the new start', () => {
  const { tokens, ctx, labels } = labelled('Mayor Ilse Varga told the council that the bridge would close.', 'S S S C Q Q Q Q Q Q Q .');
  moveContentEdges(tokens, ctx, labels, shifting(2, -1));
  assert.equal(roles(labels), 'S S S C . . Q Q Q Q . .');
  assert.equal(labels[6], 5);
});

test('content edges: a start never moves earlier over a token another role holds, nor past the block', () => {
  const { tokens, ctx, labels } = labelled('Ilse Varga said the bridge would close.', 'S S C Q Q Q Q .');
  moveContentEdges(tokens, ctx, labels, shifting(-2, 0));
  assert.equal(roles(labels), 'S S C Q Q Q Q .', 'the cue before the content is not taken');
  const open = labelled('Ilse Varga said the bridge would close.', '. . . Q Q Q Q .');
  moveContentEdges(open.tokens, open.ctx, open.labels, shifting(-2, 1));
  assert.equal(roles(open.labels), '. Q Q Q Q Q Q Q', 'untagged tokens are taken, up to the window and the block');
});

test('cue edges: a cue model moves the cue and leaves the content as tagged', () => {
  const { tokens, ctx, labels } = labelled('Ilse Varga announced in a short note that the bridge would close.', 'S S C C . . . Q Q Q Q Q .');
  moveContentEdges(tokens, ctx, labels, shifting(0, -1, 2, 'cue'));
  assert.equal(roles(labels), 'S S C . . . . Q Q Q Q Q .');
});

test('content edges: the model file round-trips, and each candidate gets its features', () => {
  const model = shifting(1, -1);
  const back = EdgeModel.decode(model.encode());
  assert.deepEqual(back.header, model.header);
  assert.deepEqual(
    [...back.start.entries()].filter(([, w]) => w !== 0),
    [...model.start.entries()].filter(([, w]) => w !== 0),
  );
  const { tokens, ctx, labels } = labelled('Ilse Varga said the bridge would close.', 'S S C Q Q Q Q .');
  const [f] = contentFragments(ctx, labels);
  assert.deepEqual(f, { start: 3, end: 7, block: 0 });
  const v = { tokens, ctx, labels, from: 0, to: tokens.length };
  const a = new Int32Array(EDGE_FEATURES);
  const b = new Int32Array(EDGE_FEATURES);
  startFeatures(v, 3, 3, a, 0);
  startFeatures(v, 3, 4, b, 0);
  assert.notDeepEqual(a, b);
  endFeatures(v, 7, 7, a, 0);
  assert.ok(a.every((x) => x !== 0));
});

test('content edges: the shipped model loads and moves only the edges its header allows', () => {
  const model = loadEdgeModel();
  assert.ok(model, 'models/attribution-en-edges.bin.gz is shipped');
  assert.ok(model.header.startWindow >= 0 && model.header.endWindow > 0);
  const cues = loadCueEdgeModel();
  assert.equal(cues?.header.role, 'cue', 'models/attribution-en-cue-edges.bin.gz is shipped and moves cues');
});

test('content edges: the extended features see whether a candidate span closes the quotation it opens', () => {
  const { tokens, ctx, labels } = labelled('“The bridge will close,” Ilse Varga said.', 'Q Q Q Q Q Q . S S C .');
  const v = { tokens, ctx, labels, from: 0, to: tokens.length };
  const inside = new Int32Array(EXTENDED_EDGE_FEATURES);
  const after = new Int32Array(EXTENDED_EDGE_FEATURES);
  // ending before the closing mark leaves the quotation open; after it, balanced
  endFeatures(v, 6, 5, inside, 0, 0, EXTENDED_EDGE_FEATURES);
  endFeatures(v, 6, 6, after, 0, 0, EXTENDED_EDGE_FEATURES);
  assert.ok(
    after.every((x) => x !== 0),
    'all 22 features are written',
  );
  assert.notEqual(inside[18], after[18]);
  const plain = new Int32Array(EXTENDED_EDGE_FEATURES);
  endFeatures(v, 6, 6, plain, 0);
  assert.deepEqual([...plain.subarray(EDGE_FEATURES)], [0, 0, 0, 0], 'an 18-feature model gets its 18 only');
  assert.deepEqual([...plain.subarray(0, EDGE_FEATURES)], [...after.subarray(0, EDGE_FEATURES)]);
});

test('content edges: a model with the extended features moves edges like any other', () => {
  const bits = 16;
  const start = new Float32Array(1 << bits);
  const end = new Float32Array(1 << bits);
  end[mix(200, 1 + 16) & ((1 << bits) - 1)] = 5;
  const model = new EdgeModel({ version: 1, bits, startWindow: 2, endWindow: 2, startEpochs: 1, endEpochs: 1, trainedOn: 'test', features: EXTENDED_EDGE_FEATURES }, start, end);
  assert.equal(EdgeModel.decode(model.encode()).features, EXTENDED_EDGE_FEATURES);
  const { tokens, ctx, labels } = labelled('“The bridge will close,” Ilse Varga said.', 'Q Q Q Q Q . . S S C .');
  moveContentEdges(tokens, ctx, labels, model);
  assert.equal(roles(labels), 'Q Q Q Q Q Q . S S C .');
});
