/**
 * Readable article text out of an HTML page: metadata from meta tags and JSON-LD `NewsArticle`,
 * the body from Readability (or each `<article>` when a page holds several), and a source map from
 * every character of the clean text back to its place in the raw page.
 */
import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import type { SourceAnchor } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { isoFromMachineDate } from '../core/iso-date.ts';
import { type NodeLocation, type PageDocument, type PageElement, type PageNode, type PageText, type PageTree, parsePage } from './html-dom.ts';
import { parseLightPage } from './html-light.ts';
import { checkHtmlShape, defaultHtmlLimits, type HtmlLimits, type HtmlShape, readabilityFits, withoutInertRuns } from './html-scan.ts';
import { canonicalOutlet } from './outlets.ts';
import type { ArticleDraft, StructuredMeta } from './text-article.ts';
import { textDrafts } from './text-article.ts';

const blockTags = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'UL',
]);
const skippedTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'SELECT', 'TEXTAREA', 'HEAD']);
const furnitureTags = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM']);
const furnitureRoles = new Set(['navigation', 'complementary']);

/**
 * Navigation, share bars, cookie notices and related-article boxes. Tested by hand rather than with a CSS
 * selector: jsdom's selector engine took 15 s over a 50,000-element page, this walk takes milliseconds.
 */
function isFurniture(element: PageElement): boolean {
  if (furnitureTags.has(element.tagName.toUpperCase())) return true;
  const role = element.getAttribute('role');
  if (role !== null && furnitureRoles.has(role)) return true;
  const className = element.getAttribute('class');
  if (className !== null && (className.includes('share') || className.includes('cookie') || className.includes('related'))) return true;
  const id = element.getAttribute('id');
  return id !== null && (id.includes('cookie') || id.includes('related'));
}

/** Removes the furniture under `root`, in one walk that never descends into what it removes. */
function removeFurniture(root: PageElement): void {
  // Sibling pointers, not `children[k]`: jsdom's HTMLCollection indexing goes through a proxy that took 22 s here.
  const found: PageElement[] = [];
  let element = root.firstElementChild;
  while (element && element !== root) {
    const furniture = isFurniture(element);
    if (furniture) found.push(element);
    if (!furniture && element.firstElementChild) {
      element = element.firstElementChild;
      continue;
    }
    while (element && element !== root && !element.nextElementSibling) element = element.parentElement;
    element = element && element !== root ? element.nextElementSibling : null;
  }
  for (const item of found) item.remove();
}

/**
 * Elements by tag name in document order, without the selector engine (see isFurniture): what `getElementsByTagName`
 * gives for a lower-case name in an HTML document, the elements of that local name.
 */
function byTag(root: PageDocument | PageElement, tag: string): PageElement[] {
  return elementsNamed(root, new Set([tag]));
}

/**
 * Readability with its element query (`_getAllNodesWithTag`, a `querySelectorAll` of tag names) made a walk over the
 * node's descendants. jsdom answers each query through nwsapi, which builds a live HTMLCollection for every tag name,
 * copying the subtree into an array; Readability asks once per paragraph (for its images and embeds) and once per
 * candidate it cleans, so a page of 8,000 paragraphs spent 0.4 s of its 1.26 s of Readability CPU there. The walk
 * returns the same elements in the same (document) order: a type selector matches an element's local name, in lower
 * case as Readability writes its tag names, and neither looks inside a `<template>`'s content. Readability's other
 * methods are its own; html.test.ts compares its result with the stock class's on varied pages.
 */
export class WalkingReadability extends Readability<Node> {
  _getAllNodesWithTag(node: Document | Element, tagNames: readonly string[]): Element[] {
    return elementsNamed<Element>(node, new Set(tagNames.map((name) => name.toLowerCase())));
  }
}

/** Descendant elements of `root` whose local name is in `names`, in document order, by sibling pointers (see removeFurniture). */
function elementsNamed<E extends PageElement>(root: PageDocument | PageElement, names: ReadonlySet<string>): E[] {
  const found: E[] = [];
  let element = root.firstElementChild;
  while (element) {
    if (names.has(element.localName)) found.push(element as E);
    if (element.firstElementChild) {
      element = element.firstElementChild;
      continue;
    }
    while (element && !element.nextElementSibling) {
      const parent: PageElement | null = element.parentElement;
      element = parent === root ? null : parent;
    }
    element = element?.nextElementSibling ?? null;
  }
  return found;
}

/** Smallest `<article>` element that counts as one article of a multi-article page. */
const minPartLength = 300;

/**
 * Extracts one draft per article in the page (usually one); refuses a page too deep or too large to parse
 * in bounded time with E_TOO_COMPLEX, and reads a merely complex one without Readability. `checked` is the shape a
 * caller already had `checkHtmlShape` measure under these limits, so the page is not scanned twice.
 */
export function htmlDrafts(html: string, item: string, pageUrl?: string, limits: HtmlLimits = defaultHtmlLimits, checked?: HtmlShape): ArticleDraft[] {
  const shape = checked ?? checkHtmlShape(html, item, limits);
  // Readability's cleaning passes are quadratic or worse in depth: a page this complex is read as its whole body, from
  // the plain tree (jsdom's DOM is for Readability).
  // Parsed without the text of its large scripts and styles (nothing reads it), each node's location mapped back to the page.
  const lighter = withoutInertRuns(html, shape.inert);
  const located = (tree: PageTree): PageTree => (shape.inert.length === 0 ? tree : { document: tree.document, location: (node) => mapLocation(tree.location(node), lighter.toPage) });
  const parseLight = () => located(parseLightPage(lighter.html));
  if (!readabilityFits(shape, limits)) return pageDrafts(parseLight(), html, item);
  return pageDrafts(located(parsePage(lighter.html, pageUrl?.startsWith('http') ? pageUrl : undefined)), html, item, readable, parseLight);
}

function mapLocation(location: NodeLocation | null, toPage: (offset: number) => number): NodeLocation | null {
  return location && { startOffset: toPage(location.startOffset), endOffset: toPage(location.endOffset) };
}

/** Readability's article, read from the page it rewrote, with the metadata it found; null when it found nothing. */
type ArticleReader = (dom: PageTree, html: string, meta: StructuredMeta) => { drafts: ArticleDraft[] | null; meta: StructuredMeta };

const readable: ArticleReader = (dom, html, pageMeta) => {
  // Readability moves the page's own text nodes into its result, so they keep their source locations.
  const article = new WalkingReadability(dom.document as Document, { serializer: (el) => el, charThreshold: 200 }).parse();
  const content = article?.content as unknown as Element | undefined;
  const meta: StructuredMeta = {
    ...pageMeta,
    title: pageMeta.title ?? (article?.title?.trim() || null),
    authors: pageMeta.authors?.length ? pageMeta.authors : article?.byline ? [article.byline] : [],
  };
  if (!content || (content.textContent ?? '').trim().length === 0) return { drafts: null, meta };
  const drafts = fromElement(dom, html, content, meta);
  return { drafts: drafts.length > 0 ? drafts : null, meta };
};

/**
 * The drafts of a parsed page: one per `<article>` of a page that holds several, else what `reader` finds, else the
 * page's whole body. Exported for html.test.ts, which reads pages both from jsdom's DOM and from the plain tree.
 */
export function pageDrafts(dom: PageTree, html: string, item: string, reader?: ArticleReader, parseAgain: () => PageTree = () => parseLightPage(html)): ArticleDraft[] {
  const document = dom.document;
  const pageMeta = readHtmlMeta(document);

  const parts = byTag(document, 'article').filter((article) => !insideArticle(article) && textOutsideCode(article).trim().length >= minPartLength);
  if (parts.length >= 2) {
    return parts.flatMap((part, index) => {
      removeFurniture(part);
      const heading = elementsNamed(part, headingNames)[0];
      const drafts = fromElement(dom, html, part, { ...pageMeta, title: heading?.textContent?.trim() ?? null, canonicalUrl: null });
      return drafts.map((draft) => ({ ...draft, partIndex: index, partCount: parts.length }));
    });
  }
  if (!reader) return bodyDrafts(dom, html, item, pageMeta);
  const read = reader(dom, html, pageMeta);
  // Readability found nothing and may have rewritten the page: start again from the raw HTML.
  return read.drafts ?? bodyDrafts(parseAgain(), html, item, read.meta);
}

const headingNames: ReadonlySet<string> = new Set(['h1', 'h2', 'h3']);

/**
 * An element's text without that of its scripts and styles: what it says, whether or not a page's large scripts were
 * left out of its parse (`withoutInertRuns`), so that a script alone does not make an `<article>` long enough to count.
 */
function textOutsideCode(element: PageElement): string {
  let text = '';
  for (const child of element.childNodes) {
    if (child.nodeType === 3) text += (child as PageText).data;
    else if (child.nodeType === 1 && !codeTags.has((child as PageElement).tagName)) text += textOutsideCode(child as PageElement);
  }
  return text;
}

const codeTags: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE']);

/** Whether an element has an `<article>` among its ancestors (its `closest('article')` from its parent). */
function insideArticle(element: PageElement): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) if (parent.localName === 'article') return true;
  return false;
}

/** The page's whole body without navigation and other furniture: the reading when Readability does not apply. */
function bodyDrafts(dom: PageTree, html: string, item: string, meta: StructuredMeta): ArticleDraft[] {
  const body = dom.document.body;
  if (!body) throw new QuipuError('E_NO_TEXT', `${item}: the page has no body`, item);
  removeFurniture(body);
  const drafts = fromElement(dom, html, body, meta);
  if (drafts.length === 0) throw new QuipuError('E_NO_TEXT', `${item}: no readable text in the page`, item);
  return drafts;
}

/** Walks an element's text in reading order into a clean text with a map to the raw page. */
function fromElement(dom: PageTree, html: string, root: PageElement, meta: StructuredMeta): ArticleDraft[] {
  const out: string[] = [];
  const anchors: SourceAnchor[] = [];
  let length = 0;
  let lastRaw = -2;
  let pendingSpace = false;
  let pendingBlock = false;
  const locate = locator(dom, html);

  const emit = (char: string, raw: number | null) => {
    if (raw !== null && raw !== lastRaw + 1) anchors.push({ textOffset: length, rawOffset: raw });
    lastRaw = raw ?? -2;
    out.push(char);
    length += char.length;
  };
  const nonSpace = /\S+/g;
  const walk = (node: PageNode) => {
    if (node.nodeType === 3) {
      const data = (node as PageText).data;
      const rawOffsets = locate(node as PageText);
      // Run by run of non-space characters, each added as one string (a megabyte-long text node one character at a
      // time took seconds); an anchor still starts wherever a character's raw offset does not follow the previous one.
      let previous = 0;
      nonSpace.lastIndex = 0;
      for (let match = nonSpace.exec(data); match; match = nonSpace.exec(data)) {
        const from = match.index;
        const to = from + match[0].length;
        if (from > previous) pendingSpace = true;
        if (length > 0 && pendingBlock) {
          emit('\n', null);
          emit('\n', null);
        } else if (length > 0 && pendingSpace) emit(' ', null);
        pendingBlock = false;
        pendingSpace = false;
        if (typeof rawOffsets === 'number') {
          // A run copied as is from the page: only its first character can start an anchor.
          if (rawOffsets + from !== lastRaw + 1) anchors.push({ textOffset: length, rawOffset: rawOffsets + from });
          lastRaw = rawOffsets + to - 1;
        } else {
          for (let i = from; i < to; i++) {
            const raw = rawOffsets?.[i] ?? null;
            if (raw !== null && raw !== lastRaw + 1) anchors.push({ textOffset: length + (i - from), rawOffset: raw });
            lastRaw = raw ?? -2;
          }
        }
        out.push(match[0]);
        length += to - from;
        previous = to;
      }
      if (data.length > previous) pendingSpace = true;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as PageElement;
    if (skippedTags.has(element.tagName.toUpperCase())) return;
    const block = blockTags.has(element.tagName.toUpperCase());
    if (block) pendingBlock = true;
    for (const child of element.childNodes) walk(child);
    if (block) pendingBlock = true;
  };
  walk(root);
  const text = out.join('');
  if (text.trim().length === 0) return [];
  if (anchors.length === 0 || anchors[0]!.textOffset !== 0) anchors.unshift({ textOffset: 0, rawOffset: anchors[0]?.rawOffset ?? 0 });
  // The text's own conventions (a byline paragraph, boilerplate lines) are read the same way as for plain text.
  return textDrafts(text, meta, anchors).map((draft) => ({ ...draft, partIndex: 0, partCount: 1 }));
}

/**
 * Raw page offsets of each character of a text node, or (a number) the offset of its first character when the node is
 * its raw slice as is, character for character (no reference, no CR): most of a page's text, mapped without an array
 * as long as the text. Nodes Readability moved keep no location, so their text is found again in the page by content,
 * scanning forward from the last match.
 */
function locator(dom: PageTree, html: string): (node: PageText) => number[] | number | null {
  let searchFrom = 0;
  return (node) => {
    const location = dom.location(node);
    if (location) {
      searchFrom = location.endOffset;
      const { startOffset, endOffset } = location;
      if (endOffset - startOffset === node.data.length && html.startsWith(node.data, startOffset)) return startOffset;
      return alignDecoded(html, startOffset, endOffset, node.data);
    }
    const needle = node.data.trim();
    if (needle.length === 0) return null;
    const at = html.indexOf(needle, searchFrom);
    if (at < 0) return null;
    searchFrom = at + needle.length;
    const lead = node.data.indexOf(needle);
    return Array.from(node.data, (_, i) => (i >= lead && i < lead + needle.length ? at + (i - lead) : at));
  };
}

/** Aligns decoded text-node data with its raw source slice, stepping over entities and CRLF. */
export function alignDecoded(html: string, start: number, end: number, data: string): number[] {
  const offsets: number[] = new Array(data.length);
  let i = start;
  let j = 0;
  while (j < data.length && i < end) {
    const ch = html[i]!;
    if (ch === '&') {
      const entity = /^&(?:#\d{1,7};?|#x[0-9a-f]{1,6};?|[a-z][a-z0-9]{1,31};?)/i.exec(html.slice(i, Math.min(end, i + 40)));
      if (entity) {
        const decoded = decodeHTML(entity[0]);
        if (decoded !== entity[0] && data.startsWith(decoded, j)) {
          for (let k = 0; k < decoded.length; k++) offsets[j + k] = i;
          j += decoded.length;
          i += entity[0].length;
          continue;
        }
      }
    }
    if (ch === '\r' && data[j] === '\n') {
      offsets[j++] = i;
      i += html[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === data[j]) offsets[j++] = i++;
    else i++;
  }
  for (; j < data.length; j++) offsets[j] = Math.min(i, end);
  return offsets;
}

/** Metadata from `<meta>` tags, `<html lang>`, `<link rel=canonical>` and JSON-LD NewsArticle. */
export function readHtmlMeta(document: PageDocument): StructuredMeta {
  // The first <meta> naming each key (by property, name or itemprop) wins, as `querySelector` would pick it;
  // read in one pass because each selector query walks the whole document.
  const metaByKey = new Map<string, string | null>();
  for (const meta of byTag(document, 'meta')) {
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attribute);
      if (key !== null && !metaByKey.has(key)) metaByKey.set(key, meta.getAttribute('content'));
    }
  }
  const metaContent = (...names: string[]) => {
    for (const name of names) {
      const value = metaByKey.get(name);
      if (value?.trim()) return value.trim();
    }
    return null;
  };
  const ld = readJsonLd(document);
  const published = ld.published ?? metaContent('article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'pubdate', 'sailthru.date');
  const author = ld.authors.length > 0 ? ld.authors : (metaContent('author', 'article:author', 'dc.creator')?.split(/\s*[,;]\s*/) ?? []);
  const language = document.documentElement?.getAttribute('lang') ?? metaContent('og:locale', 'language', 'dc.language');
  const outlet = ld.publisher ?? metaContent('og:site_name', 'application-name', 'publisher');
  return {
    title: ld.headline ?? metaContent('og:title', 'twitter:title', 'dc.title') ?? (document.title.trim() || null),
    outlet: outlet ? canonicalOutlet(outlet) : null,
    authors: author.filter((name) => name && !/^https?:/.test(name)),
    published: published ? isoFromMachineDate(published) : null,
    language: language ? language.toLowerCase().slice(0, 2) : null,
    canonicalUrl:
      byTag(document, 'link')
        .find((link) => link.getAttribute('rel') === 'canonical')
        ?.getAttribute('href') ?? metaContent('og:url'),
  };
}

function readJsonLd(document: PageDocument): { headline: string | null; published: string | null; authors: string[]; publisher: string | null } {
  const found = { headline: null as string | null, published: null as string | null, authors: [] as string[], publisher: null as string | null };
  const isArticle = (type: unknown) => [type].flat().some((t) => typeof t === 'string' && /(?:News)?Article|Report|BlogPosting|OpinionNewsArticle/.test(t));
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record['@graph']) visit(record['@graph']);
    if (!isArticle(record['@type']) || found.headline) return;
    if (typeof record.headline === 'string') found.headline = record.headline.trim();
    if (typeof record.datePublished === 'string') found.published = record.datePublished;
    const names = (value: unknown): string[] =>
      [value].flat().flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? [(v as { name: string }).name] : []));
    found.authors = names(record.author)
      .map((n) => n.trim())
      .filter(Boolean);
    found.publisher = names(record.publisher)[0]?.trim() ?? null;
  };
  for (const script of byTag(document, 'script').filter((element) => element.getAttribute('type') === 'application/ld+json')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and says nothing about the article: the meta tags still count.
    }
  }
  return found;
}
