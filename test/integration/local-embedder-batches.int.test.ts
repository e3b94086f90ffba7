import { afterAll, describe, expect, it } from 'vitest';
import { createBackgroundLocalEmbedder } from '../../src/embedding/background-local-embedder.js';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';

// Longer and shorter texts interleaved, more than one batch of them: the model takes them in order of length.
const texts = Array.from({ length: 21 }, (_, position) =>
  position % 3 === 0
    ? `Paragraph ${position}: the council met on Tuesday, argued for three hours about the tram line, the budget and the library, and voted late at night to delay the decision until spring.`
    : position % 3 === 1
      ? `Vote ${position} failed.`
      : `The mayor said item ${position} would cost more than planned.`,
);

const background = createBackgroundLocalEmbedder();

afterAll(async () => {
  await background.close();
});

describe('the local model batching texts by length', () => {
  it('gives every text its own vector, in the order given, on the calling thread and in the worker', async () => {
    const local = createLocalEmbedder();
    const alone: number[][] = [];
    for (const text of texts) alone.push((await local.embed([text]))[0] ?? []);
    const [together, fromWorker] = await Promise.all([local.embed(texts), background.embed(texts)]);
    for (const vectors of [together, fromWorker]) {
      expect(vectors).toHaveLength(texts.length);
      vectors.forEach((vector, position) => {
        const own = alone[position] ?? [];
        expect(vector).toHaveLength(512);
        // Float rounding only: batching pads the shorter texts, which the model masks out.
        vector.forEach((value, dimension) => expect(Math.abs(value - (own[dimension] ?? Number.NaN))).toBeLessThan(1e-5));
      });
    }
  });
});
