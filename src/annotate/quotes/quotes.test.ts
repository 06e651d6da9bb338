import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { needsShared, seedsDir } from '../../../test/helpers/shared.ts';
import fc from 'fast-check';
import type { Attribution, Doc } from '../../core/doc.ts';
import { buildPipeline } from '../../core/pipeline.ts';
import { validate } from '../../core/validate.ts';
import { entitiesStage } from '../entities/index.ts';
import { rolesStage } from '../roles/index.ts';
import { sentencesStage } from '../sentences/index.ts';
import { tokensStage } from '../tokens/index.ts';
import { FEATURES_PER_TOKEN, STACKED_FEATURES, blockFeatures, stackedFeatures, tokenContext } from './features.ts';
import { createQuotesStage, hedgeOf, listClaims, loadAttributionModel, loadStackModel, ownedIsNoSource, quotesStage } from './index.ts';
import { anyCaseless, SPECULATIVE_PATTERNS, UNSOURCED_PATTERNS } from './lexicon.ts';
import { type Fragment, buildAttributions } from './relations.ts';

const SEEDS = pathToFileURL(`${seedsDir}/`);

const makeDoc = (text: string, language = 'en'): Doc => ({
  id: 't',
  contentHash: 'h',
  text,
  sourceMap: [],
  messages: [],
  meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language, source: 'test', via: null, canonicalUrl: null, partIndex: 0, partCount: 1 },
});
const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage, quotesStage, rolesStage]);
const rulesPipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage, createQuotesStage({ tagger: 'rules' }), rolesStage]);
const annotate = (text: string, language = 'en') => pipeline.run(makeDoc(text, language), { check: true });
const byRules = (text: string, language = 'en') => rulesPipeline.run(makeDoc(text, language), { check: true });
const withCue = (doc: Doc, cue: string): Attribution => {
  const found = doc.quotes!.find((q) => q.cue.text.toLowerCase().includes(cue.toLowerCase()));
  assert.ok(found, `no attribution with cue "${cue}" in ${JSON.stringify(doc.quotes!.map((q) => q.cue.text))}`);
  return found;
};

for (const [name, annotator] of [
  ['model', annotate],
  ['rules', byRules],
] as const) {
  test(`quotes (${name}): "according to the police" is a reported claim sourced to the police`, () => {
    const doc = annotator('According to the police, the mayor of Velmora was about to be arrested last week.');
    const q = withCue(doc, 'according');
    assert.equal(q.source?.text, 'the police');
    assert.equal(q.source?.kind, 'unnamed');
    assert.equal(q.hedge, 'reported');
    assert.match(q.content.map((c) => c.text).join(' '), /the mayor of Velmora was about to be arrested/);
  });

  test(`quotes (${name}): a direct quote with "he said" resolves the pronoun to the person named before`, () => {
    const doc = annotator('Senator Miriam Oquendo left the hall early. “We will not accept this budget under any circumstances,” she said.');
    const q = withCue(doc, 'said');
    assert.equal(q.source?.kind, 'pronoun');
    assert.equal(q.form, 'direct');
    assert.ok(q.source?.entity !== undefined, 'pronoun resolved');
    assert.match(doc.entities![q.source!.entity!]!.text, /Oquendo/);
  });

  test(`quotes (${name}): a pronoun never resolves to a person named inside the quote it introduces`, () => {
    const doc = annotator('Senator Miriam Oquendo left the hall early. “Nobody trusts Governor Balbino Urquiza with this budget,” she said.');
    const q = withCue(doc, 'said');
    assert.equal(q.source?.kind, 'pronoun');
    assert.ok(
      doc.entities!.some((m) => /Urquiza/.test(m.text) && m.type === 'PER'),
      'the name in the quote is a person',
    );
    assert.match(doc.entities![q.source!.entity!]!.text, /Oquendo/);
  });
}

test('quotes (rules): Spanish "según" and "dijo" attributions', () => {
  const doc = byRules('Según la fiscalía, el exalcalde Tomás Ybarra recibió sobornos durante dos años. «No tengo nada que ocultar ante la justicia», dijo Ybarra a la prensa.', 'es');
  const segun = withCue(doc, 'según');
  assert.equal(segun.source?.text, 'la fiscalía');
  assert.equal(segun.hedge, 'reported');
  const dijo = withCue(doc, 'dijo');
  assert.equal(dijo.form, 'direct');
  assert.match(dijo.source?.text ?? '', /Ybarra/);
});

test('quotes (rules): Spanish "denunció que" is an allegation by a named source', () => {
  const doc = byRules('La congresista Lucía Parra denunció que el contrato fue firmado sin licitación pública.', 'es');
  const q = withCue(doc, 'denunció');
  assert.match(q.source?.text ?? '', /Lucía Parra/);
  assert.equal(q.hedge, 'alleged');
  // the content keeps its "que", as PolNeAR keeps "that"
  assert.match(q.content[0]!.text, /^que el contrato fue firmado/);
});

test('quotes: an unattributed "it is being said that" claim has no source and is unsourced', () => {
  for (const run of [annotate, byRules]) {
    const doc = run('It is being said that the last phone call came from a ranch near the border.');
    const q = withCue(doc, 'said');
    assert.equal(q.source, null);
    assert.equal(q.hedge, 'unsourced');
    assert.match(q.content[0]!.text, /the last phone call/);
  }
});

test('quotes: "we are told that" is unsourced, and "se dice que" too', () => {
  const en = byRules('We are told that officials such as Ramírez knew about the transfers.');
  assert.equal(withCue(en, 'told').hedge, 'unsourced');
  assert.equal(withCue(en, 'told').source, null);
  const es = byRules('Se dice que el ministro conocía los pagos desde marzo.', 'es');
  assert.equal(withCue(es, 'se dice').hedge, 'unsourced');
});

test('quotes: the unsourced phrases are found as the patterns find them, ſ and K (folded to s and k) included', () => {
  const patterns = [...UNSOURCED_PATTERNS, ...SPECULATIVE_PATTERNS];
  const either = anyCaseless(patterns);
  const texts = [
    'It is being said that the mayor resigned.',
    'IT WAS REPORTED that',
    'We are told nothing.',
    'Se dice que el alcalde renunció.',
    'SE INFORMÓ que',
    'Trascendió que',
    'trascendióx',
    'Es probable que llueva.',
    'Nobody said anything.',
    'ſe dice que',
    'it iſ said',
    'word has it',
    'worK is said',
    'Kit is said',
    'it is said',
    'ſit is said',
  ];
  for (const text of texts)
    assert.equal(
      either(text),
      patterns.some((p) => p.test(text)),
      text,
    );
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('i', 't', ' ', 's', 'ſ', 'K', 'k', 'e', 'd', 'a', 'w', 'o', 'r', 'h', 'I', 'S', 'ó', 'l'), maxLength: 24 }),
      (text) => either(text) === patterns.some((p) => p.test(text)),
    ),
  );
});

test('quotes: "told <outlet>" stores the outlet as the recipient, never as a second speaker', () => {
  for (const run of [annotate, byRules]) {
    const doc = run('Minister Julián Arce spoke on Monday. “The border will stay closed until further notice,” Arce told Reuters.');
    const q = doc.quotes!.find((a) => a.cue.text === 'told');
    assert.ok(q, JSON.stringify(doc.quotes));
    assert.match(q.source?.text ?? '', /Arce/);
    assert.equal(q.recipient?.text, 'Reuters');
    assert.ok(!doc.quotes!.some((a) => a.source?.text === 'Reuters'), 'Reuters speaks in no claim');
  }
});

test('quotes: recipients after "told", "explained to", "in an interview with", "dijo a", "declaró a"', () => {
  const cases: [string, string, string, string][] = [
    ['The Foreign Minister of Velmora, Julián Arce, explained to the local press on Tuesday that the border could close.', 'en', 'the local press', 'that the border could close'],
    ['Senator Rosa Ibarguen said in an interview with the Velmora Post that the budget is dead.', 'en', 'the Velmora Post', 'that the budget is dead'],
    ['Julián Arce told reporters that the border would close.', 'en', 'reporters', 'that the border would close'],
    ['El ministro Julián Arce dijo a Radio Tumbá que la frontera seguirá cerrada.', 'es', 'Radio Tumbá', 'que la frontera seguirá cerrada'],
    ['Julián Arce declaró a la prensa que la frontera seguirá cerrada.', 'es', 'la prensa', 'que la frontera seguirá cerrada'],
  ];
  for (const [text, lang, recipient, content] of cases) {
    for (const run of lang === 'es' ? [byRules] : [annotate, byRules]) {
      const doc = run(text, lang);
      const q = doc.quotes!.find((a) => a.recipient);
      assert.ok(q, `${text}: ${JSON.stringify(doc.quotes)}`);
      assert.equal(q.recipient!.text, recipient, text);
      assert.equal(q.content[0]?.text, content, text);
      assert.ok(!doc.quotes!.some((a) => a.source && a.source.start < q.recipient!.end && a.source.end > q.recipient!.start), `${text}: the recipient is no source`);
    }
  }
});

test('quotes: sentences with cue words that are not attributions yield none (negative list)', () => {
  const negatives = ['The so-called reform was shelved in March.', 'The said document was lost in the fire.', 'Nothing was said.', 'La llamada reforma fue archivada.', 'He told nothing.'];
  for (const text of negatives) {
    for (const [run, lang] of [[byRules, /La /.test(text) ? 'es' : 'en']] as const) {
      const doc = run(text, lang);
      assert.deepEqual(
        doc.quotes!.map((q) => q.cue.text),
        [],
        text,
      );
    }
  }
});

test('quotes: hedge levels from cues and content', () => {
  assert.equal(hedgeOf('said', 'The minister ', 'the border is closed', 'named'), 'asserted');
  assert.equal(hedgeOf('alleges', 'Peru21 ', 'the agents protect him', 'outlet'), 'alleged');
  assert.equal(hedgeOf('denied', 'The ambassador ', 'any involvement', 'named'), 'denied');
  assert.equal(hedgeOf('said', 'The analyst ', 'the country could break relations', 'named'), 'speculative');
  assert.equal(hedgeOf('According to', '', 'he fled', 'unnamed'), 'reported');
  assert.equal(hedgeOf('said', 'It is being ', 'the call was traced', null), 'unsourced');
  assert.equal(hedgeOf('negó', 'El embajador ', 'cualquier participación', 'named'), 'denied');
  assert.equal(hedgeOf('said', 'The mayor reportedly ', 'the plan failed', 'named'), 'reported');
});

test('roles: titles beside names become role facts (English and Spanish)', () => {
  const cases: [string, string, string][] = [
    ['The Foreign Minister of Antuvia, Javier Olmedo Ruiz, explained the plan on Tuesday.', 'en', 'Foreign Minister of Antuvia'],
    ['Retired Admiral Jorge Villacorta spoke to the press.', 'en', 'Retired Admiral'],
    ['Ayer el vicecanciller Félix Arredondo viajó a Quito.', 'es', 'vicecanciller'],
    ['The ambassador of Antuvia in Velmora, Carlos Rafael Zamudio, was summoned.', 'en', 'ambassador of Antuvia in Velmora'],
  ];
  for (const [text, lang, role] of cases) {
    const doc = annotate(text, lang);
    const fact = doc.roles!.find((r) => r.role.includes(role));
    assert.ok(fact, `${text}: ${JSON.stringify(doc.roles)} / ${JSON.stringify(doc.entities!.map((e) => [e.text, e.type]))}`);
    assert.equal(doc.entities![fact.entity]!.type, 'PER');
  }
});

test('claims: filters by speaker (diacritics-insensitive), by entity in the content, and by hedge', () => {
  const doc = byRules('Según la fiscalía, el exalcalde Tomás Ybarra recibió sobornos de Constructora Andina. La congresista Lucía Parra denunció que el contrato fue firmado sin licitación.', 'es');
  const article = { id: 'a1', text: doc.text, entities: doc.entities!, quotes: doc.quotes!, sentences: doc.sentences! };
  const all = listClaims([article]);
  assert.ok(all.length >= 2);
  const parra = listClaims([article], { by: 'lucia parra' });
  assert.equal(parra.length, 1);
  assert.equal(parra[0]!.hedge, 'alleged');
  assert.equal(parra[0]!.articleId, 'a1');
  assert.ok(parra[0]!.sentence.start <= parra[0]!.start && parra[0]!.sentence.end >= parra[0]!.end);
  assert.equal(listClaims([article], { hedge: 'reported' }).length, 1);
  const about = listClaims([article], { about: 'ybarra' });
  assert.ok(about.every((c) => /Ybarra/.test(c.content)));
  assert.equal(listClaims([article], { by: 'nobody' }).length, 0);
});

test('quotes: any text gives valid layers (property)', () => {
  const words = [
    'said',
    'told',
    'according',
    'to',
    'dijo',
    'según',
    '“',
    '”',
    '"',
    '«',
    '»',
    ',',
    '.',
    'he',
    'she',
    'the',
    'police',
    'Ana',
    'Ruiz',
    'that',
    'que',
    'It',
    'is',
    'being',
    'We',
    'are',
    '\n',
    '\n\n',
    '\r\n',
    '\u00a0',
    '👍🏽',
    'שלום',
    'Peru21',
    'Minister',
    'cited',
    'by',
    'sources',
    ':',
  ];
  const text = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((w) => w.join(' ')),
  );
  fc.assert(
    fc.property(text, fc.constantFrom('en', 'es'), (t, lang) => {
      for (const run of [annotate, byRules]) {
        const doc = run(t, lang);
        validate(doc);
        for (const q of doc.quotes!) {
          if (q.parent !== undefined) assert.ok(q.parent >= 0 && q.parent < doc.quotes!.length && doc.quotes![q.parent] !== q);
          if (q.source?.entity !== undefined) assert.ok(doc.entities![q.source.entity]);
        }
        for (const r of doc.roles!) assert.ok(doc.entities![r.entity]);
      }
    }),
    { numRuns: 150 },
  );
});

test('quotes: seed 000 — "González-Olaechea told Peru21" resolves the speaker and names the outlet as the recipient', (t) => {
  if (needsShared) return t.skip(needsShared);
  const file = readdirSync(SEEDS).find((f) => f.startsWith('000'));
  assert.ok(file, 'seed 000 is missing from ../shared/seeds');
  const doc = annotate(readFileSync(new URL(file, SEEDS), 'utf8'));
  const told = doc.quotes!.filter((q) => q.cue.text === 'told' && q.source?.text === 'González-Olaechea');
  assert.ok(told.length > 0, JSON.stringify(doc.quotes!.map((q) => [q.source?.text, q.cue.text])));
  const q = told[0]!;
  assert.ok(q.source!.entity !== undefined);
  const mention = doc.entities![q.source!.entity!]!;
  assert.equal(mention.type, 'PER');
  assert.match(mention.text, /González-Olaechea/);
  assert.equal(q.recipient?.text, 'Peru21', 'the outlet the minister spoke to is the recipient');
  assert.ok(!doc.quotes!.some((a) => a.source?.text === 'Peru21' && a.cue.start === q.cue.start), 'and no second speaker');
  const roles = doc.roles!.map((r) => r.role);
  assert.ok(
    roles.some((r) => /Foreign Minister of Peru/.test(r)),
    JSON.stringify(roles),
  );
});

test("quotes: the second pass ships, and its rows keep the first pass's 48 features as they are", () => {
  const second = loadStackModel();
  assert.ok(second, 'models/attribution-en-stack.bin.gz is shipped');
  assert.equal(second.header.stacked, true);
  assert.equal(second.featuresPerToken, FEATURES_PER_TOKEN + STACKED_FEATURES);
  const doc = pipeline.run(makeDoc('Senator Miriam Oquendo left early. “We will not accept this budget,” she said, according to aides.'));
  const first = loadAttributionModel()!;
  const ctx = tokenContext(doc.text, doc.tokens!, doc.sentences!, first.clusters, doc.entities);
  const n = doc.tokens!.length;
  const narrow = new Int32Array(n * FEATURES_PER_TOKEN);
  blockFeatures(doc.tokens!, ctx, 0, n, new Set(['said', 'according']), narrow);
  const wide = new Int32Array(n * (FEATURES_PER_TOKEN + STACKED_FEATURES));
  blockFeatures(doc.tokens!, ctx, 0, n, new Set(['said', 'according']), wide, FEATURES_PER_TOKEN + STACKED_FEATURES);
  const labels = first.decode(wide, n, new Uint8Array(n), FEATURES_PER_TOKEN + STACKED_FEATURES);
  assert.deepEqual(labels, first.decode(narrow, n), 'the first pass reads the wide rows as it reads its own');
  stackedFeatures(doc.tokens!, ctx, 0, n, labels, wide);
  for (let t = 0; t < n; t++) {
    const row = wide.subarray(t * (FEATURES_PER_TOKEN + STACKED_FEATURES), (t + 1) * (FEATURES_PER_TOKEN + STACKED_FEATURES));
    assert.deepEqual(row.subarray(0, FEATURES_PER_TOKEN), narrow.subarray(t * FEATURES_PER_TOKEN, (t + 1) * FEATURES_PER_TOKEN));
    assert.ok(
      row.subarray(FEATURES_PER_TOKEN).every((f) => f !== 0),
      'every stacked slot is written',
    );
  }
});

test('quotes: a source tagged after a possessive is what the speaker owns, not the speaker ("on his Velmora Post account:")', () => {
  const doc = pipeline.run(makeDoc('Ybarra answered on his Velmora Post account: “Nobody took a coin.”'));
  const ctx = tokenContext(doc.text, doc.tokens!, doc.sentences!, null, doc.entities);
  const words = doc.tokens!.map((t) => t.text);
  // as a tagger might label it: Ybarra/S answered/C … his Velmora/S Post/S account/C :/C “…”/Q
  const labels = new Uint8Array(words.length);
  const at = (w: string) => words.indexOf(w);
  labels[at('Ybarra')] = 1;
  labels[at('answered')] = 3;
  labels[at('Velmora')] = 1;
  labels[at('Post')] = 2;
  labels[at('account')] = 3;
  labels[at(':')] = 4;
  for (let i = at('“'); i < words.length; i++) labels[i] = i === at('“') ? 5 : 6;
  ownedIsNoSource(ctx, labels);
  assert.deepEqual([labels[at('Velmora')], labels[at('Post')]], [0, 0], 'the owned name loses its source tags');
  assert.equal(labels[at('Ybarra')], 1, 'a source without a possessive keeps them');
  assert.equal(labels[at('account')], 3, 'the cue stays');
});

const speakerOf = (doc: Doc, cue: string) => {
  const q = withCue(doc, cue);
  const k = q.source?.entity;
  return k === undefined ? null : doc.entities![k]!.text;
};

test('speakers: a pronoun skips a person named only inside a quote ("he told" after a rebel leader is quoted)', () => {
  const doc = annotate('“Nobody negotiates with Ulises Farfán,” said retired general Tobías Anaya. “The army will not stop.\n\n“We will win this war with our own means,” he told the Velmora Post.');
  assert.match(speakerOf(doc, 'told') ?? '', /Tobías Anaya/);
});

test('speakers: a pronoun takes the last person of its gender, not the last person', () => {
  for (const run of [annotate, byRules]) {
    const doc = run('Senator Rosa Ibarguen met Congressman Balbino Urquiza on Monday. “The budget is dead,” she said.');
    assert.match(speakerOf(doc, 'said') ?? '', /Rosa Ibarguen/);
  }
  const es = byRules('La senadora Elena Sotomarín recibió al ministro Julián Arce en Velmora. Ella dijo que el presupuesto no alcanza para el puerto.', 'es');
  assert.match(speakerOf(es, 'dijo') ?? '', /Elena Sotomarín/);
});

test('speakers: the head of the source counts, not a person named in its relative clause', () => {
  const doc = annotate('Tomás Ybarra left the party in 2019. Ybarra, who is now an adviser to Interior Minister Julián Arce, said the plan had failed.');
  assert.match(speakerOf(doc, 'said') ?? '', /Ybarra/);
});

test('speakers: "the leader of <party>" is the person the text gave that role, not the party', () => {
  const doc = annotate('Tomás Ybarra, the leader of Unión Cívica, arrived in Velmora on Monday. The leader of Unión Cívica denied that he planned to leave the country.');
  assert.match(speakerOf(doc, 'denied') ?? '', /Tomás Ybarra/);
  const es = byRules('Tomás Ybarra, líder de Unión Cívica, llegó a Velmora el lunes. El líder de Unión Cívica negó que pensara salir del país.', 'es');
  assert.match(speakerOf(es, 'negó') ?? '', /Tomás Ybarra/);
});

test('speakers: an organization speaks when it heads the source, and not when it only qualifies it', () => {
  const doc = annotate('The Ministry of Health of Velmora said that 12 people were injured in Tumbá.');
  assert.match(speakerOf(doc, 'said') ?? '', /Ministry of Health/);
  const office = annotate('Velmora’s human rights office said that 12 people were injured in Tumbá.');
  assert.doesNotMatch(speakerOf(office, 'said') ?? '', /^Velmora$/);
});

test('passives: "was accused of" is an alleged claim about the person, with no source of its own', () => {
  for (const run of [annotate, byRules]) {
    const doc = run('Tomás Ybarra ran the port of Velmora until 2019, when he was accused of embezzlement and corruption in his second term.');
    const q = withCue(doc, 'accused');
    assert.equal(q.source, null, 'nobody is said to accuse him');
    assert.equal(q.hedge, 'alleged');
    assert.equal(q.subject?.text, 'he');
    assert.match(doc.entities![q.subject!.entity!]!.text, /Tomás Ybarra/);
    assert.deepEqual(
      q.content.map((c) => c.text),
      ['he', 'of embezzlement and corruption in his second term'],
    );
  }
});

test('passives: a "by" / "por" agent is the source; "is said to" is reported; Spanish "fue acusado de" and "se le acusa de"', () => {
  const by = byRules('Ybarra was accused by the prosecutors of taking bribes from a builder.');
  const q = withCue(by, 'accused');
  assert.equal(q.source?.text, 'the prosecutors');
  assert.equal(q.subject?.text, 'Ybarra');
  assert.equal(q.hedge, 'alleged');
  const said = byRules('The mayor of Tumbá is said to have fled the country on a fishing boat.');
  assert.equal(withCue(said, 'said').source, null);
  assert.equal(withCue(said, 'said').hedge, 'reported');
  assert.equal(withCue(said, 'said').subject?.text, 'The mayor of Tumbá');
  const es = byRules('El exalcalde Tomás Ybarra fue acusado de corrupción por la fiscalía de Velmora.', 'es');
  const fue = withCue(es, 'fue acusado');
  assert.equal(fue.source, null);
  assert.equal(fue.hedge, 'alleged');
  assert.match(fue.subject?.text ?? '', /Tomás Ybarra/);
  const se = byRules('Tomás Ybarra gobernó Velmora hasta 2014. Se le acusa de lavado de activos y de recibir sobornos.', 'es');
  assert.equal(withCue(se, 'acusa').source, null);
  assert.equal(withCue(se, 'acusa').hedge, 'alleged');
});

test('passives: events and plain passives are no reports (negative list)', () => {
  for (const text of ['Nothing was said.', 'The theft was reported to the police on Monday.', 'The minister was charged.', 'He was known as a careful man.']) {
    const doc = byRules(text);
    assert.ok(!doc.quotes!.some((q) => q.subject), `${text}: ${JSON.stringify(doc.quotes)}`);
  }
});

test('claims: a passive report lists its subject as what the claim is about, and no speaker', () => {
  const doc = byRules('Tomás Ybarra governed Velmora until he was accused of corruption in 2014.');
  const claims = listClaims([{ id: 'a1', text: doc.text, entities: doc.entities!, quotes: doc.quotes!, sentences: doc.sentences! }]);
  const c = claims.find((x) => x.cue.includes('accused'));
  assert.ok(c);
  assert.equal(c.speaker, null);
  assert.match(c.about ?? '', /Tomás Ybarra/);
  assert.equal(listClaims([{ id: 'a1', text: doc.text, entities: doc.entities!, quotes: doc.quotes!, sentences: doc.sentences! }], { about: 'ybarra' }).length, 1);
});

/** Attributions built from hand-made tags: `spans` maps a role to the phrases it covers, looked up in the text. */
function fromTags(text: string, spans: [Fragment['role'], string][]) {
  const doc = pipeline.run(makeDoc(text));
  const tokens = doc.tokens!;
  const sentenceOf = new Int32Array(tokens.length);
  doc.sentences!.forEach((s, i) => sentenceOf.fill(i, s.tokenStart, s.tokenEnd));
  const blockOf = new Int32Array(tokens.length);
  let block = 0;
  for (let t = 1; t < tokens.length; t++)
    if (text.slice(tokens[t - 1]!.end, tokens[t]!.start).includes('\n')) blockOf[t] = ++block;
    else blockOf[t] = block;
  const fragments = spans
    .map(([role, phrase]): Fragment => {
      const start = text.indexOf(phrase);
      const first = tokens.findIndex((t) => t.start >= start);
      const last = tokens.findIndex((t) => t.start >= start + phrase.length);
      return { role, first, last: last < 0 ? tokens.length : last, block: blockOf[first]! };
    })
    .sort((a, b) => a.first - b.first);
  return { doc, quotes: buildAttributions(doc, fragments, sentenceOf, 'en', blockOf) };
}

test('empty contents: a reporting clause closing the sentence takes the sentence before its comma, from a content that ran on', () => {
  const text = 'According to the press, the police found two phones. Two guards were also involved, the authorities say.';
  const { quotes } = fromTags(text, [
    ['C', 'According to'],
    ['S', 'the press'],
    ['Q', 'the police found two phones. Two guards were also involved'],
    ['S', 'the authorities'],
    ['C', 'say'],
  ]);
  const say = quotes.find((q) => q.cue.text === 'say')!;
  assert.deepEqual(
    say.content.map((c) => c.text),
    ['Two guards were also involved'],
  );
  assert.deepEqual(
    quotes.find((q) => q.cue.text === 'According to')!.content.map((c) => c.text),
    ['the police found two phones.'],
  );
});

test('empty contents: "X continued:" takes the next paragraph; a "that" a few words on starts the content', () => {
  const a = fromTags('Ybarra continued:\n“We will not sign this budget.”', [
    ['S', 'Ybarra'],
    ['C', 'continued:'],
  ]);
  assert.deepEqual(
    a.quotes[0]!.content.map((c) => c.text),
    ['“We will not sign this budget.”'],
  );
  const b = fromTags('Arce wrote in the early morning hours that the mayor was a liar and urged voters to stay home.', [
    ['S', 'Arce'],
    ['C', 'wrote'],
    ['Q', 'that the mayor was a liar'],
    ['C', 'urged'],
    ['Q', 'voters to stay home'],
  ]);
  assert.deepEqual(
    b.quotes.find((q) => q.cue.text === 'wrote')!.content.map((c) => c.text),
    ['that the mayor was a liar'],
  );
});

test('empty contents: the ledger lists no claim without content', () => {
  const { doc, quotes } = fromTags('Ybarra responded on Monday.', [
    ['S', 'Ybarra'],
    ['C', 'responded'],
  ]);
  assert.equal(quotes[0]!.content.length, 0);
  assert.equal(listClaims([{ id: 'a', text: doc.text, entities: doc.entities!, quotes, sentences: doc.sentences! }]).length, 0);
});

test('quotes: a recipient the tagger made the source of a cue inside the content gives that content back ("explained to the local press … that …")', () => {
  const text = 'Minister Julián Arce explained to the local press on Tuesday that, if foreign money is proven, the country could cut ties with Tumbá.';
  const { quotes } = fromTags(text, [
    ['S', 'Minister Julián Arce'],
    ['C', 'explained'],
    ['S', 'the local press'],
    ['Q', 'that, if foreign money'],
    ['C', 'is proven'],
  ]);
  assert.equal(quotes.length, 1, JSON.stringify(quotes.map((q) => q.cue.text)));
  assert.equal(quotes[0]!.recipient?.text, 'the local press');
  assert.deepEqual(
    quotes[0]!.content.map((c) => c.text),
    ['that, if foreign money is proven, the country could cut ties with Tumbá'],
  );
  assert.equal(quotes[0]!.hedge, 'speculative');
});

test('quotes: a dateline before a quotation is no part of its content', () => {
  const text = 'VELMORA, Dec 16 2010 (VNS) - “Nobody will sign this budget,” said senator Rosa Ibarguen.';
  const { quotes } = fromTags(text, [
    ['Q', 'VNS) - “Nobody will sign this budget,”'],
    ['C', 'said'],
    ['S', 'senator Rosa Ibarguen'],
  ]);
  assert.equal(quotes[0]!.content[0]!.text, '“Nobody will sign this budget,”');
  assert.equal(quotes[0]!.form, 'direct');
});

test('quotes: "<person>, <apposition>, went further: “…”" gives the quotation to that person, not to the previous sentence\'s cue', () => {
  const text = 'Senator Rosa Ibarguen accused him of “selling the port.” Retired General Tobías Anaya, from Unión Cívica, went further: “Nobody will sign this budget.”';
  const { doc, quotes } = fromTags(text, [
    ['S', 'Senator Rosa Ibarguen'],
    ['C', 'accused'],
    ['Q', 'him of “selling the port.”'],
    ['Q', '“Nobody will sign this budget.”'],
  ]);
  const further = quotes.find((q) => q.cue.text === 'went further:');
  assert.ok(further, JSON.stringify(quotes.map((q) => q.cue.text)));
  assert.match(doc.entities![further.source!.entity!]!.text, /Tobías Anaya/);
  assert.deepEqual(
    further.content.map((c) => c.text),
    ['“Nobody will sign this budget.”'],
  );
  assert.deepEqual(
    quotes.find((q) => q.cue.text === 'accused')!.content.map((c) => c.text),
    ['him of “selling the port.”'],
  );
});
