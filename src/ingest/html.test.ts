import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toRawOffset } from '../core/doc.ts';
import { extractItem } from './extract.ts';

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
