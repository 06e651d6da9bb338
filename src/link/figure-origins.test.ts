import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCitations, resolveCitations } from './citations.ts';
import { type FigureRecord, groupFigures } from './figure-groups.ts';
import { valueOrigins } from './figure-origins.ts';

const rec = (articleId: string, outlet: string, value: number): FigureRecord => ({
  articleId,
  outlet,
  reported: '2024-05-03',
  measure: 'killed',
  value,
  unit: 'count',
  place: 'Lisca',
  date: '2024-05-02',
});

test('figure origins: four outlets carrying one AFP story and a copy of a fifth are two origins for 9; the lone 11 is one', () => {
  const articles = [
    { id: 'a', outlet: 'Lisca Today', published: '2024-05-03' },
    { id: 'b', outlet: 'Norvale Current', published: '2024-05-03' },
    { id: 'c', outlet: 'Ostrel Post', published: '2024-05-03' },
    { id: 'd', outlet: 'Radio Varo', published: '2024-05-03' },
    { id: 'e', outlet: 'The Brenn Herald', published: '2024-05-03' },
    { id: 'f', outlet: 'Eco de Brenn', published: '2024-05-04' },
    { id: 'g', outlet: 'Lumen', published: '2024-05-04' },
  ];
  // Our own wording: each wire carrier credits the agency its own way.
  const texts: Record<string, string> = {
    a: 'LISCA (AFP) — Nine people died when the ferry sank.',
    b: 'Nine people died when the ferry sank, AFP reported. (AFP)',
    c: 'Nueve personas murieron. Con información de AFP.',
    d: 'Nine people died when the ferry sank.\n\nAgence France-Presse',
    e: 'Our reporter counted nine dead at the harbour.',
    f: 'Nine dead at the harbour, our partner paper says.',
    g: 'Eleven people died, the coastguard said.',
  };
  const citations = resolveCitations(
    articles.flatMap((x) => findCitations(x.id, texts[x.id]!)),
    articles,
  );
  const group = groupFigures(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => rec(id, articles.find((x) => x.id === id)!.outlet, 9)).concat(rec('g', 'Lumen', 11)))[0]!;
  assert.equal(group.outlets, 7);
  const copies = [{ copy: 'f', original: 'e', similarity: 0.7, kind: 'syndicated' as const }];
  const origins = valueOrigins(group, new Map(articles.map((x) => [x.id, x])), copies, citations);
  assert.deepEqual(
    origins.map((o) => [o.value, o.articles, o.origins, o.groups.map((g) => g.members)]),
    [
      [
        '9',
        6,
        2,
        [
          ['a', 'b', 'c', 'd'],
          ['e', 'f'],
        ],
      ],
      ['11', 1, 1, [['g']]],
    ],
  );
  // Without the copy link and the credits, every article is its own witness.
  assert.deepEqual(
    valueOrigins(group, new Map(), [], []).map((o) => o.origins),
    [6, 1],
  );
});
