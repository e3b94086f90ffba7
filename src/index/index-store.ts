import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VerbatimError } from '../core/errors.js';
import type { Article, Chunk } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import { lexicalIndexFromJSON, type LexicalIndex } from './lexical-index.js';
import { checkManifest, parseManifest, type IndexManifest } from './manifest.js';
import { loadVectorStore, type VectorStore } from './vector-store.js';

/** Everything an index directory holds, loaded: nothing needs re-parsing or re-embedding. */
export interface LoadedIndex {
  manifest: IndexManifest;
  articles: Article[];
  chunks: Chunk[];
  vectorStore: VectorStore;
  lexical: LexicalIndex;
}

export type IndexContents = LoadedIndex;

const files = {
  manifest: 'manifest.json',
  articles: 'articles.json',
  chunks: 'chunks.json',
  lexical: 'lexical.json',
  hnsw: 'hnsw',
} as const;

export interface WriteIndexOptions {
  /** Writes one file; tests pass one that fails midway to show a crash leaves the old index. */
  writeFile?: (path: string, data: string) => Promise<void>;
}

/**
 * Writes the whole index into a sibling temp directory, then swaps it in with renames, so a
 * reader sees the old index or the new one, never half of one. The manifest is written last:
 * a directory without one was never finished.
 */
export async function writeIndex(
  dir: string,
  contents: IndexContents,
  { writeFile: writeOne = (path, data) => writeFile(path, data) }: WriteIndexOptions = {},
): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeAbandonedTempDirs(dir);
  const temp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(temp);
    await writeOne(join(temp, files.articles), JSON.stringify(contents.articles));
    await writeOne(join(temp, files.chunks), JSON.stringify(contents.chunks));
    await writeOne(join(temp, files.lexical), JSON.stringify(contents.lexical.toJSON()));
    await contents.vectorStore.save(join(temp, files.hnsw));
    await writeOne(join(temp, files.manifest), `${JSON.stringify(contents.manifest, null, 2)}\n`);
    await swapIn(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Where the old index waits during the swap; `readIndex` falls back to it if a crash hit between the renames. */
function previousDirOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.previous`);
}

async function swapIn(temp: string, dir: string): Promise<void> {
  const previous = previousDirOf(dir);
  // With no index in place, an old one left by an earlier crash is kept until the new one is in.
  if (await exists(dir)) {
    await rm(previous, { recursive: true, force: true });
    await rename(dir, previous);
  }
  await rename(temp, dir);
  await rm(previous, { recursive: true, force: true });
}

/** Temp directories left by a writer that crashed (its process is gone) would pile up otherwise. */
async function removeAbandonedTempDirs(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}.tmp-`;
  const siblings = await readdir(dirname(dir)).catch(() => []);
  for (const name of siblings) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      await rm(join(dirname(dir), name), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ReadIndexOptions {
  /** The embedder questions will go through: the index must have been built with the same model. */
  embedder: Embedder;
  /** The article files as they are now (loaded articles will do); an index built from others is refused. */
  articles: ReadonlyArray<{ meta: { id: string; sha256: string } }>;
}

/**
 * Loads an index and refuses one that would answer wrongly: INDEX_MISSING, INDEX_CORRUPT,
 * INDEX_MISMATCH (other model or code version) or INDEX_STALE (the articles changed).
 */
export async function readIndex(dir: string, { embedder, articles }: ReadIndexOptions): Promise<LoadedIndex> {
  const source = await locateIndex(dir);
  const manifest = parseManifest(await readJson(source, files.manifest));
  checkManifest(manifest, {
    articles: articles.map(({ meta }) => ({ id: meta.id, sha256: meta.sha256 })),
    embeddingModel: embedder.modelId,
    dimensions: embedder.dimensions,
  });

  const loadedArticles = await readJson(source, files.articles);
  const chunks = await readJson(source, files.chunks);
  const lexicalData = await readJson(source, files.lexical);
  if (!isArticleList(loadedArticles) || !isChunkList(chunks)) throw corrupt(`${files.articles} or ${files.chunks} is malformed`);
  checkConsistency(manifest, loadedArticles, chunks);

  let lexical: LexicalIndex;
  try {
    lexical = lexicalIndexFromJSON(lexicalData);
  } catch (error) {
    throw corrupt(`${files.lexical} could not be loaded`, error);
  }

  let vectorStore: VectorStore;
  try {
    vectorStore = await loadVectorStore(join(source, files.hnsw), { embedder });
  } catch (error) {
    throw corrupt('the vector index could not be loaded', error);
  }
  if (vectorStore.dimensions !== manifest.dimensions || vectorStore.chunkCount !== chunks.length || vectorStore.size > chunks.length) {
    throw corrupt(
      `the vector index holds ${vectorStore.size} ${vectorStore.dimensions}-dimensional vectors for ${vectorStore.chunkCount} of ${chunks.length} chunks`,
    );
  }
  // Chunks sharing a text share a vector: each must find its own text beside the vector it maps to.
  const unmatched = chunks.find((chunk) => vectorStore.embedTextOf(chunk.id) !== chunk.embedText);
  if (unmatched) throw corrupt(`chunk ${unmatched.id} has no vector for its text`);

  return { manifest, articles: loadedArticles, chunks, vectorStore, lexical };
}

async function locateIndex(dir: string): Promise<string> {
  if (await exists(join(dir, files.manifest))) return dir;
  const previous = previousDirOf(dir);
  if (!(await exists(dir)) && (await exists(join(previous, files.manifest)))) return previous;
  throw new VerbatimError('INDEX_MISSING', `No index was found in ${dir}. Run \`npm run ingest\`.`);
}

async function readJson(dir: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    throw corrupt(`${file} is missing or unreadable`, error);
  }
}

function corrupt(problem: string, cause?: unknown): VerbatimError {
  return new VerbatimError('INDEX_CORRUPT', `The index is damaged (${problem}). Run \`npm run ingest\` to rebuild it.`, {
    cause,
  });
}

/** Every chunk must still be a slice of its article, or citations would quote the wrong words. */
function checkConsistency(manifest: IndexManifest, articles: readonly Article[], chunks: readonly Chunk[]): void {
  const articlesById = new Map(articles.map((article) => [article.meta.id, article]));
  for (const entry of manifest.articles) {
    if (articlesById.get(entry.id)?.meta.sha256 !== entry.sha256) throw corrupt(`${files.articles} does not hold ${entry.id} as listed`);
  }
  if (articles.length !== manifest.articles.length) throw corrupt(`${files.articles} holds other articles than the manifest`);
  for (const chunk of chunks) {
    const article = articlesById.get(chunk.articleId);
    if (!article || article.text.slice(chunk.start, chunk.end) !== chunk.text) {
      throw corrupt(`chunk ${chunk.id} does not match its article`);
    }
  }
}

function isArticleList(value: unknown): value is Article[] {
  return (
    Array.isArray(value) &&
    value.every(
      (article: Partial<Article> | null) =>
        typeof article === 'object' &&
        article !== null &&
        typeof article.text === 'string' &&
        typeof article.meta?.id === 'string' &&
        Array.isArray(article.sentences) &&
        Array.isArray(article.paragraphs) &&
        Array.isArray(article.parties),
    )
  );
}

function isChunkList(value: unknown): value is Chunk[] {
  return (
    Array.isArray(value) &&
    value.every(
      (chunk: Partial<Chunk> | null) =>
        typeof chunk === 'object' &&
        chunk !== null &&
        typeof chunk.id === 'string' &&
        typeof chunk.articleId === 'string' &&
        typeof chunk.text === 'string' &&
        typeof chunk.start === 'number' &&
        typeof chunk.end === 'number' &&
        Array.isArray(chunk.sentenceIds),
    )
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
