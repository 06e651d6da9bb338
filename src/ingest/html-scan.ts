/**
 * A cheap look at raw HTML before any parser: how deep its elements nest and how many there are,
 * from one pass over the characters with no DOM. jsdom and Readability are superlinear in depth
 * (1,000 nested `<div>`s took 67 s in Readability's `_cleanConditionally`; 100,000 overflowed the
 * stack), so a page is measured first and refused or read the plain way when it is too complex.
 */
import { QuipuError } from '../core/errors.ts';

/** What the scan found: the deepest nesting, the number of start tags, the widest element and the most attributes on one tag. */
export interface HtmlShape {
  depth: number;
  elements: number;
  /** The most child nodes (elements and runs of text) of one element. */
  children: number;
  attributes: number;
  /** Characters of text other than white space outside markup, comments, scripts and styles (a character reference as one). */
  text: number;
  /**
   * Start and end offsets, in pairs, of the contents of scripts, styles and comments the page can be parsed without
   * (`withoutInertRuns`): the same tree but for those nodes' text, which nothing reads.
   */
  inert: readonly number[];
}

/** Limits on a page's shape; see docs/limits.md. */
export interface HtmlLimits {
  /** Deeper than this, the page is refused with E_TOO_COMPLEX. */
  maxDepth: number;
  /** More elements than this, the page is refused with E_TOO_COMPLEX. */
  maxElements: number;
  /**
   * More child nodes than this under one element, the page is refused: jsdom's parser copies a parent's child list
   * for each run of text it adds (with source locations on), so 40,000 children of one element took 195 s.
   */
  maxChildren: number;
  /** More attributes than this on one tag, the page is refused (50,000 on one element kept jsdom busy past 60 s). */
  maxAttributes: number;
  /** More characters of text than this (white space aside), the page is refused before it is parsed: see `maxTextCharacters`. */
  maxText: number;
  /** Deeper than this, Readability is skipped and the body is read as plain text. */
  readabilityMaxDepth: number;
  /** More elements than this, Readability is skipped and the body is read as plain text. */
  readabilityMaxElements: number;
  /**
   * More characters of text than this (as `maxText` counts them), Readability is skipped and the body is read as plain
   * text: its scoring and cleaning cost 0.7 s of CPU on a 1 MB page of 8,000 paragraphs and chose that whole body anyway.
   */
  readabilityMaxText: number;
}

/**
 * Defaults chosen from measurements (docs/limits.md): news pages nest 15–40 deep with a few thousand
 * elements; Readability needed 42 s at 1,000 levels and ~10 s at 30,000 elements, while the plain
 * reading of a 100,000-element page takes 2–8 s. `QUIPU_HTML_*` variables change them.
 */
/**
 * Characters of text (white space aside) one item may hold, whatever its kind: 1.5 million, several times the longest
 * report, and about 300,000 tokens of English or Spanish prose, more than the annotation stages may read in bounded
 * time (`maxTokens` in annotate/tokens). Reading a 5 MB feed item took 10 s in jsdom alone before its annotation began.
 */
export const maxTextCharacters = envLimit('QUIPU_MAX_TEXT_CHARS', 1_500_000);

export const defaultHtmlLimits: HtmlLimits = {
  maxDepth: envLimit('QUIPU_HTML_MAX_DEPTH', 512),
  maxElements: envLimit('QUIPU_HTML_MAX_ELEMENTS', 100_000),
  maxChildren: envLimit('QUIPU_HTML_MAX_CHILDREN', 10_000),
  maxAttributes: envLimit('QUIPU_HTML_MAX_ATTRIBUTES', 1_000),
  maxText: maxTextCharacters,
  readabilityMaxDepth: envLimit('QUIPU_HTML_READABILITY_MAX_DEPTH', 100),
  readabilityMaxElements: envLimit('QUIPU_HTML_READABILITY_MAX_ELEMENTS', 15_000),
  // Several times the text of a long report with its page's furniture; only a page no newsroom writes is over it.
  readabilityMaxText: envLimit('QUIPU_HTML_READABILITY_MAX_TEXT', 250_000),
};

/** A positive whole number from the environment variable `name`, or `fallback` when it is unset; E_CONFIG otherwise. */
export function envLimit(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  // A typo in a limit must not silently lift it: refuse at start-up, naming the variable.
  if (!Number.isInteger(value) || value <= 0) throw new QuipuError('E_CONFIG', `${name} takes a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'basefont', 'bgsound', 'frame']);
/** Elements whose content is raw text up to their end tag: a `<div>` inside a script is not an element. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Where the parser's search for an element to close stops (its "scope"): a cell or list item inside a nested table is nesting. */
const defaultScope = ['html', 'table', 'td', 'th', 'caption', 'applet', 'marquee', 'object', 'template'];
const tableScope = new Set(['html', 'table', 'template']);
/**
 * Elements the parser closes implicitly when a sibling of their kind starts (`<li>a<li>b`), so a page
 * that never closes its paragraphs or list items is not counted as nesting them; each with the scope it looks in.
 */
const closedBySibling: Record<string, { names: readonly string[]; scope: ReadonlySet<string> }> = {
  li: { names: ['li'], scope: new Set([...defaultScope, 'ul', 'ol']) },
  dt: { names: ['dt', 'dd'], scope: new Set([...defaultScope, 'dl']) },
  dd: { names: ['dt', 'dd'], scope: new Set([...defaultScope, 'dl']) },
  tr: { names: ['tr'], scope: tableScope },
  td: { names: ['td', 'th'], scope: tableScope },
  th: { names: ['td', 'th'], scope: tableScope },
  thead: { names: ['thead', 'tbody', 'tfoot'], scope: tableScope },
  tbody: { names: ['thead', 'tbody', 'tfoot'], scope: tableScope },
  tfoot: { names: ['thead', 'tbody', 'tfoot'], scope: tableScope },
  option: { names: ['option'], scope: new Set(['html', 'select', 'datalist', 'optgroup']) },
  optgroup: { names: ['option', 'optgroup'], scope: new Set(['html', 'select', 'datalist']) },
  rt: { names: ['rt', 'rp'], scope: new Set(['html', 'ruby']) },
  rp: { names: ['rt', 'rp'], scope: new Set(['html', 'ruby']) },
};
/** A `<p>` is closed by a block start tag only within "button scope". */
const paragraphScope: ReadonlySet<string> = new Set([...defaultScope, 'button']);
const noScope: ReadonlySet<string> = new Set();
/** Start tags that close an open `<p>`, as the HTML parser does. */
const closesParagraph = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'li',
  'dd',
  'dt',
]);
/**
 * How far down the stack an end tag or sibling looks for its element: deep enough that a page
 * full of unclosed inline tags is not counted deeper than the parser makes it, bounded so that junk stays linear
 * (a 1.2 MB page built to make every search fail at the bound scans in about a second).
 */
const lookBack = 128;

/**
 * Script, style and comment contents shorter than this stay in the page: cutting a few characters saves nothing. Longer
 * ones cost the parser about 0.35 ms of CPU a kilobyte of script (jsdom appends each run of a script's text to its node:
 * a 500 KB script took a page from 14 to 189 ms) and 0.15 ms a kilobyte of comment.
 */
const inertMinimum = 256;
/** Inside these the parser reads a `<script>` other than as a script element (foreign content, noscript's raw text, a frameset ignores it). */
const notScriptContexts = ['svg', 'math', 'noscript', 'frameset'];

/** Measures the nesting depth and element count of raw HTML in one linear pass, building no DOM. */
export function scanHtml(html: string): HtmlShape {
  const stack: string[] = [];
  // Child counts of the open elements, one per stack entry, plus the document's own at index 0.
  const childCounts: number[] = [0];
  let depth = 0;
  let elements = 0;
  let children = 0;
  let attributes = 0;
  let text = 0;
  let textSince = 0;
  const inert: number[] = [];
  const addChild = () => {
    const count = ++childCounts[stack.length]!;
    if (count > children) children = count;
  };
  const n = html.length;
  let i = 0;
  // How many of each name are open: most searches are for an element that is not open at all, answered at once.
  const open = new Map<string, number>();
  const push = (name: string) => {
    stack.push(name);
    childCounts.push(0);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const closeTo = (at: number) => {
    for (let k = at; k < stack.length; k++) open.set(stack[k]!, open.get(stack[k]!)! - 1);
    stack.length = at;
    childCounts.length = at + 1;
  };
  const find = (names: readonly string[], scope: ReadonlySet<string> = noScope): number => {
    if (!names.some((name) => (open.get(name) ?? 0) > 0)) return -1;
    for (let k = stack.length - 1; k >= Math.max(0, stack.length - lookBack); k--) {
      if (names.includes(stack[k]!)) return k;
      if (scope.has(stack[k]!)) return -1;
    }
    return -1;
  };
  // Text between two pieces of markup (whitespace too) is one more child node of the open element; a "<" that
  // starts no markup is part of that text, so the run is counted once markup is found after it. (Defined once, not
  // per "<": a closure made for each of a million "<" cost a second.)
  let lt = 0;
  const endText = () => {
    if (lt > textSince) {
      addChild();
      text += visibleCharacters(html, textSince, lt, true);
    }
  };
  while (i < n) {
    lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const next = html.charCodeAt(i);
    if (html.startsWith('!--', i)) {
      endText();
      const end = endOfComment(html, i + 3);
      // A comment's text is read by nothing either (inside <noscript>, whose text it is, it is no comment).
      const textEnd = html.startsWith('--!>', end - 4) ? end - 4 : html.startsWith('-->', end - 3) ? end - 3 : end;
      if (textEnd - (i + 3) >= inertMinimum && (open.get('noscript') ?? 0) === 0) inert.push(i + 3, textEnd);
      i = end;
      textSince = i;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      endText();
      const end = html.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      textSince = i;
      continue;
    }
    const closing = next === 47; /* / */
    if (closing && !isLetter(html.charCodeAt(i + 1)) && i + 1 < n) {
      // "</" and no letter: "</>" is dropped and anything else is a bogus comment up to the next ">", as the tokenizer reads them.
      endText();
      const end = html.indexOf('>', i + 1);
      i = end < 0 ? n : end + 1;
      textSince = i;
      continue;
    }
    const nameStart = closing ? i + 1 : i;
    let j = nameStart;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart || !isLetter(html.charCodeAt(nameStart))) continue; // "a < b" in text is not a tag
    endText();
    const name = html.slice(nameStart, j).toLowerCase();
    const tagEnd = endOfTag(html, j);
    i = tagEnd.next;
    textSince = i;
    if (tagEnd.attributes > attributes) attributes = tagEnd.attributes;
    if (closing) {
      const at = find([name]);
      if (at >= 0) closeTo(at);
      continue;
    }
    elements++;
    const siblings = closedBySibling[name];
    if (siblings) {
      const at = find(siblings.names, siblings.scope);
      if (at >= 0) closeTo(at);
    }
    if (closesParagraph.has(name)) {
      const at = find(['p'], paragraphScope);
      if (at >= 0) closeTo(at);
    }
    addChild();
    const foreign = (open.get('svg') ?? 0) > 0 || (open.get('math') ?? 0) > 0;
    // `<script/>` in HTML is a start tag like any other (the slash counts only in SVG and MathML): its text follows.
    if (voidElements.has(name) || (tagEnd.selfClosing && (foreign || !rawTextElements.has(name)))) continue;
    if (rawTextElements.has(name)) {
      const end = name === 'plaintext' ? -1 : rawTextEnd(html, name, i);
      if (end < 0) {
        // everything after <plaintext> is its text; a script never closed holds the rest of the page
        textSince = name === 'plaintext' ? i : n;
        break;
      }
      if (end - i >= inertMinimum && isInert(html, name, lt, i, end) && !notScriptContexts.some((context) => (open.get(context) ?? 0) > 0)) inert.push(i, end);
      i = end;
      textSince = i;
      continue;
    }
    push(name);
    if (stack.length > depth) depth = stack.length;
  }
  text += visibleCharacters(html, Math.min(textSince, n), n, true);
  return { depth, elements, children, attributes, text, inert };
}

/**
 * Whether the content of a raw-text element from `from` to `to` (its start tag from `tagStart`) may be left out of the
 * parse: a style's, or a script's that is not JSON (JSON-LD is read for the page's metadata) and holds no `<!--`, after
 * which the parser's script states may end the element elsewhere than at the first `</script>`.
 */
function isInert(html: string, name: string, tagStart: number, from: number, to: number): boolean {
  if (name === 'style') return true;
  if (name !== 'script') return false;
  if (/json/i.test(html.slice(tagStart, from))) return false;
  const comment = html.indexOf('<!--', from);
  return comment < 0 || comment >= to;
}

/** Where a comment whose `<!--` ends just before `from` ends, as the HTML tokenizer reads it (`<!-->` and `--!>` end one too). */
function endOfComment(html: string, from: number): number {
  if (html.startsWith('>', from)) return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  const dashes = html.indexOf('-->', from);
  const bang = html.indexOf('--!>', from);
  if (dashes < 0 && bang < 0) return html.length;
  return dashes >= 0 && (bang < 0 || dashes < bang) ? dashes + 3 : bang + 4;
}

/**
 * The offset of the end tag that closes raw-text element `name` whose content starts at `from`, or -1: `</name` in any
 * case followed by white space, `/` or `>` (the tokenizer's "appropriate end tag"; `</scripts` ends nothing).
 */
function rawTextEnd(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.length < at + 2 + name.length) return -1;
    const after = html.charCodeAt(at + 2 + name.length);
    const terminates = after === 32 || after === 9 || after === 10 || after === 12 || after === 13 || after === 47 || after === 62 || Number.isNaN(after);
    if (terminates && html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return -1;
}

/**
 * A page without the inert runs `scanHtml` found, and the map from an offset in it back to the page's own: the parser
 * reads the same tree from it (those elements' text aside) in a fraction of the time on pages carrying large inline
 * scripts, and the nodes' locations map back exactly.
 */
export function withoutInertRuns(html: string, inert: readonly number[]): { html: string; toPage: (offset: number) => number } {
  if (inert.length === 0) return { html, toPage: (offset) => offset };
  const pieces: string[] = [];
  // For each cut, its offset in the shorter page and how many characters were cut up to and including it.
  const cutAt: number[] = [];
  const cutSoFar: number[] = [];
  let from = 0;
  let cut = 0;
  for (let k = 0; k < inert.length; k += 2) {
    pieces.push(html.slice(from, inert[k]));
    cutAt.push(inert[k]! - cut);
    cut += inert[k + 1]! - inert[k]!;
    cutSoFar.push(cut);
    from = inert[k + 1]!;
  }
  pieces.push(html.slice(from));
  const toPage = (offset: number) => {
    // The last cut strictly before `offset`: an offset at a cut is the end of the script's start tag, before the cut text.
    let low = 0;
    let high = cutAt.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cutAt[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? offset : offset + cutSoFar[low - 1]!;
  };
  return { html: pieces.join(''), toPage };
}

/**
 * The characters of `text` between `from` and `to` that are not white space (as `\s` reads it); with `references`
 * (HTML text), a character reference such as `&amp;` or `&#x263A;` counts as one.
 */
export function visibleCharacters(text: string, from = 0, to = text.length, references = false): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 38 /* & */ && references) {
      let e = text.charCodeAt(k + 1) === 35 /* # */ ? k + 2 : k + 1;
      while (e < to && e - k <= 32 && isNameChar(text.charCodeAt(e))) e++;
      if (e > k + 1 && text.charCodeAt(e) === 59 /* ; */) k = e;
    }
    if (
      c > 32
        ? c !== 160 && c !== 0x1680 && !(c >= 0x2000 && c <= 0x200a) && c !== 0x2028 && c !== 0x2029 && c !== 0x202f && c !== 0x205f && c !== 0x3000 && c !== 0xfeff
        : c < 9 || (c > 13 && c !== 32)
    )
      count++;
  }
  return count;
}

/** Refuses an item whose text (white space aside) is over `limit` characters, with E_TOO_COMPLEX naming it. */
export function checkTextSize(characters: number, item: string, limit: number = maxTextCharacters): void {
  if (characters > limit) {
    throw new QuipuError(
      'E_TOO_COMPLEX',
      `${item}: ${characters.toLocaleString('en')} characters of text, over the limit of ${limit.toLocaleString('en')} one item may hold (QUIPU_MAX_TEXT_CHARS)`,
      item,
    );
  }
}

/** Refuses a page over the limits with E_TOO_COMPLEX naming the item; returns its shape otherwise. */
export function checkHtmlShape(html: string, item: string, limits: HtmlLimits = defaultHtmlLimits): HtmlShape {
  const shape = scanHtml(html);
  if (shape.depth > limits.maxDepth) {
    throw new QuipuError('E_TOO_COMPLEX', `${item}: elements nest ${shape.depth} deep, over the limit of ${limits.maxDepth} (QUIPU_HTML_MAX_DEPTH)`, item);
  }
  if (shape.elements > limits.maxElements) {
    throw new QuipuError('E_TOO_COMPLEX', `${item}: ${shape.elements.toLocaleString('en')} elements, over the limit of ${limits.maxElements.toLocaleString('en')} (QUIPU_HTML_MAX_ELEMENTS)`, item);
  }
  if (shape.children > limits.maxChildren) {
    throw new QuipuError(
      'E_TOO_COMPLEX',
      `${item}: one element holds ${shape.children.toLocaleString('en')} child nodes, over the limit of ${limits.maxChildren.toLocaleString('en')} (QUIPU_HTML_MAX_CHILDREN)`,
      item,
    );
  }
  if (shape.attributes > limits.maxAttributes) {
    throw new QuipuError(
      'E_TOO_COMPLEX',
      `${item}: one tag has ${shape.attributes.toLocaleString('en')} attributes, over the limit of ${limits.maxAttributes.toLocaleString('en')} (QUIPU_HTML_MAX_ATTRIBUTES)`,
      item,
    );
  }
  checkTextSize(shape.text, item, limits.maxText);
  return shape;
}

/** Whether Readability may run on a page of this shape in bounded time. */
export function readabilityFits(shape: HtmlShape, limits: HtmlLimits = defaultHtmlLimits): boolean {
  return shape.depth <= limits.readabilityMaxDepth && shape.elements <= limits.readabilityMaxElements && shape.text <= limits.readabilityMaxText;
}

/** The end of a tag whose name ends at `from` (quoted attribute values may hold `>`), and roughly how many attributes it has. */
function endOfTag(html: string, from: number): { next: number; selfClosing: boolean; attributes: number } {
  const n = html.length;
  let k = from;
  let lastSignificant = 0;
  let attributes = 0;
  let inSpace = true;
  while (k < n) {
    const c = html.charCodeAt(k);
    if (c === 62 /* > */) return { next: k + 1, selfClosing: lastSignificant === 47, attributes };
    if ((c === 34 || c === 39) && lastSignificant === 61 /* = */) {
      const close = html.indexOf(c === 34 ? '"' : "'", k + 1);
      if (close < 0) return { next: n, selfClosing: false, attributes };
      k = close + 1;
      lastSignificant = c;
      inSpace = false;
      continue;
    }
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
    // A name starts after white space, except where it is the value after "=" or the closing "/".
    if (inSpace && !space && c !== 61 && c !== 47 && lastSignificant !== 61) attributes++;
    inSpace = space;
    if (!space) lastSignificant = c;
    k++;
  }
  return { next: n, selfClosing: false, attributes };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}
