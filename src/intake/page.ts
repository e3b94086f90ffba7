/**
 * What passes between the stages that turn a link into an article: the fetcher (the only code
 * that touches the network) hands a `FetchedPage` to extraction, which is pure and returns an
 * `ExtractedArticle`, which is saved in the project's article format (`.txt` + sidecar `.json`).
 */

/** A page as the fetcher received it: the raw bytes and what the server said about them. */
export interface FetchedPage {
  /** The URL that was asked for. */
  requestedUrl: string;
  /** The URL the body came from, after redirects. */
  url: string;
  /** Media type from `Content-Type`, lower-cased, without parameters (`text/html`). */
  contentType: string;
  /** `charset` parameter of `Content-Type`, lower-cased, or null when the header names none. */
  charset: string | null;
  /** The body's bytes, undecoded: the charset may only be known from a `<meta>` inside. */
  body: Uint8Array;
}

/** The article found in a page. */
export interface ExtractedArticle {
  title: string;
  byline: string | null;
  /** `og:site_name`, JSON-LD `publisher.name`, or the host name. */
  publisher: string;
  /** ISO date (YYYY-MM-DD) when the page gives one. */
  date: string | null;
  /** The canonical URL (`<link rel=canonical>`, `og:url`), else the URL the page came from. */
  url: string;
  /** The article's main text, one paragraph per entry, whitespace collapsed, none empty. */
  paragraphs: string[];
  /**
   * Which paragraphs (0-based) are the article's subheadings: its words, but not sentences anyone
   * said. Absent when not known (an article not extracted from a page).
   */
  headings?: number[];
}
