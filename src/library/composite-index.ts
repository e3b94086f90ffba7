import type { LexicalHit, LexicalIndex, UnknownTerm } from '../index/lexical-index.js';
import type { SearchableIndex } from '../retrieval/retriever.js';

type VectorHit = Awaited<ReturnType<SearchableIndex['vectorStore']['search']>>[number];

/**
 * Several indexes searched as one, so each server searches the operator's index plus its own
 * articles' without any index being rebuilt or copied. Vector hits are merged by cosine
 * similarity and lexical hits by their normalised score: both mean the same in every index.
 */
export function composeIndexes(parts: readonly SearchableIndex[]): SearchableIndex {
  if (parts.length === 1 && parts[0]) return parts[0];
  return {
    articles: parts.flatMap((part) => part.articles),
    chunks: parts.flatMap((part) => part.chunks),
    vectorStore: {
      async search(vector, k) {
        const hits = (await Promise.all(parts.map((part) => part.vectorStore.search(vector, k)))).flat();
        return nearest(hits, k);
      },
    },
    lexical: composeLexical(parts.map((part) => part.lexical)),
  };
}

/**
 * The `k` best hits, plus any that tie with the last: one index expands a vector to every chunk
 * sharing its text, and cutting such a group in two would drop chunks at random.
 */
function nearest(hits: VectorHit[], k: number): VectorHit[] {
  hits.sort((left, right) => right.similarity - left.similarity);
  const last = hits[Math.max(0, Math.floor(k) - 1)];
  if (!last || hits.length <= k) return hits;
  return hits.filter((hit, position) => position < k || hit.similarity === last.similarity);
}

function composeLexical(parts: readonly LexicalIndex[]): LexicalIndex {
  // A word is unknown only if no part knows it: an added article may be the one that uses it.
  const unknownTermDetails = (query: string): UnknownTerm[] => {
    const [first, ...rest] = parts.map((part) => part.unknownTermDetails(query));
    if (!first) return [];
    return first.filter((term) => rest.every((others) => others.some((other) => other.stem === term.stem)));
  };
  return {
    search(query, limit) {
      const hits: LexicalHit[] = parts.flatMap((part) => part.search(query, limit));
      return hits.sort((left, right) => right.normalized - left.normalized || right.score - left.score).slice(0, Math.max(0, limit));
    },
    unknownTerms: (query) => [...new Set(unknownTermDetails(query).map((term) => term.text))],
    unknownTermDetails,
    // Counts the query's own content words, which does not depend on the index.
    contentTermCount: (query) => parts[0]?.contentTermCount(query) ?? 0,
    // Every part lists the query's content words in the same order; the first part (the operator's
    // index, the largest) weighs them, so `matchedSlots` of any part's hits point into one list.
    querySlotWeights: (query) => parts[0]?.querySlotWeights(query) ?? [],
    toJSON() {
      throw new Error('A composite lexical index is a view over saved ones and is not saved itself.');
    },
  };
}
