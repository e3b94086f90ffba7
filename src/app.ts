// Composition root: builds the pipeline's pieces from Config and wires them together.
import { secretsOf, type Config } from './config/config.js';
import { VerbatimError } from './core/errors.js';
import { createLogger, type Logger } from './core/logger.js';
import type { AnswerService } from './core/types.js';
import { fingerprintArticles, loadArticles } from './article/load-article.js';
import type { Embedder } from './embedding/embedder.js';
import { createLocalEmbedder } from './embedding/local-embedder.js';
import { withEmbeddingCache, type CachedEmbedder } from './embedding/cached-embedder.js';
import { readIndex, type LoadedIndex } from './index/index-store.js';
import { createRetriever, type SearchableIndex } from './retrieval/retriever.js';
import type { FusionWeights } from './retrieval/fusion.js';
import { RANKING_FEATURE_VERSION, rankingFeatureNames } from './retrieval/ranking-features.js';
import { loadRankingModel, type ExpectedFeatures, type RankingModel } from './retrieval/ranking-model.js';
import { ANSWERABILITY_FEATURE_VERSION, answerabilityFeatureNames, type AnswerabilityThresholds } from './answer/answerability.js';
import type { AnswerEngine } from './answer/answer-engine.js';
import { createExtractiveEngine } from './answer/extractive-engine.js';
import { detectLanguage, englishOnlyNotice } from './answer/language.js';
import { createAnswerPipeline } from './answer/answer-service.js';
import type { Library } from './library/library.js';
import type { ImportPage } from './library/open-library.js';

export interface AppOptions {
  logger?: Logger;
  /** Progress lines for people (index building); stderr in the CLIs. */
  onProgress?: (line: string) => void;
}

/** The logger for command-line tools: warnings only unless LOG_LEVEL asks for more, secrets scrubbed. */
export function createCliLogger(config: Readonly<Config>): Logger {
  return createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: secretsOf(config) });
}

export { secretsOf };

// The OpenAI-compatible pieces and the index builder are imported only when used: the `openai`
// SDK and LangChain take ~0.1–0.2 s each to load, most of a cold `npm run ask` that needs neither
// (bench/README.md, "Cold start").

/**
 * The embedder questions go through: the offline model unless OpenAI embeddings are on. The
 * offline model starts loading at once, while the caller goes on.
 */
export async function createEmbedder(config: Readonly<Config>): Promise<Embedder> {
  if (!config.openai.embeddings) return createLocalEmbedder();
  const { createOpenAIEmbedder } = await import('./embedding/openai-embedder.js');
  return createOpenAIEmbedder(config.openai);
}

/**
 * The embedder an index is built with: the same model as `createEmbedder` (the one given, when the
 * caller has it already: one copy of the model a process), behind the cache so unchanged text is
 * never embedded again.
 */
export async function createIngestEmbedder(config: Readonly<Config>, model?: Embedder): Promise<CachedEmbedder> {
  return withEmbeddingCache(model ?? (await createEmbedder(config)), { dir: config.cacheDir });
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
  const embedder = await createEmbedder(config);
  // The index holds the parsed articles; the files are only hashed, to refuse a stale index.
  const open = async () => readIndex(config.indexDir, { embedder, articles: await fingerprintArticles(config.articlesDir) });
  const index = await open().catch(async (error: unknown) => {
    if (!(error instanceof VerbatimError) || error.code !== 'INDEX_MISSING') throw error;
    onProgress(`No index in ${config.indexDir} yet: building it first (once).`);
    const [{ buildIndex }, ingestEmbedder] = await Promise.all([import('./index/build-index.js'), createIngestEmbedder(config, embedder)]);
    await buildIndex({ articles: await loadArticles(config.articlesDir), embedder: ingestEmbedder, indexDir: config.indexDir, onProgress });
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
export const shippedModelPath = new URL('./retrieval/ranking-model.json', import.meta.url);

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

/**
 * The answering pipeline over an opened index (or any searchable set, such as a server's library);
 * `tuning` lets the evaluation compare variants.
 */
export function createServiceFromIndex(
  config: Readonly<Config>,
  { index, embedder }: { index: SearchableIndex; embedder: Embedder },
  tuning: Pick<AppOptions, 'logger'> & ServiceTuning = {},
): AnswerService {
  return assembleService(config, { index, embedder }, tuning).service;
}

/** The service, and when its engine is made: a generative engine's module is imported in the background. */
function assembleService(
  config: Readonly<Config>,
  { index, embedder }: { index: SearchableIndex; embedder: Embedder },
  { logger, weights, thresholds, model: given }: Pick<AppOptions, 'logger'> & ServiceTuning,
): { service: AnswerService; ready: Promise<void> } {
  const model = given === undefined ? loadShippedModel() : given;
  const extractive = model
    ? createExtractiveEngine({ absoluteFloor: model.citation.floor, relativeFloor: model.citation.relativeFloor })
    : createExtractiveEngine();
  const { engine, ready } = config.openai.answers
    ? deferredEngine(
        'llm',
        import('./answer/llm-engine.js').then(({ createLLMEngine }) =>
          createLLMEngine({ openai: config.openai, fallback: extractive, ...(logger ? { logger } : {}) }),
        ),
      )
    : { engine: extractive, ready: Promise.resolve() };
  const service = createAnswerPipeline({
    articles: index.articles,
    retriever: createRetriever({ index, embedder, ranker: model?.ranker ?? null, ...(weights ? { weights } : {}) }),
    engine,
    maxQuotes: config.maxQuotes,
    maxQuestionChars: config.maxQuestionChars,
    ...(thresholds ? { thresholds } : {}),
    answerabilityModel: model?.answerability ?? null,
    languageNotice: (question) => englishOnlyNotice(detectLanguage(question)),
  });
  return { service, ready };
}

/**
 * An engine that answers once `made` is: a failure to make it is the answer's failure, and
 * `ready`'s, which `createAnswerService` awaits so the CLI and the bot still fail at start.
 */
function deferredEngine(name: AnswerEngine['name'], made: Promise<AnswerEngine>): { engine: AnswerEngine; ready: Promise<void> } {
  const ready = made.then(() => {});
  // Either may never be awaited (no question asked, `createServiceFromIndex` does not wait for
  // `ready`): a failure must reach whoever awaits, not crash the process as an unhandled rejection.
  made.catch(() => {});
  ready.catch(() => {});
  return { engine: { name, answer: async (input) => (await made).answer(input) }, ready };
}

export async function createAnswerService(config: Readonly<Config>, options: AppOptions = {}): Promise<AnswerService> {
  const { service, ready } = assembleService(config, await openIndex(config, options), options);
  await ready;
  return service;
}

/**
 * Links as the library imports them: through the guarded fetcher with config.fetch's limits, then
 * extraction, saved into the folder the library gives.
 */
export function libraryImporter(config: Readonly<Config>): ImportPage {
  // Loaded from the moment the libraries open, in the background, not by `npm run ask`: the DOM
  // and Readability take ~1.5 s to load, which the first /add would otherwise wait for.
  let loading: Promise<typeof import('./intake/import-page.js')> | null = null;
  const load = () =>
    (loading ??= import('./intake/import-page.js').catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  load().catch(() => {});
  return async ({ url, dir }) => {
    const { importPage } = await load();
    const { saved } = await importPage({ url, dir, fetch: config.fetch });
    return { file: saved.file };
  };
}

/**
 * The per-server libraries of added articles over the operator's opened index: questions and
 * added articles share its embedder, so no second model is loaded. `importPage` and
 * `indexEmbedder` (what embeds added articles; by default that embedder behind the cache) are for tests.
 */
export async function openLibraryFromIndex(
  config: Readonly<Config>,
  opened: OpenedIndex,
  { logger, importPage = libraryImporter(config), indexEmbedder }: Pick<AppOptions, 'logger'> & { importPage?: ImportPage; indexEmbedder?: Embedder } = {},
): Promise<Library> {
  // Imported when the bot opens the libraries, so `npm run ask` does not load SQLite and the index builder.
  const { openLibrary } = await import('./library/open-library.js');
  return openLibrary({
    config,
    operator: opened,
    importPage,
    createService: (index) => createServiceFromIndex(config, { index, embedder: opened.embedder }, logger ? { logger } : {}),
    ...(logger ? { logger } : {}),
    ...(indexEmbedder ? { indexEmbedder } : {}),
  });
}

/**
 * What the bot runs on: the operator's index opened (built first when missing), then every
 * server's library over it.
 */
export async function createLibrary(config: Readonly<Config>, options: AppOptions & { importPage?: ImportPage } = {}): Promise<Library> {
  const opened = await openIndex(config, options);
  return openLibraryFromIndex(config, opened, options);
}
