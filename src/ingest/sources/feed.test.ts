import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { QuipuError } from '../../core/errors.ts';
import { hasFullContent, looksLikeFeed, openFeed, parseFeed, type ParsedFeed } from './feed.ts';

// Fictional outlets and stories only; every fixture is hand-written for these tests.
const longBody = '<p>' + 'The harbour council of Vellmark voted on the new ferry timetable after a long evening. '.repeat(8) + '</p>';

const rss2 = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/style.xsl"?>
<rss version="2.0"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>The Vellmark Tide &amp; Gazette</title>
    <link>https://tide.example/</link>
    <atom:link rel="self" href="https://tide.example/feed.xml" type="application/rss+xml"/>
    <language>en-gb</language>
    <item>
      <title><![CDATA[Ferry timetable &amp; fares: council&#8217;s caf&eacute; vote]]></title>
      <link>
        https://tide.example/2024/03/ferry-vote
      </link>
      <guid isPermaLink="false">tide-4411</guid>
      <pubDate>Tue, 05 Mar 2024 22:30:00 -0500</pubDate>
      <dc:creator><![CDATA[Mira Okonkwo-Lund]]></dc:creator>
      <description><![CDATA[<p>A short teaser about the ferry vote.</p>]]></description>
      <content:encoded><![CDATA[${longBody}]]></content:encoded>
    </item>
    <item>
      <title>Lighthouse keeper retires</title>
      <link>/2024/03/lighthouse</link>
      <author>desk@tide.example (Tomas Reyve)</author>
      <description>&lt;p&gt;Forty years at the Vellmark light.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Only a title, nothing to read</title>
    </item>
  </channel>
</rss>`;

const rssDescriptionOnly = `<?xml version="1.0"?>
<rss version="2.0">
  <channel>
    <title>Orrin Valley Courier</title>
    <link>https://courier.example</link>
    <item>
      <title>Bridge repairs start Monday</title>
      <link>https://courier.example/news/bridge-repairs</link>
      <description>Crews will close the east lane of the Orrin bridge for two weeks.</description>
      <pubDate>Sun, 10 Nov 2024 08:00:00 GMT</pubDate>
      <guid>https://courier.example/news/bridge-repairs</guid>
    </item>
    <item>
      <title>Permalink guid stands in for a missing link</title>
      <guid>https://courier.example/news/guid-only</guid>
    </item>
  </channel>
</rss>`;

const rssSingleItem = `<rss version="2.0"><channel><title>Tiny</title><link>https://tiny.example/</link>
<item><title>The one and only</title><link>https://tiny.example/one</link><description>Just one.</description></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://journal.example/blog/">
  <title type="html">Le Journal d&amp;apos;Azemont</title>
  <link rel="self" href="feed.atom"/>
  <link href="./"/>
  <id>urn:uuid:5c1f-azemont</id>
  <updated>2024-06-02T09:00:00Z</updated>
  <author><name>Rédaction Azemont</name></author>
  <entry>
    <title>Marché couvert : la mairie vote</title>
    <link rel="enclosure" href="audio/marche.mp3" type="audio/mpeg"/>
    <link rel="self" href="api/entries/17"/>
    <link rel="alternate" type="text/html" href="2024/06/marche"/>
    <id>tag:journal.example,2024:17</id>
    <published>2024-06-01T18:45:00+02:00</published>
    <updated>2024-06-02T08:00:00Z</updated>
    <author><name>Élodie Varin</name><email>ev@journal.example</email></author>
    <summary>Un résumé court.</summary>
    <content type="html">&lt;p&gt;La mairie d&amp;rsquo;Azemont a voté.&lt;/p&gt;&lt;p&gt;Suite &amp;amp; fin.&lt;/p&gt;</content>
  </entry>
  <entry xml:base="https://archive.journal.example/old/" xml:lang="de">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Archiv <b>Eintrag</b></div></title>
    <link href="eintrag-3"/>
    <id>tag:journal.example,2019:3</id>
    <updated>2019-01-09T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ein <em>alter</em> Text &amp; mehr.</p><br/></div></content>
  </entry>
  <entry>
    <title>Texte brut</title>
    <link href="https://journal.example/blog/brut"/>
    <id>tag:journal.example,2024:18</id>
    <updated>2024-06-03T10:00:00Z</updated>
    <content type="text">Un texte &lt;sans&gt; balises.</content>
  </entry>
</feed>`;

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://fjord.example/">
    <title>Fjordside Weekly</title>
    <link>https://fjord.example/</link>
    <description>News from a fictional fjord.</description>
    <dc:language>nb</dc:language>
    <items><rdf:Seq><rdf:li rdf:resource="https://fjord.example/a/1"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://fjord.example/a/1">
    <title>Ny kai åpner</title>
    <link>https://fjord.example/a/1</link>
    <description>Kaien åpner i mai.</description>
    <dc:date>2023-04-18T07:15:00+01:00</dc:date>
    <dc:creator>Ingrid Solvik</dc:creator>
  </item>
  <item rdf:about="https://fjord.example/a/2">
    <title>Fergen er forsinket</title>
    <link>https://fjord.example/a/2</link>
    <dc:date>2023-04</dc:date>
  </item>
</rdf:RDF>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Kettle Point Dispatch',
  home_page_url: 'https://kettle.example/dispatch/',
  feed_url: 'https://kettle.example/dispatch/feed.json',
  language: 'en-US',
  authors: [{ name: 'Dispatch Desk' }],
  items: [
    {
      id: 'k-101',
      url: 'stories/tide-gauge',
      title: 'Tide gauge reads high &amp; steady',
      content_html: longBody,
      content_text: 'Plain text version.',
      summary: 'The gauge stayed high.',
      date_published: '2025-01-20T06:00:00-08:00',
      authors: [{ name: 'Pell Arlington' }, { name: 'Pell Arlington' }, { url: 'https://kettle.example/nobody' }],
      language: 'en-GB',
    },
    { id: 102, external_url: 'https://elsewhere.example/post', content_text: 'Linked elsewhere.' },
    { id: 'k-103', title: 'Nothing but a title' },
    'not an item',
  ],
});

function expectFeedError(run: () => unknown, reason: RegExp): QuipuError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof QuipuError, `expected a QuipuError, got ${String(caught)}`);
  assert.equal(caught.code, 'E_FEED');
  assert.match(caught.message, reason);
  return caught;
}

test('feed: reads content:encoded as inline article HTML and dc:creator as author', () => {
  const feed = parseFeed(rss2, 'https://tide.example/feed.xml');
  assert.equal(feed.kind, 'rss');
  assert.equal(feed.title, 'The Vellmark Tide & Gazette');
  assert.equal(feed.homeUrl, 'https://tide.example/');
  assert.equal(feed.language, 'en-gb');
  const [first] = feed.items;
  assert.ok(first);
  assert.equal(first.id, 'tide-4411');
  assert.equal(first.title, 'Ferry timetable & fares: council\u2019s café vote');
  assert.equal(first.link, 'https://tide.example/2024/03/ferry-vote');
  assert.equal(first.published, '2024-03-05', "the day in the outlet's own zone, not UTC");
  assert.deepEqual(first.authors, ['Mira Okonkwo-Lund']);
  assert.equal(first.contentHtml, longBody);
  assert.equal(first.summary, '<p>A short teaser about the ferry vote.</p>');
  assert.equal(first.language, 'en-gb');
  assert.equal(hasFullContent(first), true);
});

test('feed: resolves relative RSS links against the feed URL and reads "email (Name)" authors as the name', () => {
  const feed = parseFeed(rss2, 'https://tide.example/feed.xml');
  const second = feed.items[1];
  assert.ok(second);
  assert.equal(second.link, 'https://tide.example/2024/03/lighthouse');
  assert.deepEqual(second.authors, ['Tomas Reyve']);
  assert.equal(second.summary, '<p>Forty years at the Vellmark light.</p>', 'escaped HTML is decoded once');
  assert.equal(second.contentHtml, null);
});

test('feed: skips items with neither link nor content', () => {
  const feed = parseFeed(rss2, 'https://tide.example/feed.xml');
  assert.deepEqual(
    feed.items.map((i) => i.title),
    ['Ferry timetable & fares: council\u2019s café vote', 'Lighthouse keeper retires'],
  );
});

test('feed: an RSS item with only description and link keeps the description as summary, not content', () => {
  const feed = parseFeed(rssDescriptionOnly, 'https://courier.example/rss');
  const [item, guidOnly] = feed.items;
  assert.ok(item && guidOnly);
  assert.equal(item.link, 'https://courier.example/news/bridge-repairs');
  assert.equal(item.summary, 'Crews will close the east lane of the Orrin bridge for two weeks.');
  assert.equal(item.contentHtml, null);
  assert.equal(item.contentText, null);
  assert.equal(item.published, '2024-11-10');
  assert.deepEqual(item.authors, []);
  assert.equal(item.language, null);
  assert.equal(hasFullContent(item), false);
  assert.equal(guidOnly.link, 'https://courier.example/news/guid-only', 'a permalink guid is the link');
});

test('feed: a single-item RSS still gives a list of items', () => {
  const feed = parseFeed(rssSingleItem, 'https://tiny.example/rss');
  assert.equal(feed.items.length, 1);
  assert.equal(feed.items[0]?.link, 'https://tiny.example/one');
  assert.equal(feed.items[0]?.title, 'The one and only');
});

test('feed: a feed with zero items is not an error', () => {
  const feed = parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', 'https://quiet.example/rss');
  assert.deepEqual(feed, { kind: 'rss', title: 'Quiet', homeUrl: null, language: null, items: [] } satisfies ParsedFeed);
});

test('feed: reads Atom html content and resolves relative links against xml:base', () => {
  const feed = parseFeed(atom, 'https://journal.example/feed.atom');
  assert.equal(feed.kind, 'atom');
  assert.equal(feed.title, "Le Journal d'Azemont");
  assert.equal(feed.homeUrl, 'https://journal.example/blog/');
  assert.equal(feed.language, 'fr');
  const [first, second, third] = feed.items;
  assert.ok(first && second && third);
  assert.equal(first.link, 'https://journal.example/blog/2024/06/marche', 'rel=alternate beats rel=self and rel=enclosure');
  assert.equal(first.id, 'tag:journal.example,2024:17');
  assert.equal(first.published, '2024-06-01');
  assert.deepEqual(first.authors, ['Élodie Varin']);
  assert.equal(first.contentHtml, '<p>La mairie d&rsquo;Azemont a voté.</p><p>Suite &amp; fin.</p>');
  assert.equal(first.summary, 'Un résumé court.');
  assert.equal(first.language, 'fr');
  assert.equal(second.link, 'https://archive.journal.example/old/eintrag-3', "an entry's own xml:base wins");
  assert.equal(second.title, 'Archiv Eintrag');
  assert.equal(second.contentHtml, '<p>Ein <em>alter</em> Text &amp; mehr.</p><br>', 'the xhtml wrapper div is not content');
  assert.equal(second.published, '2019-01-09');
  assert.equal(second.language, 'de');
  assert.deepEqual(second.authors, ['Rédaction Azemont'], "an entry without author inherits the feed's");
  assert.equal(third.contentText, 'Un texte <sans> balises.');
  assert.equal(third.contentHtml, null);
});

test('feed: reads RSS 1.0 (RDF) items beside the channel', () => {
  const feed = parseFeed(rdf, 'https://fjord.example/index.rdf');
  assert.equal(feed.kind, 'rdf');
  assert.equal(feed.title, 'Fjordside Weekly');
  assert.equal(feed.homeUrl, 'https://fjord.example/');
  assert.equal(feed.language, 'nb');
  assert.equal(feed.items.length, 2);
  const [first, second] = feed.items;
  assert.ok(first && second);
  assert.equal(first.id, 'https://fjord.example/a/1');
  assert.equal(first.title, 'Ny kai åpner');
  assert.equal(first.published, '2023-04-18');
  assert.deepEqual(first.authors, ['Ingrid Solvik']);
  assert.equal(first.summary, 'Kaien åpner i mai.');
  assert.equal(first.language, 'nb');
  assert.equal(second.published, '2023-04', 'a month-precision date stays a month');
});

test('feed: reads JSON Feed 1.1 with urls resolved against home_page_url', () => {
  const feed = parseFeed(jsonFeed, 'https://kettle.example/dispatch/feed.json');
  assert.equal(feed.kind, 'json');
  assert.equal(feed.title, 'Kettle Point Dispatch');
  assert.equal(feed.homeUrl, 'https://kettle.example/dispatch/');
  assert.equal(feed.language, 'en-US');
  assert.equal(feed.items.length, 2);
  const [first, second] = feed.items;
  assert.ok(first && second);
  assert.equal(first.id, 'k-101');
  assert.equal(first.link, 'https://kettle.example/dispatch/stories/tide-gauge');
  assert.equal(first.title, 'Tide gauge reads high & steady');
  assert.equal(first.published, '2025-01-20');
  assert.deepEqual(first.authors, ['Pell Arlington']);
  assert.equal(first.contentHtml, longBody);
  assert.equal(first.contentText, 'Plain text version.');
  assert.equal(first.summary, 'The gauge stayed high.');
  assert.equal(first.language, 'en-GB');
  assert.equal(hasFullContent(first), true);
  assert.equal(second.id, '102');
  assert.equal(second.link, 'https://elsewhere.example/post', 'external_url stands in for a missing url');
  assert.deepEqual(second.authors, ['Dispatch Desk'], 'items inherit the feed authors');
  assert.equal(second.language, 'en-US');
  assert.equal(hasFullContent(second), false);
});

test('feed: reads JSON Feed 1.0 with its single author', () => {
  const text = JSON.stringify({
    version: 'https://jsonfeed.org/version/1',
    title: 'Old Style',
    author: { name: 'Sol Brandt' },
    items: [{ id: '1', url: 'https://old.example/1', content_text: 'Hello.' }],
  });
  const feed = parseFeed(text, 'https://old.example/feed.json');
  assert.deepEqual(feed.items[0]?.authors, ['Sol Brandt']);
  assert.equal(feed.homeUrl, null);
});

test('feed: strips a BOM and surrounding whitespace', () => {
  const feed = parseFeed(`\uFEFF  \n${rssSingleItem}\n\n`, 'https://tiny.example/rss');
  assert.equal(feed.items.length, 1);
});

test('feed: malformed XML is E_FEED naming the line', () => {
  const broken = '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Oops</channel>\n</rss>';
  const error = expectFeedError(() => parseFeed(broken, 'https://bad.example/rss'), /^https:\/\/bad\.example\/rss: XML is not well-formed at line 4: /);
  assert.equal(error.item, 'https://bad.example/rss');
});

test('feed: an HTML page given as a feed is E_FEED "<html> is not a feed"', () => {
  const page = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body><p>Hi</body></html>';
  expectFeedError(() => parseFeed(page, 'https://site.example/'), /<html> is not a feed/);
  expectFeedError(() => parseFeed('<html><body/></html>', 'https://site.example/'), /<html> is not a feed/);
  expectFeedError(() => parseFeed('<opml version="2.0"><body/></opml>', 'https://site.example/o'), /<opml> is not a feed/);
});

test('feed: text that is neither XML nor JSON is E_FEED', () => {
  expectFeedError(() => parseFeed('Service unavailable', 'https://down.example/rss'), /is neither XML nor JSON/);
  expectFeedError(() => parseFeed('   ', 'https://down.example/rss'), /is empty/);
  expectFeedError(() => parseFeed('{"version": ', 'https://down.example/feed.json'), /is not valid JSON/);
});

test('feed: JSON that is not a JSON Feed is E_FEED saying why', () => {
  expectFeedError(() => parseFeed('{"items": []}', 'https://api.example/x'), /not a JSON Feed \(version is missing/);
  expectFeedError(() => parseFeed('{"version": "2.0", "items": []}', 'https://api.example/x'), /version is "2\.0"/);
  expectFeedError(() => parseFeed('[1, 2]', 'https://api.example/x'), /not a JSON Feed/);
  expectFeedError(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1"}', 'https://api.example/x'), /has no items array/);
  assert.deepEqual(parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": []}', 'https://api.example/x').items, []);
});

test('feed: a "billion laughs" document is not expanded and finishes quickly', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9; &lol;</title><link>https://laughs.example/1</link><description>&lol9;</description></item>
</channel></rss>`;
  const started = performance.now();
  let result: ParsedFeed | QuipuError;
  try {
    result = parseFeed(laughs, 'https://laughs.example/rss');
  } catch (error) {
    assert.ok(error instanceof QuipuError);
    result = error;
  }
  assert.ok(performance.now() - started < 1000, 'parsing took too long');
  if (result instanceof QuipuError) {
    assert.equal(result.code, 'E_FEED');
  } else {
    const text = JSON.stringify(result);
    assert.ok(!text.includes('lollol'), 'a DOCTYPE entity was expanded');
    assert.ok(text.length < 5000);
  }
});

test('feed: does not expand a custom DOCTYPE entity, even a harmless one', () => {
  const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY brand "Injected">]>
<rss version="2.0"><channel><title>&brand; News</title><item><title>x</title><link>https://e.example/1</link></item></channel></rss>`;
  const feed = parseFeed(doc, 'https://e.example/rss');
  assert.equal(feed.title, '&brand; News');
});

test('feed: hasFullContent counts stripped text of full content, never the summary', () => {
  const base = { id: null, title: null, link: null, published: null, authors: [], contentText: null, summary: null, language: null };
  const padded = `<div>${'<b></b>'.repeat(200)}short</div><script>${'x'.repeat(900)}</script>`;
  assert.equal(hasFullContent({ ...base, contentHtml: padded }), false, 'tags and scripts are not text');
  assert.equal(hasFullContent({ ...base, contentHtml: null, contentText: 'w '.repeat(250) }), true);
  assert.equal(hasFullContent({ ...base, contentHtml: null, summary: longBody }), false);
});

test('feed: looksLikeFeed tells feeds from HTML pages by their first bytes, then by content type', () => {
  assert.equal(looksLikeFeed(rss2), true);
  assert.equal(looksLikeFeed(atom, 'text/html'), true, 'the body wins over a wrong content type');
  assert.equal(looksLikeFeed(rdf), true);
  assert.equal(looksLikeFeed(jsonFeed), true);
  assert.equal(looksLikeFeed('<!-- generated --><!DOCTYPE rss [<!ENTITY a "b>c">]><rss/>'), true);
  assert.equal(looksLikeFeed('<!doctype html><html><head></head></html>', 'application/rss+xml'), false);
  assert.equal(looksLikeFeed('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'), false);
  assert.equal(looksLikeFeed('<?xml version="1.0"?><opml version="2.0"/>'), false);
  assert.equal(looksLikeFeed('{"data": 1}', 'application/json'), false);
  assert.equal(looksLikeFeed('{"items": []}', 'application/feed+json; charset=utf-8'), true);
  assert.equal(looksLikeFeed('plain words'), false);
});

// ---------------------------------------------------------------------------------------------------------------
// Nothing but a ParsedFeed or an E_FEED, for any input

function parsesOrFeedError(text: string): void {
  const started = performance.now();
  try {
    const feed = parseFeed(text, 'https://fuzz.example/feed');
    assert.ok(Array.isArray(feed.items));
    for (const item of feed.items) {
      assert.ok(item.link !== null || item.contentHtml !== null || item.contentText !== null || item.summary !== null);
      assert.ok(item.link === null || /^https?:\/\//.test(item.link));
      hasFullContent(item);
    }
  } catch (error) {
    if (!(error instanceof QuipuError) || error.code !== 'E_FEED') throw error;
    assert.match(error.message, /^https:\/\/fuzz\.example\/feed: ./);
  }
  looksLikeFeed(text);
  assert.ok(performance.now() - started < 500, `took ${Math.round(performance.now() - started)} ms on ${JSON.stringify(text.slice(0, 80))}`);
}

const fixtures = [rss2, rssDescriptionOnly, rssSingleItem, atom, rdf, jsonFeed];
const naughty = fc.constantFrom(
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '"',
  "'",
  '\r\n',
  '\u00A0',
  '\u202E',
  '\u05E9\u05DC\u05D5\u05DD',
  '😀',
  '\uFEFF',
  '\uD800',
  '<item>',
  '</item>',
  '<entry>',
  '<link/>',
  '{',
  '}',
  '[',
  ']',
  '<!DOCTYPE x [<!ENTITY e "&e;">]>',
  'xmlns:x="urn:x"',
  '__proto__',
  '<__proto__>',
  'constructor',
  '\u0000',
);
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(naughty, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join('')),
);

test('feed: any string gives a ParsedFeed or an E_FEED, quickly', { timeout: 60_000 }, () => {
  fc.assert(fc.property(anyText, parsesOrFeedError), { numRuns: 800 });
  fc.assert(
    fc.property(
      fc.constantFrom('<', '<?xml version="1.0"?><rss><channel>', '{"version":"https://jsonfeed.org/version/1.1","items":', '<feed xmlns="http://www.w3.org/2005/Atom">'),
      anyText,
      (head, tail) => parsesOrFeedError(head + tail),
    ),
    { numRuns: 400 },
  );
});

test('feed: any mutation of a valid feed gives a ParsedFeed or an E_FEED, quickly', { timeout: 60_000 }, () => {
  // A position drawn as an integer: fc.double crowds near 0 and would only ever edit the prolog.
  const edit = fc.record({ at: fc.nat({ max: 1_000_000 }), remove: fc.nat({ max: 40 }), insert: fc.oneof(naughty, fc.string({ maxLength: 6 })) });
  fc.assert(
    fc.property(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 6 }), (fixture, edits) => {
      let text = fixture;
      for (const { at, remove, insert } of edits) {
        const index = at % (text.length + 1);
        text = text.slice(0, index) + insert + text.slice(index + remove);
      }
      parsesOrFeedError(text);
    }),
    { numRuns: 1500 },
  );
});

// Random edits mostly break well-formedness; these keep the document parseable so the field readers get the junk.
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const feedTags = [
  'link',
  'title',
  'guid',
  'content:encoded',
  'dc:creator',
  'dc:date',
  'pubDate',
  'author',
  'description',
  'summary',
  'content',
  'id',
  'published',
  'updated',
  'entry',
  'item',
  'channel',
  'media:title',
];
const element = fc
  .tuple(fc.constantFrom(...feedTags), fc.constantFrom('rel', 'href', 'type', 'xml:base', 'xml:lang', 'isPermaLink', 'src', 'mode'), anyText, anyText)
  .map(([tag, name, value, text]) => `<${tag} ${name}="${escapeXml(value)}">${escapeXml(text)}</${tag}>`);

test('feed: well-formed feeds holding arbitrary text, attributes and JSON values give a ParsedFeed or an E_FEED', { timeout: 60_000 }, () => {
  const insertion = fc.record({ after: fc.nat({ max: 1_000_000 }), insert: fc.oneof(anyText.map(escapeXml), element) });
  fc.assert(
    fc.property(fc.constantFrom(rss2, rssDescriptionOnly, rssSingleItem, atom, rdf), fc.array(insertion, { minLength: 1, maxLength: 5 }), (fixture, inserts) => {
      let text = fixture;
      for (const { after, insert } of inserts) {
        const tagEnds = [...text.matchAll(/>/g)].map((m) => m.index + 1);
        const at = tagEnds[after % tagEnds.length] ?? 0;
        text = text.slice(0, at) + insert + text.slice(at);
      }
      parsesOrFeedError(text);
    }),
    { numRuns: 800 },
  );
  const base = JSON.parse(jsonFeed) as Record<string, unknown>;
  const itemKeys = ['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'date_published', 'date_modified', 'authors', 'author', 'language'];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('title', 'home_page_url', 'language', 'authors', 'author', 'items'), fc.jsonValue()), { maxLength: 2 }),
      fc.array(fc.tuple(fc.nat({ max: 3 }), fc.constantFrom(...itemKeys), fc.oneof(fc.jsonValue(), anyText)), { maxLength: 6 }),
      (feedEdits, itemEdits) => {
        const feed = structuredClone(base);
        const items = feed['items'] as Record<string, unknown>[];
        for (const [index, key, value] of itemEdits) {
          const item = items[index];
          if (item && typeof item === 'object') item[key] = value;
        }
        for (const [key, value] of feedEdits) feed[key] = value;
        parsesOrFeedError(JSON.stringify(feed));
      },
    ),
    { numRuns: 800 },
  );
});

test('feed: openFeed checks the whole feed first, then parses each item only when it is asked for', () => {
  const item = (n: number) => `<item><title>Ferry ${n}</title><link>https://tide.example/${n}</link></item>`;
  const many = `<rss version="2.0"><channel><title>Tide</title>${Array.from({ length: 5 }, (_, n) => item(n)).join('')}<language>en</language></channel></rss>`;
  const opened = openFeed(many, 'https://tide.example/rss');
  assert.equal(opened.itemCount, 5);
  // The channel's fields after its items still reach every item.
  assert.equal(opened.feed.language, 'en');
  const items = opened.items();
  assert.equal(items.next().value?.title, 'Ferry 0');
  assert.deepEqual(
    [...items].map((i) => [i.title, i.language]),
    [1, 2, 3, 4].map((n) => [`Ferry ${n}`, 'en']),
  );
  // Broken after its items: refused before any item is read.
  expectFeedError(() => openFeed(many.replace('</channel>', ''), 'https://tide.example/rss'), /not well-formed/);
});
