// Composition root: builds the pipeline's pieces from Config and wires them together.
import type { Config } from './config/config.js';
import { VerbatimError } from './core/errors.js';
import { createLogger, type Logger } from './core/logger.js';
import type { AnswerService } from './core/types.js';
import { loadArticles } from './article/load-article.js';
import type { Embedder } from './embedding/embedder.js';
import { createLocalEmbedder } from './embedding/local-embedder.js';
import { createOpenAIEmbedder } from './embedding/openai-embedder.js';
import { withEmbeddingCache, type CachedEmbedder } from './embedding/cached-embedder.js';
import { createParallelLocalEmbedder } from './embedding/parallel-local-embedder.js';
import { buildIndex } from './index/build-index.js';
import { readIndex, type LoadedIndex } from './index/index-store.js';
import { createRetriever } from './retrieval/retriever.js';
import type { FusionWeights } from './retrieval/fusion.js';
import { RANKING_FEATURE_VERSION, rankingFeatureNames } from './retrieval/ranking-features.js';
import { loadRankingModel, type ExpectedFeatures, type RankingModel } from './retrieval/ranking-model.js';
import { ANSWERABILITY_FEATURE_VERSION, answerabilityFeatureNames, type AnswerabilityThresholds } from './answer/answerability.js';
import type { AnswerEngine } from './answer/answer-engine.js';
import { createExtractiveEngine } from './answer/extractive-engine.js';
import { createLLMEngine } from './answer/llm-engine.js';
import { detectLanguage, englishOnlyNotice } from './answer/language.js';
import { createAnswerPipeline } from './answer/answer-service.js';

export interface AppOptions {
  logger?: Logger;
  /** Progress lines for people (index building); stderr in the CLIs. */
  onProgress?: (line: string) => void;
}

/** The logger for command-line tools: warnings only unless LOG_LEVEL asks for more, secrets scrubbed. */
export function createCliLogger(config: Readonly<Config>): Logger {
  return createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: secretsOf(config) });
}

export function secretsOf(config: Readonly<Config>): string[] {
  return [config.openai.apiKey, config.discord.token].filter((secret): secret is string => secret !== null);
}

/** The embedder questions go through: the offline model unless OpenAI embeddings are on. */
export function createEmbedder(config: Readonly<Config>): Embedder {
  return config.openai.embeddings ? createOpenAIEmbedder(config.openai) : createLocalEmbedder();
}

/**
 * The embedder an index is built with: the same model as `createEmbedder`, the offline one spread
 * over every core, behind the cache so unchanged text is never embedded again. Close it when done.
 */
export function createIngestEmbedder(config: Readonly<Config>): CachedEmbedder & { close(): Promise<void> } {
  if (config.openai.embeddings) {
    return Object.assign(withEmbeddingCache(createOpenAIEmbedder(config.openai), { dir: config.cacheDir }), { close: async () => {} });
  }
  const local = createParallelLocalEmbedder();
  return Object.assign(withEmbeddingCache(local, { dir: config.cacheDir }), { close: () => local.close() });
}

/** The index with the embedder that questions go through; built first when missing. */
export interface OpenedIndex {
  index: LoadedIndex;
  embedder: Embedder;
}

/**
 * Loads the articles and their index. A missing index is built first (so a fresh clone answers at
 * once); a stale or mismatched one is refused with the fix named.
 */
export async function openIndex(config: Readonly<Config>, { onProgress = () => {} }: AppOptions = {}): Promise<OpenedIndex> {
  const embedder = createEmbedder(config);
  const articles = await loadArticles(config.articlesDir);
  const open = () => readIndex(config.indexDir, { embedder, articles });
  const index = await open().catch(async (error: unknown) => {
    if (!(error instanceof VerbatimError) || error.code !== 'INDEX_MISSING') throw error;
    onProgress(`No index in ${config.indexDir} yet: building it first (once).`);
    const ingestEmbedder = createIngestEmbedder(config);
    try {
      await buildIndex({ articles, embedder: ingestEmbedder, indexDir: config.indexDir, onProgress });
    } finally {
      await ingestEmbedder.close();
    }
    return open();
  });
  return { index, embedder };
}

/** The features this code computes, which a model file must have been fitted on. */
export const expectedModelFeatures: ExpectedFeatures = {
  ranker: { version: RANKING_FEATURE_VERSION, names: rankingFeatureNames },
  answerability: { version: ANSWERABILITY_FEATURE_VERSION, names: answerabilityFeatureNames },
};

/** The fitted models shipped with the code (`npm run train` rebuilds the file). */
export const shippedModelPath = new URL('../data/models/ranking-model.json', import.meta.url);

let shippedModel: RankingModel | undefined;

/** Read once per process, on first use (a few kilobytes), and checked against the code's features. */
export function loadShippedModel(): RankingModel {
  return (shippedModel ??= loadRankingModel(shippedModelPath, expectedModelFeatures));
}

export interface ServiceTuning {
  /**
   * The fitted ranker, answerability model and citation floor; default the shipped file. `null`
   * answers with the hand-set fusion `weights` and the rule `thresholds` (the old pipeline,
   * kept for the evaluation's comparison).
   */
  model?: RankingModel | null;
  weights?: FusionWeights;
  thresholds?: AnswerabilityThresholds;
}

/** The answering pipeline over an opened index; `tuning` lets the evaluation compare variants. */
export function createServiceFromIndex(
  config: Readonly<Config>,
  { index, embedder }: OpenedIndex,
  { logger, weights, thresholds, model: given }: Pick<AppOptions, 'logger'> & ServiceTuning = {},
): AnswerService {
  const model = given === undefined ? loadShippedModel() : given;
  const extractive = model
    ? createExtractiveEngine({ absoluteFloor: model.citation.floor, relativeFloor: model.citation.relativeFloor })
    : createExtractiveEngine();
  const engine: AnswerEngine = config.openai.answers
    ? createLLMEngine({ openai: config.openai, fallback: extractive, ...(logger ? { logger } : {}) })
    : extractive;
  return createAnswerPipeline({
    articles: index.articles,
    retriever: createRetriever({ index, embedder, ranker: model?.ranker ?? null, ...(weights ? { weights } : {}) }),
    engine,
    maxQuotes: config.maxQuotes,
    maxQuestionChars: config.maxQuestionChars,
    ...(thresholds ? { thresholds } : {}),
    answerabilityModel: model?.answerability ?? null,
    languageNotice: (question) => englishOnlyNotice(detectLanguage(question)),
  });
}

export async function createAnswerService(config: Readonly<Config>, options: AppOptions = {}): Promise<AnswerService> {
  return createServiceFromIndex(config, await openIndex(config, options), options);
}
