import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadArticleFile } from '../article/load-article.js';
import { VerbatimError } from '../core/errors.js';
import type { Article, Chunk } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import { buildIndex } from '../index/build-index.js';
import { lexicalIndexFromJSON } from '../index/lexical-index.js';
import { checkManifest, parseManifest } from '../index/manifest.js';
import type { SearchableIndex } from '../retrieval/retriever.js';
import type { LibraryPaths } from './article-files.js';
import { exactVectorSearch, readStoredVectors } from './exact-vectors.js';

export interface ArticleIndexOptions {
  paths: LibraryPaths;
  id: string;
  /** The embedder questions go through: the index must be built with the same model. */
  queryEmbedder: Embedder;
  /** The same model behind the embedding cache: only text never seen before is embedded. */
  indexEmbedder: Embedder;
  /** Told when an index had to be (re)built, and why. */
  onRebuild?: (reason: VerbatimError) => void;
}

/** Index problems that rebuilding from the saved `.txt` cures. */
const rebuildable = new Set(['INDEX_MISSING', 'INDEX_STALE', 'INDEX_MISMATCH', 'INDEX_CORRUPT']);

/**
 * One added article's own index (`index/<id>`, written by `buildIndex`, so atomic), shared by every
 * server that has it. A missing, stale or damaged one is rebuilt from the saved text, so a crash
 * between saving the article and writing its index never loses the article.
 */
export async function openArticleIndex({ paths, id, queryEmbedder, indexEmbedder, onRebuild }: ArticleIndexOptions): Promise<SearchableIndex> {
  // The file's hash is all the index needs to be checked against; parsing waits for a rebuild.
  const file = paths.articleFile(id);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article file ${file} could not be read.`, { cause: error });
  });
  const fingerprint = { id, sha256: createHash('sha256').update(bytes).digest('hex') };
  const open = () => readArticleIndex(paths.indexDir(id), { embedder: queryEmbedder, fingerprint });
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof VerbatimError) || !rebuildable.has(error.code)) throw error;
    onRebuild?.(error);
    await buildArticleIndex({ paths, article: await loadArticleFile(file), indexEmbedder });
    return open();
  }
}

async function buildArticleIndex({ paths, article, indexEmbedder }: { paths: LibraryPaths; article: Article; indexEmbedder: Embedder }): Promise<void> {
  if (article.sentences.length === 0) {
    throw new VerbatimError('NO_ARTICLE_IN_PAGE', 'No sentences were found in the text of that page.');
  }
  await buildIndex({ articles: [article], embedder: indexEmbedder, indexDir: paths.indexDir(article.meta.id) });
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
