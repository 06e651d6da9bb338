/**
 * A folder of evaluation pages as raw items for the ordinary ingest job. Each page opens with `key: value`
 * header lines (url, outlet, date, lang), then a line `---`, then the article text; the header becomes the
 * item's structured metadata, exactly as a feed item's title and date do, and only the text is ingested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { QuipuError } from '../core/errors.ts';
import { isoFromMachineDate } from '../core/iso-date.ts';
import type { RawItem } from '../ingest/extract.ts';
import { canonicalOutlet } from '../ingest/outlets.ts';
import type { SourceEvent } from '../ingest/sources/index.ts';
import type { StructuredMeta } from '../ingest/text-article.ts';

export interface EvalPage {
  /** The page's name without extension (`007`), the key the gold uses. */
  file: string;
  meta: StructuredMeta;
  text: string;
}

const headerLine = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;

/** Splits a page into its header metadata and its text; a page without a `---` line is all text. */
export function readEvalPage(file: string, content: string): EvalPage {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const separator = lines.findIndex((line) => line.trim() === '---');
  // A `---` deep in the text is a rule, not the end of a header: every line above it must be `key: value`.
  if (separator < 0 || !lines.slice(0, separator).every((line) => line.trim() === '' || headerLine.test(line))) return { file, meta: {}, text: content };
  const fields = new Map<string, string>();
  for (const line of lines.slice(0, separator)) {
    const pair = headerLine.exec(line);
    if (pair) fields.set(pair[1]!.toLowerCase(), pair[2]!.trim());
  }
  const meta: StructuredMeta = {};
  // "El Periódico (Tarija), source El Deber": what follows the comma is a note about the page, not its outlet.
  const outlet = fields.get('outlet')?.split(',')[0]?.trim();
  if (outlet) meta.outlet = canonicalOutlet(outlet);
  const date = fields.get('date');
  const published = date ? isoFromMachineDate(date) : null;
  if (published) meta.published = published;
  const language = fields.get('lang') ?? fields.get('language');
  if (language) meta.language = language.toLowerCase().slice(0, 2);
  const url = fields.get('url');
  if (url) meta.canonicalUrl = url;
  return { file, meta, text: lines.slice(separator + 1).join('\n') };
}

/** The pages of a folder (`*.txt`, by name). */
export function readEvalPages(folder: string): EvalPage[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => extname(name) === '.txt')
      .sort();
  } catch (error) {
    throw new QuipuError('E_NOT_FOUND', `${folder} is not a readable folder`, folder, { cause: error });
  }
  if (names.length === 0) throw new QuipuError('E_NOT_FOUND', `${folder} holds no .txt pages`, folder);
  return names.map((name) => readEvalPage(basename(name, '.txt'), readFileSync(join(folder, name), 'utf8')));
}

/** The pages as source events for `ingestItems`; each locator is the page's path, so results name their page. */
export async function* evalPageEvents(folder: string, pages: readonly EvalPage[]): AsyncGenerator<SourceEvent> {
  for (const page of pages) {
    const item: RawItem = {
      locator: resolve(folder, `${page.file}.txt`),
      bytes: Buffer.from(page.text, 'utf8'),
      contentType: 'text/plain',
      charset: 'utf-8',
      structured: page.meta,
    };
    yield { kind: 'item', item };
  }
}
