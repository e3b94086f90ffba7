import type { VectorStore } from '../index/vector-store.js';
import type { SearchableIndex } from '../retrieval/retriever.js';

type VectorSearch = SearchableIndex['vectorStore'];

/**
 * An added article's vectors searched exactly, without its HNSW graph. An hnswlib index costs
 * ~2.6 MB of native memory however small it is (65,536 label locks), which made 2,000 added
 * articles cost 5 GB; an article's few dozen vectors (80 KB) compared one by one take microseconds
 * and find the true nearest. Same results as `VectorStore.search`: the `k` nearest distinct vectors,
 * each expanded to every chunk sharing it, cosine similarity clamped to [0, 1].
 */
export function exactVectorsOf(store: VectorStore): VectorSearch {
  const native = store.langchainStore.index;
  const dimensions = store.dimensions;
  const count = store.size;
  const vectors = new Float32Array(count * dimensions);
  const chunkIdsByLabel: string[][] = [];
  for (let label = 0; label < count; label += 1) {
    vectors.set(normalised(native.getPoint(label)), label * dimensions);
    const chunkIds = store.langchainStore.docstore.search(String(label)).metadata.chunkIds as unknown;
    chunkIdsByLabel.push(Array.isArray(chunkIds) ? chunkIds.filter((chunkId): chunkId is string => typeof chunkId === 'string') : []);
  }
  return {
    async search(vector, k) {
      // The real store refuses a question vector of another length; the manifest check keeps that from happening here.
      if (vector.length !== dimensions || count === 0) return store.search(vector, k);
      const query = normalised(vector);
      const scored: Array<{ label: number; similarity: number }> = [];
      for (let label = 0; label < count; label += 1) {
        let dot = 0;
        const offset = label * dimensions;
        for (let dimension = 0; dimension < dimensions; dimension += 1) dot += (vectors[offset + dimension] ?? 0) * (query[dimension] ?? 0);
        scored.push({ label, similarity: Math.min(1, Math.max(0, dot)) });
      }
      scored.sort((left, right) => right.similarity - left.similarity || left.label - right.label);
      return scored
        .slice(0, Math.max(0, Math.floor(k)))
        .flatMap(({ label, similarity }) => (chunkIdsByLabel[label] ?? []).map((chunkId) => ({ chunkId, similarity })));
    },
  };
}

function normalised(vector: readonly number[]): Float32Array {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const length = Math.sqrt(squares) || 1;
  return Float32Array.from(vector, (value) => value / length);
}
