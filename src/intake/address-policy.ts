import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a fetch of a stranger's link may connect to: public unicast only. Anything
 * that could reach the bot's own machine or network (loopback, private, link-local, cloud metadata
 * at 169.254.169.254, unique-local, CGNAT) or is not a real destination (unspecified, multicast,
 * broadcast, documentation, benchmarking, reserved) is refused, including when an IPv6 address
 * only wraps such an IPv4 address (mapped, NAT64, 6to4, Teredo).
 */

/** The range an address falls in, as ipaddr.js names it; `unicast` is the only public one. */
export interface AddressClass {
  isPublic: boolean;
  /** e.g. `loopback`, `private`, `ipv4Mapped→loopback`; `invalid` for text that is no address. */
  range: string;
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).isPublic;
}

export function classifyAddress(address: string): AddressClass {
  // Only the canonical forms a resolver or the WHATWG URL parser produce; ipaddr.parse would also
  // read `0x7f.1` and the like, which never come from either and are better refused than guessed.
  if (!ipaddr.isValid(address) || (ipaddr.IPv4.isValid(address) && !ipaddr.IPv4.isValidFourPartDecimal(address))) {
    return { isPublic: false, range: 'invalid' };
  }
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? classifyIPv4(parsed as ipaddr.IPv4) : classifyIPv6(parsed as ipaddr.IPv6);
}

function classifyIPv4(address: ipaddr.IPv4): AddressClass {
  const range = address.range();
  return { isPublic: range === 'unicast', range };
}

/** 2000::/3, the only IPv6 space handed out for global unicast. */
const globalUnicast = ipaddr.parseCIDR('2000::/3');

function classifyIPv6(address: ipaddr.IPv6): AddressClass {
  const range = address.range();
  const embedded = embeddedIPv4(address, range);
  if (embedded !== null) {
    const inner = embedded.map((ipv4) => classifyIPv4(ipv4));
    const refused = inner.find((each) => !each.isPublic);
    return { isPublic: refused === undefined, range: `${range}→${(refused ?? inner[0])?.range ?? 'unknown'}` };
  }
  // ipaddr.js calls everything it has no name for `unicast`, including the IPv4-compatible
  // ::a.b.c.d (::7f00:1 reaches 127.0.0.1 on some stacks) and unallocated space.
  if (range === 'unicast' && !address.match(globalUnicast)) return { isPublic: false, range: 'unallocated' };
  return { isPublic: range === 'unicast', range };
}

/**
 * The IPv4 addresses an IPv6 address stands for, when it is one of the forms that carry one:
 * the connection ends up at that IPv4 address, so that address is what must be public.
 */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] | null {
  const parts = address.parts;
  const ipv4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return [ipv4(parts[6] ?? 0, parts[7] ?? 0)];
    case 'rfc6052': {
      // 64:ff9b::a.b.c.d is well-known NAT64; 64:ff9b:1::/48 is for a network's own use, so refused.
      if (parts[2] !== 0) return [new ipaddr.IPv4([0, 0, 0, 0])];
      return [ipv4(parts[6] ?? 0, parts[7] ?? 0)];
    }
    case '6to4': // 2002:aabb:ccdd::/48
      return [ipv4(parts[1] ?? 0, parts[2] ?? 0)];
    case 'teredo': // 2001:0:server:server:flags:port:~client:~client
      return [ipv4(parts[2] ?? 0, parts[3] ?? 0), ipv4(~(parts[6] ?? 0) & 0xffff, ~(parts[7] ?? 0) & 0xffff)];
    default:
      return null;
  }
}
