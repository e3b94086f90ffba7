import type { Article, Chunk, RetrievedSentence, Sentence } from '../core/types.js';
import type { Embedder } from '../embedding/embedder.js';
import type { LexicalHit, LexicalIndex } from '../index/lexical-index.js';
import { fuseScores, paragraphDiscount, type FusionWeights } from './fusion.js';
import { rankerProbabilities, type SentenceRanker } from './sentence-ranker.js';
import { questionFocus } from './question-focus.js';
import { profileQuestion, rankingFeatures, type CandidateSignals, type QuestionProfile } from './ranking-features.js';
import { contentStems } from './term-match.js';

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
  /** The hand-set fusion (kept for comparison); ignored when a fitted `ranker` is given. */
  weights?: FusionWeights;
  /** A fitted sentence ranker: each candidate's score is its probability of answering. */
  ranker?: SentenceRanker | null;
}

interface Similarities {
  sentence: Map<string, number>;
  paragraph: Map<string, number>;
}

export function createRetriever({ index, embedder, weights, ranker = null }: RetrieverOptions): Retriever {
  const sentencesById = new Map<string, Sentence>();
  for (const article of index.articles) for (const sentence of article.sentences) sentencesById.set(sentence.id, sentence);
  const chunksById = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));
  const articlesById = new Map(index.articles.map((article) => [article.meta.id, article]));
  // Tokenised on first use and kept: a sentence's words do not change while the index is open.
  const stemsById = new Map<string, string[]>();
  const stemsOf = (sentence: Sentence | undefined): string[] => {
    if (!sentence) return [];
    let stems = stemsById.get(sentence.id);
    if (!stems) {
      stems = contentStems(sentence.text);
      stemsById.set(sentence.id, stems);
    }
    return stems;
  };
  const titleStems = new Map(index.articles.map((article) => [article.meta.id, new Set(contentStems(article.meta.title))]));
  const neighbour = (sentence: Sentence, offset: number): Sentence | undefined => {
    const other = articlesById.get(sentence.articleId)?.sentences[sentence.index - 1 + offset];
    return other && other.paragraph === sentence.paragraph ? other : undefined;
  };

  async function vectorScores(text: string): Promise<Similarities> {
    const scores: Similarities = { sentence: new Map(), paragraph: new Map() };
    const [vector] = await embedder.embed([text]);
    if (!vector) return scores;
    const hits = await index.vectorStore.search(vector, Math.min(index.chunks.length, candidatePool));
    for (const hit of hits) {
      const chunk = chunksById.get(hit.chunkId);
      if (!chunk) continue;
      const target = chunk.sentenceIds.length === 1 ? scores.sentence : scores.paragraph;
      for (const sentenceId of chunk.sentenceIds) target.set(sentenceId, Math.max(target.get(sentenceId) ?? 0, hit.similarity));
    }
    return scores;
  }

  return {
    unknownTerms: (question) => index.lexical.unknownTerms(question),
    contentTermCount: (question) => index.lexical.contentTermCount(question),

    async retrieve(question, { limit = 10, context, excludeSentenceIds = [] } = {}) {
      const excluded = new Set(excludeSentenceIds);
      const empty: Similarities = { sentence: new Map(), paragraph: new Map() };
      // The question is sent to the embedder first: a remote (OpenAI-compatible) model embeds it
      // while this thread does the lexical side. The local model runs after it, on this thread.
      const vectorsFound = Promise.all([vectorScores(question), context ? vectorScores(context) : Promise.resolve(empty)]);
      let lexicalHits: Map<string, LexicalHit>;
      let focusScores: Map<string, number>;
      try {
        lexicalHits = new Map(index.lexical.search(question, candidatePool).map((hit) => [hit.sentenceId, hit]));
        const focus = questionFocus(question);
        focusScores = new Map(focus ? index.lexical.search(focus, candidatePool).map((hit) => [hit.sentenceId, hit.normalized]) : []);
      } catch (error) {
        // Not left unhandled: the lexical side's error is the one reported.
        vectorsFound.catch(() => {});
        throw error;
      }
      const [questionVectors, contextVectors] = await vectorsFound;
      // Only sentences that some signal found are scored, so the cost follows the pool, not the corpus.
      const candidateIds = new Set([
        ...questionVectors.sentence.keys(),
        ...questionVectors.paragraph.keys(),
        ...contextVectors.sentence.keys(),
        ...contextVectors.paragraph.keys(),
        ...lexicalHits.keys(),
        ...focusScores.keys(),
      ]);
      const candidates: CandidateSignals[] = [];
      for (const sentenceId of candidateIds) {
        const sentence = sentencesById.get(sentenceId);
        if (!sentence || excluded.has(sentenceId)) continue;
        const lexical = lexicalHits.get(sentenceId);
        // Earlier questions of a thread steer, weighted below the question itself.
        const sentenceSimilarity = Math.max(questionVectors.sentence.get(sentenceId) ?? 0, (contextVectors.sentence.get(sentenceId) ?? 0) * contextDiscount);
        const paragraphSimilarity = Math.max(questionVectors.paragraph.get(sentenceId) ?? 0, (contextVectors.paragraph.get(sentenceId) ?? 0) * contextDiscount);
        const focus = focusScores.get(sentenceId) ?? 0;
        const overlap = lexical?.normalized ?? 0;
        // A paragraph vouches for each of its sentences a little less than the sentence itself does.
        const vectorScore = Math.max(sentenceSimilarity, paragraphSimilarity * paragraphDiscount);
        candidates.push({
          sentence,
          sentenceSimilarity,
          paragraphSimilarity,
          bm25: lexical?.score ?? 0,
          overlap,
          exactOverlap: lexical?.exactCoverage ?? 0,
          focus,
          matchedSlots: lexical?.matchedSlots ?? [],
          hybrid: fuseScores({ vectorScore, lexicalScore: overlap, weights }) + focus * focusWeight,
          terms: ranker ? stemsOf(sentence) : [],
          previousTerms: ranker ? new Set(stemsOf(neighbour(sentence, -1))) : emptyTerms,
          nextTerms: ranker ? new Set(stemsOf(neighbour(sentence, 1))) : emptyTerms,
          titleTerms: titleStems.get(sentence.articleId) ?? emptyTerms,
        });
      }
      const ranked = ranker ? rankByModel(ranker, profileQuestion(question, index.lexical.querySlotWeights(question)), candidates) : rankByFusion(candidates);
      ranked.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index || a.sentence.id.localeCompare(b.sentence.id));
      return ranked.slice(0, limit);
    },
  };
}

function rankByModel(ranker: SentenceRanker, profile: QuestionProfile, candidates: readonly CandidateSignals[]): RetrievedSentence[] {
  const features = rankingFeatures(profile, candidates);
  const probabilities = rankerProbabilities(ranker, features);
  return candidates.map((candidate, position) => {
    const row = features[position] ?? [];
    return {
      sentence: candidate.sentence,
      score: probabilities[position] ?? 0,
      vectorScore: Math.max(candidate.sentenceSimilarity, candidate.paragraphSimilarity * paragraphDiscount),
      lexicalScore: candidate.overlap,
      features: row,
    };
  });
}

/** The hand-set hybrid the fitted ranker replaced, kept so the evaluation can compare the two. */
function rankByFusion(candidates: readonly CandidateSignals[]): RetrievedSentence[] {
  return candidates.map((candidate) => ({
    sentence: candidate.sentence,
    vectorScore: Math.max(candidate.sentenceSimilarity, candidate.paragraphSimilarity * paragraphDiscount),
    lexicalScore: candidate.overlap,
    score: candidate.hybrid,
  }));
}

/**
 * Chunks and sentences each signal brings in. Larger than any one article's chunk count, so on a
 * small corpus every chunk is scored; on a large one the HNSW index and BM25 bound the work.
 */
const candidatePool = 200;
const contextDiscount = 0.6;
const emptyTerms: ReadonlySet<string> = new Set();
/** How much naming the kind of thing asked for ("which magazine") lifts a sentence. */
const focusWeight = 0.25;
