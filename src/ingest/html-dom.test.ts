import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parsePage } from './html-dom.ts';

/** Every node of a tree in document order: type, name, attributes or data, and its place in the raw page. */
function describe(document: Document, location: (node: Node) => unknown): string[] {
  const out: string[] = [];
  const walk = (node: Node, depth: number) => {
    const element = node.nodeType === 1 ? (node as Element) : null;
    const attributes = element ? Array.from(element.attributes, (a) => `${a.name}=${a.value}`).join(' ') : '';
    out.push(`${depth} ${node.nodeType} ${node.nodeName} ${attributes} ${JSON.stringify((node as CharacterData).data ?? null)} ${JSON.stringify(location(node) ?? null)}`);
    for (const child of node.childNodes) walk(child, depth + 1);
    // a template's content is a fragment of its own
    if (element?.tagName === 'TEMPLATE') walk((element as HTMLTemplateElement).content, depth + 1);
  };
  walk(document, 0);
  return out;
}

const pages: Record<string, string> = {
  news: `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Valmora &amp; Osmora</title>
    <script>var tracking = "<p>not a paragraph</p>";</script><style>p{margin:0}</style></head>
    <body><nav><a href="/">Inicio</a></nav><article><h1>El concejo de Valmora vota</h1>
    <p class="byline">Por Inés Arrate</p><p>El alcalde dijo &laquo;no&raquo; el martes &#8212; y la votación&nbsp;se aplazó.</p></article></body></html>`,
  // parsed as raw text when scripting is on, as jsdom parses it when it keeps node locations
  noscript: '<html><body><noscript><p>Enable <b>scripts</b></p></noscript><p>Texto del artículo.</p></body></html>',
  crlf: '<html>\r\n<body>\r\n<p>First line\r\nsecond line &amp; more</p>\r\n</body></html>',
  malformed: '<p>One<p>Two<table><tr><td>cell<div>inside</td></tr></table><b><i>crossed</b></i><template><p>kept apart</p></template>',
  empty: '',
};

for (const [name, html] of Object.entries(pages)) {
  for (const url of [undefined, 'https://valmora.example/news/vote.html']) {
    test(`html-dom: the ${name} page${url ? ' with a URL' : ''} parses to the tree and locations new JSDOM gives`, () => {
      const dom = new JSDOM(html, { includeNodeLocations: true, url, virtualConsole: new VirtualConsole() });
      const page = parsePage(html, url);
      assert.deepEqual(
        describe(page.document, page.location),
        describe(dom.window.document, (node) => dom.nodeLocation(node)),
      );
      assert.equal(page.document.URL, dom.window.document.URL);
      assert.equal(page.document.title, dom.window.document.title);
    });
  }
}

test('html-dom: pages parsed one after another do not share nodes', () => {
  const first = parsePage('<p id="a">Uno</p>');
  const second = parsePage('<p id="a">Dos</p>');
  assert.equal(first.document.getElementById('a')?.textContent, 'Uno');
  assert.equal(second.document.getElementById('a')?.textContent, 'Dos');
  assert.notEqual(first.document, second.document);
});
