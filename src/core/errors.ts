/**
 * Every error a user can meet, with the short message they see. The message names the fix;
 * the cause (if any) is for the log only.
 */
export const errorCatalogue = {
  EMPTY_QUESTION: 'The question is empty. Ask something about the article.',
  QUESTION_TOO_LONG: 'The question is too long.',
  NO_ARTICLES: 'No article files were found. Put .txt articles in the articles folder and run `npm run ingest`.',
  ARTICLE_UNREADABLE: 'An article file could not be read.',
  INDEX_MISSING: 'No index was found. Run `npm run ingest`.',
  INDEX_CORRUPT: 'The index is damaged. Run `npm run ingest` to rebuild it.',
  INDEX_STALE: 'The articles changed since the index was built. Run `npm run ingest`.',
  INDEX_MISMATCH: 'The index was built with another embedding model or format. Run `npm run ingest`.',
  CONFIG_INVALID: 'The configuration (.env) is invalid.',
  EMBEDDING_FAILED: 'The embedding model failed.',
  LLM_FAILED: 'The language model failed.',
  DISCORD_TOKEN_INVALID: 'The Discord token is missing or malformed. Set DISCORD_TOKEN in .env.',
  DISCORD_FAILED: 'Discord rejected the request.',
  RATE_LIMITED: 'Too many requests. Try again in a moment.',
  URL_INVALID: 'That is not an http(s) link to a web page.',
  URL_BLOCKED: 'That link points to a private or local network address, which is not fetched.',
  FETCH_TOO_MANY_REDIRECTS: 'The page redirected too many times.',
  FETCH_TOO_LARGE: 'The page is too large to fetch.',
  FETCH_TIMEOUT: 'The page took too long to load.',
  FETCH_NOT_HTML: 'The link is not a web page (HTML).',
  FETCH_FAILED: 'The page could not be fetched.',
  NO_ARTICLE_IN_PAGE: 'No article text was found on that page.',
  LIBRARY_FULL: "This server's library is full. Remove an article with /remove first.",
  ARTICLE_UNKNOWN: 'No such article in this library.',
  LIBRARY_CORRUPT: 'The server library database could not be opened. Restore it from a backup, or move it aside to start afresh.',
  MODEL_MISMATCH: 'The ranking model does not match this version of the code. Run `npm run train`.',
  INTERNAL: 'Something went wrong on our side.',
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class VerbatimError extends Error {
  override readonly name = 'VerbatimError';

  constructor(
    readonly code: ErrorCode,
    message: string = errorCatalogue[code],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Wraps anything thrown into a VerbatimError, keeping the original as the cause for the log. */
export function toVerbatimError(error: unknown): VerbatimError {
  if (error instanceof VerbatimError) return error;
  return new VerbatimError('INTERNAL', errorCatalogue.INTERNAL, { cause: error });
}
