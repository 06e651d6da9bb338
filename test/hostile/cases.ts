/**
 * The hostile-input cases: each one is generated here at run time (nothing large is committed), with the outcome
 * Quipu must reach — a specific error code, or articles stored — within the per-item budget. Used by
 * `hostile.test.ts` (asserts) and `scripts/hostile.ts` (prints the table of case, result and time).
 */
import zlib from 'node:zlib';
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
  /** Served over HTTP with these headers and ingested by URL, instead of read as a file (compressed bodies). */
  served?: Record<string, string>;
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
  {
    name: 'unclosed <li> and <p>, 8,000 siblings (not nesting)',
    file: 'siblings.html',
    make: () => html(`<p>${article}<ul>${'<li>item'.repeat(4000)}</ul>${'<p>para'.repeat(4000)}`),
    expected: { articles: 1 },
  },
  // Width: jsdom's memory and time grow with the element count.
  { name: 'a million tiny elements (7 MB)', file: 'million.html', make: () => html(`<p>${article}</p>${'<i></i>'.repeat(1_000_000)}`), expected: { code: 'E_TOO_COMPLEX' } },
  {
    name: '30,000 tiny elements in 300 rows (under the limits, no Readability)',
    file: 'wide-30k.html',
    make: () => html(`<p>${article}</p>${`<div>${'<b>x</b> '.repeat(100)}</div>`.repeat(300)}`),
    expected: { articles: 1 },
  },
  {
    name: '40,000 child nodes of one element (20,000 tags with text between)',
    file: 'wide-children.html',
    make: () => html(`<p>${article}</p>${'<b>x</b> '.repeat(20_000)}`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  { name: '5,000 paragraphs (600 KB of text, Readability skipped)', file: 'paragraphs.html', make: () => html(`<article>${`<p>${sentence}</p>`.repeat(5000)}</article>`), expected: { bounded: true } },
  // Attributes and tags.
  { name: 'a 5 MB attribute value', file: 'huge-attribute.html', make: () => html(`<p title="${'a'.repeat(5 * megabyte)}">${article}</p>`), expected: { articles: 1 } },
  { name: 'an attribute quote never closed (1 MB)', file: 'open-quote.html', make: () => html(`<p>${article}</p><p title="${'a'.repeat(megabyte)}`), expected: { articles: 1 } },
  {
    name: '50,000 attributes on one element',
    file: 'many-attributes.html',
    make: () => html(`<p ${Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ')}>${article}</p>`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  { name: 'a 1 MB tag name', file: 'long-tag.html', make: () => html(`<p>${article}</p><${'x'.repeat(megabyte)}>`), expected: { articles: 1 } },
  // A "<" that starts no tag is text, and each one a token: a million of them are over the token limit (QUIPU_MAX_TOKENS).
  { name: '1 MB of "<" characters', file: 'angles.html', make: () => html(`<p>${article}</p>${'<'.repeat(megabyte)}`), expected: { code: 'E_TOO_COMPLEX' } },
  {
    name: '260,000 one-character tokens in a text file (just over the token limit)',
    file: 'angles.txt',
    make: () => text(`Valmora budget\n\n${article}\n\n${'<'.repeat(260_000)}`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  { name: 'a 20 MB comment beside an article', file: 'huge-comment.html', make: () => html(`<p>${article}</p><!--${'x'.repeat(20 * megabyte)}-->`), expected: { articles: 1 } },
  { name: 'a 20 MB attribute value', file: 'huge-attribute-20.html', make: () => html(`<p data-x="${'a'.repeat(20 * megabyte)}">${article}</p>`), expected: { articles: 1 } },
  {
    name: 'a 20 MB script beside an article',
    file: 'huge-script.html',
    make: () => html(`<p>${article}</p><script>${'var a = 1;\n'.repeat((20 * megabyte) / 11)}</script>`),
    expected: { articles: 1 },
  },
  { name: 'a comment never closed (1 MB)', file: 'open-comment.html', make: () => html(`<!--${'x'.repeat(megabyte)}`), expected: { code: 'E_NO_TEXT' } },
  { name: 'a 2 MB script and no text', file: 'script-only.html', make: () => html(`<script>${'var a = "<div>";\n'.repeat((2 * megabyte) / 16)}</script>`), expected: { code: 'E_NO_TEXT' } },
  { name: '200,000 character entities', file: 'entities.html', make: () => html(`<p>${article}${'&amp;&#x263A;&eacute; '.repeat(200_000 / 3)}</p>`), expected: { articles: 1 } },
  { name: 'an empty page', file: 'empty-page.html', make: () => Buffer.from('<html><head></head><body></body></html>'), expected: { code: 'E_NO_TEXT' } },
  // Text that grammars and tokenizers must get through.
  {
    name: '1 MB single-line text',
    file: 'one-line.txt',
    make: () => text(`Valmora budget\n\n${sentence.repeat(Math.ceil(megabyte / sentence.length)).replace(/\n/g, ' ')}`),
    expected: { bounded: true },
  },
  { name: '1 MB single word, no spaces', file: 'one-word.txt', make: () => text(`Valmora budget\n\n${article}\n\n${'x'.repeat(megabyte)}`), expected: { articles: 1 } },
  // Over the text limit (QUIPU_MAX_TEXT_CHARS): refused before it is read, as a page is by the scan of its markup.
  {
    name: '2 MB of text in one file (over the text limit)',
    file: 'two-megabytes.txt',
    make: () => text(`Valmora budget\n\n${sentence.repeat(Math.ceil((2 * megabyte) / sentence.length))}`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  {
    name: '100,000 numbers in a row (figure grammar)',
    file: 'numbers.txt',
    make: () => text(`Valmora toll\n\n${article}\n\n${Array.from({ length: 100_000 }, (_, i) => String(i % 97)).join(' ')} dead.`),
    expected: { bounded: true },
  },
  {
    name: '20,000 dates in a row (timex grammar)',
    file: 'dates.txt',
    make: () => text(`Valmora dates\n\n${article}\n\n${'on 7 October 2025, last Tuesday, two days later, '.repeat(20_000)}`),
    expected: { bounded: true },
  },
  { name: '50,000 opening quotation marks (quote pairing)', file: 'quotes.txt', make: () => text(`Valmora quotes\n\n${article}\n\n${'“ said Arrate '.repeat(50_000)}`), expected: { bounded: true } },
  {
    name: 'control characters throughout',
    file: 'control.txt',
    make: () => text(`Valmora budget\n\n${article.replace(/ /g, (_, i: number) => (i % 3 === 0 ? ' \u0001\u001b[31m' : ' '))}`),
    expected: { articles: 1 },
  },
  {
    name: 'bidi overrides in names',
    file: 'bidi.txt',
    make: () => text(`Valmora budget\n\n${article.replace(/Ines Arrate/g, 'Ines \u202EetarrA\u202C')} \u2066Tomás Vidal\u2069 said on Monday that the vote would wait.`),
    expected: { articles: 1 },
  },
  { name: '200,000 combining marks (zalgo)', file: 'zalgo.txt', make: () => text(`Valmora budget\n\n${article}\n\n${'a\u0301\u0302\u0303\u0304'.repeat(50_000)}`), expected: { bounded: true } },
  { name: 'lone CR line ends and NBSP everywhere', file: 'cr-nbsp.txt', make: () => text(`Valmora budget\r\r${article.replace(/ /g, '\u00a0').replace(/\. /g, '.\r')}`), expected: { articles: 1 } },
  // Encodings.
  { name: 'UTF-16LE without a byte-order mark', file: 'utf16le.txt', make: () => iconv.encode(`Valmora budget\n\n${article}`, 'utf-16le'), expected: { articles: 1 } },
  { name: 'UTF-16BE without a byte-order mark', file: 'utf16be.txt', make: () => iconv.encode(`Valmora budget\n\n${article}`, 'utf-16be'), expected: { articles: 1 } },
  { name: 'NUL bytes in a text file', file: 'nul.txt', make: () => Buffer.concat([text(article), Buffer.alloc(64), text(article)]), expected: { code: 'E_BINARY' } },
  {
    name: 'zeros on one side that are not text (uint16 table)',
    file: 'table.txt',
    make: () => Buffer.from(new Uint16Array(Array.from({ length: 4000 }, (_, i) => i % 20)).buffer),
    expected: { code: 'E_BINARY' },
  },
  {
    name: 'random high bytes (not UTF-8)',
    file: 'latin.txt',
    make: () => Buffer.concat([text('Valmora budget\n\n'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 0x20 : 0xc0 + (i % 60))))]),
    expected: { articles: 1 },
  },
  {
    name: 'a page declaring a charset that does not exist',
    file: 'bad-charset.html',
    make: () => html(`<p>${article}</p>`, '<meta charset="x-no-such-charset"><title>Valmora</title>'),
    expected: { articles: 1 },
  },
  // Feeds: read by a streaming parser, checked whole before any item is stored.
  { name: 'RSS feed cut off inside an item', file: 'cut.rss', make: () => Buffer.from(rss(feedItems(20)).subarray(0, 4000)), expected: { code: 'E_FEED' } },
  { name: 'RSS without a <channel>', file: 'no-channel.rss', make: () => Buffer.from(`<?xml version="1.0"?><rss version="2.0">${feedItems(3)}</rss>`), expected: { code: 'E_FEED' } },
  {
    name: 'a feed file whose root is not a feed (<catalog>)',
    file: 'catalog.xml',
    make: () => Buffer.from(`<?xml version="1.0"?><catalog><book><title>Valmora</title><p>${article}</p></book></catalog>`),
    expected: { articles: 1 },
  },
  { name: 'billion laughs in a feed (entities left unexpanded)', file: 'laughs.rss', make: () => rss(feedItems(2), laughs), expected: { articles: 2 } },
  {
    name: 'an external entity pointing at /etc/passwd in a feed',
    file: 'xxe.rss',
    make: () => rss(feedItems(1).replace('<title>', '<title>&xxe;'), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    expected: { articles: 1 },
  },
  { name: 'a CDATA section never closed', file: 'open-cdata.rss', make: () => rss(`${feedItems(2)}<item><title><![CDATA[${'x'.repeat(megabyte)}</title></item>`), expected: { code: 'E_FEED' } },
  {
    name: 'CDATA split around "]]>" and a CDATA opener inside CDATA',
    file: 'cdata-tricks.rss',
    make: () => rss(feedItems(2).replace(/<description>/g, '<description><![CDATA[<p>a ]]]]><![CDATA[> b <![CDATA[ c</p>]]>')),
    expected: { articles: 2 },
  },
  { name: '"]]>" in plain feed text', file: 'bare-cdata-end.rss', make: () => rss(feedItems(2).replace('</title>', ' ]]> </title>')), expected: { code: 'E_FEED' } },
  { name: 'a million empty items (13 MB)', file: 'million-items.rss', make: () => rss('<item></item>'.repeat(1_000_000)), expected: { code: 'E_FEED' } },
  {
    name: '100,000 nested elements inside a feed item',
    file: 'deep-feed.rss',
    make: () => rss(`<item><title>Deep</title><description>${'<x>'.repeat(100_000)}${article}${'</x>'.repeat(100_000)}</description></item>`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  {
    name: 'a feed item of 5 MB',
    file: 'huge-item.rss',
    make: () => rss(`<item><title>Valmora</title><description>&lt;p&gt;${sentence.repeat(Math.ceil((5 * megabyte) / sentence.length))}&lt;/p&gt;</description></item>`),
    expected: { code: 'E_TOO_COMPLEX' },
  },
  { name: 'JSON Feed cut off', file: 'cut.json', make: () => Buffer.from(jsonFeed(20).subarray(0, 3000)), expected: { code: 'E_FEED' } },
  {
    name: 'JSON Feed of a million empty items',
    file: 'million-items.json',
    make: () => Buffer.from(`{"version":"https://jsonfeed.org/version/1.1","title":"Valmora","items":[${Array(1_000_000).fill('{}').join(',')}]}`),
    expected: { code: 'E_FEED' },
  },
  {
    name: 'RSS feed in UTF-16LE with a byte-order mark',
    file: 'utf16.rss',
    make: () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss(feedItems(3)).toString('utf8').replace('UTF-8', 'UTF-16'), 'utf-16le')]),
    expected: { articles: 3 },
  },
  { name: 'RSS feed declaring ISO-8859-1', file: 'latin1.rss', make: () => iconv.encode(rss(feedItems(3)).toString('utf8').replace('UTF-8', 'ISO-8859-1'), 'latin1'), expected: { articles: 3 } },
  // Compressed: a file is never decompressed; a fetched body is, under the size cap counted after decompression.
  { name: 'a gzip bomb as a file (.xml.gz, 64 MB of zeros)', file: 'bomb.xml.gz', make: () => zlib.gzipSync(Buffer.alloc(64 * megabyte)), expected: { code: 'E_BINARY' } },
  {
    name: 'a gzip bomb served as a feed (1 GB of zeros in 1 MB)',
    file: 'bomb-feed',
    served: { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' },
    make: () => gzipBomb(1024),
    expected: { code: 'E_TOO_LARGE' },
  },
  {
    name: 'a gzip bomb inside a gzip bomb (Content-Encoding: gzip, gzip)',
    file: 'bomb-double',
    served: { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip' },
    make: () => zlib.gzipSync(gzipBomb(256)),
    expected: { code: 'E_TOO_LARGE' },
  },
  {
    name: 'a deflate bomb served as a page (256 MB of spaces)',
    file: 'bomb-deflate',
    served: { 'content-type': 'text/html', 'content-encoding': 'deflate' },
    make: () => deflateBomb(256, 0x20),
    expected: { code: 'E_TOO_LARGE' },
  },
  {
    name: 'a brotli bomb served as a page (64 MB of "<")',
    file: 'bomb-br',
    served: { 'content-type': 'text/html', 'content-encoding': 'br' },
    make: () => zlib.brotliCompressSync(Buffer.alloc(64 * megabyte, '<')),
    expected: { code: 'E_TOO_LARGE' },
  },
  { name: 'a gzip body broken halfway', file: 'broken-gzip', served: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, make: () => brokenGzip(), expected: { code: 'E_DECODE' } },
  {
    name: 'a body compressed in an encoding Quipu does not know',
    file: 'compress',
    served: { 'content-type': 'text/html', 'content-encoding': 'compress' },
    make: () => html(`<p>${article}</p>`),
    expected: { code: 'E_UNSUPPORTED_TYPE' },
  },
  // PDFs: their streams are inflated by pdf.js.
  { name: 'a PDF whose page is a deflate bomb (1 GB of spaces)', file: 'bomb.pdf', make: () => pdf(deflateBomb(1024, 0x20), '/Filter /FlateDecode'), expected: { code: 'E_TOO_COMPLEX' } },
  { name: 'a PDF cut off after its first object', file: 'cut.pdf', make: () => pdf(Buffer.from(pdfText), '').subarray(0, 120), expected: { code: 'E_PDF' } },
  { name: 'a PDF whose page stream says it is compressed but is not', file: 'fake-flate.pdf', make: () => pdf(Buffer.from(pdfText), '/Filter /FlateDecode'), expected: { code: 'E_NO_TEXT' } },
  // Encodings.
  {
    name: 'UTF-16LE with a byte-order mark',
    file: 'bom16le.txt',
    make: () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`Valmora budget\n\n${article}`, 'utf-16le')]),
    expected: { articles: 1 },
  },
  {
    name: 'UTF-16BE with a byte-order mark',
    file: 'bom16be.txt',
    make: () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(`Valmora budget\n\n${article}`, 'utf-16be')]),
    expected: { articles: 1 },
  },
  {
    name: 'UTF-8 and Windows-1252 paragraphs in one file',
    file: 'mixed.txt',
    make: () => Buffer.concat([text(`Valmora budget\n\n${article}\n\nAño de obras en Peñalta.\n\n`), iconv.encode(`${article} La región de Peñalta votó «sí».`, 'windows-1252')]),
    expected: { articles: 1 },
  },
  {
    name: 'overlong UTF-8 sequences (a slash in two and three bytes)',
    file: 'overlong.txt',
    make: () => Buffer.concat([text(`Valmora budget\n\n${article}`), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0x20]), text(article)]),
    expected: { articles: 1 },
  },
  {
    name: 'lone surrogates encoded in UTF-8 (CESU-style)',
    file: 'surrogates.txt',
    make: () => Buffer.concat([text(`Valmora budget\n\n${article}`), Buffer.from([0xed, 0xa0, 0x80, 0x20, 0xed, 0xbf, 0xbf]), text(` ${article}`)]),
    expected: { articles: 1 },
  },
  {
    name: 'character references to lone surrogates and NUL in HTML',
    file: 'ref-surrogates.html',
    make: () => html(`<p>${article} &#xD800; &#0; &#xDFFF;&#x110000; ${article}</p>`),
    expected: { articles: 1 },
  },
  {
    name: 'a UTF-8 page whose meta says windows-1251',
    file: 'wrong-meta.html',
    make: () => html(`<p>${article} Año de obras en Peñalta.</p>`, '<meta charset="windows-1251"><title>Peñalta</title>'),
    expected: { articles: 1 },
  },
  {
    name: 'a UTF-8 page whose meta says UTF-16',
    file: 'meta-utf16.html',
    make: () => html(`<p>${article} Año de obras en Peñalta.</p>`, '<meta http-equiv="Content-Type" content="text/html; charset=utf-16"><title>Peñalta</title>'),
    expected: { articles: 1 },
  },
  { name: 'UTF-32LE with a byte-order mark', file: 'utf32.txt', make: () => utf32le(`Valmora budget\n\n${article}`), expected: { articles: 1 } },
  // Grammars: runs that a backtracking pattern would take exponential or quadratic time over.
  { name: '200,000 digits in one run (figure grammar)', file: 'digits.txt', make: () => text(`Valmora toll\n\n${article}\n\n${'7'.repeat(200_000)} dead.`), expected: { bounded: true } },
  {
    name: '"1,000,000," repeated 50,000 times (thousands separators)',
    file: 'separators.txt',
    make: () => text(`Valmora toll\n\n${article}\n\n${'1,000,000,'.repeat(50_000)} people.`),
    expected: { bounded: true },
  },
  {
    name: '"de de de" 100,000 times (Spanish dates)',
    file: 'de-de.txt',
    make: () => text(`Presupuesto de Valmora\n\n${article}\n\n El 3 ${'de '.repeat(100_000)}marzo.`),
    expected: { bounded: true },
  },
  {
    name: '10,000 Spanish dates in a row',
    file: 'fechas.txt',
    make: () => text(`Presupuesto de Valmora\n\nEl concejo de Valmora votó el martes. ${'el 3 de marzo de 2024, el lunes pasado, hace dos semanas, '.repeat(10_000)}`),
    expected: { bounded: true },
  },
  {
    name: '"between 3 and 4 and" 50,000 times (ranges)',
    file: 'ranges.txt',
    make: () => text(`Valmora toll\n\n${article}\n\nBetween ${'3 and 4 and '.repeat(50_000)}5 people died.`),
    expected: { bounded: true },
  },
  {
    name: '"one hundred and" 50,000 times (spelled numbers)',
    file: 'spelled.txt',
    make: () => text(`Valmora toll\n\n${article}\n\n${'one hundred and '.repeat(50_000)}two people were detained.`),
    expected: { bounded: true },
  },
  {
    name: '1 MB single-line HTML page',
    file: 'one-line.html',
    make: () => html(`<article>${`<p>${sentence}</p>`.repeat(Math.ceil(megabyte / (sentence.length + 7)))}</article>`.replace(/\n/g, ' ')),
    expected: { bounded: true },
  },
  // Names.
  {
    name: 'zero-width joiners and non-joiners in names',
    file: 'zwj.txt',
    make: () => text(`Valmora budget\n\n${article.replace(/Ines Arrate/g, 'In\u200des Ar\u200crate')} Tom\u200bás Vi\u2060dal said the vote would wait.`),
    expected: { articles: 1 },
  },
  {
    name: 'bidi overrides and control characters in an HTML title and byline',
    file: 'bidi-title.html',
    make: () =>
      html(
        `<p class="byline">By \u202EetarrA senI\u202C\u0007</p><p>${article}</p>`,
        '<title>Valmora \u202Ebudget\u202C \u0001\u001b[2J vote</title><meta name="author" content="\u2067Tomás\u2069 \u0008Vidal">',
      ),
    expected: { articles: 1 },
  },
];

/** An RSS feed with the items given, after an optional DOCTYPE. */
function rss(items: string, doctype = ''): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${doctype}<rss version="2.0"><channel><title>Valmora Wire &amp; Post</title><language>en</language>${items}</channel></rss>`);
}

/** `count` items, each a whole article (so nothing is fetched), distinct by number. */
function feedItems(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Valmora budget, part ${i + 1}</title><guid isPermaLink="false">v-${i + 1}</guid><description>&lt;p&gt;${article} Part ${i + 1} of the council report.&lt;/p&gt;</description></item>`,
  ).join('');
}

function jsonFeed(count: number): Buffer {
  const items = Array.from({ length: count }, (_, i) => ({ id: String(i + 1), title: `Valmora budget, part ${i + 1}`, content_text: `${article} Part ${i + 1}.` }));
  return Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Valmora Wire', items }));
}

const laughs = `<!DOCTYPE rss [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;

/** Gzip members of 1 MB of zeros each, one after another: a valid gzip stream of `mb` megabytes in about `mb` KB. */
function gzipBomb(mb: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(megabyte), { level: 9 });
  return Buffer.concat(Array(mb).fill(member));
}

/**
 * A zlib stream of `mb` megabytes of one byte, built from one compressed megabyte repeated: each piece ends in a full
 * flush, so it depends on nothing before it. The checksum at the end is the true one (Adler-32 in closed form).
 */
function deflateBomb(mb: number, byte: number): Buffer {
  const piece = zlib.deflateRawSync(Buffer.alloc(megabyte, byte), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const n = BigInt(mb * megabyte);
  const b = BigInt(byte);
  const a = (1n + n * b) % 65521n;
  const s = (n + (b * n * (n + 1n)) / 2n) % 65521n;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number((s << 16n) | a));
  // 0x78 0xda: a zlib header (deflate, best compression); 0x03 0x00: an empty final block.
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array(mb).fill(piece), Buffer.from([0x03, 0x00]), adler]);
}

function brokenGzip(): Buffer {
  const whole = zlib.gzipSync(html(`<p>${article}</p>`.repeat(50)));
  const broken = Buffer.from(whole);
  broken.fill(0xff, whole.length >> 1, (whole.length >> 1) + 16);
  return broken;
}

function utf32le(value: string): Buffer {
  const out = Buffer.alloc(4 + value.length * 4);
  out.writeUInt32LE(0xfeff, 0);
  [...value].forEach((c, i) => out.writeUInt32LE(c.codePointAt(0) ?? 0, 4 + i * 4));
  return out;
}

const pdfText = 'BT /F1 12 Tf 72 720 Td (The council of Valmora met on Tuesday.) Tj ET';

/** A one-page PDF whose page content is `stream`, with `filter` in its dictionary; offsets computed, so pdf.js needs no repair. */
function pdf(stream: Buffer, filter: string): Buffer {
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} ${filter} >>\nstream\n`), stream, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(size);
    const piece = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
    parts.push(piece);
    size += piece.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}
