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
 * article added by link has its URL and often no copyright line (none is invented):
 * "Source: Harbour Gazette — https://…".
 */
export function attributionFor(articles: readonly ArticleMeta[]): string {
  return articles.map((meta) => `Source: ${[meta.publisher, meta.copyright, meta.url].filter(Boolean).join(' — ')}`).join('\n');
}
