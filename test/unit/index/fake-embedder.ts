import type { Embedder } from '../../../src/embedding/embedder.js';

export interface CountingEmbedder extends Embedder {
  /** Every text the model was asked to embed, across calls, in order. */
  readonly received: string[];
}

/**
 * A stand-in model whose vector for a text counts the vocabulary words in it (plus a small
 * constant, so no vector is zero): texts sharing words are near, others are far.
 */
export function createCountingEmbedder({
  vocabulary,
  modelId = 'fake:word-counts',
}: {
  vocabulary: readonly string[];
  modelId?: string;
}): CountingEmbedder {
  const received: string[] = [];
  return {
    modelId,
    dimensions: vocabulary.length,
    received,
    async embed(texts) {
      received.push(...texts);
      return texts.map((text) => {
        const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
        return vocabulary.map((entry) => words.filter((word) => word === entry).length + 0.01);
      });
    },
  };
}
