import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Readability } from '@mozilla/readability';
import { toRawOffset } from '../core/doc.ts';
import { extractItem } from './extract.ts';
import { WalkingReadability } from './html.ts';
import { parsePage } from './html-dom.ts';

const para = (topic: string) =>
  `<p>The ${topic} in Valmora drew crowds on Monday, the city council said, and the mayor promised a second vote before the month ends. ` +
  `Residents told the Valmora Wire that the plan would cut three bus routes and close two clinics in the north of the city.</p>`;

const item = (html: string, locator = '/tmp/page.html') => extractItem({ locator, bytes: Buffer.from(html, 'utf8'), contentType: 'text/html', charset: null });

test('html: JSON-LD NewsArticle gives headline, date, authors and publisher', async () => {
  const html = `<html lang="es"><head><title>Ignored | Site</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
      {"@type":"NewsArticle","headline":"Valmora vota el presupuesto","datePublished":"2025-10-07T22:10:00-05:00",
       "author":[{"@type":"Person","name":"Inés Arrate"},{"@type":"Person","name":"Tomás Vidal"}],"publisher":{"@type":"Organization","name":"Valmora Wire"}}]}</script>
    <script type="application/ld+json">{ broken json</script></head>
    <body><article>${para('vote')}${para('budget')}</article></body></html>`;
  const [doc] = (await item(html)).docs;
  assert.equal(doc?.meta.title, 'Valmora vota el presupuesto');
  assert.equal(doc?.meta.published, '2025-10-07');
  assert.deepEqual(doc?.meta.authors, ['Inés Arrate', 'Tomás Vidal']);
  assert.equal(doc?.meta.outlet, 'Valmora Wire');
});

test('html: meta tags are read when there is no JSON-LD', async () => {
  const html = `<html><head><meta property="og:title" content="Budget vote"><meta property="og:site_name" content="Valmora Wire">
    <meta property="article:published_time" content="2025-10-07"><meta name="author" content="Ines Arrate"></head>
    <body><main>${para('vote')}${para('budget')}</main></body></html>`;
  const [doc] = (await item(html)).docs;
  assert.deepEqual([doc?.meta.title, doc?.meta.outlet, doc?.meta.published, doc?.meta.authors], ['Budget vote', 'Valmora Wire', '2025-10-07', ['Ines Arrate']]);
});

test('html: a page with several <article> elements gives one article each, mapped to its own place', async () => {
  const html = `<html><body><header>Valmora Wire live</header>
    <article><h2>Morning: the vote</h2>${para('vote')}${para('count')}</article>
    <article><h2>Noon: the march</h2>${para('march')}${para('rally')}</article>
    <article><h2>Evening: the result</h2>${para('result')}${para('reaction')}</article></body></html>`;
  const extracted = await item(html);
  assert.deepEqual(
    extracted.docs.map((d) => d.meta.title),
    ['Morning: the vote', 'Noon: the march', 'Evening: the result'],
  );
  assert.deepEqual(
    extracted.docs.map((d) => [d.meta.partIndex, d.meta.partCount]),
    [
      [0, 3],
      [1, 3],
      [2, 3],
    ],
  );
  const second = extracted.docs[1]!;
  const at = second.text.indexOf('march');
  assert.equal(extracted.raw.slice(toRawOffset(second.sourceMap, at), toRawOffset(second.sourceMap, at) + 5), 'march');
  assert.notEqual(extracted.docs[0]!.contentHash, second.contentHash);
});

test('html: markup in titles and text stays text, never markup', async () => {
  const html = `<html><head><title>&lt;img src=x onerror=alert(1)&gt; budget</title></head>
    <body><article><h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>${para('vote')}${para('budget')}</article></body></html>`;
  const [doc] = (await item(html)).docs;
  assert.equal(doc?.meta.title, '<img src=x onerror=alert(1)> budget');
});

/** Pages of the shapes Readability's queries meet: paragraphs with media, share bars, tables, lists, forms, SVG links, templates. */
function readabilityPages(): Record<string, string> {
  const shapes = [
    `<div class="share">Share this</div><p>Lead <img src="a.jpg"> with a picture.</p>${para('vote')}<p></p><p><br></p>`,
    `<table><tr><td>${para('budget')}</td></tr></table><table><caption>Votes</caption><tr><th>a</th><td>1</td></tr></table>`,
    `<ul><li>${para('bus routes')}</li><li><a href="/x">link</a></li></ul><ol><li>one</li></ol><form><fieldset><input><button>Go</button></fieldset></form>`,
    `<h1>Headline</h1><h2>Sub</h2><div><div><p>${para('clinics')}</p><font>old</font><br><br><p>after breaks</p></div></div>`,
    `<svg><a href="/in-svg"><text>svg link</text></a><p>foreign</p></svg><template><p>kept apart</p><img src="t.jpg"></template><iframe src="v"></iframe><embed src="e"><object data="o"></object>`,
    `<aside>Related</aside><footer>Footer</footer><noscript><img src="n.jpg"></noscript><figure><picture><img src="p.jpg"></picture><figcaption>Photo</figcaption></figure>`,
  ];
  const pages: Record<string, string> = {};
  shapes.forEach((body, i) => {
    pages[`shape ${i}`] = `<html><head><title>Valmora council | Wire</title></head><body><nav><a href="/">Home</a></nav><article>${body}${para('council')}</article></body></html>`;
  });
  pages['all shapes'] = `<html><head><title>Valmora</title></head><body><main>${shapes.join('<div class="related">More</div>')}</main></body></html>`;
  pages['sample'] = readFileSync(new URL('../../samples/articles/08-embassy.html', import.meta.url), 'utf8');
  return pages;
}

test('html: the walking Readability finds exactly the elements querySelectorAll finds, in the same order', () => {
  const tagSets = [['p'], ['a'], ['img', 'embed', 'object', 'iframe'], ['h1', 'h2'], ['script', 'noscript'], ['img', 'picture', 'figure'], ['ul', 'ol'], ['table'], ['br']];
  for (const [name, html] of Object.entries(readabilityPages())) {
    const { document } = parsePage(html);
    const reader = new WalkingReadability(document);
    for (const root of [document, ...Array.from(document.getElementsByTagName('*'))]) {
      for (const tags of tagSets) {
        const expected = Array.from(root.querySelectorAll(tags.join(',')));
        const got = reader._getAllNodesWithTag(root, tags);
        assert.ok(got.length === expected.length && got.every((element, i) => element === expected[i]), `${name}: ${tags.join(',')} under <${(root as Element).localName ?? '#document'}>`);
      }
    }
  }
});

test('html: the walking Readability gives the stock Readability result on every page', () => {
  for (const [name, html] of Object.entries(readabilityPages())) {
    const stock = new Readability(parsePage(html).document, { charThreshold: 200 }).parse();
    const walking = new WalkingReadability(parsePage(html).document, { charThreshold: 200 }).parse();
    assert.deepEqual(walking, stock, name);
    assert.ok(stock?.content, `${name}: Readability found an article`);
  }
});
