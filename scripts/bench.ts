// `npm run bench`: how fast and how big, on the shipped article and on a synthetic corpus of up to
// 1,000 articles, against the project's targets. `--quick` runs a smaller scale (10 and 100
// articles) in under two minutes. Writes bench/results/bench.json (bench-quick.json for --quick)
// and the chart bench/latency-vs-corpus.svg (full run only). `--only cold` runs the cold-start
// comparison alone (cold ask against the tutorial script, stages, warm latency; < 2 min) and writes
// bench/results/cold.json. `--only library` runs URL → first answer alone, three times, into
// bench/results/library-url.json. What each number means: bench/README.md.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/config.js';
import { createEmbedder, createServiceFromIndex, openIndex } from '../src/app.js';
import { loadArticles } from '../src/article/load-article.js';
import { chunkArticles } from '../src/chunking/chunker.js';
import type { Embedder } from '../src/embedding/embedder.js';
import { createLocalEmbedder } from '../src/embedding/local-embedder.js';
import { withEmbeddingCache, type CachedEmbedder } from '../src/embedding/cached-embedder.js';
import { buildIndex } from '../src/index/build-index.js';
import { readIndex } from '../src/index/index-store.js';
import type { VectorStore } from '../src/index/vector-store.js';
import { createExactIndex } from '../bench/lib/brute-force.js';
import { parseQuestions } from '../bench/lib/eval-scoring.js';
import { createHashedEmbedder } from '../bench/lib/hashed-embedder.js';
import { neighbourRecall, percentile, tieAwareNeighbourRecall } from '../bench/lib/metrics.js';
import { generateCorpus, generateQuestions } from '../bench/lib/synthetic-corpus.js';
import { lineChartSvg } from '../bench/lib/svg-chart.js';
import { describeLimit, judge, type Target } from '../bench/lib/targets.js';
import { formatMilliseconds, formatTable, type Cell } from '../bench/lib/text-table.js';
import { benchLibrary, benchUrlToAnswerRuns, libraryPlans, renderLibraryReport, renderUrlToAnswerRuns } from '../bench/lib/library-bench.js';
import { coldPlan, coldTargets, renderColdReport, runColdBench } from '../bench/lib/cold-bench.js';
import { runCli } from './run-cli.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Plan {
  mode: 'full' | 'quick';
  corpusSizes: number[];
  sentencesPerArticle: number;
  /** Texts the real model embeds to measure its throughput. */
  embeddingSample: number;
  /** Query vectors per corpus size for HNSW and brute force. */
  vectorQueries: number;
  /** Passes over the dev set for the warm latency on the article. */
  latencyRounds: number;
  /** Whole-process runs of ask and of the tutorial script, interleaved. */
  coldRounds: number;
  /** Questions asked end to end per corpus size. */
  scaleQuestions: number;
}

/** efSearch values tried beside the product's (128 for k = 10, see src/index/vector-store.ts). */
const efSweepValues = [32, 64, 128, 256];
/** The embedding cache hands the model its misses 256 at a time. */
const ingestBatch = 256;

const plans: Record<Plan['mode'], Plan> = {
  full: { mode: 'full', corpusSizes: [10, 100, 1000], sentencesPerArticle: 20, embeddingSample: 500, vectorQueries: 300, latencyRounds: 3, coldRounds: coldPlan.rounds, scaleQuestions: 100 },
  quick: { mode: 'quick', corpusSizes: [10, 100], sentencesPerArticle: 20, embeddingSample: 100, vectorQueries: 50, latencyRounds: 1, coldRounds: 1, scaleQuestions: 30 },
};

interface LatencySummary {
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

function summariseLatency(samples: readonly number[]): LatencySummary {
  return { samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

interface ArticleFigures {
  articles: number;
  sentences: number;
  chunks: number;
  ingestMs: number;
  warmAnswer: LatencySummary;
  peakRssMbAfterArticle: number;
}

interface ScaleFigures {
  articles: number;
  sentences: number;
  chunks: number;
  /** Whole ingest with the stand-in vectors: parsing, chunking, cache, HNSW, lexical, writing. */
  ingestWithoutModelMs: number;
  /** Where that time went: parsing the files, the embedding cache's bookkeeping and writes, the rest of buildIndex. */
  ingestBreakdown: { loadArticlesMs: number; embeddingCacheMs: number; chunkIndexWriteMs: number };
  /** Texts the model would embed: the distinct chunk texts (the cache embeds a repeated text once). */
  modelTexts: number;
  /** The above plus each of those texts through the real model at its measured rate. */
  ingestExtrapolatedMs: number;
  indexBytes: number;
  hnswBytes: number;
  hnswTop10: LatencySummary;
  bruteForceTop10: LatencySummary;
  /** The vector searches the retriever made while answering: latency, the largest k it asked for, recall of their first 10. */
  hnswRetrieverDepth: LatencySummary & { k: number; recallAt10: number | null };
  /** Share of the exact top 10 found, a returned duplicate of the 10th counting as found. */
  recallAt10: number | null;
  /** Recall and latency of the raw hnswlib index searched wider than the product's efSearch. */
  efSweep: Array<{ ef: number; recallAt10: number | null; p50: number | null }>;
  /** Chunks with a text of their own (the rest repeat another chunk's embed text); the index holds one vector per distinct text. */
  distinctTexts: number;
  /** The same by chunk id, ties counted as misses. */
  strictRecallAt10: number | null;
  answer: LatencySummary;
}

await runCli(async () => {
  const plan = plans[process.argv.includes('--quick') ? 'quick' : 'full'];
  const config = loadConfig();
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const only = process.argv[process.argv.indexOf('--only') + 1];
  if (process.argv.includes('--only')) {
    if (only === 'library') {
      await benchLibraryUrlOnly({ config, progress });
      return;
    }
    if (only !== 'cold') throw new Error(`--only takes "cold" or "library", not ${only ?? 'nothing'}.`);
    await benchColdOnly({ config, progress });
    return;
  }
  const startedAt = performance.now();
  // Other work on a shared machine slows every number down; the load average tells a noisy run.
  const loadAverageAtStart = loadavg();
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-bench-'));
  try {
    progress(`bench (${plan.mode}) in ${workDir}`);
    const article = await benchArticle({ config, workDir, plan, progress });
    const cold = await runColdBench({
      repositoryRoot,
      config,
      workDir,
      plan: { ...coldPlan, rounds: plan.coldRounds, stageRuns: Math.min(coldPlan.stageRuns, plan.coldRounds) },
      loadAverage: loadavg,
      progress,
    });
    const realEmbedding = await measureEmbeddingThroughput({ plan, progress });
    const scale: ScaleFigures[] = [];
    for (const size of plan.corpusSizes) {
      scale.push(await benchCorpus({ size, config, workDir, plan, msPerText: realEmbedding.msPerText, progress }));
    }
    const library = await benchLibrary({ config, workDir, plan: libraryPlans[plan.mode], progress });
    const bot = await readBotFigures();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const largest = scale.at(-1);
    const atThousand = scale.find((figures) => figures.articles === 1000) ?? null;

    const targets: Target[] = [
      // Issue #8's bars (they were 50 and 150 ms before the fitted models).
      { name: 'warm answer p95, shipped article', value: article.warmAnswer.p95, limit: 30, direction: 'below', unit: 'ms', note: 'load average in bench.json' },
      { name: 'warm answer p95, 1,000 articles', value: atThousand?.answer.p95 ?? null, limit: 60, direction: 'below', unit: 'ms' },
      { name: 'cold ask (median)', value: cold.processes[0]?.wallMedianMs === undefined || cold.processes[0].wallMedianMs === null ? null : cold.processes[0].wallMedianMs / 1000, limit: 3, direction: 'below', unit: 's' },
      ...coldTargets(cold),
      {
        name: 'ingest 1,000 articles',
        value: atThousand ? atThousand.ingestExtrapolatedMs / 60_000 : null,
        limit: 10,
        direction: 'below',
        unit: 'min',
        note: 'extrapolated: real-model rate × distinct texts + measured rest',
      },
      { name: 'HNSW recall@10, largest corpus', value: largest?.recallAt10 ?? null, limit: 0.98, direction: 'atLeast', unit: '' },
      { name: 'URL → first answer, ~1,000 words', value: library.urlToAnswer.totalMs / 1000, limit: 5, direction: 'below', unit: 's' },
      { name: 'bot peak RSS (bench/bot.json)', value: bot.peakRssMb, limit: 500, direction: 'below', unit: 'MB', ...(bot.note ? { note: bot.note } : {}) },
    ];

    const elapsedMs = performance.now() - startedAt;
    const report = {
      generatedAt: new Date().toISOString(),
      mode: plan.mode,
      machine: { cpus: cpus().length, node: process.version, loadAverageAtStart, loadAverageAtEnd: loadavg() },
      elapsedMs,
      article,
      cold,
      realEmbedding,
      vectors: 'scale runs: 512-d hashed bag-of-words vectors (seeded random direction per word, summed, normalised); see bench/README.md',
      scale,
      library,
      bot,
      peakRssMb,
      targets: targets.map((target) => ({ ...target, verdict: judge(target) })),
    };

    await mkdir(join(repositoryRoot, 'bench', 'results'), { recursive: true });
    const jsonPath = join(repositoryRoot, 'bench', 'results', plan.mode === 'full' ? 'bench.json' : 'bench-quick.json');
    await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    const chartPath =
      plan.mode === 'full' ? join(repositoryRoot, 'bench', 'latency-vs-corpus.svg') : join(repositoryRoot, 'bench', 'results', 'latency-vs-corpus-quick.svg');
    await writeFile(chartPath, latencyChart(scale, plan));

    process.stdout.write(`${renderReport({ plan, article, realEmbedding, scale, targets, peakRssMb, elapsedMs })}\n\n`);
    process.stdout.write(`${renderColdReport(cold, coldTargets(cold))}\n\n${renderLibraryReport(library)}\n`);
    process.stdout.write(`\nFigures: ${relative(jsonPath)}; chart: ${relative(chartPath)}\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});

async function benchArticle({
  config,
  workDir,
  plan,
  progress,
}: {
  config: Readonly<Config>;
  workDir: string;
  plan: Plan;
  progress: (line: string) => void;
}): Promise<ArticleFigures> {
  const articleConfig: Readonly<Config> = { ...config, indexDir: join(workDir, 'article', 'index'), cacheDir: join(workDir, 'article', 'cache') };
  progress(`article: ingesting ${config.articlesDir} into a fresh index with a cold cache…`);
  // A fresh embedder, so the model's load is part of the ingest as it is for `npm run ingest`.
  const ingestStart = performance.now();
  const articles = await loadArticles(config.articlesDir);
  const built = await buildIndex({
    articles,
    embedder: withEmbeddingCache(await createEmbedder(articleConfig), { dir: articleConfig.cacheDir }),
    indexDir: articleConfig.indexDir,
  });
  const ingestMs = performance.now() - ingestStart;

  const questions = parseQuestions(await readFile(join(repositoryRoot, 'data', 'eval', 'dev-set.jsonl'), 'utf8'), 'dev-set.jsonl');
  const coldQuestion = questions[0]?.question ?? 'What is the article about?';

  progress(`article: warm latency over ${questions.length} dev questions × ${plan.latencyRounds}…`);
  const opened = await openIndex(articleConfig);
  const service = createServiceFromIndex(articleConfig, opened);
  await service.ask(coldQuestion);
  const samples: number[] = [];
  for (let round = 0; round < plan.latencyRounds; round += 1) {
    for (const { question } of questions) samples.push(await timed(() => service.ask(question)));
  }

  return {
    articles: built.manifest.counts.articles,
    sentences: built.manifest.counts.sentences,
    chunks: built.manifest.counts.chunks,
    ingestMs,
    warmAnswer: summariseLatency(samples),
    peakRssMbAfterArticle: process.resourceUsage().maxRSS / 1024,
  };
}

async function measureEmbeddingThroughput({ plan, progress }: { plan: Plan; progress: (line: string) => void }) {
  progress(`real model: embedding ${plan.embeddingSample} synthetic chunk texts…`);
  // As ingest embeds (src/app.ts createIngestEmbedder), in the cache's batches of 256.
  const embedder = createLocalEmbedder();
  const loadMs = await timed(() => embedder.embed(['The model loads on its first call.']));
  const corpus = generateCorpus({ articles: Math.ceil(plan.embeddingSample / 10), sentencesPerArticle: plan.sentencesPerArticle, seed: 99 });
  const directory = await mkdtemp(join(tmpdir(), 'verbatim-bench-sample-'));
  try {
    await Promise.all(corpus.map((article) => writeFile(join(directory, article.fileName), article.text)));
    const texts = chunkArticles(await loadArticles(directory))
      .map((chunk) => chunk.embedText)
      .slice(0, plan.embeddingSample);
    await embedder.embed(texts.slice(0, ingestBatch));
    const totalMs = await timed(async () => {
      for (let offset = 0; offset < texts.length; offset += ingestBatch) await embedder.embed(texts.slice(offset, offset + ingestBatch));
    });
    return { model: embedder.modelId, texts: texts.length, loadMs, totalMs, msPerText: totalMs / texts.length };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function benchCorpus({
  size,
  config,
  workDir,
  plan,
  msPerText,
  progress,
}: {
  size: number;
  config: Readonly<Config>;
  workDir: string;
  plan: Plan;
  msPerText: number;
  progress: (line: string) => void;
}): Promise<ScaleFigures> {
  const base = join(workDir, `corpus-${size}`);
  const articlesDir = join(base, 'articles');
  const indexDir = join(base, 'index');
  await mkdir(articlesDir, { recursive: true });
  // The same seed for every size: the 100-article corpus is the first 100 of the 1,000.
  const corpus = generateCorpus({ articles: size, sentencesPerArticle: plan.sentencesPerArticle });
  await Promise.all(corpus.map((article) => writeFile(join(articlesDir, article.fileName), article.text)));

  progress(`${size} articles: ingesting with stand-in vectors…`);
  const hashed = createHashedEmbedder();
  let vectorMs = 0;
  // The cache sends each distinct text to the model once: these are the texts a real model would embed.
  let modelTexts = 0;
  const timedHashed: Embedder = {
    modelId: hashed.modelId,
    dimensions: hashed.dimensions,
    async embed(texts) {
      modelTexts += texts.length;
      const started = performance.now();
      const vectors = await hashed.embed(texts);
      vectorMs += performance.now() - started;
      return vectors;
    },
  };
  const cache = withEmbeddingCache(timedHashed, { dir: join(base, 'cache') });
  let cacheCallMs = 0;
  // Times the calls through the cache; still a CachedEmbedder, so buildIndex reports as it would.
  const timedCache: CachedEmbedder = {
    modelId: cache.modelId,
    dimensions: cache.dimensions,
    stats: cache.stats,
    countCached: (texts) => cache.countCached(texts),
    async embed(texts) {
      const started = performance.now();
      const vectors = await cache.embed(texts);
      cacheCallMs += performance.now() - started;
      return vectors;
    },
  };
  const ingestStart = performance.now();
  const articles = await loadArticles(articlesDir);
  const loadMs = performance.now() - ingestStart;
  const built = await buildIndex({ articles, embedder: timedCache, indexDir });
  const ingestWithoutModelMs = performance.now() - ingestStart - vectorMs;
  const ingestBreakdown = {
    loadArticlesMs: loadMs,
    embeddingCacheMs: cacheCallMs - vectorMs,
    chunkIndexWriteMs: ingestWithoutModelMs - loadMs - (cacheCallMs - vectorMs),
  };
  const { chunks: chunkCount, sentences: sentenceCount } = built.manifest.counts;

  const index = await readIndex(indexDir, { embedder: hashed, articles });
  const queryVectors = await hashed.embed(generateQuestions({ count: plan.vectorQueries }));

  progress(`${size} articles: HNSW vs brute force over ${queryVectors.length} queries…`);
  const exact = createExactIndex(await hashed.embed(index.chunks.map((chunk) => chunk.embedText)), hashed.dimensions ?? 512);
  const labelOf = new Map(index.chunks.map((chunk, label) => [chunk.id, label]));
  const exactIds: string[][] = [];
  const exactSimilarities: number[][] = [];
  const bruteSamples: number[] = [];
  for (const vector of queryVectors) {
    let labels: number[] = [];
    bruteSamples.push(await timed(async () => (labels = exact.search(vector, 10))));
    exactIds.push(labels.map((label) => index.chunks[label]?.id ?? ''));
    exactSimilarities.push(labels.map((label) => exact.similarity(vector, label)));
  }
  const hnswIds: string[][] = [];
  const hnswSimilarities: number[][] = [];
  const hnswSamples: number[] = [];
  await index.vectorStore.search(queryVectors[0] ?? [], 10);
  for (const vector of queryVectors) {
    let hits: Array<{ chunkId: string }> = [];
    hnswSamples.push(await timed(async () => (hits = await index.vectorStore.search(vector, 10))));
    hnswIds.push(hits.map((hit) => hit.chunkId));
    hnswSimilarities.push(hits.map((hit) => exact.similarity(vector, labelOf.get(hit.chunkId) ?? -1)));
  }
  // The same queries at wider searches than the product's: what more recall would cost. The native
  // index holds one vector per distinct text, so it is compared with an exact search over those.
  const distinctTexts = [...new Set(index.chunks.map((chunk) => chunk.embedText))];
  const distinctExact = createExactIndex(await hashed.embed(distinctTexts), hashed.dimensions ?? 512);
  const distinctExactSimilarities = queryVectors.map((vector) =>
    distinctExact.search(vector, 10).map((label) => distinctExact.similarity(vector, label)),
  );
  const efSweep = [];
  const nativeIndex = index.vectorStore.nativeIndex;
  for (const ef of efSweepValues) {
    nativeIndex.setEf(ef);
    const similarities: number[][] = [];
    const samples: number[] = [];
    for (const vector of queryVectors) {
      let distances: number[] = [];
      samples.push(await timed(async () => (distances = nativeIndex.searchKnn(vector, Math.min(10, distinctTexts.length)).distances)));
      similarities.push(distances.map((distance) => 1 - distance));
    }
    efSweep.push({ ef, recallAt10: tieAwareNeighbourRecall(similarities, distinctExactSimilarities, 10), p50: percentile(samples, 50) });
  }

  progress(`${size} articles: ${plan.scaleQuestions} questions end to end…`);
  const realModel = createLocalEmbedder();
  // Ranking runs on the stand-in vectors the index holds; each question still pays the real model.
  const questionEmbedder = createHashedEmbedder({ alsoEmbed: (texts) => realModel.embed(texts) });
  // The vector searches the retriever makes while answering, recorded as it makes them: the k it
  // asks for and their latency; their recall is worked out after the timed runs.
  const retrieverSearches: Array<{ k: number; ms: number; vector: number[]; chunkIds: string[] }> = [];
  let recording = false;
  const recordingStore: VectorStore = Object.create(index.vectorStore, {
    search: {
      value: async (vector: readonly number[], k: number) => {
        const started = performance.now();
        const hits = await index.vectorStore.search(vector, k);
        const ms = performance.now() - started;
        if (recording) retrieverSearches.push({ k, ms, vector: [...vector], chunkIds: hits.slice(0, 10).map((hit) => hit.chunkId) });
        return hits;
      },
    },
  }) as VectorStore;
  const service = createServiceFromIndex(config, { index: { ...index, vectorStore: recordingStore }, embedder: questionEmbedder });
  const questions = generateQuestions({ count: plan.scaleQuestions, seed: 11 });
  await service.ask(questions[0] ?? 'What happened?');
  recording = true;
  const answerSamples: number[] = [];
  for (const question of questions) answerSamples.push(await timed(() => service.ask(question)));
  recording = false;
  const retrieverRecall = tieAwareNeighbourRecall(
    retrieverSearches.map((search) => search.chunkIds.map((chunkId) => exact.similarity(search.vector, labelOf.get(chunkId) ?? -1))),
    retrieverSearches.map((search) => exact.search(search.vector, 10).map((label) => exact.similarity(search.vector, label))),
    10,
  );

  const indexBytes = await directoryBytes(indexDir);
  const hnswBytes = await directoryBytes(join(indexDir, 'hnsw'));
  await rm(base, { recursive: true, force: true });
  return {
    articles: size,
    sentences: sentenceCount,
    chunks: chunkCount,
    ingestWithoutModelMs,
    ingestBreakdown,
    modelTexts,
    ingestExtrapolatedMs: ingestWithoutModelMs + modelTexts * msPerText,
    indexBytes,
    hnswBytes,
    hnswTop10: summariseLatency(hnswSamples),
    bruteForceTop10: summariseLatency(bruteSamples),
    hnswRetrieverDepth: {
      ...summariseLatency(retrieverSearches.map((search) => search.ms)),
      k: Math.max(0, ...retrieverSearches.map((search) => search.k)),
      recallAt10: retrieverRecall,
    },
    recallAt10: tieAwareNeighbourRecall(hnswSimilarities, exactSimilarities, 10),
    efSweep,
    distinctTexts: distinctTexts.length,
    strictRecallAt10: neighbourRecall(hnswIds, exactIds, 10),
    answer: summariseLatency(answerSamples),
  };
}

async function readBotFigures(): Promise<{ peakRssMb: number | null; note?: string }> {
  const path = join(repositoryRoot, 'bench', 'bot.json');
  if (!existsSync(path)) return { peakRssMb: null, note: 'bench/bot.json not found: run `npm run bench:bot`' };
  try {
    const figures = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const megabytes = findNumber(figures, /^peakRss(Mb|MB|Mib|MiB)$/);
    if (megabytes !== null) return { peakRssMb: megabytes, note: 'from bench/bot.json' };
    const bytes = findNumber(figures, /^peakRss(Bytes)?$/i);
    if (bytes !== null) return { peakRssMb: bytes / 1024 / 1024, note: 'from bench/bot.json' };
    return { peakRssMb: null, note: 'bench/bot.json has no peakRssMb field' };
  } catch {
    return { peakRssMb: null, note: 'bench/bot.json is not valid JSON' };
  }
}

/** The first numeric value, at any depth, whose key matches. */
function findNumber(value: unknown, key: RegExp): number | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [name, inner] of Object.entries(value)) {
    if (key.test(name) && typeof inner === 'number') return inner;
    const nested = findNumber(inner, key);
    if (nested !== null) return nested;
  }
  return null;
}

async function directoryBytes(path: string): Promise<number> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? await directoryBytes(full) : (await stat(full)).size;
  }
  return total;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function latencyChart(scale: readonly ScaleFigures[], plan: Plan): string {
  return lineChartSvg({
    title: 'Vector query latency (p50) vs corpus size',
    note: `${plan.sentencesPerArticle} sentences per article; 512-d stand-in vectors; ${plan.vectorQueries} queries per size; 2-core machine`,
    xLabel: 'articles in the corpus (log scale)',
    yLabel: 'milliseconds per query (log scale)',
    series: [
      { name: 'HNSW, k = 10', colour: '#1f77b4', points: scale.map((figures) => ({ x: figures.articles, y: figures.hnswTop10.p50 ?? 0 })) },
      { name: 'brute force, k = 10', colour: '#d62728', points: scale.map((figures) => ({ x: figures.articles, y: figures.bruteForceTop10.p50 ?? 0 })) },
      {
        name: "HNSW, retriever's k",
        colour: '#2ca02c',
        points: scale.map((figures) => ({ x: figures.articles, y: figures.hnswRetrieverDepth.p50 ?? 0 })),
      },
    ],
  });
}

function renderReport({
  plan,
  article,
  realEmbedding,
  scale,
  targets,
  peakRssMb,
  elapsedMs,
}: {
  plan: Plan;
  article: ArticleFigures;
  realEmbedding: { texts: number; loadMs: number; msPerText: number };
  scale: readonly ScaleFigures[];
  targets: readonly Target[];
  peakRssMb: number;
  elapsedMs: number;
}): string {
  const latency = (summary: LatencySummary) =>
    `${formatMilliseconds(summary.p50)} / ${formatMilliseconds(summary.p95)} / ${formatMilliseconds(summary.p99)}`;
  const megabytes = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} MB`);

  const articleRows: Cell[][] = [
    ['ingest, fresh index, cold cache', `${(article.ingestMs / 1000).toFixed(2)} s`, `${article.articles} article, ${article.sentences} sentences, ${article.chunks} chunks; model load included`],
    ['warm answer p50 / p95 / p99', latency(article.warmAnswer), `${article.warmAnswer.samples} asks in process (dev set × ${plan.latencyRounds}), after one warm-up`],
    ['bench process peak RSS after article runs', megabytes(article.peakRssMbAfterArticle), 'model + index + answer service in one process'],
    ['real model embedding rate', `${realEmbedding.msPerText.toFixed(1)} ms/text`, `${realEmbedding.texts} synthetic chunk texts in batches of 256, on every core (as ingest does); model load ${(realEmbedding.loadMs / 1000).toFixed(1)} s`],
  ];

  const ingestRows: Cell[][] = scale.map((figures) => [
    figures.articles,
    figures.sentences,
    figures.chunks,
    `${seconds(figures.ingestWithoutModelMs)} (${seconds(figures.ingestBreakdown.loadArticlesMs)} / ${seconds(figures.ingestBreakdown.embeddingCacheMs)} / ${seconds(figures.ingestBreakdown.chunkIndexWriteMs)})`,
    figures.modelTexts,
    `${(figures.ingestExtrapolatedMs / 60_000).toFixed(1)} min`,
    `${(figures.indexBytes / 1024 / 1024).toFixed(1)} MB (${(figures.hnswBytes / 1024 / 1024).toFixed(1)} MB)`,
  ]);
  const queryRows: Cell[][] = scale.map((figures) => [
    figures.articles,
    `${formatMilliseconds(figures.hnswTop10.p50)} / ${formatMilliseconds(figures.hnswTop10.p95)}`,
    `${formatMilliseconds(figures.bruteForceTop10.p50)} / ${formatMilliseconds(figures.bruteForceTop10.p95)}`,
    `${share(figures.recallAt10)} (${share(figures.strictRecallAt10)})`,
    `${formatMilliseconds(figures.hnswRetrieverDepth.p50)}, k=${figures.hnswRetrieverDepth.k}, ${share(figures.hnswRetrieverDepth.recallAt10)}`,
    `${formatMilliseconds(figures.answer.p50)} / ${formatMilliseconds(figures.answer.p95)}`,
  ]);

  const targetRows: Cell[][] = targets.map((target) => [
    target.name,
    target.value === null ? '–' : `${target.value < 10 ? target.value.toFixed(3) : target.value.toFixed(1)} ${target.unit}`.trimEnd(),
    describeLimit(target),
    judge(target),
    target.note ?? '',
  ]);

  const sweepRows: Cell[][] = scale.map((figures) => [
    figures.articles,
    ...figures.efSweep.map((entry) => `${share(entry.recallAt10)} @ ${formatMilliseconds(entry.p50)}`),
    `${figures.distinctTexts} of ${figures.chunks}`,
  ]);

  return [
    `Verbatim bench (${plan.mode}) — ${cpus().length} cores, node ${process.version}, ${(elapsedMs / 1000).toFixed(0)} s in all; bench process peak RSS ${megabytes(peakRssMb)}`,
    '',
    'Shipped article',
    formatTable({ headers: ['measure', 'value', 'how'], rows: articleRows, leftAligned: [0, 1, 2] }),
    '',
    'Synthetic corpus: ingest and size (stand-in vectors; extrapolated = measured without the model + texts to embed × real-model rate)',
    formatTable({
      headers: ['articles', 'sentences', 'chunks', 'w/o model (load / cache / rest)', 'texts to embed', 'extrapolated', 'index on disk (hnsw)'],
      rows: ingestRows,
    }),
    '',
    'Synthetic corpus: queries (512-d stand-in vectors; answers pay the real model for each question)',
    formatTable({
      headers: ['articles', 'HNSW k=10 p50 / p95', 'brute k=10 p50 / p95', 'recall@10 (by id)', "HNSW at retriever's k: p50, k, recall@10", 'answer p50 / p95'],
      rows: queryRows,
    }),
    '',
    'HNSW efSearch sweep (the product\'s native index, one vector per distinct text, k = 10): recall@10 @ p50; the product searches with ef = 128',
    formatTable({ headers: ['articles', ...efSweepValues.map((ef) => `ef=${ef}`), 'distinct texts of chunks'], rows: sweepRows }),
    '',
    'Targets',
    formatTable({ headers: ['target', 'value', 'limit', 'verdict', 'note'], rows: targetRows, leftAligned: [0, 2, 3, 4] }),
  ].join('\n');
}

/** `--only cold`: the cold-start comparison alone, into bench/results/cold.json. */
async function benchColdOnly({ config, progress }: { config: Readonly<Config>; progress: (line: string) => void }): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-bench-cold-'));
  try {
    const cold = await runColdBench({ repositoryRoot, config, workDir, loadAverage: loadavg, progress });
    const targets = coldTargets(cold);
    await mkdir(join(repositoryRoot, 'bench', 'results'), { recursive: true });
    const jsonPath = join(repositoryRoot, 'bench', 'results', 'cold.json');
    const report = { generatedAt: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, ...cold };
    await writeFile(jsonPath, `${JSON.stringify({ ...report, targets: targets.map((target) => ({ ...target, verdict: judge(target) })) }, null, 2)}\n`);
    process.stdout.write(`${renderColdReport(cold, targets)}\n\nFigures: ${relative(jsonPath)}\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** `--only library`: URL → first answer alone, three runs, into bench/results/library-url.json. */
async function benchLibraryUrlOnly({ config, progress }: { config: Readonly<Config>; progress: (line: string) => void }): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-bench-library-'));
  try {
    const runs = await benchUrlToAnswerRuns({ config, workDir, runs: 3, progress });
    await mkdir(join(repositoryRoot, 'bench', 'results'), { recursive: true });
    const jsonPath = join(repositoryRoot, 'bench', 'results', 'library-url.json');
    const report = { generatedAt: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, runs };
    await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${renderUrlToAnswerRuns(runs)}\n\nFigures: ${relative(jsonPath)}\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function share(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function relative(path: string): string {
  return path.startsWith(`${repositoryRoot}/`) ? path.slice(repositoryRoot.length + 1) : path;
}
