// `npm run eval:extract [-- folder…] [--serve] [--json] [--verbose]`: extracts every saved page
// (NAME.html) of the fixture folders and compares it with what a person marked as its article
// (NAME.expected.txt, one paragraph a line; NAME.expected.json, title/byline/publisher/date, or
// {"noArticle": true}; either may be missing, and that part is not scored). Prints per page and
// overall sentence recall and precision and whether the metadata is right. The pages of each
// `holdout*/` folder (`holdout/` to `holdout-18/`) were written outside the tuning loop and scored
// once before any fix; each folder is reported on its own. `--serve` serves each folder from 127.0.0.1 and fetches
// the pages through the real fetcher (Content-Type charset from `served.charset`) instead of
// reading the files. A report: exits 0.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { scoreText, type TextScore } from '../bench/lib/extraction-scoring.js';
import { formatShare, formatTable, type Cell } from '../bench/lib/text-table.js';
import { VerbatimError } from '../src/core/errors.js';
import { extractArticle } from '../src/intake/extract-article.js';
import { fetchPage } from '../src/intake/fetch-page.js';
import type { ExtractedArticle, FetchedPage } from '../src/intake/page.js';
import { runCli } from './run-cli.js';

interface Expected {
  title?: string;
  byline?: string | null;
  publisher?: string;
  date?: string | null;
  noArticle?: boolean;
  /** What the server said: the `Content-Type` charset it sent, when the page relies on it. */
  served?: { charset?: string; url?: string };
}

interface PageResult {
  page: string;
  noArticleExpected: boolean;
  error: string | null;
  text: TextScore | null;
  /** null: not scored (no expected value given). */
  title: boolean | null;
  byline: boolean | null;
  publisher: boolean | null;
  date: boolean | null;
}

/** How a page reaches the extractor: read from its file, or fetched from a local server. */
type PageSource = (name: string, expected: Expected) => Promise<FetchedPage>;

const fixturePages = 'test/fixtures/pages';

/** The fixture folder and each folder of pages inside it (`holdout/`, `holdout-3/`, …), in name order. */
async function defaultFolders(): Promise<string[]> {
  const entries = await readdir(fixturePages, { withFileTypes: true });
  const inner = entries.filter((entry) => entry.isDirectory()).map((entry) => join(fixturePages, entry.name));
  return [fixturePages, ...inner.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))];
}

async function evaluateFolder(folder: string, readPage: PageSource): Promise<PageResult[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.html')).sort();
  const results: PageResult[] = [];
  for (const name of names) {
    const stem = basename(name, '.html');
    const expected = ((await readOptional(join(folder, `${stem}.expected.json`)).then((raw) => (raw === null ? {} : JSON.parse(raw)))) as Expected);
    let article: ExtractedArticle | null = null;
    let error: string | null = null;
    try {
      article = extractArticle(await readPage(name, expected));
    } catch (caught) {
      error = caught instanceof VerbatimError ? caught.code : String(caught);
    }
    if (expected.noArticle) {
      const refused = error === 'NO_ARTICLE_IN_PAGE';
      results.push({ page: stem, noArticleExpected: true, error, text: null, title: refused, byline: refused, publisher: refused, date: refused });
      continue;
    }
    const expectedText = await readOptional(join(folder, `${stem}.expected.txt`));
    const matches = (field: keyof Expected, value: string | null | undefined) => (field in expected ? (value ?? null) === (expected[field] ?? null) : null);
    results.push({
      page: stem,
      noArticleExpected: false,
      error,
      text: expectedText === null ? null : scoreText({ expected: expectedText.split('\n').filter((line) => line.trim() !== ''), extracted: article?.paragraphs ?? [] }),
      title: matches('title', article?.title),
      byline: matches('byline', article?.byline),
      publisher: matches('publisher', article?.publisher),
      date: matches('date', article?.date),
    });
  }
  return results;
}

async function readOptional(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

const readFromFile = (folder: string): PageSource => async (name, expected) => {
  const url = expected.served?.url ?? `http://127.0.0.1/${name}`;
  return { requestedUrl: url, url, contentType: 'text/html', charset: expected.served?.charset ?? null, body: await readFile(join(folder, name)) };
};

/** Serves the folder on 127.0.0.1 and fetches each page through the real fetcher. */
async function serveFolder(folder: string): Promise<{ readPage: PageSource; close: () => Promise<void> }> {
  const charsets = new Map<string, string | undefined>();
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    readFile(join(folder, basename(name))).then(
      (body) => {
        const charset = charsets.get(name);
        response.writeHead(200, { 'content-type': `text/html${charset ? `; charset=${charset}` : ''}` });
        response.end(body);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<h1>Not found</h1>');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const readPage: PageSource = async (name, expected) => {
    charsets.set(name, expected.served?.charset);
    const page = await fetchPage(`http://127.0.0.1:${port}/${encodeURIComponent(name)}`, { allowPrivateNetwork: true, maxBytes: 10_000_000, timeoutMs: 15_000 });
    // The saved copy stands in for the page at its own address, whose host names an unnamed publisher.
    return expected.served?.url ? { ...page, url: expected.served.url } : page;
  };
  return { readPage, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function summarise(results: readonly PageResult[]) {
  const scored = results.flatMap((result) => (result.text ? [result.text] : []));
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const metadataRight = results.filter((result) => result.title !== false && result.byline !== false && result.publisher !== false).length;
  const textRight = results.filter((result) => result.noArticleExpected ? result.error === 'NO_ARTICLE_IN_PAGE' : (result.text?.recall ?? 0) >= 0.9 && (result.text?.precision ?? 0) >= 0.9).length;
  return {
    pages: results.length,
    meanRecall: mean(scored.map((score) => score.recall)),
    meanPrecision: mean(scored.map((score) => score.precision)),
    pagesWithTextRight: textRight,
    pagesWithMetadataRight: metadataRight,
    metadataRightShare: results.length === 0 ? null : metadataRight / results.length,
  };
}

function table(results: readonly PageResult[]): string {
  const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? 'yes' : 'NO');
  const rows: Cell[][] = results.map((result) => [
    result.page,
    result.noArticleExpected ? 'refused?' : formatShare(result.text?.recall ?? null),
    result.noArticleExpected ? (result.error === 'NO_ARTICLE_IN_PAGE' ? 'yes' : 'NO') : formatShare(result.text?.precision ?? null),
    mark(result.title),
    mark(result.byline),
    mark(result.publisher),
    mark(result.date),
    result.error ?? '',
  ]);
  return formatTable({ headers: ['page', 'recall', 'precision', 'title', 'byline', 'publisher', 'date', 'error'], rows, leftAligned: [0, 7] });
}

function details(results: readonly PageResult[]): string[] {
  return results.flatMap((result) => [
    ...(result.text?.missing ?? []).map((sentence) => `  ${result.page} missing: ${sentence}`),
    ...(result.text?.extra ?? []).map((sentence) => `  ${result.page} extra:   ${sentence}`),
  ]);
}

await runCli(async () => {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const verbose = args.includes('--verbose');
  const serve = args.includes('--serve');
  const folders = args.filter((arg) => !arg.startsWith('--'));
  const report: Record<string, unknown> = {};
  for (const folder of folders.length > 0 ? folders : await defaultFolders()) {
    const served = serve ? await serveFolder(folder) : null;
    const results = await evaluateFolder(folder, served?.readPage ?? readFromFile(folder)).finally(() => served?.close());
    const summary = summarise(results);
    report[folder] = { summary, pages: results.map(({ text, ...rest }) => ({ ...rest, recall: text?.recall ?? null, precision: text?.precision ?? null })) };
    if (json) continue;
    process.stdout.write(`\n${folder}\n${table(results)}\n`);
    process.stdout.write(
      `mean recall ${formatShare(summary.meanRecall)}, mean precision ${formatShare(summary.meanPrecision)}; ` +
        `text right (recall and precision ≥ 0.9, or refused when no article) on ${summary.pagesWithTextRight}/${summary.pages} pages; ` +
        `title, byline and publisher right on ${summary.pagesWithMetadataRight}/${summary.pages} (${formatShare(summary.metadataRightShare)})\n`,
    );
    if (verbose) process.stdout.write(`${details(results).join('\n')}\n`);
  }
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
});
