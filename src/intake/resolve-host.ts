import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { VerbatimError } from '../core/errors.js';
import { classifyAddress } from './address-policy.js';
import { hostOf } from './page-url.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface AddressRules {
  lookup: Lookup;
  allowPrivateNetwork: boolean;
  /** Consulted for every address unless `allowPrivateNetwork`. */
  isAllowedAddress: (address: string) => boolean;
}

/**
 * The addresses a URL's host stands for, every one of them allowed, so the caller may connect to
 * any. A host with one bad address among good ones is refused whole: which one a connection would
 * use is up to the resolver's order, which an attacker controls.
 */
export async function resolveAllowedAddresses(url: URL, { lookup, allowPrivateNetwork, isAllowedAddress }: AddressRules): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const literalFamily = isIP(host);
  const addresses: ResolvedAddress[] = literalFamily === 0 ? await resolve(host, lookup) : [{ address: host, family: literalFamily === 6 ? 6 : 4 }];
  if (!allowPrivateNetwork) {
    const refused = addresses.find(({ address }) => !isAllowedAddress(address));
    if (refused !== undefined) {
      // The address goes to the log through the cause; the user's message does not map our network.
      const range = classifyAddress(refused.address).range;
      throw new VerbatimError('URL_BLOCKED', undefined, { cause: new Error(`${host} is ${refused.address} (${range})`) });
    }
  }
  return addresses;
}

async function resolve(host: string, lookup: Lookup): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    throw new VerbatimError('FETCH_FAILED', "The site's name could not be found.", { cause: error });
  }
  if (addresses.length === 0) throw new VerbatimError('FETCH_FAILED', "The site's name could not be found.");
  return addresses;
}
