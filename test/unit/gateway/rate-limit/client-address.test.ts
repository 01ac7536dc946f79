import { describe, expect, it } from 'vitest';
import { addressPartition, clientAddressResolver, normalise, UNKNOWN_ADDRESS } from '../../../../gateway/rate-limit/client-address.js';

describe('clientAddressResolver: the socket peer, or X-Forwarded-For past trusted proxies only', () => {
  it.each<[string, string[], string | undefined, string | string[] | undefined, string]>([
    ['no proxies trusted: the socket peer, whatever the header says', [], '203.0.113.7', '198.51.100.1', '203.0.113.7'],
    ['an untrusted peer\'s header is ignored', ['10.0.0.0/8'], '203.0.113.7', '198.51.100.1', '203.0.113.7'],
    ['a trusted proxy: the entry it added', ['10.0.0.5'], '10.0.0.5', '198.51.100.1', '198.51.100.1'],
    ['a trusted network', ['10.0.0.0/8'], '10.1.2.3', '198.51.100.1', '198.51.100.1'],
    ['entries the client wrote left of it are not believed', ['10.0.0.0/8'], '10.0.0.5', '1.1.1.1, 198.51.100.1', '198.51.100.1'],
    ['two trusted proxies in a row', ['10.0.0.0/8'], '10.0.0.5', '1.1.1.1, 198.51.100.1, 10.0.0.9', '198.51.100.1'],
    ['header lines are read as one list', ['10.0.0.0/8'], '10.0.0.5', ['1.1.1.1', '198.51.100.1, 10.0.0.9'], '198.51.100.1'],
    ['a trusted proxy that added nothing: the proxy itself', ['10.0.0.5'], '10.0.0.5', undefined, '10.0.0.5'],
    ['a malformed entry stops the walk at the last trusted hop', ['10.0.0.0/8'], '10.0.0.5', 'evil, 10.0.0.9', '10.0.0.9'],
    ['a malformed last entry: the trusted proxy', ['10.0.0.0/8'], '10.0.0.5', 'not-an-address', '10.0.0.5'],
    ['only trusted entries: the leftmost', ['10.0.0.0/8'], '10.0.0.5', '10.0.0.7, 10.0.0.9', '10.0.0.7'],
    ['an IPv4-mapped socket address counts as IPv4', ['10.0.0.0/8'], '::ffff:10.0.0.5', '198.51.100.1', '198.51.100.1'],
    ['IPv6 proxies and clients', ['fd00::/8'], 'fd00::1', '2001:db8::1', '2001:db8::1'],
    ['a bracketed entry with a port is not an address', ['10.0.0.0/8'], '10.0.0.5', '[2001:db8::1]:443', '10.0.0.5'],
    ['a socket without an address', [], undefined, undefined, UNKNOWN_ADDRESS],
  ])('%s', (_name, trusted, socket, forwardedFor, expected) => {
    expect(clientAddressResolver(trusted)(socket, forwardedFor)).toBe(expected);
  });
});

describe('normalise', () => {
  it.each<[string, string]>([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['example.org', ''],
    ['', ''],
  ])('%s -> "%s"', (raw, expected) => {
    expect(normalise(raw)).toBe(expected);
  });
});

describe('addressPartition: IPv4 alone, IPv6 by its /64', () => {
  it.each<[string, string]>([
    ['192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:bbbb:cccc:dddd:eeee', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('%s -> %s', (address, expected) => {
    expect(addressPartition(address)).toBe(expected);
  });
});
