import { availableParallelism } from 'node:os';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { createLocalEmbedder } from './local-embedder.js';
import { startEmbeddingWorker, type EmbeddingWorker } from './embedding-worker.js';

export interface ParallelEmbedder extends Embedder {
  /** Stops the worker threads; the embedder still works afterwards, on the calling thread alone. */
  close(): Promise<void>;
}

export interface ParallelEmbedderOptions {
  /** Threads in all, the calling one included. Defaults to the machine's cores. */
  threads?: number;
  /** Fewer texts than this are embedded on the calling thread: a worker's start costs a model load. */
  minTextsPerThread?: number;
}

/**
 * The local model on several cores, for ingest: the model is single-threaded JavaScript, so a
 * large batch is split between the calling thread and worker threads that each load their own copy
 * (about 100 MB each). Vectors come back in input order, identical to the single-threaded embedder.
 */
export function createParallelLocalEmbedder({
  threads = availableParallelism(),
  minTextsPerThread = 128,
}: ParallelEmbedderOptions = {}): ParallelEmbedder {
  const local = createLocalEmbedder();
  const workers: EmbeddingWorker[] = [];
  const workerCount = Math.max(0, threads - 1);

  return {
    modelId: local.modelId,
    dimensions: local.dimensions,
    async embed(texts) {
      const shares = Math.min(workerCount + 1, Math.floor(texts.length / minTextsPerThread));
      if (shares <= 1) return local.embed(texts);
      if (texts.some((text) => text.trim() === '')) throw new VerbatimError('EMBEDDING_FAILED', 'An empty text cannot be embedded.');
      while (workers.length < shares - 1) workers.push(startEmbeddingWorker());
      const size = Math.ceil(texts.length / shares);
      const slices = Array.from({ length: shares }, (_, share) => texts.slice(share * size, (share + 1) * size));
      const [own = [], ...others] = slices;
      const results = await Promise.all([local.embed(own), ...others.map((slice, share) => workers[share]?.embed(slice) ?? local.embed(slice))]);
      return results.flat();
    },
    async close() {
      await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
    },
  };
}
