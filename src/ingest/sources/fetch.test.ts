import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { QuipuError } from '../../core/errors.ts';
import { assertPublicHost, createGuardedLookup, isPublicAddress, type Resolver } from './address-guard.ts';
import { fetchBounded, fetchWithPolicy } from './fetch.ts';

// Every test talks only to this server on 127.0.0.1; non-loopback addresses are exercised through the guard
// functions and must be refused before any socket is opened.
const html = '<!doctype html><title>Caf\u00e9</title><p>Hola, se\u00f1or.</p>';
const gzipBomb = zlib.gzipSync(Buffer.alloc(30 * 1024 * 1024)); // ~30 KB on the wire, 30 MB decoded
const hits = new Map<string, number>();
let streamClosed: Promise<number> = Promise.resolve(0);
const STREAM_TOTAL = 50 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const send =
  (status: number, headers: http.OutgoingHttpHeaders, body: string | Buffer = ''): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
const redirect = (location: string, status = 302): Handler => send(status, { location });

const routes: Record<string, Handler> = {
  '/ok': send(200, { 'content-type': 'text/html; Charset="ISO-8859-1"', 'last-modified': 'Tue, 09 Jan 2024 10:00:00 GMT' }, Buffer.from(html, 'latin1')),
  '/untyped': send(200, {}, 'plain words'),
  '/missing': send(404, { 'content-type': 'text/html' }, 'nope'),
  '/chain/1': redirect('/chain/2', 301),
  '/chain/2': redirect('3', 307), // relative to the current URL, not to the first one
  '/chain/3': redirect('/ok', 308),
  '/loop': redirect('/loop'),
  '/to-private': redirect('http://10.0.0.1/'),
  '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
  '/to-file': redirect('file:///etc/passwd'),
  '/hang': () => undefined, // never answers
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('.'), 50);
    res.on('close', () => clearInterval(timer));
  },
  '/image': send(200, { 'content-type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  '/big-declared': send(200, { 'content-type': 'text/plain', 'content-length': 2000 }, 'x'.repeat(2000)),
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let sent = 0;
    streamClosed = new Promise((resolve) => res.on('close', () => resolve(sent)));
    res.on('error', () => undefined);
    const pump = (): void => {
      while (sent < STREAM_TOTAL && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  },
  '/gzip': send(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, zlib.gzipSync(html)),
  '/deflate': send(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, zlib.deflateSync(html)),
  '/deflate-raw': send(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, zlib.deflateRawSync(html)),
  '/br': send(200, { 'content-type': 'text/html', 'content-encoding': 'br' }, zlib.brotliCompressSync(html)),
  '/bomb': send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, gzipBomb),
  '/broken-gzip': send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, Buffer.from('not gzip at all')),
};

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  (routes[path] ?? send(500, {}, 'no route'))(req, res);
});
let base = '';
const loopbackOnly = (ip: string): boolean => ip === '127.0.0.1';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs `promise`, expecting a QuipuError with `code`; returns it for further checks. */
async function failure(promise: Promise<unknown>, code: string): Promise<QuipuError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QuipuError, `expected a QuipuError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}, but the fetch succeeded`);
}

const local = { allowPrivate: true, timeoutMs: 3000 };
const bounded = { timeout: 10_000 };

test('fetch: returns the page with its media type, charset parameter and Last-Modified', bounded, async () => {
  const got = await fetchBounded(`${base}/ok`, local);
  assert.equal(got.status, 200);
  assert.equal(got.requestedUrl, `${base}/ok`);
  assert.equal(got.url, `${base}/ok`);
  assert.equal(got.contentType, 'text/html');
  assert.equal(got.charset, 'iso-8859-1');
  assert.equal(got.lastModified, 'Tue, 09 Jan 2024 10:00:00 GMT');
  assert.equal(got.bytes.toString('latin1'), html);
});

test('fetch: a response without Content-Type is let through for the caller to sniff', bounded, async () => {
  const got = await fetchBounded(`${base}/untyped`, local);
  assert.equal(got.contentType, '');
  assert.equal(got.charset, null);
  assert.equal(got.bytes.toString(), 'plain words');
});

test('fetch: HTTP 404 fails with E_HTTP_STATUS naming status, reason and URL', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/missing`, local), 'E_HTTP_STATUS');
  assert.equal(error.message, `HTTP 404 Not Found for ${base}/missing`);
  assert.equal(error.item, `${base}/missing`);
});

test('fetch: follows a chain of relative redirects to the final URL', bounded, async () => {
  const got = await fetchBounded(`${base}/chain/1`, local);
  assert.equal(got.url, `${base}/ok`);
  assert.equal(got.requestedUrl, `${base}/chain/1`);
  assert.equal(got.bytes.toString('latin1'), html);
});

test('fetch: a redirect loop fails with E_TOO_MANY_REDIRECTS after maxRedirects hops', bounded, async () => {
  hits.delete('/loop');
  const error = await failure(fetchBounded(`${base}/loop`, { ...local, maxRedirects: 3 }), 'E_TOO_MANY_REDIRECTS');
  assert.equal(error.item, `${base}/loop`);
  assert.match(error.message, /more than 3 times/);
  assert.equal(hits.get('/loop'), 4); // the first request plus three followed redirects
  await failure(fetchBounded(`${base}/chain/1`, { ...local, maxRedirects: 2 }), 'E_TOO_MANY_REDIRECTS');
});

test('fetch: a server that never answers fails with E_TIMEOUT at timeoutMs', bounded, async () => {
  const started = Date.now();
  const error = await failure(fetchBounded(`${base}/hang`, { ...local, timeoutMs: 300 }), 'E_TIMEOUT');
  const elapsed = Date.now() - started;
  assert.equal(error.message, `No complete answer from ${base}/hang within 0.3 s`);
  assert.equal(error.item, `${base}/hang`);
  assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
});

test('fetch: the deadline covers the body too, so a trickling body times out', bounded, async () => {
  const started = Date.now();
  await failure(fetchBounded(`${base}/trickle`, { ...local, timeoutMs: 300 }), 'E_TIMEOUT');
  assert.ok(Date.now() - started < 2000);
});

test('fetch: refuses image/png with E_UNSUPPORTED_TYPE', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/image`, local), 'E_UNSUPPORTED_TYPE');
  assert.equal(error.message, `${base}/image is image/png, not a page, feed or document`);
});

test('fetch: refuses a body over maxBytes up front from Content-Length', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/big-declared`, { ...local, maxBytes: 1000 }), 'E_TOO_LARGE');
  assert.match(error.message, /2000 bytes, over the 1000-byte cap/);
  const exact = await fetchBounded(`${base}/big-declared`, { ...local, maxBytes: 2000 });
  assert.equal(exact.bytes.length, 2000);
});

test('fetch: stops reading a chunked body past maxBytes and closes the socket at once', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/big-chunked`, { ...local, maxBytes: 100_000 }), 'E_TOO_LARGE');
  assert.match(error.message, /larger than the 100000-byte cap/);
  const sent = await streamClosed;
  assert.ok(sent < STREAM_TOTAL, `server wrote all ${sent} bytes; the client should have hung up`);
});

test('fetch: decodes gzip, deflate (zlib and raw) and brotli bodies', bounded, async () => {
  const gzip = await fetchBounded(`${base}/gzip`, local);
  assert.equal(gzip.bytes.toString('utf8'), html);
  assert.equal(gzip.charset, 'utf-8');
  for (const path of ['/deflate', '/deflate-raw', '/br']) {
    assert.equal((await fetchBounded(`${base}${path}`, local)).bytes.toString('utf8'), html, path);
  }
});

test('fetch: a gzip bomb fails with E_TOO_LARGE on the decoded size', bounded, async () => {
  assert.ok(gzipBomb.length < 1024 * 1024);
  await failure(fetchBounded(`${base}/bomb`, { ...local, maxBytes: 1024 * 1024 }), 'E_TOO_LARGE');
});

test('fetch: a corrupt gzip body fails with E_DECODE', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/broken-gzip`, local), 'E_DECODE');
  assert.equal(error.item, `${base}/broken-gzip`);
});

test('fetch: refuses loopback unless allowPrivate, by literal IP and by name', bounded, async () => {
  hits.delete('/ok');
  const literal = await failure(fetchBounded(`${base}/ok`, { timeoutMs: 3000 }), 'E_PRIVATE_ADDRESS');
  assert.equal(literal.message, `Refused ${base}/ok: 127.0.0.1 resolves to private address 127.0.0.1; pass --allow-private to allow it`);
  assert.equal(literal.item, `${base}/ok`);
  // A name goes through the connect-time lookup, the check that DNS rebinding cannot slip past.
  const port = new URL(base).port;
  const named = await failure(fetchBounded(`http://localhost:${port}/ok`, { timeoutMs: 3000 }), 'E_PRIVATE_ADDRESS');
  assert.match(named.message, /localhost resolves to private address (127\.0\.0\.1|::1)/);
  assert.equal(named.item, `http://localhost:${port}/ok`);
  assert.equal(hits.get('/ok'), undefined, 'the server must not have been reached');
});

test('fetch: a redirect to a private address is refused before connecting, even with loopback allowed', bounded, async () => {
  const started = Date.now();
  const error = await failure(fetchWithPolicy(`${base}/to-private`, { timeoutMs: 5000 }, loopbackOnly), 'E_PRIVATE_ADDRESS');
  assert.equal(error.message, 'Refused http://10.0.0.1/: 10.0.0.1 resolves to private address 10.0.0.1; pass --allow-private to allow it');
  assert.equal(error.item, `${base}/to-private`);
  // A connect attempt to 10.0.0.1 would hang towards the 5 s deadline instead of failing at once.
  assert.ok(Date.now() - started < 1000);
  const metadata = await failure(fetchWithPolicy(`${base}/to-metadata`, { timeoutMs: 5000 }, loopbackOnly), 'E_PRIVATE_ADDRESS');
  assert.match(metadata.message, /169\.254\.169\.254/);
});

test('fetch: a redirect to a non-http scheme is refused with E_BAD_URL', bounded, async () => {
  const error = await failure(fetchBounded(`${base}/to-file`, local), 'E_BAD_URL');
  assert.match(error.message, /file:\/\/\/etc\/passwd/);
  assert.equal(error.item, `${base}/to-file`);
});

test('fetch: refuses non-http URLs, junk and URLs with credentials, naming the URL', bounded, async () => {
  const ftp = await failure(fetchBounded('ftp://example.com/feed.xml'), 'E_BAD_URL');
  assert.match(ftp.message, /ftp:\/\/example\.com\/feed\.xml/);
  const junk = await failure(fetchBounded('not a url'), 'E_BAD_URL');
  assert.match(junk.message, /not a url/);
  const creds = await failure(fetchBounded(`http://alice:s3cret@127.0.0.1:1/`, local), 'E_BAD_URL');
  assert.equal(creds.item, 'http://alice:s3cret@127.0.0.1:1/');
  assert.doesNotMatch(creds.message, /s3cret/);
});

test('fetch: a refused connection fails with E_NETWORK in plain words', bounded, async () => {
  const spare = http.createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  const port = (spare.address() as AddressInfo).port;
  await new Promise((resolve) => spare.close(resolve));
  const error = await failure(fetchBounded(`http://127.0.0.1:${port}/`, local), 'E_NETWORK');
  assert.match(error.message, /refused the connection/);
});

test("fetch: the caller's signal cancels the fetch", bounded, async () => {
  const cancelled = await failure(fetchBounded(`${base}/hang`, { ...local, signal: AbortSignal.abort() }), 'E_NETWORK');
  assert.match(cancelled.message, /cancelled/);
  const timedOut = await failure(fetchBounded(`${base}/hang`, { ...local, signal: AbortSignal.timeout(100) }), 'E_TIMEOUT');
  assert.equal(timedOut.item, `${base}/hang`);
});

test('fetch: nonsensical options fail with E_CONFIG', bounded, async () => {
  await failure(fetchBounded(`${base}/ok`, { ...local, timeoutMs: 0 }), 'E_CONFIG');
  await failure(fetchBounded(`${base}/ok`, { ...local, maxBytes: -1 }), 'E_CONFIG');
  await failure(fetchBounded(`${base}/ok`, { ...local, maxRedirects: 1.5 }), 'E_CONFIG');
});

const privateAddresses = [
  '10.0.0.1',
  '172.16.5.4',
  '192.168.1.1',
  '127.0.0.1',
  '127.1.2.3',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '224.0.0.1',
  '192.0.2.10',
  '198.18.0.1',
  '240.0.0.1',
  '::1',
  '::',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '[::1]',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'fe80::1%eth0',
  'ff02::1',
  '2001:db8::1',
  '::127.0.0.1',
  '64:ff9b::7f00:1',
  '2002:7f00:1::1',
  '2001:0:4136:e378::1',
];
const publicAddresses = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700::1111', '2a00:1450:4001::200e', '64:ff9b::808:808', '::ffff:8.8.8.8'];

test('isPublicAddress: refuses loopback, private, link-local, CGNAT, unspecified, unique-local, reserved and mapped forms', () => {
  for (const ip of privateAddresses) assert.equal(isPublicAddress(ip), false, ip);
  for (const junk of ['', 'localhost', 'example.com', '1.2.3', '999.1.1.1', '0x7f.1', ' ']) assert.equal(isPublicAddress(junk), false, junk);
});

test('isPublicAddress: allows public IPv4 and IPv6 addresses', () => {
  for (const ip of publicAddresses) assert.equal(isPublicAddress(ip), true, ip);
});

test('isPublicAddress: an IPv4-mapped IPv6 address is judged like its IPv4 address, and no string throws', () => {
  fc.assert(
    fc.property(fc.ipV4(), (ip) => {
      assert.equal(isPublicAddress(`::ffff:${ip}`), isPublicAddress(ip));
    }),
  );
  fc.assert(fc.property(fc.string(), (s) => typeof isPublicAddress(s) === 'boolean'));
  fc.assert(fc.property(fc.oneof(fc.ipV6(), fc.ipV4Extended()), (s) => typeof isPublicAddress(s) === 'boolean'));
});

test('assertPublicHost: refuses private literals and names, accepts public literals', { timeout: 5000 }, async () => {
  const error = await failure(assertPublicHost('10.0.0.1', 'http://10.0.0.1/x'), 'E_PRIVATE_ADDRESS');
  assert.equal(error.message, 'Refused http://10.0.0.1/x: 10.0.0.1 resolves to private address 10.0.0.1; pass --allow-private to allow it');
  assert.equal(error.item, 'http://10.0.0.1/x');
  await failure(assertPublicHost('[::ffff:127.0.0.1]'), 'E_PRIVATE_ADDRESS');
  await failure(assertPublicHost('169.254.169.254'), 'E_PRIVATE_ADDRESS');
  await failure(assertPublicHost('localhost'), 'E_PRIVATE_ADDRESS');
  await assertPublicHost('8.8.8.8');
  await assertPublicHost('[2606:4700::1111]');
});

test('createGuardedLookup: refuses a name when any of its addresses is private (DNS rebinding)', async () => {
  const answers =
    (...addresses: string[]): Resolver =>
    (_host, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  const run = (resolver: Resolver, all: boolean): Promise<unknown[]> =>
    new Promise((resolve) => createGuardedLookup('http://news.test/a', isPublicAddress, resolver)('news.test', { all }, (...args) => resolve(args)));

  const [refused] = await run(answers('93.184.216.34', '127.0.0.1'), false);
  assert.ok(refused instanceof QuipuError);
  assert.equal(refused.code, 'E_PRIVATE_ADDRESS');
  assert.match(refused.message, /news\.test resolves to private address 127\.0\.0\.1/);

  assert.deepEqual(await run(answers('93.184.216.34'), false), [null, '93.184.216.34', 4]);
  assert.deepEqual(await run(answers('93.184.216.34', '2606:4700::1111'), true), [
    null,
    [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700::1111', family: 6 },
    ],
  ]);
  const [mapped] = await run(answers('::ffff:169.254.169.254'), true);
  assert.ok(mapped instanceof QuipuError);
});
