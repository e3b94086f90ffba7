import type { Answer, Article, ArticleMeta, Citation, Sentence } from '../core/types.js';
import { attributionFor, citeSentence } from './citations.js';

/** Looks sentences up across the loaded articles and cites them by offset. */
export class SentenceLookup {
  private static readonly byArticleList = new WeakMap<readonly Article[], SentenceLookup>();

  /** The lookup of a list of articles, made once per list (an engine answers many questions over one). */
  static of(articles: readonly Article[]): SentenceLookup {
    let lookup = SentenceLookup.byArticleList.get(articles);
    if (!lookup) {
      lookup = new SentenceLookup(articles);
      SentenceLookup.byArticleList.set(articles, lookup);
    }
    return lookup;
  }

  private readonly articleById: Map<string, Article>;

  constructor(readonly articles: readonly Article[]) {
    this.articleById = new Map(articles.map((article) => [article.meta.id, article]));
  }

  article(sentence: Sentence): Article {
    const article = this.articleById.get(sentence.articleId);
    if (!article) throw new Error(`Sentence ${sentence.id} belongs to no loaded article`);
    return article;
  }

  cite(sentence: Sentence): Citation {
    return citeSentence(this.article(sentence), sentence);
  }

  /** Attribution for the articles the citations come from; all articles when there are none. */
  attribution(citations: readonly Citation[]): string {
    const ids = new Set(citations.map((citation) => citation.article));
    const metas: ArticleMeta[] = this.articles.map((article) => article.meta).filter((meta) => ids.size === 0 || ids.has(meta.id));
    return attributionFor(metas);
  }
}

type AnswerFields = Pick<Answer, 'question' | 'kind' | 'answer' | 'found' | 'citations'> & Partial<Answer>;

/** Fills the fields every answer carries, so no path can forget the attribution. */
export function completeAnswer(lookup: SentenceLookup, fields: AnswerFields): Answer {
  return {
    parties: [],
    moreAvailable: 0,
    engine: 'extractive',
    notice: null,
    ...fields,
    attribution: fields.attribution ?? lookup.attribution(fields.citations),
  };
}

/** "the Latin Times", "Rolling Stone": how the answer names who reports or says something. */
export function publisherOf(lookup: SentenceLookup, sentence: Sentence): string {
  return lookup.article(sentence).meta.publisher;
}
