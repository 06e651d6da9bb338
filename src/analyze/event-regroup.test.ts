/**
 * The events kept at ingest (update.ts `regroupAround`: only the groups an article's sentences join, and on a day where
 * a name moved to another entity, or an entity started or stopped tying events, only the groups those names' sentences
 * were in and are in now) equal the events of every day rebuilt from all its sentences (`rebuildAllFindings`),
 * whatever order the articles come in. Fictional names written by hand: short forms that later join a full name
 * (moving their sentences to another entity), an organization, places that tie nothing, sentences of a month.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatedEvent, Doc, EntityMention, EntityType } from '../core/doc.ts';
import { docFromText } from '../eval/attribution.ts';
import { linkArticles } from '../link/link-articles.ts';
import type { Repository } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { analyzeAfterLink, eventWalk, rebuildAllFindings } from './update.ts';

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Names and their types: full names, the short forms inside them, a surname shared by two people, tying and not. */
const names: [string, EntityType][] = [
  ['Ana Lirio Quispe', 'PER'],
  ['Ana Quispe', 'PER'],
  ['Bruno Tello Arce', 'PER'],
  ['Bruno Tello', 'PER'],
  ['Celia Tello Arce', 'PER'],
  ['Tello Arce', 'PER'],
  ['Dario Mendez Vaca', 'PER'],
  ['Dario Vaca', 'PER'],
  ['Banco Serrano', 'ORG'],
  ['Valle Seco', 'LOC'],
  ['Puerto Lirio', 'LOC'],
];
const dates = ['2031-03-04', '2031-03-05', '2031-03-06', '2031-03'];

/** An article of `sentences` dated sentences, each naming one to three of the names. */
function article(index: number, random: () => number): Doc {
  let text = '';
  const entities: EntityMention[] = [];
  const events: DatedEvent[] = [];
  const count = 2 + Math.floor(random() * 3);
  for (let s = 0; s < count; s++) {
    const start = text.length;
    const held: number[] = [];
    const many = 1 + Math.floor(random() * 3);
    for (let k = 0; k < many; k++) {
      const [surface, type] = names[Math.floor(random() * names.length)]!;
      const at = text.length;
      text += `${surface} spoke. `;
      held.push(entities.length);
      entities.push({ start: at, end: at + surface.length, text: surface, type, tokenStart: 0, tokenEnd: 0, confidence: 0.9 });
    }
    text = `${text.trimEnd()}\n`;
    events.push({ start, end: text.length - 1, sentence: s, date: dates[Math.floor(random() * dates.length)]!, inherited: random() < 0.1, entities: held });
  }
  text = `Report ${index}.\n${text}`;
  const shift = `Report ${index}.\n`.length;
  for (const e of entities) {
    e.start += shift;
    e.end += shift;
  }
  for (const e of events) {
    e.start += shift;
    e.end += shift;
  }
  const doc = docFromText(text, 'en', `report-${index}`);
  const published = `2031-03-${String(4 + (index % 5)).padStart(2, '0')}`;
  return { ...doc, entities, events, meta: { ...doc.meta, title: `Report ${index}`, outlet: index % 2 === 0 ? 'The Fictional Post' : 'Diario Imaginario', published } };
}

/** The stored events and what their regrouping keeps beside them, as rows. */
async function eventRows(repository: Repository): Promise<string> {
  const rows = [];
  for (const kind of ['event', 'event-name-entity']) {
    const page = await repository.pageFindings({ kind, limit: 100_000, offset: 0 });
    rows.push(page.items.map((f) => [f.key, f.part, f.verdict, f.rank, f.data]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)));
  }
  return JSON.stringify(rows);
}

test('events: regrouped around each article and the names that moved = every day rebuilt, in any order, by name or by whole day', async () => {
  const random = seeded(31);
  const byName = eventWalk.wholeDayNames;
  const docs = Array.from({ length: 24 }, (_, i) => article(i, random));
  const seen = new Set<string>();
  let movedArticles = 0;
  for (let round = 0; round < 4; round++) {
    const order = docs
      .map((doc) => ({ doc, r: random() }))
      .sort((a, b) => a.r - b.r)
      .map(({ doc }) => doc);
    const repository = new SqliteRepository(':memory:');
    // By name only (these days hold a few names), then the whole day read from the first step, the second, the third.
    eventWalk.wholeDayNames = [byName, 0, 1, 2][round]!;
    try {
      await repository.migrate();
      for (const doc of order) {
        await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
        await linkArticles(repository, [doc], undefined, async (link, linked, moved) => {
          if (moved.size > 0) movedArticles++;
          await analyzeAfterLink(link, linked, moved);
        });
      }
      const incremental = await eventRows(repository);
      await repository.linkTransaction(({ analysis }) => rebuildAllFindings(analysis));
      assert.equal(incremental, await eventRows(repository), `round ${round}: kept at ingest = rebuilt from every sentence`);
      seen.add(incremental);
      assert.ok(JSON.parse(incremental)[0].length > 5, 'the articles make events');
    } finally {
      eventWalk.wholeDayNames = byName;
      await repository.close();
    }
  }
  assert.equal(seen.size, 1, 'the same events whatever the order and the way the days are read');
  assert.ok(movedArticles > 0, 'some articles moved names whose sentences were grouped before');
});
