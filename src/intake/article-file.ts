import type { ExtractedArticle } from './page.js';

/**
 * An extracted article in the project's article format (read by `src/article/load-article.ts`):
 * a `.txt` of paragraphs, one a line, and a sidecar `.json` with the metadata. No copyright line is
 * written: a page rarely states one for its article, and an invented one would misattribute it.
 */
export interface ArticleFiles {
  text: string;
  sidecar: SavedSidecar;
}

/** The sidecar as saved; the loader reads title, publisher, url, date and byline. */
export interface SavedSidecar {
  title: string;
  publisher: string;
  url: string;
  date: string | null;
  byline: string | null;
  /**
   * The body paragraphs that are subheadings, numbered as the loader numbers paragraphs (from 1,
   * after the headline). A subheading is the article's text but no one's sentence: the loader keeps
   * it in the text and leaves it out of the sentences that are retrieved and quoted.
   */
  headings: number[];
  /** ISO time the page was saved (not read back; for the operator). */
  savedAt: string;
}

/** What the loader takes for a headline line: one short line that does not end like a sentence. */
const headlineMaxLength = 150;
const sentenceEnding = /[.?!…:;,]["”’')\]]*$/u;

export function articleFiles(article: ExtractedArticle, savedAt: Date): ArticleFiles {
  // The title goes first when the loader will read it as the headline; it then keeps a first
  // paragraph that happens to be short and unpunctuated ("WASHINGTON —") from being taken for one.
  const title = oneLine(article.title);
  const headline = title.length > 0 && title.length <= headlineMaxLength && !sentenceEnding.test(title) ? [title, ''] : [];
  const text = `${[...headline, ...article.paragraphs.map(oneLine)].join('\n')}\n`;
  return {
    text,
    sidecar: {
      title,
      publisher: article.publisher,
      url: article.url,
      date: article.date,
      byline: article.byline,
      headings: (article.headings ?? []).map((index) => index + 1),
      savedAt: savedAt.toISOString(),
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
