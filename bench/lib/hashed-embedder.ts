// Stand-in vectors for the scale benchmark. Embedding 20,000+ synthetic sentences with the real
// model would take most of the time budget, so the index side runs on vectors that keep the
// property that matters to an HNSW graph: texts sharing words lie close together, texts sharing
// none are near-orthogonal. Each word gets a fixed seeded random direction; a text is the
// normalised sum of its words' directions (a random projection of its bag of words).
import { createHash } from 'node:crypto';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createRandom } from './synthetic-corpus.js';

export const HASHED_MODEL_ID = 'bench:hashed-bag-of-words';

export interface HashedEmbedderOptions {
  dimensions?: number;
  /**
   * Called with every batch before the hashed vectors are returned. The latency runs pass the real
   * model here, so each question pays the real model's time while ranking on vectors that match
   * the synthetic index.
   */
  alsoEmbed?: (texts: readonly string[]) => Promise<unknown>;
}

export function createHashedEmbedder({ dimensions = 512, alsoEmbed }: HashedEmbedderOptions = {}): Embedder {
  const wordVectors = new Map<string, Float64Array>();
  const directionOf = (word: string): Float64Array => {
    let direction = wordVectors.get(word);
    if (!direction) {
      const random = createRandom(createHash('sha256').update(word).digest().readUInt32LE(0));
      // Sums of uniforms are close enough to Gaussian for directions spread over the sphere.
      direction = Float64Array.from({ length: dimensions }, () => random.next() + random.next() + random.next() - 1.5);
      wordVectors.set(word, direction);
    }
    return direction;
  };

  return {
    modelId: `${HASHED_MODEL_ID}-${dimensions}`,
    dimensions,
    async embed(texts) {
      if (alsoEmbed) await alsoEmbed(texts);
      return texts.map((text) => {
        const sum = new Float64Array(dimensions);
        const words = text.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
        for (const word of words) {
          const direction = directionOf(word);
          for (let dimension = 0; dimension < dimensions; dimension += 1) sum[dimension] = (sum[dimension] ?? 0) + (direction[dimension] ?? 0);
        }
        return normalise(sum);
      });
    },
  };
}

function normalise(vector: Float64Array): number[] {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const length = Math.sqrt(squares) || 1;
  return Array.from(vector, (value) => value / length);
}
