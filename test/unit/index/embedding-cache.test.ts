import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('drops damaged entries and re-embeds them, keeping the good ones', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    const [file] = await readdir(dir);
    const path = join(dir, file ?? 'missing');
    const contents = JSON.parse(await readFile(path, 'utf8')) as { vectors: Record<string, string> };
    const [damagedKey] = Object.keys(contents.vectors);
    contents.vectors[damagedKey ?? ''] = 'not*base64';
    await writeFile(path, JSON.stringify(contents));

    model.received.length = 0;
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta']);
    expect(model.received).toHaveLength(1);
  });

  it('leaves no temporary files behind', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await withEmbeddingCache(model, { dir }).embed(['alpha', 'beta', 'gamma']);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^embeddings-[0-9a-f]+\.json$/);
  });
});
