// `npm run bench:warm -- [--rounds N] [--hand-tuned] [--answers FILE]
// [--articles N]`: the warm answer latency of `npm run bench` (in-process `service.ask` over the
// dev questions of the shipped article; with `--articles N`, over the bench's 100 generated
// questions on its synthetic corpus of N articles, stand-in vectors, the real model's time paid)
// with where each answer's time goes. The embedder, the vector store and the lexical index are
// wrapped with timers. `--answers FILE` writes every answer as one JSON line, to
// check that a change left them byte-identical. See bench/README.md, "Warm answer".
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/config.js';
import { createServiceFromIndex, openIndex } from '../src/app.js';
import { loadArticles } from '../src/article/load-article.js';
import type { Embedder } from '../src/embedding/embedder.js';
import { withEmbeddingCache } from '../src/embedding/cached-embedder.js';
import { createLocalEmbedder } from '../src/embedding/local-embedder.js';
import { buildIndex } from '../src/index/build-index.js';
import { readIndex, type LoadedIndex } from '../src/index/index-store.js';
import type { LexicalIndex } from '../src/index/lexical-index.js';
import { parseQuestions } from '../bench/lib/eval-scoring.js';
import { createHashedEmbedder } from '../bench/lib/hashed-embedder.js';
import { percentile } from '../bench/lib/metrics.js';
import { generateCorpus, generateQuestions } from '../bench/lib/synthetic-corpus.js';
import { runCli } from './run-cli.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const embeddingStage = 'embedding (wall, question sent to vectors back)';

interface Setup {
  index: LoadedIndex;
  /** The embedder questions go through (the real model, or stand-in vectors that pay for it). */
  embedder: Embedder & Partial<{ close(): Promise<void> }>;
  questions: string[];
}

await runCli(async () => {
  const argument = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const rounds = Number(argument('--rounds') ?? 3);
  const articleCount = argument('--articles');
  const answersPath = argument('--answers');
  const config = loadConfig();
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-warm-'));
  try {
    const setup = articleCount ? await syntheticSetup(Number(articleCount), workDir) : await articleSetup(config, workDir);
    const stageMs = new Map<string, number>();
    const add = (stage: string, ms: number) => stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms);
    const timedCall = <T>(stage: string, call: () => T): T => {
      const started = performance.now();
      const result = call();
      if (result instanceof Promise) return result.finally(() => add(stage, performance.now() - started)) as T;
      add(stage, performance.now() - started);
      return result;
    };
    const baseEmbedder = setup.embedder;
    const embedder: Embedder = { ...baseEmbedder, embed: (texts) => timedCall(embeddingStage, () => baseEmbedder.embed(texts)) };
    const { lexical, vectorStore } = setup.index;
    const timedLexical: LexicalIndex = {
      ...lexical,
      search: (query, limit) => timedCall('lexical search', () => lexical.search(query, limit)),
      unknownTerms: (query) => timedCall('lexical query analysis', () => lexical.unknownTerms(query)),
      contentTermCount: (query) => timedCall('lexical query analysis', () => lexical.contentTermCount(query)),
      querySlotWeights: (query) => timedCall('lexical query analysis', () => lexical.querySlotWeights(query)),
    };
    const timedStore = Object.create(vectorStore, {
      search: { value: (vector: number[], k: number) => timedCall('vector search', () => vectorStore.search(vector, k)) },
    }) as typeof vectorStore;
    const service = createServiceFromIndex(
      config,
      { index: { ...setup.index, lexical: timedLexical, vectorStore: timedStore }, embedder },
      process.argv.includes('--hand-tuned') ? { model: null } : {},
    );
    const { questions } = setup;
    await service.ask(questions[0] ?? 'What is the article about?');
    stageMs.clear();
    const samples: number[] = [];
    const byQuestion = new Map<string, number[]>();
    const answers: string[] = [];
    const load = loadavg()[0] ?? 0;
    const cpuStart = process.cpuUsage();
    for (let round = 0; round < rounds; round += 1) {
      for (const question of questions) {
        const started = performance.now();
        const answer = await service.ask(question);
        const ms = performance.now() - started;
        samples.push(ms);
        byQuestion.set(question, [...(byQuestion.get(question) ?? []), ms]);
        if (round === 0) answers.push(JSON.stringify(answer));
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    const total = samples.reduce((sum, ms) => sum + ms, 0);
    const perAsk = (ms: number) => (ms / samples.length).toFixed(2);
    const stages = [...stageMs].sort((a, b) => b[1] - a[1]);
    process.stdout.write(
      [
        `${setup.index.manifest.counts.articles} article(s), ${samples.length} asks, load ${load.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}: p50 ${percentile(samples, 50)?.toFixed(1)} ms, p95 ${percentile(samples, 95)?.toFixed(1)} ms, p99 ${percentile(samples, 99)?.toFixed(1)} ms; CPU (all threads) ${perAsk((cpu.user + cpu.system) / 1000)} ms per ask`,
        'mean ms per ask:',
        `  wall: ${perAsk(total)}`,
        ...stages.map(([stage, ms]) => `  ${stage}: ${perAsk(ms)}`),
        `  wall outside the embedding (the rest of the answer, less what ran while the model worked): ${perAsk(total - (stageMs.get(embeddingStage) ?? 0))}`,
        'slowest questions (median of the rounds):',
        ...[...byQuestion]
          .map(([question, times]) => ({ question, ms: percentile(times, 50) ?? 0 }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, Number(argument('--slowest') ?? 8))
          .map(({ question, ms }) => `  ${ms.toFixed(1)} ms  ${question}`),
      ].join('\n') + '\n',
    );
    if (answersPath) await writeFile(answersPath, `${answers.join('\n')}\n`);
    await baseEmbedder.close?.();
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});

/** The shipped article, a fresh index (the embedding cache of `config` reused), the dev questions. */
async function articleSetup(config: Readonly<Config>, workDir: string): Promise<Setup> {
  const opened = await openIndex({ ...config, indexDir: join(workDir, 'index') });
  const questions = parseQuestions(await readFile(join(repositoryRoot, 'data', 'eval', 'dev-set.jsonl'), 'utf8'), 'dev-set.jsonl').map(({ question }) => question);
  return { index: opened.index, embedder: opened.embedder, questions };
}

/** As `npm run bench` measures "answer p95" at a corpus size (scripts/bench.ts, benchCorpus). */
async function syntheticSetup(size: number, workDir: string): Promise<Setup> {
  const articlesDir = join(workDir, 'articles');
  await mkdir(articlesDir, { recursive: true });
  const corpus = generateCorpus({ articles: size, sentencesPerArticle: 20 });
  await Promise.all(corpus.map((article) => writeFile(join(articlesDir, article.fileName), article.text)));
  const hashed = createHashedEmbedder();
  const articles = await loadArticles(articlesDir);
  await buildIndex({ articles, embedder: withEmbeddingCache(hashed, { dir: join(workDir, 'cache') }), indexDir: join(workDir, 'index') });
  const index = await readIndex(join(workDir, 'index'), { embedder: hashed, articles });
  const realModel = createLocalEmbedder();
  return { index, embedder: createHashedEmbedder({ alsoEmbed: (texts) => realModel.embed(texts) }), questions: generateQuestions({ count: 100, seed: 11 }) };
}
