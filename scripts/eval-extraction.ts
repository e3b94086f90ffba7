// `npm run eval:extract [-- folder…] [--json]`: extracts every saved page (NAME.html) of the fixture
// folders and compares it with what a person marked as its article (NAME.expected.txt, one paragraph
// a line; NAME.expected.json, title/byline/publisher/date, or {"noArticle": true}). Prints per page
// and overall sentence recall and precision and whether the metadata is right. The pages of
// `holdout/` were kept out of development and are reported on their own. A report: exits 0.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { scoreText, type TextScore } from '../bench/lib/extraction-scoring.js';
import { formatShare, formatTable, type Cell } from '../bench/lib/text-table.js';
import { VerbatimError } from '../src/core/errors.js';
import { extractArticle } from '../src/intake/extract-article.js';
import type { ExtractedArticle } from '../src/intake/page.js';
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
  title: boolean;
  byline: boolean;
  publisher: boolean;
  date: boolean;
}

const defaultFolders = ['test/fixtures/pages', 'test/fixtures/pages/holdout'];

async function evaluateFolder(folder: string): Promise<PageResult[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.html')).sort();
  const results: PageResult[] = [];
  for (const name of names) {
    const stem = basename(name, '.html');
    const expected = JSON.parse(await readFile(join(folder, `${stem}.expected.json`), 'utf8')) as Expected;
    const body = await readFile(join(folder, name));
    const url = expected.served?.url ?? `http://127.0.0.1/${name}`;
    let article: ExtractedArticle | null = null;
    let error: string | null = null;
    try {
      article = extractArticle({ requestedUrl: url, url, contentType: 'text/html', charset: expected.served?.charset ?? null, body });
    } catch (caught) {
      error = caught instanceof VerbatimError ? caught.code : String(caught);
    }
    if (expected.noArticle) {
      const refused = error === 'NO_ARTICLE_IN_PAGE';
      results.push({ page: stem, noArticleExpected: true, error, text: null, title: refused, byline: refused, publisher: refused, date: refused });
      continue;
    }
    const expectedText = (await readFile(join(folder, `${stem}.expected.txt`), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    results.push({
      page: stem,
      noArticleExpected: false,
      error,
      text: scoreText({ expected: expectedText, extracted: article?.paragraphs ?? [] }),
      title: article?.title === expected.title,
      byline: (article?.byline ?? null) === (expected.byline ?? null),
      publisher: article?.publisher === expected.publisher,
      date: (article?.date ?? null) === (expected.date ?? null),
    });
  }
  return results;
}

function summarise(results: readonly PageResult[]) {
  const scored = results.flatMap((result) => (result.text ? [result.text] : []));
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const metadataRight = results.filter((result) => result.title && result.byline && result.publisher).length;
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
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
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
  const folders = args.filter((arg) => !arg.startsWith('--'));
  const report: Record<string, unknown> = {};
  for (const folder of folders.length > 0 ? folders : defaultFolders) {
    const results = await evaluateFolder(folder);
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
