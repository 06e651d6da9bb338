/**
 * Copies on real pages: ../shared/data/realnews-dev (read at run time, never copied), ingested through the pipeline and
 * linked into a SQLite store as `quipu ingest` does, then checked against its gold copy pairs. The floors sit below the
 * measured figures (7/7 same-language, 4/4 translated, 0 of 3 not-copies) to catch regressions, not to restate them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { extractItem } from '../ingest/extract.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import type { CopyRecord } from '../store/repository.ts';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.ts';
import { linkArticles } from './link-articles.ts';
import { sharedDir } from '../../test/helpers/shared.ts';

const dir = join(sharedDir, 'data', 'realnews-dev');
const skip = existsSync(join(dir, 'gold.json')) ? false : `needs ${dir}`;

interface Gold {
  copies: { files: [string, string]; kind: 'same-language' | 'translated' }[];
  not_copies: { files: [string, string] }[];
}

const fileOf = new Map<string, string>();
const docs = new Map<string, Doc>();
let copies: CopyRecord[] = [];
let gold: Gold;

/** A page's header (url, outlet, date, lang, then `---`) as Markdown front matter; the outlet label loses our notes in brackets or after a comma. */
function asMarkdown(page: string): string {
  const cut = page.indexOf('\n---\n');
  const fields = new Map(
    page
      .slice(0, cut)
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]),
  );
  const outlet = (fields.get('outlet') ?? '')
    .replace(/\s*\(.*$/, '')
    .replace(/,.*$/, '')
    .trim();
  const date = fields.get('date');
  return `---\noutlet: ${outlet}\n${date ? `date: ${date}\n` : ''}lang: ${fields.get('lang')}\n---\n${page.slice(cut + 5)}`;
}

before(async () => {
  if (skip) return;
  gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Gold;
  const pipeline = await defaultPipeline();
  const repository = new SqliteRepository(':memory:');
  await repository.migrate();
  for (const file of readdirSync(join(dir, 'pages'))
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const locator = join(dir, 'pages', file.replace('.txt', '.md'));
    const extracted = await extractItem({ locator, bytes: Buffer.from(asMarkdown(readFileSync(join(dir, 'pages', file), 'utf8'))), contentType: '', charset: null });
    const annotated = extracted.docs.map((d) => pipeline.run(d));
    await repository.saveArticles({ locator, kind: extracted.kind, contentType: '', charset: extracted.charset, raw: extracted.raw }, annotated);
    for (const d of annotated) {
      fileOf.set(d.id, file.slice(0, 3));
      docs.set(file.slice(0, 3), d);
    }
    await linkArticles(repository, annotated);
  }
  copies = await repository.listCopies();
  await repository.close();
});

const pairKey = (a: string, b: string) => [a, b].sort().join('-');
const linked = () => new Set(copies.map((c) => pairKey(fileOf.get(c.copyId)!, fileOf.get(c.originalId)!)));

test('realnews-dev copies: same-language pairs found (floor 6 of 7), translated pairs (floor 3 of 4), no not-copy linked', { skip }, () => {
  const found = linked();
  const share = (kind: string) => gold.copies.filter((g) => g.kind === kind && found.has(pairKey(...g.files))).length;
  assert.ok(share('same-language') >= 6, `same-language ${share('same-language')}/7`);
  assert.ok(share('translated') >= 3, `translated ${share('translated')}/4`);
  assert.deepEqual(
    gold.not_copies.filter((g) => found.has(pairKey(...g.files))).map((g) => g.files),
    [],
  );
});

test('realnews-dev copies: a local reprint that changes one detainee count is found with the change and the credit it gives its source', { skip }, () => {
  const c = copies.find((x) => fileOf.get(x.copyId) === '014' && fileOf.get(x.originalId) === '013')!;
  assert.ok(c, '014 is a copy of 013');
  assert.ok(
    c.changes!.some((x) => x.kind === 'figure' && x.original.text === '193' && x.copy.text === '200'),
    JSON.stringify(c.changes),
  );
  assert.ok(
    c.evidence!.some((e) => e.startsWith(`the copy credits ${docs.get('013')!.meta.outlet}`)),
    JSON.stringify(c.evidence),
  );
  const original = docs.get('013')!.text;
  const copy = docs.get('014')!.text;
  for (const part of c.extent!) assert.ok(part.original.end <= original.length && part.copy.end <= copy.length);
  assert.ok(c.extent!.length >= 4, `${c.extent!.length} paragraphs shared`);
});

test('realnews-dev copies: the Xinhua English text is a translated copy of the Spanish report a day earlier', { skip }, () => {
  const c = copies.find((x) => pairKey(fileOf.get(x.copyId)!, fileOf.get(x.originalId)!) === '040-041')!;
  assert.ok(c, '040 and 041 are linked');
  assert.deepEqual([fileOf.get(c.copyId), fileOf.get(c.originalId), c.translated], ['041', '040', true]);
});
