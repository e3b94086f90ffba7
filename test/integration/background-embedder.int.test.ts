import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackgroundLocalEmbedder } from '../../src/embedding/background-local-embedder.js';
import { createLocalEmbedder } from '../../src/embedding/local-embedder.js';

const run = promisify(execFile);
const background = createBackgroundLocalEmbedder();
const texts = ['What would the government have to prove before attacking?', 'The council rejected the plan.'];

afterAll(async () => {
  await background.close();
});

describe('the question model loading in a worker thread', () => {
  it('returns the vectors the model returns on the calling thread', async () => {
    const [fromWorker, fromHere] = await Promise.all([background.embed(texts), createLocalEmbedder().embed(texts)]);
    expect(fromWorker).toHaveLength(texts.length);
    fromWorker.forEach((vector, index) => {
      expect(vector).toHaveLength(512);
      vector.forEach((value, dimension) => expect(value).toBeCloseTo(fromHere[index]?.[dimension] ?? Number.NaN, 5));
    });
  });

  it('refuses an empty text with a clear error', async () => {
    await expect(background.embed(['fine', '  '])).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
  });

  it('still embeds, on the calling thread, after its worker was stopped', async () => {
    await background.close();
    expect(await background.embed(texts.slice(0, 1))).toHaveLength(1);
  });

  it('lets a command that never embeds exit while the model is still loading', async () => {
    // A worker left referenced would keep the process alive: execFile would hit its timeout.
    const script = `import { createBackgroundLocalEmbedder } from ${JSON.stringify(resolve('src/embedding/background-local-embedder.ts'))};
createBackgroundLocalEmbedder(); console.log('done');`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).toBe('done');
  });
});
