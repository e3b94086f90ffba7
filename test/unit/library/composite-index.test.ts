import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/core/types.js';
import { buildLexicalIndex } from '../../../src/index/lexical-index.js';
import { composeIndexes } from '../../../src/library/composite-index.js';
import type { SearchableIndex } from '../../../src/retrieval/retriever.js';
import { makeArticle } from '../lexical/make-article.js';

/** An index over one article whose vector search returns fixed similarities. */
function partOf(article: Article, similarities: Record<string, number>): SearchableIndex {
  const chunks = article.sentences.map((sentence) => ({
    id: sentence.id,
    articleId: article.meta.id,
    sentenceIds: [sentence.id],
    start: sentence.start,
    end: sentence.end,
    text: sentence.text,
    embedText: sentence.text,
  }));
  return {
    articles: [article],
    chunks,
    vectorStore: {
      search: async (_vector, k) =>
        Object.entries(similarities)
          .map(([chunkId, similarity]) => ({ chunkId, similarity }))
          .sort((left, right) => right.similarity - left.similarity)
          .slice(0, k),
    },
    lexical: buildLexicalIndex([article]),
  };
}

const harbour = makeArticle('harbour', ['The harbour dredging was postponed by the council.', 'Oyster beds could be damaged by the dredging.']);
const orchard = makeArticle('orchard', ['A late frost destroyed the apple blossom.', 'Growers lit smudge pots in every row.']);
const composite = composeIndexes([
  partOf(harbour, { 'harbour:1': 0.9, 'harbour:2': 0.4 }),
  partOf(orchard, { 'orchard:1': 0.7, 'orchard:2': 0.4 }),
]);

describe('an index composed of several', () => {
  it('holds every part’s articles and chunks', () => {
    expect(composite.articles.map((article) => article.meta.id)).toEqual(['harbour', 'orchard']);
    expect(composite.chunks).toHaveLength(4);
  });

  it('returns the nearest vectors across parts, keeping hits that tie with the last', async () => {
    expect(await composite.vectorStore.search([1], 2)).toEqual([
      { chunkId: 'harbour:1', similarity: 0.9 },
      { chunkId: 'orchard:1', similarity: 0.7 },
    ]);
    expect((await composite.vectorStore.search([1], 3)).map((hit) => hit.chunkId).sort()).toEqual(['harbour:1', 'harbour:2', 'orchard:1', 'orchard:2']);
  });

  it('finds words in whichever part uses them, best normalised match first', () => {
    const hits = composite.lexical.search('frost smudge pots dredging', 10);
    expect(hits.map((hit) => hit.sentenceId)).toEqual(expect.arrayContaining(['orchard:1', 'orchard:2', 'harbour:1', 'harbour:2']));
    expect(hits[0]?.sentenceId).toBe('orchard:2');
    expect(composite.lexical.search('smudge pots', 1).map((hit) => hit.sentenceId)).toEqual(['orchard:2']);
  });

  it('calls a word unknown only when no part knows it', () => {
    expect(composite.lexical.unknownTerms('Did the frost damage the oyster beds in Patagonia?')).toEqual(['Patagonia']);
    expect(composite.lexical.contentTermCount('Did the frost damage the oyster beds in Patagonia?')).toBe(
      buildLexicalIndex([harbour]).contentTermCount('Did the frost damage the oyster beds in Patagonia?'),
    );
  });
});
