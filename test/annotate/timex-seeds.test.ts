import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tagTimexes } from '../../src/annotate/timex/index.ts';
import { seedDocs } from '../helpers/seed-docs.ts';
import { seedTimexes } from '../helpers/seed-timexes.ts';
import { needsShared, repoRoot, seedsDir } from '../helpers/shared.ts';

test('timex seeds: expressions and values match the reviewed golden file', { skip: needsShared }, async () => {
  const golden = JSON.parse(readFileSync(join(repoRoot, 'test', 'golden', 'seeds-timexes.json'), 'utf8'));
  assert.deepEqual(await seedTimexes(), golden, 'run `npm run update-goldens` and review the diff if the change is intended');
});

test('timex seeds: the values a reader checks by eye', { skip: needsShared }, async () => {
  const docs = await seedDocs(seedsDir);
  const timexValueOf = (file: string, surface: string, nth = 0) => {
    const { doc } = docs.find((d) => d.file.startsWith(file))!;
    const timexes = tagTimexes(doc.text, { anchor: doc.meta.published, language: doc.meta.language }).timexes;
    return timexes.filter((t) => t.text.toLowerCase() === surface.toLowerCase())[nth]?.value;
  };
  // Seed 000 is dated 24 January 2024 (its dateline; the collector's header says the 23rd).
  assert.equal(timexValueOf('000', 'this January'), '2024-01');
  assert.equal(timexValueOf('000', 'Last December'), '2023-12');
  assert.equal(timexValueOf('000', 'December'), '2023-12');
  assert.equal(timexValueOf('000', 'Tuesday'), '2024-01-23');
  assert.equal(timexValueOf('003', 'Mar. 12, 2009'), '2009-03-12');
});

test('timex: phrases that must not become dates', () => {
  for (const text of [
    'Protests spread to Junín and Puno.',
    'Castillo sat in his office.',
    'It was a big march on the capital.',
    'May I ask a question?',
    'Theresa May spoke.',
    'The Sun reported it.',
  ]) {
    const dates = tagTimexes(text, { anchor: '2023-01-10', language: 'en' }).timexes.filter((t) => t.type === 'DATE');
    assert.deepEqual(
      dates.map((t) => t.text),
      [],
      text,
    );
  }
});
