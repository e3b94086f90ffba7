// The library's part of `npm run bench`: how long a link takes to become answerable, and what 100
// servers with 20 added articles each cost in answer latency, start-up and memory.
import { createServer, type Server } from 'node:http';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createServiceFromIndex, libraryImporter, openIndex } from '../../src/app.js';
import { loadArticles } from '../../src/article/load-article.js';
import type { Config } from '../../src/config/config.js';
import { withEmbeddingCache } from '../../src/embedding/cached-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';
import { buildIndex } from '../../src/index/build-index.js';
import { buildLexicalIndex } from '../../src/index/lexical-index.js';
import { readIndex } from '../../src/index/index-store.js';
import type { Library } from '../../src/library/library.js';
import { openLibrary, type ImportPage } from '../../src/library/open-library.js';
import { createHashedEmbedder } from './hashed-embedder.js';
import { percentile } from './metrics.js';
import { formatMilliseconds, formatTable, type Cell } from './text-table.js';
import { createRandom, generateCorpus, generateQuestions } from './synthetic-corpus.js';

export interface LibraryBenchPlan {
  servers: number;
  articlesPerServer: number;
  questions: number;
}

export const libraryPlans = {
  full: { servers: 100, articlesPerServer: 20, questions: 300 },
  quick: { servers: 10, articlesPerServer: 5, questions: 50 },
} satisfies Record<string, LibraryBenchPlan>;

export interface LibraryFigures {
  urlToAnswer: {
    words: number;
    sentences: number;
    /** `add()` from the call to its return: fetch, extraction, saving, embedding the sentences, index, swap. */
    addMs: number;
    /** Of which embedding the article's sentence chunks with the real model (cold cache). */
    embeddingMs: number;
    /** From the call to `add()` until the complete index (paragraphs and clause windows too) is written and swapped in. */
    completeMs: number;
    /** Embedding the paragraphs and windows, in the background after `add()` returned. */
    backgroundEmbeddingMs: number;
    /** The same first question asked again once the index is complete: the article's answer as it always was. */
    completeAnswerSame: boolean;
    /** 1-minute load average when the add finished: on a shared 2-core machine the model's time follows it. */
    loadAverage: number;
    /** The first question after the add, answered from the new article. */
    firstAnswerMs: number;
    totalMs: number;
    answeredFromArticle: boolean;
    importer: string;
  };
  scale: {
    servers: number;
    articlesPerServer: number;
    articles: number;
    /** Adding every article through `add()` until every index is complete (stand-in vectors), per article. */
    addMsPerArticle: number;
    /** A new Library over the same folder: the database only (each server's articles open on first use). */
    reopenMs: number;
    /** The first question of a server after a restart, with no background opening: opens its 20 article indexes and builds its composed set. */
    firstQuestionMs: { p50: number | null; p95: number | null };
    /** Another restart, left alone: until the background has opened every server's articles (`settled()`). */
    backgroundOpenMs: number;
    answerMs: { samples: number; p50: number | null; p95: number | null };
    /** Rebuilding one server's whole index from cached vectors (the alternative to composing per-article indexes). */
    rebuildServerIndexMs: number;
    rssMb: number;
    /** RSS grown from before the library opened (operator index and model loaded) to after the questions. */
    rssGrowthMb: number;
    heapUsedMb: number;
    /** Heap grown over the same span: what the library's articles, indexes and services hold. */
    heapGrowthMb: number;
  };
}

export interface LibraryBenchOptions {
  config: Readonly<Config>;
  workDir: string;
  plan: LibraryBenchPlan;
  progress: (line: string) => void;
}

export async function benchLibrary(options: LibraryBenchOptions): Promise<LibraryFigures> {
  const urlToAnswer = await benchUrlToAnswer(options);
  const scale = await benchScale(options);
  return { urlToAnswer, scale };
}

/**
 * `npm run bench -- --only library`: URL → first answer alone, `runs` times, each in a fresh folder
 * (cold embedding cache, operator index built anew): the number swings with the machine's load.
 */
export async function benchUrlToAnswerRuns({ runs, ...options }: Omit<LibraryBenchOptions, 'plan'> & { runs: number }): Promise<Array<LibraryFigures['urlToAnswer']>> {
  const figures: Array<LibraryFigures['urlToAnswer']> = [];
  for (let run = 1; run <= runs; run += 1) {
    figures.push(await benchUrlToAnswer({ ...options, workDir: join(options.workDir, `run-${run}`), plan: libraryPlans.quick }));
  }
  return figures;
}

export function renderUrlToAnswerRuns(runs: ReadonlyArray<LibraryFigures['urlToAnswer']>): string {
  const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
  const rows: Cell[][] = runs.map((run, position) => [
    String(position + 1),
    seconds(run.totalMs),
    seconds(run.addMs),
    seconds(run.embeddingMs),
    formatMilliseconds(run.firstAnswerMs),
    seconds(run.completeMs),
    seconds(run.backgroundEmbeddingMs),
    run.answeredFromArticle && run.completeAnswerSame ? 'yes' : run.answeredFromArticle ? 'first only' : 'no',
    run.loadAverage.toFixed(1),
  ]);
  return [
    `URL → first answer (${runs[0]?.words ?? 0}-word page on 127.0.0.1, ${runs[0]?.sentences ?? 0} sentences)`,
    formatTable({
      headers: ['run', 'total', 'add', 'embedding (sentences)', 'first answer', 'complete index after', 'background embedding', 'answered from it, same once complete', 'load average'],
      rows,
      leftAligned: [7],
    }),
  ].join('\n');
}

/** A ~1,000-word article as a news page, served from 127.0.0.1, added and asked about with the real model. */
async function benchUrlToAnswer({ config, workDir, progress }: LibraryBenchOptions): Promise<LibraryFigures['urlToAnswer']> {
  const base = join(workDir, 'library-url');
  const benchConfig: Readonly<Config> = {
    ...config,
    indexDir: join(base, 'index'),
    cacheDir: join(base, 'cache'),
    library: { ...config.library, dir: join(base, 'library') },
    // The page is served from 127.0.0.1, which the fetcher refuses by default.
    fetch: { ...config.fetch, allowPrivateNetwork: true },
  };
  const [article] = generateCorpus({ articles: 1, sentencesPerArticle: 68, seed: 4242 });
  if (!article) throw new Error('The corpus generator returned no article.');
  const lines = article.text.trim().split('\n');
  const [headline = 'Untitled', ...rest] = lines;
  const paragraphs = rest.slice(0, -1);
  const words = paragraphs.join(' ').split(/\s+/).length;
  const html = pageHtml({ headline, paragraphs, publisher: 'Bench Gazette' });
  const server = await serve(html);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/bench-article`;
  try {
    progress(`library: URL → first answer for a ${words}-word article from ${url}…`);
    // As in the running bot: the operator's index open and the question model loaded and warm.
    const opened = await openIndex(benchConfig);
    await opened.embedder.embed(['warm up']);
    // The library's own default (the question model behind the cache), timed to show what the add spends embedding.
    const cached = withEmbeddingCache(opened.embedder, { dir: benchConfig.cacheDir });
    let embeddingMs = 0;
    let backgroundEmbeddingMs = 0;
    let added = false;
    const timedEmbedder: Embedder = {
      modelId: cached.modelId,
      dimensions: cached.dimensions,
      async embed(texts) {
        const started = performance.now();
        const vectors = await cached.embed(texts);
        if (added) backgroundEmbeddingMs += performance.now() - started;
        else embeddingMs += performance.now() - started;
        return vectors;
      },
    };
    const library = await openLibrary({
      config: benchConfig,
      operator: opened,
      indexEmbedder: timedEmbedder,
      importPage: libraryImporter(benchConfig),
      createService: (index) => createServiceFromIndex(benchConfig, { index, embedder: opened.embedder }),
    });
    try {
      // What a running bot has loaded in the background by its first /add (src/app.ts libraryImporter, open-library.ts).
      await import('../../src/intake/import-page.js');
      buildLexicalIndex([]);
      const started = performance.now();
      const { entry } = await library.add({ guildId: 'bench', url, addedBy: 'bench' });
      added = true;
      const addMs = performance.now() - started;
      // "The new tram line divides Ashford" → "What did officials say about the new tram line?"
      const subject = headline.replace(/ divides .*$/, '').toLowerCase();
      const question = `What did officials say about ${subject}?`;
      const answer = await library.service('bench').ask(question);
      const totalMs = performance.now() - started;
      await library.settled();
      const completeMs = performance.now() - started;
      const complete = await library.service('bench').ask(question);
      const citedIds = (cited: typeof answer) => cited.citations.map((citation) => citation.sentenceId).join(' ');
      return {
        words,
        sentences: entry.sentences,
        addMs,
        embeddingMs,
        completeMs,
        backgroundEmbeddingMs,
        completeAnswerSame: citedIds(complete) === citedIds(answer),
        loadAverage: loadavg()[0] ?? 0,
        firstAnswerMs: totalMs - addMs,
        totalMs,
        answeredFromArticle: answer.citations.some((citation) => citation.article === entry.meta.id),
        importer: 'src/intake/import-page.ts (guarded fetch, Readability, save)',
      };
    } finally {
      await library.close();
    }
  } finally {
    server.close();
  }
}

/**
 * 100 servers × 20 articles each, every article distinct: indexes on stand-in vectors (embedding
 * 2,000 articles with the real model would take the whole budget), each question paying the real
 * model once, as in `benchCorpus`.
 */
async function benchScale({ config, workDir, plan, progress }: LibraryBenchOptions): Promise<LibraryFigures['scale']> {
  const base = join(workDir, 'library-scale');
  const sourceDir = join(base, 'sources');
  await mkdir(sourceDir, { recursive: true });
  const total = plan.servers * plan.articlesPerServer;
  const corpus = generateCorpus({ articles: total, sentencesPerArticle: 20, seed: 777 });
  await Promise.all(corpus.map((article) => writeFile(join(sourceDir, article.fileName), article.text)));

  const realModel = createLocalEmbedder();
  const hashed = createHashedEmbedder();
  const questionEmbedder: Embedder = createHashedEmbedder({ alsoEmbed: (texts) => realModel.embed(texts) });
  const operatorDir = join(base, 'operator-index');
  const operatorArticles = await loadArticles(config.articlesDir);
  await buildIndex({ articles: operatorArticles, embedder: hashed, indexDir: operatorDir });
  const operator = { index: await readIndex(operatorDir, { embedder: hashed, articles: operatorArticles }), embedder: questionEmbedder };
  const libraryConfig = {
    cacheDir: join(base, 'cache'),
    library: { dir: join(base, 'library'), maxArticlesPerServer: plan.articlesPerServer, addsPerHourPerServer: plan.articlesPerServer },
  };
  const copyImport: ImportPage = async ({ url, dir }) => {
    const fileName = new URL(url).pathname.slice(1);
    await cp(join(sourceDir, fileName), join(dir, fileName));
    return { file: join(dir, fileName) };
  };
  const open = ({ openInBackground }: { openInBackground: boolean }) =>
    openLibrary({
      openInBackground,
      config: libraryConfig,
      operator,
      importPage: copyImport,
      indexEmbedder: withEmbeddingCache(hashed, { dir: libraryConfig.cacheDir }),
      createService: (index) => createServiceFromIndex(config, { index, embedder: questionEmbedder }),
    });
  const guilds = Array.from({ length: plan.servers }, (_, position) => `server-${position + 1}`);

  progress(`library: adding ${total} articles to ${plan.servers} servers (stand-in vectors)…`);
  await realModel.embed(['The model is loaded before memory is measured.']);
  globalThis.gc?.();
  const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
  let library: Library = await open({ openInBackground: false });
  const addStarted = performance.now();
  for (const [position, article] of corpus.entries()) {
    const guildId = guilds[position % plan.servers] ?? 'server-1';
    await library.add({ guildId, url: `http://bench.example/${article.fileName}`, addedBy: 'bench' });
    if ((position + 1) % 500 === 0) progress(`  ${position + 1} of ${total}`);
  }
  // Each add returns once its sentences are indexed; the rest completes in the background, counted here too.
  await library.settled();
  const addMsPerArticle = (performance.now() - addStarted) / total;
  await library.close();

  progress('library: reopening (restart) and asking…');
  const reopenStarted = performance.now();
  // Without the background opening, so each server's first question pays for its own articles.
  library = await open({ openInBackground: false });
  const reopenMs = performance.now() - reopenStarted;
  let measured: Omit<LibraryFigures['scale'], 'backgroundOpenMs'>;
  try {
    const questions = generateQuestions({ count: plan.questions, seed: 12 });
    const random = createRandom(3);
    await realModel.embed(['warm up']);
    const firstQuestion: number[] = [];
    for (const guildId of guilds) firstQuestion.push(await timed(() => library.service(guildId).ask(questions[0] ?? 'What happened?')));
    const samples: number[] = [];
    for (const question of questions) samples.push(await timed(() => library.service(random.pick(guilds)).ask(question)));
    globalThis.gc?.();
    const memory = process.memoryUsage();

    progress('library: one server index rebuilt from cached vectors, for comparison…');
    const serverArticles = await loadArticles(corpus.slice(0, plan.articlesPerServer).map((article) => join(libraryConfig.library.dir, 'articles', article.fileName)));
    // The cache is read first, as a running bot would have it open; only the rebuild is timed.
    const cachedVectors = withEmbeddingCache(hashed, { dir: libraryConfig.cacheDir });
    await cachedVectors.countCached([]);
    const rebuildServerIndexMs = await timed(() =>
      buildIndex({ articles: [...operatorArticles, ...serverArticles], embedder: cachedVectors, indexDir: join(base, 'one-server') }),
    );
    measured = {
      servers: plan.servers,
      articlesPerServer: plan.articlesPerServer,
      articles: total,
      addMsPerArticle,
      reopenMs,
      firstQuestionMs: { p50: percentile(firstQuestion, 50), p95: percentile(firstQuestion, 95) },
      answerMs: { samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) },
      rebuildServerIndexMs,
      rssMb: memory.rss / 1024 / 1024,
      rssGrowthMb: (memory.rss - rssBefore) / 1024 / 1024,
      heapUsedMb: memory.heapUsed / 1024 / 1024,
      heapGrowthMb: (memory.heapUsed - heapBefore) / 1024 / 1024,
    };
  } finally {
    await library.close();
  }
  progress('library: restarting again, until the background has opened every server…');
  return { ...measured, backgroundOpenMs: await timeBackgroundOpening(open) };
}

/** A restart as the bot makes it: until the background has opened every server's articles. */
async function timeBackgroundOpening(open: (options: { openInBackground: boolean }) => Promise<Library>): Promise<number> {
  const started = performance.now();
  const library = await open({ openInBackground: true });
  try {
    await library.settled();
    return performance.now() - started;
  } finally {
    await library.close();
  }
}

function pageHtml({ headline, paragraphs, publisher }: { headline: string; paragraphs: readonly string[]; publisher: string }): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(headline)}</title>
<meta property="og:site_name" content="${escape(publisher)}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>${escape(headline)}</h1><p class="byline">By Bench Reporter</p>
${paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
</article><footer>Subscribe to our newsletter.</footer></body></html>`;
}

function serve(html: string): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** The library's lines of the bench report. */
export function renderLibraryReport(figures: LibraryFigures): string {
  const { urlToAnswer: url, scale } = figures;
  const rows: Cell[][] = [
    ['URL → first answer', `${(url.totalMs / 1000).toFixed(2)} s`, `${url.words}-word page on 127.0.0.1, ${url.sentences} sentences; add ${(url.addMs / 1000).toFixed(2)} s (embedding its sentences ${(url.embeddingMs / 1000).toFixed(2)} s) + first answer ${formatMilliseconds(url.firstAnswerMs)}; answered from it: ${url.answeredFromArticle ? 'yes' : 'no'}; complete index (paragraphs, windows: ${(url.backgroundEmbeddingMs / 1000).toFixed(2)} s of embedding in the background) after ${(url.completeMs / 1000).toFixed(2)} s, same citations then: ${url.completeAnswerSame ? 'yes' : 'no'}; importer: ${url.importer}; load average ${url.loadAverage.toFixed(1)}`],
    [`answer p50 / p95, ${scale.servers} servers × ${scale.articlesPerServer}`, `${formatMilliseconds(scale.answerMs.p50)} / ${formatMilliseconds(scale.answerMs.p95)}`, `${scale.answerMs.samples} questions to random servers; operator index + ${scale.articlesPerServer} article indexes composed; real model per question`],
    ['first question of a server after restart', `${formatMilliseconds(scale.firstQuestionMs.p50)} / ${formatMilliseconds(scale.firstQuestionMs.p95)}`, `p50 / p95, no background opening: opens its ${scale.articlesPerServer} article indexes and builds its composed set, once`],
    ['add, per article', formatMilliseconds(scale.addMsPerArticle), `${scale.articles} adds, stand-in vectors (no model time): save, lexical + HNSW index, swap`],
    ['restart: open the library', `${(scale.reopenMs / 1000).toFixed(2)} s`, `reads the database only; ${scale.articles} article indexes open on each server's first use`],
    ['restart: background opening', `${(scale.backgroundOpenMs / 1000).toFixed(1)} s`, `until the background, giving way to questions, has opened all ${scale.articles} article indexes`],
    ['one server index rebuilt instead', formatMilliseconds(scale.rebuildServerIndexMs), `the alternative design: operator + ${scale.articlesPerServer} articles re-indexed from cached vectors on each add`],
    ['memory', `${scale.rssMb.toFixed(0)} MB RSS`, `heap grew ${scale.heapGrowthMb.toFixed(0)} MB (${((scale.heapGrowthMb * 1024) / scale.articles).toFixed(0)} KB per article: its sentences, lexical index and packed synonyms; vectors are outside the heap) to ${scale.heapUsedMb.toFixed(0)} MB; RSS grew ${scale.rssGrowthMb.toFixed(0)} MB, including what the ${scale.articles} adds' index builds left with the allocator`],
  ];
  return ['Server libraries (src/library)', formatTable({ headers: ['measure', 'value', 'how'], rows, leftAligned: [0, 1, 2] })].join('\n');
}
