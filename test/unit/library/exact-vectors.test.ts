import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/core/types.js';
import { EmbedderEmbeddings } from '../../../src/embedding/langchain-embeddings.js';
import { buildVectorStore } from '../../../src/index/vector-store.js';
import { exactVectorSearch, readStoredVectors } from '../../../src/library/exact-vectors.js';
import { createCountingEmbedder } from '../index/fake-embedder.js';

const vocabulary = ['frost', 'orchard', 'council', 'library', 'strike', 'port'];
const embedder = createCountingEmbedder({ vocabulary });

function chunk(id: string, text: string): Chunk {
  return { id, articleId: 'article', sentenceIds: [id], start: 0, end: text.length, text, embedText: text };
}

describe('exact search over an added article’s saved vectors', () => {
  it('finds the same nearest chunks with the same similarities as the HNSW store it was saved from, repeated texts expanded', async () => {
    const chunks = [
      chunk('a', 'Frost hit the orchard.'),
      chunk('b', 'The council closed the library.'),
      chunk('c', 'The port strike went on.'),
      chunk('d', 'Frost hit the orchard.'),
      chunk('e', 'The library council met about the library.'),
    ];
    const store = await buildVectorStore({
      chunks,
      vectors: await embedder.embed(chunks.map((item) => item.embedText)),
      dimensions: vocabulary.length,
      embeddings: new EmbedderEmbeddings(embedder),
    });
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-vectors-'));
    try {
      await store.save(dir);
      const stored = await readStoredVectors(dir, vocabulary.length);
      expect(stored.map((entry) => entry.chunkIds)).toEqual([['a', 'd'], ['b'], ['c'], ['e']]);
      const exact = exactVectorSearch(stored, vocabulary.length);
      for (const [question, k] of [['frost in the orchard', 1], ['library', 1], ['council closed', 1], ['port strike', 1], ['library council', 4]] as const) {
        const [vector] = await embedder.embed([question]);
        const expected = await store.search(vector ?? [], k);
        const found = await exact.search(vector ?? [], k);
        expect(found.map((hit) => hit.chunkId).sort()).toEqual(expected.map((hit) => hit.chunkId).sort());
        found.forEach((hit) => expect(hit.similarity).toBeCloseTo(expected.find((other) => other.chunkId === hit.chunkId)?.similarity ?? -1, 5));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
