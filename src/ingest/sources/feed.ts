/**
 * Feeds (RSS 2.0, RSS 1.0/RDF, Atom 1.0, JSON Feed 1.x) read into one item shape. A feed is untrusted input:
 * anything wrong with it is an E_FEED naming the feed URL, and custom DOCTYPE entities are never expanded.
 */
import { SaxesParser } from 'saxes';
import { QuipuError } from '../../core/errors.ts';
import { isoFromMachineDate } from '../../core/iso-date.ts';
import { defaultHtmlLimits } from '../html-scan.ts';

export type FeedKind = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedItem {
  /** guid / atom:id / rdf:about / JSON Feed id. */
  id: string | null;
  /** Entity-decoded plain text. */
  title: string | null;
  /** Absolute http(s) URL, resolved against xml:base, home_page_url or the feed URL. */
  link: string | null;
  /** ISO prefix (see iso-date.ts). */
  published: string | null;
  authors: string[];
  /** The longest full content given as HTML (content:encoded, Atom html/xhtml content, content_html). */
  contentHtml: string | null;
  /** Full content given as plain text (content_text, Atom text content). */
  contentText: string | null;
  /** description / summary; may hold HTML. */
  summary: string | null;
  language: string | null;
}

export interface ParsedFeed {
  kind: FeedKind;
  title: string | null;
  homeUrl: string | null;
  language: string | null;
  items: FeedItem[];
}

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

// Feeds in the wild use `content:` or `dc:` without declaring them; the conventional binding is what they meant.
const conventionalPrefixes: Record<string, string> = {
  atom: NS.atom,
  content: NS.content,
  dc: NS.dc,
  media: NS.media,
  rdf: NS.rdf,
  xhtml: NS.xhtml,
  xml: NS.xml,
};

/** Cheap check on the first bytes + content type: is this a feed rather than an HTML page? */
export function looksLikeFeed(text: string, contentType?: string): boolean {
  const sniffed = sniff(text.slice(0, 4096));
  if (sniffed !== 'unknown') return sniffed === 'feed';
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return feedContentTypes.has(type);
}

const feedContentTypes = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json']);

type Sniffed = 'feed' | 'html' | 'other' | 'unknown';

function sniff(head: string): Sniffed {
  const text = stripBom(head).trimStart();
  if (text.startsWith('{')) {
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1/.test(text) ? 'feed' : 'unknown';
  }
  if (!text.startsWith('<')) return 'other';
  let rest = text;
  // Skip the prolog (declaration, stylesheet PIs, comments, DOCTYPE) to reach the root element's name.
  for (;;) {
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end === -1) return 'unknown';
      rest = rest.slice(end + 2).trimStart();
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end === -1) return 'unknown';
      rest = rest.slice(end + 3).trimStart();
    } else if (/^<!doctype/i.test(rest)) {
      if (/^<!doctype\s+html\b/i.test(rest)) return 'html';
      // An internal subset may hold '>' (in entity values), so its end is the ']' before the closing '>'.
      const end = /^<!doctype[^[>]*(?:\[[\s\S]*?\]\s*)?>/i.exec(rest);
      if (!end) return 'unknown';
      rest = rest.slice(end[0].length).trimStart();
    } else {
      break;
    }
  }
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
  if (!root?.[1]) return rest.length === 0 ? 'unknown' : 'other';
  const local = localName(root[1]).toLowerCase();
  if (local === 'rss' || local === 'feed' || local === 'rdf') return 'feed';
  if (local === 'html' || local === 'head' || local === 'body') return 'html';
  return 'other';
}

/** Parses a whole feed, items included; throws QuipuError('E_FEED', '<feedUrl>: <what is wrong>', feedUrl) when malformed. */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  const opened = openFeed(text, feedUrl);
  return { ...opened.feed, items: [...opened.items()] };
}

/** A feed checked whole and read up to its items, which are then read one at a time. */
export interface OpenedFeed {
  /** The feed's own fields; `items` is empty here. */
  feed: ParsedFeed;
  /** How many item elements the feed holds, usable or not. */
  itemCount: number;
  /** The usable items in feed order, each parsed only when asked for: a feed of 10,000 items never holds more than one. */
  items: () => Iterator<FeedItem> & Iterable<FeedItem>;
}

/**
 * Checks that the whole feed is well-formed and reads its own fields (title, language, authors), without keeping any
 * item; the items are read in a second pass as they are asked for. A malformed feed is E_FEED before any item is
 * read, so a feed broken at its end stores nothing rather than a part.
 */
export function openFeed(text: string, feedUrl: string): OpenedFeed {
  const body = stripBom(text).trim();
  if (body.length === 0) throw feedError(feedUrl, 'is empty, neither XML nor JSON');
  if (body.startsWith('{') || body.startsWith('[')) {
    const { feed, itemCount } = readJsonFeed(body, feedUrl);
    return { feed: { ...feed, items: [] }, itemCount, items: () => feed.items.values() };
  }
  if (!body.startsWith('<')) throw feedError(feedUrl, `is neither XML nor JSON (starts with ${JSON.stringify(body.slice(0, 20))})`);
  // An HTML page is rarely well-formed XML; naming it beats reporting its first unclosed <meta>.
  if (sniff(body.slice(0, 4096)) === 'html') throw feedError(feedUrl, '<html> is not a feed (this is an HTML page)');
  let itemCount = 0;
  let usableCount = 0;
  // Usability does not depend on what an item inherits, so the first pass can tell a feed of empty items at once.
  const root = finish(
    scanXml(body, feedUrl, (el) => {
      itemCount++;
      if (isUsable(el.local === 'entry' ? readAtomEntry(el, el.ns, []) : readRssItem(el, null))) usableCount++;
    }),
  );
  const feed = readFeedRoot(root, feedUrl, itemCount);
  const readItem = itemReader(root, feed);
  return {
    feed,
    itemCount,
    *items() {
      if (usableCount === 0) return;
      const found: XmlEl[] = [];
      const scan = scanXml(body, feedUrl, (el) => found.push(el));
      for (let step = scan.next(); ; step = scan.next()) {
        for (const el of found.splice(0)) {
          const item = readItem(el);
          if (item && isUsable(item)) yield item;
        }
        if (step.done) return;
      }
    },
  };
}

/** The feed's own fields from its tree, which holds no items (they are read one at a time). */
function readFeedRoot(root: XmlEl, feedUrl: string, itemCount: number): ParsedFeed {
  if (root.local === 'rss') return readRss(root, feedUrl);
  if (root.local === 'RDF') return readRdf(root, feedUrl, itemCount);
  if (root.local === 'feed') return readAtom(root);
  throw feedError(feedUrl, `<${root.qname}> is not a feed (expected <rss>, <rdf:RDF> or <feed>)`);
}

/** Turns one item element into a FeedItem, with what it inherits from the feed; null for an element that is not one. */
function itemReader(root: XmlEl, feed: ParsedFeed): (el: XmlEl) => FeedItem | null {
  if (root.local === 'feed') {
    const feedAuthors = atomAuthors(root, root.ns);
    return (el) => readAtomEntry(el, root.ns, feedAuthors);
  }
  if (root.local === 'RDF') {
    const channel = root.children.find((c): c is XmlEl => isEl(c) && c.local === 'channel');
    const core = channel?.ns ?? NS.rss1;
    return (el) => (el.ns === core ? readRssItem(el, feed.language) : null);
  }
  return (el) => readRssItem(el, feed.language);
}

/** True when the item carries enough inline content to be an article without fetching its link (≥ 400 chars of text once tags are stripped). */
export function hasFullContent(item: FeedItem): boolean {
  const html = item.contentHtml ? htmlToText(item.contentHtml).length : 0;
  const text = item.contentText ? collapse(item.contentText).length : 0;
  return Math.max(html, text) >= fullContentChars;
}

// Only contentHtml/contentText count: a summary is a teaser even when long, and callers read the body from those two.
const fullContentChars = 400;

function feedError(feedUrl: string, reason: string, cause?: unknown): QuipuError {
  return new QuipuError('E_FEED', `${feedUrl}: ${reason}`, feedUrl, cause === undefined ? undefined : { cause });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// XML: a streaming parser's events turned into a small namespace-aware tree, one item at a time

interface XmlAttr {
  ns: string;
  local: string;
  value: string;
}

interface XmlEl {
  ns: string;
  local: string;
  qname: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  /** xml:base in effect on this element, already absolute; the feed URL at the root. */
  base: string | null;
  /** xml:lang in effect on this element. */
  lang: string | null;
}

type XmlNode = XmlEl | string;

/**
 * Reports saxes gives on text that is sloppy rather than broken: an undeclared entity (kept as written, so a
 * DOCTYPE's "billion laughs" has nothing to expand), a control character, a bare `&`. Feeds in the wild hold all three.
 */
const toleratedXmlErrors = /undefined entity|disallowed character|malformed character entity|invalid character entity/;

/** Which elements are items, known once the root is open: RSS items of the first channel, Atom entries, RDF items. */
interface ScanState {
  root: XmlEl | null;
  channel: XmlEl | null;
}

function isItemElement(el: XmlEl, parent: XmlEl | undefined, state: ScanState): boolean {
  const root = state.root;
  if (!root || !parent) return false;
  if (root.local === 'rss') return parent === state.channel && el.local === 'item' && el.ns === parent.ns;
  if (root.local === 'RDF') return parent === root && el.local === 'item';
  if (root.local === 'feed') return parent === root && el.local === 'entry' && el.ns === root.ns;
  return false;
}

interface OpenElement {
  el: XmlEl;
  scope: ReadonlyMap<string, string>;
  /** Not attached to its parent: an item, handed to `onItem` when it closes. */
  item: boolean;
}

/**
 * One pass over the feed's XML with a streaming parser. Builds the tree of everything but the items, and hands each
 * item's subtree to `onItem` as it closes, so that no more than one item is ever held. Feeds the text in slices and
 * calls `between` after each, which is where a caller drains the items found so far.
 * Throws E_FEED on XML that is not well-formed.
 */
function* scanXml(body: string, feedUrl: string, onItem: (el: XmlEl) => void): Generator<void, XmlEl> {
  const state: ScanState = { root: null, channel: null };
  const stack: OpenElement[] = [];
  const rootBase = absoluteUrl(feedUrl, null);
  const maxDepth = defaultHtmlLimits.maxDepth;
  let failure: Error | null = null;
  let failureLine = 0;
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  // The five of XML and the HTML names feeds copy from pages; anything a DOCTYPE declares stays unknown.
  parser.ENTITIES = Object.fromEntries(namedEntities);
  parser.on('error', (error) => {
    if (failure || toleratedXmlErrors.test(error.message)) return;
    failure = error;
    failureLine = parser.line;
  });
  const addText = (text: string) => {
    const open = stack[stack.length - 1];
    if (!open) return;
    const children = open.el.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += text;
    else children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('opentag', (tag) => {
    // Items become HTML pages, under the same depth limit; the readers below walk the tree recursively, too.
    if (stack.length >= maxDepth && !failure) {
      failure = new QuipuError('E_TOO_COMPLEX', `${feedUrl}: elements nest more than ${maxDepth} deep (QUIPU_HTML_MAX_DEPTH)`, feedUrl);
      failureLine = parser.line;
    }
    const parent = stack[stack.length - 1];
    const { el, scope } = makeElement(tag.name, tag.attributes, parent?.scope ?? new Map(), parent ? parent.el.base : rootBase, parent?.el.lang ?? null);
    const item = isItemElement(el, parent?.el, state);
    if (!parent) state.root = el;
    else if (!item) parent.el.children.push(el);
    if (parent && parent.el === state.root && state.channel === null && el.local === 'channel') state.channel = el;
    stack.push({ el, scope, item });
  });
  parser.on('closetag', () => {
    const open = stack.pop();
    if (open?.item) onItem(open.el);
  });
  const slice = 1 << 16;
  try {
    for (let at = 0; at < body.length && !failure; at += slice) {
      // A slice never ends inside a surrogate pair, which the parser would read as two broken characters.
      let end = Math.min(body.length, at + slice);
      if (end < body.length && isHighSurrogate(body.charCodeAt(end - 1))) end++;
      parser.write(body.slice(at, end));
      if (end !== at + slice) at = end - slice;
      yield;
    }
    if (!failure) parser.close();
  } catch (error) {
    if (!failure) {
      failure = error instanceof Error ? error : new Error(String(error));
      failureLine = parser.line;
    }
  }
  if (failure instanceof QuipuError) throw failure;
  if (failure) throw feedError(feedUrl, `XML is not well-formed at line ${failureLine}: ${xmlReason(failure)}`, failure);
  if (!state.root) throw feedError(feedUrl, 'XML has no root element');
  return state.root;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** saxes prefixes its messages with the place ("1:23: "); the line is said once, by the caller. */
function xmlReason(error: Error): string {
  return error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
}

/** Runs a scan to its end. */
function finish<T>(scan: Generator<void, T>): T {
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function makeElement(qname: string, rawAttrs: Record<string, string>, scope: ReadonlyMap<string, string>, base: string | null, lang: string | null): { el: XmlEl; scope: ReadonlyMap<string, string> } {
  let inner: Map<string, string> | null = null;
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      inner ??= new Map(scope);
      inner.set(name === 'xmlns' ? '' : name.slice(6), value.trim());
    }
  }
  const here = inner ?? scope;
  const attrs: XmlAttr[] = [];
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    // Unprefixed attributes belong to no namespace, whatever the default namespace is.
    const prefixed = name.includes(':');
    attrs.push({ ns: prefixed ? resolvePrefix(prefixOf(name), here) : '', local: localName(name), value });
  }
  const ownBase = attrs.find((a) => a.ns === NS.xml && a.local === 'base')?.value;
  const ownLang = attrs.find((a) => a.ns === NS.xml && a.local === 'lang')?.value.trim();
  const el: XmlEl = {
    ns: resolvePrefix(qname.includes(':') ? prefixOf(qname) : '', here),
    local: localName(qname),
    qname,
    attrs,
    children: [],
    base: ownBase === undefined ? base : absoluteUrl(ownBase, base),
    lang: ownLang ? ownLang : lang,
  };
  return { el, scope: here };
}

function resolvePrefix(prefix: string, scope: ReadonlyMap<string, string>): string {
  if (prefix === 'xml') return NS.xml;
  return scope.get(prefix) ?? conventionalPrefixes[prefix] ?? (prefix === '' ? '' : `urn:undeclared:${prefix}`);
}

function prefixOf(qname: string): string {
  return qname.slice(0, qname.indexOf(':'));
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEl(node: XmlNode): node is XmlEl {
  return typeof node !== 'string';
}

function kids(el: XmlEl | undefined, ns: string, local: string): XmlEl[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlEl => isEl(c) && c.local === local && c.ns === ns);
}

function kid(el: XmlEl | undefined, ns: string, local: string): XmlEl | undefined {
  return kids(el, ns, local)[0];
}

function attr(el: XmlEl, local: string, ns = ''): string | null {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value ?? null;
}

/** All descendant text, as the XML says it (entities already decoded by the parser). */
function textOf(el: XmlEl | undefined): string {
  if (!el) return '';
  let out = '';
  for (const child of el.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

function plain(el: XmlEl | undefined): string | null {
  return nonEmpty(collapse(textOf(el)));
}

/**
 * The HTML a field holds. Escaped or CDATA HTML arrives as text and is the HTML itself; raw child elements
 * (unescaped markup some feeds emit, or Atom xhtml) are serialized back.
 */
function markupOf(el: XmlEl | undefined): string | null {
  if (!el) return null;
  const hasElements = el.children.some(isEl);
  return nonEmpty((hasElements ? serializeChildren(el) : textOf(el)).trim());
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function serializeChildren(el: XmlEl): string {
  let out = '';
  for (const child of el.children) {
    if (typeof child === 'string') {
      out += escapeHtml(child);
      continue;
    }
    const attrs = child.attrs.map((a) => ` ${a.local}="${escapeHtml(a.value).replace(/"/g, '&quot;')}"`).join('');
    out += child.children.length === 0 && voidElements.has(child.local) ? `<${child.local}${attrs}>` : `<${child.local}${attrs}>${serializeChildren(child)}</${child.local}>`;
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------------------------
// RSS 2.0 and RSS 1.0 (RDF)

function readRss(root: XmlEl, feedUrl: string): ParsedFeed {
  const channel = root.children.find((c): c is XmlEl => isEl(c) && c.local === 'channel');
  if (!channel) throw feedError(feedUrl, '<rss> has no <channel>');
  return {
    kind: 'rss',
    title: titleText(kid(channel, channel.ns, 'title')),
    homeUrl: rssLink(channel),
    language: plain(kid(channel, channel.ns, 'language')) ?? plain(kid(channel, NS.dc, 'language')) ?? channel.lang,
    items: [],
  };
}

function readRdf(root: XmlEl, feedUrl: string, itemCount: number): ParsedFeed {
  const channel = root.children.find((c): c is XmlEl => isEl(c) && c.local === 'channel');
  const core = channel?.ns ?? NS.rss1;
  if (!channel && itemCount === 0) throw feedError(feedUrl, '<rdf:RDF> holds neither <channel> nor <item>');
  const language = plain(kid(channel, NS.dc, 'language')) ?? plain(kid(channel, core, 'language')) ?? channel?.lang ?? root.lang;
  return {
    kind: 'rdf',
    title: titleText(kid(channel, core, 'title')),
    homeUrl: channel ? rssLink(channel) : null,
    language,
    items: [],
  };
}

function readRssItem(item: XmlEl, feedLanguage: string | null): FeedItem {
  const core = item.ns;
  const guid = kid(item, core, 'guid');
  const id = plain(guid) ?? nonEmpty(attr(item, 'about', NS.rdf)?.trim()) ?? plain(kid(item, NS.dc, 'identifier'));
  let link = rssLink(item);
  // RSS says a guid is a permalink unless isPermaLink="false".
  if (link === null && guid && attr(guid, 'isPermaLink')?.trim() !== 'false') link = absoluteHttpUrl(textOf(guid).trim(), null);
  const contentHtml = longest(kids(item, NS.content, 'encoded').map(markupOf));
  const authors = [
    ...kids(item, NS.dc, 'creator').map((el) => textOf(el)),
    ...kids(item, core, 'author').map((el) => textOf(el)),
    ...kids(item, NS.atom, 'author').map((el) => textOf(kid(el, NS.atom, 'name'))),
  ];
  return {
    id,
    title: titleText(kid(item, core, 'title')) ?? titleText(kid(item, NS.media, 'title')),
    link,
    published: firstDate([kid(item, core, 'pubDate'), kid(item, NS.dc, 'date'), kid(item, NS.atom, 'published'), kid(item, NS.atom, 'updated')]),
    authors: cleanAuthors(authors),
    contentHtml,
    contentText: null,
    summary: markupOf(kid(item, core, 'description')) ?? markupOf(kid(item, NS.media, 'description')),
    language: plain(kid(item, NS.dc, 'language')) ?? nonEmpty(attr(item, 'lang', NS.xml)?.trim()) ?? feedLanguage,
  };
}

/** The channel's or item's own `<link>`, else an atom:link that points at the page rather than the feed. */
function rssLink(el: XmlEl): string | null {
  for (const link of kids(el, el.ns, 'link')) {
    const url = absoluteHttpUrl(textOf(link).trim(), link.base) ?? absoluteHttpUrl(attr(link, 'href')?.trim() ?? '', link.base);
    if (url) return url;
  }
  return atomLink(kids(el, NS.atom, 'link'), false);
}

/** RSS titles are ambiguous about HTML; feeds escape it, so decoding entities and dropping tags gives the text. */
function titleText(el: XmlEl | undefined): string | null {
  return el ? nonEmpty(htmlToText(textOf(el))) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Atom 1.0 (and the 0.3 draft, which uses the same names)

function readAtom(root: XmlEl): ParsedFeed {
  const ns = root.ns;
  return {
    kind: 'atom',
    title: atomText(kid(root, ns, 'title')),
    homeUrl: atomLink(kids(root, ns, 'link'), false),
    language: root.lang,
    items: [],
  };
}

function readAtomEntry(entry: XmlEl, ns: string, feedAuthors: string[]): FeedItem {
  const authors = atomAuthors(entry, ns);
  const contents = kids(entry, ns, 'content').map(atomContent);
  const summaryEl = kid(entry, ns, 'summary');
  return {
    id: plain(kid(entry, ns, 'id')),
    title: atomText(kid(entry, ns, 'title')),
    link: atomLink(kids(entry, ns, 'link'), true),
    published: firstDate([kid(entry, ns, 'published'), kid(entry, ns, 'issued'), kid(entry, ns, 'updated'), kid(entry, ns, 'modified'), kid(entry, NS.dc, 'date')]),
    // Atom: an entry without its own author inherits the feed's.
    authors: authors.length > 0 ? authors : feedAuthors,
    contentHtml: longest(contents.map((c) => c.html)),
    contentText: longest(contents.map((c) => c.text)),
    summary: summaryEl ? (atomType(summaryEl) === 'text' ? nonEmpty(textOf(summaryEl).trim()) : markupOf(xhtmlBody(summaryEl))) : null,
    language: entry.lang,
  };
}

function atomAuthors(el: XmlEl, ns: string): string[] {
  return cleanAuthors(kids(el, ns, 'author').map((a) => textOf(kid(a, ns, 'name')) || textOf(kid(a, ns, 'email'))));
}

type AtomType = 'text' | 'html' | 'xhtml' | 'other';

function atomType(el: XmlEl): AtomType {
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  // Atom 0.3 marks inline XML with mode="xml" and escaped HTML with mode="escaped".
  const mode = attr(el, 'mode')?.trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') return 'xhtml';
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'text' || type === 'text/plain') return 'text';
  return 'other';
}

/** Atom xhtml content is wrapped in one xhtml:div that is not part of the content. */
function xhtmlBody(el: XmlEl): XmlEl {
  if (atomType(el) !== 'xhtml') return el;
  const elements = el.children.filter(isEl);
  const only = elements[0];
  const strayText = el.children.some((c) => typeof c === 'string' && c.trim() !== '');
  return elements.length === 1 && only?.local === 'div' && !strayText ? only : el;
}

function atomContent(el: XmlEl): { html: string | null; text: string | null } {
  // Out-of-line content (src=…) lives elsewhere; base64 media types are not article text.
  if (attr(el, 'src') !== null) return { html: null, text: null };
  const type = atomType(el);
  if (type === 'html' || type === 'xhtml') return { html: markupOf(xhtmlBody(el)), text: null };
  if (type === 'text') return { html: null, text: nonEmpty(textOf(el).trim()) };
  return { html: null, text: null };
}

function atomText(el: XmlEl | undefined): string | null {
  if (!el) return null;
  const type = atomType(el);
  if (type === 'html') return nonEmpty(htmlToText(textOf(el)));
  return nonEmpty(collapse(decodeEntities(textOf(el))));
}

/**
 * The page an entry is about: rel="alternate" (the default rel) first, then rel="self"; enclosures, replies and
 * edit links are never the article.
 */
function atomLink(links: XmlEl[], allowSelf: boolean): string | null {
  const rank = (link: XmlEl): number => {
    const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
    if (rel === 'alternate' || rel === 'http://www.iana.org/assignments/relation/alternate') {
      const type = attr(link, 'type')?.trim().toLowerCase();
      return type === undefined || type === 'text/html' || type === 'application/xhtml+xml' ? 0 : 1;
    }
    return rel === 'self' && allowSelf ? 2 : -1;
  };
  let best: string | null = null;
  let bestRank = Infinity;
  for (const link of links) {
    const r = rank(link);
    if (r < 0 || r >= bestRank) continue;
    const url = absoluteHttpUrl(attr(link, 'href')?.trim() ?? '', link.base);
    if (url) {
      best = url;
      bestRank = r;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Feed 1.0 / 1.1

const jsonFeedVersion = /^https?:\/\/jsonfeed\.org\/version\/1(?:\.1)?\/?$/;

/** A JSON Feed is parsed whole (JSON has no cheap way to stop between items); `itemCount` counts the unusable too. */
function readJsonFeed(body: string, feedUrl: string): { feed: ParsedFeed; itemCount: number } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw feedError(feedUrl, `is not valid JSON: ${messageOf(error)}`, error);
  }
  if (!isRecord(data)) throw feedError(feedUrl, 'JSON is not a JSON Feed (the top level is not an object)');
  const version = data['version'];
  if (typeof version !== 'string' || !jsonFeedVersion.test(version.trim())) {
    const found = typeof version === 'string' ? JSON.stringify(version.slice(0, 60)) : 'missing';
    throw feedError(feedUrl, `JSON is not a JSON Feed (version is ${found}, expected https://jsonfeed.org/version/1 or /1.1)`);
  }
  const rawItems = data['items'];
  if (!Array.isArray(rawItems)) throw feedError(feedUrl, 'JSON Feed has no items array');
  const base = absoluteUrl(str(data['home_page_url']) ?? '', absoluteUrl(feedUrl, null)) ?? absoluteUrl(feedUrl, null);
  const language = str(data['language']);
  const feedAuthors = jsonAuthors(data);
  const items: FeedItem[] = [];
  for (const raw of rawItems) {
    if (!isRecord(raw)) continue;
    const id = raw['id'];
    const authors = jsonAuthors(raw);
    const item: FeedItem = {
      id: typeof id === 'number' && Number.isFinite(id) ? String(id) : str(id),
      title: nonEmpty(collapse(decodeEntities(str(raw['title']) ?? ''))),
      link: absoluteHttpUrl(str(raw['url']) ?? '', base) ?? absoluteHttpUrl(str(raw['external_url']) ?? '', base),
      published: dateOf(str(raw['date_published'])) ?? dateOf(str(raw['date_modified'])),
      authors: authors.length > 0 ? authors : feedAuthors,
      contentHtml: str(raw['content_html']),
      contentText: str(raw['content_text']),
      summary: str(raw['summary']),
      language: str(raw['language']) ?? language,
    };
    if (isUsable(item)) items.push(item);
  }
  const feed: ParsedFeed = {
    kind: 'json',
    title: nonEmpty(collapse(decodeEntities(str(data['title']) ?? ''))),
    homeUrl: absoluteHttpUrl(str(data['home_page_url']) ?? '', absoluteUrl(feedUrl, null)),
    language,
    items,
  };
  return { feed, itemCount: rawItems.length };
}

/** JSON Feed 1.1 `authors`, falling back to 1.0's single `author`. */
function jsonAuthors(record: Record<string, unknown>): string[] {
  const list = Array.isArray(record['authors']) ? record['authors'] : [record['author']];
  return cleanAuthors(list.map((a) => (isRecord(a) ? (str(a['name']) ?? '') : '')));
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? nonEmpty(value.trim()) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared field helpers

function isUsable(item: FeedItem): boolean {
  return item.link !== null || item.contentHtml !== null || item.contentText !== null || item.summary !== null;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function longest(values: (string | null)[]): string | null {
  let best: string | null = null;
  for (const value of values) if (value !== null && (best === null || value.length > best.length)) best = value;
  return best;
}

function dateOf(raw: string | null): string | null {
  return raw ? isoFromMachineDate(raw) : null;
}

function firstDate(els: (XmlEl | undefined)[]): string | null {
  for (const el of els) {
    const date = el ? dateOf(textOf(el).trim()) : null;
    if (date) return date;
  }
  return null;
}

/** RSS `<author>` is an address: `ana@example.org (Ana Lima)` means Ana Lima. */
function authorName(raw: string): string {
  const text = collapse(raw);
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  if (paren?.[1]) return paren[1].trim();
  const angled = /^(.+?)\s*<\S+@\S+>$/.exec(text);
  if (angled?.[1]) return angled[1].replace(/^"(.*)"$/, '$1').trim();
  return text;
}

function cleanAuthors(raw: string[]): string[] {
  const seen = new Set<string>();
  for (const value of raw) {
    const name = authorName(decodeEntities(value));
    if (name !== '') seen.add(name);
  }
  return [...seen];
}

function absoluteUrl(href: string, base: string | null): string | null {
  if (href.trim() === '') return base;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

/** Only http(s) links are articles; a `javascript:` or `mailto:` link is not something to fetch. */
function absoluteHttpUrl(href: string, base: string | null): string | null {
  if (href.trim() === '') return null;
  const url = absoluteUrl(href, base);
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML text and entities

const blockTags = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** Tags out, entities decoded, whitespace collapsed; a linear scan because feed HTML can be hostile. */
function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  // The next '>' is found once and reused, so a run of '<' that opens no tag does not rescan the rest.
  let nextGt = html.indexOf('>');
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)|^<[!?]/.exec(html.slice(lt, lt + 64));
    if (nextGt !== -1 && nextGt < lt) nextGt = html.indexOf('>', lt);
    if (!tag || nextGt === -1) {
      // A '<' that opens no tag is text ("a < b").
      out += '<';
      i = lt + 1;
      continue;
    }
    const name = tag[2]?.toLowerCase() ?? '';
    i = nextGt + 1;
    if (tag[1] === '' && (name === 'script' || name === 'style')) {
      const close = lower.indexOf(`</${name}`, i);
      const end = close === -1 ? -1 : html.indexOf('>', close);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    if (blockTags.has(name)) out += ' ';
  }
  return collapse(decodeEntities(out));
}

// Latin-1 names in code-point order from U+00A0; the rest are the typographic ones feeds actually use.
const latin1Names =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml';

const namedEntities: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ...latin1Names.split(' ').map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ...Object.entries({
    OElig: 338,
    oelig: 339,
    Scaron: 352,
    scaron: 353,
    Yuml: 376,
    fnof: 402,
    circ: 710,
    tilde: 732,
    ensp: 8194,
    emsp: 8195,
    thinsp: 8201,
    zwnj: 8204,
    zwj: 8205,
    lrm: 8206,
    rlm: 8207,
    ndash: 8211,
    mdash: 8212,
    lsquo: 8216,
    rsquo: 8217,
    sbquo: 8218,
    ldquo: 8220,
    rdquo: 8221,
    bdquo: 8222,
    dagger: 8224,
    Dagger: 8225,
    bull: 8226,
    hellip: 8230,
    permil: 8240,
    prime: 8242,
    Prime: 8243,
    lsaquo: 8249,
    rsaquo: 8250,
    oline: 8254,
    frasl: 8260,
    euro: 8364,
    trade: 8482,
    larr: 8592,
    uarr: 8593,
    rarr: 8594,
    darr: 8595,
    harr: 8596,
    minus: 8722,
    infin: 8734,
    asymp: 8776,
    ne: 8800,
    le: 8804,
    ge: 8805,
  }).map(([name, code]): [string, string] => [name, String.fromCharCode(code)]),
]);

/** One pass, so `&amp;lt;` becomes `&lt;`, never `<`; unknown names stay as written. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return namedEntities.get(name) ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}
