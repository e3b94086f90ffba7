import { VerbatimError } from '../core/errors.js';

/**
 * A link the fetcher may ask for: http or https, no user name or password. Parsed by the WHATWG
 * URL parser, the same one a browser uses, so the host is already normalised: `2130706433`,
 * `0x7f.1` and `127.1` come out as `127.0.0.1`, `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`, and
 * the address check sees what a connection would reach.
 *
 * Any port is allowed: the guard is the address, and a public host's other ports are that host's
 * own, while refusing them would break the few sites served on :8080 and the like.
 */
export function parsePageUrl(link: string, base?: URL): URL {
  const redirected = base !== undefined;
  let url: URL;
  try {
    url = new URL(link, base);
  } catch (error) {
    throw new VerbatimError('URL_INVALID', redirected ? 'The page redirected to a broken link.' : undefined, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VerbatimError('URL_INVALID', redirected ? 'The page redirected to a link that is not http(s).' : undefined);
  }
  // A user name or password in a link is a phishing trick, and sending one on is never wanted.
  if (url.username !== '' || url.password !== '') {
    throw new VerbatimError('URL_INVALID', 'Links with a user name or password are not fetched.');
  }
  return url;
}

/** The host to resolve or connect to: brackets off an IPv6 literal, the DNS root dot off a name. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
