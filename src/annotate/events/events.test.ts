import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, EntityMention, Sentence, Timex, Token } from '../../core/doc.ts';
import { validate } from '../../core/validate.ts';
import { findEvents } from './index.ts';

/** A doc with whitespace tokens, one sentence per `. `-ended chunk, and the given timexes and entity words. */
function makeDoc(text: string, timexes: [string, string, Timex['type']][], names: string[]): Doc {
  const tokens: Token[] = [...text.matchAll(/[^\s.]+|\./g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const sentences: Sentence[] = [];
  let first = 0;
  tokens.forEach((token, i) => {
    if (token.text === '.') {
      sentences.push({ start: tokens[first]!.start, end: token.end, tokenStart: first, tokenEnd: i + 1 });
      first = i + 1;
    }
  });
  const find = (surface: string) => {
    const start = text.indexOf(surface);
    return { start, end: start + surface.length, text: surface };
  };
  const entities: EntityMention[] = names
    .map((name) => {
      const span = find(name);
      const tokenStart = tokens.findIndex((t) => t.start === span.start);
      const tokenEnd = tokens.findIndex((t) => t.end === span.end) + 1;
      return { ...span, type: 'PER' as const, tokenStart, tokenEnd, confidence: 1 };
    })
    .sort((a, b) => a.start - b.start);
  return {
    id: 'x',
    contentHash: 'x',
    text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: null,
      authors: [],
      translator: null,
      published: '2025-11-12',
      datelinePlace: null,
      language: 'en',
      source: 'x',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
    tokens,
    sentences,
    entities,
    timexes: timexes.map(([surface, value, type]) => ({ ...find(surface), value, type })).sort((a, b) => a.start - b.start),
  };
}

test('events: a dated sentence is an event; the next one naming someone inherits the date within the paragraph', () => {
  const doc = makeDoc(
    'On Monday Ana Ruiz resigned. Later Bo Vidal spoke. Nothing else happened.\n\nBo Vidal left now.',
    [
      ['Monday', '2025-11-10', 'DATE'],
      ['now', 'PRESENT_REF', 'DATE'],
    ],
    ['Ana Ruiz', 'Bo Vidal'],
  );
  const events = findEvents(doc);
  validate({ ...doc, events });
  assert.deepEqual(
    events.map((e) => [e.sentence, e.date, e.inherited, e.entities.length]),
    [
      [0, '2025-11-10', false, 1],
      [1, '2025-11-10', true, 1],
    ],
  );
});

test('events: the most precise date in a sentence dates it, and durations never do', () => {
  const doc = makeDoc(
    'In November 2025 for three weeks on 12 November 2025 Ana Ruiz marched.',
    [
      ['November 2025', '2025-11', 'DATE'],
      ['three weeks', 'P3W', 'DURATION'],
      ['12 November 2025', '2025-11-12', 'DATE'],
    ],
    ['Ana Ruiz'],
  );
  assert.deepEqual(
    findEvents(doc).map((e) => e.date),
    ['2025-11-12'],
  );
});
