/** Okapi BM25 with the usual defaults; sentences are short, so length normalisation stays mild-to-standard. */
export const bm25Defaults = { k1: 1.2, b: 0.75 } as const;

export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** Inverse document frequency in the always-positive form (Lucene's), so common words never subtract. */
export function inverseDocumentFrequency(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * One term's BM25 contribution. It equals `idf` exactly when the term occurs once in a sentence
 * of average length, which makes `idf` the natural "full match" yardstick for normalising.
 */
export function termScore(options: {
  termFrequency: number;
  documentLength: number;
  averageDocumentLength: number;
  idf: number;
  parameters: Bm25Parameters;
}): number {
  const { termFrequency, documentLength, averageDocumentLength, idf, parameters } = options;
  const { k1, b } = parameters;
  const lengthRatio = averageDocumentLength > 0 ? documentLength / averageDocumentLength : 1;
  return (idf * termFrequency * (k1 + 1)) / (termFrequency + k1 * (1 - b + b * lengthRatio));
}
