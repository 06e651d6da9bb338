import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, truncateSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { buildPipeline } from '../../src/core/pipeline.ts';
import { ingest, type IngestSummary } from '../../src/jobs/ingest-job.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import { makePdf, textContent } from '../helpers/pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-bad-'));
const pipeline = buildPipeline([]);
const paragraph =
  'The council of Valmora met on Tuesday to discuss the budget. Councillor Ines Arrate said the plan would cut bus routes. ' +
  'Opponents gathered outside the hall, and the mayor promised a second vote before the end of the month.';
let server: Server;
let base = '';

before(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/article') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<html><head><title>Valmora budget</title></head><body><article><h1>Valmora budget</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`);
    } else if (url === '/loop') {
      response.writeHead(302, { location: '/loop' });
      response.end();
    } else if (url === '/slow') {
      // never answers: the fetch must time out
    } else if (url === '/image') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    } else if (url === '/feed') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valmora Wire</title>
        <item><title>Budget vote</title><link>${base}/article</link><pubDate>Tue, 07 Oct 2025 09:00:00 +0000</pubDate></item>
        <item><title>Dead link</title><link>${base}/missing</link></item></channel></rss>`);
    } else if (url === '/broken-feed') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</item></channel>');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(
  inputs: string[],
  options: { allowPrivate?: boolean; maxBytes?: number; timeoutMs?: number } = {},
  dbName = 'store.db',
): Promise<{ summary: IngestSummary; repository: SqliteRepository }> {
  const repository = new SqliteRepository(join(dir, dbName));
  await repository.migrate();
  const summary = await ingest(inputs, repository, {
    pipeline,
    allowPrivate: options.allowPrivate ?? false,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    fetch: { timeoutMs: options.timeoutMs ?? 2000 },
  });
  return { summary, repository };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('ingest: a nonexistent path fails with E_NOT_FOUND and the batch goes on', async () => {
  const good = file('good.txt', `Valmora budget\n\n${paragraph}`);
  const { summary, repository } = await run([join(dir, 'nope.txt'), good], {}, 'a.db');
  assert.equal(summary.ingested, 1);
  assert.deepEqual(
    summary.failed.map((f) => f.code),
    ['E_NOT_FOUND'],
  );
  assert.match(summary.failed[0]!.message, /nope\.txt does not exist/);
  await repository.close();
});

test('ingest: a broken symlink is reported as missing, naming the link', async () => {
  const link = join(dir, 'dangling.txt');
  symlinkSync(join(dir, 'no-target.txt'), link);
  const { summary, repository } = await run([link], {}, 'b.db');
  assert.equal(summary.failed[0]?.code, 'E_NOT_FOUND');
  assert.match(summary.failed[0]!.item, /dangling\.txt$/);
  await repository.close();
});

test('ingest: an unreadable file fails with E_UNREADABLE', { skip: process.getuid?.() === 0 ? 'running as root, which can read any file' : false }, async () => {
  const path = file('secret.txt', paragraph);
  const { chmodSync } = await import('node:fs');
  chmodSync(path, 0o000);
  const { summary, repository } = await run([path], {}, 'c.db');
  assert.equal(summary.failed[0]?.code, 'E_UNREADABLE');
  await repository.close();
});

// Runs as root too (where the permission case above cannot): opening a FIFO for reading would wait for a writer forever.
test('ingest: a named pipe fails at once with E_UNSUPPORTED_TYPE naming it, instead of waiting for a writer', async () => {
  const { execFileSync } = await import('node:child_process');
  const fifo = join(dir, 'pipe.txt');
  execFileSync('mkfifo', [fifo]);
  const { summary, repository } = await run([fifo, file('after-pipe.txt', paragraph)], {}, 'c2.db');
  assert.equal(summary.failed[0]?.code, 'E_UNSUPPORTED_TYPE');
  assert.match(summary.failed[0]!.message, /pipe\.txt is not a regular file/);
  assert.equal(summary.ingested, 1, 'the batch goes on after the pipe');
  await repository.close();
});

test('ingest: empty and whitespace-only files fail with E_EMPTY', async () => {
  const { summary, repository } = await run([file('empty.txt', ''), file('blank.txt', '  \n\n \t ')], {}, 'd.db');
  assert.deepEqual(
    summary.failed.map((f) => f.code),
    ['E_EMPTY', 'E_EMPTY'],
  );
  assert.match(summary.failed[0]!.message, /empty\.txt is empty/);
  await repository.close();
});

test('ingest: a binary file with a text extension fails with E_BINARY naming what it looks like', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0)]);
  const { summary, repository } = await run([file('photo.txt', png)], {}, 'e.db');
  assert.equal(summary.failed[0]?.code, 'E_BINARY');
  assert.match(summary.failed[0]!.message, /photo\.txt looks like binary data \(PNG image\)/);
  await repository.close();
});

test('ingest: Windows-1252 text is decoded with a warning, not mangled', async () => {
  const text = `Caf\u00e9 talks in Valmora\n\n\u201cWe will not resign,\u201d said the mayor of Valmora on Tuesday \u2013 ${paragraph}`;
  const { summary, repository } = await run([file('legacy.txt', iconv.encode(text, 'windows-1252'))], {}, 'f.db');
  assert.equal(summary.ingested, 1);
  assert.match(summary.warnings[0] ?? '', /legacy\.txt: not valid UTF-8; decoded as windows-1252/);
  const stored = await repository.getArticle(summary.articles[0]!.id);
  assert.ok(stored?.text.includes('\u201cWe will not resign,\u201d'));
  await repository.close();
});

test('ingest: UTF-16 without a byte-order mark is read as text, with a warning, not refused as binary', async () => {
  const text = `Valmora budget\n\nCaf\u00e9 talks: ${paragraph}`;
  const { summary, repository } = await run([file('utf16le.txt', iconv.encode(text, 'utf-16le')), file('utf16be.txt', iconv.encode(text.replace('budget', 'vote'), 'utf-16be'))], {}, 'utf16.db');
  assert.deepEqual(summary.failed, []);
  assert.equal(summary.ingested, 2);
  assert.match(summary.warnings.join('\n'), /utf16le\.txt: no byte-order mark; decoded as UTF-16LE/);
  assert.ok((await repository.getArticle(summary.articles[0]!.id))?.text.includes('Caf\u00e9 talks'));
  await repository.close();
});

test('ingest: UTF-8 with a few broken bytes keeps the text and says where the damage is', async () => {
  const bytes = Buffer.concat([Buffer.from(`Valmora budget \u2014 a\u00f1o\n\n${paragraph} `, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(' end of the report.', 'utf8')]);
  const { summary, repository } = await run([file('broken.txt', bytes)], {}, 'g.db');
  assert.equal(summary.ingested, 1);
  assert.match(summary.warnings[0] ?? '', /invalid UTF-8 byte sequence\(s\), first at byte \d+/);
  await repository.close();
});

test('ingest: HTML scripts, styles and navigation never reach the article text', async () => {
  const html = `<!doctype html><html lang="en"><head><title>Valmora budget</title><style>p{color:red}</style>
    <script>window.secret = "tracking-code";</script></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Valmora budget</h1><p>${paragraph}</p><script>alert("inline")</script><p>${paragraph}</p></article>
    <footer>Copyright Valmora Wire</footer></body></html>`;
  const { summary, repository } = await run([file('page.html', html)], {}, 'h.db');
  assert.equal(summary.ingested, 1);
  const stored = await repository.getArticle(summary.articles[0]!.id);
  assert.ok(stored);
  assert.doesNotMatch(stored.text, /tracking-code|alert|color:red|Copyright/);
  assert.match(stored.text, /Councillor Ines Arrate said/);
  await repository.close();
});

test('ingest: 2,000 nested divs fail with E_TOO_COMPLEX naming the file, at once, and the batch goes on', async () => {
  const deep = file('deep.html', `<html><body>${'<div>'.repeat(2000)}<p>${paragraph}</p>${'</div>'.repeat(2000)}</body></html>`);
  const good = file('after-deep.txt', `Valmora budget\n\n${paragraph}`);
  const started = performance.now();
  const { summary, repository } = await run([deep, good], {}, 'deep.db');
  assert.deepEqual(
    summary.failed.map((f) => [f.code, f.item]),
    [['E_TOO_COMPLEX', deep]],
  );
  assert.match(summary.failed[0]!.message, /deep\.html: elements nest 2003 deep, over the limit of 512/);
  assert.equal(summary.ingested, 1);
  assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
  await repository.close();
});

test('ingest: a 200 MB file is refused with E_TOO_LARGE before it is read', async () => {
  const path = join(dir, 'huge.txt');
  writeFileSync(path, '');
  truncateSync(path, 200 * 1024 * 1024);
  const { summary, repository } = await run([path], {}, 'i.db');
  assert.equal(summary.failed[0]?.code, 'E_TOO_LARGE');
  assert.match(summary.failed[0]!.message, /huge\.txt is 200\.0 MB, over the 50\.0 MB limit/);
  await repository.close();
});

test('ingest: a file just over the size cap says by how many bytes, not "0.0 MB, over the 0.0 MB limit"', async () => {
  const { summary, repository } = await run([file('just-over.txt', 'x'.repeat(1000))], { maxBytes: 999 }, 'just-over.db');
  assert.equal(summary.failed[0]?.code, 'E_TOO_LARGE');
  assert.match(summary.failed[0]!.message, /just-over\.txt is 1,000 bytes, over the 999-byte limit/);
  await repository.close();
});

test('ingest: a PDF with no text layer fails with E_NO_TEXT; one with text is read', async () => {
  const scanned = file('scan.pdf', makePdf('0 0 1 rg 100 100 200 200 re f'));
  const real = file('report.pdf', makePdf(textContent(['Valmora council report', '', paragraph.slice(0, 90), paragraph.slice(90, 180)]), { Title: 'Council report' }));
  const { summary, repository } = await run([scanned, real], {}, 'j.db');
  assert.deepEqual(
    summary.failed.map((f) => f.code),
    ['E_NO_TEXT'],
  );
  assert.match(summary.failed[0]!.message, /scan\.pdf: the PDF has 1 page\(s\) but no text layer/);
  assert.equal(summary.ingested, 1);
  assert.equal(summary.articles[0]?.title, 'Council report');
  await repository.close();
});

test('ingest: a corrupt PDF fails with E_PDF', async () => {
  const { summary, repository } = await run([file('corrupt.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage'))], {}, 'k.db');
  assert.equal(summary.failed[0]?.code, 'E_PDF');
  await repository.close();
});

test('ingest: URLs that 404, time out, redirect forever or return an image each fail with their own code', async () => {
  const { summary, repository } = await run([`${base}/missing`, `${base}/slow`, `${base}/loop`, `${base}/image`, `${base}/article`], { allowPrivate: true, timeoutMs: 500 }, 'l.db');
  assert.deepEqual(
    summary.failed.map((f) => f.code),
    ['E_HTTP_STATUS', 'E_TIMEOUT', 'E_TOO_MANY_REDIRECTS', 'E_UNSUPPORTED_TYPE'],
  );
  assert.match(summary.failed[0]!.message, /404/);
  assert.equal(summary.ingested, 1);
  await repository.close();
});

test('ingest: a loopback URL is refused unless private addresses are allowed', async () => {
  const { summary, repository } = await run([`${base}/article`], { allowPrivate: false }, 'm.db');
  assert.equal(summary.failed[0]?.code, 'E_PRIVATE_ADDRESS');
  assert.match(summary.failed[0]!.message, /--allow-private/);
  await repository.close();
});

test('ingest: a feed yields its items, fetching linked pages; a dead item link fails alone', async () => {
  const { summary, repository } = await run([`${base}/feed`], { allowPrivate: true }, 'n.db');
  assert.equal(summary.ingested, 1);
  assert.equal(summary.articles[0]?.title, 'Budget vote');
  assert.equal(summary.articles[0]?.published, '2025-10-07');
  assert.deepEqual(
    summary.failed.map((f) => [f.code, f.item]),
    [['E_HTTP_STATUS', `${base}/missing`]],
  );
  await repository.close();
});

test('ingest: a malformed feed fails with E_FEED naming the feed', async () => {
  const { summary, repository } = await run([`${base}/broken-feed`], { allowPrivate: true }, 'o.db');
  assert.equal(summary.failed[0]?.code, 'E_FEED');
  assert.match(summary.failed[0]!.message, /broken-feed/);
  await repository.close();
});

const feedFile = (items: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${declaration}<rss version="2.0"><channel><title>Valmora Wire</title><language>es</language>${items}</channel></rss>`;
const feedItem = (n: number, title: string) => `<item><title>${title}</title><guid isPermaLink="false">w-${n}</guid><description>&lt;p&gt;${paragraph} Nota ${n}.&lt;/p&gt;</description></item>`;

test('ingest: a feed in UTF-16 or declaring ISO-8859-1 is decoded as it says, not read as UTF-8', async () => {
  const utf16 = file('wire16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(feedFile(feedItem(1, 'Año de obras'), '<?xml version="1.0" encoding="UTF-16"?>'), 'utf-16le')]));
  const latin1 = file('wire-latin1.rss', iconv.encode(feedFile(feedItem(2, 'Región sin puentes'), '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1'));
  const { summary, repository } = await run([utf16, latin1], {}, 'feeds-charset.db');
  assert.deepEqual(summary.failed, []);
  assert.deepEqual(
    summary.articles.map((a) => a.title),
    ['Año de obras', 'Región sin puentes'],
  );
  await repository.close();
});

test('ingest: a feed broken at its end stores none of its items; a feed of empty items says so', async () => {
  const whole = feedFile([1, 2, 3].map((n) => feedItem(n, `Obra ${n}`)).join(''));
  const truncated = file('cut.xml', whole.slice(0, whole.lastIndexOf('<item>') + 30));
  const empty = file('empty-items.xml', feedFile('<item></item>'.repeat(1000)));
  const { summary, repository } = await run([truncated, empty], {}, 'feeds-broken.db');
  assert.equal(summary.articles.length, 0);
  assert.deepEqual(
    summary.failed.map((f) => [f.code, f.item]),
    [
      ['E_FEED', truncated],
      ['E_FEED', empty],
    ],
  );
  assert.match(summary.failed[1]!.message, /none of its 1,000 items/);
  assert.equal((await repository.stats()).articles, 0);
  await repository.close();
});

test('ingest: a folder is read recursively with include and exclude globs', async () => {
  const folder = join(dir, 'pile');
  mkdirSync(join(folder, 'deep', 'er'), { recursive: true });
  writeFileSync(join(folder, 'a.txt'), `First Valmora story\n\n${paragraph}`);
  writeFileSync(join(folder, 'deep', 'er', 'b.md'), `# Second Valmora story\n\n${paragraph} And more.`);
  writeFileSync(join(folder, 'deep', 'skip.txt'), `Skipped Valmora story\n\n${paragraph} Skipped.`);
  writeFileSync(join(folder, 'notes.docx'), 'not read');
  const repository = new SqliteRepository(join(dir, 'p.db'));
  await repository.migrate();
  const summary = await ingest([folder], repository, { pipeline, exclude: ['**/skip.txt'] });
  assert.deepEqual(
    summary.articles.map((a) => a.source.slice(folder.length)),
    ['/a.txt', '/deep/er/b.md'],
  );
  const onlyMd = await ingest([folder], repository, { pipeline, include: ['**/*.md'] });
  assert.deepEqual(
    onlyMd.articles.map((a) => a.status),
    ['duplicate'],
  );
  await repository.close();
});

test('store: an item whose second article cannot be stored leaves nothing of that item behind', async () => {
  const repository = new SqliteRepository(join(dir, 'q.db'));
  await repository.migrate();
  const doc = (text: string, id: string) => ({
    id,
    contentHash: `hash-${text}`,
    text,
    sourceMap: [{ textOffset: 0, rawOffset: 0 }],
    messages: [],
    meta: { title: null, outlet: null, authors: [], translator: null, published: null, datelinePlace: null, language: 'en', source: 'x', via: null, canonicalUrl: null, partIndex: 0, partCount: 2 },
  });
  const source = { locator: 'x', kind: 'text', contentType: '', charset: 'utf-8', raw: 'one two' };
  // Same id, different content: the second insert breaks the unique id and the whole item must roll back.
  await assert.rejects(repository.saveArticles(source, [doc('one', 'same-id'), doc('two', 'same-id')]), /nothing of it was written/);
  assert.equal((await repository.stats()).articles, 0);
  assert.equal((await repository.stats()).sources, 0);
  await repository.close();
});
