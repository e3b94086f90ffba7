import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VerbatimError } from '../core/errors.js';
import { extractArticle } from './extract-article.js';
import { fetchPage, type FetchPageOptions } from './fetch-page.js';
import type { ExtractedArticle, FetchedPage } from './page.js';
import { saveArticle, type SavedArticle } from './save-article.js';

/** A link to fetch, or (for the operator's command line only) a saved page on disk, read without the network. */
export type PageSource = { url: string } | { file: string };

export type ImportPageOptions = PageSource & {
  /** The folder the article is saved in. */
  dir: string;
  /** config.fetch: the fetcher's limits and whether private addresses may be reached. */
  fetch: FetchPageOptions;
  now?: () => Date;
};

export interface ImportedPage {
  saved: SavedArticle;
  article: ExtractedArticle;
}

/**
 * Link → saved article: fetch (or read) the page, extract its article, save it. The command line
 * and Discord's /add both come through here, so both refuse, decode and save the same way. Throws
 * VerbatimError: URL_INVALID, URL_BLOCKED, FETCH_*, NO_ARTICLE_IN_PAGE, ARTICLE_UNREADABLE (a file).
 * Nothing is written unless the article was found.
 */
export async function importPage(options: ImportPageOptions): Promise<ImportedPage> {
  const page = 'file' in options ? await readSavedPage(options.file) : await fetchPage(options.url, options.fetch);
  const article = extractArticle(page);
  const saved = await saveArticle({ dir: options.dir, article, ...(options.now ? { now: options.now } : {}) });
  return { saved, article };
}

async function readSavedPage(file: string): Promise<FetchedPage> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The page file ${file} could not be read.`, { cause: error });
  }
  const url = pathToFileURL(resolve(file)).toString();
  // The charset comes from the page itself (BOM or <meta>): a file has no Content-Type header.
  return { requestedUrl: url, url, contentType: 'text/html', charset: null, body };
}
