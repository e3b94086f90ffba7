import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadArticleFile } from '../article/load-article.js';
import type { Config } from '../config/config.js';
import { VerbatimError } from '../core/errors.js';
import type { AnswerService, Article } from '../core/types.js';
import { withEmbeddingCache } from '../embedding/cached-embedder.js';
import type { Embedder } from '../embedding/embedder.js';
import { buildLexicalIndex } from '../index/lexical-index.js';
import type { SearchableIndex } from '../retrieval/retriever.js';
import { articleIdsOnDisk, createStagingDir, libraryPaths, moveIntoArticles, removeArticleFiles } from './article-files.js';
import { completeArticleIndex, openArticleIndex, readArticleSummary, summaryOf } from './article-index.js';
import { composeIndexes } from './composite-index.js';
import { focusedService } from './focused-service.js';
import type { AddedArticle, Library, LibraryEntry } from './library.js';
import { checkAddLimits, hourMs } from './library-limits.js';
import { openLibraryStore, type ArticleSummary, type ListedArticle, type StoredArticle, type StoredEntry } from './library-store.js';
import { createQuestionGate } from './question-gate.js';
import { createSerialQueue } from './serial-queue.js';

/** What importing a page left in the folder it was given: `<id>.txt` (and its `<id>.json`). */
export interface ImportedPage {
  file: string;
}

/** Fetches, extracts and saves one page into `dir`; throws the fetcher's and extractor's VerbatimErrors. */
export type ImportPage = (request: { url: string; dir: string }) => Promise<ImportedPage>;

export interface OpenLibraryOptions {
  config: Pick<Readonly<Config>, 'library' | 'cacheDir'>;
  /** The operator's index (every server sees it) and the embedder questions go through. */
  operator: { index: SearchableIndex; embedder: Embedder };
  importPage: ImportPage;
  /** The answering pipeline over a set of articles (app.ts: `createServiceFromIndex`). */
  createService: (index: SearchableIndex) => AnswerService;
  /**
   * Embeds added articles: by default the question embedder behind the embedding cache, so no
   * second model is loaded and text seen before is not embedded again.
   */
  indexEmbedder?: Embedder;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
  /**
   * After the start, opens the servers' articles that no question has needed yet, one article at a
   * time and only while no question is being answered, so most servers' first question finds them
   * open. Default true; false leaves each server's articles to its first use (the bench compares).
   */
  openInBackground?: boolean;
}

/** What one server can ask about right now; replaced whole (never changed) by an add or a remove. */
interface ServerView {
  entries: readonly LibraryEntry[];
  /** Built on first use; for a server that just added an article, before the swap. */
  service(): AnswerService;
}

/** A server whose articles' indexes are not open yet: its rows, and what /sources lists for them meanwhile. */
interface UnopenedServer {
  stored: readonly StoredEntry[];
  entries: readonly LibraryEntry[];
}

/** A server's articles being opened. */
interface ServerOpening {
  done: Promise<void>;
  /** Stops giving way to questions: one of this server's questions is waiting for it. */
  hurry(): void;
}

/**
 * The per-server libraries over LIBRARY_DIR. Every added article has its own small index, shared
 * by every server that has it; a server's searchable set is the operator's index plus its own
 * articles' indexes, composed at query time, so an add embeds only the new article and another
 * server's articles are never in the set to be cited.
 *
 * A start reads only the database (what /sources lists is recorded there): reading thousands of
 * article indexes took half a minute during which no server was answered. A server's articles
 * are opened when it first needs them (a question, an add, a remove), each article once however
 * many servers have it, and the rest in the background after the start.
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  const { config, operator, importPage, createService, logger, now = () => new Date(), openInBackground = true } = options;
  const paths = libraryPaths(config.library.dir);
  const indexEmbedder = options.indexEmbedder ?? withEmbeddingCache(operator.embedder, { dir: config.cacheDir });
  const store = openLibraryStore(paths.database);

  const operatorEntries: LibraryEntry[] = operator.index.articles.map((article) => ({
    ...summaryOf(article),
    guildId: null,
    addedBy: null,
    addedAt: null,
    sourceUrl: null,
  }));
  /** Opened indexes of the added articles, by article id. */
  const articleIndexes = new Map<string, SearchableIndex>();
  /** Articles being opened, by id: a second server asking meanwhile waits for the same opening. */
  const articleOpenings = new Map<string, Promise<void>>();
  /** Articles that could not be opened (logged once): left out of every server that has them. */
  const leftOut = new Set<string>();
  /** What the database records for /sources, by article id. */
  const summaries = new Map<string, ArticleSummary>();
  /** "That article alone" services, built on first use, by article id. */
  const articleServices = new Map<string, AnswerService>();
  /** Servers whose articles are open; a server with none has no view and answers from the operator's. */
  const views = new Map<string, ServerView>();
  const unopened = new Map<string, UnopenedServer>();
  const openings = new Map<string, ServerOpening>();
  const operatorView = makeView([]);
  /** Adds and removes of one server run in turn; the steps that touch shared files, one at a time overall. */
  const serverQueue = createSerialQueue();
  const sharedQueue = createSerialQueue();
  const backgroundQueue = createSerialQueue();
  let closed = false;

  /** Questions being answered, which the background steps below give way to. */
  const questions = createQuestionGate();
  /** Background steps that complete an article's index, by article id; `settled()` waits for them. */
  const completing = new Map<string, Promise<void>>();

  /**
   * Opens an article's index; one that is not complete (a new article, or a restart before its
   * index was written) is searchable from its sentences at once and completed in the background.
   */
  async function openIndexOf(id: string, { isNew = false } = {}): Promise<SearchableIndex> {
    const opened = await openArticleIndex({ paths, id, queryEmbedder: operator.embedder, indexEmbedder });
    if (opened.complete) return opened.index;
    // A new article has no index yet, so building it is no news; an existing article's rebuild is.
    if (!isNew) logger?.warn({ articleId: id, reason: opened.reason.code }, 'rebuilding the index of an added article');
    const partial = opened.index;
    // The write checks that `partial` is still the article's index: the caller puts it in place long before.
    // One at a time: a start that finds many indexes out of date (a new chunker) completes them in
    // turn. Those not begun when the library closes are left to the next start.
    const task = backgroundQueue
      .run('complete', async () => {
        if (closed) return;
        await completeArticleIndex({
          paths,
          sentenceIndex: partial,
          indexEmbedder,
          beforeSlice: () => questions.quiet(),
          write: (build) =>
            sharedQueue.run('files', async () => {
              // Removed meanwhile (or removed and added again, which has its own completion).
              if (articleIndexes.get(id) !== partial) return;
              replaceIndex(id, await build());
            }),
        });
      })
      .catch((error: unknown) => {
        // The sentences keep answering; the next start rebuilds the index from the saved text.
        logger?.error({ err: error, articleId: id }, 'the index of an added article could not be completed; it answers from its sentences until a restart');
      })
      .finally(() => {
        if (completing.get(id) === task) completing.delete(id);
      });
    completing.set(id, task);
    return partial;
  }

  /** Swaps an article's complete index in for its sentence index, in every server that has it. */
  function replaceIndex(id: string, index: SearchableIndex): void {
    articleIndexes.set(id, index);
    articleServices.delete(id);
    for (const [guildId, view] of views) {
      if (view.entries.some((entry) => entry.meta.id === id)) views.set(guildId, nextView(view.entries));
    }
  }

  try {
    await removeAbandonedStaging();
    await readLibrary();
  } catch (error) {
    store.close();
    throw error;
  }
  // The first add would open WordNet (~0.2 s) on its clock; indexing nothing opens it now, off the start-up path.
  setTimeout(() => buildLexicalIndex([]), 0).unref();
  const background = openInBackground ? openRemainingServers() : Promise.resolve();

  function makeView(entries: readonly LibraryEntry[]): ServerView {
    let service: AnswerService | null = null;
    return {
      entries,
      service() {
        service ??= questions.track(
          createService(composeIndexes([operator.index, ...entries.map((entry) => articleIndexes.get(entry.meta.id)).filter((index) => index !== undefined)])),
        );
        return service;
      },
    };
  }

  function viewOf(guildId: string | null): ServerView {
    return (guildId === null ? undefined : views.get(guildId)) ?? operatorView;
  }

  /** Builds a server's next view off to the side; `views.set` then swaps it in, and questions already asked finish on the old one. */
  function nextView(entries: readonly LibraryEntry[]): ServerView {
    const view = makeView(entries);
    view.service();
    return view;
  }

  function swapView(guildId: string, view: ServerView): void {
    if (view.entries.length === 0) views.delete(guildId);
    else views.set(guildId, view);
  }

  function entryOf(stored: StoredEntry): LibraryEntry | null {
    const article = articleIndexes.get(stored.articleId)?.articles[0];
    if (!article) return null;
    return listedEntry(stored, summaryOf(article));
  }

  /** Reads the rows and lists every server's entries from their recorded summaries; opens no index. */
  async function readLibrary(): Promise<void> {
    const stored = store.articles();
    const onDisk = new Set(await articleIdsOnDisk(paths));
    // Files with no row are from an add that crashed before it was recorded: nobody has them.
    const known = new Set(stored.map((article) => article.id));
    for (const id of onDisk) if (!known.has(id)) await removeArticleFiles(paths, id);
    for (const article of stored) {
      if (!onDisk.has(article.id)) {
        leaveOut(article.id, new VerbatimError('ARTICLE_UNREADABLE', `The article file ${paths.articleFile(article.id)} is missing.`));
        continue;
      }
      const summary = article.summary ?? (await recordMissingSummary(article));
      if (summary) summaries.set(article.id, summary);
    }
    for (const row of store.entries()) {
      const summary = summaries.get(row.articleId);
      if (!summary) continue;
      const server = unopened.get(row.guildId) ?? { stored: [], entries: [] };
      unopened.set(row.guildId, { stored: [...server.stored, row], entries: [...server.entries, listedEntry(row, summary)] });
    }
  }

  /** An article recorded before summaries were (a database from schema 1): read once from its files, then kept. */
  async function recordMissingSummary(article: ListedArticle): Promise<ArticleSummary | null> {
    try {
      const summary = await readArticleSummary({ paths, id: article.id });
      store.recordSummary(article.id, summary);
      return summary;
    } catch (error) {
      leaveOut(article.id, error);
      return null;
    }
  }

  function leaveOut(id: string, error: unknown): void {
    leftOut.add(id);
    // One unreadable article must not take every server's library down; the log names it.
    logger?.error({ err: error, articleId: id, file: paths.articleFile(id) }, 'an added article could not be loaded and is left out');
  }

  /** Opens an article's index once, however many servers ask for it; one that fails is logged and left out. */
  function openArticle(id: string): Promise<void> {
    if (articleIndexes.has(id) || leftOut.has(id)) return Promise.resolve();
    let opening = articleOpenings.get(id);
    if (!opening) {
      opening = openIndexOf(id)
        .then(
          (index) => {
            articleIndexes.set(id, index);
            keepSummaryOf(id, index);
          },
          (error: unknown) => leaveOut(id, error),
        )
        .finally(() => articleOpenings.delete(id));
      articleOpenings.set(id, opening);
    }
    return opening;
  }

  /** The opened article is what /sources lists from now on; a rebuild (a new parser) may have changed its title. */
  function keepSummaryOf(id: string, index: SearchableIndex): void {
    const article = index.articles[0];
    if (!article) return;
    const summary = summaryOf(article);
    if (JSON.stringify(summaries.get(id)) === JSON.stringify(summary)) return;
    summaries.set(id, summary);
    if (!closed) store.recordSummary(id, summary);
  }

  /**
   * Opens a server's articles and swaps its view in, once however many of its questions ask at
   * the same time. `givingWay` (the background) waits while any question is answered, until one
   * of this server's own asks for it.
   */
  function openServer(guildId: string, { givingWay = false } = {}): Promise<void> {
    if (!unopened.has(guildId)) return Promise.resolve();
    let opening = openings.get(guildId);
    if (!opening) {
      const started = startOpening(guildId, { givingWay });
      const forget = () => {
        if (openings.get(guildId) === started) openings.delete(guildId);
      };
      started.done.then(forget, forget);
      openings.set(guildId, started);
      opening = started;
    }
    if (!givingWay) opening.hurry();
    return opening.done;
  }

  function startOpening(guildId: string, { givingWay }: { givingWay: boolean }): ServerOpening {
    let urgent = !givingWay;
    let wake = () => {};
    const hurried = new Promise<void>((resolve) => (wake = resolve));
    const done = (async () => {
      for (const row of unopened.get(guildId)?.stored ?? []) {
        if (!urgent) await Promise.race([questions.quiet(), hurried]);
        // A background opening left when the library closes is the next start's.
        if (closed && !urgent) return;
        await openArticle(row.articleId);
      }
      // The rows as they are now: an opening runs outside the server's queue, but its adds and removes wait for it.
      const entries = (unopened.get(guildId)?.stored ?? []).map(entryOf).filter((entry) => entry !== null);
      unopened.delete(guildId);
      swapView(guildId, makeView(entries));
    })();
    return {
      done,
      hurry() {
        urgent = true;
        wake();
      },
    };
  }

  /** Opens, one server after another, the articles no question has needed yet. */
  async function openRemainingServers(): Promise<void> {
    for (const guildId of [...unopened.keys()]) {
      if (closed) return;
      await openServer(guildId, { givingWay: true }).catch((error: unknown) => {
        logger?.error({ err: error, guildId }, "a server's added articles could not be opened in the background; its first question opens them");
      });
    }
  }

  function listedEntry(stored: StoredEntry, { meta, sentences }: ArticleSummary): LibraryEntry {
    return { meta, guildId: stored.guildId, addedBy: stored.addedBy, addedAt: stored.addedAt, sourceUrl: stored.sourceUrl, sentences };
  }

  function entriesOf(guildId: string | null): readonly LibraryEntry[] {
    if (guildId === null) return [];
    return unopened.get(guildId)?.entries ?? viewOf(guildId).entries;
  }

  /** Imports left in staging by a process that is gone. */
  async function removeAbandonedStaging(): Promise<void> {
    for (const name of await readdir(paths.stagingDir).catch(() => [])) {
      const pid = Number(name.split('-')[0]);
      if (pid !== process.pid && !isRunning(pid)) await rm(join(paths.stagingDir, name), { recursive: true, force: true });
    }
  }

  /** Records the server's entry for an article already opened, and swaps its view in. */
  function link(guildId: string, article: StoredArticle, request: { url: string; addedBy: string }): AddedArticle {
    const at = now();
    const stored: StoredEntry = { guildId, articleId: article.id, sourceUrl: request.url, addedBy: request.addedBy, addedAt: at.toISOString() };
    const entry = entryOf(stored);
    if (!entry) throw new Error(`Article ${article.id} is recorded but not opened.`);
    // Everything that can fail comes before the row is written, so a failure leaves no row.
    const view = nextView([...viewOf(guildId).entries, entry]);
    const summary: ArticleSummary = { meta: entry.meta, sentences: entry.sentences };
    store.addEntry({ ...stored, article, summary, addedAtMs: at.getTime() });
    if (!summaries.has(article.id)) summaries.set(article.id, summary);
    swapView(guildId, view);
    return { entry, created: true };
  }

  function alreadyHas(guildId: string, articleId: string | undefined): AddedArticle | null {
    const entry = articleId === undefined ? undefined : views.get(guildId)?.entries.find((candidate) => candidate.meta.id === articleId);
    return entry ? { entry, created: false } : null;
  }

  /** Saves a new article, builds its index, records it: all or nothing. */
  async function commitNew(staged: Article, stagedFile: string, guildId: string, request: { url: string; addedBy: string }): Promise<AddedArticle> {
    const id = await moveIntoArticles(paths, stagedFile, (candidate) => articleIndexes.has(candidate) || summaries.has(candidate));
    try {
      const index = await openIndexOf(id, { isNew: true });
      articleIndexes.set(id, index);
      try {
        return link(guildId, { id, canonicalUrl: staged.meta.url, sha256: staged.meta.sha256 }, request);
      } catch (error) {
        articleIndexes.delete(id);
        throw error;
      }
    } catch (error) {
      await removeArticleFiles(paths, id);
      throw error;
    }
  }

  async function add(request: { guildId: string; url: string; addedBy: string }): Promise<AddedArticle> {
    const { guildId, addedBy } = request;
    const url = request.url.trim();
    // The limits count, and the next view holds, the server's articles as opened.
    await openServer(guildId);
    const known = store.findArticle({ url });
    const same = alreadyHas(guildId, known?.id);
    if (same) return same;
    const nowMs = now().getTime();
    checkAddLimits({
      articleCount: viewOf(guildId).entries.length,
      recentAdds: store.addsSince(guildId, nowMs - hourMs),
      nowMs,
      maxArticles: config.library.maxArticlesPerServer,
      addsPerHour: config.library.addsPerHourPerServer,
    });
    if (known) {
      // Another server brought this link already: its article is shared, not fetched again.
      await openArticle(known.id);
      const shared = await sharedQueue.run('files', async () => (articleIndexes.has(known.id) ? link(guildId, known, { url, addedBy }) : null));
      if (shared) return shared;
    }

    const staging = await createStagingDir(paths);
    try {
      const { file } = await importPage({ url, dir: staging });
      const staged = await loadArticleFile(file);
      if (staged.sentences.length === 0) throw new VerbatimError('NO_ARTICLE_IN_PAGE');
      return await sharedQueue.run('files', async () => {
        // The canonical URL or the very same text: one article however it was linked.
        const existing = store.findArticle({ ...(staged.meta.url ? { url: staged.meta.url } : {}), sha256: staged.meta.sha256 });
        if (existing) await openArticle(existing.id);
        if (existing && articleIndexes.has(existing.id)) return alreadyHas(guildId, existing.id) ?? link(guildId, existing, { url, addedBy });
        return commitNew(staged, file, guildId, { url, addedBy });
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async function remove({ guildId, articleId }: { guildId: string; articleId: string }): Promise<LibraryEntry> {
    await openServer(guildId);
    return sharedQueue.run('files', async () => {
      const entries = viewOf(guildId).entries;
      const entry = entries.find((candidate) => candidate.meta.id === articleId);
      if (!entry) {
        const operatorArticle = operatorEntries.some((candidate) => candidate.meta.id === articleId);
        throw new VerbatimError(
          'ARTICLE_UNKNOWN',
          operatorArticle
            ? `${articleId} is one of the operator's articles, which every server sees; only articles added here can be removed.`
            : `No article ${articleId} in this server's library. /sources lists them.`,
        );
      }
      const view = nextView(entries.filter((candidate) => candidate !== entry));
      const { articleOrphaned } = store.removeEntry({ guildId, articleId });
      swapView(guildId, view);
      if (articleOrphaned) {
        articleIndexes.delete(articleId);
        articleServices.delete(articleId);
        summaries.delete(articleId);
        await removeArticleFiles(paths, articleId);
      }
      return entry;
    });
  }

  async function settled(): Promise<void> {
    await background;
    while (completing.size > 0) await Promise.all([...completing.values()]);
  }

  /** Answers from the server's articles as opened now: the view it has, and that article first in its thread. */
  function serviceOf(guildId: string | null, articleId: string | undefined): AnswerService {
    const view = viewOf(guildId);
    const whole = view.service();
    if (articleId === undefined || !view.entries.some((entry) => entry.meta.id === articleId)) return whole;
    const index = articleIndexes.get(articleId);
    if (!index) return whole;
    let article = articleServices.get(articleId);
    if (!article) {
      article = questions.track(createService(index));
      articleServices.set(articleId, article);
    }
    return focusedService({ article, library: whole });
  }

  /**
   * A server's service before its articles are open: asking starts opening them and the questions
   * wait for that, counted as being answered so background work gives way meanwhile. What cannot
   * wait is answered from what is known now.
   */
  function serviceOnceOpen(guildId: string, articleId: string | undefined): AnswerService {
    let ready: AnswerService | null = null;
    const opening = openServer(guildId).then(() => (ready = serviceOf(guildId, articleId)));
    // A failure is the waiting question's; autocomplete never waits, so nobody may be listening.
    opening.catch(() => {});
    const listed = [...operatorEntries, ...entriesOf(guildId)].map((entry) => entry.meta);
    return questions.track({
      ask: async (question, askOptions) => (await opening).ask(question, askOptions),
      summarize: async (party, askOptions) => (await opening).summarize(party, askOptions),
      quote: async (speaker, about, askOptions) => (await opening).quote(speaker, about, askOptions),
      // Autocomplete must reply within 3 s and cannot wait: the operator's parties until the server's articles are open.
      parties: () => (ready ?? operatorView.service()).parties(),
      sources: () => ready?.sources() ?? listed,
    });
  }

  function whileOpen<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('The library is closed.'));
    return task();
  }

  return {
    add: (request) => whileOpen(() => serverQueue.run(request.guildId, () => add(request))),
    remove: (request) => whileOpen(() => serverQueue.run(request.guildId, () => remove(request))),
    list: (guildId) => [...operatorEntries, ...entriesOf(guildId)],
    service: (guildId, { articleId } = {}) =>
      guildId !== null && unopened.has(guildId) ? serviceOnceOpen(guildId, articleId) : serviceOf(guildId, articleId),
    settled,
    async close() {
      if (closed) return;
      closed = true;
      await serverQueue.idle();
      // The background stops after the article it is opening; a question's opening is finished.
      await background;
      await Promise.allSettled([...openings.values()].map((opening) => opening.done));
      await Promise.allSettled([...articleOpenings.values()]);
      // The index being completed is finished (a few seconds at most); the rest wait for the next start.
      await settled();
      await sharedQueue.idle();
      store.close();
    },
  };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
