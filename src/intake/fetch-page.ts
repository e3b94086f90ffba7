import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { VerbatimError } from '../core/errors.js';
import { isPublicAddress } from './address-policy.js';
import { isHtml, parseContentType } from './content-type.js';
import type { FetchedPage } from './page.js';
import { hostOf, parsePageUrl } from './page-url.js';
import { readBody } from './read-body.js';
import { resolveAllowedAddresses, systemLookup, type AddressRules, type Lookup, type ResolvedAddress } from './resolve-host.js';

export type { Lookup, ResolvedAddress };

export interface FetchPageOptions {
  /** config.fetch.allowPrivateNetwork: when true every address may be reached (a trusted network only). */
  allowPrivateNetwork: boolean;
  /** config.fetch.maxBytes: most bytes of body, on the wire and decompressed alike. */
  maxBytes: number;
  /** config.fetch.timeoutMs: the whole fetch, DNS, redirects and a stalled body included. */
  timeoutMs: number;
  /** Redirects followed before giving up; 5 by default. */
  maxRedirects?: number;
  /** Resolves a host name to all its addresses; the system resolver by default. */
  lookup?: Lookup;
  /**
   * Whether an address may be connected to when `allowPrivateNetwork` is false; public unicast
   * only by default (`isPublicAddress`). A test widens it to one loopback address that stands in
   * for a public site, to prove what the guard refuses after it.
   */
  isAllowedAddress?: (address: string) => boolean;
  userAgent?: string;
  /** Cancels the fetch (FETCH_FAILED). */
  signal?: AbortSignal;
}

export const defaultUserAgent = 'Mozilla/5.0 (compatible; Verbatim/0.1; news article reader for Discord)';

const requestHeaders = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * The one way Verbatim fetches a page someone linked to. Every hop is checked before a byte is
 * sent to it: the scheme, every address its host resolves to, and then the connection goes to
 * exactly those checked addresses (the resolver is not asked again, so DNS rebinding between the
 * check and the connection cannot happen). Redirects are followed by hand and each is checked the
 * same way. Only an HTML page within `maxBytes` and `timeoutMs` is returned; every refusal is a
 * VerbatimError (URL_INVALID, URL_BLOCKED, FETCH_TOO_MANY_REDIRECTS, FETCH_TOO_LARGE,
 * FETCH_TIMEOUT, FETCH_NOT_HTML, FETCH_FAILED).
 */
export async function fetchPage(link: string, options: FetchPageOptions): Promise<FetchedPage> {
  const requestedUrl = parsePageUrl(link);
  const controller = new AbortController();
  // The abort's reason is the error to report, whatever the stream that noticed it threw.
  const timer = setTimeout(() => controller.abort(new VerbatimError('FETCH_TIMEOUT')), options.timeoutMs);
  const cancel = () => controller.abort(new VerbatimError('FETCH_FAILED', 'The fetch was cancelled.', { cause: options.signal?.reason }));
  if (options.signal?.aborted === true) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await followRedirects(requestedUrl, options, controller.signal);
  } catch (error) {
    throw fetchError(error, controller.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

async function followRedirects(requestedUrl: URL, options: FetchPageOptions, signal: AbortSignal): Promise<FetchedPage> {
  const { maxRedirects = 5, maxBytes } = options;
  const rules: AddressRules = {
    lookup: options.lookup ?? systemLookup,
    allowPrivateNetwork: options.allowPrivateNetwork,
    isAllowedAddress: options.isAllowedAddress ?? isPublicAddress,
  };
  const headers = { ...requestHeaders, 'user-agent': options.userAgent ?? defaultUserAgent };
  let url = requestedUrl;
  for (let redirects = 0; ; redirects += 1) {
    const addresses = await untilAborted(resolveAllowedAddresses(url, rules), signal);
    const response = await pinnedGet(url, addresses, { headers, signal });
    const location = response.headers.location;
    if (!redirectStatuses.has(response.statusCode ?? 0) || location === undefined) {
      return await readPage(response, { requestedUrl, url, maxBytes, signal });
    }
    response.destroy();
    if (redirects >= maxRedirects) throw new VerbatimError('FETCH_TOO_MANY_REDIRECTS');
    url = parsePageUrl(location, url);
  }
}

/**
 * GET to one of the checked addresses: the host name still goes in `Host` and in TLS's SNI and
 * certificate check, but the socket's own lookup is answered with the addresses already checked.
 * A fresh connection each time (`agent: false`), so no pooled socket outlives its check.
 */
function pinnedGet(url: URL, addresses: ResolvedAddress[], { headers, signal }: { headers: OutgoingHttpHeaders; signal: AbortSignal }): Promise<IncomingMessage> {
  const host = hostOf(url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request({
      protocol: url.protocol,
      host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { ...headers, host: url.host },
      // SNI is for names only; an IP literal is checked against the certificate's IP entries.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      lookup: pinnedLookup(addresses),
      agent: false,
      signal,
    });
    outgoing.on('response', resolve);
    // `on`, not `once`: a socket error after the response must not go unhandled.
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A `lookup` for `net.connect` that only ever answers with these addresses. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (options.all === true) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else if (first !== undefined) callback(null, first.address, first.family);
    else callback(new Error('no checked address'), '');
  };
}

interface PageContext {
  requestedUrl: URL;
  url: URL;
  maxBytes: number;
  signal: AbortSignal;
}

/** Everything the headers can refuse is refused before the body is read. */
async function readPage(response: IncomingMessage, { requestedUrl, url, maxBytes, signal }: PageContext): Promise<FetchedPage> {
  try {
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) throw new VerbatimError('FETCH_FAILED', `The page answered ${status}.`);
    const contentType = parseContentType(response.headers['content-type']);
    if (contentType === null || !isHtml(contentType.mediaType)) {
      throw new VerbatimError('FETCH_NOT_HTML', undefined, { cause: new Error(`content-type ${contentType?.mediaType ?? 'none'}`) });
    }
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) throw new VerbatimError('FETCH_TOO_LARGE');
    const body = await readBody(response, { maxBytes, signal });
    return { requestedUrl: requestedUrl.href, url: url.href, contentType: contentType.mediaType, charset: contentType.charset, body };
  } catch (error) {
    response.destroy();
    throw error;
  }
}

/** Waits for a promise (a DNS lookup) that knows nothing of the signal, but no longer than it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function fetchError(error: unknown, signal: AbortSignal): VerbatimError {
  if (signal.aborted && signal.reason instanceof VerbatimError) return signal.reason;
  if (error instanceof VerbatimError) return error;
  // Refused connections, resets, TLS failures: the user can do nothing but try later.
  return new VerbatimError('FETCH_FAILED', undefined, { cause: error });
}
