import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { candidatePairs, findCopies, lshKeys, minhashSignature, similarity } from './copies.ts';
import { paragraphChanges } from './copy-changes.ts';
import { jaccard, shingles } from './shingles.ts';
import { findCitations, independentOrigins, resolveCitations, wireCredits } from './citations.ts';

const words = 'river bridge council mayor harvest strike road market school water police court vote budget mine village festival storm'.split(' ');
/** A deterministic fictional article of `n` words. */
function article(seed: number, n = 220): string {
  let x = (seed * 2654435761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x ^ (x >>> 13), 1274126177) + 12345) >>> 0;
    out.push(words[x % words.length]! + (x % 7 === 0 ? '.' : ''));
    if (i % 40 === 39) out.push('\n\n');
  }
  return out.join(' ');
}

test('copies: MinHash of identical texts is identical, and of texts differing only in case and accents too', () => {
  const a = 'El alcalde de Lisca anunció el cierre del puente de Varo por las lluvias.';
  assert.deepEqual(minhashSignature(a), minhashSignature(a));
  assert.deepEqual(minhashSignature(a), minhashSignature(a.toUpperCase().replace('ó', 'o')));
  assert.deepEqual(lshKeys(minhashSignature(a)), lshKeys(minhashSignature(a)));
});

test('copies: similarity is symmetric, 1 for identical signatures, and tracks exact Jaccard', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
      const sa = minhashSignature(a);
      const sb = minhashSignature(b);
      assert.equal(similarity(sa, sb), similarity(sb, sa));
      assert.equal(similarity(sa, sa), 1);
      assert.equal(jaccard(shingles(a), shingles(b)), jaccard(shingles(b), shingles(a)));
    }),
    { numRuns: 200 },
  );
  const a = article(1);
  const b = a.replace(/strike/g, 'protest');
  const exact = jaccard(shingles(a), shingles(b));
  assert.ok(Math.abs(similarity(minhashSignature(a), minhashSignature(b)) - exact) < 0.15, `estimate near ${exact}`);
});

test('copies: a syndicated copy with a new headline, a cut paragraph and a republication note is found; the earlier one is the original', () => {
  const original = `Storm closes Varo bridge\n\n${article(7)}`;
  const paras = original.split('\n\n');
  const copy = ['Lisca cut off as storm shuts bridge', ...paras.slice(1, 4), ...paras.slice(5), 'This article first appeared in The Lisca Ledger and is republished with permission.'].join('\n\n');
  const other = article(99);
  const found = findCopies([
    { id: 'b', text: copy, published: '2024-03-02', outlet: 'Norvale Current' },
    { id: 'a', text: original, published: '2024-03-01', outlet: 'The Lisca Ledger' },
    { id: 'c', text: other, published: '2024-03-01', outlet: 'Ostrel Post' },
  ]);
  const articleLevel = found.filter((c) => c.kind !== 'pull-quote');
  assert.deepEqual(
    articleLevel.map((c) => [c.copy, c.original, c.kind]),
    [['b', 'a', 'syndicated']],
  );
  assert.ok(articleLevel[0]!.similarity > 0.6);
});

test('copies: the same outlet carried again (an aggregator repost) is a repost; a same-day tie goes to the one not carried by another site', () => {
  const text = article(3);
  const found = findCopies([
    { id: 'agg', text: `${text}\n\nVideo link`, published: '2024-03-01', outlet: 'Lumen', via: 'Roundup Blog' },
    { id: 'orig', text, published: '2024-03-01', outlet: 'Lumen' },
  ]);
  assert.deepEqual(
    found.map((c) => [c.copy, c.original, c.kind]),
    [['agg', 'orig', 'repost']],
  );
});

test('copies: a pull quote repeated inside one article, and a paragraph shared by two different articles', () => {
  const quote = '"We will rebuild the bridge before the rains come back, whatever it costs the council," the mayor said.';
  const body = `${article(11, 80)}\n\n${quote} ${article(12, 30)}\n\n${article(13, 60)}\n\n${quote}`;
  const inside = findCopies([{ id: 'x', text: body, published: '2024-01-01', outlet: 'Lumen' }]);
  assert.equal(inside.length, 1);
  assert.deepEqual([inside[0]!.kind, inside[0]!.copy, inside[0]!.original], ['pull-quote', 'x', 'x']);
  assert.equal(body.slice(inside[0]!.copySpan!.start, inside[0]!.copySpan!.end), quote);

  // A quotation both articles carry is a pull quote; the same paragraph unquoted is a partial copy (copy-match.ts).
  const shared = `"${article(21, 35)}," the mayor said.`;
  const between = findCopies([
    { id: 'p', text: `${article(31)}\n\n${shared}`, published: '2024-01-01', outlet: 'Lumen' },
    { id: 'q', text: `${article(41)}\n\n${shared}`, published: '2024-01-05', outlet: 'Ostrel Post' },
  ]);
  assert.deepEqual(
    between.map((c) => [c.copy, c.original, c.kind]),
    [['q', 'p', 'pull-quote']],
  );
});

test('copies: blocking never compares all pairs (200 unrelated articles give almost no candidates)', () => {
  const sigs = Array.from({ length: 200 }, (_, i) => minhashSignature(article(1000 + i)));
  const pairs = candidatePairs(sigs);
  assert.ok(pairs.length < 200, `${pairs.length} candidate pairs of ${(200 * 199) / 2}`);
});

test('citations: "first appeared in", "republished with permission", "as recently reported by A and B", "according to <outlet>", "según <medio>"', () => {
  const text =
    'This article first appeared in The Lisca Ledger and is republished with permission. As recently reported by Ana Ferrand and José Luis Varo Pardo, the mayor resigned. According to the police, nine people were held. According to Ostrel Post, the bridge is closed. Según El Eco de Lisca, el puente sigue cerrado.';
  const found = findCitations('x', text, { outlets: ['The Lisca Ledger'] });
  assert.deepEqual(
    found.map((c) => [c.kind, c.cited, c.names]),
    [
      ['first-appeared', 'The Lisca Ledger', ['The Lisca Ledger']],
      ['reported-by', 'Ana Ferrand and José Luis Varo Pardo', ['Ana Ferrand', 'José Luis Varo Pardo']],
      ['according-to', 'Ostrel Post', ['Ostrel Post']],
      ['according-to', 'El Eco de Lisca', ['El Eco de Lisca']],
    ],
  );
  for (const c of found) assert.ok(text.slice(c.span.start, c.span.end).length > 0);
  // An article's own outlet in its trailer is not a source.
  assert.deepEqual(findCitations('y', 'Text.\n\nSource: Commons Post', { ownOutlet: 'Commons Post' }), []);
});

test('citations: independent origins — a repost, a syndicated copy and a piece citing another are one origin', () => {
  const articles = [
    { id: 'a', outlet: 'The Lisca Ledger', published: '2024-03-01' },
    { id: 'b', outlet: 'Norvale Current', published: '2024-03-02' },
    { id: 'c', outlet: 'Ostrel Post', published: '2024-03-03' },
    { id: 'd', outlet: 'Lumen', published: '2024-03-03' },
    { id: 'e', outlet: 'Radio Varo', published: '2024-03-04' },
    { id: 'f', outlet: 'Eco', published: '2024-03-04' },
  ];
  const citations = resolveCitations(
    [
      ...findCitations('c', 'According to The Lisca Ledger, the bridge fell.', { outlets: ['The Lisca Ledger'] }),
      ...findCitations('e', 'According to Reuters, the bridge fell.'),
      ...findCitations('f', 'According to Reuters, the bridge fell.'),
    ],
    articles,
  );
  assert.equal(citations[0]!.citedArticle, 'a');
  const origins = independentOrigins(articles, [{ copy: 'b', original: 'a', similarity: 0.8, kind: 'syndicated' }], citations);
  assert.deepEqual(
    origins.map((o) => [o.origin, o.members, o.external]),
    [
      ['The Lisca Ledger', ['a', 'b', 'c'], []],
      ['Lumen', ['d'], []],
      ['Radio Varo', ['e', 'f'], ['Reuters']],
    ],
  );
});

test('copies: a partial copy — three paragraphs of a wire story under a new lead, one figure changed — with its extent, coverage and evidence', () => {
  const wire = [article(51, 39), article(52, 39), `The council said 12 families lost their homes near the ${article(53, 30)}`, article(54, 39), article(55, 39)];
  const lead = 'Our own reporter in Lisca heard the sirens before dawn, and by noon the river had crossed the market road.';
  const reprint = [lead, wire[1]!, wire[2]!.replace('12 families', '17 families'), wire[3]!, `${article(60, 25)} (AFP)`];
  const wireText = wire.join('\n\n');
  const reprintText = reprint.join('\n\n');
  const found = findCopies([
    { id: 'w', text: wireText, published: '2024-04-01', outlet: 'AFP' },
    { id: 's', text: reprintText, published: '2024-04-02', outlet: 'Lisca Today' },
    { id: 'u', text: [article(71, 39), article(72, 39)].join('\n\n'), published: '2024-04-02', outlet: 'Ostrel Post' },
  ]);
  assert.equal(found.length, 1);
  const c = found[0]!;
  assert.deepEqual([c.copy, c.original, c.kind, c.translated], ['s', 'w', 'syndicated', undefined]);
  assert.ok(c.similarity < 0.5, `whole-text similarity ${c.similarity} is below the article threshold: only the paragraphs find it`);
  const spans = (text: string, paras: string[], which: number[]) => which.map((k) => ({ start: text.indexOf(paras[k]!), end: text.indexOf(paras[k]!) + paras[k]!.length }));
  assert.deepEqual(
    c.extent!.map((e) => e.original),
    spans(wireText, wire, [1, 2, 3]),
  );
  assert.deepEqual(
    c.extent!.map((e) => e.copy),
    spans(reprintText, reprint, [1, 2, 3]),
  );
  assert.ok(c.coverage! > 0.5 && c.coverage! < 1, `coverage ${c.coverage}`);
  assert.deepEqual(c.evidence, ['published 2024-04-01, the copy 2024-04-02']);
  assert.deepEqual(
    c.changes!.map((x) => [x.kind, x.note, wireText.slice(x.original.start, x.original.end), reprintText.slice(x.copy.start, x.copy.end)]),
    [['figure', 'this copy says 17 families where its source says 12', '12', '17']],
  );
});

test('copy changes: a figure, a weekday and a name replaced inside shared sentences; rewording and trimmed edges are not changes', () => {
  const original = 'Police said on Tuesday that 12 people died when the bridge at Varo collapsed, and Mayor Ana Ferrand called for calm.';
  const copy = 'Police said on Wednesday that 17 people died when the bridge at Varo collapsed, and Mayor Ines Ferrand called for calm in the town.';
  const notes = paragraphChanges(original, { start: 0, end: original.length }, copy, { start: 0, end: copy.length }).map((c) => [c.kind, c.note]);
  assert.deepEqual(notes, [
    ['date', 'this copy says Wednesday where its source says Tuesday'],
    ['figure', 'this copy says 17 people where its source says 12'],
    ['name', 'this copy says Ines where its source says Ana'],
  ]);
  // A written date is one word, changed as a date: not its day as a figure.
  const dated = (d: string) => `The harbour office in Lisca wrote on ${d} that the ferry would resume its crossings.`;
  const whole = (a: string, b: string) => paragraphChanges(a, { start: 0, end: a.length }, b, { start: 0, end: b.length });
  assert.deepEqual(
    whole(dated('2024-05-04'), dated('2024-05-03')).map((c) => [c.kind, c.note]),
    [['date', 'this copy says 2024-05-03 where its source says 2024-05-04']],
  );
  assert.deepEqual(
    whole(dated('04.05.2024'), dated('14.05.2024')).map((c) => c.kind),
    ['date'],
  );
  const reworded = 'Police said on Tuesday that 12 people lost their lives as the old bridge at Varo gave way.';
  assert.deepEqual(paragraphChanges(original, { start: 0, end: original.length }, reworded, { start: 0, end: reworded.length }), []);
});

test('citations: wire credits — "(AFP)", a dateline "(AP) —", "con información de EFE y Europa Press", a byline line — but not a party acronym or a photo credit', () => {
  const agencies = (text: string) => wireCredits(text).map((w) => w.agency);
  assert.deepEqual(agencies('Nine people were held overnight. (AFP)'), ['AFP']);
  assert.deepEqual(agencies('LISCA, Varo (AP) — The bridge fell.'), ['AP']);
  assert.deepEqual(agencies('El puente cayó. Con información de EFE y Europa Press.'), ['EFE', 'Europa Press']);
  assert.deepEqual(agencies('Ana Ferrand\nAssociated Press\n\nThe bridge fell.'), ['AP']);
  assert.deepEqual(agencies('El movimiento Alianza Popular (AP) votó en contra.'), []);
  assert.deepEqual(agencies('Protesters on the bridge. (AP Photo/Ana Ferrand)'), []);
  assert.deepEqual(agencies('The map (ap) was wrong.'), []);
});

test('citations: articles carrying the same wire story are one origin, whatever they call the agency', () => {
  const articles = [
    { id: 'a', outlet: 'Lisca Today', published: '2024-03-01' },
    { id: 'b', outlet: 'Norvale Current', published: '2024-03-01' },
    { id: 'c', outlet: 'Ostrel Post', published: '2024-03-02' },
  ];
  const citations = resolveCitations(
    [...findCitations('a', 'The bridge fell, killing nine. (AP)'), ...findCitations('b', 'The bridge fell.\n\nAssociated Press'), ...findCitations('c', 'Our reporter saw the bridge fall.')],
    articles,
  );
  assert.deepEqual(
    citations.map((c) => [c.citing, c.kind, c.cited]),
    [
      ['a', 'wire', 'AP'],
      ['b', 'wire', 'AP'],
    ],
  );
  assert.deepEqual(
    independentOrigins(articles, [], citations).map((o) => [o.members, o.external]),
    [
      [['a', 'b'], ['AP']],
      [['c'], []],
    ],
  );
});

test("citations: a wire story stays one origin when the pile also holds the agency's own articles, and the agency's copy of the story joins it", () => {
  const articles = [
    { id: 'w0', outlet: 'AP', published: '2024-02-20' },
    { id: 'w1', outlet: 'Associated Press', published: '2024-03-01' },
    { id: 'a', outlet: 'Lisca Today', published: '2024-03-01' },
    { id: 'b', outlet: 'Norvale Current', published: '2024-03-02' },
    { id: 'c', outlet: 'Ostrel Post', published: '2024-03-02' },
  ];
  const citations = resolveCitations(
    [...findCitations('a', 'The bridge fell, killing nine. (AP)'), ...findCitations('b', 'The bridge fell.\n\nAssociated Press'), ...findCitations('c', 'According to Reuters, the bridge fell.')],
    articles,
  );
  // Resolving points each credit at an article of the agency, not necessarily this story's: the agency is the origin.
  const story = independentOrigins(
    articles.filter((x) => x.id !== 'w0'),
    [],
    citations,
  );
  assert.deepEqual(
    story.map((o) => o.members),
    [['a', 'b', 'w1'], ['c']],
  );
  // Without the agency's own copy of the story in the group, the two carriers are still one origin.
  const carriers = independentOrigins(
    articles.filter((x) => x.id === 'a' || x.id === 'b'),
    [],
    citations.filter((x) => x.citing === 'a' || x.citing === 'b'),
  );
  assert.deepEqual(
    carriers.map((o) => [o.members, o.external]),
    [[['a', 'b'], ['AP']]],
  );
});
