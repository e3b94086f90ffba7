import { Worker } from 'node:worker_threads';
import { VerbatimError } from '../core/errors.js';

/** A worker thread running the local model (`local-embedding-worker.mjs`), which starts loading at once. */
export interface EmbeddingWorker {
  embed(texts: readonly string[]): Promise<number[][]>;
  /** Whether the thread is gone (failed, exited or terminated): every later call would fail. */
  readonly stopped: boolean;
  terminate(): Promise<void>;
}

type WorkerReply = { id: number; vectors: number[][] } | { id: number; error: string };

export function startEmbeddingWorker(): EmbeddingWorker {
  const worker = new Worker(new URL('./local-embedding-worker.mjs', import.meta.url));
  const pending = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  // Once the thread is gone, nothing would ever answer: later calls fail at once.
  let stopped: Error | null = null;
  const failAll = (error: Error) => {
    stopped ??= error;
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
  // An idle worker must not keep a finished command alive. After the listeners: adding a
  // 'message' listener refs the worker again.
  worker.unref();
  return {
    embed(texts) {
      if (stopped) return Promise.reject(stopped);
      const id = (nextId += 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Kept referenced while it works, so the process waits for the answer.
        worker.ref();
        worker.postMessage({ id, texts: [...texts] });
      });
    },
    get stopped() {
      return stopped !== null;
    },
    async terminate() {
      stopped ??= new VerbatimError('EMBEDDING_FAILED', 'The embedding worker was stopped.');
      await worker.terminate();
    },
  };
}
