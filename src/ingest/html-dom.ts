/**
 * HTML pages parsed into jsdom documents that share one window per thread, with each node's place in the raw page.
 *
 * `new JSDOM(html)` builds a whole window for every page (each web interface installed on a fresh global): on the bench
 * pages that was 23 ms of CPU of the 28 ms a page took to read, and most of the garbage collected in an HTML ingest.
 * A document parsed into one long-lived window is the same tree from the same parser (parse5 through jsdom's tree
 * adapter, with the options `includeNodeLocations` sets) for about 7.6 ms. jsdom has no public API for this, so three of
 * its internal modules are used; package.json pins jsdom's exact version, and html-dom.test.ts compares every node and
 * location with `new JSDOM` so an upgrade that changes them fails there.
 */
import { createRequire } from 'node:module';
import type * as Jsdom from 'jsdom';

/** A node's span in the raw page, as parse5 records it (UTF-16 offsets into the string parsed). */
export interface NodeLocation {
  startOffset: number;
  endOffset: number;
}

/**
 * What the reading of a page uses of a node, an element and a document: the DOM's names, so that a jsdom document
 * (which Readability needs) and the plain tree of html-light.ts (which is faster to build) are read by the same code.
 */
export interface PageNode {
  readonly nodeType: number;
  readonly parentElement: PageElement | null;
}

export interface PageText extends PageNode {
  readonly data: string;
}

export interface PageElement extends PageNode {
  readonly tagName: string;
  readonly localName: string;
  readonly firstElementChild: PageElement | null;
  readonly nextElementSibling: PageElement | null;
  readonly childNodes: Iterable<PageNode>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  remove(): void;
}

export interface PageDocument {
  readonly firstElementChild: PageElement | null;
  readonly documentElement: PageElement | null;
  readonly body: PageElement | null;
  readonly title: string;
}

/** A parsed page and where each node the parser made came from (null for nodes made later). */
export interface PageTree {
  document: PageDocument;
  location(node: PageNode): NodeLocation | null;
}

/** A page parsed by jsdom; read it before parsing many more pages (its window is closed after 64). */
export interface ParsedPage extends PageTree {
  document: Document;
  location(node: PageNode): NodeLocation | null;
}

interface DocumentImpl {
  _parseOptions: object;
}

interface JsdomInternals {
  createDocument(globalObject: unknown, constructorArgs: [], privateData: { options: object }): DocumentImpl;
  parseIntoDocument(markup: string, document: DocumentImpl): void;
  wrapperForImpl(impl: DocumentImpl): Document;
  implForWrapper(wrapper: Node): { sourceCodeLocation?: NodeLocation | null } | null;
}

const require = createRequire(import.meta.url);
let internals: JsdomInternals | undefined;
let sharedWindow: unknown;
let pagesInWindow = 0;

/**
 * Pages parsed into one window before it is closed and replaced. Each document's selector engine (used by
 * `querySelector`, and so by Readability) adds event listeners to its window, which keep the document alive until the
 * window is closed: 180 KB a bench page. (The windows `new JSDOM` made for each page were never closed: the heap of a
 * thread grew by 670 KB a page, 200 MB over 300 pages, where it now stays flat.) Replacing the window every 64 pages
 * costs 23 / 64 ms of CPU a page.
 */
const pagesPerWindow = 64;

let jsdomApi: typeof Jsdom | undefined;

function jsdomInternals(): JsdomInternals {
  if (!jsdomApi) {
    // Required here, not imported: a thread that never parses a page (the one that stores and links) never loads jsdom,
    // 19 MB of heap once loaded. Its public module first: its internal modules require each other in an order that
    // only loading it first sets up ("Class extends value undefined" otherwise).
    jsdomApi = require('jsdom') as typeof Jsdom;
  }
  if (!internals) {
    const documentModule = require('jsdom/lib/jsdom/living/generated/Document.js') as { createImpl: JsdomInternals['createDocument'] };
    const parser = require('jsdom/lib/jsdom/browser/parser/index.js') as { parseIntoDocument: JsdomInternals['parseIntoDocument'] };
    const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Pick<JsdomInternals, 'wrapperForImpl' | 'implForWrapper'>;
    internals = {
      createDocument: (...args) => documentModule.createImpl(...args),
      parseIntoDocument: (markup, document) => parser.parseIntoDocument(markup, document),
      wrapperForImpl: (impl) => utils.wrapperForImpl(impl),
      implForWrapper: (wrapper) => utils.implForWrapper(wrapper),
    };
  }
  if (sharedWindow === undefined || pagesInWindow >= pagesPerWindow) {
    // The window whose interfaces the pages' nodes use; never given a page of its own, so never scripted.
    (sharedWindow as { close(): void } | undefined)?.close();
    const { JSDOM, VirtualConsole } = jsdomApi;
    const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window;
    sharedWindow = (internals.implForWrapper(window.document) as unknown as { _globalObject: unknown })._globalObject;
    pagesInWindow = 0;
  }
  pagesInWindow++;
  return internals;
}

/**
 * Parses a page as `new JSDOM(html, { includeNodeLocations: true, url })` does (same document options, same parser
 * options: scripting on, as jsdom sets it when it keeps locations), into the thread's shared window.
 */
export function parsePage(html: string, url?: string): ParsedPage {
  const jsdom = jsdomInternals();
  const impl = jsdom.createDocument(sharedWindow, [], {
    options: {
      parsingMode: 'html',
      contentType: 'text/html',
      encoding: 'UTF-8',
      url: url === undefined ? 'about:blank' : new URL(url).href,
      referrer: '',
      parseOptions: { sourceCodeLocationInfo: true },
    },
  });
  jsdom.parseIntoDocument(html, impl);
  return {
    document: jsdom.wrapperForImpl(impl),
    location: (node) => jsdom.implForWrapper(node as Node)?.sourceCodeLocation ?? null,
  };
}
