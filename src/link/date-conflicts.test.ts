import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc, EntityMention, Timex } from '../core/doc.ts';
import { dateConflicts, happeningReports } from './date-conflicts.ts';

/**
 * A one-sentence-per-line doc whose person names and ISO days are marked by hand: `[Name]` is a person mention,
 * `{2025-05-03|3 May}` a day. Entity ids are the names' last words, so "[Ramos]" and "[Inés Ramos]" are one person.
 */
function docOf(id: string, outlet: string, marked: string): { doc: Doc; entityOf: Map<number, string> } {
  let text = '';
  const entities: EntityMention[] = [];
  const timexes: Timex[] = [];
  const entityOf = new Map<number, string>();
  for (const part of marked.split(/(\[[^\]]+\]|\{[^}]+\})/u)) {
    if (part.startsWith('[')) {
      const name = part.slice(1, -1);
      entityOf.set(entities.length, name.split(' ').at(-1)!);
      entities.push({ start: text.length, end: text.length + name.length, text: name, type: 'PER', tokenStart: 0, tokenEnd: 0, confidence: 1 });
      text += name;
    } else if (part.startsWith('{')) {
      const [value, shown] = part.slice(1, -1).split('|') as [string, string];
      timexes.push({ start: text.length, end: text.length + shown.length, text: shown, type: 'DATE', value });
      text += shown;
    } else text += part;
  }
  let at = 0;
  const sentences = text.split('\n').map((line) => {
    const span = { start: at, end: at + line.length, tokenStart: 0, tokenEnd: 0 };
    at += line.length + 1;
    return span;
  });
  const meta = {
    title: null,
    outlet,
    authors: [],
    translator: null,
    published: '2025-06-01',
    datelinePlace: null,
    language: 'en',
    source: id,
    via: null,
    canonicalUrl: null,
    partIndex: 0,
    partCount: 1,
  };
  return { doc: { id, contentHash: id, text, sourceMap: [], messages: [], meta, entities, timexes, sentences } as Doc, entityOf };
}

const reportsOf = (id: string, outlet: string, marked: string) => {
  const { doc, entityOf } = docOf(id, outlet, marked);
  return happeningReports(doc, entityOf, () => true);
};
const found = (marked: string) => reportsOf('a', 'A', marked).map((r) => `${r.entityId} ${r.happening} ${r.date}`);

test('happenings: the person is the subject of the verb, or owns the noun, with the day nearest the trigger', () => {
  assert.deepEqual(found('[Inés Ramos] was arrested on {2025-05-03|3 May} in Lisca.'), ['Ramos arrest 2025-05-03']);
  assert.deepEqual(found('[Ramos], the former mayor of Lisca, was formally detained on {2025-05-03|3 May}.'), ['Ramos arrest 2025-05-03']);
  assert.deepEqual(found('[Ramos], who was sworn in on {2025-05-03|3 May}, spoke.'), ['Ramos inauguration 2025-05-03']);
  assert.deepEqual(found('On {2025-05-03|3 May} came [Ramos]’s resignation.'), ['Ramos resignation 2025-05-03']);
  assert.deepEqual(found('La detención de [Ramos] ocurrió el {2025-05-03|3 de mayo}.'), ['Ramos arrest 2025-05-03']);
  assert.deepEqual(found('[Ramos] fue detenido el {2025-05-03|3 de mayo}.'), ['Ramos arrest 2025-05-03']);
});

test('happenings: no report when the name is not the subject, or the date is set against the happening', () => {
  assert.deepEqual(found('[Ramos] said [Pérez] was arrested on {2025-05-03|3 May}.'), ['Pérez arrest 2025-05-03']);
  assert.deepEqual(found('[Ramos] met the minister on {2025-05-02|2 May}, the day before [Pérez] was arrested.'), []);
  assert.deepEqual(found('The founder of [Ramos Unidos], was arrested on {2025-05-03|3 May}.'), []);
  assert.deepEqual(found('[Ramos] was arrested in May.'), []);
  assert.deepEqual(found('[Ramos] spoke on {2025-05-03|3 May} about the arrest.'), []);
});

test('date conflicts: one person, one once-only happening, different days in different articles', () => {
  const reports = [
    ...reportsOf('a', 'Lumen', '[Ramos] was arrested on {2025-05-03|3 May}.'),
    ...reportsOf('b', 'Ostrel Post', '[Inés Ramos] was arrested on {2025-05-04|4 May}.'),
    ...reportsOf('c', 'Ostrel Post', '[Ramos] was arrested on {2025-05-03|3 May}.'),
    // An article with two days for it is left out; the same day everywhere is no conflict.
    ...reportsOf('d', 'Kestrel', '[Ramos] was arrested on {2025-05-01|1 May}.\nWe said [Ramos] was arrested on {2025-05-05|5 May}.'),
    ...reportsOf('e', 'Lumen', '[Pérez] resigned on {2025-05-03|3 May}.'),
    ...reportsOf('f', 'Kestrel', '[Pérez] resigned on {2025-05-03|3 May}.'),
  ];
  const conflicts = dateConflicts(reports);
  assert.deepEqual(
    conflicts.map((c) => [c.key, c.values]),
    [
      [
        'Ramos:arrest',
        [
          { date: '2025-05-03', articleIds: ['a', 'c'], outlets: ['Lumen', 'Ostrel Post'] },
          { date: '2025-05-04', articleIds: ['b'], outlets: ['Ostrel Post'] },
        ],
      ],
    ],
  );
  assert.deepEqual(dateConflicts([...reports].reverse()), conflicts);
});
