import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress } from '../../../src/intake/address-policy.js';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.215.14'],
    ['172.32.0.1'], // just past 172.16/12
    ['100.128.0.1'], // just past CGNAT
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:82b::200e'],
    ['::ffff:8.8.8.8'], // mapped, but to a public address
    ['64:ff9b::808:808'], // NAT64 of 8.8.8.8
    ['2002:808:808::1'], // 6to4 of 8.8.8.8
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7'], // Teredo: server 65.54.227.120, client 8.8.8.8
  ])('lets a connection reach the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], // cloud metadata
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.2.1', 'reserved'], // documentation
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.18.0.1', 'reserved'], // benchmarking
    ['192.0.0.8', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'], // documentation
    ['2001:2::1', 'benchmarking'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['::ffff:127.0.0.1', 'ipv4Mapped→loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped→loopback'],
    ['::ffff:169.254.169.254', 'ipv4Mapped→linkLocal'],
    ['::ffff:10.0.0.1', 'ipv4Mapped→private'],
    ['::ffff:0:127.0.0.1', 'rfc6145→loopback'],
    ['64:ff9b::7f00:1', 'rfc6052→loopback'], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'rfc6052→linkLocal'], // NAT64 of 169.254.169.254
    ['64:ff9b:1::808:808', 'rfc6052→unspecified'], // local-use NAT64 prefix
    ['2002:7f00:1::1', '6to4→loopback'],
    ['2002:c0a8:101::1', '6to4→private'],
    ['2001:0:4136:e378:8000:63bf:3f57:fefe', 'teredo→private'], // client ~3f57:fefe = 192.168.1.1
    ['2001:0:c0a8:101::', 'teredo→private'], // server 192.168.1.1
    ['::7f00:1', 'unallocated'], // IPv4-compatible ::127.0.0.1
    ['4000::1', 'unallocated'],
  ])('refuses %s (%s)', (address, range) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(classifyAddress(address).range).toBe(range);
  });

  it.each([['localhost'], [''], ['0x7f.1'], ['127.1'], ['2130706433'], ['1.2.3.4.5'], ['[::1]'], ['not an address']])(
    'refuses %j, which is not an address as a resolver writes one',
    (text) => {
      expect(isPublicAddress(text)).toBe(false);
      expect(classifyAddress(text).range).toBe('invalid');
    },
  );
});
