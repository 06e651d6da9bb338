/**
 * Plain-text and Markdown items to article drafts: front matter read, stray inline tags dropped,
 * aggregator pages split, boilerplate and header lines cut, every cut kept in the source map.
 */
import type { DocMessage, SourceAnchor } from '../core/doc.ts';
import type { IsoDate } from '../core/iso-date.ts';
import { isoFromMachineDate } from '../core/iso-date.ts';
import { canonicalOutlet } from './outlets.ts';
import { splitArticles } from './split.ts';
import { composeMaps, splitLines, TextBuilder } from './text-builder.ts';
import { readTextMetadata, splitAuthors } from './text-metadata.ts';

/** What a source format knows about an article before its text conventions are read. */
export interface StructuredMeta {
  title?: string | null;
  outlet?: string | null;
  authors?: string[];
  translator?: string | null;
  published?: IsoDate | null;
  language?: string | null;
  canonicalUrl?: string | null;
  via?: string | null;
  datelinePlace?: string | null;
}

export interface ArticleDraft {
  text: string;
  /** From `text` into the decoded raw item. */
  sourceMap: SourceAnchor[];
  structured: StructuredMeta;
  /** What the text's own conventions say; `structured` wins where both speak. */
  fromText: StructuredMeta;
  messages: DocMessage[];
  partIndex: number;
  partCount: number;
}

const inlineTag = /<\/?(?:u|b|i|em|strong|a|span|sup|sub|br|mark|small|font)(?:\s[^<>]{0,300})?\/?>/gi;

/** Drops inline HTML tags that leak into text exports (`<u>third time</u>`), keeping a map back. */
export function stripInlineTags(raw: string): { text: string; map: SourceAnchor[] } {
  const builder = new TextBuilder(raw);
  let last = 0;
  for (const match of raw.matchAll(inlineTag)) {
    builder.copy(last, match.index);
    last = match.index + match[0].length;
  }
  builder.copy(last, raw.length);
  if (builder.anchors.length === 0) builder.anchors.push({ textOffset: 0, rawOffset: 0 });
  return { text: builder.toString(), map: builder.anchors };
}

/** Reads a YAML-style front matter block of `key: value` lines at the top of a Markdown file. */
export function readFrontMatter(text: string): { meta: StructuredMeta; end: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (pair) fields.set(pair[1]!.toLowerCase(), pair[2]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  const list = (value: string | undefined) => (value ? splitAuthors(value.replace(/^\[|\]$/g, '')) : undefined);
  const date = fields.get('date') ?? fields.get('published') ?? fields.get('fecha');
  const meta: StructuredMeta = {};
  const title = fields.get('title') ?? fields.get('titulo') ?? fields.get('título');
  if (title) meta.title = title;
  const outlet = fields.get('outlet') ?? fields.get('publisher') ?? fields.get('source') ?? fields.get('medio');
  if (outlet) meta.outlet = canonicalOutlet(outlet);
  const authors = list(fields.get('author') ?? fields.get('authors') ?? fields.get('autor'));
  if (authors) meta.authors = authors;
  if (fields.get('translator')) meta.translator = fields.get('translator')!;
  if (date) meta.published = isoFromMachineDate(date);
  const language = fields.get('lang') ?? fields.get('language');
  if (language) meta.language = language.toLowerCase().slice(0, 2);
  if (fields.get('url')) meta.canonicalUrl = fields.get('url')!;
  return { meta, end: match[0].length };
}

/** Turns a decoded text or Markdown item into one draft per article it holds. */
export function textDrafts(raw: string, structured: StructuredMeta = {}, baseMap?: SourceAnchor[]): ArticleDraft[] {
  const front = readFrontMatter(raw);
  const { text: base, map } = stripInlineTags(raw);
  const rawMap = baseMap ? composeMaps(map, baseMap, base.length) : map;
  const frontEnd = front ? base.length - (raw.length - front.end) : 0;
  const meta = { ...(front?.meta ?? {}), ...structured };

  const segments = splitArticles(base).map((segment) => ({ ...segment, start: Math.max(segment.start, frontEnd) }));
  let masthead: string | null = null;
  const drafts: ArticleDraft[] = [];
  segments.forEach((segment, index) => {
    const found = readTextMetadata(base, segment.start, segment.end);
    if (index === 0 && segments.length > 1 && found.masthead[0]) masthead = found.masthead[0].text.trim();
    const builder = new TextBuilder(base);
    let dropIndex = 0;
    let pendingBreak = '';
    for (const line of splitLines(base, segment.start, segment.end)) {
      // Keep the parts of the line outside dropped ranges (a header may take only the start of a line).
      let from = line.start;
      let kept = false;
      while (dropIndex < found.drop.length && found.drop[dropIndex]![1] <= line.start) dropIndex++;
      for (let d = dropIndex; d < found.drop.length && found.drop[d]![0] < line.end; d++) {
        const [dropStart, dropEnd] = found.drop[d]!;
        if (dropStart > from) kept = appendTrimmed(builder, base, from, dropStart, pendingBreak) || kept;
        if (kept) pendingBreak = '';
        from = Math.max(from, dropEnd);
      }
      if (from < line.end) kept = appendTrimmed(builder, base, from, line.end, pendingBreak) || kept;
      if (kept) pendingBreak = '\n';
      else if (builder.textLength > 0 && line.text.trim() === '') pendingBreak = '\n\n';
    }
    const text = builder.toString();
    if (text.trim().length === 0) return;
    drafts.push({
      text,
      sourceMap: composeMaps(builder.anchors, rawMap, text.length),
      structured: { ...meta, ...(masthead && segments.length > 1 ? { via: masthead } : {}) },
      fromText: {
        title: found.title,
        outlet: found.outlet,
        authors: found.authors,
        translator: found.translator,
        published: found.published,
        datelinePlace: found.datelinePlace,
      },
      // The lines these messages point at may be cut from the text; they are about the article as a whole.
      messages: found.messages.map(({ rule, reason }) => ({ start: 0, end: 0, rule, reason })),
      partIndex: drafts.length,
      partCount: 0,
    });
  });
  drafts.forEach((draft) => (draft.partCount = drafts.length));
  return drafts;
}

function appendTrimmed(builder: TextBuilder, base: string, start: number, end: number, pendingBreak: string): boolean {
  while (start < end && /[ \t\u00a0]/.test(base[start]!)) start++;
  while (end > start && /\s/.test(base[end - 1]!)) end--;
  if (end <= start) return false;
  if (builder.textLength > 0) builder.insert(pendingBreak || ' ');
  builder.copy(start, end);
  return true;
}
