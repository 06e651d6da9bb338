/**
 * One raw item (bytes + where they came from) to the articles it holds, as `Doc`s with
 * metadata, language, content hash and a map back to the decoded raw item.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { ArticleMeta, Doc } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { decodeBytes } from './decode.ts';
import { checkHtmlShape, checkTextSize, defaultHtmlLimits, visibleCharacters } from './html-scan.ts';
import { detectLanguage } from './language.ts';
import { type ArticleDraft, type StructuredMeta, textDrafts } from './text-article.ts';

export interface RawItem {
  /** An absolute path or a URL. */
  locator: string;
  bytes: Uint8Array;
  /** Media type without parameters; '' when unknown. */
  contentType: string;
  charset: string | null;
  /** What the container already said about the article (a feed item's title and date). */
  structured?: StructuredMeta;
}

export type ItemKind = 'html' | 'pdf' | 'text' | 'markdown';

export interface ExtractedItem {
  kind: ItemKind;
  /** The decoded raw item, which every `Doc.sourceMap` points into. */
  raw: string;
  charset: string;
  docs: Doc[];
  warnings: string[];
}

const extensionKinds: Record<string, ItemKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** Which reader an item needs, from its content type, its name, then its first bytes. */
export function itemKind(item: Pick<RawItem, 'locator' | 'contentType' | 'bytes'>): ItemKind {
  const head = Buffer.from(item.bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf-')) return 'pdf';
  const type = item.contentType;
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown') return 'markdown';
  const byName = extensionKinds[extname(item.locator.replace(/[?#].*$/, '')).toLowerCase()];
  if (byName) return byName;
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:head|body)[\s>]/.test(head)) return 'html';
  return 'text';
}

/** Extracts the articles of one item, or throws a QuipuError naming it. */
export async function extractItem(item: RawItem): Promise<ExtractedItem> {
  const kind = itemKind(item);
  const warnings: string[] = [];
  let raw: string;
  let charset: string;
  let drafts: ArticleDraft[];
  if (kind === 'pdf') {
    // pdf.js and jsdom are heavy to load; a pile of plain text never pays for them.
    const { pdfText } = await import('./pdf.ts');
    const pdf = await pdfText(item.bytes, item.locator);
    raw = pdf.text;
    charset = 'pdf';
    checkTextSize(visibleCharacters(raw), item.locator);
    drafts = textDrafts(raw, { ...pdf.meta, ...item.structured });
  } else {
    const declared = item.charset ?? (kind === 'html' ? htmlDeclaredCharset(item.bytes) : null);
    const decoded = decodeBytes(item.bytes, item.locator, declared);
    if (decoded.warning) warnings.push(`${item.locator}: ${decoded.warning}`);
    raw = decoded.text;
    charset = decoded.charset;
    // A page too complex to parse is refused before jsdom is even loaded, and so is a text too long to annotate in
    // bounded time (a page's text is counted by the same scan, whose shape htmlDrafts then uses rather than scan again).
    if (kind === 'html') {
      const shape = checkHtmlShape(raw, item.locator);
      drafts = (await import('./html.ts')).htmlDrafts(raw, item.locator, item.locator, defaultHtmlLimits, shape);
    } else {
      checkTextSize(visibleCharacters(raw), item.locator);
      drafts = textDrafts(raw, item.structured ?? {});
    }
    if (kind === 'html' && item.structured) drafts = drafts.map((d) => ({ ...d, structured: { ...d.structured, ...definedOnly(item.structured!) } }));
  }
  if (drafts.length === 0) throw new QuipuError('E_NO_TEXT', `${item.locator}: no article text found`, item.locator);
  return { kind, raw, charset, docs: drafts.map((draft) => toDoc(draft, item.locator)), warnings };
}

function definedOnly(meta: StructuredMeta): StructuredMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** `<meta charset>` or its http-equiv form, read from the first bytes as ASCII. */
function htmlDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}

/** SHA-256 of the text with Unicode and whitespace normalized, so a re-encoded copy hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex');
}

function toDoc(draft: ArticleDraft, source: string): Doc {
  const pick = <K extends keyof StructuredMeta>(key: K): StructuredMeta[K] | null => {
    const a = draft.structured[key];
    if (a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0)) return a;
    return draft.fromText[key] ?? null;
  };
  const hash = contentHash(draft.text);
  const meta: ArticleMeta = {
    title: pick('title') ?? null,
    outlet: pick('outlet') ?? null,
    authors: pick('authors') ?? [],
    translator: pick('translator') ?? null,
    published: pick('published') ?? null,
    datelinePlace: pick('datelinePlace') ?? null,
    language: detectLanguage(draft.text, pick('language')),
    source,
    via: pick('via') ?? null,
    canonicalUrl: pick('canonicalUrl') ?? null,
    partIndex: draft.partIndex,
    partCount: draft.partCount,
  };
  const messages = [...draft.messages];
  const structuredDate = draft.structured.published;
  const textDate = draft.fromText.published;
  if (structuredDate && textDate && structuredDate !== textDate) {
    messages.push({ start: 0, end: 0, rule: 'metadata:date-conflict', reason: `the page metadata says ${structuredDate} but the text says ${textDate}; kept ${structuredDate}` });
  }
  return { id: hash.slice(0, 16), contentHash: hash, text: draft.text, meta, sourceMap: draft.sourceMap, messages };
}
