import type { Article, Chunk, RetrievedSentence, Sentence } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import type { LexicalIndex } from '../index/lexical-index.js';
import { fuseScores, type FusionWeights } from './fusion.js';
import { questionFocus } from './question-focus.js';

/** The parts of a loaded index that retrieval reads. */
export interface SearchableIndex {
  articles: readonly Article[];
  chunks: readonly Chunk[];
  vectorStore: { search(vector: number[], k: number): Promise<Array<{ chunkId: string; similarity: number }>> };
  lexical: LexicalIndex;
}

export interface RetrieveOptions {
  /** Keep at most this many sentences. */
  limit?: number;
  /** Extra text that steers retrieval (earlier questions of a thread), weighted below the question. */
  context?: string;
  excludeSentenceIds?: readonly string[];
}

export interface Retriever {
  retrieve(question: string, options?: RetrieveOptions): Promise<RetrievedSentence[]>;
  /** Query words the articles never use, even through synonyms (a sign the question is about something else). */
  unknownTerms(question: string): string[];
  /** How many distinct content words the question has (what `unknownTerms` is a share of). */
  contentTermCount(question: string): number;
}

export interface RetrieverOptions {
  index: SearchableIndex;
  embedder: Embedder;
  weights?: FusionWeights;
}

export function createRetriever({ index, embedder, weights }: RetrieverOptions): Retriever {
  const sentencesById = new Map<string, Sentence>();
  for (const article of index.articles) for (const sentence of article.sentences) sentencesById.set(sentence.id, sentence);
  const chunksById = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));

  async function vectorScores(text: string): Promise<Map<string, number>> {
    const [vector] = await embedder.embed([text]);
    if (!vector) return new Map();
    const hits = await index.vectorStore.search(vector, Math.min(index.chunks.length, candidatePool));
    const scores = new Map<string, number>();
    for (const hit of hits) {
      const chunk = chunksById.get(hit.chunkId);
      if (!chunk) continue;
      // A paragraph window vouches for each of its sentences a little less than the sentence itself does.
      const similarity = chunk.sentenceIds.length === 1 ? hit.similarity : hit.similarity * paragraphDiscount;
      for (const sentenceId of chunk.sentenceIds) {
        scores.set(sentenceId, Math.max(scores.get(sentenceId) ?? 0, similarity));
      }
    }
    return scores;
  }

  return {
    unknownTerms: (question) => index.lexical.unknownTerms(question),
    contentTermCount: (question) => index.lexical.contentTermCount(question),

    async retrieve(question, { limit = 10, context, excludeSentenceIds = [] } = {}) {
      const excluded = new Set(excludeSentenceIds);
      const [questionVectors, contextVectors] = await Promise.all([
        vectorScores(question),
        context ? vectorScores(context) : Promise.resolve(new Map<string, number>()),
      ]);
      const lexicalHits = index.lexical.search(question, candidatePool);
      const lexicalScores = new Map(lexicalHits.map((hit) => [hit.sentenceId, hit.normalized]));
      const focus = questionFocus(question);
      const focusScores = new Map(focus ? index.lexical.search(focus, candidatePool).map((hit) => [hit.sentenceId, hit.normalized]) : []);
      // Only sentences that some signal found are scored, so the cost follows the pool, not the corpus.
      const candidates = new Set([...questionVectors.keys(), ...contextVectors.keys(), ...lexicalScores.keys(), ...focusScores.keys()]);
      const ranked: RetrievedSentence[] = [];
      for (const sentenceId of candidates) {
        const sentence = sentencesById.get(sentenceId);
        if (!sentence || excluded.has(sentenceId)) continue;
        const vectorScore = Math.max(
          questionVectors.get(sentenceId) ?? 0,
          (contextVectors.get(sentenceId) ?? 0) * contextDiscount,
        );
        const lexicalScore = lexicalScores.get(sentenceId) ?? 0;
        const focusBonus = (focusScores.get(sentenceId) ?? 0) * focusWeight;
        ranked.push({ sentence, vectorScore, lexicalScore, score: fuseScores({ vectorScore, lexicalScore, weights }) + focusBonus });
      }
      ranked.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
      return ranked.slice(0, limit);
    },
  };
}

/**
 * Chunks and sentences each signal brings in. Larger than any one article's chunk count, so on a
 * small corpus every chunk is scored; on a large one the HNSW index and BM25 bound the work.
 */
const candidatePool = 200;
const paragraphDiscount = 0.92;
const contextDiscount = 0.6;
/** How much naming the kind of thing asked for ("which magazine") lifts a sentence. */
const focusWeight = 0.25;
