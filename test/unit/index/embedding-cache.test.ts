import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmbeddingCache } from '../../../src/embedding/cached-embedder.js';
import { createCountingEmbedder } from './fake-embedder.js';

const vocabulary = ['alpha', 'beta', 'gamma'];

describe('embedding cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verbatim-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends only texts it has not seen to the model, and returns vectors in order', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const cache = withEmbeddingCache(model, { dir });
    const first = await cache.embed(['alpha', 'beta']);
    const second = await cache.embed(['beta', 'gamma', 'alpha']);
    expect(model.received).toEqual(['alpha', 'beta', 'gamma']);
    expect(second).toEqual([first[1], expect.any(Array), first[0]]);
    expect(cache.stats).toEqual({ hits: 2, misses: 3 });
  });

  it('embeds a text repeated within one call once', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const vectors = await withEmbeddingCache(model, { dir }).embed(['alpha', 'alpha']);
    expect(model.received).toEqual(['alpha']);
    expect(vectors[0]).toEqual(vectors[1]);
  });

  it('keeps the vectors of one model apart from another', async () => {
    const first = createCountingEmbedder({ vocabulary, modelId: 'fake:first' });
    const second = createCountingEmbedder({ vocabulary, modelId: 'fake:second' });
    await withEmbeddingCache(first, { dir }).embed(['alpha']);
    await withEmbeddingCache(second, { dir }).embed(['alpha']);
    expect(second.received).toEqual(['alpha']);
  });

  it('gives back the same vectors from disk as it first returned', async () => {
    const model = createCountingEmbedder({ vocabulary: ['alpha'] });
    const fresh = await withEmbeddingCache(model, { dir }).embed(['alpha alpha alpha']);
    const cached = await withEmbeddingCache(model, { dir }).embed(['alpha alpha alpha']);
    expect(cached).toEqual(fresh);
    expect(model.received).toHaveLength(1);
  });

  it('counts how many texts are cached without embedding', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const cache = withEmbeddingCache(model, { dir });
    await cache.embed(['alpha']);
    expect(await cache.countCached(['alpha', 'beta'])).toBe(1);
    expect(model.received).toEqual(['alpha']);
  });

  it('re-embeds a damaged entry, keeps the ones before it, and leaves a healthy file', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha']);
    const path = await cacheFile();
    const sizeWithOne = (await readFile(path)).length;
    await withEmbeddingCache(model, { dir }).embed(['beta']);
    const contents = await readFile(path);
    contents[sizeWithOne + 40] = (contents[sizeWithOne + 40] ?? 0) ^ 0xff;
    await writeFile(path, contents);

    model.received.length = 0;
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    expect(model.received).toEqual(['beta']);
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    expect(model.received).toEqual(['beta']);
  });

  it('keeps every entry written before a crash that tore the last append', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    const path = await cacheFile();
    await withEmbeddingCache(model, { dir }).embed(['gamma']);
    const contents = await readFile(path);
    await writeFile(path, contents.subarray(0, contents.length - 5));

    model.received.length = 0;
    const cache = withEmbeddingCache(model, { dir });
    await cache.embed(['alpha', 'beta', 'gamma']);
    expect(model.received).toEqual(['gamma']);
    expect(cache.stats).toEqual({ hits: 2, misses: 1 });
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta', 'gamma']);
    expect(model.received).toEqual(['gamma']);
  });

  it('adds new vectors to the file without rewriting the ones already cached', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha']);
    const path = await cacheFile();
    const withOne = await readFile(path);
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    const withTwo = await readFile(path);
    await withEmbeddingCache(model, { dir, saveEvery: 1 }).embed(['alpha', 'gamma', 'beta', 'alpha beta']);
    const withFour = await readFile(path);

    expect(withTwo.subarray(0, withOne.length).equals(withOne)).toBe(true);
    expect(withFour.subarray(0, withTwo.length).equals(withTwo)).toBe(true);
    const recordBytes = withTwo.length - withOne.length;
    expect(withFour.length - withTwo.length).toBe(2 * recordBytes);
  });

  it('starts afresh, without failing, when the file is not a cache of this model', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha']);
    await writeFile(await cacheFile(), '{"modelId": "fake:word-counts", "vectors": {"ab');
    model.received.length = 0;
    const vectors = await withEmbeddingCache(model, { dir }).embed(['alpha']);
    expect(model.received).toEqual(['alpha']);
    expect(vectors[0]).toHaveLength(vocabulary.length);
  });

  it('replaces the cache file of the earlier JSON format instead of reading it', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha']);
    const name = (await cacheFile()).replace(/\.v\d+\.bin$/, '.json');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await writeFile(name, JSON.stringify({ modelId: model.modelId, vectors: {} }));

    model.received.length = 0;
    await withEmbeddingCache(model, { dir }).embed(['alpha']);
    expect(model.received).toEqual(['alpha']);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/\.v2\.bin$/)]);
  });

  it('leaves no temporary files behind', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta', 'gamma']);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^embeddings-[0-9a-f]+\.v2\.bin$/);
  });

  async function cacheFile(): Promise<string> {
    const [file] = await readdir(dir);
    return join(dir, file ?? 'missing');
  }

});
