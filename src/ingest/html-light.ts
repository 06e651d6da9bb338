/**
 * HTML pages parsed into a small tree of plain objects: the same parser jsdom uses (parse5, with the same options), the
 * same tree and the same node locations, without jsdom's web interfaces. jsdom makes every element a full DOM object
 * (a style declaration, mutation records, a symbol tree to walk its children through): a 1 MB page of 8,000 paragraphs
 * took 0.8 s of CPU to parse into it, 0.2 s into this. Readability needs the DOM; a page read without Readability (one
 * too complex for it, or one where it found nothing) is read from this tree instead.
 *
 * The tree follows jsdom's tree adapter where it departs from parse5's own (html-light.test.ts compares every node and
 * location with jsdom's): an attribute merged into `<html>` or `<body>` by a second start tag replaces the value of one
 * of the same name, and text foster-parented out of a table is appended to the end of its new parent, not put before
 * the table (where jsdom, finding no node before the table to extend the location of, throws; this tree leaves that
 * text without a location, as jsdom does when it does not throw).
 */
import { type DefaultTreeAdapterMap, parse, type TreeAdapter, type TreeAdapterTypeMap } from 'parse5';
import type { NodeLocation } from './html-dom.ts';

type Attribute = DefaultTreeAdapterMap['element']['attrs'][number];
type Location = NonNullable<DefaultTreeAdapterMap['element']['sourceCodeLocation']>;

const htmlNamespace = 'http://www.w3.org/1999/xhtml';

export class LightNode {
  parentNode: LightParent | null = null;
  previousSibling: LightNode | null = null;
  nextSibling: LightNode | null = null;
  sourceCodeLocation: Location | null | undefined = undefined;
  constructor(readonly nodeType: number) {}

  get parentElement(): LightElement | null {
    return this.parentNode instanceof LightElement ? this.parentNode : null;
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

export class LightText extends LightNode {
  constructor(public data: string) {
    super(3);
  }
}

class LightComment extends LightNode {
  constructor(readonly data: string) {
    super(8);
  }
}

class LightDoctype extends LightNode {
  constructor(
    readonly name: string,
    readonly publicId: string,
    readonly systemId: string,
  ) {
    super(10);
  }
}

export class LightParent extends LightNode {
  /** The children in order; parse5 reads this array as is (its `getChildNodes`). */
  readonly childNodes: LightNode[] = [];

  get firstElementChild(): LightElement | null {
    for (const child of this.childNodes) if (child instanceof LightElement) return child;
    return null;
  }

  get lastChild(): LightNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  /** What jsdom's `textContent` gives: every descendant text node's data, in order. */
  get textContent(): string {
    const parts: string[] = [];
    const collect = (node: LightParent) => {
      for (const child of node.childNodes) {
        if (child instanceof LightText) parts.push(child.data);
        else if (child instanceof LightParent) collect(child);
      }
    };
    collect(this);
    return parts.join('');
  }

  append(node: LightNode): void {
    node.remove();
    const last = this.lastChild;
    this.childNodes.push(node);
    node.parentNode = this;
    node.previousSibling = last;
    node.nextSibling = null;
    if (last) last.nextSibling = node;
  }

  insertBefore(node: LightNode, reference: LightNode): void {
    node.remove();
    const children = this.childNodes;
    // The parser inserts before the last child most of the time (fostered content goes before the table).
    const at = children[children.length - 1] === reference ? children.length - 1 : children.indexOf(reference);
    children.splice(at, 0, node);
    node.parentNode = this;
    node.previousSibling = reference.previousSibling;
    node.nextSibling = reference;
    if (reference.previousSibling) reference.previousSibling.nextSibling = node;
    reference.previousSibling = node;
  }

  removeChild(node: LightNode): void {
    const children = this.childNodes;
    const at = children[children.length - 1] === node ? children.length - 1 : children.indexOf(node);
    children.splice(at, 1);
    if (node.previousSibling) node.previousSibling.nextSibling = node.nextSibling;
    if (node.nextSibling) node.nextSibling.previousSibling = node.previousSibling;
    node.parentNode = null;
    node.previousSibling = null;
    node.nextSibling = null;
  }
}

export class LightElement extends LightParent {
  /** A `<template>`'s content: a fragment of its own, not among its children (as in the DOM). */
  content: LightParent | null = null;
  readonly tagName: string;

  constructor(
    readonly localName: string,
    readonly namespaceURI: string,
    readonly attrs: Attribute[],
  ) {
    super(1);
    this.tagName = namespaceURI === htmlNamespace ? localName.toUpperCase() : localName;
  }

  getAttribute(name: string): string | null {
    for (const attribute of this.attrs) {
      if ((attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name) === name) return attribute.value;
    }
    return null;
  }

  get nextElementSibling(): LightElement | null {
    for (let node = this.nextSibling; node; node = node.nextSibling) if (node instanceof LightElement) return node;
    return null;
  }
}

export class LightDocument extends LightParent {
  mode: DefaultTreeAdapterMap['document']['mode'] = 'no-quirks' as DefaultTreeAdapterMap['document']['mode'];

  constructor() {
    super(9);
  }

  get documentElement(): LightElement | null {
    return this.firstElementChild;
  }

  /** As jsdom's `document.body`: the `<body>` (or `<frameset>`) child of an HTML root element. */
  get body(): LightElement | null {
    const root = this.documentElement;
    if (root?.localName !== 'html' || root.namespaceURI !== htmlNamespace) return null;
    for (const child of root.childNodes) {
      if (child instanceof LightElement && child.namespaceURI === htmlNamespace && (child.localName === 'body' || child.localName === 'frameset')) return child;
    }
    return null;
  }

  /** As jsdom's `document.title`: the first `<title>`'s own text, ASCII white space collapsed and trimmed. */
  get title(): string {
    const root = this.documentElement;
    let title: LightElement | null = null;
    if (root?.localName === 'svg') {
      for (const child of root.childNodes) {
        if (child instanceof LightElement && child.localName === 'title' && child.namespaceURI === 'http://www.w3.org/2000/svg') {
          title = child;
          break;
        }
      }
    } else title = firstDescendant(this, (element) => element.localName === 'title' && element.namespaceURI === htmlNamespace);
    if (!title) return '';
    const own = title.childNodes.map((child) => (child instanceof LightText ? child.data : '')).join('');
    return own.replace(/[ \t\n\f\r]+/g, ' ').replace(/^ | $/g, '');
  }
}

function firstDescendant(root: LightParent, matches: (element: LightElement) => boolean): LightElement | null {
  for (const child of root.childNodes) {
    if (!(child instanceof LightElement)) continue;
    if (matches(child)) return child;
    const found = firstDescendant(child, matches);
    if (found) return found;
  }
  return null;
}

interface LightTypes extends TreeAdapterTypeMap {
  node: LightNode;
  parentNode: LightParent;
  childNode: LightNode;
  document: LightDocument;
  documentFragment: LightParent;
  element: LightElement;
  commentNode: LightComment;
  textNode: LightText;
  template: LightElement;
  documentType: LightDoctype;
}

/** jsdom's tree adapter (jsdom/lib/jsdom/browser/parser/html.js) for these plain nodes. */
const lightAdapter: TreeAdapter<LightTypes> = {
  createDocument: () => new LightDocument(),
  createDocumentFragment: () => new LightParent(11),
  createElement(localName, namespace, attrs) {
    const element = new LightElement(localName, namespace, []);
    lightAdapter.adoptAttributes(element, attrs);
    return element;
  },
  createCommentNode: (data) => new LightComment(data),
  createTextNode: (value) => new LightText(value),
  appendChild: (parent, node) => parent.append(node),
  insertBefore: (parent, node, reference) => parent.insertBefore(node, reference),
  setTemplateContent(template, content) {
    template.content = content;
  },
  getTemplateContent: (template) => template.content ?? new LightParent(11),
  setDocumentType: (document, name, publicId, systemId) => document.append(new LightDoctype(name, publicId, systemId)),
  setDocumentMode(document, mode) {
    document.mode = mode;
  },
  getDocumentMode: (document) => document.mode,
  detachNode: (node) => node.remove(),
  insertText(parent, text) {
    const last = parent.lastChild;
    if (last instanceof LightText) last.data += text;
    else parent.append(new LightText(text));
  },
  insertTextBefore(parent, text, reference) {
    const before = reference.previousSibling;
    if (before instanceof LightText) before.data += text;
    // jsdom appends here (its `_append` takes no reference node): the text ends up after the table.
    else parent.append(new LightText(text));
  },
  // jsdom sets each attribute: a value replaces that of an attribute of the same namespace and name.
  adoptAttributes(element, attrs) {
    for (const attribute of attrs) {
      const same = element.attrs.find((a) => a.name === attribute.name && (a.namespace ?? null) === (attribute.namespace ?? null));
      if (same) same.value = attribute.value;
      else element.attrs.push({ ...attribute });
    }
  },
  getFirstChild: (node) => node.childNodes[0] ?? null,
  getChildNodes: (node) => node.childNodes,
  getParentNode: (node) => node.parentNode,
  getAttrList: (element) => [...element.attrs],
  getTagName: (element) => element.localName,
  getNamespaceURI: (element) => element.namespaceURI as ReturnType<TreeAdapter['getNamespaceURI']>,
  getTextNodeContent: (node) => node.data,
  getCommentNodeContent: (node) => node.data,
  getDocumentTypeNodeName: (node) => node.name,
  getDocumentTypeNodePublicId: (node) => node.publicId,
  getDocumentTypeNodeSystemId: (node) => node.systemId,
  isTextNode: (node) => node instanceof LightText,
  isCommentNode: (node) => node instanceof LightComment,
  isDocumentTypeNode: (node) => node instanceof LightDoctype,
  isElementNode: (node) => node instanceof LightElement,
  // The node is missing where jsdom would throw (see the file's comment).
  setNodeSourceCodeLocation(node, location) {
    if (node) node.sourceCodeLocation = location as Location | null;
  },
  getNodeSourceCodeLocation: (node) => node?.sourceCodeLocation,
  updateNodeSourceCodeLocation(node, end) {
    if (node?.sourceCodeLocation) Object.assign(node.sourceCodeLocation, end);
  },
};

/** A page parsed into plain nodes, with each node's place in the raw page (see the file's comment). */
export interface LightPage {
  document: LightDocument;
  location(node: LightNode): NodeLocation | null;
}

/** Parses a page as `parsePage` does (scripting on, node locations kept), into plain nodes. */
export function parseLightPage(html: string): LightPage {
  const document = parse(html, { treeAdapter: lightAdapter, sourceCodeLocationInfo: true, scriptingEnabled: true });
  return { document, location: (node) => node.sourceCodeLocation ?? null };
}
