/**
 * Inputs as the user names them (files, folders, URLs, feeds) to a stream of raw items.
 * A bad input becomes a failure event naming it, and the stream goes on with the rest.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { asQuipuError, QuipuError } from '../../core/errors.ts';
import type { RawItem } from '../extract.ts';
import { type FetchedResource, type FetchOptions, fetchBounded } from './fetch.ts';
import { decodeBytes } from '../decode.ts';
import { hasFullContent, looksLikeFeed, openFeed, type FeedItem, type OpenedFeed } from './feed.ts';

export interface SourceOptions {
  /** Globs a file inside a folder must match (relative to the folder), e.g. `**\/*.html`. */
  include?: string[];
  exclude?: string[];
  allowPrivate?: boolean;
  /** Largest item read, local or fetched. */
  maxBytes?: number;
  fetch?: Partial<FetchOptions>;
}

export type SourceEvent = { kind: 'item'; item: RawItem } | { kind: 'failure'; locator: string; error: QuipuError };

export const defaultMaxBytes = 50 * 1024 * 1024;
const readableExtensions = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.pdf', '.xml', '.rss', '.atom', '.json']);
const feedExtensions = new Set(['.xml', '.rss', '.atom', '.json']);
const skippedFolders = new Set(['node_modules', '.git', '.svn', '.hg']);

/** True for `http:`/`https:` inputs; everything else is a local path. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Yields every raw item (or failure) the inputs hold, in input order and, within a folder, by path. */
export async function* readSources(inputs: readonly string[], options: SourceOptions = {}): AsyncGenerator<SourceEvent> {
  for (const input of inputs) {
    if (isUrl(input)) yield* readUrl(input, options);
    else yield* readPath(resolve(input), options);
  }
}

async function* readPath(path: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    yield { kind: 'failure', locator: path, error: fsError(error, path) };
    return;
  }
  if (info.isDirectory()) {
    yield* readFolder(path, options);
    return;
  }
  if (!info.isFile()) {
    yield { kind: 'failure', locator: path, error: new QuipuError('E_UNSUPPORTED_TYPE', `${path} is not a regular file`, path) };
    return;
  }
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (info.size > maxBytes) {
    yield { kind: 'failure', locator: path, error: tooLarge(path, info.size, maxBytes) };
    return;
  }
  let bytes: Buffer | null;
  try {
    bytes = await readBounded(path, maxBytes);
  } catch (error) {
    yield { kind: 'failure', locator: path, error: fsError(error, path) };
    return;
  }
  const head = feedHead(bytes, null);
  if (looksLikeFeed(head, feedExtensions.has(extname(path).toLowerCase()) ? 'application/xml' : undefined)) {
    const text = feedText(bytes, path, null, head);
    // Read from its text from here on: the bytes of a 50 MB feed need not stay for the whole ingest.
    bytes = null;
    yield* readFeed(text, path, options);
    return;
  }
  yield { kind: 'item', item: { locator: path, bytes, contentType: '', charset: null } };
}

type FolderEntry = { file: string } | { failure: SourceEvent };

/** Files a folder holds that pass the filters, by path, with unreadable subfolders reported in place. */
async function listFolder(folder: string, options: SourceOptions): Promise<FolderEntry[]> {
  const include = options.include?.length ? picomatch(options.include, { dot: false }) : null;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : null;
  const found: FolderEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      found.push({ failure: { kind: 'failure', locator: dir, error: fsError(error, dir) } });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
      const full = join(dir, entry.name);
      const rel = relative(folder, full);
      if (exclude?.(rel)) continue;
      if (entry.isDirectory()) await walk(full);
      else if ((entry.isFile() || entry.isSymbolicLink()) && (include ? include(rel) : readableExtensions.has(extname(entry.name).toLowerCase()))) {
        found.push({ file: full });
      }
    }
  };
  await walk(folder);
  return found;
}

async function* readFolder(folder: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  for (const entry of await listFolder(folder, options)) {
    if ('failure' in entry) yield entry.failure;
    else yield* readPath(entry.file, options);
  }
}

/** How many items the inputs name before feeds are opened: for a progress bar's total. */
export async function countItems(inputs: readonly string[], options: SourceOptions = {}): Promise<number> {
  let count = 0;
  for (const input of inputs) {
    const info = isUrl(input) ? null : await stat(resolve(input)).catch(() => null);
    count += info?.isDirectory() ? (await listFolder(resolve(input), options)).length : 1;
  }
  return count;
}

async function* readUrl(url: string, options: SourceOptions, depth = 0): AsyncGenerator<SourceEvent> {
  let fetched: FetchedResource | null;
  try {
    fetched = await fetchBounded(url, fetchOptions(options));
  } catch (error) {
    yield { kind: 'failure', locator: url, error: asQuipuError(error, url, 'E_NETWORK') };
    return;
  }
  const head = feedHead(fetched.bytes, fetched.charset);
  if (depth === 0 && looksLikeFeed(head, fetched.contentType)) {
    const { url, charset } = fetched;
    const text = feedText(fetched.bytes, url, charset, head);
    fetched = null;
    yield* readFeed(text, url, options);
    return;
  }
  yield { kind: 'item', item: { locator: fetched.url, bytes: fetched.bytes, contentType: fetched.contentType, charset: fetched.charset } };
}

/**
 * The first bytes of what may be a feed, as text: decoded as the byte-order mark or the transport says, so that a
 * UTF-16 feed is known for one; an XML declaration is read from this too.
 */
function feedHead(bytes: Buffer, charset: string | null): string {
  try {
    return decodeBytes(bytes.subarray(0, 4096), 'the head', charset).text;
  } catch {
    return '';
  }
}

/**
 * A feed's text, or the error that it cannot be decoded. The charset comes from the byte-order mark, then the
 * transport, then the XML declaration (`<?xml … encoding="iso-8859-1"?>`); a declaration of UTF-16 in text that
 * reads as ASCII is wrong, since the declaration itself would then be unreadable.
 */
function feedText(bytes: Buffer, locator: string, charset: string | null, head: string): string | QuipuError {
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? null;
  const usable = declared !== null && !/^(?:utf-?16|utf-?32|ucs-?2)/.test(declared) ? declared : null;
  try {
    return decodeBytes(bytes, locator, charset ?? usable).text;
  } catch (error) {
    return asQuipuError(error, locator, 'E_DECODE');
  }
}

/** The feed's items as items to ingest, each parsed only when the ingest asks for it. */
async function* readFeed(text: string | QuipuError, feedUrl: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  let feed: OpenedFeed;
  try {
    if (text instanceof QuipuError) throw text;
    feed = openFeed(text, feedUrl);
  } catch (error) {
    yield { kind: 'failure', locator: feedUrl, error: asQuipuError(error, feedUrl, 'E_FEED') };
    return;
  }
  let index = 0;
  const items = feed.items();
  for (;;) {
    let next: IteratorResult<FeedItem>;
    try {
      next = items.next();
    } catch (error) {
      // The feed was checked whole before its first item; this is a reader's own failure, reported, never thrown.
      yield { kind: 'failure', locator: feedUrl, error: asQuipuError(error, feedUrl, 'E_FEED') };
      return;
    }
    if (next.done) break;
    const entry = next.value;
    index++;
    const structured = feedItemMeta(entry, feed.feed.title, feed.feed.language);
    if (hasFullContent(entry) || !entry.link || !isUrl(entry.link)) {
      const html = entry.contentHtml ?? entry.summary;
      const body = html ? `<html><body><article>${html}</article></body></html>` : (entry.contentText ?? '');
      if (!body.trim()) continue;
      yield {
        kind: 'item',
        item: {
          locator: entry.link ?? `${feedUrl}#item-${index}`,
          bytes: Buffer.from(body, 'utf8'),
          contentType: html ? 'text/html' : 'text/plain',
          charset: 'utf-8',
          structured,
        },
      };
      continue;
    }
    for await (const event of readUrl(entry.link, options, 1)) {
      yield event.kind === 'item' ? { kind: 'item', item: { ...event.item, structured } } : event;
    }
  }
  // A feed of nothing but empty items is not an empty feed: the user should hear that none of it could be read.
  if (index === 0 && feed.itemCount > 0) {
    const count = feed.itemCount.toLocaleString('en');
    yield { kind: 'failure', locator: feedUrl, error: new QuipuError('E_FEED', `${feedUrl}: none of its ${count} items has a link or any content`, feedUrl) };
  }
}

function feedItemMeta(entry: FeedItem, feedTitle: string | null, feedLanguage: string | null) {
  return {
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.authors.length ? { authors: entry.authors } : {}),
    ...(entry.published ? { published: entry.published } : {}),
    ...(entry.link ? { canonicalUrl: entry.link } : {}),
    ...((entry.language ?? feedLanguage) ? { language: (entry.language ?? feedLanguage)!.toLowerCase().slice(0, 2) } : {}),
    ...(feedTitle ? { via: feedTitle } : {}),
  };
}

function fetchOptions(options: SourceOptions): Partial<FetchOptions> {
  return {
    ...options.fetch,
    allowPrivate: options.allowPrivate ?? false,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  };
}

async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    // The size was checked by stat, but a file can grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, total, maxBytes);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, size: number, maxBytes: number): QuipuError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  // "50.0 MB, over the 50.0 MB limit" says nothing: when the rounded sizes agree, the exact bytes tell them apart.
  const [shown, limit] = mb(size) === mb(maxBytes) ? [`${size.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')}-byte`] : [mb(size), mb(maxBytes)];
  return new QuipuError('E_TOO_LARGE', `${path} is ${shown}, over the ${limit} limit (raise it with --max-bytes)`, path);
}

function fsError(error: unknown, path: string): QuipuError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof QuipuError) return error;
  if (code === 'ENOENT') return new QuipuError('E_NOT_FOUND', `${path} does not exist`, path, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new QuipuError('E_UNREADABLE', `${path} cannot be read: permission denied`, path, { cause: error });
  if (code === 'EISDIR') return new QuipuError('E_UNREADABLE', `${path} is a folder`, path, { cause: error });
  return asQuipuError(error, path);
}
