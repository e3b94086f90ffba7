import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/core/types.js';
import { EmbedderEmbeddings } from '../../../src/embedding/langchain-embeddings.js';
import { buildVectorStore, loadVectorStore } from '../../../src/index/vector-store.js';
import { createCountingEmbedder } from './fake-embedder.js';

const vocabulary = ['troops', 'border', 'cartel', 'drone', 'president', 'law'];
const embedder = createCountingEmbedder({ vocabulary });
const embeddings = new EmbedderEmbeddings(embedder);

function chunk(id: string, text: string): Chunk {
  return { id, articleId: 'article', sentenceIds: [id], start: 0, end: text.length, text, embedText: text };
}

const chunks = [
  chunk('a', 'Troops gathered at the border.'),
  chunk('b', 'The cartel used a drone.'),
  chunk('c', 'The president spoke about the law.'),
];

async function storeOf(items: readonly Chunk[]) {
  const vectors = await embedder.embed(items.map((item) => item.embedText));
  return buildVectorStore({ chunks: items, vectors, dimensions: vocabulary.length, embeddings });
}

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('vector store', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('returns the nearest chunk first, with similarities in [0, 1] from near to far', async () => {
    const store = await storeOf(chunks);
    const [query] = await embedder.embed(['Where are the cartel drones and drone strikes?']);
    const hits = await store.search(query ?? [], 3);
    expect(hits.map((hit) => hit.chunkId)[0]).toBe('b');
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(hit.similarity).toBeGreaterThanOrEqual(0);
      expect(hit.similarity).toBeLessThanOrEqual(1);
    }
    const similarities = hits.map((hit) => hit.similarity);
    expect(similarities).toEqual([...similarities].sort((left, right) => right - left));
  });

  it('gives an identical vector a similarity of 1', async () => {
    const store = await storeOf(chunks);
    const [query] = await embedder.embed([chunks[2]?.embedText ?? '']);
    const [best] = await store.search(query ?? [], 1);
    expect(best?.chunkId).toBe('c');
    expect(best?.similarity).toBeCloseTo(1, 5);
  });

  it('returns no more hits than it holds', async () => {
    const store = await storeOf(chunks);
    const [query] = await embedder.embed(['law']);
    expect(await store.search(query ?? [], 50)).toHaveLength(3);
  });

  it('answers the same after being saved and loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-vectors-'));
    dirs.push(dir);
    const store = await storeOf(chunks);
    await store.save(join(dir, 'hnsw'));
    const loaded = await loadVectorStore(join(dir, 'hnsw'), { embedder });
    const [query] = await embedder.embed(['troops at the border']);
    expect(await loaded.search(query ?? [], 3)).toEqual(await store.search(query ?? [], 3));
    expect(loaded.size).toBe(3);
    expect(loaded.dimensions).toBe(vocabulary.length);
  });

  it('offers a loaded store to LangChain, finding the same nearest chunk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-vectors-'));
    dirs.push(dir);
    await (await storeOf(chunks)).save(dir);
    const loaded = await loadVectorStore(dir, { embedder });
    const [query] = await embedder.embed(['troops at the border']);
    const [[document] = []] = await (await loaded.langchainStore()).similaritySearchVectorWithScore(query ?? [], 1);
    expect(document?.pageContent).toBe('Troops gathered at the border.');
    expect(document?.metadata).toEqual({ chunkIds: ['a'] });
  });

  it('finds nothing, without failing, when it holds no chunks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-vectors-'));
    dirs.push(dir);
    const store = await storeOf([]);
    await store.save(dir);
    const loaded = await loadVectorStore(dir, { embedder });
    expect(await loaded.search([1, 0, 0, 0, 0, 0], 5)).toEqual([]);
  });

  it('refuses a question vector of another length, naming the fix', async () => {
    const store = await storeOf(chunks);
    await expect(store.search([1, 2, 3], 1)).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
  });

  it('holds one vector for chunks sharing a text and returns every one of them, equally similar', async () => {
    const repeated = [...chunks, chunk('a-again', 'Troops gathered at the border.')];
    const store = await storeOf(repeated);
    expect(store.size).toBe(3);
    expect(store.chunkCount).toBe(4);
    const [query] = await embedder.embed(['troops at the border']);
    const hits = await store.search(query ?? [], 1);
    expect(hits.map((hit) => hit.chunkId)).toEqual(['a', 'a-again']);
    expect(hits[0]?.similarity).toBe(hits[1]?.similarity);
  });

  it('counts k in distinct vectors, so repeated texts add hits rather than crowd others out', async () => {
    const repeated = [...chunks, chunk('a-again', 'Troops gathered at the border.')];
    const store = await storeOf(repeated);
    const [query] = await embedder.embed(['troops at the border']);
    const hits = await store.search(query ?? [], 2);
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((hit) => hit.similarity)).size).toBe(2);
  });

  it('keeps chunks sharing a vector, and their text, after being saved and loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-vectors-'));
    dirs.push(dir);
    const repeated = [...chunks, chunk('a-again', 'Troops gathered at the border.')];
    await (await storeOf(repeated)).save(dir);
    const loaded = await loadVectorStore(dir, { embedder });
    expect(loaded.size).toBe(3);
    expect(loaded.chunkCount).toBe(4);
    expect(loaded.embedTextOf('a-again')).toBe('Troops gathered at the border.');
    expect(loaded.embedTextOf('unknown')).toBeUndefined();
  });

  it('finds the true nearest neighbour among many vectors', async () => {
    const next = random(7);
    const dimensions = 16;
    const vectors = Array.from({ length: 2000 }, () => Array.from({ length: dimensions }, () => next() - 0.5));
    const many = vectors.map((_, position) => chunk(`v${position}`, `vector ${position}`));
    const store = await buildVectorStore({ chunks: many, vectors, dimensions, embeddings });
    const cosine = (left: number[], right: number[]) => {
      const dot = left.reduce((sum, value, position) => sum + value * (right[position] ?? 0), 0);
      return dot / (Math.hypot(...left) * Math.hypot(...right));
    };
    for (let query = 0; query < 50; query += 1) {
      const vector = Array.from({ length: dimensions }, () => next() - 0.5);
      const nearest = vectors
        .map((candidate, position) => ({ position, similarity: cosine(vector, candidate) }))
        .sort((left, right) => right.similarity - left.similarity)[0];
      const [hit] = await store.search(vector, 5);
      expect(hit?.chunkId).toBe(`v${nearest?.position}`);
    }
  });
});
