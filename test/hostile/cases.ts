/**
 * The hostile-input cases: each one is generated here at run time (nothing large is committed), with the outcome
 * Quipu must reach — a specific error code, or articles stored — within the per-item budget. Used by
 * `hostile.test.ts` (asserts) and `scripts/hostile.ts` (prints the table of case, result and time).
 */
import iconv from 'iconv-lite';
import type { ErrorCode } from '../../src/core/errors.ts';

/**
 * What a case must end in: a failure with this code, this many stored articles, or (`bounded`) either articles or
 * E_TIMEOUT at the per-item budget — for inputs the annotation stages get through, but more slowly than the budget
 * on a busy machine (see docs/limits.md).
 */
export type Expected = { code: ErrorCode } | { articles: number } | { bounded: true };

export interface HostileCase {
  name: string;
  /** File name of the generated item; its extension decides the reader, as for a user's file. */
  file: string;
  make: () => Buffer;
  expected: Expected;
}

const sentence = 'The council of Valmora met on Tuesday, 7 October 2025, and the mayor, Ines Arrate, promised a second vote on the budget. ';
const article = sentence.repeat(4);
const html = (body: string, head = '<title>Valmora budget</title>') => Buffer.from(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const text = (body: string) => Buffer.from(body, 'utf8');
const nested = (open: string, close: string, levels: number) => html(`${open.repeat(levels)}<p>${article}</p>${close.repeat(levels)}`);
const megabyte = 1024 * 1024;

export const hostileCases: HostileCase[] = [
  // Nesting: Readability's cleaning is superlinear in depth (1,000 levels took 42 s, 100,000 overflowed the stack).
  { name: 'nested divs, 1,000 levels (11 KB)', file: 'deep-1000.html', make: () => nested('<div>', '</div>', 1000), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'nested divs, 2,000 levels (22 KB)', file: 'deep-2000.html', make: () => nested('<div>', '</div>', 2000), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'nested divs, 100,000 levels (1 MB)', file: 'deep-100000.html', make: () => nested('<div>', '</div>', 100_000), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'nested divs, 509 levels (just under the limit)', file: 'deep-509.html', make: () => nested('<div>', '</div>', 509), expected: { articles: 1 } },
  { name: 'unclosed divs, 5,000', file: 'unclosed-divs.html', make: () => html(`${'<div>'.repeat(5000)}<p>${article}</p>`), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'unclosed formatting tags <b>, 3,000', file: 'unclosed-b.html', make: () => html(`<p>${article}</p>${'<b>x'.repeat(3000)}`), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'nested tables, 600 levels', file: 'deep-tables.html', make: () => nested('<table><tr><td>', '</td></tr></table>', 600), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'unclosed <li> and <p>, 8,000 siblings (not nesting)', file: 'siblings.html', make: () => html(`<p>${article}<ul>${'<li>item'.repeat(4000)}</ul>${'<p>para'.repeat(4000)}`), expected: { articles: 1 } },
  // Width: jsdom's memory and time grow with the element count.
  { name: 'a million tiny elements (7 MB)', file: 'million.html', make: () => html(`<p>${article}</p>${'<i></i>'.repeat(1_000_000)}`), expected: { code: 'E_TOO_COMPLEX' } },
  { name: '30,000 tiny elements in 300 rows (under the limits, no Readability)', file: 'wide-30k.html', make: () => html(`<p>${article}</p>${`<div>${'<b>x</b> '.repeat(100)}</div>`.repeat(300)}`), expected: { articles: 1 } },
  { name: '40,000 child nodes of one element (20,000 tags with text between)', file: 'wide-children.html', make: () => html(`<p>${article}</p>${'<b>x</b> '.repeat(20_000)}`), expected: { code: 'E_TOO_COMPLEX' } },
  { name: '5,000 paragraphs (600 KB of text, Readability skipped)', file: 'paragraphs.html', make: () => html(`<article>${`<p>${sentence}</p>`.repeat(5000)}</article>`), expected: { bounded: true } },
  // Attributes and tags.
  { name: 'a 5 MB attribute value', file: 'huge-attribute.html', make: () => html(`<p title="${'a'.repeat(5 * megabyte)}">${article}</p>`), expected: { articles: 1 } },
  { name: 'an attribute quote never closed (1 MB)', file: 'open-quote.html', make: () => html(`<p>${article}</p><p title="${'a'.repeat(megabyte)}`), expected: { articles: 1 } },
  { name: '50,000 attributes on one element', file: 'many-attributes.html', make: () => html(`<p ${Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ')}>${article}</p>`), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'a 1 MB tag name', file: 'long-tag.html', make: () => html(`<p>${article}</p><${'x'.repeat(megabyte)}>`), expected: { articles: 1 } },
  { name: '1 MB of "<" characters', file: 'angles.html', make: () => html(`<p>${article}</p>${'<'.repeat(megabyte)}`), expected: { bounded: true } },
  { name: 'a comment never closed (1 MB)', file: 'open-comment.html', make: () => html(`<!--${'x'.repeat(megabyte)}`), expected: { code: 'E_NO_TEXT' } },
  { name: 'a 2 MB script and no text', file: 'script-only.html', make: () => html(`<script>${'var a = "<div>";\n'.repeat(2 * megabyte / 16)}</script>`), expected: { code: 'E_NO_TEXT' } },
  { name: '200,000 character entities', file: 'entities.html', make: () => html(`<p>${article}${'&amp;&#x263A;&eacute; '.repeat(200_000 / 3)}</p>`), expected: { articles: 1 } },
  { name: 'an empty page', file: 'empty-page.html', make: () => Buffer.from('<html><head></head><body></body></html>'), expected: { code: 'E_NO_TEXT' } },
  // Text that grammars and tokenizers must get through.
  { name: '1 MB single-line text', file: 'one-line.txt', make: () => text(`Valmora budget\n\n${sentence.repeat(Math.ceil(megabyte / sentence.length)).replace(/\n/g, ' ')}`), expected: { bounded: true } },
  { name: '1 MB single word, no spaces', file: 'one-word.txt', make: () => text(`Valmora budget\n\n${article}\n\n${'x'.repeat(megabyte)}`), expected: { articles: 1 } },
  { name: '100,000 numbers in a row (figure grammar)', file: 'numbers.txt', make: () => text(`Valmora toll\n\n${article}\n\n${Array.from({ length: 100_000 }, (_, i) => String(i % 97)).join(' ')} dead.`), expected: { bounded: true } },
  { name: '20,000 dates in a row (timex grammar)', file: 'dates.txt', make: () => text(`Valmora dates\n\n${article}\n\n${'on 7 October 2025, last Tuesday, two days later, '.repeat(20_000)}`), expected: { bounded: true } },
  { name: '50,000 opening quotation marks (quote pairing)', file: 'quotes.txt', make: () => text(`Valmora quotes\n\n${article}\n\n${'“ said Arrate '.repeat(50_000)}`), expected: { bounded: true } },
  { name: 'control characters throughout', file: 'control.txt', make: () => text(`Valmora budget\n\n${article.replace(/ /g, (_, i: number) => (i % 3 === 0 ? ' \u0001\u001b[31m' : ' '))}`), expected: { articles: 1 } },
  { name: 'bidi overrides in names', file: 'bidi.txt', make: () => text(`Valmora budget\n\n${article.replace(/Ines Arrate/g, 'Ines \u202EetarrA\u202C')} \u2066Tomás Vidal\u2069 said on Monday that the vote would wait.`), expected: { articles: 1 } },
  { name: '200,000 combining marks (zalgo)', file: 'zalgo.txt', make: () => text(`Valmora budget\n\n${article}\n\n${'a\u0301\u0302\u0303\u0304'.repeat(50_000)}`), expected: { bounded: true } },
  { name: 'lone CR line ends and NBSP everywhere', file: 'cr-nbsp.txt', make: () => text(`Valmora budget\r\r${article.replace(/ /g, '\u00a0').replace(/\. /g, '.\r')}`), expected: { articles: 1 } },
  // Encodings.
  { name: 'UTF-16LE without a byte-order mark', file: 'utf16le.txt', make: () => iconv.encode(`Valmora budget\n\n${article}`, 'utf-16le'), expected: { articles: 1 } },
  { name: 'UTF-16BE without a byte-order mark', file: 'utf16be.txt', make: () => iconv.encode(`Valmora budget\n\n${article}`, 'utf-16be'), expected: { articles: 1 } },
  { name: 'NUL bytes in a text file', file: 'nul.txt', make: () => Buffer.concat([text(article), Buffer.alloc(64), text(article)]), expected: { code: 'E_BINARY' } },
  { name: 'zeros on one side that are not text (uint16 table)', file: 'table.txt', make: () => Buffer.from(new Uint16Array(Array.from({ length: 4000 }, (_, i) => i % 20)).buffer), expected: { code: 'E_BINARY' } },
  { name: 'random high bytes (not UTF-8)', file: 'latin.txt', make: () => Buffer.concat([text('Valmora budget\n\n'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 0x20 : 0xc0 + (i % 60))))]), expected: { articles: 1 } },
  { name: 'a page declaring a charset that does not exist', file: 'bad-charset.html', make: () => html(`<p>${article}</p>`, '<meta charset="x-no-such-charset"><title>Valmora</title>'), expected: { articles: 1 } },
];
