/**
 * Whether an address or host name is on the public Internet, for webhooks in production: a
 * partner's URL must never make the worker call a service of the internal network (SSRF).
 * Pure: no resolution here; the delivery checks each address a name resolves to.
 */

/** IPv4 ranges that are not public (RFC 6890 and the IANA special-purpose registry). */
const IPV4_REFUSED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (cloud metadata such as 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

/** IPv6 ranges refused inside global unicast 2000::/3 (everything outside it is refused too). */
const IPV6_REFUSED: Array<[string, number]> = [
  ['2001::', 23], // IETF protocol assignments, Teredo 2001::/32 included
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
];

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** The 16 bytes of an IPv6 address (embedded dotted IPv4 allowed), or null. */
function ipv6Bytes(text: string): number[] | null {
  let head = text.toLowerCase().replace(/%.*$/, ''); // a zone (fe80::1%eth0) says nothing of the range
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (dotted) {
    const v4 = ipv4Bytes(dotted[1]);
    if (!v4) return null;
    head = `${head.slice(0, dotted.index + 1)}${(v4[0] * 256 + v4[1]).toString(16)}:${(v4[2] * 256 + v4[3]).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

function inRange(bytes: number[], base: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (base[bit >> 3] & mask)) return false;
  }
  return true;
}

function publicIpv4(bytes: number[]): boolean {
  return !IPV4_REFUSED.some(([base, prefix]) => inRange(bytes, ipv4Bytes(base)!, prefix));
}

function publicIpv6(bytes: number[]): boolean {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d (and ::, ::1), NAT64 64:ff9b::a.b.c.d:
  // the IPv4 address inside decides (:: and ::1 are 0.0.0.0 and 0.0.0.1 there, refused with 0.0.0.0/8).
  if (zeros(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) {
    return publicIpv4(bytes.slice(12));
  }
  if (inRange(bytes, ipv6Bytes('64:ff9b::')!, 96)) return publicIpv4(bytes.slice(12));
  if (inRange(bytes, ipv6Bytes('2002::')!, 16)) return publicIpv4(bytes.slice(2, 6)); // 6to4 carries its IPv4
  // Outside global unicast 2000::/3: unspecified, loopback, fc00::/7 unique local, fe80::/10
  // link-local, fec0::/10 site-local, ff00::/8 multicast, 64:ff9b:1::/48, 100::/64 discard…
  if (!inRange(bytes, ipv6Bytes('2000::')!, 3)) return false;
  return !IPV6_REFUSED.some(([base, prefix]) => inRange(bytes, ipv6Bytes(base)!, prefix));
}

/** True when `address` is an IP address (v4 or v6, brackets allowed). */
export function isIpAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  return ipv4Bytes(bare) !== null || ipv6Bytes(bare) !== null;
}

/** True when the IP address is public; false for an internal, reserved one, or for anything not an IP address. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = ipv4Bytes(bare);
  if (v4) return publicIpv4(v4);
  const v6 = bare.includes(':') ? ipv6Bytes(bare) : null;
  return v6 ? publicIpv6(v6) : false;
}

/** Names that only the local network answers: localhost (RFC 6761), mDNS, internal zones. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

/**
 * True when a URL's host (as `URL.hostname` gives it) may be public: an IP address in a public
 * range, or a name outside the local zones (its addresses are checked when it is resolved).
 */
export function isPublicHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  if (host === '') return false;
  if (isIpAddress(host)) return isPublicAddress(host);
  return !INTERNAL_NAME.test(host) && host.includes('.');
}
