import { BlockList, isIP } from 'node:net';

// Who an anonymous caller is, for its rate limit (issue 12, item 3): the address of the socket's
// peer, unless that peer is one of TRUSTED_PROXIES, in which case X-Forwarded-For is read from the
// right (each proxy appends the address it saw) past every trusted proxy, and the first address not
// trusted is the client. Entries left of it were written by the client and are never believed, so a
// client cannot pick its own bucket by sending the header.

export type ClientAddressOf = (socketAddress: string | undefined, forwardedFor: string | string[] | undefined) => string;

/** Used when the socket has no address (it closed): such requests share one bucket. */
export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressOf {
  const trusted = trustedList(trustedProxies);
  const isTrusted = (address: string) => trusted !== null && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return (socketAddress, forwardedFor) => {
    let client = normalise(socketAddress ?? '');
    if (!client) return UNKNOWN_ADDRESS;
    if (!isTrusted(client)) return client;
    const hops = [forwardedFor ?? []].flat().join(',').split(',').map((s) => normalise(s.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i];
      // A malformed entry cannot be a proxy's own: stop at the last address a trusted proxy vouched for.
      if (!hop) return client;
      client = hop;
      if (!isTrusted(hop)) return hop;
    }
    return client;
  };
}

function trustedList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** A valid address in one spelling (an IPv4-mapped IPv6 address as IPv4, no zone), or '' if it is none. */
export function normalise(raw: string): string {
  const address = raw.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  return isIP(address) === 0 ? '' : address.toLowerCase();
}

/**
 * The bucket an address counts in: an IPv4 address on its own, an IPv6 address by its /64 network,
 * the block one host or home is usually given, so that a client cannot rotate through its own /64
 * to get a fresh bucket per request.
 */
export function addressPartition(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => part.split(':').filter(Boolean).flatMap((g) => (g.includes('.') ? ipv4Groups(g) : [g]));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}

function ipv4Groups(dotted: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
