/**
 * A bounded HTTP(S) fetcher for pages and feeds: every fetch has a deadline, a size cap (applied to the
 * decoded bytes, so a zip bomb fails early), a redirect limit, and an address guard checked on every hop at
 * connect time. Failures are QuipuErrors whose `item` is the URL the caller asked for, so a batch can name it and go on.
 *
 * Error codes: E_BAD_URL, E_PRIVATE_ADDRESS, E_TOO_MANY_REDIRECTS, E_HTTP_STATUS, E_UNSUPPORTED_TYPE,
 * E_TOO_LARGE, E_DECODE (broken compressed body), E_TIMEOUT, E_NETWORK, E_CONFIG (bad options).
 * An unknown host (ENOTFOUND) is E_NETWORK, not E_NOT_FOUND: being offline looks the same to the resolver,
 * and a retry may well succeed, which E_NOT_FOUND would tell scripts not to bother with.
 * A caller's own `signal` aborting gives E_TIMEOUT when its reason is a TimeoutError (AbortSignal.timeout), else E_NETWORK.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { QuipuError, type ErrorCode } from '../../core/errors.ts';
import { type AddressPolicy, createGuardedLookup, isPublicAddress, privateAddressError } from './address-guard.ts';

export interface FetchOptions {
  /** Allow loopback, private, link-local and other non-public addresses (the CLI's --allow-private). */
  allowPrivate: boolean;
  /** Total time for the whole fetch, redirects and body included. */
  timeoutMs: number;
  /** Cap on the body, checked on the wire and again after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** Media types accepted; a response without Content-Type is let through for the caller to sniff. */
  acceptTypes: readonly string[];
  userAgent: string;
  signal?: AbortSignal;
}

export interface FetchedResource {
  requestedUrl: string;
  /** The final URL after redirects. */
  url: string;
  status: number;
  /** Media type, lower-case, without parameters ('' if absent). */
  contentType: string;
  /** From the Content-Type charset parameter, lower-case. */
  charset: string | null;
  lastModified: string | null;
  bytes: Buffer;
}

export const defaultFetchOptions: Readonly<FetchOptions> = Object.freeze({
  allowPrivate: false,
  timeoutMs: 15_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  acceptTypes: Object.freeze([
    'text/html',
    'application/xhtml+xml',
    'text/plain',
    'text/markdown',
    'application/pdf',
    'application/rss+xml',
    'application/atom+xml',
    'application/feed+json',
    'application/json',
    'application/xml',
    'text/xml',
  ]),
  userAgent: 'Quipu/0.1 (+local news-evidence workbench)',
});

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Fetches one http(s) URL within the size, time and redirect bounds, refusing non-public addresses unless allowed. */
export async function fetchBounded(url: string, options: Partial<FetchOptions> = {}): Promise<FetchedResource> {
  return fetchWithPolicy(url, options, options.allowPrivate ? () => true : isPublicAddress);
}

/**
 * fetchBounded with an explicit address policy (`allowPrivate` is ignored); lets tests allow only the loopback
 * test server while every other private address stays refused.
 */
export async function fetchWithPolicy(url: string, options: Partial<FetchOptions>, allow: AddressPolicy): Promise<FetchedResource> {
  const opts = resolveOptions(url, options);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlinePassed()), opts.timeoutMs);
  const onCallerAbort = (): void => deadline.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onCallerAbort();
  else opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await fetchHops(url, opts, allow, deadline.signal);
  } catch (error) {
    throw toFetchError(error, url, opts, deadline.signal);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCallerAbort);
  }
}

class DeadlinePassed extends Error {}
/** Rejection used when the deadline or the caller's signal cut a hop short; mapped in toFetchError. */
class Aborted extends Error {}

async function fetchHops(requestedUrl: string, opts: FetchOptions, allow: AddressPolicy, signal: AbortSignal): Promise<FetchedResource> {
  let current = parseFetchUrl(requestedUrl, requestedUrl);
  const accepted = new Set(opts.acceptTypes.map((t) => t.toLowerCase()));
  for (let redirects = 0; ; redirects++) {
    const res = await openHop(current, requestedUrl, opts, allow, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (redirectStatuses.has(status) && location) {
      // Closing at once rather than draining: a redirect body is never wanted and may be endless.
      res.destroy();
      if (redirects >= opts.maxRedirects) {
        throw new QuipuError('E_TOO_MANY_REDIRECTS', `${requestedUrl} redirects more than ${opts.maxRedirects} times (last hop ${redact(current)} → ${location})`, requestedUrl);
      }
      current = parseFetchUrl(location, requestedUrl, current);
      continue;
    }
    // A 3xx we do not follow (304, 300, a redirect without Location) has no page to give either.
    if (status < 200 || status >= 300) {
      res.destroy();
      const reason = res.statusMessage || http.STATUS_CODES[status] || 'Unknown Status';
      const missing = redirectStatuses.has(status) ? ' (redirect without a Location header)' : '';
      throw new QuipuError('E_HTTP_STATUS', `HTTP ${status} ${reason}${missing} for ${redact(current)}`, requestedUrl);
    }
    const { contentType, charset } = parseContentType(res.headers['content-type']);
    if (contentType !== '' && !accepted.has(contentType)) {
      res.destroy();
      throw new QuipuError('E_UNSUPPORTED_TYPE', `${redact(current)} is ${contentType}, not a page, feed or document`, requestedUrl);
    }
    const declared = res.headers['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > opts.maxBytes) {
      res.destroy();
      throw new QuipuError('E_TOO_LARGE', `${redact(current)} is ${declared} bytes, over the ${opts.maxBytes}-byte cap`, requestedUrl);
    }
    const bytes = await readBody(res, current, requestedUrl, opts.maxBytes, signal);
    return {
      requestedUrl,
      url: current.href,
      status,
      contentType,
      charset,
      lastModified: res.headers['last-modified'] ?? null,
      bytes,
    };
  }
}

function openHop(target: URL, requestedUrl: string, opts: FetchOptions, allow: AddressPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const host = unbracket(target.hostname);
  // Node connects to literal IPs without calling `lookup`, so those are checked here, before any socket exists.
  if (isIP(host) !== 0 && !allow(host)) return Promise.reject(privateAddressError(target.href, host, host));
  if (signal.aborted) return Promise.reject(new Aborted());
  return new Promise((resolve, reject) => {
    const transport = target.protocol === 'https:' ? https : http;
    const req = transport.request({
      protocol: target.protocol,
      hostname: host,
      port: target.port === '' ? undefined : Number(target.port),
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      // No pooled sockets: each hop dials afresh, so each connection passes through the guarded lookup.
      agent: false,
      lookup: createGuardedLookup(target.href, allow),
      headers: {
        'user-agent': opts.userAgent,
        accept: opts.acceptTypes.join(', '),
        'accept-encoding': 'gzip, deflate, br',
        connection: 'close',
      },
    });
    let response: IncomingMessage | undefined;
    const onAbort = (): void => {
      req.destroy();
      reject(new Aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('response', (res) => {
      signal.removeEventListener('abort', onAbort);
      response = res;
      resolve(res);
    });
    // Kept for the life of the request: an error after the headers belongs to the body reader, via the response.
    req.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      if (response) response.destroy(error);
      else reject(error);
    });
    req.end();
  });
}

function readBody(res: IncomingMessage, url: URL, requestedUrl: string, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wireSize = 0;
    let settled = false;
    let decoders: Transform[] = [];
    const encodings = (res.headers['content-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== '' && e !== 'identity')
      .reverse(); // listed in the order applied, so undone last-first

    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(Buffer.concat(chunks, size));
        return;
      }
      res.destroy();
      for (const d of decoders) d.destroy();
      reject(error);
    };
    const onAbort = (): void => finish(new Aborted());
    const tooLarge = (): QuipuError => new QuipuError('E_TOO_LARGE', `${redact(url)} is larger than the ${maxBytes}-byte cap`, requestedUrl);
    const keep = (chunk: Buffer): void => {
      if (settled) return;
      // Checked before keeping the chunk, so at most maxBytes are ever held.
      if (size + chunk.length > maxBytes) {
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    };

    const unknown = encodings.find((e) => !knownEncodings.has(e));
    if (unknown !== undefined) {
      res.destroy();
      reject(new QuipuError('E_UNSUPPORTED_TYPE', `${redact(url)} is compressed as ${unknown}, which Quipu does not decode`, requestedUrl));
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    const buildDecoders = (firstChunk: Buffer): Transform => {
      decoders = encodings.map((e, i) => makeDecoder(e, i === 0 ? firstChunk : undefined));
      for (let i = 0; i + 1 < decoders.length; i++) decoders[i]!.pipe(decoders[i + 1]!);
      for (const [i, d] of decoders.entries()) {
        d.on('error', (error: Error) =>
          finish(
            new QuipuError('E_DECODE', `${redact(url)} sent a broken ${encodings[i]} body: ${error.message}`, requestedUrl, {
              cause: error,
            }),
          ),
        );
      }
      const last = decoders[decoders.length - 1]!;
      last.on('data', keep);
      last.on('end', () => finish());
      return decoders[0]!;
    };

    let head: Transform | undefined;
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireSize += chunk.length;
      if (wireSize > maxBytes) return finish(tooLarge());
      if (encodings.length === 0) return keep(chunk);
      head ??= buildDecoders(chunk);
      if (!head.write(chunk)) {
        res.pause();
        head.once('drain', () => res.resume());
      }
    });
    res.on('end', () => {
      if (head) head.end();
      else finish();
    });
    res.on('error', (error) => finish(error));
    res.on('close', () => {
      if (!res.complete) finish(Object.assign(new Error('the connection closed before the whole body arrived'), { code: 'ECONNRESET' }));
    });
  });
}

const knownEncodings = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

function makeDecoder(encoding: string, firstChunk: Buffer | undefined): Transform {
  if (encoding === 'br') return zlib.createBrotliDecompress();
  if (encoding === 'deflate') {
    // HTTP "deflate" means zlib-wrapped, but some servers send raw deflate; the zlib header's checksum tells them apart.
    const b0 = firstChunk?.[0];
    const b1 = firstChunk?.[1];
    const zlibWrapped = b0 === undefined || b1 === undefined || ((b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0);
    return zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
  }
  return zlib.createGunzip();
}

function parseFetchUrl(raw: string, requestedUrl: string, from?: URL): URL {
  let url: URL;
  try {
    url = from ? new URL(raw, from) : new URL(raw);
  } catch (error) {
    const message = from ? `${redact(from)} redirects to an invalid URL: ${raw}` : `Not a valid URL: ${raw}`;
    throw new QuipuError('E_BAD_URL', message, requestedUrl, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = from ? `Refused redirect from ${redact(from)} to ${redact(url)}: only http and https URLs are fetched` : `Only http and https URLs can be fetched, not ${redact(url)}`;
    throw new QuipuError('E_BAD_URL', message, requestedUrl);
  }
  if (url.username !== '' || url.password !== '') {
    throw new QuipuError('E_BAD_URL', `Refused ${redact(url)}: credentials in a URL are never sent; remove the user:password@ part`, requestedUrl);
  }
  return url;
}

/** The URL for messages, with any password masked: messages end up in logs and summaries. */
function redact(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function parseContentType(header: string | undefined): { contentType: string; charset: string | null } {
  if (header === undefined) return { contentType: '', charset: null };
  const [type = '', ...params] = header.split(';');
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    let value = param.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    charset = value.toLowerCase() || null;
    break;
  }
  return { contentType: type.trim().toLowerCase(), charset };
}

function resolveOptions(url: string, options: Partial<FetchOptions>): FetchOptions {
  const opts: FetchOptions = { ...defaultFetchOptions };
  for (const [key, value] of Object.entries(options) as [keyof FetchOptions, unknown][]) {
    // An explicit `undefined` (common when options are spread from CLI flags) means "use the default".
    if (value !== undefined) (opts as unknown as Record<string, unknown>)[key] = value;
  }
  const bad = (what: string, found: unknown): QuipuError => new QuipuError('E_CONFIG', `fetch option ${what}; found ${String(found)}`, url);
  if (!(Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0)) throw bad('timeoutMs must be a positive number of milliseconds', opts.timeoutMs);
  if (!(Number.isSafeInteger(opts.maxBytes) && opts.maxBytes > 0)) throw bad('maxBytes must be a positive whole number of bytes', opts.maxBytes);
  if (!(Number.isSafeInteger(opts.maxRedirects) && opts.maxRedirects >= 0)) throw bad('maxRedirects must be a whole number ≥ 0', opts.maxRedirects);
  if (!Array.isArray(opts.acceptTypes)) throw bad('acceptTypes must be a list of media types', opts.acceptTypes);
  if (typeof opts.userAgent !== 'string' || /[\r\n]/.test(opts.userAgent)) throw bad('userAgent must be one line of text', opts.userAgent);
  return opts;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function toFetchError(error: unknown, requestedUrl: string, opts: FetchOptions, signal: AbortSignal): QuipuError {
  if (error instanceof QuipuError) {
    // The guard's lookup names the hop it refused; the item must still be what the caller asked for.
    return error.item === requestedUrl ? error : new QuipuError(error.code, error.message, requestedUrl, { cause: error });
  }
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof DeadlinePassed) {
      return new QuipuError('E_TIMEOUT', `No complete answer from ${requestedUrl} within ${seconds(opts.timeoutMs)}`, requestedUrl);
    }
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new QuipuError('E_TIMEOUT', `No complete answer from ${requestedUrl} before the caller's deadline`, requestedUrl, { cause: reason });
    }
    return new QuipuError('E_NETWORK', `Fetch of ${requestedUrl} was cancelled`, requestedUrl, { cause: reason });
  }
  const { code, words } = describeNetworkError(error);
  return new QuipuError(code, `Could not fetch ${requestedUrl}: ${words}`, requestedUrl, { cause: error });
}

const plainWords: Record<string, string> = {
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection closed while the request was being sent',
  ENOTFOUND: 'no such host (DNS found no address for it)',
  EAI_AGAIN: 'the DNS lookup failed for now; try again later',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

function describeNetworkError(error: unknown): { code: ErrorCode; words: string } {
  const e = error as (Error & { code?: unknown }) | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = e instanceof Error ? e.message : String(error);
  const known = plainWords[code];
  if (known) return { code: 'E_NETWORK', words: `${known} (${code})` };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return { code: 'E_NETWORK', words: `the TLS connection failed: ${message} (${code})` };
  }
  if (code.startsWith('HPE_')) return { code: 'E_NETWORK', words: `the server sent a malformed HTTP response (${code})` };
  return { code: 'E_NETWORK', words: code ? `${message} (${code})` : message };
}
