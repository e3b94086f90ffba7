import type { Article, ArticleMeta, Citation, Sentence } from '../core/types.js';

/** A citation whose text is copied from the article by offset, never retyped. */
export function citeSentence(article: Article, sentence: Sentence): Citation {
  return {
    article: article.meta.id,
    sentenceId: sentence.id,
    paragraph: sentence.paragraph,
    start: sentence.start,
    end: sentence.end,
    text: article.text.slice(sentence.start, sentence.end),
    speaker: sentence.speaker?.name ?? null,
  };
}

/**
 * "Source: Latin Times — © 2025 Latin Times. All rights reserved. …", one line per article. An
 * article without a copyright line (one added by link) is credited to its publisher and its URL.
 */
export function attributionFor(articles: readonly ArticleMeta[]): string {
  return articles.map(attributionLine).join('\n');
}

function attributionLine(meta: ArticleMeta): string {
  const credit = meta.copyright.trim() !== '' ? meta.copyright : meta.url;
  return credit ? `Source: ${meta.publisher} — ${credit}` : `Source: ${meta.publisher}`;
}
