import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toRawOffset } from '../../src/core/doc.ts';
import { validate } from '../../src/core/validate.ts';
import { extractItem } from '../../src/ingest/extract.ts';
import { readSeedMetadata } from '../helpers/seed-metadata.ts';
import { needsShared, repoRoot, samplesDir, seedsDir } from '../helpers/shared.ts';

test('seeds: metadata matches the reviewed golden file', { skip: needsShared }, async () => {
  const golden = JSON.parse(readFileSync(join(repoRoot, 'test', 'golden', 'seeds-metadata.json'), 'utf8'));
  assert.deepEqual(await readSeedMetadata(seedsDir), golden, 'run `npx tsx scripts/update-goldens.ts` and review the diff if the change is intended');
});

test('seeds: fourteen articles, each with the outlet and date its text states', { skip: needsShared }, async () => {
  const rows = await readSeedMetadata(seedsDir);
  // Checked by hand against the seed texts: bylines, datelines and trailers.
  assert.deepEqual(
    rows.map((r) => [r.file.slice(0, 3), r.part, r.outlet, r.published]),
    [
      ['000', 0, '14ymedio', '2024-01-24'],
      ['001', 0, null, null],
      ['002', 0, 'naked capitalism', '2023-05-26'],
      ['002', 1, 'CounterPunch', '2023-03-10'],
      ['002', 2, 'Sputnik', '2023-02-02'],
      ['002', 3, 'RT', '2023-01-15'],
      ['002', 4, 'Samizdat', '2023-01-11'],
      ['002', 5, 'Kawsachun News', '2023-01-09'],
      ['002', 6, 'Samizdat', '2023-01-10'],
      ['002', 7, 'teleSUR', '2022-12-19'],
      ['002', 8, 'teleSUR', '2021-08-06'],
      ['002', 9, null, '2020-09-28'],
      ['003', 0, 'IPS', '2010-12-16'],
      ['004', 0, 'Globetrotter', null],
    ],
  );
  assert.ok(rows.every((r) => r.language === 'en'));
  assert.equal(rows.find((r) => r.file.startsWith('003'))?.datelinePlace, 'Lima');
  assert.equal(rows.find((r) => r.file.startsWith('000'))?.translator, 'Regina Anavy');
  assert.deepEqual(rows.find((r) => r.file.startsWith('002') && r.part === 1)?.authors, ['W. T. Whitney']);
});

test('seeds: boilerplate lines are not article text', { skip: needsShared }, async () => {
  for (const name of ['002_a8d5d5fd07ea67f5.txt', '003_78555f6cffb14129.txt']) {
    const path = join(seedsDir, name);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const doc of docs) {
      assert.doesNotMatch(doc.text, /^(?:Leave a comment|Related Tags|Video link|Republish \| \| Print \|)$/m);
      assert.doesNotMatch(doc.text, /Posted by \|/);
    }
  }
});

test('seeds: every character of the clean text maps back to the same character in the raw file', { skip: needsShared }, async () => {
  for (const name of ['000_bc070cc955a77b1e.txt', '002_a8d5d5fd07ea67f5.txt', '004_ba87d23f3dac9bbb.txt']) {
    const path = join(seedsDir, name);
    const extracted = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const doc of extracted.docs) {
      validate(doc);
      for (let i = 0; i < doc.text.length; i++) {
        if (/\s/.test(doc.text[i]!)) continue;
        assert.equal(extracted.raw[toRawOffset(doc.sourceMap, i)], doc.text[i], `${name} part ${doc.meta.partIndex} offset ${i}`);
      }
    }
  }
});

test('samples: every article comes out with the metadata its author intended', async () => {
  const expected = JSON.parse(readFileSync(join(repoRoot, 'samples', 'expected.json'), 'utf8')) as Record<string, unknown>[];
  const files = [...new Set(expected.map((e) => e.file as string))];
  for (const file of files) {
    const path = join(samplesDir, file);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    const wanted = expected.filter((e) => e.file === file);
    assert.equal(docs.length, wanted.length, `${file}: number of articles`);
    wanted.forEach((want, index) => {
      const meta = docs[index]!.meta;
      for (const key of ['title', 'outlet', 'authors', 'translator', 'published', 'datelinePlace', 'language'] as const) {
        assert.deepEqual(meta[key], want[key], `${file} part ${index}: ${key}`);
      }
    });
  }
});

test('samples: the HTML page keeps a map from clean text to the raw page, entities included', async () => {
  const path = join(samplesDir, '08-embassy.html');
  const extracted = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
  const doc = extracted.docs[0]!;
  assert.doesNotMatch(doc.text, /<script|cookie|onerror/i);
  let checked = 0;
  for (let i = 0; i < doc.text.length; i++) {
    const ch = doc.text[i]!;
    if (/\s/.test(ch)) continue;
    const raw = extracted.raw[toRawOffset(doc.sourceMap, i)];
    // An entity maps to its "&": "&eacute;" in the page is "é" in the text.
    assert.ok(raw === ch || raw === '&', `offset ${i}: text has ${ch}, page has ${raw}`);
    checked++;
  }
  assert.ok(checked > 1000);
});
