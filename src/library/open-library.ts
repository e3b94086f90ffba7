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
import { completeArticleIndex, openArticleIndex } from './article-index.js';
import { composeIndexes } from './composite-index.js';
import { focusedService } from './focused-service.js';
import type { AddedArticle, Library, LibraryEntry } from './library.js';
import { checkAddLimits, hourMs } from './library-limits.js';
import { openLibraryStore, type StoredArticle, type StoredEntry } from './library-store.js';
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
}

/** What one server can ask about right now; replaced whole (never changed) by an add or a remove. */
interface ServerView {
  entries: readonly LibraryEntry[];
  /** Built on first use; for a server that just added an article, before the swap. */
  service(): AnswerService;
}

/**
 * The per-server libraries over LIBRARY_DIR. Every added article has its own small index, shared
 * by every server that has it; a server's searchable set is the operator's index plus its own
 * articles' indexes, composed at query time, so an add embeds only the new article and another
 * server's articles are never in the set to be cited.
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  const { config, operator, importPage, createService, logger, now = () => new Date() } = options;
  const paths = libraryPaths(config.library.dir);
  const indexEmbedder = options.indexEmbedder ?? withEmbeddingCache(operator.embedder, { dir: config.cacheDir });
  const store = openLibraryStore(paths.database);

  const operatorEntries: LibraryEntry[] = operator.index.articles.map((article) => ({
    meta: article.meta,
    guildId: null,
    addedBy: null,
    addedAt: null,
    sourceUrl: null,
    sentences: article.sentences.length,
  }));
  /** Loaded indexes of the added articles, by article id. */
  const articleIndexes = new Map<string, SearchableIndex>();
  /** "That article alone" services, built on first use, by article id. */
  const articleServices = new Map<string, AnswerService>();
  const views = new Map<string, ServerView>();
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
    await loadEverything();
  } catch (error) {
    store.close();
    throw error;
  }
  // The first add would open WordNet (~0.2 s) on its clock; indexing nothing opens it now, off the start-up path.
  setTimeout(() => buildLexicalIndex([]), 0).unref();

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
    return {
      meta: article.meta,
      guildId: stored.guildId,
      addedBy: stored.addedBy,
      addedAt: stored.addedAt,
      sourceUrl: stored.sourceUrl,
      sentences: article.sentences.length,
    };
  }

  async function loadEverything(): Promise<void> {
    const stored = store.articles();
    for (const { id } of stored) {
      try {
        articleIndexes.set(id, await openIndexOf(id));
      } catch (error) {
        // One unreadable article must not take every server's library down; the log names it.
        logger?.error({ err: error, articleId: id, file: paths.articleFile(id) }, 'an added article could not be loaded and is left out');
      }
    }
    // Files with no row are from an add that crashed before it was recorded: nobody has them.
    const known = new Set(stored.map((article) => article.id));
    for (const id of await articleIdsOnDisk(paths)) if (!known.has(id)) await removeArticleFiles(paths, id);
    const byGuild = new Map<string, LibraryEntry[]>();
    for (const row of store.entries()) {
      const entry = entryOf(row);
      if (!entry) continue;
      const entries = byGuild.get(row.guildId) ?? [];
      entries.push(entry);
      byGuild.set(row.guildId, entries);
    }
    for (const [guildId, entries] of byGuild) views.set(guildId, makeView(entries));
  }

  /** Imports left in staging by a process that is gone. */
  async function removeAbandonedStaging(): Promise<void> {
    for (const name of await readdir(paths.stagingDir).catch(() => [])) {
      const pid = Number(name.split('-')[0]);
      if (pid !== process.pid && !isRunning(pid)) await rm(join(paths.stagingDir, name), { recursive: true, force: true });
    }
  }

  /** Records the server's entry for an article already loaded, and swaps its view in. */
  function link(guildId: string, article: StoredArticle, request: { url: string; addedBy: string }): AddedArticle {
    const at = now();
    const stored: StoredEntry = { guildId, articleId: article.id, sourceUrl: request.url, addedBy: request.addedBy, addedAt: at.toISOString() };
    const entry = entryOf(stored);
    if (!entry) throw new Error(`Article ${article.id} is recorded but not loaded.`);
    // Everything that can fail comes before the row is written, so a failure leaves no row.
    const view = nextView([...viewOf(guildId).entries, entry]);
    store.addEntry({ ...stored, article, addedAtMs: at.getTime() });
    swapView(guildId, view);
    return { entry, created: true };
  }

  function alreadyHas(guildId: string, articleId: string | undefined): AddedArticle | null {
    const entry = articleId === undefined ? undefined : views.get(guildId)?.entries.find((candidate) => candidate.meta.id === articleId);
    return entry ? { entry, created: false } : null;
  }

  /** Saves a new article, builds its index, records it: all or nothing. */
  async function commitNew(staged: Article, stagedFile: string, guildId: string, request: { url: string; addedBy: string }): Promise<AddedArticle> {
    const id = await moveIntoArticles(paths, stagedFile, (candidate) => articleIndexes.has(candidate));
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
        if (existing && articleIndexes.has(existing.id)) return alreadyHas(guildId, existing.id) ?? link(guildId, existing, { url, addedBy });
        return commitNew(staged, file, guildId, { url, addedBy });
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async function remove({ guildId, articleId }: { guildId: string; articleId: string }): Promise<LibraryEntry> {
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
        await removeArticleFiles(paths, articleId);
      }
      return entry;
    });
  }

  async function settled(): Promise<void> {
    while (completing.size > 0) await Promise.all([...completing.values()]);
  }

  function whileOpen<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('The library is closed.'));
    return task();
  }

  return {
    add: (request) => whileOpen(() => serverQueue.run(request.guildId, () => add(request))),
    remove: (request) => whileOpen(() => serverQueue.run(request.guildId, () => remove(request))),
    list: (guildId) => [...operatorEntries, ...viewOf(guildId).entries],
    service(guildId, { articleId } = {}) {
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
    },
    settled,
    async close() {
      if (closed) return;
      closed = true;
      await serverQueue.idle();
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
