// Exact nearest-neighbour search by scanning every vector: the ground truth HNSW recall is measured
// against, and the baseline its latency is compared with.

export interface ExactIndex {
  readonly size: number;
  /** Labels (insertion positions) of the `k` most cosine-similar vectors, most similar first. */
  search(query: readonly number[], k: number): number[];
  /** Cosine similarity between the query and one stored vector. */
  similarity(query: readonly number[], label: number): number;
}

/** Vectors are normalised once on the way in, so a search is one dot product per vector. */
export function createExactIndex(vectors: readonly (readonly number[])[], dimensions: number): ExactIndex {
  const matrix = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => {
    const length = Math.hypot(...vector) || 1;
    for (let column = 0; column < dimensions; column += 1) matrix[row * dimensions + column] = (vector[column] ?? 0) / length;
  });
  const size = vectors.length;
  const normalise = (query: readonly number[]) => {
    const length = Math.hypot(...query) || 1;
    return Float32Array.from(query, (value) => value / length);
  };

  return {
    size,
    similarity(query, label) {
      const normalised = normalise(query);
      let score = 0;
      for (let column = 0; column < dimensions; column += 1) score += (matrix[label * dimensions + column] ?? 0) * (normalised[column] ?? 0);
      return score;
    },
    search(query, k) {
      const limit = Math.min(k, size);
      const normalised = normalise(query);
      // The best `limit` so far, kept sorted: k is small, so insertion beats sorting every score.
      const bestLabels: number[] = [];
      const bestScores: number[] = [];
      for (let row = 0; row < size; row += 1) {
        let score = 0;
        const offset = row * dimensions;
        for (let column = 0; column < dimensions; column += 1) score += (matrix[offset + column] ?? 0) * (normalised[column] ?? 0);
        if (bestScores.length === limit && score <= (bestScores[limit - 1] ?? -Infinity)) continue;
        let position = bestScores.length;
        while (position > 0 && (bestScores[position - 1] ?? -Infinity) < score) position -= 1;
        bestScores.splice(position, 0, score);
        bestLabels.splice(position, 0, row);
        if (bestScores.length > limit) {
          bestScores.pop();
          bestLabels.pop();
        }
      }
      return bestLabels;
    },
  };
}
