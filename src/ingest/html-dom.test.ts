import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parsePage } from './html-dom.ts';
import { treePages as pages } from './html-test-pages.ts';

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
