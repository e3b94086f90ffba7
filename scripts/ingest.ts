// `npm run ingest` indexes every article in ARTICLES_DIR; `npm run ingest -- a.txt b.txt` indexes those files only.
// `npm run ingest -- <URL|page.html> […] [--json]` fetches each page (a saved .html is read from disk),
// saves its article in ARTICLES_DIR and rebuilds the index, embedding only what the cache lacks.
import { loadArticleFile, loadArticles } from '../src/article/load-article.js';
import { loadConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/config.js';
import { createIngestEmbedder } from '../src/app.js';
import { VerbatimError } from '../src/core/errors.js';
import { buildIndex, type BuildIndexResult } from '../src/index/build-index.js';
import { importPage, type ImportedPage } from '../src/intake/import-page.js';
import { errorLine, FAILURE_EXIT_STATUS, runCli } from './run-cli.js';

type Outcome = { input: string; imported: ImportedPage } | { input: string; error: VerbatimError };

const looksLikeLink = (arg: string) => /^[a-z][a-z\d+.-]*:/iu.test(arg) && !/^[a-z]:[\\/]/iu.test(arg);
const isPageFile = (arg: string) => /\.html?$/iu.test(arg);

await runCli(async () => {
  const config = loadConfig();
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const inputs = args.filter((arg) => arg !== '--json');
  const pages = inputs.filter((arg) => looksLikeLink(arg) || isPageFile(arg));
  if (pages.length === 0) {
    await indexArticles(config, await loadArticles(inputs.length > 0 ? inputs : config.articlesDir));
    return;
  }
  if (pages.length !== inputs.length) {
    throw new VerbatimError('URL_INVALID', 'Give links and .html pages, or .txt article files, not both in one run.');
  }
  const outcomes: Outcome[] = [];
  for (const input of pages) outcomes.push(await importOne(config, input));
  const imported = outcomes.flatMap((outcome) => ('imported' in outcome ? [outcome.imported] : []));
  if (imported.length > 0) {
    const result = await indexArticles(config, await loadArticles(config.articlesDir));
    process.stderr.write(`Embedded ${result.embedded} new texts; ${result.reused} came from the cache.\n`);
  }
  for (const outcome of outcomes) {
    // A refusal is an error line like any other command's (stderr); JSON lines all go to stdout.
    const stream = 'error' in outcome && !json ? process.stderr : process.stdout;
    stream.write(`${await report(outcome, json)}\n`);
  }
  if (outcomes.some((outcome) => 'error' in outcome)) process.exitCode = FAILURE_EXIT_STATUS;
});

async function importOne(config: Readonly<Config>, input: string): Promise<Outcome> {
  try {
    const source = looksLikeLink(input) ? { url: input } : { file: input };
    return { input, imported: await importPage({ ...source, dir: config.articlesDir, fetch: config.fetch }) };
  } catch (error) {
    return { input, error: error instanceof VerbatimError ? error : new VerbatimError('INTERNAL', undefined, { cause: error }) };
  }
}

async function indexArticles(config: Readonly<Config>, articles: Parameters<typeof buildIndex>[0]['articles']): Promise<BuildIndexResult> {
  // The model is chosen in one place for indexing and answering alike (src/app.ts): the
  // OpenAI-compatible endpoint when OPENAI_EMBEDDINGS is on, else the local one.
  const embedder = await createIngestEmbedder(config);
  return buildIndex({ articles, embedder, indexDir: config.indexDir, onProgress: (line) => process.stderr.write(`${line}\n`) });
}

/** One line per page: JSON for programs, a sentence for people. */
async function report(outcome: Outcome, json: boolean): Promise<string> {
  if ('error' in outcome) {
    const { code, message } = outcome.error;
    return json ? JSON.stringify({ url: outcome.input, error: { code, message } }) : `${errorLine(outcome.error)} (${outcome.input})`;
  }
  const { saved, article } = outcome.imported;
  const sentences = (await loadArticleFile(saved.file)).sentences.length;
  if (json) {
    const { title, publisher, byline, date } = article;
    return JSON.stringify({ url: outcome.input, id: saved.id, title, publisher, byline, date, sentences, file: saved.file });
  }
  const verb = saved.created ? 'Added' : saved.changed ? 'Updated' : 'Already saved, unchanged:';
  return `${verb} ${saved.id}: “${article.title}” — ${article.publisher}${article.byline ? `, by ${article.byline}` : ''}, ${sentences} sentences (${saved.file})`;
}
