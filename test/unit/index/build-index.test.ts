import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmbeddingCache } from '../../../src/embedding/cached-embedder.js';
import { buildIndex } from '../../../src/index/build-index.js';
import { makeArticle } from '../chunking/article-fixture.js';
import { createCountingEmbedder } from './fake-embedder.js';

const vocabulary = ['troops', 'border', 'cartel', 'drone', 'president', 'law'];

const article = makeArticle({
  id: 'strike',
  paragraphs: [
    ['Troops gathered at the border.', 'The cartel used a drone.'],
    ['The president spoke about the law.'],
  ],
});
const chunkCount = 4;

describe('buildIndex', () => {
  let root: string;
  let cacheDir: string;
  let indexDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'verbatim-build-'));
    cacheDir = join(root, 'cache');
    indexDir = join(root, 'index');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('embeds nothing again when the articles have not changed', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const first = await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    expect(first).toMatchObject({ embedded: chunkCount, reused: 0 });
    expect(model.received).toHaveLength(chunkCount);

    // A new process: a fresh cache object reading the same folder.
    const second = await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    expect(second).toMatchObject({ embedded: 0, reused: chunkCount });
    expect(model.received).toHaveLength(chunkCount);
  });

  it('embeds only the chunks whose text changed', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    const edited = makeArticle({
      id: 'strike',
      paragraphs: [
        ['Troops gathered at the border.', 'The cartel used a drone.'],
        ['The president spoke about the new law.'],
      ],
    });
    model.received.length = 0;
    const result = await buildIndex({ articles: [edited], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    expect(model.received).toEqual(['The president spoke about the new law.']);
    expect(result).toMatchObject({ embedded: 1, reused: chunkCount - 1 });
  });

  it('ignores a damaged cache file and rebuilds it', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    const [cacheFile] = await readdir(cacheDir);
    await writeFile(join(cacheDir, cacheFile ?? 'missing'), '{"modelId": "fake:word-counts", "vectors": {"ab');

    const rebuilt = await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    expect(rebuilt.embedded).toBe(chunkCount);
    const again = await buildIndex({ articles: [article], embedder: withEmbeddingCache(model, { dir: cacheDir }), indexDir });
    expect(again.embedded).toBe(0);
  });

  it('reports progress for people: what it embeds and what it wrote', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const lines: string[] = [];
    const embedder = withEmbeddingCache(model, { dir: cacheDir });
    await buildIndex({ articles: [article], embedder, indexDir, onProgress: (line) => lines.push(line) });
    await buildIndex({ articles: [article], embedder, indexDir, onProgress: (line) => lines.push(line) });
    expect(lines[0]).toBe('Embedding 4 chunks (0 cached)…');
    expect(lines[1]).toMatch(new RegExp(`^Index written to ${indexDir} \\(1 article, 3 sentences, 4 chunks\\) in [\\d.]+ s$`));
    expect(lines[2]).toBe('Embedding 4 chunks (4 cached)…');
  });

  it('works without a cache, embedding everything', async () => {
    const model = createCountingEmbedder({ vocabulary });
    const result = await buildIndex({ articles: [article], embedder: model, indexDir });
    expect(result).toMatchObject({ embedded: chunkCount, reused: 0 });
    expect(result.manifest).toMatchObject({ embeddingModel: 'fake:word-counts', dimensions: vocabulary.length });
  });

  it('refuses to build an index from no articles', async () => {
    const model = createCountingEmbedder({ vocabulary });
    await expect(buildIndex({ articles: [], embedder: model, indexDir })).rejects.toMatchObject({ code: 'NO_ARTICLES' });
  });
});
