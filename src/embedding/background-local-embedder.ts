import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { startEmbeddingWorker } from './embedding-worker.js';
import { createLocalEmbedder, LOCAL_DIMENSIONS, LOCAL_MODEL_ID } from './local-embedder.js';

export interface BackgroundEmbedder extends Embedder {
  /** Stops the thread; later calls embed on the calling thread. */
  close(): Promise<void>;
}

/**
 * The local model for questions, loading in a worker thread from the moment this is called: its
 * ~0.5 s load (TensorFlow.js and the weights) runs beside the calling thread's own start (modules,
 * the index) instead of after it, and the calling thread never loads TensorFlow.js. Same model,
 * same vectors as `createLocalEmbedder`. Should the thread die, the model loads on the calling
 * thread and answering goes on.
 */
export function createBackgroundLocalEmbedder(): BackgroundEmbedder {
  const worker = startEmbeddingWorker();
  let sameThread: Embedder | null = null;
  const onThisThread = (texts: readonly string[]) => (sameThread ??= createLocalEmbedder()).embed(texts);

  return {
    modelId: LOCAL_MODEL_ID,
    dimensions: LOCAL_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      // The model's tokenizer fails on text with no tokens at all.
      if (texts.some((text) => text.trim() === '')) throw new VerbatimError('EMBEDDING_FAILED', 'An empty text cannot be embedded.');
      if (worker.stopped) return onThisThread(texts);
      try {
        return await worker.embed(texts);
      } catch (error) {
        if (worker.stopped) return onThisThread(texts);
        throw error;
      }
    },
    close: () => worker.terminate(),
  };
}
