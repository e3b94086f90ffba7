import { withEntityTypes } from '../article/entity-types.js';
import { chunkArticles } from '../chunking/chunker.js';
import { VerbatimError } from '../core/errors.js';
import type { Article, Chunk } from '../core/types.js';
import { isCachedEmbedder } from '../embedding/cached-embedder.js';
import type { Embedder } from '../embedding/embedder.js';
import { EmbedderEmbeddings } from '../embedding/langchain-embeddings.js';
import { writeIndex, type WriteIndexOptions } from './index-store.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { createManifest, type IndexManifest } from './manifest.js';
import { buildVectorStore } from './vector-store.js';

export interface BuildIndexOptions {
  articles: readonly Article[];
  /** Wrap it with `withEmbeddingCache` so unchanged chunks are not embedded again. */
  embedder: Embedder;
  indexDir: string;
  /** One line for people per step, e.g. "Embedding 23 chunks (0 cached)…". */
  onProgress?: (line: string) => void;
  now?: () => Date;
  /** Milliseconds from any origin, for the "in 2.1 s" of the last progress line. */
  clock?: () => number;
  writeOptions?: WriteIndexOptions;
}

export interface BuildIndexResult {
  manifest: IndexManifest;
  /** Texts the model embedded in this build. */
  embedded: number;
  /** Texts whose vectors came from the cache. */
  reused: number;
}

/** Chunks, embeds and indexes the articles, then writes the index directory in one atomic swap. */
export async function buildIndex({
  articles: loadedArticles,
  embedder,
  indexDir,
  onProgress = () => {},
  now = () => new Date(),
  clock = () => performance.now(),
  writeOptions,
}: BuildIndexOptions): Promise<BuildIndexResult> {
  const startedAt = clock();
  if (loadedArticles.length === 0) throw new VerbatimError('NO_ARTICLES');
  // Tagged once here, so answering reads each sentence's entity types instead of running a tagger.
  const articles = withEntityTypes(loadedArticles);
  const chunks = chunkArticles(articles);
  const texts = chunks.map((chunk) => chunk.embedText);

  const cache = isCachedEmbedder(embedder) ? embedder : null;
  const before = cache ? { ...cache.stats } : null;
  const cachedCount = cache ? await cache.countCached(texts) : 0;
  onProgress(`Embedding ${texts.length} chunks (${cachedCount} cached)…`);
  const vectors: number[][] = [];
  // Slices, so a long ingest says how far it has come instead of going quiet for minutes.
  for (let offset = 0; offset < texts.length; offset += progressSlice) {
    vectors.push(...(await embedder.embed(texts.slice(offset, offset + progressSlice))));
    const done = Math.min(offset + progressSlice, texts.length);
    if (done < texts.length) onProgress(`  ${done} of ${texts.length} chunks (${((clock() - startedAt) / 1000).toFixed(0)} s)`);
  }
  const embedded = cache && before ? cache.stats.misses - before.misses : texts.length;
  const reused = cache && before ? cache.stats.hits - before.hits : 0;

  const dimensions = embedder.dimensions ?? vectors[0]?.length;
  if (dimensions === undefined) {
    throw new VerbatimError('NO_ARTICLES', 'The articles have no sentences to index.');
  }
  const manifest = await writeBuiltIndex({
    indexDir,
    articles,
    chunks,
    vectors,
    dimensions,
    lexical: buildLexicalIndex(articles),
    embedder,
    builtAt: now(),
    ...(writeOptions ? { writeOptions } : {}),
  });
  const sentenceCount = manifest.counts.sentences;
  const seconds = ((clock() - startedAt) / 1000).toFixed(1);
  onProgress(
    `Index written to ${indexDir} (${plural(articles.length, 'article')}, ${plural(sentenceCount, 'sentence')}, ${plural(chunks.length, 'chunk')}) in ${seconds} s`,
  );
  return { manifest, embedded, reused };
}

const progressSlice = 2048;

export interface BuiltIndexParts {
  indexDir: string;
  /** Tagged with entity types, as `buildIndex` tags them. */
  articles: Article[];
  chunks: Chunk[];
  /** One per chunk, in order. */
  vectors: number[][];
  dimensions: number;
  lexical: LexicalIndex;
  /** The model the vectors came from: named in the manifest. */
  embedder: Embedder;
  builtAt: Date;
  writeOptions?: WriteIndexOptions;
}

/**
 * Writes an index of chunks already embedded: vector store, manifest and the atomic swap. Also
 * used by the library, which embeds an added article's chunks in two steps before writing.
 */
export async function writeBuiltIndex({ indexDir, articles, chunks, vectors, dimensions, lexical, embedder, builtAt, writeOptions }: BuiltIndexParts): Promise<IndexManifest> {
  const vectorStore = await buildVectorStore({ chunks, vectors, dimensions, embeddings: new EmbedderEmbeddings(embedder) });
  const manifest = createManifest({
    embeddingModel: embedder.modelId,
    dimensions,
    articles: articles.map(({ meta }) => meta),
    counts: { articles: articles.length, sentences: articles.reduce((total, article) => total + article.sentences.length, 0), chunks: chunks.length },
    builtAt,
  });
  await writeIndex(indexDir, { manifest, articles, chunks, vectorStore, lexical }, writeOptions);
  return manifest;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
