/**
 * Runs one fetchPage in a process of its own and prints the outcome as one JSON line. The HTTPS
 * test needs it: Node trusts a test certificate only through NODE_EXTRA_CA_CERTS, read at start.
 * Argument: JSON `{ link, hosts: { name: address }, allowPrivateNetwork }`.
 */
import { VerbatimError } from '../../src/core/errors.js';
import { fetchPage } from '../../src/intake/fetch-page.js';

const { link, hosts, allowPrivateNetwork } = JSON.parse(process.argv[2] ?? '{}') as {
  link: string;
  hosts: Record<string, string>;
  allowPrivateNetwork: boolean;
};

const lookup = async (hostname: string) => {
  const address = hosts[hostname];
  if (address === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  return [{ address, family: address.includes(':') ? (6 as const) : (4 as const) }];
};

try {
  const fetched = await fetchPage(link, { allowPrivateNetwork, maxBytes: 1_000_000, timeoutMs: 10_000, lookup });
  console.log(JSON.stringify({ url: fetched.url, body: Buffer.from(fetched.body).toString() }));
} catch (error) {
  const code = error instanceof VerbatimError ? error.code : 'not a VerbatimError';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  console.log(JSON.stringify({ code, cause }));
}
