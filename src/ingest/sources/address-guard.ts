/**
 * Decides which IP addresses a fetch may connect to. A news URL is untrusted input: without this guard,
 * ingesting `http://169.254.169.254/…` or a name that resolves to 10.x would let a feed read the user's
 * cloud metadata, router or local services.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { QuipuError } from '../../core/errors.ts';

/** Says whether a connection to `ip` is allowed. */
export type AddressPolicy = (ip: string) => boolean;

/** Resolves a name to every address it has, the way `dns.lookup(…, { all: true })` does. */
export type Resolver = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const defaultResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true }, (error, addresses) => callback(error, addresses ?? []));

// DNS64 networks (IPv6-only hosts) synthesise 64:ff9b::a.b.c.d for every IPv4-only site, so refusing the
// whole prefix would break fetching there; the embedded IPv4 address is what gets reached.
const nat64 = ipaddr.IPv6.parse('64:ff9b::');
// IANA global unicast. Everything else in IPv6 (::/8 with IPv4-compatible forms, fc00::/7, fe80::/10, ff00::/8, …)
// is special-purpose, so we allow-list this block rather than deny-list the rest.
const globalUnicast = ipaddr.IPv6.parse('2000::');

function isPublicIPv4(address: ipaddr.IPv4): boolean {
  // ipaddr.js names every special block (private, loopback, linkLocal, carrierGradeNat, reserved, multicast,
  // broadcast, unspecified, as112, amt, benchmarking); only plain unicast is a public web server.
  return address.range() === 'unicast';
}

function embeddedIPv4(address: ipaddr.IPv6, firstPart: number): ipaddr.IPv4 {
  const high = address.parts[firstPart] ?? 0;
  const low = address.parts[firstPart + 1] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** True when `ip` is a globally routable unicast address; anything unparseable counts as not public. */
export function isPublicAddress(ip: string): boolean {
  const bare = stripBrackets(ip.trim());
  if (isIP(bare) === 0) return false;
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(bare);
  } catch {
    return false;
  }
  if (address.kind() === 'ipv4') return isPublicIPv4(address as ipaddr.IPv4);
  const v6 = address as ipaddr.IPv6;
  // ::ffff:127.0.0.1 reaches 127.0.0.1 on a dual-stack socket.
  if (v6.isIPv4MappedAddress()) return isPublicIPv4(v6.toIPv4Address());
  if (v6.match(nat64, 96)) return isPublicIPv4(embeddedIPv4(v6, 6));
  // 6to4 (2002:a.b.c.d::/48) is relayed to the embedded IPv4 host.
  if (v6.range() === '6to4') return isPublicIPv4(embeddedIPv4(v6, 1));
  if (!v6.match(globalUnicast, 3)) return false;
  return v6.range() === 'unicast';
}

/** The refusal every guard path throws, worded for the CLI where `--allow-private` lifts it. */
export function privateAddressError(url: string, host: string, ip: string): QuipuError {
  return new QuipuError('E_PRIVATE_ADDRESS', `Refused ${url}: ${host} resolves to private address ${ip}; pass --allow-private to allow it`, url);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Throws E_PRIVATE_ADDRESS unless every address `hostname` resolves to is public; `url` names the item. */
export async function assertPublicHost(hostname: string, url: string = hostname, allow: AddressPolicy = isPublicAddress): Promise<void> {
  const host = stripBrackets(hostname);
  if (isIP(host) !== 0) {
    if (!allow(host)) throw privateAddressError(url, host, host);
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    defaultResolver(host, {}, (error, found) => {
      if (!error) return resolve(found);
      const code = error.code ?? error.message;
      reject(new QuipuError('E_NETWORK', `Could not resolve ${host} for ${url} (${code})`, url, { cause: error }));
    }),
  );
  // One private answer is enough to refuse: a name that mixes public and private addresses is how rebinding starts.
  const refused = addresses.find((a) => !allow(a.address));
  if (refused) throw privateAddressError(url, host, refused.address);
}

/**
 * A `lookup` for http.request that checks the addresses the socket is about to connect to, so a name that
 * resolved to a public address a moment ago cannot rebind to a private one between our check and the connect.
 */
export function createGuardedLookup(url: string, allow: AddressPolicy, resolve: Resolver = defaultResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, addresses) => {
      if (error) {
        callback(error, options.all ? [] : '', 0);
        return;
      }
      const refused = addresses.find((a) => !allow(a.address));
      const first = addresses[0];
      if (refused || !first) {
        // Node passes whatever the lookup reports to the request's 'error' event, so the QuipuError arrives intact.
        const reason = refused ? privateAddressError(url, hostname, refused.address) : Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
        callback(reason as NodeJS.ErrnoException, options.all ? [] : '', 0);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
