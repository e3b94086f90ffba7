import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { VerbatimError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import { createLocalEmbedder } from './local-embedder.js';

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
  const workers: WorkerClient[] = [];
  const workerCount = Math.max(0, threads - 1);

  return {
    modelId: local.modelId,
    dimensions: local.dimensions,
    async embed(texts) {
      const shares = Math.min(workerCount + 1, Math.floor(texts.length / minTextsPerThread));
      if (shares <= 1) return local.embed(texts);
      if (texts.some((text) => text.trim() === '')) throw new VerbatimError('EMBEDDING_FAILED', 'An empty text cannot be embedded.');
      while (workers.length < shares - 1) workers.push(startWorker());
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

interface WorkerClient {
  embed(texts: readonly string[]): Promise<number[][]>;
  terminate(): Promise<void>;
}

type WorkerReply = { id: number; vectors: number[][] } | { id: number; error: string };

function startWorker(): WorkerClient {
  const worker = new Worker(new URL('./local-embedding-worker.mjs', import.meta.url));
  // An idle worker must not keep a finished command alive.
  worker.unref();
  const pending = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!request) return;
    if ('error' in reply) request.reject(new VerbatimError('EMBEDDING_FAILED', `The local embedding model failed: ${reply.error}`));
    else request.resolve(reply.vectors);
  });
  worker.on('error', (error) => failAll(new VerbatimError('EMBEDDING_FAILED', 'An embedding worker failed.', { cause: error })));
  worker.on('exit', () => failAll(new VerbatimError('EMBEDDING_FAILED', 'An embedding worker stopped.')));
  return {
    embed(texts) {
      const id = (nextId += 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Kept referenced while it works, so the process waits for the answer.
        worker.ref();
        worker.postMessage({ id, texts: [...texts] });
      });
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
