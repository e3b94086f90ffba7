import { afterAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';
import { createParallelLocalEmbedder } from '../../src/embedding/parallel-local-embedder.js';

const parallel = createParallelLocalEmbedder({ threads: 2, minTextsPerThread: 4 });
const single = createLocalEmbedder();
const texts = Array.from({ length: 12 }, (_, index) => `Sentence ${index}: the council ${index % 2 ? 'approved' : 'rejected'} plan number ${index}.`);

afterAll(async () => {
  await parallel.close();
});

describe('the local model on several threads', () => {
  it('returns, in input order, the vectors the single-threaded model returns', async () => {
    const [fromThreads, fromOne] = await Promise.all([parallel.embed(texts), single.embed(texts)]);
    expect(fromThreads).toHaveLength(texts.length);
    fromThreads.forEach((vector, index) => {
      const expected = fromOne[index] ?? [];
      expect(vector).toHaveLength(512);
      vector.forEach((value, dimension) => expect(value).toBeCloseTo(expected[dimension] ?? Number.NaN, 5));
    });
  });

  it('embeds a few texts on the calling thread and still works after the workers are closed', async () => {
    await parallel.close();
    const vectors = await parallel.embed(texts.slice(0, 3));
    expect(vectors).toHaveLength(3);
  });

  it('refuses an empty text with a clear error', async () => {
    await expect(parallel.embed([...texts, ' '])).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
  });
});
