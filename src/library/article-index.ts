import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadArticleFile } from '../article/load-article.js';
import { VerbatimError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import { buildIndex } from '../index/build-index.js';
import { readIndex } from '../index/index-store.js';
import type { SearchableIndex } from '../retrieval/retriever.js';
import type { LibraryPaths } from './article-files.js';
import { exactVectorsOf } from './exact-vectors.js';

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
 * One added article's own index (`index/<id>`), shared by every server that has the article. A
 * missing, stale or damaged one is rebuilt from the saved text, so a crash between saving the
 * article and writing its index never loses the article.
 */
export async function openArticleIndex({ paths, id, queryEmbedder, indexEmbedder, onRebuild }: ArticleIndexOptions): Promise<SearchableIndex> {
  // The file's hash is all the index needs to be checked against; parsing waits for a rebuild.
  const file = paths.articleFile(id);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article file ${file} could not be read.`, { cause: error });
  });
  const fingerprint = { meta: { id, sha256: createHash('sha256').update(bytes).digest('hex') } };
  const open = async (): Promise<SearchableIndex> => {
    const { articles, chunks, lexical, vectorStore } = await readIndex(paths.indexDir(id), { embedder: queryEmbedder, articles: [fingerprint] });
    return { articles, chunks, lexical, vectorStore: exactVectorsOf(vectorStore) };
  };
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof VerbatimError) || !rebuildable.has(error.code)) throw error;
    onRebuild?.(error);
    await buildArticleIndex({ paths, article: await loadArticleFile(file), indexEmbedder });
    return open();
  }
}

export async function buildArticleIndex({ paths, article, indexEmbedder }: { paths: LibraryPaths; article: Article; indexEmbedder: Embedder }): Promise<void> {
  if (article.sentences.length === 0) {
    throw new VerbatimError('NO_ARTICLE_IN_PAGE', 'No sentences were found in the text of that page.');
  }
  await buildIndex({ articles: [article], embedder: indexEmbedder, indexDir: paths.indexDir(article.meta.id) });
}
