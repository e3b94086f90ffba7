import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, startPageServer, type PageServer } from '../fakes/page-server.js';

const runFile = promisify(execFile);
const pages = resolve('test/fixtures/pages');
const tsxLoader = import.meta.resolve('tsx');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script as `npm run …` would, with every data folder in `root`. */
async function cli(script: string, args: string[], root: string, env: Record<string, string> = {}): Promise<Run> {
  const environment = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ARTICLES_DIR: join(root, 'articles'),
    INDEX_DIR: join(root, 'index'),
    CACHE_DIR: join(root, 'cache'),
    OPENAI_EMBEDDINGS: 'false',
    OPENAI_ANSWERS: 'false',
    ...env,
  };
  try {
    const { stdout, stderr } = await runFile(process.execPath, ['--import', tsxLoader, resolve('scripts', script), ...args], { cwd: root, env: environment, timeout: 120_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run ingest -- <URL>', () => {
  let server: PageServer;
  let root: string;
  const allow = { FETCH_ALLOW_PRIVATE_NETWORK: 'true' };

  beforeAll(async () => {
    server = await startPageServer();
    server.route('/news/hospital-merger', page(await readFile(join(pages, 'heavy-boilerplate-hospital-merger.html'))));
    server.route('/local/', page(await readFile(join(pages, 'index-page-local-news.html'))));
    root = await mkdtemp(join(tmpdir(), 'verbatim-ingest-url-'));
    // The operator's shipped article is there first and already indexed, as on a running install.
    await cp('data/articles', join(root, 'articles'), { recursive: true });
    const first = await cli('ingest.ts', [], root);
    expect(first.status).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a 127.0.0.1 link by default with exit 2, without a request and without writing anything', async () => {
    const before = await readdir(join(root, 'articles'));
    const indexBefore = await readFile(join(root, 'index', 'manifest.json'), 'utf8');
    const run = await cli('ingest.ts', [`${server.origin}/news/hospital-merger`, '--json'], root);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout.trim())).toEqual({ url: `${server.origin}/news/hospital-merger`, error: { code: 'URL_BLOCKED', message: expect.any(String) } });
    const human = await cli('ingest.ts', [`${server.origin}/news/hospital-merger`], root);
    expect(human.status).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr.trim().split('\n')).toEqual([`error [URL_BLOCKED]: That link points to a private or local network address, which is not fetched. (${server.origin}/news/hospital-merger)`]);
    expect(server.hits).toEqual([]);
    expect(await readdir(join(root, 'articles'))).toEqual(before);
    expect(await readFile(join(root, 'index', 'manifest.json'), 'utf8')).toBe(indexBefore);
  });

  it('saves the article of an allowed page, embeds only its text, and reports one JSON line per link (exit 2 for the page with none)', async () => {
    const link = `${server.origin}/news/hospital-merger`;
    const run = await cli('ingest.ts', [link, `${server.origin}/local/`, '--json'], root, allow);
    expect(run.status).toBe(2);
    const [added, refused] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(added).toEqual({
      url: link,
      id: 'lakeshoresentinel-state-regulators-approve-merger-of-two-lakeshore-hospitals',
      title: 'State regulators approve merger of two Lakeshore hospitals',
      publisher: 'Lakeshore Sentinel',
      byline: 'Priya Natarajan',
      date: '2025-10-02',
      sentences: 13,
      file: join(root, 'articles', 'lakeshoresentinel-state-regulators-approve-merger-of-two-lakeshore-hospitals.txt'),
    });
    expect(refused).toEqual({ url: `${server.origin}/local/`, error: { code: 'NO_ARTICLE_IN_PAGE', message: expect.any(String) } });

    const sidecar = JSON.parse(await readFile(join(root, 'articles', `${String(added?.id)}.json`), 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ publisher: 'Lakeshore Sentinel', url: 'https://lakeshoresentinel.example/health/state-regulators-approve-hospital-merger-a1b2c3', byline: 'Priya Natarajan' });
    expect(sidecar).not.toHaveProperty('copyright');
    const text = await readFile(String(added?.file), 'utf8');
    expect(text).not.toMatch(/cookies|Advertisement|Sign up|Recommended/u);

    // The shipped article's vectors come from the cache; only the new article's chunks are embedded.
    const [, embedded, reused] = /Embedded (\d+) new texts; (\d+) came from the cache/u.exec(run.stderr) ?? [];
    expect(Number(reused)).toBeGreaterThan(0);
    expect(Number(embedded)).toBeGreaterThan(0);
    expect(Number(embedded)).toBeLessThan(Number(reused));
  });

  it('then answers from the new article with exact quotes and its publisher and URL', async () => {
    const run = await cli('ask.ts', ['--json', 'What conditions did regulators attach to the hospital merger?'], root);
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as { citations: { article: string; text: string; start: number; end: number }[]; attribution: string };
    const id = 'lakeshoresentinel-state-regulators-approve-merger-of-two-lakeshore-hospitals';
    const text = await readFile(join(root, 'articles', `${id}.txt`), 'utf8');
    const own = answer.citations.filter((citation) => citation.article === id);
    expect(own.length).toBeGreaterThan(0);
    for (const citation of own) expect(text.slice(citation.start, citation.end)).toBe(citation.text);
    expect(answer.attribution).toContain('Source: Lakeshore Sentinel — https://lakeshoresentinel.example/health/state-regulators-approve-hospital-merger-a1b2c3');
  });

  it('leaves an article it already has untouched, and says so in one human line', async () => {
    const run = await cli('ingest.ts', [`${server.origin}/news/hospital-merger`], root, allow);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Already saved, unchanged: lakeshoresentinel-state-regulators-approve-merger-of-two-lakeshore-hospitals: “State regulators approve merger of two Lakeshore hospitals” — Lakeshore Sentinel, by Priya Natarajan, 13 sentences/u)]);
    expect((await readdir(join(root, 'articles'))).filter((name) => name.startsWith('lakeshoresentinel'))).toHaveLength(2);
  });

  it('reads a saved .html page from disk without the network', async () => {
    const run = await cli('ingest.ts', [join(pages, 'amp-transit-fares.html'), '--json'], root);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ title: 'Riverton transit board freezes fares for a second year', publisher: 'Riverton Daily Courier', byline: 'Hollis Baptiste' });
  });
});
