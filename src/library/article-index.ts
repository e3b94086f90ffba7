import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadArticleFile } from '../article/load-article.js';
import { VerbatimError } from '../core/errors.js';
import type { Article, Chunk } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import { withEntityTypes } from '../article/entity-types.js';
import { chunkArticle } from '../chunking/chunker.js';
import { writeBuiltIndex } from '../index/build-index.js';
import { buildLexicalIndex, lexicalIndexFromJSON } from '../index/lexical-index.js';
import { checkManifest, parseManifest } from '../index/manifest.js';
import type { SearchableIndex } from '../retrieval/retriever.js';
import type { LibraryPaths } from './article-files.js';
import { exactVectorSearch, readStoredVectors, storedVectorsOf } from './exact-vectors.js';
import type { ArticleSummary } from './library-store.js';

export interface ArticleIndexOptions {
  paths: LibraryPaths;
  id: string;
  /** The embedder questions go through: the index must be built with the same model. */
  queryEmbedder: Embedder;
  /** The same model behind the embedding cache: only text never seen before is embedded. */
  indexEmbedder: Embedder;
}

/**
 * An article's index as far as it goes: `complete`, read from `index/<id>`, or answerable from its
 * sentences alone while the rest (paragraphs, clause windows) is still to be embedded by
 * `completeArticleIndex`; `reason` says why the saved index was no use.
 */
export type OpenedArticleIndex = { index: SearchableIndex; complete: true } | { index: SearchableIndex; complete: false; reason: VerbatimError };

/** Index problems that rebuilding from the saved `.txt` cures. */
const rebuildable = new Set(['INDEX_MISSING', 'INDEX_STALE', 'INDEX_MISMATCH', 'INDEX_CORRUPT']);

/**
 * One added article's own index (`index/<id>`, written by `buildIndex`, so atomic), shared by every
 * server that has it. A missing, stale or damaged one is rebuilt from the saved text in two steps,
 * as a new article is: its sentences now, the rest by `completeArticleIndex`. Only a complete
 * index is ever written, so a restart before that finds none and starts again from the text.
 */
export async function openArticleIndex({ paths, id, queryEmbedder, indexEmbedder }: ArticleIndexOptions): Promise<OpenedArticleIndex> {
  // The file's hash is all the index needs to be checked against; parsing waits for a rebuild.
  const file = paths.articleFile(id);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article file ${file} could not be read.`, { cause: error });
  });
  const fingerprint = { id, sha256: createHash('sha256').update(bytes).digest('hex') };
  try {
    return { index: await readArticleIndex(paths.indexDir(id), { embedder: queryEmbedder, fingerprint }), complete: true };
  } catch (error) {
    if (!(error instanceof VerbatimError) || !rebuildable.has(error.code)) throw error;
    const article = await loadArticleFile(file);
    return { index: await sentenceIndex({ article, indexEmbedder }), complete: false, reason: error };
  }
}

/**
 * What /sources lists for an article, read without opening its index: the article as its saved
 * index holds it (what a start listed before summaries were recorded), or, with no usable index,
 * as the saved text parses. Throws ARTICLE_UNREADABLE when neither can be read.
 */
export async function readArticleSummary({ paths, id }: { paths: LibraryPaths; id: string }): Promise<ArticleSummary> {
  const saved = await readFile(join(paths.indexDir(id), 'articles.json'), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  const [article] = Array.isArray(saved) && saved.length === 1 ? (saved as Article[]) : [];
  if (article?.meta?.id === id && Array.isArray(article.sentences)) return summaryOf(article);
  return summaryOf(await loadArticleFile(paths.articleFile(id)));
}

/** What /sources lists of an article: its metadata and how many sentences it has. */
export function summaryOf(article: Pick<Article, 'meta' | 'sentences'>): ArticleSummary {
  return { meta: article.meta, sentences: article.sentences.length };
}

/**
 * The index of the article's sentence chunks only, held in memory: each sentence is found by its
 * own vector and by the lexical index (which is whole already), so the article can be asked
 * about after about half of the embedding (the paragraphs are few but long). Its article is
 * tagged with entity types and its lexical index complete, as the complete index holds them.
 */
async function sentenceIndex({ article: loaded, indexEmbedder }: { article: Article; indexEmbedder: Embedder }): Promise<SearchableIndex> {
  if (loaded.sentences.length === 0) {
    throw new VerbatimError('NO_ARTICLE_IN_PAGE', 'No sentences were found in the text of that page.');
  }
  const { sentences } = splitChunks(loaded);
  const vectors = await indexEmbedder.embed(sentences.map((chunk) => chunk.embedText));
  const [article] = withEntityTypes([loaded]) as [Article];
  const lexical = buildLexicalIndex([article]);
  const dimensions = indexEmbedder.dimensions ?? vectors[0]?.length ?? 0;
  const vectorStore = exactVectorSearch(storedVectorsOf(sentences, vectors), dimensions);
  return { articles: [article], chunks: sentences, lexical, vectorStore };
}

/**
 * Embeds what the sentence index left out (into the cache), then hands `write` the step that
 * writes the complete index and returns it: `write` decides when that runs, and whether (the
 * article may have been removed meanwhile). `slice` texts go to the model per call, so a question
 * asked meanwhile waits for a few texts on the shared model, not for the article.
 */
export async function completeArticleIndex({
  paths,
  sentenceIndex: partial,
  indexEmbedder,
  slice = 2,
  beforeSlice = async () => {},
  write,
}: {
  paths: LibraryPaths;
  /** What `openArticleIndex` returned for the article when it was not complete. */
  sentenceIndex: SearchableIndex;
  indexEmbedder: Embedder;
  slice?: number;
  /** Awaited before each slice goes to the model: the library waits there while questions are answered. */
  beforeSlice?: () => Promise<void>;
  /** Runs the write; the library passes its file queue, and skips the write by not calling `build`. */
  write: (build: () => Promise<SearchableIndex>) => Promise<void>;
}): Promise<void> {
  const [article] = partial.articles;
  if (!article) throw new Error('A sentence index holds its article.');
  const chunks = chunkArticle(article);
  const texts = [...new Set(splitChunks(article, chunks).rest.map((chunk) => chunk.embedText))];
  for (let offset = 0; offset < texts.length; offset += slice) {
    await beforeSlice();
    await indexEmbedder.embed(texts.slice(offset, offset + slice));
  }
  await write(async () => {
    // Every vector is cached by now.
    const vectors = await indexEmbedder.embed(chunks.map((chunk) => chunk.embedText));
    const dimensions = indexEmbedder.dimensions ?? vectors[0]?.length ?? 0;
    await writeBuiltIndex({
      indexDir: paths.indexDir(article.meta.id),
      articles: [article],
      chunks,
      vectors,
      dimensions,
      lexical: partial.lexical,
      embedder: indexEmbedder,
      builtAt: new Date(),
    });
    return { articles: [article], chunks, lexical: partial.lexical, vectorStore: exactVectorSearch(storedVectorsOf(chunks, vectors), dimensions) };
  });
}

/**
 * What `buildIndex` writes for the article, from what the sentence index already holds: the
 * article tagged with its entity types and its lexical index, which `buildIndex` would make again
 * (~0.4-0.6 s of this thread per article on a busy machine, for the same result).
 */
/** The chunks that stand for one whole sentence each, and the rest (paragraphs, clause windows). */
function splitChunks(article: Article, chunks: readonly Chunk[] = chunkArticle(article)): { sentences: Chunk[]; rest: Chunk[] } {
  const spans = new Set(article.sentences.map((sentence) => `${sentence.start}:${sentence.end}`));
  const sentences: Chunk[] = [];
  const rest: Chunk[] = [];
  for (const chunk of chunks) {
    (chunk.sentenceIds.length === 1 && spans.has(`${chunk.start}:${chunk.end}`) ? sentences : rest).push(chunk);
  }
  return { sentences, rest };
}

/**
 * Reads an index directory of one article with the checks of `readIndex` (manifest, model, the
 * article's hash, every chunk a slice of its article with its own vector), but the vectors as
 * plain arrays searched exactly: see `readStoredVectors` for why no hnswlib object is made.
 */
async function readArticleIndex(dir: string, { embedder, fingerprint }: { embedder: Embedder; fingerprint: { id: string; sha256: string } }): Promise<SearchableIndex> {
  const corrupt = (problem: string, cause?: unknown) => new VerbatimError('INDEX_CORRUPT', `The article index in ${dir} is damaged (${problem}).`, { cause });
  const manifestText = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => null);
  if (manifestText === null) throw new VerbatimError('INDEX_MISSING', `No article index in ${dir}.`);
  const readJson = async (name: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      throw corrupt(`${name} is missing or unreadable`, error);
    }
  };
  let manifestData: unknown;
  try {
    manifestData = JSON.parse(manifestText);
  } catch (error) {
    throw corrupt('manifest.json is not JSON', error);
  }
  const manifest = parseManifest(manifestData);
  checkManifest(manifest, { articles: [fingerprint], embeddingModel: embedder.modelId, dimensions: embedder.dimensions });

  const [articles, chunks, lexicalData] = (await Promise.all(['articles.json', 'chunks.json', 'lexical.json'].map(readJson))) as [Article[], Chunk[], unknown];
  const article = Array.isArray(articles) && articles.length === 1 ? articles[0] : undefined;
  if (!article || article.meta?.id !== fingerprint.id || article.meta.sha256 !== fingerprint.sha256 || typeof article.text !== 'string') {
    throw corrupt('articles.json does not hold the article');
  }
  if (!Array.isArray(chunks) || chunks.some((chunk) => chunk.articleId !== fingerprint.id || article.text.slice(chunk.start, chunk.end) !== chunk.text)) {
    throw corrupt('a chunk does not match its article');
  }
  let lexical: SearchableIndex['lexical'];
  try {
    lexical = lexicalIndexFromJSON(lexicalData);
  } catch (error) {
    throw corrupt('lexical.json could not be loaded', error);
  }
  const stored = await readStoredVectors(join(dir, 'hnsw'), manifest.dimensions).catch((error: unknown) => {
    throw error instanceof VerbatimError ? error : corrupt('the vectors could not be read', error);
  });
  const embedTextOf = new Map(stored.flatMap((entry) => entry.chunkIds.map((chunkId) => [chunkId, entry.embedText] as const)));
  if (embedTextOf.size !== chunks.length || chunks.some((chunk) => embedTextOf.get(chunk.id) !== chunk.embedText)) {
    throw corrupt('a chunk has no vector for its text');
  }
  return { articles: [article], chunks, lexical, vectorStore: exactVectorSearch(stored, manifest.dimensions) };
}
