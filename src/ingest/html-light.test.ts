import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { PageElement, PageNode, PageText, PageTree } from './html-dom.ts';
import { parsePage } from './html-dom.ts';
import { pageDrafts } from './html.ts';
import { parseLightPage } from './html-light.ts';
import { treePages } from './html-test-pages.ts';

/** Every node of a tree in document order: type, names, attributes or data, and its place in the raw page. */
function describe(page: PageTree): string[] {
  const out: string[] = [];
  const walk = (node: PageNode, depth: number) => {
    const element = node.nodeType === 1 ? (node as PageElement & { attributes?: NamedNodeMap; attrs?: { name: string; prefix?: string; value: string }[] }) : null;
    const attributes = element?.attributes
      ? Array.from(element.attributes, (a) => `${a.name}=${a.value}`)
      : (element?.attrs?.map((a) => `${a.prefix ? `${a.prefix}:` : ''}${a.name}=${a.value}`) ?? []);
    const data = node.nodeType === 3 || node.nodeType === 8 ? (node as PageText).data : null;
    out.push(`${depth} ${node.nodeType} ${element?.tagName ?? ''} ${element?.localName ?? ''} ${attributes.join(' ')} ${JSON.stringify(data)} ${JSON.stringify(page.location(node))}`);
    for (const child of (node as PageElement).childNodes ?? []) walk(child, depth + 1);
    const content = (element as { content?: PageNode } | null)?.content;
    if (element?.localName === 'template' && content) walk(content, depth + 1);
  };
  walk(page.document as unknown as PageNode, 0);
  return out;
}

const para = (topic: string) =>
  `<p>The ${topic} in Valmora drew crowds on Monday, the city council said, and the mayor promised a second vote before the month ends. ` +
  `Residents told the Valmora Wire that the plan would cut three bus routes and close two clinics in the north of the city.</p>`;

/** Pages of the shapes where an HTML tree builder has choices to make, and the ones jsdom makes its own way. */
const pages: Record<string, string> = {
  ...treePages,
  // Text fostered out of a table: jsdom appends it to the table's parent, after the table.
  fostered: '<body><p>Before</p><table>fostered text<tr><td>cell</td></tr>more<tr><td>two</td></tr></table><p>After</p></body>',
  'fostered after text': '<body>lead<table>x<tr><td>a</td></tr></table></body>',
  // A second <html> or <body> start tag: jsdom sets its attributes, replacing a value already there.
  'repeated html and body': '<html lang="en" class="a"><body id="one"><p>Text</p><html lang="es" data-x="1"><body id="two" class="b"><p>More</p></body></html>',
  'adoption agency': '<p><b>one<i>two<p>three</b>four</i>five</p><a href="/x">link<a href="/y">other</a></a><b><b><b><b>deep</b></b></b></b>',
  svg: '<body><svg viewBox="0 0 1 1"><foreignObject><p>inside</p></foreignObject><title>Pic</title><a xlink:href="/in-svg"><text>svg</text></a></svg><math><mi>x</mi></math></body>',
  'svg root title': '<svg xmlns="http://www.w3.org/2000/svg"><title> An  image </title></svg>',
  frameset: '<html><head><title>Frames</title></head><frameset><frame src="a"></frameset></html>',
  'no body': '<title>Only a title</title>',
  comments: '<!-- a --><html><!-- b --><body><p>Text<!-- c --> after</p></body></html><!-- d -->',
  'entities and references': `<p>&amp;&#x263A;&eacute; &notin; &notit; &#0; &#x110000; &#128512; a&b &lt;tag&gt;</p>`,
  'unclosed quote': `<p>${para('vote')}</p><p title="never closed`,
  'nested articles': `<body><article>${para('outer')}<article>${para('inner')}</article></article><article><h2>Second</h2>${para('second')}</article></body>`,
  live: `<html><body><header>Valmora Wire live</header>
    <article><h2>Morning: the vote</h2>${para('vote')}${para('count')}<div class="share">Share</div></article>
    <article><h3>Noon: the march</h3>${para('march')}<nav>skip</nav>${para('rally')}</article></body></html>`,
  'furniture everywhere': `<body><div role="navigation">Menu</div><div id="cookie-banner">Cookies</div><main>${para('budget')}<aside>Aside</aside><div class="related-links">Related</div>${para('roads')}</main><footer>Footer</footer><form><p>Subscribe</p></form></body>`,
  empty: '',
};

function samplePages(): Record<string, string> {
  const folder = new URL('../../samples/articles/', import.meta.url);
  const found: Record<string, string> = {};
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.html'))) found[`sample ${name}`] = readFileSync(new URL(name, folder), 'utf8');
  return found;
}

const allPages = { ...pages, ...samplePages() };

for (const [name, html] of Object.entries(allPages)) {
  test(`html-light: the ${name} page parses to the tree and locations jsdom gives`, () => {
    const jsdom = parsePage(html);
    const light = parseLightPage(html);
    assert.deepEqual(describe(light), describe(jsdom));
    assert.equal(light.document.title, jsdom.document.title);
    assert.equal(light.document.body?.localName, jsdom.document.body?.localName);
    assert.equal(light.document.documentElement?.textContent, jsdom.document.documentElement?.textContent);
  });

  test(`html-light: the ${name} page read as a whole gives the same articles from both trees`, () => {
    const read = (page: PageTree) => {
      try {
        return pageDrafts(page, html, '/tmp/page.html');
      } catch (error) {
        return (error as Error).message;
      }
    };
    assert.deepEqual(read(parseLightPage(html)), read(parsePage(html)));
  });
}

test('html-light: a table at the start of the body with text in it is read (jsdom throws on it)', () => {
  const html = '<body><table>fostered<tr><td>cell</td></tr></table></body>';
  assert.throws(() => parsePage(html), TypeError);
  const drafts = pageDrafts(parseLightPage(html), html, '/tmp/page.html');
  assert.equal(drafts[0]?.text, 'cell\n\nfostered');
});
