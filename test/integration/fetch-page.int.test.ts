import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VerbatimError, type ErrorCode } from '../../src/core/errors.js';
import { isPublicAddress } from '../../src/intake/address-policy.js';
import { fetchPage, type FetchPageOptions, type Lookup } from '../../src/intake/fetch-page.js';
import { endless, hang, page, redirect, stallAfter, startPageServer, type PageServer } from '../fakes/page-server.js';

/** What a refused fetch threw, for assertions on its code and message. */
async function refusal(promise: Promise<unknown>): Promise<VerbatimError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof VerbatimError)) throw new Error(`expected a VerbatimError, got ${String(error)}`);
  return error;
}

/** A lookup answering from a table, recording every name it was asked for. */
function tableLookup(table: Record<string, string[]>): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(lookup, { asked });
}

const guarded: FetchPageOptions = { allowPrivateNetwork: false, maxBytes: 1_000_000, timeoutMs: 10_000 };
const trusting: FetchPageOptions = { ...guarded, allowPrivateNetwork: true };

let local: PageServer; // 127.0.0.1
let localV6: PageServer; // ::1

beforeAll(async () => {
  local = await startPageServer({ host: '127.0.0.1' });
  localV6 = await startPageServer({ host: '::1' });
});
afterAll(async () => {
  await local.close();
  await localV6.close();
});
afterEach(() => {
  local.hits.length = 0;
  localV6.hits.length = 0;
});

describe('fetchPage refuses the local network by default', () => {
  beforeAll(() => {
    local.route('/', page('<h1>internal admin</h1>'));
    localV6.route('/', page('<h1>internal admin</h1>'));
  });

  it.each([
    ['127.0.0.1', () => `${local.origin}/`],
    ['localhost (system resolver)', () => `http://localhost:${local.port}/`],
    ['[::1]', () => `${localV6.origin}/`],
    ['::ffff:127.0.0.1', () => `http://[::ffff:127.0.0.1]:${local.port}/`],
    ['2130706433 (127.0.0.1 as one number)', () => `http://2130706433:${local.port}/`],
    ['0x7f.1', () => `http://0x7f.1:${local.port}/`],
    ['127.1', () => `http://127.1:${local.port}/`],
    ['169.254.169.254 (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['10.0.0.1', () => 'http://10.0.0.1/'],
    ['192.168.1.1', () => 'http://192.168.1.1/'],
    ['0.0.0.0', () => `http://0.0.0.0:${local.port}/`],
  ])('refuses %s without sending a request', async (_name, link) => {
    const error = await refusal(fetchPage(link(), guarded));
    expect(error.code).toBe('URL_BLOCKED');
    expect(local.hits).toHaveLength(0);
    expect(localV6.hits).toHaveLength(0);
  });

  it('refuses a public-looking name that resolves to a loopback address, without a request', async () => {
    const lookup = tableLookup({ 'news.example': ['127.0.0.1'] });
    const error = await refusal(fetchPage(`http://news.example:${local.port}/`, { ...guarded, lookup }));
    expect(error.code).toBe('URL_BLOCKED');
    expect(lookup.asked).toEqual(['news.example']);
    expect(local.hits).toHaveLength(0);
  });

  it('refuses a name with one private address among public ones, whichever the resolver lists first', async () => {
    const lookup = tableLookup({ 'news.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '127.0.0.1'] });
    const error = await refusal(fetchPage(`http://news.example:${local.port}/`, { ...guarded, lookup }));
    expect(error.code).toBe('URL_BLOCKED');
    expect(local.hits).toHaveLength(0);
  });

  it('says what is wrong in one line without naming the address it found', async () => {
    const lookup = tableLookup({ 'news.example': ['10.1.2.3'] });
    const error = await refusal(fetchPage('http://news.example/a?token=secret', { ...guarded, lookup }));
    expect(error.message).toBe('That link points to a private or local network address, which is not fetched.');
    expect(String(error.cause)).toContain('10.1.2.3');
  });
});

/**
 * A site on ::1 stands in for a public one: the policy admits that one address, as it would admit
 * any public address, and refuses everything else it always refuses. What it proves is what
 * happens after a permitted first hop.
 */
describe('fetchPage checks every redirect before following it', () => {
  const standInPublic = (address: string) => address === '::1' || isPublicAddress(address);

  it.each([
    ['127.0.0.1', () => `${local.origin}/secret`],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['a name that resolves to 127.0.0.1', () => `http://intranet.example:${local.port}/secret`],
    ['localhost', () => `http://localhost:${local.port}/secret`],
  ])('refuses a redirect to %s before any request is made to it', async (_name, target) => {
    local.route('/secret', page('<h1>secret</h1>'));
    localV6.route('/go', redirect(target()));
    const lookup = tableLookup({ 'public.example': ['::1'], 'intranet.example': ['127.0.0.1'], localhost: ['127.0.0.1'] });
    const options = { ...guarded, lookup, isAllowedAddress: standInPublic };
    const error = await refusal(fetchPage(`http://public.example:${localV6.port}/go`, options));
    expect(error.code).toBe('URL_BLOCKED');
    expect(localV6.hits.map((hit) => hit.path)).toEqual(['/go']);
    expect(local.hits).toHaveLength(0);
  });

  it('refuses a redirect to a link that is not http(s)', async () => {
    localV6.route('/go', redirect('file:///etc/passwd'));
    const options = { ...guarded, lookup: tableLookup({ 'public.example': ['::1'] }), isAllowedAddress: standInPublic };
    const error = await refusal(fetchPage(`http://public.example:${localV6.port}/go`, options));
    expect(error.code).toBe('URL_INVALID');
    expect(error.message).toBe('The page redirected to a link that is not http(s).');
  });

  describe('with a name that resolves elsewhere the second time it is asked (DNS rebinding)', () => {
    let rebindTarget: PageServer;
    beforeAll(async () => {
      // Same port as the stand-in site: a connection that asked DNS again would land here.
      rebindTarget = await startPageServer({ host: '127.0.0.1', port: localV6.port });
      rebindTarget.route('/', page('<h1>internal</h1>'));
      rebindTarget.route('/next', page('<h1>internal</h1>'));
    });
    afterAll(() => rebindTarget.close());

    function rebindingLookup(): Lookup & { asked: string[] } {
      const asked: string[] = [];
      const lookup = async (hostname: string) => {
        asked.push(hostname);
        return [{ address: asked.length === 1 ? '::1' : '127.0.0.1', family: asked.length === 1 ? (6 as const) : (4 as const) }];
      };
      return Object.assign(lookup, { asked });
    }

    it('connects to the address it checked, with the name in the Host header', async () => {
      localV6.route('/', page('<h1>the article</h1>'));
      const lookup = rebindingLookup();
      const fetched = await fetchPage(`http://rebind.example:${localV6.port}/`, { ...guarded, lookup, isAllowedAddress: standInPublic });
      expect(Buffer.from(fetched.body).toString()).toBe('<h1>the article</h1>');
      expect(lookup.asked).toEqual(['rebind.example']);
      expect(localV6.hits[0]?.headers.host).toBe(`rebind.example:${localV6.port}`);
      expect(rebindTarget.hits).toHaveLength(0);
    });

    it('asks again on a redirect to the same name, and refuses the new answer', async () => {
      localV6.route('/', redirect('/next'));
      const lookup = rebindingLookup();
      const error = await refusal(fetchPage(`http://rebind.example:${localV6.port}/`, { ...guarded, lookup, isAllowedAddress: standInPublic }));
      expect(error.code).toBe('URL_BLOCKED');
      expect(lookup.asked).toEqual(['rebind.example', 'rebind.example']);
      expect(rebindTarget.hits).toHaveLength(0);
    });
  });
});

describe('fetchPage on an allowed network', () => {
  it('returns the page: bytes intact, media type and charset from the header', async () => {
    const latin1 = Buffer.from('<p>caf\xe9 na\xefve</p>', 'latin1');
    local.route('/article', page(latin1, { headers: { 'content-type': 'Text/HTML; Charset="ISO-8859-1"' } }));
    const fetched = await fetchPage(`${local.origin}/article`, trusting);
    expect(fetched).toEqual({
      requestedUrl: `${local.origin}/article`,
      url: `${local.origin}/article`,
      contentType: 'text/html',
      charset: 'iso-8859-1',
      body: new Uint8Array(latin1),
    });
  });

  it('asks like a browser and names Verbatim', async () => {
    local.route('/article?page=2', page('<p>hello</p>'));
    await fetchPage(`${local.origin}/article?page=2`, trusting);
    const [hit] = local.hits;
    expect(hit?.path).toBe('/article?page=2');
    expect(hit?.headers.accept).toMatch(/^text\/html,application\/xhtml\+xml/);
    expect(hit?.headers['user-agent']).toContain('Verbatim');
    expect(hit?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('accepts XHTML, with no charset when the header names none', async () => {
    local.route('/xhtml', page('<html xmlns="http://www.w3.org/1999/xhtml"/>', { headers: { 'content-type': 'application/xhtml+xml' } }));
    const fetched = await fetchPage(`${local.origin}/xhtml`, trusting);
    expect(fetched.contentType).toBe('application/xhtml+xml');
    expect(fetched.charset).toBeNull();
  });

  it.each([301, 302, 303, 307, 308])('follows a %i redirect, resolving a relative Location, and reports the final URL', async (status) => {
    local.route('/news/old', redirect('../articles/new?id=7', status));
    local.route('/articles/new?id=7', page('<p>moved here</p>'));
    const fetched = await fetchPage(`${local.origin}/news/old`, trusting);
    expect(fetched.requestedUrl).toBe(`${local.origin}/news/old`);
    expect(fetched.url).toBe(`${local.origin}/articles/new?id=7`);
    expect(Buffer.from(fetched.body).toString()).toBe('<p>moved here</p>');
  });

  describe('redirect limits', () => {
    beforeAll(() => {
      for (let left = 1; left <= 6; left += 1) local.route(`/chain/${left}`, redirect(`/chain/${left - 1}`));
      local.route('/chain/0', page('<p>end of the chain</p>'));
      local.route('/loop', redirect('/loop'));
    });

    it('follows 5 redirects', async () => {
      const fetched = await fetchPage(`${local.origin}/chain/5`, trusting);
      expect(fetched.url).toBe(`${local.origin}/chain/0`);
    });

    it('refuses a 6th redirect without requesting it', async () => {
      const error = await refusal(fetchPage(`${local.origin}/chain/6`, trusting));
      expect(error.code).toBe('FETCH_TOO_MANY_REDIRECTS');
      expect(local.hits.map((hit) => hit.path)).toEqual(['/chain/6', '/chain/5', '/chain/4', '/chain/3', '/chain/2', '/chain/1']);
    });

    it('ends a redirect loop', async () => {
      const error = await refusal(fetchPage(`${local.origin}/loop`, trusting));
      expect(error.code).toBe('FETCH_TOO_MANY_REDIRECTS');
      expect(local.hits).toHaveLength(6);
    });

    it('takes its limit from the options', async () => {
      const error = await refusal(fetchPage(`${local.origin}/chain/2`, { ...trusting, maxRedirects: 1 }));
      expect(error.code).toBe('FETCH_TOO_MANY_REDIRECTS');
    });
  });

  describe('size limit', () => {
    const small = { ...trusting, maxBytes: 100_000, timeoutMs: 30_000 };

    it.each(['chunked', 'close-delimited'] as const)('stops an endless %s body at the limit and closes the connection', async (framing) => {
      local.route('/endless', endless({ framing }));
      const error = await refusal(fetchPage(`${local.origin}/endless`, small));
      expect(error.code).toBe('FETCH_TOO_LARGE');
      await vi.waitFor(() => expect(local.openSockets()).toBe(0), { timeout: 10_000 });
    });

    it('refuses from the Content-Length alone, before any body arrives', async () => {
      local.route('/huge', stallAfter('', { 'content-type': 'text/html', 'content-length': '50000000' }));
      const error = await refusal(fetchPage(`${local.origin}/huge`, small));
      expect(error.code).toBe('FETCH_TOO_LARGE');
    });

    it('accepts a page of exactly the limit', async () => {
      local.route('/exact', page('x'.repeat(100_000)));
      const fetched = await fetchPage(`${local.origin}/exact`, small);
      expect(fetched.body).toHaveLength(100_000);
    });

    it('refuses a small gzip that inflates past the limit (zip bomb)', async () => {
      const bomb = gzipSync(Buffer.alloc(20_000_000, ' '));
      expect(bomb.length).toBeLessThan(small.maxBytes);
      local.route('/bomb', page(bomb, { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } }));
      const error = await refusal(fetchPage(`${local.origin}/bomb`, small));
      expect(error.code).toBe('FETCH_TOO_LARGE');
    });
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    const html = '<article><p>Le caf\u00e9 est ouvert.</p></article>'.repeat(50);
    local.route(`/${encoding}`, page(compress(Buffer.from(html)), { headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding } }));
    const fetched = await fetchPage(`${local.origin}/${encoding}`, trusting);
    expect(Buffer.from(fetched.body).toString('utf8')).toBe(html);
  });

  describe('time limit', () => {
    const quick = { ...trusting, timeoutMs: 300 };

    it('gives up on a body that stalls halfway, and closes the connection', async () => {
      local.route('/stall', stallAfter('<html><body><p>The first paragraph'));
      const error = await refusal(fetchPage(`${local.origin}/stall`, quick));
      expect(error.code).toBe('FETCH_TIMEOUT');
      await vi.waitFor(() => expect(local.openSockets()).toBe(0), { timeout: 10_000 });
    });

    it('gives up on a server that never answers', async () => {
      local.route('/hang', hang);
      const error = await refusal(fetchPage(`${local.origin}/hang`, quick));
      expect(error.code).toBe('FETCH_TIMEOUT');
    });

    it('counts every redirect into the one time limit', async () => {
      // Each hop answers well within the limit; the five together do not.
      for (let left = 1; left <= 5; left += 1) {
        local.route(`/slow/${left}`, (request, response) => setTimeout(() => redirect(`/slow/${left - 1}`)(request, response), 250));
      }
      local.route('/slow/0', page('<p>too late</p>'));
      const error = await refusal(fetchPage(`${local.origin}/slow/5`, { ...trusting, timeoutMs: 600 }));
      expect(error.code).toBe('FETCH_TIMEOUT');
    });

    it('gives up on a resolver that never answers', async () => {
      const error = await refusal(fetchPage('http://slow-dns.example/', { ...quick, lookup: () => new Promise(() => {}) }));
      expect(error.code).toBe('FETCH_TIMEOUT');
    });
  });

  it.each([['application/pdf'], ['image/png'], ['application/json'], ['text/plain']])('refuses %s from its header, before reading the body', async (type) => {
    // The body never comes: a fetcher that read it first would time out instead.
    local.route('/file', stallAfter('%PDF-1.7', { 'content-type': type }));
    const error = await refusal(fetchPage(`${local.origin}/file`, { ...trusting, timeoutMs: 30_000 }));
    expect(error.code).toBe('FETCH_NOT_HTML');
  });

  it('refuses a response without a content type', async () => {
    local.route('/untyped', page('<p>what am I</p>', { headers: {} }));
    const error = await refusal(fetchPage(`${local.origin}/untyped`, trusting));
    expect(error.code).toBe('FETCH_NOT_HTML');
  });

  it.each([404, 410, 500, 503])('reports a %i answer with its status', async (status) => {
    local.route('/gone', page('<h1>no</h1>', { status }));
    const error = await refusal(fetchPage(`${local.origin}/gone`, trusting));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toBe(`The page answered ${status}.`);
  });

  it('reports a refused connection', async () => {
    const closed = await startPageServer();
    const port = closed.port;
    await closed.close();
    const error = await refusal(fetchPage(`http://127.0.0.1:${port}/`, trusting));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toBe('The page could not be fetched.');
  });

  it('reports a name that does not resolve', async () => {
    const error = await refusal(fetchPage('http://no-such-site.example/', { ...trusting, lookup: tableLookup({}) }));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toBe("The site's name could not be found.");
  });

  it('stops when the caller cancels', async () => {
    local.route('/hang', hang);
    const controller = new AbortController();
    const fetching = fetchPage(`${local.origin}/hang`, { ...trusting, signal: controller.signal });
    await vi.waitFor(() => expect(local.hits).toHaveLength(1));
    controller.abort();
    const error = await refusal(fetching);
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toBe('The fetch was cancelled.');
  });
});

describe('fetchPage accepts only http(s) links', () => {
  it.each([
    ['ftp://example.com/article.html'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['data:text/html,<h1>hi</h1>'],
    ['gopher://127.0.0.1:6379/_INFO'],
    ['example.com/article'],
    ['http://'],
    [''],
  ])('refuses %j', async (link) => {
    const error = await refusal(fetchPage(link, trusting));
    expect(error.code).toBe('URL_INVALID');
  });

  it('refuses a link with a user name and password, without a request', async () => {
    const error = await refusal(fetchPage(`http://admin:hunter2@127.0.0.1:${local.port}/`, trusting));
    expect(error.code).toBe('URL_INVALID');
    expect(error.message).not.toContain('hunter2');
    expect(local.hits).toHaveLength(0);
  });
});

describe('every refusal', () => {
  it('has its own code and a one-line message that names no address', async () => {
    local.route('/r/loop', redirect('/r/loop'));
    local.route('/r/endless', endless());
    local.route('/r/stall', stallAfter('<p>'));
    local.route('/r/pdf', page('%PDF', { headers: { 'content-type': 'application/pdf' } }));
    local.route('/r/missing', page('no', { status: 404 }));
    const small = { ...trusting, maxBytes: 50_000, timeoutMs: 2_000 };
    const cases: [ErrorCode, Promise<unknown>][] = [
      ['URL_INVALID', fetchPage('ftp://example.com/', guarded)],
      ['URL_BLOCKED', fetchPage(`${local.origin}/`, guarded)],
      ['FETCH_TOO_MANY_REDIRECTS', fetchPage(`${local.origin}/r/loop`, small)],
      ['FETCH_TOO_LARGE', fetchPage(`${local.origin}/r/endless`, small)],
      ['FETCH_TIMEOUT', fetchPage(`${local.origin}/r/stall`, { ...small, timeoutMs: 300 })],
      ['FETCH_NOT_HTML', fetchPage(`${local.origin}/r/pdf`, small)],
      ['FETCH_FAILED', fetchPage(`${local.origin}/r/missing`, small)],
    ];
    const errors = await Promise.all(cases.map(([, fetching]) => refusal(fetching)));
    expect(errors.map((error) => error.code)).toEqual(cases.map(([code]) => code));
    const messages = errors.map((error) => error.message);
    expect(new Set(messages).size).toBe(messages.length);
    for (const message of messages) {
      expect(message).toMatch(/^[^\n]{10,120}$/);
      expect(message).not.toMatch(/127\.0\.0\.1|localhost|\d{4,}/);
    }
  });
});
