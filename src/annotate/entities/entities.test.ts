import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { needsShared, seedsDir } from '../../../test/helpers/shared.ts';
import fc from 'fast-check';
import type { Doc, EntityMention } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { sentencesStage } from '../sentences/index.ts';
import { tokensStage } from '../tokens/index.ts';
import { entitiesStage, linkShortForms, loadNerModel, nerModelEntries } from './index.ts';
import { documentCasing, updateHistory } from './features.ts';
import { allowed, LABELS, marginalsOf, NerModel, schemeOf, viterbi, withTypeBias } from './model.ts';

const SEEDS = pathToFileURL(`${seedsDir}/`);

const makeDoc = (text: string, language = 'en'): Doc => ({
  id: 't',
  contentHash: 'h',
  text,
  sourceMap: [],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language, source: 'test', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});
const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage], { models: new Map(nerModelEntries()) });
const annotate = (text: string, language = 'en') => pipeline.run(makeDoc(text, language), { check: true });

test('entities: model loads once per process and fast', () => {
  const started = performance.now();
  const en = loadNerModel('en');
  assert.ok(performance.now() - started < 1000);
  assert.equal(loadNerModel('en'), en);
  assert.ok(loadNerModel('es') instanceof NerModel);
});

test('entities: decoding respects BIO — no I-X without B-X or I-X before it', () => {
  for (let from = -1; from < LABELS.length; from++) {
    for (let to = 0; to < LABELS.length; to++) {
      const label = LABELS[to]!;
      const ok = !label.startsWith('I-') || (from >= 0 && LABELS[from]!.slice(2) === label.slice(2));
      assert.equal(allowed(from, to), ok, `${from < 0 ? 'START' : LABELS[from]} → ${label}`);
    }
  }
});

test('entities: BILOU round-trips IOB2 and forbids open names', () => {
  const bilou = schemeOf('BILOU');
  const tags = ['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'O', 'B-MISC'];
  const labels = bilou.fromIob2(tags);
  assert.deepEqual(
    Array.from(labels, (y) => bilou.labels[y]),
    ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'B-LOC', 'L-LOC', 'O', 'U-MISC'],
  );
  assert.deepEqual(bilou.toIob2(labels), tags);
  const y = (l: string) => bilou.labels.indexOf(l);
  assert.ok(!allowed(y('B-PER'), y('O'), bilou));
  assert.ok(!allowed(y('I-PER'), y('L-ORG'), bilou));
  assert.ok(!allowed(-1, y('L-PER'), bilou));
  assert.ok(allowed(y('U-PER'), y('B-PER'), bilou));
  assert.equal(bilou.canEnd[y('B-PER')], 0);
  // a decoder with only emission scores still never leaves a name open
  const scores = new Float32Array(2 * bilou.L);
  scores[y('B-PER')] = 5;
  scores[bilou.L + y('O')] = 5;
  const best = viterbi(scores, 2, new Float32Array((bilou.L + 1) * bilou.L), bilou);
  assert.deepEqual(bilou.toIob2(best).length, 2);
  assert.ok(bilou.labels[best[0]!] !== 'B-PER' || bilou.labels[best[1]!]!.startsWith('L-'));
});

test('entities: short English and Spanish sentences', () => {
  const en = annotate('The Foreign Minister of Peru, Javier González-Olaechea, spoke in Lima on Tuesday.');
  const found = en.entities!.map((e) => `${e.type}:${e.text}`);
  assert.ok(found.includes('PER:Javier González-Olaechea'), found.join(', '));
  assert.ok(found.includes('LOC:Peru'), found.join(', '));
  const es = annotate('El presidente de Perú, Pedro Castillo, viajó a Madrid con el ministro de Economía.', 'es');
  const foundEs = es.entities!.map((e) => `${e.type}:${e.text}`);
  assert.ok(foundEs.includes('PER:Pedro Castillo'), foundEs.join(', '));
  assert.ok(foundEs.includes('LOC:Madrid'), foundEs.join(', '));
  // 'und' falls back to English
  assert.ok(annotate('Pedro Castillo visited Mexico.', 'und').entities!.length >= 2);
});

test('entities: negative list — no mentions in plain lowercase prose, numbers or punctuation', () => {
  for (const text of ['the police said on tuesday that it was raining.', '10 , 20 , 30 .', '… — “ ” ( )', '', '   ']) {
    assert.deepEqual(annotate(text).entities, [], text);
  }
});

test('entities: any text yields valid mentions with confidences in [0,1] (fast-check)', () => {
  const words = fc.constantFrom('Peru', 'Cuba', 'Cerrón', 'said', 'the', 'Perú Libre', '.', ',', '“', 'U.S.', 'Dr.', '\n\n', 'Acción', 'Popular', 'y', '🇵🇪', 'مرحبا', 'EFE');
  fc.assert(
    fc.property(fc.array(words, { maxLength: 40 }), fc.constantFrom('en', 'es', 'und'), (parts, lang) => {
      const doc = annotate(parts.join(' '), lang);
      for (const e of doc.entities!) {
        assert.ok(e.confidence >= 0 && e.confidence <= 1);
        if (e.refersTo !== undefined) assert.ok(e.refersTo < doc.entities!.indexOf(e));
      }
    }),
    { numRuns: 200 },
  );
});

test('entities: the cached per-word fast path scores exactly as every feature hashed and looked up', () => {
  const folder = new URL('../../../samples/articles/', import.meta.url);
  const tokenize = buildPipeline([tokensStage, sentencesStage]);
  for (const file of readdirSync(folder).filter((f) => /\.(txt|md)$/.test(f))) {
    const lang = /^(03|05|09|15)-/.test(file) ? 'es' : 'en';
    const model = loadNerModel(lang);
    const doc = tokenize.run(makeDoc(readFileSync(new URL(file, folder), 'utf8'), lang));
    const sentences = doc.sentences!.map((s) => doc.tokens!.slice(s.tokenStart, s.tokenEnd).map((t) => t.text));
    const fast = model.tagDocument(sentences);
    // the reference: features through FeatureExtractor.extract, document evidence in maps
    const casing = documentCasing(sentences);
    const history = new Map<string, Int32Array>();
    sentences.forEach((forms, k) => {
      const scores = model.emissions(forms, casing, history);
      const labels = viterbi(scores, forms.length, model.transitions, model.scheme);
      updateHistory(history, forms, labels, model.scheme.typeOf);
      assert.deepEqual(Array.from(fast[k]!.labels), Array.from(labels), `${file} sentence ${k}`);
      const all = marginalsOf(scores, forms.length, model.transitions, labels, model.header.temperature, model.scheme);
      labels.forEach((y, i) => {
        if (y !== 0) assert.equal(fast[k]!.confidence[i], all[i], `${file} sentence ${k} token ${i}`);
      });
    });
  }
});

test('entities: short forms refer to the full name mentioned earlier', () => {
  const m = (text: string, type: EntityMention['type']): EntityMention => ({ start: 0, end: 0, text, type, tokenStart: 0, tokenEnd: 0, confidence: 1 });
  const mentions = [m('Vladimir Cerrón Rojas', 'PER'), m('Cuba', 'LOC'), m('Cerron', 'PER'), m('Rojas', 'PER'), m('Cuba', 'LOC'), m('Vladimir Cerrón Rojas', 'PER')];
  linkShortForms(mentions, (x) => x.text.split(' '));
  assert.deepEqual(
    mentions.map((x) => x.refersTo),
    [undefined, undefined, 0, 0, undefined, undefined],
  );
});

test('entities: seed 000 — people, organizations and places of the Cerrón story', (t) => {
  if (needsShared) return t.skip(needsShared);
  const file = readdirSync(SEEDS).find((f) => f.startsWith('000'));
  assert.ok(file, 'seed 000 is missing from ../shared/seeds');
  const doc = annotate(readFileSync(new URL(file, SEEDS), 'utf8'));
  const mentions = doc.entities!;
  const has = (type: string, text: string) => mentions.some((e) => e.type === type && e.text === text);
  for (const [type, text] of [
    ['PER', 'Vladimir Cerrón Rojas'],
    ['ORG', 'Perú Libre'],
    ['ORG', 'Acción Popular'],
    ['LOC', 'Cuba'],
    ['LOC', 'Peru'],
  ] as const) {
    assert.ok(has(type, text), `expected ${type} "${text}" in ${mentions.map((e) => `${e.type}:${e.text}`).join(', ')}`);
  }
  // "Peru21" (a newspaper) is found as a name but typed MISC/PER: a known miss, see the NER report
  assert.ok(
    mentions.some((e) => e.text === 'Peru21'),
    'Peru21 is found as a name',
  );
  const full = mentions.findIndex((e) => e.text === 'Vladimir Cerrón Rojas');
  const short = mentions.filter((e) => e.text === 'Cerrón' && e.type === 'PER');
  assert.ok(short.length > 3);
  for (const s of short) assert.equal(s.refersTo, full);
});

test('NER type bias: added into the transitions it equals adding it to the emissions of name starts (property)', () => {
  const scheme = schemeOf('BILOU');
  const L = scheme.L;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      // whole numbers, so both ways of adding are exact and ties break alike
      fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 8 * L, maxLength: 8 * L }),
      fc.array(fc.integer({ min: -50, max: 50 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      fc.record({ PER: fc.integer({ min: -60, max: 60 }), LOC: fc.integer({ min: -60, max: 60 }) }),
      (n, raw, rawTransitions, bias) => {
        const scores = Float32Array.from(raw.slice(0, n * L));
        const transitions = Float32Array.from(rawTransitions);
        const shifted = Float32Array.from(scores);
        for (let i = 0; i < n; i++) {
          for (let y = 0; y < L; y++) {
            const label = scheme.labels[y]!;
            if (/^[BU]-PER$/.test(label)) shifted[i * L + y]! += bias.PER;
            if (/^[BU]-LOC$/.test(label)) shifted[i * L + y]! += bias.LOC;
          }
        }
        assert.deepEqual(viterbi(scores, n, withTypeBias(transitions, scheme, bias), scheme), viterbi(shifted, n, transitions, scheme));
      },
    ),
  );
});

test('NER type bias: the shipped Spanish model carries one, the English none; reheader changes only the header', () => {
  const es = loadNerModel('es');
  assert.ok(es.header.typeBias && Object.keys(es.header.typeBias).length > 0, 'chosen on dev by scripts/lib-ner/type-bias.ts');
  assert.equal(loadNerModel('en').header.typeBias, undefined);
  const bytes = readFileSync(new URL('../../../models/ner-es.bin.gz', import.meta.url));
  const unbiased = NerModel.decode(NerModel.reheader(bytes, { typeBias: undefined }), null);
  assert.equal(unbiased.header.typeBias, undefined);
  assert.deepEqual(withTypeBias(unbiased.transitions, unbiased.scheme, es.header.typeBias), es.transitions);
  assert.equal(unbiased.header.rows, es.header.rows);
});

test('entities: a wire agency is an organization wherever it is credited; a month or weekday alone is no name', () => {
  const en = annotate('Villagers blocked the road to Tumbá on Tuesday, officials said.\nPhoto: AFP\nThe governor spoke later (Reuters).');
  const names = (doc: Doc) => (doc.entities ?? []).map((m) => `${m.text}/${m.type}`);
  assert.ok(names(en).includes('AFP/ORG'), names(en).join(' '));
  assert.ok(names(en).includes('Reuters/ORG'), names(en).join(' '));
  assert.ok(!names(en).some((n) => n.startsWith('Tuesday/')), names(en).join(' '));
  const es = annotate('POR AGENCIA TÉLAM\n\nLos vecinos de Lisca marcharon en Enero contra el alcalde, informó la agencia EFE.', 'es');
  assert.ok(
    names(es).some((n) => /TÉLAM\/ORG$/.test(n)),
    names(es).join(' '),
  );
  assert.ok(names(es).includes('EFE/ORG'), names(es).join(' '));
  assert.ok(!names(es).some((n) => n.startsWith('Enero/')), names(es).join(' '));
  // mentions stay in text order with their tokens
  for (const doc of [en, es]) {
    const starts = (doc.entities ?? []).map((m) => m.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    for (const m of doc.entities ?? []) assert.equal(doc.tokens![m.tokenStart]!.start, m.start);
  }
});
