/**
 * Fuses a cosine similarity and a normalised BM25 score into one score in [0, 1].
 *
 * Reciprocal-rank fusion would rank just as well, but it throws away how good the best match is,
 * and that is what decides whether the article answers the question at all. So the vector
 * similarity is mapped onto [0, 1] between the similarity of unrelated text and that of a close
 * paraphrase, and the two scores are mixed linearly.
 */
export interface FusionWeights {
  vector: number;
  lexical: number;
  /** Cosine similarity typical of unrelated sentences: maps to 0. */
  unrelatedSimilarity: number;
  /** Cosine similarity of a close paraphrase: maps to 1. */
  paraphraseSimilarity: number;
}

export const defaultFusionWeights: FusionWeights = {
  vector: 0.6,
  lexical: 0.4,
  unrelatedSimilarity: 0.15,
  paraphraseSimilarity: 0.65,
};

export function scaleSimilarity(similarity: number, weights: FusionWeights = defaultFusionWeights): number {
  const scaled = (similarity - weights.unrelatedSimilarity) / (weights.paraphraseSimilarity - weights.unrelatedSimilarity);
  return Math.min(1, Math.max(0, scaled));
}

export function fuseScores({
  vectorScore,
  lexicalScore,
  weights = defaultFusionWeights,
}: {
  vectorScore: number;
  lexicalScore: number;
  weights?: FusionWeights | undefined;
}): number {
  return weights.vector * scaleSimilarity(vectorScore, weights) + weights.lexical * lexicalScore;
}

/** A paragraph's similarity vouches for each of its sentences a little less than the sentence's own. */
export const paragraphDiscount = 0.92;
