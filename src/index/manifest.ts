import { z } from 'zod';
import { ARTICLE_PARSER_VERSION } from '../article/version.js';
import { CHUNKER_VERSION } from '../chunking/chunker.js';
import { VerbatimError } from '../core/errors.js';

/**
 * Bump whenever the files of the index directory change shape.
 * 2: one vector per distinct embed text, its document listing every chunk id that shares it.
 * 3: every sentence carries its entity types (src/article/entity-types.ts, tagger version 1),
 *    which the fitted ranker reads; an index without them would rank with features missing.
 */
export const INDEX_FORMAT_VERSION = 3;

const manifestSchema = z.object({
  formatVersion: z.number(),
  embeddingModel: z.string(),
  dimensions: z.number().int().positive(),
  articleParserVersion: z.string(),
  chunkerVersion: z.string(),
  articles: z.array(z.object({ id: z.string(), path: z.string(), sha256: z.string() })),
  counts: z.object({
    articles: z.number().int().nonnegative(),
    sentences: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
  }),
  builtAt: z.string(),
});

/** What an index was built from; loading compares it with what would be built now. */
export type IndexManifest = z.infer<typeof manifestSchema>;

/** An article file as it is now: enough to tell whether the index still matches it. */
export interface ArticleFingerprint {
  id: string;
  sha256: string;
}

export interface ManifestExpectations {
  /** The article files as they are now. */
  articles: readonly ArticleFingerprint[];
  /** The model that will embed questions against this index. */
  embeddingModel: string;
  /** That model's vector length, when known before its first call. */
  dimensions?: number | null;
}

export interface NewManifestOptions {
  embeddingModel: string;
  dimensions: number;
  articles: ReadonlyArray<{ id: string; path: string; sha256: string }>;
  counts: IndexManifest['counts'];
  builtAt: Date;
}

export function createManifest({ embeddingModel, dimensions, articles, counts, builtAt }: NewManifestOptions): IndexManifest {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    embeddingModel,
    dimensions,
    articleParserVersion: ARTICLE_PARSER_VERSION,
    chunkerVersion: CHUNKER_VERSION,
    articles: articles.map(({ id, path, sha256 }) => ({ id, path, sha256 })),
    counts: { ...counts },
    builtAt: builtAt.toISOString(),
  };
}

/** The manifest as read from disk; anything else is a damaged index. */
export function parseManifest(data: unknown): IndexManifest {
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    throw new VerbatimError('INDEX_CORRUPT', 'The index manifest is damaged. Run `npm run ingest` to rebuild it.');
  }
  return parsed.data;
}

/**
 * Refuses an index that would answer wrongly: built by other code or another model
 * (INDEX_MISMATCH), or from article files that have since changed (INDEX_STALE).
 */
export function checkManifest(manifest: IndexManifest, expected: ManifestExpectations): void {
  const differences = [
    manifest.formatVersion !== INDEX_FORMAT_VERSION &&
      `index format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}`,
    manifest.embeddingModel !== expected.embeddingModel &&
      `embedding model ${manifest.embeddingModel}, expected ${expected.embeddingModel}`,
    expected.dimensions != null &&
      manifest.dimensions !== expected.dimensions &&
      `${manifest.dimensions}-dimensional vectors, expected ${expected.dimensions}`,
    manifest.articleParserVersion !== ARTICLE_PARSER_VERSION &&
      `article parser version ${manifest.articleParserVersion}, expected ${ARTICLE_PARSER_VERSION}`,
    manifest.chunkerVersion !== CHUNKER_VERSION &&
      `chunker version ${manifest.chunkerVersion}, expected ${CHUNKER_VERSION}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0) {
    throw new VerbatimError(
      'INDEX_MISMATCH',
      `The index was built with ${differences.join('; ')}. Run \`npm run ingest\`.`,
    );
  }

  const changes = articleChanges(manifest.articles, expected.articles);
  if (changes.length > 0) {
    throw new VerbatimError(
      'INDEX_STALE',
      `The articles changed since the index was built (${changes.join('; ')}). Run \`npm run ingest\`.`,
    );
  }
}

function articleChanges(indexed: readonly ArticleFingerprint[], current: readonly ArticleFingerprint[]): string[] {
  const indexedById = new Map(indexed.map((article) => [article.id, article.sha256]));
  const currentById = new Map(current.map((article) => [article.id, article.sha256]));
  const changed = current.filter((article) => indexedById.has(article.id) && indexedById.get(article.id) !== article.sha256);
  const added = current.filter((article) => !indexedById.has(article.id));
  const removed = indexed.filter((article) => !currentById.has(article.id));
  return [
    ...changed.map((article) => `${article.id} was edited`),
    ...added.map((article) => `${article.id} is new`),
    ...removed.map((article) => `${article.id} was removed`),
  ];
}
