import type { AnswerService, ArticleMeta } from '../core/types.js';

/**
 * The articles each Discord server can ask about. The operator's articles (ARTICLES_DIR) are seen
 * by every server; an article added by link belongs to the server that added it. Changes are live:
 * the next question after `add` resolves can be answered from the new article, without a restart.
 */
export interface Library {
  /**
   * Fetches the page, extracts and indexes the article (its sentences; see `settled`), and adds it
   * to the server's library.
   * Throws VerbatimError: URL_INVALID, URL_BLOCKED, FETCH_*, NO_ARTICLE_IN_PAGE, LIBRARY_FULL,
   * RATE_LIMITED (too many adds this hour).
   */
  add(request: AddArticleRequest): Promise<AddedArticle>;
  /** Removes one of the server's own articles; ARTICLE_UNKNOWN for any other id (operator articles included). */
  remove(request: { guildId: string; articleId: string }): Promise<LibraryEntry>;
  /**
   * The operator's articles, then the server's own in the order they were added. Ready from the
   * start (it reads the database, not the indexes); an article whose index turns out, when first
   * opened, to be unusable is logged and no longer listed.
   */
  list(guildId: string | null): LibraryEntry[];
  /**
   * Answers from the server's library; with `articleId` (a thread opened on an added article), from
   * that article first. The first use after a start opens the server's articles, and its questions
   * wait for that (once); until then `parties()` knows only the operator's articles.
   */
  service(guildId: string | null, options?: { articleId?: string }): AnswerService;
  /**
   * Resolves once every article's index is open (the background opening after a start, see
   * `OpenLibraryOptions.openInBackground`) and complete. `add`
   * resolves as soon as the article can be asked about, from its sentences; its paragraphs and
   * clause windows are embedded after that, in the background, and swapped in when done
   * (questions in flight finish on the set they began on).
   */
  settled(): Promise<void>;
  /** Refuses new adds, lets the index being completed finish (others are redone at the next start), and closes the database. */
  close(): Promise<void>;
}

export interface AddArticleRequest {
  guildId: string;
  url: string;
  /** Discord user id of whoever added it. */
  addedBy: string;
}

export interface AddedArticle {
  entry: LibraryEntry;
  /** False when the server already had this article (same canonical URL or same text). */
  created: boolean;
}

/** One article of a library, with where it came from. */
export interface LibraryEntry {
  meta: ArticleMeta;
  /** Null for the operator's articles, which every server sees. */
  guildId: string | null;
  addedBy: string | null;
  /** ISO time. */
  addedAt: string | null;
  /** The link as it was given. */
  sourceUrl: string | null;
  sentences: number;
}
