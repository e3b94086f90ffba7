// The SQuAD 2.0 dev articles (../shared/datasets/squad2-dev, beside the repository) as one library
// with the shipped news article, split by article: `npm run train` fits on the fitting articles
// only, `npm run eval` reports on the held-out ones. Shared so the two can never disagree.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import type { Article, RetrievedSentence } from '../../src/core/types.js';
import { loadArticles } from '../../src/article/load-article.js';
import { createIngestEmbedder, createEmbedder, type OpenedIndex } from '../../src/app.js';
import { withEmbeddingCache } from '../../src/embedding/cached-embedder.js';
import { buildIndex } from '../../src/index/build-index.js';
import { readIndex } from '../../src/index/index-store.js';
import { VerbatimError } from '../../src/core/errors.js';

/**
 * Fixed by name, never by chance: four articles of different kinds (physics, history, politics,
 * religion) are held out; the other seven are the only ones any weight or threshold is fitted on.
 */
export const heldOutArticles: readonly string[] = [
  'wikipedia-force',
  'wikipedia-huguenot',
  'wikipedia-scottish-parliament',
  'wikipedia-yuan-dynasty',
];

export interface SquadQuestion {
  id: string;
  article: string;
  paragraph: number;
  question: string;
  answerable: boolean;
  answers: string[];
}

export interface SquadData {
  dir: string;
  articleFiles: string[];
  questions: SquadQuestion[];
  /** sha256 of the question file and every article file, in name order. */
  sha256: string;
}

/** The dataset's folder: `../shared/datasets/squad2-dev` from the repository root. */
export function squadDir(repositoryRoot: string): string {
  return join(repositoryRoot, '..', 'shared', 'datasets', 'squad2-dev');
}

export async function readSquad(repositoryRoot: string): Promise<SquadData> {
  const dir = squadDir(repositoryRoot);
  if (!existsSync(join(dir, 'questions.jsonl'))) {
    throw new VerbatimError(
      'NO_ARTICLES',
      `The SQuAD 2.0 dev data is not at ${dir}. Check out the shared datasets beside the repository (shared/datasets/squad2-dev, see its README).`,
    );
  }
  const articleFiles = (await readdir(join(dir, 'articles')))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(dir, 'articles', name));
  const hash = createHash('sha256');
  const questionBytes = await readFile(join(dir, 'questions.jsonl'));
  hash.update(questionBytes);
  for (const file of articleFiles) hash.update(await readFile(file));
  const questions = questionBytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SquadQuestion);
  return { dir, articleFiles, questions, sha256: hash.digest('hex') };
}

export function isHeldOut(question: Pick<SquadQuestion, 'article'>): boolean {
  return heldOutArticles.includes(question.article);
}

/**
 * The SQuAD articles and the shipped article(s) as one library, indexed once into `indexDir`
 * (embeddings cached in the config's cache folder), with a query embedder behind the same cache
 * so each question is embedded once across runs.
 */
export async function openSquadLibrary({
  config,
  squad,
  indexDir,
  progress,
}: {
  config: Readonly<Config>;
  squad: SquadData;
  indexDir: string;
  progress: (line: string) => void;
}): Promise<OpenedIndex & { articles: Article[] }> {
  const articles = [...(await loadArticles(config.articlesDir)), ...(await loadArticles(squad.articleFiles))];
  const model = await createEmbedder(config);
  const ingest = await createIngestEmbedder(config, model);
  await readIndex(indexDir, { embedder: ingest, articles }).catch(async (error: unknown) => {
    if (!(error instanceof VerbatimError) || !['INDEX_MISSING', 'INDEX_MISMATCH', 'INDEX_STALE'].includes(error.code)) throw error;
    progress(`Indexing ${articles.length} articles into ${indexDir} (once)…`);
    await mkdir(indexDir, { recursive: true });
    await buildIndex({ articles, embedder: ingest, indexDir, onProgress: progress });
  });
  // Questions in one batch, so the per-question calls below hit the cache.
  const texts = [...new Set(squad.questions.map((question) => question.question.trim()).filter((text) => text !== ''))];
  const missing = texts.length - (await ingest.countCached(texts));
  if (missing > 0) {
    progress(`Embedding ${missing} questions (once; cached in ${config.cacheDir})…`);
    await ingest.embed(texts);
  }
  // Opened after the questions were cached: the cache file is read on first use.
  const embedder = withEmbeddingCache(model, { dir: config.cacheDir });
  const index = await readIndex(indexDir, { embedder, articles });
  return { index, embedder, articles: index.articles };
}

/** Whether a sentence answers the question: it is in the question's article and holds an answer span. */
export function holdsAnswer(question: SquadQuestion, sentence: { articleId: string; text: string }): boolean {
  return sentence.articleId === question.article && question.answers.some((answer) => answer.trim() !== '' && sentence.text.includes(answer.trim()));
}

export function articleIdOf(file: string): string {
  return basename(file).replace(/\.txt$/, '');
}

export type { RetrievedSentence };
